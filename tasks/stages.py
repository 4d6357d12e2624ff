"""The stage registry: each stage declared once, read by the in-process pipeline, the Celery
tasks and the store.

A stage is a pure function from one boundary model to the next, plus what the runtime needs to
know about it: the status an article has while it runs, the task name Flower shows, and whether
it reads the stored payload. Adding a stage means one entry here and one module (or folder).
"""

from __future__ import annotations

import functools
import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from tasks.errors import StageRejected
from tasks.models import ArticleIn, ArticleResult, CleanedArticle, JobStatus, SectionedArticle
from tasks.options import StageOptions

TASK_NAME_PREFIX = "copydesk."


class StageFunction:
    """A stage's pure function, imported on first call.

    The client, the CLI and the store read the registry for names and models only: importing the
    parsers and the models (trafilatura, LightGBM) there cost about a second per command.
    """

    def __init__(self, path: str, *, takes_options: bool = True, given: dict[str, str] | None = None) -> None:
        self.path = path  # "package.module:function"
        # split_sections has no knobs: it is called without the options the others take.
        self.takes_options = takes_options
        # Keyword arguments the function is always called with, each a "package.module:function"
        # of another stage: how one stage runs another's code without importing its package.
        self.given = given or {}
        self._function: Callable[..., BaseModel] | None = None

    def load(self) -> Callable[..., BaseModel]:
        """The function itself, with its ``given`` arguments (imported now if it was not yet)."""
        if self._function is None:
            function = _imported(self.path)
            if self.given:
                given = {keyword: _imported(path) for keyword, path in self.given.items()}
                function = functools.update_wrapper(functools.partial(function, **given), function)
            self._function = function
        return self._function

    def __call__(self, value: Any, options: StageOptions) -> BaseModel:
        function = self.load()
        return function(value, options) if self.takes_options else function(value)

    @property
    def summary(self) -> str:
        """The first line of the function's docstring."""
        return (self.load().__doc__ or self.path).strip().splitlines()[0]


def _imported(path: str) -> Callable[..., Any]:
    """The function a "package.module:function" path names, imported."""
    module, name = path.split(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline."""

    name: str
    # The article's status while this stage runs.
    status: JobStatus
    run: Callable[[Any, StageOptions], BaseModel] = field(repr=False)
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    # Whether the stage needs the stored payload when its input (the previous output) is there:
    # split_sections only passes the raw page on, so it runs without loading the page.
    reads_payload: bool

    @property
    def task_name(self) -> str:
        """The Celery task name, stable for Flower and logs."""
        return TASK_NAME_PREFIX + self.name

    @property
    def summary(self) -> str:
        """One line on what the stage does (the Celery task's docstring)."""
        run = self.run
        return run.summary if isinstance(run, StageFunction) else (run.__doc__ or self.name).strip().splitlines()[0]


STAGES: tuple[Stage, ...] = (
    # clean reads ahead what extract_metadata will need of the page's tree, before it prunes it.
    Stage("clean", JobStatus.CLEANING,
          StageFunction("tasks.clean:clean", given={"read_fallbacks": "tasks.metadata:read_fallbacks"}),
          ArticleIn, CleanedArticle, reads_payload=True),
    Stage("split_sections", JobStatus.SPLITTING, StageFunction("tasks.sections:split_sections", takes_options=False),
          CleanedArticle, SectionedArticle, reads_payload=False),
    Stage("extract_metadata", JobStatus.EXTRACTING, StageFunction("tasks.metadata:extract_metadata"),
          SectionedArticle, ArticleResult, reads_payload=True),
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
