"""Thin Celery wrappers around the pure stages, and the chain that links them.

Each stage task takes a list of article ids (one id for a single submission, a batch for
``submit_many``), reads each article's input from the store, runs the pure stage, writes the
output back and passes the ids on. Messages carry ids, never bodies, so they stay small and
Flower shows which articles each stage task holds.

Errors: an article's permanent error (bad payload, rejected content, its own time limit, a bug
in a stage) fails that article alone and its batch-mates go on. A transient error (Redis gone)
retries the whole task with backoff; a batch that is retried (transient error or lost worker)
is split into single-article tasks, so an article that kills its worker cannot take its
batch-mates down with it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from celery import Celery, Task, chain, signals
from celery.canvas import Signature
from celery.exceptions import Reject, SoftTimeLimitExceeded
from pydantic import BaseModel

from tasks.cleaning import clean
from tasks.metadata import extract_metadata
from tasks.models import STORED_PAYLOAD, ArticleIn, ArticleResult, CleanedArticle, JobStatus, SectionedArticle
from tasks.options import DEFAULT_OPTIONS
from tasks.pipeline import STAGES, failed_result, timed, warm_up, with_timing
from tasks.sections import split_sections
from worker.app import RETRY_BACKOFF_MAX_S, RETRY_BACKOFF_S, WORKER_LOST_RETRY_DELAY_S, app, task_time_limits
from worker.errors import PayloadError, StageRejected, TransientError
from worker.limits import article_deadline
from worker.settings import Settings, get_settings
from worker.store import InMemoryResultStore, RedisResultStore, pack

log = logging.getLogger(__name__)

STAGE_STATUS = {
    "clean": JobStatus.CLEANING,
    "split_sections": JobStatus.SPLITTING,
    "extract_metadata": JobStatus.EXTRACTING,
}
TASK_NAMES = {stage: f"copydesk.{stage}" for stage in STAGE_STATUS}


@lru_cache(maxsize=1)
def get_store() -> RedisResultStore:
    """This process's store: Redis when ``COPYDESK_REDIS_URL`` is set, else in memory."""
    settings = get_settings()
    kwargs: dict[str, Any] = {
        "prefix": settings.key_prefix,
        "result_ttl_s": settings.result_ttl_s,
        "payload_ttl_s": settings.payload_ttl_s,
    }
    if settings.redis_url:
        return RedisResultStore.from_url(settings.redis_url, **kwargs)
    return InMemoryResultStore(**kwargs)


class StageTask(Task):  # type: ignore[misc]
    """Shared retry policy: transient errors only, exponential backoff with jitter."""

    autoretry_for = (TransientError,)
    dont_autoretry_for = (PayloadError,)
    retry_backoff = RETRY_BACKOFF_S
    retry_backoff_max = RETRY_BACKOFF_MAX_S
    retry_jitter = True
    # Countdown of the retry Celery sends when a worker is lost (task_retry_on_worker_lost).
    default_retry_delay = WORKER_LOST_RETRY_DELAY_S
    acks_late = True
    reject_on_worker_lost = True

    @property
    def max_retries(self) -> int:
        return get_settings().max_retries


# ------------------------------------------------------------------ one article, one stage


def _clean(article: ArticleIn) -> CleanedArticle:
    cleaned, ms = timed(clean, article, DEFAULT_OPTIONS)
    return with_timing(cleaned, "clean", ms)


def _split(cleaned: CleanedArticle) -> SectionedArticle:
    sectioned, ms = timed(split_sections, cleaned, DEFAULT_OPTIONS)
    return with_timing(sectioned, "split_sections", ms)


def _extract(sectioned: SectionedArticle) -> ArticleResult:
    result, ms = timed(extract_metadata, sectioned, DEFAULT_OPTIONS)
    return with_timing(result, "extract_metadata", ms)


# Each stage's pure step, the stage whose output it reads, and that output's model.
STEPS: dict[str, Callable[[Any], BaseModel]] = {
    "clean": _clean,
    "split_sections": _split,
    "extract_metadata": _extract,
}
PREVIOUS: dict[str, str | None] = {"clean": None, "split_sections": "clean", "extract_metadata": "split_sections"}
OUTPUT_MODELS: dict[str, type[BaseModel]] = {"clean": CleanedArticle, "split_sections": SectionedArticle}


# ``raw`` of a stored stage output when it is the payload's content: the page is stored once,
# in the payload, and put back on loading (an article's raw page is never empty: clean refuses it).
RAW_IN_PAYLOAD = ""

