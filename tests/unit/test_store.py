"""The results store on fakeredis: acceptance, status transitions, reads and export."""

from __future__ import annotations

import io
import json

import fakeredis
import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from tasks.models import ArticleIn, ArticleResult, ErrorInfo, JobStatus
from worker.errors import StoreUnavailable
from worker.store import RedisResultStore, pack


@pytest.fixture
def store() -> RedisResultStore:
    return RedisResultStore(fakeredis.FakeRedis(), prefix="t")


def _done(article_id: str, text: str = "body") -> ArticleResult:
    return ArticleResult(id=article_id, status=JobStatus.DONE, text=text)


def _failed(article_id: str) -> ArticleResult:
    error = ErrorInfo(stage="clean", type="StageRejected", message="clean: content is empty")
    return ArticleResult(id=article_id, status=JobStatus.FAILED, error=error)


def test_accept_records_queued_once(store: RedisResultStore) -> None:
    """The same id accepted twice is written once; the second accept says so."""
    article = ArticleIn(id="a1", content="x")
    assert store.accept_many([article, ArticleIn(id="a2", content="y")]) == [True, True]
    assert store.accept_many([article]) == [False]
    assert store.counts()["queued"] == 2
    assert store.payload("a1") == article
    record = store.status("a1")
    assert record is not None
    assert record.status is JobStatus.QUEUED
    assert "queued" in record.history


def test_accept_is_idempotent_per_id_and_pipeline_version() -> None:
    """A finished article is not run again by the same pipeline version, but a newer one reruns it."""
    client = fakeredis.FakeRedis()
    old = RedisResultStore(client, prefix="t", pipeline_version="1.0")
    old.accept_many([ArticleIn(id="a", content="x")])
    old.finish(ArticleResult(id="a", status=JobStatus.DONE, text="old", pipeline_version="1.0"))
    assert old.accept_many([ArticleIn(id="a", content="x")]) == [False]
    assert old.status("a").status is JobStatus.DONE  # type: ignore[union-attr]

    new = RedisResultStore(client, prefix="t", pipeline_version="2.0")
    assert new.accept_many([ArticleIn(id="a", content="y")]) == [True]
    assert new.status("a").status is JobStatus.QUEUED  # type: ignore[union-attr]
    assert new.ids(JobStatus.DONE) == [] and new.ids(JobStatus.QUEUED) == ["a"]
    assert new.payload("a").content == "y"  # type: ignore[union-attr]
    assert new.finish(ArticleResult(id="a", status=JobStatus.DONE, text="new", pipeline_version="2.0"))
    assert new.get("a").text == "new"  # type: ignore[union-attr]
    assert new.accept_many([ArticleIn(id="a", content="y")]) == [False]


def test_accept_leaves_an_article_in_flight_alone_whatever_the_version() -> None:
    """Only a final result is superseded: an article still running is never accepted twice."""
    client = fakeredis.FakeRedis()
    RedisResultStore(client, prefix="t", pipeline_version="1.0").accept_many([ArticleIn(id="a", content="x")])
    new = RedisResultStore(client, prefix="t", pipeline_version="2.0")
    new.mark("a", JobStatus.CLEANING)
    assert new.accept_many([ArticleIn(id="a", content="y")]) == [False]
    assert new.status("a").status is JobStatus.CLEANING  # type: ignore[union-attr]
    assert new.payload("a").content == "x"  # type: ignore[union-attr]


def test_status_moves_through_stages_with_timestamps(store: RedisResultStore) -> None:
    """Each status reached is timestamped; indexes follow the current status only."""
    store.accept_many([ArticleIn(id="a", content="x")])
    for status in (JobStatus.CLEANING, JobStatus.SPLITTING, JobStatus.EXTRACTING):
        assert store.mark("a", status)
    assert store.finish(_done("a"))
    record = store.status("a")
    assert record is not None
    assert list(record.history) == ["queued", "cleaning", "splitting", "extracting", "done"]
    assert store.ids(JobStatus.DONE) == ["a"]
    assert store.counts() == {"queued": 0, "cleaning": 0, "splitting": 0, "extracting": 0,
                              "done": 1, "failed": 0}
    assert store.get("a") == _done("a")


def test_done_is_never_moved_back_or_failed(store: RedisResultStore) -> None:
    """A duplicated or late stage run cannot undo a finished article."""
    store.accept_many([ArticleIn(id="a", content="x")])
    store.finish(_done("a"))
    assert not store.mark("a", JobStatus.CLEANING)
    assert not store.finish(_failed("a"))
    record = store.status("a")
    assert record is not None and record.status is JobStatus.DONE


