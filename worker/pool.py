"""The prefork pool, minus one way to take the whole worker down.

Celery checks once, right after start-up, that no pool process has exited yet
(``did_start_ok``); if one has, the worker stops with ``WorkerLostError('Could not start worker
processes')``. A pool child SIGKILLed in the first seconds (the OOM killer, an operator, a
hard time limit on the first article) thus killed the worker, twice in two tries. Here a child
that was killed by a signal is replaced as at any other time; a child that exited with an error
of its own while starting (a broken install) still stops the worker, as Celery intends.
"""

from __future__ import annotations

import logging
from typing import Any

from celery.concurrency.prefork import TaskPool

log = logging.getLogger(__name__)


def killed_by_signal(exitcode: int | None) -> bool:
    """Whether a process exit code means 'ended by a signal' (negative in multiprocessing)."""
    return exitcode is not None and exitcode < 0


class ResilientTaskPool(TaskPool):  # type: ignore[misc]
    """Celery's prefork pool whose start-up check replaces children killed while booting."""

    def did_start_ok(self) -> bool:
        """False only if a child exited on its own; killed ones are replaced."""
        pool: Any = self._pool
        exited = [worker for worker in pool._pool if worker.exitcode is not None]
        if any(not killed_by_signal(worker.exitcode) for worker in exited):
            return False
        if exited:
            log.warning("pool: %d process(es) killed during start-up; replacing them", len(exited))
            pool.maintain_pool()
        return True
