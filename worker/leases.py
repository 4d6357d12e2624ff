"""Leases: each worker says in the store which articles it holds, so a dead one is noticed in seconds.

A worker's main process takes a lease for each article of every stage message it receives
(prefetched or running, countdown included), renews them all every ``COPYDESK_LEASE_S / 5``
and gives a message's leases up when the message is acknowledged or handed back. A worker
whose main process dies stops renewing: ``lease_s`` later its leases have lapsed, and the next
lease check of any worker, its own restart included, re-sends those articles
(``retries.recover_lapsed``). Redis still returns the dead worker's messages after the
visibility timeout; by then their articles are final and the late runs are no-ops (the store
writes a final result once).

A lease is per (article, worker, message): a message's acknowledgement releases only its own
leases, never those another worker took meanwhile for the article's next stage.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from celery import signals
from celery.worker import state
from celery.worker.request import Request

from tasks.stages import STAGE_BY_NAME, TASK_NAME_PREFIX
from worker.errors import StoreUnavailable
from worker.keys import lease_member
from worker.retries import recover_lapsed
from worker.settings import Settings, get_settings
from worker.store import RedisResultStore, get_store
from worker.sweeper import RepeatingStep

log = logging.getLogger(__name__)

# Renewals per lease: four may fail in a row (a Redis restart takes ~1 s) before a lease lapses.
RENEWALS_PER_LEASE = 5


def lease_members(request: Any) -> list[str]:
    """The leases a stage message stands for (none for other tasks)."""
    name = str(getattr(request, "name", ""))
    if not name.startswith(TASK_NAME_PREFIX) or name.removeprefix(TASK_NAME_PREFIX) not in STAGE_BY_NAME:
        return []
    args = request.args
    if not args or not isinstance(args[0], list):
        return []
    tag = str((request.delivery_info or {}).get("delivery_tag") or request.id)
    return [lease_member(str(article_id), request.hostname, tag) for article_id in args[0]]


class LeaseKeeper:
    """The leases of one worker's main process: taken, renewed, given up."""

    def __init__(self, store: RedisResultStore, settings: Settings) -> None:
        self.store = store
        self.lease_s = settings.lease_s
        # Past the visibility timeout Redis has redelivered the message: stop holding it.
        self.max_hold_s = float(settings.visibility_timeout_s)
        self.held: dict[str, tuple[list[str], float]] = {}  # delivery tag -> (leases, taken at)

    def take(self, request: Any) -> None:
        """Lease the articles of a message this worker just received."""
        members = lease_members(request)
        if members:
            self.held[_tag(request)] = (members, time.monotonic())
            self._safely(self.store.hold, members, time.time() + self.lease_s)

    def give_up(self, request: Any) -> None:
        """Release a message's leases (acknowledged, rejected or handed back)."""
        entry = self.held.pop(_tag(request), None)
        if entry is not None:
            self._safely(self.store.release, entry[0])

    def renew(self) -> None:
        """Extend every lease still held by ``lease_s`` from now."""
        now = time.monotonic()
        for tag, (_, taken) in list(self.held.items()):
            if now - taken > self.max_hold_s:
                del self.held[tag]
        members = [m for members, _ in self.held.values() for m in members]
        self.store.hold(members, time.time() + self.lease_s)

    def give_up_waiting(self, running: set[str]) -> None:
        """Release the leases of every message but the ``running`` ones (delivery tags)."""
        waiting = [tag for tag in self.held if tag not in running]
        members = [m for tag in waiting for m in self.held.pop(tag)[0]]
        self._safely(self.store.release, members)

    @staticmethod
    def _safely(operation: Any, *args: Any) -> None:
        """Redis down: a lease not taken or not released costs at worst a harmless re-run."""
        try:
            operation(*args)
        except StoreUnavailable as exc:
            log.warning("leases: %s", exc)


def _tag(request: Any) -> str:
    return str((request.delivery_info or {}).get("delivery_tag") or request.id)


# The keeper of this worker process (set by ``LeaseStep``; None in producers and tests).
_keeper: LeaseKeeper | None = None


class LeasedRequest(Request):  # type: ignore[misc]
    """A stage message whose leases are released the moment it is acknowledged or rejected."""

    def acknowledge(self) -> None:
        """Acknowledge, then release this message's leases."""
        super().acknowledge()
        if _keeper is not None:
            _keeper.give_up(self)

    def reject(self, requeue: bool = False) -> None:
        """Reject, then release this message's leases."""
        super().reject(requeue)
        if _keeper is not None:
            _keeper.give_up(self)


@signals.task_received.connect
def take_leases(request: Any = None, **_: Any) -> None:
    """A message arrived in this worker's main process: lease its articles."""
    if _keeper is not None and request is not None:
        _keeper.take(request)


class LeaseStep(RepeatingStep):
    """Keeps this worker's leases and re-sends lapsed ones, every ``lease_s / 5`` on the worker's timer."""

    def interval_s(self) -> float:
        """A fifth of the lease."""
        return get_settings().lease_s / RENEWALS_PER_LEASE

    def start(self, parent: Any) -> None:
        """Start keeping leases; check for lapsed ones at once (a restarted worker recovers its own)."""
        global _keeper  # noqa: PLW0603 - one keeper per worker process, reached from Celery's hooks
        _keeper = LeaseKeeper(get_store(), get_settings())
        super().start(parent)
        self.run()

    def stop(self, parent: Any) -> None:
        """Warm shutdown: the messages not running go back to the queue at once, and their leases
        with them; a running one keeps its lease until it is acknowledged (or lapses, if the
        worker is killed before)."""
        self.cancel()
        if _keeper is not None:
            _keeper.give_up_waiting({_tag(request) for request in state.active_requests})

    def terminate(self, parent: Any) -> None:
        """Cold (or soft) shutdown: every message, running ones included, goes back to the queue."""
        global _keeper  # noqa: PLW0603
        self.cancel()
        if _keeper is not None:
            _keeper.give_up_waiting(set())
            _keeper = None

    def run(self) -> None:
        """Renew this worker's leases, then re-send the articles of lapsed ones; Redis down is logged."""
        try:
            if _keeper is not None:
                _keeper.renew()
            resent = recover_lapsed(get_store(), self.app, get_settings(), time.time())
            if resent:
                log.warning("leases: %d article(s) of a lost worker re-sent: %s", len(resent), resent[:10])
        except StoreUnavailable as exc:
            log.warning("leases: %s", exc)
        except Exception:
            log.exception("lease check failed")