def test_failed_keeps_stage_type_and_message_and_can_be_requeued(store: RedisResultStore) -> None:
    """A failure is recorded with its reason; a forced requeue starts it over."""
    store.accept_many([ArticleIn(id="a", content="x")])
    store.mark("a", JobStatus.CLEANING)
    store.finish(_failed("a"))
    record = store.status("a")
    assert record is not None and record.error is not None
    assert (record.error.stage, record.error.type) == ("clean", "StageRejected")
    assert not store.mark("a", JobStatus.CLEANING)  # a stray redelivery does not revive it
    assert store.mark("a", JobStatus.QUEUED, force=True)
    assert store.get("a") is None and store.ids(JobStatus.QUEUED) == ["a"]
    assert store.mark("a", JobStatus.CLEANING)
    assert store.status("a").runs["cleaning"] == 2  # type: ignore[union-attr]


def test_unknown_article_is_not_created_by_a_transition(store: RedisResultStore) -> None:
    """Only accepted articles get records."""
    assert not store.mark("ghost", JobStatus.CLEANING)
    assert not store.finish(_done("ghost"))
    assert store.status("ghost") is None


def test_result_ttl_applies_to_final_records() -> None:
    """With a result TTL the finished record expires; without, it is kept forever."""
    server = fakeredis.FakeRedis()
    kept = RedisResultStore(server, prefix="keep")
    expiring = RedisResultStore(server, prefix="ttl", result_ttl_s=60)
    for s in (kept, expiring):
        s.accept_many([ArticleIn(id="a", content="x")])
        s.finish(_done("a"))
    assert server.ttl("keep:article:a") == -1
    assert 0 < server.ttl("ttl:article:a") <= 60


def test_payload_has_a_ttl_and_stage_outputs_go_when_done(store: RedisResultStore) -> None:
    """No payload or intermediate key lives forever."""
    store.accept_many([ArticleIn(id="a", content="x")])
    store.put_stages("clean", {"a": pack(ArticleIn(id="a", content="y"))})
    assert store.redis.ttl("t:payload:a") > 0
    assert store.redis.ttl("t:stage:clean:a") > 0
    store.finish(_done("a"))
    assert store.load_inputs(["a"], "clean", with_payload=False) == [(None, None)]


def test_export_writes_every_final_result_as_jsonl(store: RedisResultStore) -> None:
    """Done and failed results are exported, in-flight ones are not."""
    store.accept_many([ArticleIn(id=i, content=i) for i in ("a", "b", "c")])
    store.finish(_done("a"))
    store.finish(_failed("b"))
    out = io.StringIO()
    assert store.export(out) == 2
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [(r["id"], r["status"]) for r in rows] == [("a", "done"), ("b", "failed")]


def test_record_rejected_creates_a_failed_record_without_payload(store: RedisResultStore) -> None:
    """A payload refused at submit time is findable as failed, with nothing to retry."""
    assert store.record_rejected(_failed("bad"))
    assert store.ids(JobStatus.FAILED) == ["bad"]
    assert store.payload("bad") is None
    assert not store.record_rejected(_failed("bad"))


def test_redis_down_raises_store_unavailable() -> None:
    """Connection errors become the transient StoreUnavailable."""
    dead = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2, retry=Retry(NoBackoff(), 0))
    store = RedisResultStore(dead, prefix="t")
    with pytest.raises(StoreUnavailable, match="Redis unavailable"):
        store.counts()


def test_a_failed_result_without_source_gets_the_one_its_payload_declares(store: RedisResultStore) -> None:
    """A stage failure recorded without a source still says which file and url it was."""
    store.accept_many([ArticleIn(id="a", content="x", url="https://example.com/a", extra={"path": "in/a.txt"})])
    store.finish(_failed("a"))
    result = store.get("a")
    assert result is not None and result.source is not None
    assert (result.source.path, result.source.url, result.source.content_type) == (
        "in/a.txt", "https://example.com/a", None)


def test_export_filters_by_status_and_acceptance_time(store: RedisResultStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """--status keeps one final status; since (inclusive) and until (exclusive) bound acceptance time."""
    for article_id, accepted_at in (("old", 1000.0), ("mid", 2000.0), ("new", 3000.0)):
        monkeypatch.setattr("worker.store.time.time", lambda at=accepted_at: at)
        store.accept_many([ArticleIn(id=article_id, content=article_id)])
    store.finish(_done("old"))
    store.finish(_failed("mid"))
    store.finish(_done("new"))

    def exported(**filters: object) -> list[str]:
        out = io.StringIO()
        store.export(out, **filters)  # type: ignore[arg-type]
        return [json.loads(line)["id"] for line in out.getvalue().splitlines()]

    assert exported(status=JobStatus.DONE) == ["old", "new"]
    assert exported(since=2000.0) == ["mid", "new"]
    assert exported(until=2000.0) == ["old"]
    assert exported(status=JobStatus.FAILED, since=1500.0, until=3000.0) == ["mid"]
