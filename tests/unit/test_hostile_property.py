"""Property-based hostile input: whatever arrives, ``process`` ends done or failed, never raises,
and ``to_article`` refuses a payload only with ``InvalidPayload`` or ``PayloadTooLarge``.

Derandomized (the examples are the same on every run) and without an example database, so CI
is deterministic; ~300 examples in all take a few seconds.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.models import ArticleIn, JobStatus
from tasks.pipeline import process
from worker.errors import InvalidPayload, PayloadTooLarge
from worker.payloads import to_article
from worker.store import pack

# A generous per-example deadline: an example takes milliseconds, but the first one through the
# metadata stage loads its language and date tables (~1 s on a quiet machine).
DEADLINE = timedelta(seconds=10)
PROPERTY = settings(max_examples=150, deadline=DEADLINE, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Every code point, lone surrogates (excluded by default) and controls included: what a JSON
# string can carry.
ANY_CHAR = st.characters(exclude_categories=())
FRAGMENTS = st.sampled_from([
    "<!DOCTYPE html>", "<html>", "<head>", "<title>", "</title>", "<body>", "</body>", "<p>", "</p>",
    "<div class='story byline'>", "</div>", "<article>", "</article>", "<h1>", "<h2>", "<a href='/x'>",
    "</a>", "<img src='data:x'>", "<table><tr><td>", "</td></tr></table>", "<script>", "</script>",
    "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": ",
    "<style>", "</style>", "<!--", "-->", "<![CDATA[", "]]>", "<?xml version='1.0'?>",
    "<!DOCTYPE x [<!ENTITY a '&a;&a;'>]>", "&a;", "&amp;", "&#0;", "&#xD800;", "&nbsp;", "&bogus;",
    "<meta name='author' content='", "<meta property='article:published_time' content='2024-02-30'>",
    "<time datetime='9999-99-99'>", "By Jane Doe\n", "\n\n", "\r\n", "\t", "<", ">", "\"", "'",
    "\x00", "\ufffd", "\ud800", "\u202e", "\u00ad", "https://example.com/a", "{", "}", "[", "]",
])
# Article-like prose with hostile characters inside: it survives cleaning, so they reach the
# result (random words would be dropped as boilerplate and prove nothing).
SENTENCES = st.sampled_from([
    "The council approved the new bridge on Tuesday after a two-hour debate in the town hall.",
    "Mayor Jane Doe said construction would begin in the spring and end before the next election.",
    "Opponents argued that the money would be better spent on schools and on the old harbour.",
    "“We have waited twenty years for this,” said Ahmed Khan, who runs a bakery by the river.",
])
ODD = st.sampled_from(["\ud800", "\udfff", "\x00", "\x1b", "\ufffd", "\u202e", "\u2028", "\ufeff", "&amp;", "<b>"])


@st.composite
def _paragraph(draw: st.DrawFn) -> str:
    words = " ".join(draw(st.lists(SENTENCES, min_size=2, max_size=4))).split(" ")
    for _ in range(draw(st.integers(0, 3))):
        words.insert(draw(st.integers(0, len(words))), draw(ODD))
    return " ".join(words)


PROSE = st.lists(_paragraph(), min_size=2, max_size=6).map(lambda ps: "Bridge approved\n\n" + "\n\n".join(ps))
HTMLISH = st.lists(st.one_of(FRAGMENTS, _paragraph(), st.text(ANY_CHAR, max_size=30)), max_size=60).map("".join)
CONTENT = st.one_of(st.text(ANY_CHAR, max_size=3000), HTMLISH, PROSE)
CONTENT_TYPE = st.sampled_from(["html", "text", "auto"])

JSON_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
                         st.text(ANY_CHAR, max_size=40))
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(ANY_CHAR, max_size=8), inner,
                                                                         max_size=4)),
    max_leaves=12,
)
ANY_VALUE = st.one_of(JSON_SCALARS, JSON_VALUES)
# Each field absent, of the right type with hostile content, or of any JSON type; plus a stray key.
PAYLOAD = st.fixed_dictionaries({}, optional={
    "content": st.one_of(CONTENT, ANY_VALUE),
    "id": st.one_of(st.text(ANY_CHAR, max_size=20), st.from_regex(r"[A-Za-z0-9._:-]{1,30}", fullmatch=True), ANY_VALUE),
    "url": st.one_of(st.text(ANY_CHAR, max_size=40), ANY_VALUE),
    "content_type": st.one_of(CONTENT_TYPE, ANY_VALUE),
    "source": st.one_of(st.text(ANY_CHAR, max_size=20), ANY_VALUE),
    "received_at": st.one_of(st.datetimes().map(str), ANY_VALUE),
    "extra": st.one_of(st.dictionaries(st.text(ANY_CHAR, max_size=5), st.text(ANY_CHAR, max_size=9), max_size=3),
                       ANY_VALUE),
    "unexpected": ANY_VALUE,
})
# Small, so that the size limit is hit as often as validation errors.
MAX_BYTES = 2_000


@PROPERTY
@given(content=CONTENT, content_type=CONTENT_TYPE, url=st.one_of(st.none(), st.text(ANY_CHAR, max_size=60)))
def test_process_never_raises(content: str, content_type: str, url: str | None) -> None:
    """Any text or HTML-ish string, any declared type: a done or failed result, storable."""
    result = process(ArticleIn(content=content, content_type=content_type, url=url))  # type: ignore[arg-type]
    assert result.status in (JobStatus.DONE, JobStatus.FAILED)
    assert (result.error is None) == (result.status is JobStatus.DONE)
    if result.error is not None:
        assert result.error.type and result.error.message
    pack(result)  # valid Unicode and JSON all the way to the store


@PROPERTY
@given(payload=st.one_of(PAYLOAD, JSON_VALUES))
def test_to_article_raises_only_payload_errors(payload: Any) -> None:
    """Any JSON-ish payload is an article that can be stored, or InvalidPayload/PayloadTooLarge."""
    try:
        article = to_article(payload, MAX_BYTES)
    except (InvalidPayload, PayloadTooLarge) as exc:
        assert str(exc)
        return
    assert len(article.content.encode("utf-8")) <= MAX_BYTES
    pack(article)
