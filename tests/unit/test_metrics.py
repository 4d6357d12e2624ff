"""The Prometheus exporter: figures read from the store, served over HTTP and scraped."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tasks.models import ArticleIn, ArticleResult, ErrorInfo, JobStatus
from worker.keys import queue_lists
from worker.metrics import serve
from worker.settings import Settings
from worker.store import InMemoryResultStore, RedisResultStore

QUEUE = "metrics-test"


@pytest.fixture
def store() -> RedisResultStore:
    store = InMemoryResultStore(prefix="metrics")
    store.accept_many([ArticleIn(id=f"a{n}", content="x") for n in range(5)])
    store.finish(ArticleResult(id="a0", status=JobStatus.DONE,
                               timings_ms={"clean": 3.0, "split_sections": 0.4, "extract_metadata": 40.0}))
    store.finish(ArticleResult(id="a1", status=JobStatus.DONE,
                               timings_ms={"clean": 700.0, "split_sections": 0.2, "extract_metadata": 9.0}))
    error = ErrorInfo(stage="clean", type="StageRejected", message="content is empty")
    store.finish(ArticleResult(id="a2", status=JobStatus.FAILED, error=error))
    store.mark("a3", JobStatus.CLEANING)
    store.redis.rpush(QUEUE, b"m1", b"m2")  # two messages waiting, re-sent ones (priority 0)
    store.redis.rpush(queue_lists(QUEUE)[1], b"m3")  # and one of new work (a lower priority)
    return store


@pytest.fixture
def scraped(store: RedisResultStore) -> Iterator[dict[str, list[tuple[dict[str, str], float, str]]]]:
    """One scrape of a live exporter: metric family -> [(labels, value, sample name)]."""
    server = serve(port=0, addr="127.0.0.1", settings=Settings(queue=QUEUE), store=store)
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}/metrics", timeout=5) as response:
            assert response.status == 200
            text = response.read().decode()
    finally:
        server.shutdown()
        server.server_close()
    yield {
        family.name: [(sample.labels, sample.value, sample.name) for sample in family.samples]
        for family in text_string_to_metric_families(text)
    }


def test_articles_by_status_and_stage(scraped: dict) -> None:  # type: ignore[type-arg]
    """Counts per status, in-flight statuses labelled with their stage."""
    by_status = {labels["status"]: (labels["stage"], value) for labels, value, _ in scraped["copydesk_articles"]}
    assert by_status["done"] == ("", 2)
    assert by_status["failed"] == ("", 1)
    assert by_status["queued"] == ("", 1)
    assert by_status["cleaning"] == ("clean", 1)


def test_failures_by_stage_and_error_type(scraped: dict) -> None:  # type: ignore[type-arg]
    """A counter per (stage, error type)."""
    samples = [(labels, value) for labels, value, name in scraped["copydesk_failures"] if name.endswith("_total")]
    assert samples == [({"stage": "clean", "error_type": "StageRejected"}, 1.0)]


def test_stage_latency_histograms(scraped: dict) -> None:  # type: ignore[type-arg]
    """Cumulative buckets, count and sum per stage, from the finished articles' timings."""
    clean = {(name, labels.get("le")): value for labels, value, name in scraped["copydesk_stage_seconds"]
             if labels["stage"] == "clean"}
    assert clean["copydesk_stage_seconds_bucket", "0.005"] == 1  # the 3 ms run
    assert clean["copydesk_stage_seconds_bucket", "0.5"] == 1
    assert clean["copydesk_stage_seconds_bucket", "1.0"] == 2  # the 700 ms run
    assert clean["copydesk_stage_seconds_bucket", "+Inf"] == 2
    assert clean["copydesk_stage_seconds_count", None] == 2
    assert clean["copydesk_stage_seconds_sum", None] == pytest.approx(0.703)


def test_queue_depth_and_oldest_inflight_age(store: RedisResultStore, scraped: dict) -> None:  # type: ignore[type-arg]
    """Messages waiting, and how long the least recently moved unfinished article has waited."""
    assert scraped["copydesk_queue_depth"][0][1] == 3
    assert scraped["copydesk_store_up"][0][1] == 1
    assert scraped["copydesk_oldest_inflight_age_seconds"][0][1] >= 0
    store.redis.zadd(store.keys.inflight(), {"a4": 1.0})  # unchanged since the epoch's start
    assert store.oldest_inflight_age_s() > 1e9