# Whether a stage reads the payload when its previous output is there: split_sections only
# passes the raw page on (as RAW_IN_PAYLOAD), so it skips loading and parsing the page.
READS_PAYLOAD = {"clean": True, "split_sections": False, "extract_metadata": True}


def load_payload(stage: str, payload: bytes | None) -> ArticleIn:
    """The stored payload as a model; a missing one fails the article."""
    if payload is None:
        raise StageRejected(stage, "payload not found (expired or never accepted)")
    return ArticleIn.model_validate_json(payload, context=STORED_PAYLOAD)


def payload_for(
    store: RedisResultStore, stage: str, article_id: str, payload: bytes | None, previous: bytes | None
) -> ArticleIn | None:
    """The payload ``stage`` needs for one article, or None when it goes without."""
    if READS_PAYLOAD[stage]:
        return load_payload(stage, payload)
    if previous is not None:
        return None
    # The previous output is gone (expired, lost with a Redis crash): it is recomputed from the payload.
    return load_payload(stage, store.load_inputs([article_id], None)[0][0])


def advance(stage: str, article: ArticleIn | None, previous: bytes | None) -> BaseModel:
    """Run ``stage`` for one article, given the previous stage's stored output (JSON bytes).

    ``article`` (the payload) may be None only when ``previous`` is there. A missing previous
    output (expired, or lost with a Redis crash) is recomputed from the payload rather than
    failing the article.
    """
    before = PREVIOUS[stage]
    if before is None or previous is None:
        if article is None:
            raise StageRejected(stage, "payload not loaded")  # a bug in the caller, not the article
        return STEPS[stage](article if before is None else advance(before, article, None))
    model = OUTPUT_MODELS[before].model_validate_json(previous)
    if article is not None and getattr(model, "raw", None) == RAW_IN_PAYLOAD:
        model = model.model_copy(update={"raw": article.content})
    return STEPS[stage](model)


def pack_output(output: BaseModel, article: ArticleIn | None) -> bytes:
    """A stage output for the store, without the raw page when the payload holds it."""
    if article is not None and getattr(output, "raw", None) == article.content:
        output = output.model_copy(update={"raw": RAW_IN_PAYLOAD})
    return pack(output)


def run_stage(task: Task, stage: str, article_ids: Sequence[str]) -> list[str]:
    """Run ``stage`` for each id with batched store I/O; return the ids that go on."""
    if task.request.retries and len(article_ids) > 1:
        # A retried batch (lost worker or transient error) goes on as single-article tasks.
        fan_out(stage, article_ids)
        return []
    store, settings = get_store(), get_settings()
    marked = store.mark_many(list(article_ids), STAGE_STATUS[stage])
    active = [i for i, ok in zip(article_ids, marked, strict=True) if ok]
    inputs = store.load_inputs(active, PREVIOUS[stage], with_payload=READS_PAYLOAD[stage])
    outputs: dict[str, bytes] = {}
    results, failures = [], []
    for article_id, (payload, previous) in zip(active, inputs, strict=True):
        try:
            with article_deadline(settings.article_soft_limit_s, f"{stage} of {article_id}",
                                  cpu_kill_after_s=settings.article_hard_limit_s):
                article = payload_for(store, stage, article_id, payload, previous)
                output = advance(stage, article, previous)
        except (TransientError, SoftTimeLimitExceeded):
            raise
        except Exception as exc:  # noqa: BLE001 - any other error is this article's alone
            # Permanent for this article: stages are deterministic, so a retry would fail again.
            failures.append(failed_result(article_id, stage, exc, attempts=task.request.retries + 1))
            log.warning("article %s failed in %s: %s", article_id, stage, type(exc).__name__)
            continue
        if isinstance(output, ArticleResult):
            results.append(output)
        else:
            outputs[article_id] = pack_output(output, article)
    store.put_stages(stage, outputs)
    store.finish_many(results + failures)
    return [*outputs, *(r.id for r in results)]


def fan_out(stage: str, article_ids: Sequence[str]) -> None:
    """Send each article on as its own chain starting at ``stage``."""
    for article_id in article_ids:
        stage_chain(app, get_settings(), [article_id], first_stage=stage).apply_async()


# ------------------------------------------------------------------ the tasks


