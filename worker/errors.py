"""The error tree: the stages' errors (``tasks/errors.py``) plus the runtime's own.

``PipelineError``
  ``PayloadError`` (permanent)
    ``InvalidPayload``, ``PayloadTooLarge``, ``StageRejected``
  ``TransientError`` (retried with backoff)
    ``StoreUnavailable``: Redis cannot be reached
  ``UnknownArticle``: an id the store does not know (never submitted, or its record expired)
  ``InvalidSetting``: a setting's value is wrong, or settings contradict each other
  ``ArticleFailed``: raised on purpose by the ``article_failed`` task, so Flower lists a failed article
"""

from __future__ import annotations

from tasks.errors import (
    InvalidPayload,
    PayloadError,
    PayloadTooLarge,
    PipelineError,
    StageRejected,
    TransientError,
    one_line,
)

__all__ = [
    "ArticleFailed",
    "InvalidPayload",
    "InvalidSetting",
    "PayloadError",
    "PayloadTooLarge",
    "PipelineError",
    "StageRejected",
    "StoreUnavailable",
    "TransientError",
    "UnknownArticle",
    "one_line",
]


class StoreUnavailable(TransientError):
    """Redis (broker or results store) cannot be reached or answered with an error."""


class UnknownArticle(PipelineError, LookupError):
    """Ids the store does not know; the message names them."""

    def __init__(self, article_ids: list[str]) -> None:
        shown = ", ".join(article_ids[:10]) + (f" and {len(article_ids) - 10} more" if len(article_ids) > 10 else "")
        super().__init__(f"unknown article id{'s' if len(article_ids) > 1 else ''}: {shown}")
        self.article_ids = article_ids


class InvalidSetting(PipelineError, ValueError):
    """A ``COPYDESK_*`` setting (or a command-line flag standing for one) is invalid; one line."""

class ArticleFailed(PipelineError):
    """An article ended ``failed``: the message says which, where and why (shown in Flower)."""
