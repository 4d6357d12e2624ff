"""The producer API: submit articles, follow their status, read their results.

    from worker.client import Client
    client = Client()                      # COPYDESK_REDIS_URL, or redis_url="redis://..."
    # Sentinel: COPYDESK_REDIS_URL="sentinel://h1:26379;sentinel://h2:26379" and COPYDESK_REDIS_MASTER_NAME
    article_id = client.submit({"url": "https://example.com/a", "content": html})
    result = client.wait([article_id], timeout=60)[article_id]
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from celery import Celery

from tasks.models import FINAL_STATUSES, ArticleIn, ArticleResult, JobStatus
from worker.app import create_app
from worker.errors import PayloadError, StoreUnavailable, UnknownArticle
from worker.payloads import Payload, rejected_result, to_article
from worker.retries import RECOVERY_PRIORITY, send_chains, stage_chain
from worker.settings import Settings, get_settings, with_redis_url
from worker.store import RedisResultStore, StatusRecord

# Seconds between polls in ``wait``: results take tens of milliseconds, so 50 ms is prompt
# without hammering Redis.
WAIT_POLL_S = 0.05
# Statuses ``retry`` re-sends without ``force``: an article that failed. One in flight is still
# going (the sweeper re-sends a stuck one), and a done one would have its result replaced.
RETRYABLE = frozenset({JobStatus.FAILED})


@dataclass(frozen=True, slots=True)
class Submission:
    """What became of one submitted payload: its id, and the error that refused it (None: accepted)."""

    id: str
    error: PayloadError | None = None


@dataclass(frozen=True, slots=True)
class RetryReport:
    """What ``retry`` did: the ids re-sent, and each id it refused with the reason."""

    resent: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)


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
        self.settings = with_redis_url(base, redis_url) if redis_url else base
        if store is None and not self.settings.redis_url:
            msg = "no Redis URL: pass redis_url=... or set COPYDESK_REDIS_URL"
            raise ValueError(msg)
        self.store = store or RedisResultStore.from_settings(self.settings)
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

        Returns one id per payload, in the order of the payloads. Invalid or oversized payloads
        are recorded as failed (their ids are returned too); they never abort the rest. Raises
        ``StoreUnavailable`` if Redis is down: every id returned before that was enqueued, the
        failing batch was not.
        """
        return [s.id for batch in self.submit_batches(payloads, batch_size) for s in batch]

    def submit_batches(self, payloads: Iterable[Payload], batch_size: int | None = None) -> Iterator[list[Submission]]:
        """``submit_many``, one batch at a time: each batch's outcome, one per payload, in order.

        A ``Submission`` carries the error of a refused payload, for callers that report them.
        """
        size = batch_size or self.settings.batch_size
        for chunk in _chunks(payloads, size):
            submissions, articles = [], []
            for payload in chunk:
                try:
                    article = to_article(payload, self.settings.max_payload_bytes)
                except PayloadError as exc:
                    submissions.append(Submission(self._record_rejected(payload, exc), exc))
                    continue
                articles.append(article)
                submissions.append(Submission(article.id))
            self._enqueue(articles)
            yield submissions

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

    def retry(self, article_ids: Iterable[str], *, force: bool = False) -> RetryReport:
        """Put failed articles back in the queue; returns what was re-sent and what was refused.

        Refused, with the reason, and left as they are: unknown ids, articles whose payload was
        never stored (refused at submit) or has expired, and, unless ``force``, articles that are
        done (their result would be replaced) or still in flight.
        """

        report = RetryReport()
        candidates = []
        for article_id in dict.fromkeys(article_ids):
            reason = self._retry_refusal(article_id, force=force)
            if reason:
                report.refused[article_id] = reason
            else:
                candidates.append(article_id)
        moved = self.store.mark_many(candidates, JobStatus.QUEUED, force=True) if candidates else []
        report.resent.extend(i for i, ok in zip(candidates, moved, strict=True) if ok)
        report.refused.update({i: "unknown article id" for i, ok in zip(candidates, moved, strict=True) if not ok})
        send_chains(self.app, self.settings, report.resent, priority=RECOVERY_PRIORITY)
        return report

    def _retry_refusal(self, article_id: str, *, force: bool) -> str | None:
        """Why ``retry`` must not re-send this article, or None."""
        record = self.store.status(article_id)
        if record is None:
            return "unknown article id"
        if record.status not in RETRYABLE and not force:
            if record.status is JobStatus.DONE:
                return "already done; --force (force=True) runs it again and replaces its result"
            return f"still {record.status.value}; --force (force=True) sends it again"
        if self.store.payload(article_id) is None:
            if record.error is not None and record.error.stage == "submit":
                return f"refused at submit, its payload was never stored ({record.error.message})"
            return "its payload has expired (COPYDESK_PAYLOAD_TTL_S)"
        return None

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
            UnknownArticle: an id the store does not know (at once, not after ``timeout``).
            TimeoutError: some were still in flight after ``timeout`` seconds.
        """
        pending = set(article_ids)
        results: dict[str, ArticleResult] = {}
        deadline = time.monotonic() + timeout
        while pending:
            statuses = self.store.statuses(sorted(pending))
            unknown = [i for i, status in statuses.items() if status is None]
            if unknown:
                raise UnknownArticle(unknown)
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


def _chunks(items: Iterable[Payload], size: int) -> Iterator[list[Payload]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk
