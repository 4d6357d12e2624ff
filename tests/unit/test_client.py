"""The producer API on an in-memory store and Celery's in-memory broker."""

from __future__ import annotations

import time
from typing import Any

import fakeredis
import pytest
import redis
from celery import Celery
from redis.backoff import NoBackoff
from redis.retry import Retry

from tasks.models import ArticleResult, JobStatus
from tests.unit.conftest import queued_messages
from worker.app import create_app
from worker.client import Client
from worker.errors import InvalidPayload, PayloadTooLarge, StoreUnavailable, UnknownArticle
from worker.settings import Settings
from worker.store import InMemoryResultStore, RedisResultStore


@pytest.fixture
def settings() -> Settings:
    return Settings(queue="unit-test", batch_size=3, max_payload_bytes=1000)


def test_submit_enqueues_one_chain_per_article(app: Celery, settings: Settings) -> None:
    """A single submission is one clean task carrying that article's id."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    article_id = client.submit({"content": "Some article text.", "id": "one"})
    assert article_id == "one"
    assert client.status("one").status is JobStatus.QUEUED  # type: ignore[union-attr]
    assert queued_messages(app, "unit-test") == [{"task": "copydesk.clean", "ids": ["one"]}]


def test_same_article_twice_is_enqueued_once(app: Celery, settings: Settings) -> None:
    """Resubmitting an id sends no second chain, so there is one result."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    first = client.submit({"content": "Same text."})
    second = client.submit({"content": "Same text."})
    assert first == second
    assert len(queued_messages(app, "unit-test")) == 1


def test_a_new_pipeline_version_reruns_a_finished_article(app: Celery, settings: Settings) -> None:
    """Resubmitting a done article sends nothing, unless a newer pipeline version submits it."""
    shared = fakeredis.FakeRedis()
    old = Client(settings=settings, store=RedisResultStore(shared, prefix="t", pipeline_version="1"), app=app)
    article_id = old.submit({"content": "Same text."})
    queued_messages(app, "unit-test")  # drained: the first run
    old.store.finish(ArticleResult(id=article_id, status=JobStatus.DONE, text="v1", pipeline_version="1"))

    assert old.submit({"content": "Same text."}) == article_id
    assert queued_messages(app, "unit-test") == []
    new = Client(settings=settings, store=RedisResultStore(shared, prefix="t", pipeline_version="2"), app=app)
    assert new.submit({"content": "Same text."}) == article_id
    assert queued_messages(app, "unit-test") == [{"task": "copydesk.clean", "ids": [article_id]}]
    assert new.status(article_id).status is JobStatus.QUEUED  # type: ignore[union-attr]


def test_submit_many_batches_and_records_bad_payloads(app: Celery, settings: Settings) -> None:
    """Nine payloads go in chunks of three; bad ones end failed, not lost, not enqueued."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    payloads: list[Any] = [{"content": f"article {i}"} for i in range(7)]
    payloads.insert(2, {"content_type": "pdf", "content": "x", "id": "bad-type"})
    payloads.insert(5, {"content": "y" * 2000, "id": "too-big"})
    ids = client.submit_many(payloads)
    assert len(ids) == 9 and "bad-type" in ids and "too-big" in ids
    messages = queued_messages(app, "unit-test")
    assert sorted(len(m["ids"]) for m in messages) == [2, 2, 3]
    assert {i for m in messages for i in m["ids"]} == set(ids) - {"bad-type", "too-big"}
    failed = client.store.status("bad-type")
    assert failed is not None and failed.error is not None
    assert failed.error.type == "InvalidPayload" and "content_type" in failed.error.message
    assert client.store.status("too-big").error.type == "PayloadTooLarge"  # type: ignore[union-attr]


def test_submit_raises_and_records_an_invalid_payload(app: Celery, settings: Settings) -> None:
    """A single bad submission raises a typed error and is findable as failed."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    with pytest.raises(InvalidPayload) as info:
        client.submit({"id": "no-content"})
    assert client.status(info.value.article_id).status is JobStatus.FAILED  # type: ignore[attr-defined,union-attr]
    with pytest.raises(PayloadTooLarge):
        client.submit({"content": "z" * 5000})
    assert queued_messages(app, "unit-test") == []


