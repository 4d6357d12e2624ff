"""Thin Celery wrappers around the registered stages (``tasks/stages.py``).

Each stage task takes a list of article ids (one id for a single submission, a batch for
``submit_many``), reads each article's input from the store, runs the pure stage, writes the
output back and passes the ids on. Messages carry ids, never bodies, so they stay small and
Flower shows which articles each stage task holds. Which errors are retried, and how, is
decided in ``worker/retries.py``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from celery import Task, signals
from celery.exceptions import SoftTimeLimitExceeded
from pydantic import BaseModel

from tasks.errors import StageRejected, TransientError
from tasks.models import STORED_PAYLOAD, ArticleIn, ArticleResult
from tasks.options import DEFAULT_OPTIONS
from tasks.pipeline import failed_result, warm_up
from tasks.stages import STAGES, Stage, advance, previous_stage, stage_named
from worker.app import app
from worker.errors import ArticleFailed
from worker.limits import article_deadline
from worker.retries import ARTICLE_FAILED_TASK, StageTask, fan_out, is_retried_batch, report_failures
from worker.settings import get_settings
from worker.store import RedisResultStore, get_store, pack

__all__ = ["get_store", "run_stage"]

log = logging.getLogger(__name__)

# ``raw`` of a stored stage output when it is the payload's content: the page is stored once,
# in the payload, and put back on loading (an article's raw page is never empty: clean refuses it).
RAW_IN_PAYLOAD = ""


def load_payload(stage: str, payload: bytes | None) -> ArticleIn:
    """The stored payload as a model; a missing one fails the article."""
    if payload is None:
        raise StageRejected(stage, "payload not found (expired or never accepted)")
    return ArticleIn.model_validate_json(payload, context=STORED_PAYLOAD)


def payload_for(
    store: RedisResultStore, stage: Stage, article_id: str, payload: bytes | None, previous: bytes | None
) -> ArticleIn | None:
    """The payload ``stage`` needs for one article, or None when it goes without."""
    if stage.reads_payload:
        return load_payload(stage.name, payload)
    if previous is not None:
        return None
    # The previous output is gone (expired, lost with a Redis crash): it is recomputed from the payload.
    return load_payload(stage.name, store.load_inputs([article_id], None)[0][0])


def load_previous(stage: Stage, article: ArticleIn | None, previous: bytes | None) -> BaseModel | None:
    """The previous stage's stored output (JSON bytes) as its model, with the raw page put back."""
    before = previous_stage(stage.name)
    if before is None or previous is None:
        return None
    model = before.output_model.model_validate_json(previous)
    if article is not None and getattr(model, "raw", None) == RAW_IN_PAYLOAD:
        model = model.model_copy(update={"raw": article.content})
    return model


def pack_output(output: BaseModel, article: ArticleIn | None) -> bytes:
    """A stage output for the store, without the raw page when the payload holds it."""
    if article is not None and getattr(output, "raw", None) == article.content:
        output = output.model_copy(update={"raw": RAW_IN_PAYLOAD})
    return pack(output)


def run_stage(task: Task, name: str, article_ids: Sequence[str]) -> list[str]:
    """Run stage ``name`` for each id with batched store I/O; return the ids that go on."""
    if is_retried_batch(task, article_ids):
        fan_out(task.app, name, article_ids)
        return []
    stage, store, settings = stage_named(name), get_store(), get_settings()
    before = previous_stage(name)
    marked = store.mark_many(list(article_ids), stage.status)
    active = [i for i, ok in zip(article_ids, marked, strict=True) if ok]
    inputs = store.load_inputs(active, before.name if before else None, with_payload=stage.reads_payload)
    outputs: dict[str, bytes] = {}
    results, failures = [], []
    for article_id, (payload, previous) in zip(active, inputs, strict=True):
        try:
            with article_deadline(settings.article_soft_limit_s, f"{name} of {article_id}",
                                  cpu_kill_after_s=settings.article_hard_limit_s):
                article = payload_for(store, stage, article_id, payload, previous)
                output = advance(name, article, load_previous(stage, article, previous), DEFAULT_OPTIONS)
        except (TransientError, SoftTimeLimitExceeded):
            raise
        except Exception as exc:  # noqa: BLE001 - any other error is this article's alone
            # Permanent for this article: stages are deterministic, so a retry would fail again.
            failures.append(failed_result(article_id, name, exc, attempts=task.request.retries + 1))
            log.warning("article %s failed in %s: %s", article_id, name, type(exc).__name__)
            continue
        if isinstance(output, ArticleResult):
            results.append(output)
        else:
            outputs[article_id] = pack_output(output, article)
    store.put_stages(name, outputs)
    written = store.finish_many(results + failures)
    report_failures(task.app, settings, [r for r, ok in zip(results + failures, written, strict=True) if ok])
    return [*outputs, *(r.id for r in results)]


def _register(stage: Stage) -> None:
    """One Celery task for ``stage``, named ``copydesk.<stage>``."""

    def stage_task(self: Task, article_ids: list[str]) -> list[str]:
        return run_stage(self, stage.name, article_ids)

    stage_task.__name__ = f"{stage.name}_task"
    stage_task.__doc__ = stage.summary
    app.task(name=stage.task_name, base=StageTask, bind=True)(stage_task)


for _stage in STAGES:
    _register(_stage)


@app.task(name=ARTICLE_FAILED_TASK, throws=(ArticleFailed,), acks_late=False)
def article_failed(article_id: str, stage: str, error_type: str, message: str, attempts: int) -> None:
    """Fail on purpose with a failed article's reason, so Flower's Failed filter lists it."""
    raise ArticleFailed(f"{article_id} failed in {stage} after {attempts} attempt(s): {error_type}: {message}")


@signals.worker_init.connect
def warm_up_before_fork(**_: Any) -> None:
    """Load the stages' lazy data once, before the pool forks: children share it copy-on-write
    instead of each paying seconds on its first article."""
    warm_up()
