"""From what a producer sends to a valid ``ArticleIn``, or to the failed result of a refused one.

No Celery or Redis here: ``copydesk process`` validates payloads with these functions too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from tasks.models import ArticleIn, ArticleResult, ContentType, SourceInfo
from tasks.pipeline import failed_result
from worker.decoding import decode_bytes
from worker.errors import InvalidPayload, PayloadTooLarge, PipelineError

Payload = ArticleIn | Mapping[str, Any]
# The payload key naming the charset of ``bytes`` content (as an HTTP Content-Type header would).
ENCODING_KEY = "encoding"


def validation_message(exc: ValidationError) -> str:
    """'field: reason; field: reason' from a pydantic error, naming only what is wrong.

    A missing ``id`` is not reported when ``content`` is missing or invalid: the id is derived
    from the content, so the producer's mistake is the content alone.
    """
    errors = exc.errors()
    content_wrong = any(e["loc"][:1] == ("content",) for e in errors)
    parts = []
    for error in errors:
        if content_wrong and error["type"] == "missing" and error["loc"] == ("id",):
            continue
        field = ".".join(str(p) for p in error["loc"]) or "payload"
        parts.append(f"{field}: {error['msg']}")
    return "; ".join(parts)


def decoded_payload(payload: Mapping[str, Any], max_bytes: int) -> dict[str, Any]:
    """The payload with ``bytes`` content decoded to text (see ``worker.decoding``).

    Raises:
        InvalidPayload: ``encoding`` is unknown, or given with content that is already text.
        PayloadTooLarge: the bytes exceed ``max_bytes`` (checked before decoding them).
    """
    fields = dict(payload)
    encoding = fields.pop(ENCODING_KEY, None)
    content = fields.get("content")
    if not isinstance(content, bytes | bytearray):
        if encoding is not None:
            raise InvalidPayload(f"{ENCODING_KEY}: only bytes content is decoded; content is not bytes")
        return fields
    if len(content) > max_bytes:
        raise PayloadTooLarge(len(content), max_bytes)
    if encoding is not None and not isinstance(encoding, str):
        raise InvalidPayload(f"{ENCODING_KEY}: must be a string naming a charset")
    try:
        fields["content"] = decode_bytes(bytes(content), encoding).text
    except LookupError as exc:
        raise InvalidPayload(f"{ENCODING_KEY}: {exc}") from None
    return fields


def to_article(payload: Payload, max_bytes: int) -> ArticleIn:
    """Validate a payload and enforce the size limit; ``bytes`` content is decoded first.

    Raises:
        InvalidPayload: a field is missing or wrong (the message names it and why).
        PayloadTooLarge: ``content`` exceeds ``max_bytes``.
    """
    if isinstance(payload, ArticleIn):
        article = payload
    else:
        fields = decoded_payload(payload, max_bytes) if isinstance(payload, Mapping) else payload
        try:
            article = ArticleIn.model_validate(fields)
        except ValidationError as exc:
            raise InvalidPayload(validation_message(exc)) from None
    size = len(article.content.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise PayloadTooLarge(size, max_bytes)
    return article


def rejected_result(payload: Any, exc: PipelineError) -> ArticleResult:
    """The failed result of a payload refused before any stage ran (stage ``submit``)."""
    return failed_result(payload_id(payload), "submit", exc, declared_source(payload))


def payload_id(payload: Any) -> str:
    """The id a payload has or would have; for one too broken to have one, a hash of it."""
    if isinstance(payload, ArticleIn):
        return payload.id
    if isinstance(payload, Mapping):
        content = payload.get("content", "")
        try:
            fields = {k: v for k, v in payload.items() if k != ENCODING_KEY}
            return ArticleIn.model_validate({**fields, "content": content if isinstance(content, str) else ""}).id
        except (ValidationError, TypeError):
            pass
    return _fallback_id(payload)


def _fallback_id(payload: Any) -> str:
    if isinstance(payload, Mapping) and isinstance(payload.get("id"), str):
        cleaned = "".join(ch for ch in payload["id"] if ch.isalnum() or ch in "._:-")[:200]
        if cleaned:
            return cleaned
    return "invalid-" + hashlib.sha256(repr(payload).encode("utf-8", "replace")).hexdigest()[:24]


def declared_source(payload: Any) -> SourceInfo | None:
    """What a refused payload says of its source (url, name, path, declared type), as far as valid."""
    if isinstance(payload, ArticleIn):
        return SourceInfo.of(payload)
    if not isinstance(payload, Mapping):
        return None
    extra = payload.get("extra")
    extra = {k: v for k, v in extra.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(
        extra, Mapping) else {}
    declared = payload.get("content_type")
    content = payload.get("content")
    return SourceInfo(
        url=_text_or_none(payload.get("url")),
        declared_content_type=declared if declared in set(ContentType) else ContentType.AUTO,
        name=_text_or_none(payload.get("source")),
        path=extra.get("path"),
        received_at=datetime.now(UTC),
        extra=extra,
        size_bytes=_size(content),
    )


def _size(content: Any) -> int:
    if isinstance(content, str):
        return len(content.encode("utf-8", errors="replace"))
    return len(content) if isinstance(content, bytes | bytearray) else 0


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) else None
