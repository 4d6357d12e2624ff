"""The Celery app: JSON only, late acks, redelivery on worker loss, events on for Flower,
article leases and a pool that survives a child killed at start-up.

``celery -A worker.app worker`` (what ``copydesk worker`` runs) uses the module-level ``app``,
built from the environment's settings.
"""

from __future__ import annotations

import math

from celery import Celery

from worker.errors import InvalidSetting
from worker.leases import LeaseStep
from worker.limits import task_time_limits
from worker.retries import NORMAL_PRIORITY, max_retry_countdown
from worker.settings import Settings, get_settings, sentinel_address
from worker.sweeper import SweeperStep

# Celery's prefetch multiplier. With late acks the running message counts against it, so 2
# keeps one message waiting per process: a process that finishes a task starts the next at
# once instead of after a round trip to Redis (measured: ~3 % more throughput on 2 cores
# than with 1). A waiting message may wait up to this many hard limits before it runs,
# which ``check_visibility_timeout`` counts.
PREFETCHED_MESSAGES_PER_PROCESS = 2


# Celery's in-memory transport, with a host named: kombu warns "No hostname was supplied" at
# every connection to a bare ``memory://``.
MEMORY_BROKER_URL = "memory://localhost/"


def broker_url(settings: Settings) -> str:
    """The Redis URL (kombu reads sentinel:// addresses itself), or the in-memory transport in embedded mode."""
    return settings.redis_url or MEMORY_BROKER_URL


# Seconds between scans for a dead worker's unacked messages past the visibility timeout
# (kombu's default interval; one Redis ZRANGE per worker each time).
UNACKED_RESTORE_INTERVAL_S = 10
# Seconds to wait on a Sentinel before asking the next one (kombu and Flower default to none).
SENTINEL_TIMEOUT_S = 5


def broker_transport_options(settings: Settings) -> dict[str, object]:
    """kombu's Redis transport options: redelivery of unacked messages, and the Sentinel primary's name."""
    options: dict[str, object] = {
        "visibility_timeout": settings.visibility_timeout_s,
        # Kombu looks for expired unacked messages every 10 s but by default scans only every
        # 10th time: a dead worker's messages would come back up to ~100 s after the timeout.
        "unacked_restore_interval": UNACKED_RESTORE_INTERVAL_S,
        "unacked_restore_throttle": 1,
    }
    if sentinel_address(settings) is not None:
        # Read by the workers' and the producers' broker connections and by Flower's broker view.
        options["master_name"] = settings.redis_master_name
        options["sentinel_kwargs"] = {"socket_timeout": SENTINEL_TIMEOUT_S,
                                      "socket_connect_timeout": SENTINEL_TIMEOUT_S}
    return options


def check_visibility_timeout(settings: Settings) -> None:
    """Refuse settings under which Redis would redeliver a message that is still running.

    Only a Redis broker redelivers: the in-memory transport (no ``redis_url``) has no timeout.

    Raises:
        InvalidSetting: the timeout is too short for the batch size (the message says how long it must be).
    """
    if not settings.redis_url:
        return
    _, hard = task_time_limits(settings, settings.batch_size)
    worst_wait = hard * (1 + PREFETCHED_MESSAGES_PER_PROCESS) + max_retry_countdown(settings)
    if settings.visibility_timeout_s <= worst_wait:
        msg = (
            f"a batch of {settings.batch_size} articles (COPYDESK_BATCH_SIZE or --batch-size) needs "
            f"COPYDESK_VISIBILITY_TIMEOUT_S above {math.ceil(worst_wait)} s, its hard time limit plus prefetch wait "
            f"and retry countdown (it is {settings.visibility_timeout_s}): lower the batch size or raise the timeout"
        )
        raise InvalidSetting(msg)


def create_app(settings: Settings | None = None) -> Celery:
    """A Celery app configured from ``settings`` (default: the environment)."""
    settings = settings or get_settings()
    check_visibility_timeout(settings)
    app = Celery("copydesk", broker=broker_url(settings), include=["tasks.celery_tasks"])
    app.conf.update(
        # JSON only: a pickled message on a writable Redis would be code execution.
        task_serializer="json",
        accept_content=["json"],
        result_accept_content=["json"],
        # Results live in copydesk's own store; Celery's result backend would duplicate them
        # and keep them a day by default.
        task_ignore_result=True,
        result_backend=None,
        task_default_queue=settings.queue,
        # At-least-once: ack after the stage ran; a lost worker's task is sent again
        # (counted against max_retries, so a poison article cannot loop forever).
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        task_retry_on_worker_lost=True,
        worker_prefetch_multiplier=PREFETCHED_MESSAGES_PER_PROCESS,
        # New work at NORMAL_PRIORITY; retried and re-sent work overtakes it, and a chain's later
        # stages keep the priority its first one was sent with (worker/retries.py).
        task_default_priority=NORMAL_PRIORITY,
        task_inherit_parent_priority=True,
        # Kombu looks for expired unacked messages every 10 s but by default scans only every
        # 10th time: a dead worker's messages would come back up to ~100 s after the timeout.
        broker_transport_options=broker_transport_options(settings),
        broker_connection_retry_on_startup=True,
        # Flower needs task events, which workers send. No task-sent events: they carry the
        # sender's anonymous name ("gen<pid>@host": a CLI run, a pool child sending the next
        # stage), and Flower counts each sender as a worker in its metrics. Flower shows a task
        # once a worker receives it; the queue's depth is in copydesk's metrics (worker/metrics.py).
        worker_send_task_events=True,
        task_send_sent_event=False,
        worker_concurrency=settings.worker_concurrency,
        # A child is replaced after this many tasks, bounding leaks from parsers.
        worker_max_tasks_per_child=500,
        worker_hijack_root_logger=False,
        # A pool child killed while the worker starts is replaced instead of stopping the worker.
        worker_pool="worker.pool:ResilientTaskPool",
        # SIGTERM (``copydesk worker`` maps it to Celery's cold shutdown): running batches get
        # this long to finish, then go back to the queue at once instead of after the
        # visibility timeout. 0 would skip the wait.
        worker_soft_shutdown_timeout=settings.soft_shutdown_s,
    )
    if settings.redis_url:
        app.steps["worker"].add(SweeperStep)
        app.steps["worker"].add(LeaseStep)
    return app


app = create_app()
