"""Hostile payloads (tests/hostile.py) through the stages in-process: each ends done or failed.

No exception escapes ``process``, every stage stays well inside the per-article soft limit,
and each payload ends as the corpus says (a typed error with a readable reason when failed).
Budgets are CPU seconds of this process (``time.process_time``), not wall time: on a loaded
machine a stage waits for a core as long as the other processes keep it, and wall budgets
failed there (``entities_as_text``); a stage that really blows up spins on the core and fails.
The payloads that take seconds run in the slow ring; the integration ring sends them all to a
real worker.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from unittest import mock

import pytest
from celery import Celery
from pydantic import BaseModel

from tasks.clean import clean
from tasks.clean.detect import detect_content_type, looks_binary
from tasks.clean.guards import sanitize_text
from tasks.models import STORED_PAYLOAD, ArticleIn, ArticleResult, ContentType, JobStatus
from tasks.options import StageOptions
from tasks.pipeline import process
from tasks.stages import Stage, run_timed, stage_named
from tests import hostile
from worker.app import create_app
from worker.client import Client
from worker.errors import PayloadTooLarge, StageRejected
from worker.limits import ArticleTimeLimitExceeded, article_deadline
from worker.payloads import to_article
from worker.settings import Settings
from worker.store import InMemoryResultStore, pack

SOFT_LIMIT_S = Settings().article_soft_limit_s
# Each stage must finish in three quarters of the per-article soft limit (15 s by default) of CPU
# time: a bound, not a benchmark. The slowest stage of the corpus takes ~7 s on a quiet core.
STAGE_BUDGET_S = SOFT_LIMIT_S * 0.75
# Payloads of megabytes, each taking 2-10 s in-process: run by `make test-slow` here, and by
# the default suite through a real worker (tests/integration/test_hostile_worker.py).
HEAVY = {
    "html_at_limit", "text_at_limit", "giant_attribute", "long_line_text", "css_declared_html",
    "regex_bait_tags", "many_entities", "script_only", "text_lines_at_limit", "entities_as_text",
    "long_word_text", "long_line_html",
}
PROCESSED = [h for h in hostile.CORPUS if h.expect != "refused"]


def stage_cpu_seconds(article: ArticleIn) -> tuple[ArticleResult, dict[str, float]]:
    """``process`` with the CPU seconds each stage took; the result's ``timings_ms`` are wall time."""
    spent: dict[str, float] = {}

    def timed(stage: Stage, value: BaseModel, options: StageOptions) -> BaseModel:
        start = time.process_time()
        try:
            return run_timed(stage, value, options)
        finally:
            spent[stage.name] = time.process_time() - start

    with mock.patch("tasks.pipeline.run_timed", timed):
        return process(article), spent


def _spin(seconds: float) -> None:
    """Keep the core busy for ``seconds`` of CPU time, as a runaway regex or loop would.

    The clock is read only between runs of pure Python work: reading it is a system call, and
    a loop of nothing else spends its time in the kernel, which the CPU-time limit (user time,
    ``ITIMER_VIRTUAL``) does not count.
    """
    end = time.process_time() + seconds
    while time.process_time() < end:
        sum(range(10_000))


def _params(cases: list[hostile.Hostile]) -> list[object]:
    return [
        pytest.param(h, id=h.name, marks=[pytest.mark.slow] if h.name in HEAVY else [])
        for h in cases
    ]


@pytest.mark.parametrize("case", _params(PROCESSED))
def test_hostile_payload_ends_as_expected_in_time(case: hostile.Hostile) -> None:
    """The payload validates, then ends done or failed (typed, with a reason), each stage in budget."""
    article = to_article(case.make(), hostile.LIMIT_BYTES)
    result, spent = stage_cpu_seconds(article)
    assert result.status.value in case.expect.split("|"), result.error
    if result.status is JobStatus.FAILED:
        assert result.error is not None and result.error.message
        if case.error:
            assert result.error.type == case.error
        if case.reason:
            assert case.reason in result.error.message
    assert sum(spent.values()) < 3 * STAGE_BUDGET_S
    assert all(seconds < STAGE_BUDGET_S for seconds in spent.values()), spent
    pack(result)  # the result is storable: valid Unicode, JSON-serialisable


