"""Errors the stages and models raise: dependency-free, so the pure stages never import the runtime.

``PipelineError``
  ``PayloadError`` (permanent: the article fails at once)
    ``InvalidPayload``: the payload does not validate (field and reason in the message)
    ``PayloadTooLarge``: over ``COPYDESK_MAX_PAYLOAD_BYTES``
    ``StageRejected``: a stage refuses the article (binary content, nothing to extract, ...)
  ``TransientError`` (retried with backoff; the runtime adds ``StoreUnavailable``)

``ModelMismatch`` is no article's fault: a shipped model is missing or was trained on other
features. It is raised at load (the warm-up, before a worker takes tasks) and stops the process.

Which of these is retried is decided in one place: ``worker/retries.py``.
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


class ModelMismatch(RuntimeError):
    """A trained model is missing, unreadable, or does not match today's feature functions."""


def one_line(exc: BaseException, limit: int = 500) -> str:
    """A single-line, bounded description of an exception for records and CLI output."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
