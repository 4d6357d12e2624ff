"""Stage 3, ``extract_metadata``: title, authors, dates, site, language, quotes and entities.

HTML pages are read by ``tasks.metadata.html_meta`` from the clean stage's ``PageSignals``
(JSON-LD, OpenGraph, ``<meta>``, bylines, trafilatura and htmldate as fallbacks); plain-text
payloads by ``tasks.metadata.text_meta`` (the cleaner's classified lines: their roles, and our own
reading of their texts). Quotes, people, places and
organisations always come from the body: the article's sections and captions, never the chrome.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from tasks.common import datetext
from tasks.common.captions import split_credit
from tasks.metadata import entities, language, quotes
from tasks.metadata.html_meta import read_html_fields
from tasks.metadata.text_meta import read_text_fields
from tasks.models import (
    ArticleHeader,
    ArticleResult,
    EntityMention,
    JobStatus,
    Metadata,
    QuoteMention,
    SectionedArticle,
)
from tasks.options import DEFAULT_OPTIONS, StageOptions

_WORD = re.compile(r"\w+")
# Line roles of a text payload that belong to the article body (captions describe its photos).
BODY_ROLES = frozenset({"paragraph", "heading", "quote", "list_item", "caption"})
# Chrome that a weak line classifier may still call a paragraph: menus with several pipes.
_MENU_LINE = re.compile(r"\|.*\|")


def body_text(article: SectionedArticle, *, captions: bool = True) -> str:
    """The article's own text for quotes and entities: body and (unless told not) captions,
    credits and chrome out."""
    if article.source.content_type == "text" and article.lines:
        roles = BODY_ROLES if captions else BODY_ROLES - {"caption"}
        kept = [line.text for line in article.lines if line.role in roles]
    else:
        kept = article.text.split("\n\n") + (_captions(article) if captions else [])
    return _own_lines(kept)


def _own_lines(lines: list[str]) -> str:
    """The lines without menus and page clocks, credits cut off, one per line."""
    return "\n".join(own for own in map(_own_line, lines) if own is not None)


# The stage reads the body twice (with captions for quotes, without for entities): each line is
# judged once. The last article's lines are all it needs; bounded so a worker's memory is too.
@lru_cache(maxsize=2048)
def _own_line(line: str) -> str | None:
    """The line with its credit cut off, None for a menu line or a page clock."""
    if _MENU_LINE.search(line) or datetext.is_page_clock(line):
        return None
    return split_credit(line)[0]


def captions_text(article: SectionedArticle) -> str:
    """The article's captions, credits out (the asides of entity extraction)."""
    if article.source.content_type == "text" and article.lines:
        kept = [line.text for line in article.lines if line.role == "caption"]
    else:
        kept = _captions(article)
    return _own_lines(kept)


def _captions(article: SectionedArticle) -> list[str]:
    return [image.caption for image in article.images if image.caption]


def read_header(article: SectionedArticle) -> ArticleHeader:
    """The header fields, read the HTML way or the plain-text way."""
    if article.source.content_type == "html":
        return read_html_fields(article.raw, article.source.url, article.text, article.signals, article.page_type)
    return read_text_fields(article.lines, language.detect(article.text), article.source.url)


def _mentions(counts: dict[str, int]) -> list[EntityMention]:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [EntityMention(name=name, count=count) for name, count in ranked]


def _metadata(article: SectionedArticle, header: ArticleHeader, options: StageOptions) -> Metadata:
    """The header fields with the body's quotes, entities and counts added."""
    text = body_text(article)
    found = entities.extract_entities(body_text(article, captions=False), asides=captions_text(article))
    words = len(_WORD.findall(article.text))
    return Metadata.model_validate({
        **header.model_dump(),
        "quotes": [QuoteMention(text=q, speaker=s) for q, s in quotes.extract_quotes(text, list(found.people))],
        "people": _mentions(found.people),
        "places": _mentions(found.places),
        "organizations": _mentions(found.organizations),
        "url": article.source.url,
        "images": article.images,
        "word_count": words,
        "reading_time_minutes": math.ceil(words / options.reading_words_per_minute),
        "page_type": article.page_type,
        "extraction_confidence": article.extraction_confidence,
    })


def extract_metadata(
    article: SectionedArticle, options: StageOptions = DEFAULT_OPTIONS
) -> ArticleResult:
    """Fill the article's metadata and return the final result."""
    metadata = _metadata(article, read_header(article), options)
    return ArticleResult(
        id=article.id,
        status=JobStatus.DONE,
        source=article.source,
        text=article.text,
        sections=article.sections,
        media=article.media,
        metadata=metadata,
        timings_ms=article.timings_ms,
    )
