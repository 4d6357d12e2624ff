"""Stage 1, ``clean``: boilerplate out, main text in, for HTML pages and plain text alike."""

from __future__ import annotations

from tasks.blocks import render_text
from tasks.detect import detect_content_type, looks_binary
from tasks.html_clean import extract_html_blocks
from tasks.models import ArticleIn, CleanedArticle, ContentType, SourceInfo
from tasks.options import DEFAULT_OPTIONS, StageOptions
from tasks.text_clean import blocks_from_lines, classify_lines
from worker.errors import StageRejected

STAGE = "clean"


def resolve_content_type(article: ArticleIn) -> ContentType:
    """The declared content type, or the detected one for ``auto``."""
    if article.content_type is ContentType.AUTO:
        return detect_content_type(article.content)
    return article.content_type


def source_info(article: ArticleIn, content_type: ContentType) -> SourceInfo:
    """The ``source`` record of the result."""
    return SourceInfo(
        url=article.url,
        content_type=content_type.value,  # type: ignore[arg-type]
        declared_content_type=article.content_type,
        name=article.source,
        path=article.extra.get("path"),
        received_at=article.received_at,
        extra=article.extra,
        size_bytes=len(article.content.encode("utf-8", errors="replace")),
    )


def clean(article: ArticleIn, options: StageOptions = DEFAULT_OPTIONS) -> CleanedArticle:
    """Extract the main content of one article.

    Raises:
        StageRejected: the content is empty or binary.
    """
    content = article.content[: options.max_parse_chars]
    if not content.strip():
        raise StageRejected(STAGE, "content is empty")
    if looks_binary(content):
        raise StageRejected(STAGE, "content is binary, not HTML or text")
    content_type = resolve_content_type(article)
    if content_type is ContentType.HTML:
        lines = []
        blocks = extract_html_blocks(content, article.url, options)
    else:
        lines = classify_lines(content, options)
        blocks = blocks_from_lines(lines)
    return CleanedArticle(
        id=article.id,
        source=source_info(article, content_type),
        raw=content,
        text=render_text(blocks),
        blocks=blocks,
        lines=lines,
    )
