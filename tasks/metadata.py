"""Stage 3, ``extract_metadata``: title, authors, dates, site, language, images, ..."""

from __future__ import annotations

import math
import re
from dataclasses import asdict

from tasks.meta.html_meta import read_html_fields
from tasks.models import ArticleResult, JobStatus, Metadata, SectionedArticle
from tasks.options import DEFAULT_OPTIONS, StageOptions

_WORD = re.compile(r"\w+")


def _html_fields(article: SectionedArticle) -> dict[str, object]:
    return asdict(read_html_fields(article.raw, article.source.url))


def _text_fields(article: SectionedArticle) -> dict[str, object]:
    title = next((line.text for line in article.lines if line.role == "title"), None)
    return {"title": title}


def extract_metadata(
    article: SectionedArticle, options: StageOptions = DEFAULT_OPTIONS
) -> ArticleResult:
    """Fill the article's metadata and return the final result."""
    fields = _html_fields(article) if article.source.content_type == "html" else _text_fields(article)
    words = len(_WORD.findall(article.text))
    metadata = Metadata(
        **fields,  # type: ignore[arg-type]
        url=article.source.url,
        images=article.images,
        word_count=words,
        reading_time_minutes=math.ceil(words / options.reading_words_per_minute),
    )
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
