"""The three stages called in plain Python: what ``copydesk process`` and the workers share."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from typing import TypeVar

from tasks.cleaning import clean
from tasks.metadata import extract_metadata
from tasks.models import ArticleIn, ArticleResult, CleanedArticle, ErrorInfo, JobStatus, SectionedArticle, SourceInfo
from tasks.options import DEFAULT_OPTIONS, StageOptions
from tasks.sections import split_sections
from worker.errors import PipelineError, one_line

In = TypeVar("In")
Out = TypeVar("Out")

STAGES = ("clean", "split_sections", "extract_metadata")


def timed(stage: Callable[[In, StageOptions], Out], value: In, options: StageOptions) -> tuple[Out, float]:
    """Run one stage and return its output with its wall time in milliseconds."""
    start = time.perf_counter()
    out = stage(value, options)
    return out, round((time.perf_counter() - start) * 1000, 3)


Timed = TypeVar("Timed", CleanedArticle, SectionedArticle, ArticleResult)


def with_timing(model: Timed, stage: str, ms: float) -> Timed:
    """A copy of a stage output with its timing added to ``timings_ms``."""
    return model.model_copy(update={"timings_ms": {**model.timings_ms, stage: ms}})


def failed_result(
    article_id: str, stage: str, exc: BaseException, source: SourceInfo | None = None, attempts: int = 1
) -> ArticleResult:
    """The result recorded for an article that failed at ``stage``."""
    return ArticleResult(
        id=article_id,
        status=JobStatus.FAILED,
        source=source,
        error=ErrorInfo(stage=stage, type=type(exc).__name__, message=one_line(exc), attempts=attempts),
    )


def process(article: ArticleIn, options: StageOptions = DEFAULT_OPTIONS) -> ArticleResult:
    """Run clean -> split_sections -> extract_metadata in-process.

    A permanent pipeline error becomes a ``failed`` result; anything else propagates.
    """
    try:
        cleaned, ms = timed(clean, article, options)
        cleaned = with_timing(cleaned, "clean", ms)
    except PipelineError as exc:
        return failed_result(article.id, "clean", exc, SourceInfo.of(article))
    try:
        sectioned, ms = timed(split_sections, cleaned, options)
        sectioned = with_timing(sectioned, "split_sections", ms)
    except PipelineError as exc:
        return failed_result(article.id, "split_sections", exc, cleaned.source)
    try:
        result, ms = timed(extract_metadata, sectioned, options)
    except PipelineError as exc:
        return failed_result(article.id, "extract_metadata", exc, sectioned.source)
    return with_timing(result, "extract_metadata", ms)


# Two small articles of our own (one HTML, one text) that touch every stage's lazy data.
_WARM_UP_ARTICLES = (
    ArticleIn(
        id="warm-up-html",
        content="<html lang='en'><head><title>Council votes - Example News</title></head><body><article>"
        "<h1>Council votes</h1><p>The council voted on Monday in Berlin to approve the budget, "
        "said Anna Weber, who chairs it.</p><h2>What comes next</h2><p>\"We start in May,\" she said "
        "in Paris on Tuesday, according to the minutes.</p></article></body></html>",
    ),
    ArticleIn(
        id="warm-up-text",
        content="Council votes - Example News\nHome News Sport\nWorld\n\nCouncil votes\n\n"
        "The council voted on Monday in Berlin to approve the budget, said Anna Weber, who chairs it "
        "and has done so for years.\n\n\"We start in May,\" she said in Paris on Tuesday, according "
        "to the minutes of the meeting.",
    ),
)


def warm_up(options: StageOptions = DEFAULT_OPTIONS) -> None:
    """Load the stages' lazy data (gazetteers, stop-word lists, parsers) now, not on a real article.

    Then freeze what is loaded out of the garbage collector's reach: it lives as long as the
    process, and scanning it again on every full collection cost ~8 % of the pipeline's time.
    Frozen before a fork, it also stays shared copy-on-write (the collector writes to what it scans).
    """
    for article in _WARM_UP_ARTICLES:
        process(article, options)
    gc.collect()
    gc.freeze()
