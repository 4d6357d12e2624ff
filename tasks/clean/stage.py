"""Stage 1, ``clean``: boilerplate out, main text in, for HTML pages and plain text alike."""

from __future__ import annotations

from collections.abc import Callable

from lxml.html import HtmlElement

from tasks.clean.detect import binary_reason, detect_content_type, foreign_format, has_markup, looks_like_html_document
from tasks.clean.guards import (
    check_decoded_text,
    check_html_attributes,
    check_html_size,
    check_text_size,
    drop_doctype_subset,
    sanitize_text,
)
from tasks.clean.html.extract import PageReading, extract_page
from tasks.clean.learned import Verdict, judge_html, judge_text, type_page
from tasks.common.blocks import render_text
from tasks.errors import StageRejected
from tasks.models import ArticleIn, CleanedArticle, ContentType, FallbackReadings, PageSignals, PageType, SourceInfo
from tasks.options import DEFAULT_OPTIONS, StageOptions

STAGE = "clean"
# A later stage's readings of the page's tree, done here on the tree before it is pruned, given
# the tree, the page's signals, its URL, its type and its source: the metadata stage's
# ``read_fallbacks``, which the stage registry (``tasks/stages.py``) passes in, so that no stage
# imports another and the metadata stage need not parse the page again.
FallbackReader = Callable[[HtmlElement, PageSignals, str | None, PageType | None, str], FallbackReadings]


def resolve_content_type(article: ArticleIn, content: str | None = None) -> ContentType:
    """The declared content type, or the detected one for ``auto``.

    A declaration the content plainly contradicts is overridden (the result keeps both in
    ``source``): a whole HTML document declared ``text``, or ``html`` without a single tag.
    """
    content = article.content if content is None else content
    declared = article.content_type
    if declared is ContentType.AUTO:
        return detect_content_type(content)
    if declared is ContentType.TEXT and looks_like_html_document(content):
        return ContentType.HTML
    if declared is ContentType.HTML and not has_markup(content):
        return ContentType.TEXT
    return declared


def source_info(article: ArticleIn, content_type: ContentType) -> SourceInfo:
    """The ``source`` record of the result."""
    return SourceInfo.of(article, content_type.value)  # type: ignore[arg-type]


def admit(article: ArticleIn, options: StageOptions) -> tuple[str, ContentType]:
    """The content, sanitised and bounded, with its type: what the parsers may see.

    Raises:
        StageRejected: the content is empty, binary, another format, or too big to parse.
    """
    content = article.content[: options.max_parse_chars]
    if not content.strip():
        raise StageRejected(STAGE, "content is empty")
    reason = binary_reason(content)
    if reason:
        raise StageRejected(STAGE, reason)
    content = drop_doctype_subset(sanitize_text(content))
    fmt = foreign_format(content)
    if fmt:
        raise StageRejected(STAGE, f"content is {fmt}, not HTML or text")
    content_type = resolve_content_type(article, content)
    if content_type is ContentType.HTML:
        check_html_size(content, STAGE, options)
        check_html_attributes(content, STAGE, options)
    else:
        check_text_size(content, STAGE, options)
    return content, content_type


def judge_page(
    html: str, url: str | None, options: StageOptions, read_fallbacks: FallbackReader | None = None
) -> tuple[Verdict, PageSignals | None]:
    """An HTML page's verdicts, and its signals with the readings of its tree the metadata stage
    will ask for (``read_fallbacks``): done before the pruning, with the page's type (the
    classifier reads the unpruned page only), so that the metadata stage need not parse the page
    again. Without ``read_fallbacks`` the signals carry no readings (the metadata stage parses
    the page for those it needs)."""
    typed: tuple[PageType, float] | None = None

    def read_ahead(root: HtmlElement, signals: PageSignals, reading: PageReading) -> PageSignals:
        nonlocal typed
        typed = type_page(reading)
        fallbacks = read_fallbacks(root, signals, url, typed[0], html) if read_fallbacks else None
        return signals.model_copy(update={"fallbacks": fallbacks})

    page = extract_page(html, url, options, read_ahead)
    if page is None:
        return Verdict([], [], None, 0.0), None
    return judge_html(page, typed), page.signals


def clean(
    article: ArticleIn, options: StageOptions = DEFAULT_OPTIONS, read_fallbacks: FallbackReader | None = None
) -> CleanedArticle:
    """Extract the main content of one article.

    ``read_fallbacks``: the metadata stage's readings of an HTML page's tree, done on the tree
    before pruning and passed on in ``signals.fallbacks`` (the registry gives it; without it,
    the metadata stage parses the page again for them).

    Raises:
        StageRejected: the content is empty, binary, another format, or too big to parse.
    """
    content, content_type = admit(article, options)
    signals = None
    if content_type is ContentType.HTML:
        verdict, signals = judge_page(content, article.url, options, read_fallbacks)
    else:
        verdict = judge_text(content)
    blocks = verdict.blocks
    text = render_text(blocks)
    check_decoded_text(text, STAGE)
    return CleanedArticle(
        id=article.id,
        source=source_info(article, content_type),
        raw=content,
        text=text,
        blocks=blocks,
        lines=verdict.lines,
        signals=signals,
        page_type=verdict.page_type,
        extraction_confidence=verdict.confidence,
    )