def test_submit_with_redis_down_raises_and_reports_nothing(settings: Settings, app: Celery) -> None:
    """Producer honesty: no id is returned for an article that was not enqueued."""
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    client = Client(settings=settings, store=RedisResultStore(dead), app=app)
    with pytest.raises(StoreUnavailable):
        client.submit({"content": "text"})
    with pytest.raises(StoreUnavailable):
        client.submit_many([{"content": "text"}])


def test_failed_enqueue_rolls_the_article_back(settings: Settings) -> None:
    """If the broker refuses the message, the accepted record is removed and the error raised."""
    broken = create_app(settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}))
    broken.conf.broker_connection_timeout = 0.2
    broken.conf.task_publish_retry = False
    store = InMemoryResultStore()
    client = Client(settings=settings, store=store, app=broken)
    with pytest.raises(StoreUnavailable, match="could not enqueue"):
        client.submit({"content": "text", "id": "lost"})
    assert store.status("lost") is None


def test_wait_returns_results_or_times_out(app: Celery, settings: Settings) -> None:
    """wait() returns final results and raises TimeoutError for in-flight ones."""
    from tasks.models import ArticleResult

    store = InMemoryResultStore()
    client = Client(settings=settings, store=store, app=app)
    client.submit({"content": "a", "id": "a"})
    client.submit({"content": "b", "id": "b"})
    store.finish(ArticleResult(id="a", status=JobStatus.DONE, text="a"))
    assert client.wait(["a"], timeout=1)["a"].text == "a"
    with pytest.raises(TimeoutError, match="1 article"):
        client.wait(["a", "b"], timeout=0.2)


def test_client_without_redis_url_says_how_to_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    """No URL and no injected store: a clear error naming the variable."""
    monkeypatch.delenv("COPYDESK_REDIS_URL", raising=False)
    with pytest.raises(ValueError, match="COPYDESK_REDIS_URL"):
        Client()


def test_submit_many_ids_line_up_with_payloads_when_some_are_rejected(app: Celery, settings: Settings) -> None:
    """One id per payload, in input order, with rejected payloads anywhere in a batch."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    payloads: list[Any] = [
        {"content": "first", "id": "good-1"},
        {"content": "second", "id": "good-2"},
        {"content": "x", "id": "bad-1", "content_type": "pdf"},  # last of batch 1
        {"content": "third", "id": "good-3"},
        {"id": "bad-2"},  # middle of batch 2: no content
        {"content": "fourth", "id": "good-4"},
        {"content": "fifth", "id": "good-5"},
    ]
    assert client.submit_many(payloads) == [p["id"] for p in payloads]


def test_submit_batches_carries_each_rejected_payloads_error(app: Celery, settings: Settings) -> None:
    """Each batch's outcome is one Submission per payload; a rejected one has its error."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    batches = list(client.submit_batches([{"content": "ok", "id": "ok"}, {"id": "no-content"}]))
    assert [[(s.id, type(s.error).__name__) for s in batch] for batch in batches] == [
        [("ok", "NoneType"), ("no-content", "InvalidPayload")]
    ]


def test_a_missing_content_is_reported_alone(app: Celery, settings: Settings) -> None:
    """No content: the message names content, not the id derived from it."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    with pytest.raises(InvalidPayload) as info:
        client.submit({"url": "https://example.com/a"})
    assert str(info.value) == "content: Field required"


def test_a_rejected_payload_keeps_its_source(app: Celery, settings: Settings) -> None:
    """A payload refused at submit is failed with the url, name and path it declared."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    payload = {"url": "https://example.com/a", "source": "wire", "content": "y" * 2000,
               "extra": {"path": "pages/a.html"}, "content_type": "html"}
    (article_id,) = client.submit_many([payload])
    result = client.get(article_id)
    assert result is not None and result.status is JobStatus.FAILED and result.source is not None
    assert (result.source.url, result.source.name, result.source.path) == (
        "https://example.com/a", "wire", "pages/a.html")
    assert result.source.declared_content_type == "html"


