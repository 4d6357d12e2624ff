"""The sweeper: re-sends articles stuck in flight, so that none is ever silently lost.

Messages can vanish outside copydesk's control: a Redis crash loses up to a second of writes
with AOF ``everysec``, and a producer may die between recording an article and enqueueing it.
Every worker runs this step in its main process; a short lock lets one of them sweep at a time.
An article is stale when its status has not changed for ``COPYDESK_STALE_AFTER_S`` and not since
the queue was last seen empty: one merely waiting behind a long backlog is left alone (else a
backlog of hours would be re-sent, and failed after ``max_retries`` re-sends). The cost: a
message lost while the queue never empties is re-sent once the backlog drains.
Re-running stages is harmless (results are written once per article), so a false alarm costs
only work.

A queued article is found sooner (``lost_queued``): its message is sent the moment it is queued,
so once the queue has been seen empty since, a worker has taken the message, and a worker
leases what it takes (``worker/leases.py``). Queued, unleased and unchanged for two leases means
the message is gone. (An article in a stage status cannot be judged so: its next message is sent
when its stage ends, long after its last status change, and may be waiting in a backlog.)
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from celery import Celery, bootsteps

from tasks.models import JobStatus
from worker.errors import StoreUnavailable
from worker.keys import lease_parts
from worker.retries import requeue
from worker.settings import Settings, get_settings
from worker.store import RedisResultStore, get_store

log = logging.getLogger(__name__)


def sweep_once(app: Celery) -> list[str]:
    """Re-send this store's stale articles (if no other worker is sweeping); returns their ids."""
    settings = get_settings()
    store = get_store()
    if not store.try_lock("sweep", max(settings.sweep_interval_s - 1, 1)):
        return []
    # Not stale: articles waiting behind a backlog longer than stale_after_s (only those
    # unchanged since the queue was last seen empty can have lost their message).
    drained_at = store.queue_drained_at(settings.queue)
    stale = store.stale(settings.stale_after_s, changed_before=drained_at)
    stale = sorted({*stale, *lost_queued(store, settings, drained_at)})
    resent = requeue(store, app, settings, stale, force=False) if stale else []
    if stale:
        log.warning("sweeper: %d stale article(s), %d re-sent", len(stale), len(resent))
    return resent


# A queued article unleased for this many leases has lost its message (see the module docstring):
# long enough for a message's delivery to be followed by its lease.
LOST_AFTER_LEASES = 2


def lost_queued(store: RedisResultStore, settings: Settings, drained_at: float) -> list[str]:
    """Queued articles whose message neither the queue nor any worker holds (module docstring)."""
    candidates = store.stale(LOST_AFTER_LEASES * settings.lease_s, changed_before=drained_at)
    if not candidates:
        return []
    statuses = store.statuses(candidates)
    leased = {lease_parts(member)[0] for member in store.leases()}
    return [i for i in candidates if statuses[i] is JobStatus.QUEUED and i not in leased]


class RepeatingStep(bootsteps.StartStopStep):  # type: ignore[misc]
    """A worker bootstep that calls ``run`` every ``interval_s()`` seconds on the worker's timer."""

    requires: ClassVar[set[str]] = {"celery.worker.components:Timer"}

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.tref: Any = None
        self.app: Celery = parent.app

    def interval_s(self) -> float:
        """Seconds between runs."""
        raise NotImplementedError

    def run(self) -> None:
        """One run (must not raise: the timer would drop it)."""
        raise NotImplementedError

    def start(self, parent: Any) -> None:
        """Schedule ``run`` on the worker's timer."""
        self.tref = parent.timer.call_repeatedly(self.interval_s(), self.run, priority=10)

    def stop(self, parent: Any) -> None:
        """Cancel the schedule."""
        self.cancel()

    def cancel(self) -> None:
        """Cancel the schedule (idempotent)."""
        if self.tref is not None:
            self.tref.cancel()
            self.tref = None


class SweeperStep(RepeatingStep):
    """Runs ``sweep_once`` every ``COPYDESK_SWEEP_INTERVAL_S``."""

    def interval_s(self) -> float:
        """``COPYDESK_SWEEP_INTERVAL_S``."""
        return float(get_settings().sweep_interval_s)

    def run(self) -> None:
        """One sweep; Redis being down is logged and tried again next time."""
        try:
            sweep_once(self.app)
        except StoreUnavailable as exc:
            log.warning("sweeper: %s", exc)
        except Exception:
            log.exception("sweeper failed")
