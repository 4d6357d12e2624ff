"""Stage task bodies called directly (no worker, no eager mode) on the in-memory store."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest

from tasks import celery_tasks
from tasks.celery_tasks import run_stage
from tasks.models import ArticleIn, JobStatus
from tasks.stages import STAGE_BY_NAME
from tests.unit.conftest import queued_messages
from worker.app import app
from worker.errors import ArticleFailed
from worker.retries import ARTICLE_FAILED_TASK, record_task_failure, stage_chain
from worker.settings import get_settings
from worker.store import RedisResultStore


@pytest.fixture
def store() -> Iterator[RedisResultStore]:
    store = celery_tasks.get_store()  # in memory: no COPYDESK_REDIS_URL in unit tests
    yield store
    store.redis.flushall()


@pytest.fixture(autouse=True)
def _no_redis(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COPYDESK_REDIS_URL", raising=False)


class _Request:
    def __init__(self, retries: int = 0) -> None:
        self.retries = retries


class _FakeTask:
    def __init__(self, retries: int = 0) -> None:
        self.request = _Request(retries)
        self.app = app


def _stage_output(store: RedisResultStore, article_id: str, stage: str) -> Any:
    """A stage's stored output as JSON data, read the way the next stage reads it."""
    [(_, output)] = store.load_inputs([article_id], stage, with_payload=False)
    assert output is not None
    return json.loads(output)


def _run_all(article_ids: list[str]) -> list[str]:
    for stage in ("clean", "split_sections", "extract_metadata"):
        article_ids = run_stage(_FakeTask(), stage, article_ids)  # type: ignore[arg-type]
    return article_ids


def test_three_stages_produce_a_done_result(store: RedisResultStore, sample_html: str) -> None:
    """clean -> split_sections -> extract_metadata stores a done result with timings."""
    store.accept_many([ArticleIn(id="a", content=sample_html)])
    assert _run_all(["a"]) == ["a"]
    result = store.get("a")
    assert result is not None and result.status is JobStatus.DONE
    assert "swing bridge" in result.text
    assert set(result.timings_ms) == {"clean", "split_sections", "extract_metadata"}
    record = store.status("a")
    assert record is not None
    assert list(record.history) == ["queued", "cleaning", "splitting", "extracting", "done"]


def test_bad_article_fails_alone_in_its_batch(store: RedisResultStore, sample_text: str) -> None:
    """A binary payload fails in clean with its reason; its batch-mate is done."""
    store.accept_many([ArticleIn(id="bad", content="\x00\x01" * 50), ArticleIn(id="ok", content=sample_text)])
    assert _run_all(["bad", "ok"]) == ["ok"]
    bad = store.status("bad")
    assert bad is not None and bad.status is JobStatus.FAILED and bad.error is not None
    assert (bad.error.stage, bad.error.type) == ("clean", "StageRejected")
    assert store.get("ok").status is JobStatus.DONE  # type: ignore[union-attr]


