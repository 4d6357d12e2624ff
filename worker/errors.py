"""The error tree: the stages' errors (``tasks/errors.py``) plus the runtime's own.

``PipelineError``
  ``PayloadError`` (permanent)
    ``InvalidPayload``, ``PayloadTooLarge``, ``StageRejected``
  ``TransientError`` (retried with backoff)
    ``StoreUnavailable``: Redis cannot be reached
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
    "PayloadError",
    "PayloadTooLarge",
    "PipelineError",
    "StageRejected",
    "StoreUnavailable",
    "TransientError",
    "one_line",
]


class StoreUnavailable(TransientError):
    """Redis (broker or results store) cannot be reached or answered with an error."""


class ArticleFailed(PipelineError):
    """An article ended ``failed``: the message says which, where and why (shown in Flower)."""
