"""Per-article time limits inside a stage task, so one slow article fails alone.

Celery's own soft/hard limits apply to a whole task (a batch); these apply to each article:
- soft (user CPU time, SIGVTALRM): raises ``ArticleTimeLimitExceeded`` in Python code, and
  the article fails alone. CPU time, not wall time, so that an article is judged by its own
  cost: on a host busy with other processes a stage waits for a core, and a wall-clock limit
  failed articles that pass on a quiet one. A signal handler only runs between bytecodes, so an
  article stuck inside C code (libxml2) is not interrupted by it;
- hard (CPU time, SIGPROF with its default action): the kernel ends the process even inside
  C code. Celery sees a lost worker, re-sends the task (a batch is split into single articles)
  and, once the retries are spent, records the article as failed.
Signals reach only the main thread: in threads (the embedded in-memory worker) both are
no-ops and Celery's task limits remain the bound.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from worker.errors import PayloadError
from worker.settings import Settings

# Seconds a task may spend beyond its articles' limits (loading inputs, writing results).
TASK_OVERHEAD_S = 10.0


def task_time_limits(settings: Settings, articles: int) -> tuple[float, float]:
    """(soft, hard) Celery time limits of a stage task carrying ``articles`` articles."""
    soft = settings.article_soft_limit_s * articles + TASK_OVERHEAD_S
    hard = settings.article_hard_limit_s * articles + 2 * TASK_OVERHEAD_S
    return soft, hard


class ArticleTimeLimitExceeded(PayloadError):
    """One article took longer than the per-article limit in one stage."""


@contextmanager
def article_deadline(seconds: float, what: str, cpu_kill_after_s: float | None = None) -> Iterator[None]:
    """Raise ``ArticleTimeLimitExceeded`` in the block once it has used ``seconds`` of CPU time.

    With ``cpu_kill_after_s``, the process is also ended by the kernel once the block has
    used that much CPU time (see the module docstring).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum: int, frame: FrameType | None) -> None:
        raise ArticleTimeLimitExceeded(f"{what} took more than {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGVTALRM, _expired)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    if cpu_kill_after_s is not None:
        signal.signal(signal.SIGPROF, signal.SIG_DFL)
        signal.setitimer(signal.ITIMER_PROF, cpu_kill_after_s)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        if cpu_kill_after_s is not None:
            signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGVTALRM, previous)