def test_unexpected_stage_error_is_recorded_not_raised(
    store: RedisResultStore, sample_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug in a stage fails that article with the error type; the worker lives on."""

    def broken(*_: Any) -> None:
        raise KeyError("boom")

    monkeypatch.setitem(STAGE_BY_NAME, "split_sections", replace(STAGE_BY_NAME["split_sections"], run=broken))
    store.accept_many([ArticleIn(id="a", content=sample_text)])
    assert _run_all(["a"]) == []
    error = store.status("a").error  # type: ignore[union-attr]
    assert error is not None and (error.stage, error.type) == ("split_sections", "KeyError")


def test_rerunning_a_stage_is_harmless(store: RedisResultStore, sample_text: str) -> None:
    """A redelivered message after done changes nothing (idempotent per article)."""
    store.accept_many([ArticleIn(id="a", content=sample_text)])
    _run_all(["a"])
    first = store.get("a")
    assert run_stage(_FakeTask(), "clean", ["a"]) == []  # type: ignore[arg-type]
    assert store.get("a") == first


def test_stage_outputs_do_not_store_the_raw_page_twice(store: RedisResultStore, sample_html: str) -> None:
    """The raw page lives in the payload only; the next stage gets it back."""
    store.accept_many([ArticleIn(id="a", content=sample_html)])
    run_stage(_FakeTask(), "clean", ["a"])  # type: ignore[arg-type]
    assert _stage_output(store, "a", "clean")["raw"] == ""  # the page lives in the payload only
    run_stage(_FakeTask(), "split_sections", ["a"])  # type: ignore[arg-type]
    run_stage(_FakeTask(), "extract_metadata", ["a"])  # type: ignore[arg-type]
    result = store.get("a")
    assert result is not None and result.metadata.title == "Harbour bridge reopens after six-month repair"


def test_lost_intermediate_output_is_recomputed(store: RedisResultStore, sample_text: str) -> None:
    """If a stage output expired, the next stage recomputes it from the payload."""
    store.accept_many([ArticleIn(id="a", content=sample_text)])
    run_stage(_FakeTask(), "clean", ["a"])  # type: ignore[arg-type]
    store.redis.delete(store.keys.stage_output("a", "clean"))
    run_stage(_FakeTask(), "split_sections", ["a"])  # type: ignore[arg-type]
    run_stage(_FakeTask(), "extract_metadata", ["a"])  # type: ignore[arg-type]
    assert store.get("a").status is JobStatus.DONE  # type: ignore[union-attr]


def test_split_sections_goes_without_the_payload(store: RedisResultStore, sample_html: str) -> None:
    """split_sections only passes the raw page on: it runs on the clean output alone, and
    extract_metadata, which reads the page, fails the article if the payload is gone."""
    store.accept_many([ArticleIn(id="a", content=sample_html)])
    run_stage(_FakeTask(), "clean", ["a"])  # type: ignore[arg-type]
    store.redis.delete(store.keys.payload("a"))
    assert run_stage(_FakeTask(), "split_sections", ["a"]) == ["a"]  # type: ignore[arg-type]
    assert _stage_output(store, "a", "split_sections")["raw"] == ""
    assert run_stage(_FakeTask(), "extract_metadata", ["a"]) == []  # type: ignore[arg-type]
    error = store.status("a").error  # type: ignore[union-attr]
    assert error is not None and (error.stage, error.type) == ("extract_metadata", "StageRejected")
    assert "payload not found" in error.message


def test_split_sections_recomputes_a_lost_clean_output_from_the_payload(
    store: RedisResultStore, sample_html: str
) -> None:
    """Without the clean output split_sections does load the payload, and the result is the
    same as on the normal path."""
    store.accept_many([ArticleIn(id="a", content=sample_html), ArticleIn(id="b", content=sample_html)])
    run_stage(_FakeTask(), "clean", ["a", "b"])  # type: ignore[arg-type]
    store.redis.delete(store.keys.stage_output("b", "clean"))
    assert run_stage(_FakeTask(), "split_sections", ["a", "b"]) == ["a", "b"]  # type: ignore[arg-type]
    run_stage(_FakeTask(), "extract_metadata", ["a", "b"])  # type: ignore[arg-type]
    a, b = store.get("a"), store.get("b")
    assert a is not None and b is not None and a.status is b.status is JobStatus.DONE
    assert (a.text, a.sections, a.metadata.title) == (b.text, b.sections, b.metadata.title)


def test_retried_batch_is_split_into_single_article_chains(
    store: RedisResultStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch on its second attempt sends one chain per article instead of running."""
    sent: list[list[str]] = []
    monkeypatch.setattr(celery_tasks, "fan_out", lambda _app, stage, ids: sent.extend([i] for i in ids))
    assert run_stage(_FakeTask(retries=1), "split_sections", ["a", "b"]) == []  # type: ignore[arg-type]
    assert sent == [["a"], ["b"]]


def test_task_failure_records_a_single_article_failed(store: RedisResultStore) -> None:
    """A whole-task failure (lost worker, time limit) ends the article as failed."""
    store.accept_many([ArticleIn(id="a", content="x")])
    store.mark("a", JobStatus.CLEANING)
    task = app.tasks["copydesk.clean"]
    record_task_failure(sender=task, exception=TimeoutError("hard time limit"), args=[["a"]])
    error = store.status("a").error  # type: ignore[union-attr]
    assert error is not None and (error.stage, error.type) == ("clean", "TimeoutError")


def test_stage_chain_names_tasks_and_scales_limits() -> None:
    """The chain runs the three named stages with per-batch time limits on our queue."""
    settings = get_settings()
    signature = stage_chain(app, settings, ["a", "b"])
    names = [t["task"] for t in signature.tasks]
    assert names == ["copydesk.clean", "copydesk.split_sections", "copydesk.extract_metadata"]
    head = signature.tasks[0]
    assert head["args"] == (["a", "b"],) or list(head["args"]) == [["a", "b"]]
    assert head["options"]["time_limit"] > 2 * settings.article_hard_limit_s
    assert head["options"]["queue"] == settings.queue
    tail = stage_chain(app, settings, ["a"], first_stage="extract_metadata")
    assert [t["task"] for t in tail.tasks] == ["copydesk.extract_metadata"]


def test_pickle_is_not_accepted() -> None:
    """Workers accept JSON only."""
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_serializer == "json"


def test_a_failed_article_sends_a_task_that_fails_with_its_reason(
    store: RedisResultStore, sample_text: str,
) -> None:
    """Its batch succeeds, so a task of its own ends FAILURE (what Flower's Failed filter lists)."""
    queue = get_settings().queue
    queued_messages(app, queue)  # start from an empty queue
    store.accept_many([ArticleIn(id="bad", content="\x00\x01" * 50), ArticleIn(id="ok", content=sample_text)])
    _run_all(["bad", "ok"])
    sent = queued_messages(app, queue)
    assert [m["task"] for m in sent] == [ARTICLE_FAILED_TASK]
    error = store.status("bad").error  # type: ignore[union-attr]
    assert error is not None
    with pytest.raises(ArticleFailed, match=r"bad failed in clean after 1 attempt\(s\): StageRejected"):
        celery_tasks.article_failed(  # type: ignore[call-arg]
            "bad", error.stage, error.type, error.message, error.attempts,
        )


def test_a_late_duplicate_failure_is_not_reported_twice(store: RedisResultStore) -> None:
    """Only a failure the store accepted is reported: a refused late write sends nothing."""
    queue = get_settings().queue
    store.accept_many([ArticleIn(id="bad", content="\x00\x01" * 50)])
    run_stage(_FakeTask(), "clean", ["bad"])  # type: ignore[arg-type]
    assert len(queued_messages(app, queue)) == 1
    store.mark("bad", JobStatus.CLEANING)  # refused: the article is final
    run_stage(_FakeTask(), "clean", ["bad"])  # type: ignore[arg-type]
    assert queued_messages(app, queue) == []