@pytest.mark.parametrize(("stall", "over_budget"), [(_spin, True), (time.sleep, False)])
def test_the_cpu_budget_fails_a_stage_that_spins_not_one_kept_waiting(
    stall: Callable[[float], None], over_budget: bool
) -> None:
    """A stage spinning past its budget fails it; one kept waiting as long (as on a loaded
    machine) does not, though its wall time is past the budget too."""
    budget_s = 0.2
    split = stage_named("split_sections").run
    real = split.load()  # type: ignore[attr-defined]

    def stalled(value: BaseModel) -> BaseModel:
        stall(budget_s * 1.5)
        return real(value)

    with mock.patch.object(split, "_function", stalled):
        result, spent = stage_cpu_seconds(ArticleIn(**hostile.nul_bytes_in_html()))
    assert result.timings_ms["split_sections"] >= budget_s * 1000
    assert (spent["split_sections"] >= budget_s) is over_budget, spent


def test_oversized_payload_is_refused_at_submit_before_parsing() -> None:
    """50 MB is refused by ``to_article`` with PayloadTooLarge; no stage code runs."""
    payload = hostile.oversized_50mb()
    with mock.patch("tasks.clean.stage.admit", side_effect=AssertionError("parsed")), \
         pytest.raises(PayloadTooLarge) as refused:
        to_article(payload, hostile.LIMIT_BYTES)
    assert refused.value.size > 9 * hostile.LIMIT_BYTES


def test_payload_at_the_limit_is_accepted() -> None:
    """Exactly the limit minus one byte passes submit; one byte more does not."""
    content = hostile.html_at_limit()["content"]
    assert to_article({"content": content}, hostile.LIMIT_BYTES).content == content
    with pytest.raises(PayloadTooLarge):
        to_article({"content": content + "ab"}, hostile.LIMIT_BYTES)


def test_submit_many_records_hostile_payloads_and_goes_on() -> None:
    """Oversized and surrogate-laden payloads in a batch: the rest is still enqueued."""
    settings = Settings(queue="hostile-unit", batch_size=4, max_payload_bytes=hostile.LIMIT_BYTES)
    app: Celery = create_app(settings)
    try:
        client = Client(settings=settings, store=InMemoryResultStore(), app=app)
        payloads = [hostile.oversized_50mb(), hostile.lone_surrogates(), hostile.nul_bytes_in_html(),
                    {"content": "x", "url": 5}, hostile.empty()]
        ids = client.submit_many(payloads)
        assert len(set(ids)) == 5
        assert client.counts()["failed"] == 2  # the oversized one and the url that is not a string
        assert client.counts()["queued"] == 3
    finally:
        app.close()


def test_lone_surrogates_become_replacement_characters() -> None:
    """Invalid Unicode in any field is repaired at validation, so it can be hashed and stored."""
    article = to_article(hostile.lone_surrogates(), hostile.LIMIT_BYTES)
    assert "\ufffd" in article.content and "\ufffd" in (article.url or "")
    pack(article)
    result = process(article)
    assert result.status is JobStatus.DONE
    assert "bri\ufffddge" in result.text  # not truncated at the surrogate, as lxml would


def test_stored_payload_reads_back_already_repaired() -> None:
    """Stages read payloads without repairing them again: what the store holds is the
    repaired article, so the fast path gives the very model that was accepted."""
    article = to_article(hostile.lone_surrogates(), hostile.LIMIT_BYTES)
    stored = article.model_dump_json().encode()
    assert ArticleIn.model_validate_json(stored, context=STORED_PAYLOAD) == article


def test_nul_bytes_are_dropped_not_fatal() -> None:
    """A few NULs in a real page are removed; the article is extracted."""
    result = process(ArticleIn(**hostile.nul_bytes_in_html()))
    assert result.status is JobStatus.DONE
    assert "Tuesday" in result.text and "\x00" not in result.text
    assert sanitize_text("a\x00b\x07c\td") == "abc\td"


