"""The error tree. Permanent errors fail an article at once; transient errors are retried.

``PipelineError``
  ``PayloadError`` (permanent)
    ``InvalidPayload``: the payload does not validate (field and reason in the message)
    ``PayloadTooLarge``: over ``COPYDESK_MAX_PAYLOAD_BYTES``
    ``StageRejected``: a stage refuses the article (binary content, nothing to extract, ...)
  ``TransientError`` (retried with backoff)
    ``StoreUnavailable``: Redis cannot be reached
  ``UnknownArticle``: an id the store does not know (never submitted, or its record expired)
  ``InvalidSetting``: a setting's value is wrong, or settings contradict each other
"""

from __future__ import annotations


class PipelineError(Exception):
    """Root of every error copydesk raises on purpose."""


class PayloadError(PipelineError):
    """A permanent problem with one article: retrying cannot help."""


class InvalidPayload(PayloadError):
    """The payload does not validate; the message names the field and the reason."""


class PayloadTooLarge(PayloadError):
    """The payload is larger than the configured maximum."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"payload is {size} bytes, over the limit of {limit} bytes")
        self.size = size
        self.limit = limit


class StageRejected(PayloadError):
    """A stage cannot process this article (for example: binary content)."""

    def __init__(self, stage: str, reason: str) -> None:
        super().__init__(f"{stage}: {reason}")
        self.stage = stage
        self.reason = reason


class TransientError(PipelineError):
    """A temporary failure (network, Redis): the task is retried with backoff."""


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


def one_line(exc: BaseException, limit: int = 500) -> str:
    """A single-line, bounded description of an exception for records and CLI output."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
