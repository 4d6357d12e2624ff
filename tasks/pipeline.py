"""The stages called in plain Python: what ``copydesk process`` runs, and what the workers run
one stage per task. Both walk the same registry (``tasks/stages.py``)."""

from __future__ import annotations

import gc

from pydantic import BaseModel

from tasks.errors import PipelineError, one_line
from tasks.models import ArticleIn, ArticleResult, ErrorInfo, JobStatus, SourceInfo
from tasks.options import DEFAULT_OPTIONS, StageOptions
from tasks.stages import STAGES, run_timed


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
    """Run every stage in order, in-process.

    A permanent pipeline error becomes a ``failed`` result; anything else propagates.
    """
    value: BaseModel = article
    for stage in STAGES:
        try:
            value = run_timed(stage, value, options)
        except PipelineError as exc:
            return failed_result(article.id, stage.name, exc, _source_of(value))
    assert isinstance(value, ArticleResult)  # the registry's last stage produces the result
    return value


def _source_of(value: BaseModel) -> SourceInfo | None:
    """The source of the article at this point: as declared by the payload until clean resolved it."""
    if isinstance(value, ArticleIn):
        return SourceInfo.of(value)
    source = getattr(value, "source", None)
    return source if isinstance(source, SourceInfo) else None


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
    # Read only by a plain-text byline the warm-up articles do not have (~0.5 s, a few MB).
    from tasks.metadata.gazetteers import dictionary_words  # noqa: PLC0415 - the registry loads stages lazily
    from tasks.metadata.trafilatura_reader import load_date_parser  # noqa: PLC0415

    dictionary_words()
    load_date_parser()  # htmldate's dateparser, on the rare page it reaches (~2 s, ~25 MB)
    gc.collect()
    gc.freeze()