def test_external_entity_is_not_resolved() -> None:
    """An XXE reference to /etc/passwd never brings the file into the result."""
    result = process(ArticleIn(**hostile.external_entity()))
    assert result.status is JobStatus.DONE and "council approved" in result.text
    assert "root:" not in result.model_dump_json()


def test_entity_bomb_is_not_expanded_and_the_article_is_kept() -> None:
    """The billion-laughs doctype is dropped: its entities stay unexpanded, the article is read."""
    start = time.process_time()
    result = process(ArticleIn(**hostile.billion_laughs()))
    assert result.status is JobStatus.DONE and "council approved" in result.text
    assert "lollol" not in result.text and len(result.text) < 10_000
    assert time.process_time() - start < STAGE_BUDGET_S


def test_contradicted_content_type_is_overridden() -> None:
    """A whole HTML page declared text is parsed as HTML; tagless text declared HTML as text."""
    as_text = clean(ArticleIn(**hostile.html_declared_text()))
    assert as_text.source.content_type == "html" and as_text.source.declared_content_type == "text"
    assert "<p>" not in as_text.text and "bridge" in as_text.text
    as_html = clean(ArticleIn(**hostile.text_declared_html()))
    assert as_html.source.content_type == "text" and "bridge" in as_html.text


@pytest.mark.parametrize(("content", "reason"), [
    ('{"items": [1, 2, 3]}', "JSON"),
    ('<?xml version="1.0"?><rss><channel/></rss>', r"XML document \(<rss>\)"),
    ("\x00\x01\x02 binary", "control characters"),
    ("\ufffd" * 50 + "abc", "undecodable"),
])
def test_other_formats_are_rejected_with_their_name(content: str, reason: str) -> None:
    """JSON, non-HTML XML and binary are refused by clean, saying what they are."""
    with pytest.raises(StageRejected, match=reason):
        clean(ArticleIn(content=content, content_type=ContentType.HTML))


def test_xhtml_with_an_xml_prolog_is_still_html() -> None:
    """An XML prolog before <html> is XHTML, not a foreign format."""
    page = '<?xml version="1.0" encoding="utf-8"?>\n' + hostile.html_declared_text()["content"]
    assert clean(ArticleIn(content=page)).source.content_type == "html"


def test_detection_regexes_do_not_backtrack() -> None:
    """The shapes that made the detector exponential or quadratic take milliseconds."""
    start = time.process_time()
    assert detect_content_type("<!---->" * 40 + "x") is ContentType.TEXT
    detect_content_type("<p class=" * 30_000)
    looks_binary("<p " * 30_000)
    assert time.process_time() - start < 1.0


def test_mis_decoded_latin1_page_is_text_not_binary() -> None:
    """A French page read with the wrong charset (accents became U+FFFD) is still extracted."""
    text = "Le conseil a approuv\ufffd le nouveau pont mardi apr\ufffds un d\ufffdbat de deux heures. " * 40
    assert not looks_binary(text)


def test_article_deadline_interrupts_a_backtracking_regex() -> None:
    """The per-article CPU-time deadline stops a regex stuck in C (``re`` checks for signals).

    libxml2 does not: an article stuck in lxml is bounded by the Celery hard time limit
    (tests/integration/test_hostile_worker.py, slow ring).
    """
    exponential = re.compile(r"^\s*(?:<!--.*?-->\s*)*<html", re.S)
    start = time.process_time()
    with pytest.raises(ArticleTimeLimitExceeded), article_deadline(0.2, "regex"):
        exponential.match("<!---->" * 40 + "x")
    assert time.process_time() - start < 2.0


def test_article_deadline_counts_cpu_time_not_waiting() -> None:
    """An article kept waiting for a core (a sleep here) is not failed by the per-article limit;
    one that spins as long is."""
    with article_deadline(0.1, "waiting"):
        time.sleep(0.3)
    with pytest.raises(ArticleTimeLimitExceeded, match="CPU time"), article_deadline(0.1, "spinning"):
        _spin(0.3)
