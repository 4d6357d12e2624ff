"""The sweeper re-sends articles stuck in flight, and fails those that keep stalling."""

from __future__ import annotations

import time

import pytest
from celery import Celery

from tasks import celery_tasks
from tasks.models import ArticleIn, JobStatus
from tests.unit.conftest import queued_messages
from worker.app import create_app
from worker.retries import requeue
from worker.settings import Settings
from worker.store import InMemoryResultStore, RedisResultStore


@pytest.fixture
def settings() -> Settings:
    return Settings(queue="sweep-test", max_retries=2, batch_size=10)


def test_only_articles_idle_longer_than_the_threshold_are_stale() -> None:
    """Fresh and finished articles are not stale; an idle one is."""
    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id="old", content="x"), ArticleIn(id="new", content="y")])
    store.redis.zadd(store.keys.inflight(), {"old": 1.0})  # last change at the epoch's start
    assert store.stale(older_than_s=60) == ["old"]
    store.mark("old", JobStatus.CLEANING)  # a status change makes it fresh again
    assert store.stale(older_than_s=60) == []
    store.redis.zadd(store.keys.inflight(), {"old": 1.0})
    from tasks.models import ArticleResult

    store.finish(ArticleResult(id="old", status=JobStatus.DONE))
    assert store.stale(older_than_s=0) == ["new"]


def test_requeue_resends_and_counts(app: Celery, settings: Settings) -> None:
    """A stuck article is queued again and sent in one batch."""
    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id=i, content=i) for i in ("a", "b")])
    store.mark("a", JobStatus.SPLITTING)
    assert requeue(store, app, settings, ["a", "b", "ghost"]) == ["a", "b"]
    assert [m["ids"] for m in queued_messages(app, "sweep-test")] == [["a", "b"]]
    assert store.status("a").status is JobStatus.QUEUED  # type: ignore[union-attr]


def test_article_that_keeps_stalling_is_failed(app: Celery, settings: Settings) -> None:
    """After max_retries re-queues the article is failed with the reason, not sent again."""
    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id="a", content="x")])
    for _ in range(settings.max_retries):
        assert requeue(store, app, settings, ["a"]) == ["a"]
    assert requeue(store, app, settings, ["a"]) == []
    record = store.status("a")
    assert record is not None and record.status is JobStatus.FAILED
    assert record.error is not None and record.error.stage == "sweep"


def test_article_without_payload_is_failed(app: Celery, settings: Settings) -> None:
    """A payload that expired cannot be re-run: failed with that reason."""
    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id="a", content="x")])
    store.redis.delete(store.keys.payload("a"))
    assert requeue(store, app, settings, ["a"]) == []
    assert "payload expired" in store.status("a").error.message  # type: ignore[union-attr]


def test_sweep_once_takes_a_lock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two sweeps within an interval: only the first one works."""
    from worker import sweeper
    from worker.sweeper import sweep_once

    store: RedisResultStore = celery_tasks.get_store()
    store.accept_many([ArticleIn(id="s", content="x")])
    store.redis.zadd(store.keys.inflight(), {"s": 1.0})
    sent: list[list[str]] = []
    monkeypatch.setattr(sweeper, "requeue", lambda st, app, se, ids, **_: sent.append(list(ids)) or list(ids))
    assert sweep_once(create_app()) == ["s"]
    assert sweep_once(create_app()) == []
    assert sent == [["s"]]
    store.redis.flushall()


def test_an_article_waiting_behind_a_backlog_is_not_stale() -> None:
    """Idle for long, but the queue has not been empty since: its message is still waiting."""
    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id="waiting", content="x")])
    store.redis.zadd(store.keys.inflight(), {"waiting": 100.0})
    store.redis.set(store.keys.queue_drained(), 50.0)  # last seen empty before it was queued
    store.redis.rpush("backlog-queue", b"message")
    drained_at = store.queue_drained_at("backlog-queue")
    assert drained_at == 50.0
    assert store.stale(older_than_s=60, changed_before=drained_at) == []
    store.redis.delete("backlog-queue")  # the queue drains: the article's message was taken or lost
    drained_at = store.queue_drained_at("backlog-queue")
    assert drained_at > 100.0
    assert store.stale(older_than_s=60, changed_before=drained_at) == ["waiting"]


def test_sweeper_requeue_leaves_an_article_that_finished_meanwhile() -> None:
    """Found stale, then done before the re-send: it is not run (nor its result written) again."""
    from tasks.models import ArticleResult

    settings = Settings(queue="sweep-finished", max_retries=2, batch_size=10)
    app = create_app(settings)
    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id="a", content="x")])
    store.finish(ArticleResult(id="a", status=JobStatus.DONE))
    assert requeue(store, app, settings, ["a"], force=False) == []
    assert queued_messages(app, "sweep-finished") == []
    assert store.status("a").status is JobStatus.DONE  # type: ignore[union-attr]
    app.close()


def test_a_final_result_is_written_once() -> None:
    """A second final write (a duplicated run) is refused and counted, the first one stays."""
    from tasks.models import ArticleResult

    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id="a", content="x")])
    assert store.finish(ArticleResult(id="a", status=JobStatus.DONE, text="first"))
    assert not store.finish(ArticleResult(id="a", status=JobStatus.DONE, text="second"))
    assert store.get("a").text == "first"  # type: ignore[union-attr]
    fields = store.redis.hgetall(store.keys.article("a"))
    assert (fields[b"finishes"], fields[b"finishes_refused"]) == (b"1", b"1")


def test_a_queued_article_whose_message_nobody_holds_is_found_after_two_leases(settings: Settings) -> None:
    """Queued, unleased and unchanged since the queue was last empty: its message is lost. A leased
    one (a worker holds it), one in a stage (its next message may wait in a backlog) and a fresh
    one are left alone."""
    from worker.keys import lease_member
    from worker.sweeper import LOST_AFTER_LEASES, lost_queued

    store = InMemoryResultStore()
    store.accept_many([ArticleIn(id=i, content=i) for i in ("lost", "held", "in-stage", "fresh")])
    store.mark("in-stage", JobStatus.SPLITTING)
    long_ago = time.time() - LOST_AFTER_LEASES * settings.lease_s - 1
    store.redis.zadd(store.keys.inflight(), {"lost": long_ago, "held": long_ago, "in-stage": long_ago})
    store.hold([lease_member("held", "w1@host", "tag")], time.time() + settings.lease_s)
    drained_at = store.queue_drained_at("empty-queue")
    assert lost_queued(store, settings, drained_at) == ["lost"]
    assert lost_queued(store, settings, drained_at=long_ago - 1) == []  # the queue not empty since
