"""The stage registry: each stage declared once, read by the in-process pipeline, the Celery
tasks and the store.

A stage is a pure function from one boundary model to the next, plus what the runtime needs to
know about it: the status an article has while it runs, the task name Flower shows, and whether
it reads the stored payload. Adding a stage means one entry here and one module (or folder).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from tasks.clean import clean
from tasks.errors import StageRejected
from tasks.metadata import extract_metadata
from tasks.models import ArticleIn, ArticleResult, CleanedArticle, JobStatus, SectionedArticle
from tasks.options import StageOptions
from tasks.sections import split_sections

TASK_NAME_PREFIX = "copydesk."


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline."""

    name: str
    # The article's status while this stage runs.
    status: JobStatus
    run: Callable[[Any, StageOptions], BaseModel]
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    # Whether the stage needs the stored payload when its input (the previous output) is there:
    # split_sections only passes the raw page on, so it runs without loading the page.
    reads_payload: bool

    @property
    def task_name(self) -> str:
        """The Celery task name, stable for Flower and logs."""
        return TASK_NAME_PREFIX + self.name


def _without_knobs(run: Callable[[Any], BaseModel]) -> Callable[[Any, StageOptions], BaseModel]:
    """A stage that has no options, called like those that have."""

    def run_ignoring_options(value: Any, _options: StageOptions) -> BaseModel:
        return run(value)

    run_ignoring_options.__doc__ = run.__doc__
    return run_ignoring_options


STAGES: tuple[Stage, ...] = (
    Stage("clean", JobStatus.CLEANING, clean, ArticleIn, CleanedArticle, reads_payload=True),
    Stage("split_sections", JobStatus.SPLITTING, _without_knobs(split_sections), CleanedArticle, SectionedArticle,
          reads_payload=False),
    Stage("extract_metadata", JobStatus.EXTRACTING, extract_metadata, SectionedArticle, ArticleResult,
          reads_payload=True),
)
STAGE_NAMES = tuple(stage.name for stage in STAGES)
# Looked up by name at call time, so a test can swap one stage's function.
STAGE_BY_NAME: dict[str, Stage] = {stage.name: stage for stage in STAGES}
# Stages whose output is kept in the store for the next one (all but the last, whose output
# is the final result).
STORED_OUTPUT_STAGES = STAGE_NAMES[:-1]


def stage_named(name: str) -> Stage:
    """The registered stage called ``name``."""
    return STAGE_BY_NAME[name]


def previous_stage(name: str) -> Stage | None:
    """The stage whose output ``name`` reads, or None for the first."""
    index = STAGE_NAMES.index(name)
    return stage_named(STAGE_NAMES[index - 1]) if index else None


def stages_from(name: str) -> tuple[Stage, ...]:
    """``name`` and every stage after it, in order."""
    return tuple(stage_named(n) for n in STAGE_NAMES[STAGE_NAMES.index(name) :])


def run_timed(stage: Stage, value: BaseModel, options: StageOptions) -> BaseModel:
    """Run one stage and add its wall time in milliseconds to the output's ``timings_ms``."""
    start = time.perf_counter()
    out = stage.run(value, options)
    ms = round((time.perf_counter() - start) * 1000, 3)
    timings: dict[str, float] = {**getattr(out, "timings_ms", {}), stage.name: ms}
    return out.model_copy(update={"timings_ms": timings})


def advance(name: str, article: ArticleIn | None, previous: BaseModel | None, options: StageOptions) -> BaseModel:
    """Run stage ``name`` on the previous stage's output.

    When that output is missing (expired, or lost with a Redis crash) it is recomputed from
    ``article``, the payload, rather than failing the article.
    """
    before = previous_stage(name)
    if before is not None and previous is None:
        previous = advance(before.name, article, None, options)
    value = article if before is None else previous
    if value is None:
        raise StageRejected(name, "payload not loaded")  # a bug in the caller, not the article
    return run_timed(stage_named(name), value, options)