@app.task(name=TASK_NAMES["clean"], base=StageTask, bind=True)
def clean_task(self: Task, article_ids: list[str]) -> list[str]:
    """Stage 1: boilerplate out, main text in."""
    return run_stage(self, "clean", article_ids)


@app.task(name=TASK_NAMES["split_sections"], base=StageTask, bind=True)
def split_sections_task(self: Task, article_ids: list[str]) -> list[str]:
    """Stage 2: sections, blocks, figures and media."""
    return run_stage(self, "split_sections", article_ids)


@app.task(name=TASK_NAMES["extract_metadata"], base=StageTask, bind=True)
def extract_metadata_task(self: Task, article_ids: list[str]) -> list[str]:
    """Stage 3: metadata; the final result goes to the store."""
    return run_stage(self, "extract_metadata", article_ids)


STAGE_TASKS = {
    "clean": clean_task,
    "split_sections": split_sections_task,
    "extract_metadata": extract_metadata_task,
}


def stage_chain(
    celery_app: Celery, settings: Settings, article_ids: list[str], first_stage: str = "clean"
) -> Signature:
    """The chain of stage tasks for these ids, from ``first_stage`` to the end.

    Built by task name, so a producer's app (``Client``) and the workers' app send the same.
    """
    soft, hard = task_time_limits(settings, len(article_ids))
    options = {"soft_time_limit": soft, "time_limit": hard, "queue": settings.queue}
    stages = STAGES[STAGES.index(first_stage) :]
    head = celery_app.signature(TASK_NAMES[stages[0]], args=(article_ids,), immutable=True, **options)
    rest = [celery_app.signature(TASK_NAMES[s], **options) for s in stages[1:]]
    return chain(head, *rest)


def requeue(
    store: RedisResultStore, celery_app: Celery, settings: Settings, article_ids: Sequence[str],
    *, force: bool = True,
) -> list[str]:
    """Put articles back at the start of the pipeline; returns the ids re-sent.

    An article re-queued more than ``max_retries`` times (it keeps stalling) or whose payload
    has expired is failed with that reason instead. ``force`` (``retry``) re-sends failed
    articles too; the sweeper passes False, so an article that finished since it was found
    stale is left alone instead of being run, and its result written, a second time.
    """
    resent = []
    for article_id in article_ids:
        record = store.status(article_id)
        if record is None:
            continue
        if store.payload(article_id) is None:
            store.finish(failed_result(article_id, "submit", StageRejected("submit", "payload expired")))
            continue
        if record.runs.get("queued", 0) >= settings.max_retries:
            reason = StageRejected("sweep", f"re-queued {settings.max_retries} times without finishing")
            store.finish(failed_result(article_id, "sweep", reason, attempts=settings.max_retries))
            continue
        if store.mark(article_id, JobStatus.QUEUED, force=force):
            resent.append(article_id)
    send_chains(celery_app, settings, resent)
    return resent


def send_chains(celery_app: Celery, settings: Settings, article_ids: Sequence[str]) -> None:
    """Send queued articles from the start of the pipeline, ``settings.batch_size`` per chain."""
    for start in range(0, len(article_ids), settings.batch_size):
        stage_chain(celery_app, settings, list(article_ids[start : start + settings.batch_size])).apply_async()


@signals.worker_init.connect
def warm_up_before_fork(**_: Any) -> None:
    """Load the stages' lazy data once, before the pool forks: children share it copy-on-write
    instead of each paying seconds on its first article."""
    warm_up()


@signals.task_failure.connect
def record_task_failure(sender: Task | None = None, exception: BaseException | None = None,
                        args: Sequence[Any] | None = None, **_: Any) -> None:
    """A stage task failed as a whole (retries exhausted, time limit, lost worker).

    A batch is split into single-article tasks; a single article is recorded as failed
    with its stage, error and attempts: never left in flight.
    """
    if sender is None or sender.name not in TASK_NAMES.values() or not args:
        return
    stage = sender.name.removeprefix("copydesk.")
    article_ids = list(args[0])
    # Reject: the retry of a transient error could not be sent (Redis down). That is not the
    # articles' fault: send them on again; if Redis is still down, the sweeper re-sends them.
    if len(article_ids) > 1 or isinstance(exception, Reject):
        fan_out(stage, article_ids)
        return
    attempts = (sender.request.retries if sender.request else 0) + 1
    for article_id in article_ids:
        get_store().finish(failed_result(article_id, stage, exception or RuntimeError("task failed"),
                                         attempts=attempts))
