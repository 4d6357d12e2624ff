"""The producer API: submit articles, follow their status, read their results.

    from worker.client import Client
    client = Client()                      # COPYDESK_REDIS_URL, or redis_url="redis://..."
    article_id = client.submit({"url": "https://example.com/a", "content": html})
    result = client.wait([article_id], timeout=60)[article_id]
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

from celery import Celery
from pydantic import ValidationError

from tasks.models import FINAL_STATUSES, ArticleIn, ArticleResult, JobStatus
from tasks.pipeline import failed_result
from worker.app import create_app
from worker.errors import InvalidPayload, PayloadError, PayloadTooLarge, PipelineError, StoreUnavailable
from worker.retries import requeue, stage_chain
from worker.settings import Settings, get_settings
from worker.store import RedisResultStore, StatusRecord

Payload = ArticleIn | Mapping[str, Any]
# Seconds between polls in ``wait``: results take tens of milliseconds, so 50 ms is prompt
# without hammering Redis.
WAIT_POLL_S = 0.05


def validation_message(exc: ValidationError) -> str:
    """'field: reason; field: reason' from a pydantic error."""
    parts = []
    for error in exc.errors():
        field = ".".join(str(p) for p in error["loc"]) or "payload"
        parts.append(f"{field}: {error['msg']}")
    return "; ".join(parts)


def _fallback_id(payload: Any) -> str:
    """An id for a payload too broken to have one of its own (recorded as failed)."""
    if isinstance(payload, Mapping) and isinstance(payload.get("id"), str):
        cleaned = "".join(ch for ch in payload["id"] if ch.isalnum() or ch in "._:-")[:200]
        if cleaned:
            return cleaned
    return "invalid-" + hashlib.sha256(repr(payload).encode("utf-8", "replace")).hexdigest()[:24]


def to_article(payload: Payload, max_bytes: int) -> ArticleIn:
    """Validate a payload and enforce the size limit.

    Raises:
        InvalidPayload: a field is missing or wrong (the message names it and why).
        PayloadTooLarge: ``content`` exceeds ``max_bytes``.
    """
    try:
        article = payload if isinstance(payload, ArticleIn) else ArticleIn.model_validate(payload)
    except ValidationError as exc:
        raise InvalidPayload(validation_message(exc)) from None
    size = len(article.content.encode("utf-8", errors="replace"))
    if size > max_bytes:
        raise PayloadTooLarge(size, max_bytes)
    return article


class Client:
    """Submit articles to copydesk's workers and read their results from the store."""

    def __init__(
        self,
        redis_url: str | None = None,
        settings: Settings | None = None,
        *,
        store: RedisResultStore | None = None,
        app: Celery | None = None,
    ) -> None:
        """Connect to ``redis_url`` (default ``COPYDESK_REDIS_URL``).

        ``store`` and ``app`` inject an embedded store and Celery app (``copydesk demo``, tests).
        """
        base = settings or get_settings()
        self.settings = base.model_copy(update={"redis_url": redis_url}) if redis_url else base
        if store is None and not self.settings.redis_url:
            msg = "no Redis URL: pass redis_url=... or set COPYDESK_REDIS_URL"
            raise ValueError(msg)
        self.store = store or RedisResultStore.from_url(
            self.settings.redis_url or "",
            prefix=self.settings.key_prefix,
            result_ttl_s=self.settings.result_ttl_s,
            payload_ttl_s=self.settings.payload_ttl_s,
        )
        self.app: Celery = app or create_app(self.settings)

    # ----------------------------------------------------------- submitting

    def submit(self, payload: Payload) -> str:
        """Enqueue one article as its own chain of stage tasks; returns its id.

        Submitting an id again is a no-op while it runs or once this pipeline version finished
        it; a result from another pipeline version is replaced by a fresh run.

        Raises:
            InvalidPayload, PayloadTooLarge: the article is recorded as failed, then raised.
            StoreUnavailable: Redis is down; nothing was enqueued.
        """
        try:
            article = to_article(payload, self.settings.max_payload_bytes)
        except PayloadError as exc:
            exc.article_id = self._record_rejected(payload, exc)  # type: ignore[attr-defined]
            raise
        self._enqueue([article])
        return article.id

    def submit_many(self, payloads: Iterable[Payload], batch_size: int | None = None) -> list[str]:
        """Enqueue many articles, ``batch_size`` per task and one Redis round trip per batch.

        Invalid or oversized payloads are recorded as failed (their ids are returned too);
        they never abort the rest. Raises ``StoreUnavailable`` if Redis is down: every id
        returned before that was enqueued, the failing batch was not.
        """
        size = batch_size or self.settings.batch_size
        ids: list[str] = []
        for chunk in _chunks(payloads, size):
            articles = []
            for payload in chunk:
                try:
                    articles.append(to_article(payload, self.settings.max_payload_bytes))
                except PayloadError as exc:
                    ids.append(self._record_rejected(payload, exc))
            self._enqueue(articles)
            ids.extend(a.id for a in articles)
        return ids

    def _enqueue(self, articles: list[ArticleIn]) -> None:
        """Accept new articles in the store, then send one chain for them; roll back on failure."""
        if not articles:
            return
        accepted = self.store.accept_many(articles)
        new_ids = [a.id for a, is_new in zip(articles, accepted, strict=True) if is_new]
        if not new_ids:
            return

        try:
            stage_chain(self.app, self.settings, new_ids).apply_async()
        except Exception as exc:
            self._roll_back(new_ids)
            msg = f"could not enqueue {len(new_ids)} article(s): {exc}"
            raise StoreUnavailable(msg) from exc

    def retry(self, article_ids: Iterable[str]) -> list[str]:
        """Put failed (or stuck) articles back in the queue; returns the ids re-sent.

        Unknown ids are skipped; an article whose payload expired is failed with that reason.
        """

        return requeue(self.store, self.app, self.settings, list(dict.fromkeys(article_ids)))

    def _roll_back(self, article_ids: list[str]) -> None:
        # If even this fails, the articles stay 'queued' with no message: the sweeper re-sends them.
        with contextlib.suppress(StoreUnavailable):
            self.store.forget(article_ids)

    def _record_rejected(self, payload: Any, exc: PayloadError) -> str:
        result = rejected_result(payload, exc)
        self.store.record_rejected(result)
        return result.id

    # ----------------------------------------------------------- reading

    def status(self, article_id: str) -> StatusRecord | None:
        """Status, timestamps per status and error of an article; None if unknown."""
        return self.store.status(article_id)

    def get(self, article_id: str) -> ArticleResult | None:
        """The article's final result (done or failed); None while in flight or unknown."""
        return self.store.get(article_id)

    def wait(self, article_ids: Iterable[str], timeout: float = 60.0) -> dict[str, ArticleResult]:
        """Block until every article is final; returns their results.

        Raises:
            TimeoutError: some were still in flight after ``timeout`` seconds.
        """
        pending = set(article_ids)
        results: dict[str, ArticleResult] = {}
        deadline = time.monotonic() + timeout
        while pending:
            statuses = self.store.statuses(sorted(pending))
            for article_id, status in statuses.items():
                result = self.store.get(article_id) if status in FINAL_STATUSES else None
                if result is not None:
                    results[article_id] = result
                    pending.discard(article_id)
            if pending:
                if time.monotonic() >= deadline:
                    msg = f"{len(pending)} article(s) not finished after {timeout:g} s"
                    raise TimeoutError(msg)
                time.sleep(WAIT_POLL_S)
        return results

    def counts(self) -> dict[str, int]:
        """Number of articles per status."""
        return self.store.counts()

    def ids(self, status: JobStatus) -> list[str]:
        """Ids currently in ``status``."""
        return self.store.ids(status)


def rejected_result(payload: Any, exc: PipelineError) -> ArticleResult:
    """The failed result of a payload refused before any stage ran (stage ``submit``)."""
    return failed_result(_payload_id(payload), "submit", exc)


def _payload_id(payload: Any) -> str:
    if isinstance(payload, Mapping):
        try:
            return ArticleIn.model_validate({**payload, "content": payload.get("content", "")}).id
        except (ValidationError, TypeError):
            pass
    return _fallback_id(payload)


def _chunks(items: Iterable[Payload], size: int) -> Iterator[list[Payload]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