def test_bytes_content_is_decoded_by_its_encoding_or_its_meta(app: Celery, settings: Settings) -> None:
    """bytes content: an explicit encoding, else the page's meta charset, gives the right text."""
    client = Client(settings=settings.model_copy(update={"max_payload_bytes": 10_000}),
                    store=InMemoryResultStore(), app=app)
    text = "Hélène Dupré ouvre le café."
    given = client.submit({"id": "given", "content": text.encode("latin-1"), "encoding": "iso-8859-1"})
    meta = client.submit({"id": "meta", "content": f'<meta charset="latin1"><p>{text}</p>'.encode("latin-1")})
    assert client.store.payload(given).content == text  # type: ignore[union-attr]
    assert text in client.store.payload(meta).content  # type: ignore[union-attr]


def test_an_unknown_encoding_or_one_on_text_is_refused_by_name(app: Celery, settings: Settings) -> None:
    """The error names the encoding field and why."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    with pytest.raises(InvalidPayload, match="encoding: unknown encoding: 'klingon'"):
        client.submit({"content": b"abc", "encoding": "klingon"})
    with pytest.raises(InvalidPayload, match="encoding: only bytes content"):
        client.submit({"content": "abc", "encoding": "utf-8"})


def test_wait_on_an_unknown_id_raises_at_once_naming_it(app: Celery, settings: Settings) -> None:
    """No waiting out the timeout for an id that does not exist."""
    client = Client(settings=settings, store=InMemoryResultStore(), app=app)
    client.submit({"content": "a", "id": "a"})
    started = time.monotonic()
    with pytest.raises(UnknownArticle, match="ghost") as info:
        client.wait(["a", "ghost"], timeout=30)
    assert time.monotonic() - started < 1
    assert info.value.article_ids == ["ghost"]


def test_retry_reports_what_it_resent_and_why_it_refused_the_rest(app: Celery, settings: Settings) -> None:
    """Failed with a payload: re-sent. Unknown, refused at submit, done, in flight: refused with reasons."""
    store = InMemoryResultStore()
    client = Client(settings=settings, store=store, app=app)
    for article_id in ("failed", "done", "running"):
        client.submit({"content": article_id, "id": article_id})
    with pytest.raises(InvalidPayload):
        client.submit({"id": "refused"})
    store.finish(ArticleResult(id="failed", status=JobStatus.FAILED))
    store.finish(ArticleResult(id="done", status=JobStatus.DONE, text="kept"))
    store.mark("running", JobStatus.CLEANING)
    queued_messages(app, "unit-test")

    report = client.retry(["failed", "done", "running", "refused", "ghost"])
    assert report.resent == ["failed"]
    assert set(report.refused) == {"done", "running", "refused", "ghost"}
    assert "already done" in report.refused["done"] and "--force" in report.refused["done"]
    assert "still cleaning" in report.refused["running"]
    assert "never stored" in report.refused["refused"] and "content" in report.refused["refused"]
    assert report.refused["ghost"] == "unknown article id"
    assert queued_messages(app, "unit-test") == [{"task": "copydesk.clean", "ids": ["failed"]}]
    assert client.get("done").text == "kept"  # type: ignore[union-attr]
    assert client.status("refused").status is JobStatus.FAILED  # type: ignore[union-attr]


def test_retry_with_force_reruns_a_done_article(app: Celery, settings: Settings) -> None:
    """force=True re-sends a done article; its status shows it queued again."""
    store = InMemoryResultStore()
    client = Client(settings=settings, store=store, app=app)
    client.submit({"content": "text", "id": "done"})
    store.finish(ArticleResult(id="done", status=JobStatus.DONE))
    queued_messages(app, "unit-test")
    assert client.retry(["done"], force=True).resent == ["done"]
    assert client.status("done").status is JobStatus.QUEUED  # type: ignore[union-attr]
    assert queued_messages(app, "unit-test") == [{"task": "copydesk.clean", "ids": ["done"]}]


def test_no_task_sent_events_so_flower_counts_no_sender_as_a_worker(settings: Settings) -> None:
    """Flower makes a worker of every event's sender, and a task-sent event's sender is a producer
    or a pool child named "gen<pid>@host": neither a client's app nor the workers' sends them."""
    client = Client(settings=settings, store=InMemoryResultStore())
    assert client.app.conf.task_send_sent_event is False
    assert create_app(settings).conf.task_send_sent_event is False
    assert create_app(settings).conf.worker_send_task_events is True
