"""The pool's start-up check: a child killed while booting is replaced, not fatal."""

from __future__ import annotations

from dataclasses import dataclass

from worker.pool import ResilientTaskPool


@dataclass
class _Child:
    exitcode: int | None


@dataclass
class _BilliardPool:
    _pool: list[_Child]
    maintained: int = 0

    def maintain_pool(self) -> None:
        self.maintained += 1
        self._pool = [c for c in self._pool if c.exitcode is None] + [_Child(None)]


def _pool_with(*exitcodes: int | None) -> tuple[ResilientTaskPool, _BilliardPool]:
    pool = ResilientTaskPool.__new__(ResilientTaskPool)  # the check only reads the billiard pool
    inner = _BilliardPool([_Child(code) for code in exitcodes])
    pool._pool = inner
    return pool, inner


def test_children_all_up_start_ok() -> None:
    """No child has exited: nothing to replace."""
    pool, inner = _pool_with(None, None)
    assert pool.did_start_ok()
    assert inner.maintained == 0


def test_a_child_killed_by_a_signal_while_booting_is_replaced() -> None:
    """SIGKILL (exit code -9) during start-up: the worker goes on with a new child."""
    pool, inner = _pool_with(None, -9)
    assert pool.did_start_ok()
    assert inner.maintained == 1
    assert [c.exitcode for c in inner._pool] == [None, None]


def test_a_child_that_exits_on_its_own_still_stops_the_worker() -> None:
    """A child exiting with an error of its own (a broken install) fails the start-up check, as in Celery."""
    pool, _ = _pool_with(None, 1)
    assert not pool.did_start_ok()
