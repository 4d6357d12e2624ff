"""Every retry decision in one place: which errors are retried and how, when a batch is split,
what happens when a task fails as a whole, and how stuck articles are sent again.

- A transient error (``TransientError``: Redis gone) retries the whole stage task with backoff.
- A permanent error (``PayloadError``) or a bug in a stage fails that article alone, at once:
  stages are deterministic, so a retry would fail again (``celery_tasks.run_stage``).
- A retried batch (transient error or lost worker) goes on as single-article chains, so an
  article that kills its worker cannot take its batch-mates down with it (``fan_out``).
- A single-article task that fails as a whole (retries spent, time limit, lost worker) is
  recorded as failed with its stage, error and attempts (``record_task_failure``).
- An article stuck in flight is sent again from the start, at most ``max_retries`` times
  (``requeue``, called by the sweeper and by lease recovery; ``Client.retry`` decides what a
  user's retry may re-send and sends it with ``send_chains``).
- An article whose lease lapsed (the worker holding it died) is sent again from the start by
  the next lease check of any worker (``recover_lapsed``; leases are kept in ``worker/leases.py``).
- An article that fails makes a task of its own fail, so Flower's Failed filter lists it
  (``report_failures``).
- Everything sent again (retries, split batches, re-sent articles) goes at ``RECOVERY_PRIORITY``,
  ahead of the backlog of new work, and the rest of its chain inherits that priority: a
  recovered article is done in seconds, not after the whole queue.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from celery import Celery, Task, chain, signals
from celery.canvas import Signature
from celery.exceptions import Reject

from tasks.errors import PayloadError, StageRejected, TransientError
from tasks.models import FINAL_STATUSES, ArticleResult, JobStatus
from tasks.pipeline import failed_result
from tasks.stages import STAGE_NAMES, TASK_NAME_PREFIX, stages_from
from worker.keys import lease_parts
from worker.limits import task_time_limits
from worker.settings import Settings, get_settings
from worker.store import RedisResultStore, get_store

log = logging.getLogger(__name__)

# Retry delays of the stage tasks (``StageTask``). A retried message waits out its countdown
# unacked in a worker's ETA buffer, so the countdown counts against the visibility timeout too.
RETRY_BACKOFF_S = 2
RETRY_BACKOFF_MAX_S = 120
# After a lost worker (Celery's default_retry_delay is 3 min): long enough for a replacement
# pool process to start, short enough that a poison article is failed within a minute or two.
WORKER_LOST_RETRY_DELAY_S = 5
# Message priorities on Redis, where kombu pops priority 0 first (its steps: 0, 3, 6, 9). New
# work goes at 3, so that work sent again can overtake it at 0.
NORMAL_PRIORITY = 3
RECOVERY_PRIORITY = 0


def max_retry_countdown(settings: Settings) -> float:
    """The longest countdown of a retried stage task (backoff is factor * 2**retries, capped)."""
    backoff: float = min(RETRY_BACKOFF_MAX_S, RETRY_BACKOFF_S * 2**settings.max_retries)
    return max(backoff, WORKER_LOST_RETRY_DELAY_S)


class StageTask(Task):  # type: ignore[misc]
    """Shared retry policy of the stage tasks: transient errors only, exponential backoff with jitter."""

    autoretry_for = (TransientError,)
    dont_autoretry_for = (PayloadError,)
    retry_backoff = RETRY_BACKOFF_S
    retry_backoff_max = RETRY_BACKOFF_MAX_S
    retry_jitter = True
    # Countdown of the retry Celery sends when a worker is lost (task_retry_on_worker_lost).
    default_retry_delay = WORKER_LOST_RETRY_DELAY_S
    acks_late = True
    reject_on_worker_lost = True
    # Releases the message's article leases when it is acknowledged (worker/leases.py).
    Request = "worker.leases:LeasedRequest"

    @property
    def max_retries(self) -> int:
        return get_settings().max_retries

    def signature_from_request(self, request: Any = None, args: Any = None, kwargs: Any = None,
                               queue: str | None = None, **extra_options: Any) -> Signature:
        """The message Celery sends to retry this task (transient error, lost worker): ahead of new work."""
        extra_options["priority"] = RECOVERY_PRIORITY
        return super().signature_from_request(request, args, kwargs, queue, **extra_options)


def is_retried_batch(task: Task, article_ids: Sequence[str]) -> bool:
    """Whether this run is the retry of a batch, which goes on as single-article tasks instead."""
    return bool(task.request.retries) and len(article_ids) > 1


def stage_chain(
    celery_app: Celery, settings: Settings, article_ids: list[str], first_stage: str = STAGE_NAMES[0],
    priority: int = NORMAL_PRIORITY,
) -> Signature:
    """The chain of stage tasks for these ids, from ``first_stage`` to the end.

    Built by task name, so a producer's app (``Client``) and the workers' app send the same.
    """
    soft, hard = task_time_limits(settings, len(article_ids))
    options = {"soft_time_limit": soft, "time_limit": hard, "queue": settings.queue, "priority": priority}
    head, *rest = stages_from(first_stage)
    first = celery_app.signature(head.task_name, args=(article_ids,), immutable=True, **options)
    return chain(first, *(celery_app.signature(stage.task_name, **options) for stage in rest))


def fan_out(celery_app: Celery, stage: str, article_ids: Sequence[str]) -> None:
    """Send each article on as its own chain starting at ``stage``."""
    for article_id in article_ids:
        stage_chain(celery_app, get_settings(), [article_id], first_stage=stage,
                    priority=RECOVERY_PRIORITY).apply_async()


def requeue(
    store: RedisResultStore, celery_app: Celery, settings: Settings, article_ids: Sequence[str],
    *, force: bool = True,
) -> list[str]:
    """Put articles back at the start of the pipeline; returns the ids re-sent.

    An article re-queued more than ``max_retries`` times (it keeps stalling) or whose payload
    has expired is failed with that reason instead. ``force`` re-sends final articles too; the
    sweeper and lease recovery pass False, so an article that finished since it was found stale
    is left alone instead of being run, and its result written, a second time.
    """
    resent: list[str] = []
    failed: list[ArticleResult] = []
    for article_id in article_ids:
        record = store.status(article_id)
        if record is None:
            continue
        if store.payload(article_id) is None:
            failed.append(failed_result(article_id, "submit", StageRejected("submit", "payload expired")))
            continue
        if record.runs.get("queued", 0) >= settings.max_retries:
            reason = StageRejected("sweep", f"re-queued {settings.max_retries} times without finishing")
            failed.append(failed_result(article_id, "sweep", reason, attempts=settings.max_retries))
            continue
        if store.mark(article_id, JobStatus.QUEUED, force=force):
            resent.append(article_id)
    written = store.finish_many(failed)
    report_failures(celery_app, settings, [r for r, ok in zip(failed, written, strict=True) if ok])
    send_chains(celery_app, settings, resent, priority=RECOVERY_PRIORITY)
    return resent


def send_chains(
    celery_app: Celery, settings: Settings, article_ids: Sequence[str], priority: int = NORMAL_PRIORITY
) -> None:
    """Send queued articles from the start of the pipeline, ``settings.batch_size`` per chain."""
    for start in range(0, len(article_ids), settings.batch_size):
        batch = list(article_ids[start : start + settings.batch_size])
        stage_chain(celery_app, settings, batch, priority=priority).apply_async()


def recover_lapsed(store: RedisResultStore, celery_app: Celery, settings: Settings, now: float) -> list[str]:
    """Re-send the unfinished articles whose lease lapsed before ``now``; returns the ids re-sent.

    Each lapsed lease is claimed (removed) by one caller only, so concurrent checks by several
    workers re-send an article once. The dead worker's own message may still run later, when
    Redis returns it: the store refuses its second final result.
    """
    claimed = store.claim(store.expired_leases(now))
    if not claimed:
        return []
    article_ids = sorted({lease_parts(member)[0] for member in claimed})
    statuses = store.statuses(article_ids)
    unfinished = [i for i, status in statuses.items() if status is not None and status not in FINAL_STATUSES]
    return requeue(store, celery_app, settings, unfinished, force=False)


# Celery task that fails on purpose, once per failed article, so that Flower shows the failure.
ARTICLE_FAILED_TASK = TASK_NAME_PREFIX + "article_failed"


def report_failures(celery_app: Celery, settings: Settings, results: Sequence[ArticleResult]) -> None:
    """Send one ``article_failed`` task per failed article: it ends FAILURE with the reason.

    A batch task succeeds when some of its articles fail (the others go on), so without this
    Flower's Failed filter would stay empty while ``copydesk failed`` lists articles.
    """
    for result in results:
        if result.error is None:
            continue
        error = result.error
        celery_app.send_task(
            ARTICLE_FAILED_TASK, args=(result.id, error.stage, error.type, error.message, error.attempts),
            queue=settings.queue,
        )


@signals.task_failure.connect
def record_task_failure(sender: Task | None = None, exception: BaseException | None = None,
                        args: Sequence[Any] | None = None, **_: Any) -> None:
    """A stage task failed as a whole (retries exhausted, time limit, lost worker).

    A batch is split into single-article tasks; a single article is recorded as failed
    with its stage, error and attempts: never left in flight.
    """
    if sender is None or not sender.name.startswith(TASK_NAME_PREFIX) or not args:
        return
    stage = sender.name.removeprefix(TASK_NAME_PREFIX)
    if stage not in STAGE_NAMES:
        return
    article_ids = list(args[0])
    # Reject: the retry of a transient error could not be sent (Redis down). That is not the
    # articles' fault: send them on again; if Redis is still down, the sweeper re-sends them.
    if len(article_ids) > 1 or isinstance(exception, Reject):
        fan_out(sender.app, stage, article_ids)
        return
    attempts = (sender.request.retries if sender.request else 0) + 1
    for article_id in article_ids:
        get_store().finish(failed_result(article_id, stage, exception or RuntimeError("task failed"),
                                         attempts=attempts))
