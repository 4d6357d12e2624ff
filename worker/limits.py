"""A per-article time limit inside a stage task, so one slow article fails alone.

Celery's own soft/hard limits apply to a whole task (a batch); this one applies to each
article. It uses SIGALRM, which only the main thread of a process can receive: in threads
(the embedded in-memory worker) it is a no-op and Celery's task limits remain the bound.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from worker.errors import PayloadError


class ArticleTimeLimitExceeded(PayloadError):
    """One article took longer than the per-article limit in one stage."""


@contextmanager
def article_deadline(seconds: float, what: str) -> Iterator[None]:
    """Raise ``ArticleTimeLimitExceeded`` in the block if it runs longer than ``seconds``."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def _expired(signum: int, frame: FrameType | None) -> None:
        raise ArticleTimeLimitExceeded(f"{what} took longer than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
