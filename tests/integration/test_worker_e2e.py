"""Client -> Redis -> a real Celery worker (three stage tasks) -> results store."""

from __future__ import annotations

import time

import pytest
from kombu import Connection

from tasks.models import JobStatus
from tests.integration.conftest import Process
from tests.scraped import ARTICLES, ScrapedArticle
from worker.client import Client
from worker.keys import lease_parts

pytestmark = pytest.mark.integration
RESULT_TIMEOUT_S = 240


@pytest.mark.parametrize("article", ARTICLES)
def test_scraped_article_goes_through_a_real_worker(client: Client, worker: Process, article: ScrapedArticle) -> None:
    """A scraped payload comes back done, with a title, text, sections and its history."""
    article_id = client.submit({"content": article.text(), "url": "https://example.test/scraped"})
    result = client.wait([article_id], timeout=RESULT_TIMEOUT_S)[article_id]
    assert result.status is JobStatus.DONE
    assert result.metadata.title == article.expected()["title"]
    assert article.expected()["body_must_contain"][0] in result.text
    assert len(result.sections) >= 1
    record = client.status(article_id)
    assert record is not None
    assert list(record.history) == ["queued", "cleaning", "splitting", "extracting", "done"]
    assert record.runs == {"cleaning": 1, "splitting": 1, "extracting": 1}


def test_submit_many_every_article_ends_done_or_failed(
    client: Client, worker: Process, sample_html: str, sample_text: str
) -> None:
    """A batch with good and bad payloads: the counts add up, nothing is lost."""
    good = [{"content": sample_html.replace("Saturday", f"Saturday {i}")} for i in range(12)]
    good += [{"content": sample_text.replace("Sunday", f"Sunday {i}")} for i in range(12)]
    bad = [{"content": "\x00\x01\x02" * 40}, {"content": "   "}, {"content_type": "xml", "content": "x"}]
    ids = client.submit_many(good + bad, batch_size=10)
    assert len(set(ids)) == 27
    results = client.wait(ids, timeout=RESULT_TIMEOUT_S)
    statuses = [results[i].status for i in ids]
    assert statuses.count(JobStatus.DONE) == 24
    assert statuses.count(JobStatus.FAILED) == 3
    counts = client.counts()
    assert counts["done"] == 24 and counts["failed"] == 3
    assert sum(counts.values()) == 27
    errors = {results[i].error.type for i in ids if results[i].error}  # type: ignore[union-attr]
    assert errors == {"StageRejected", "InvalidPayload"}


def test_duplicate_submission_runs_once(client: Client, worker: Process, sample_text: str) -> None:
    """The same article submitted twice is processed once."""
    first = client.submit({"content": sample_text})
    second = client.submit({"content": sample_text})
    assert first == second
    client.wait([first], timeout=RESULT_TIMEOUT_S)
    time.sleep(1)
    assert client.status(first).runs == {"cleaning": 1, "splitting": 1, "extracting": 1}  # type: ignore[union-attr]


def test_failed_article_is_visible_and_can_be_retried(client: Client, worker: Process) -> None:
    """A crashing payload is failed with its reason; retry runs it again."""
    article_id = client.submit({"content": "\x00binary\x00" * 20, "id": "broken-1", "url": "https://example.com/b"})
    result = client.wait([article_id], timeout=RESULT_TIMEOUT_S)[article_id]
    assert result.status is JobStatus.FAILED
    assert result.error is not None and result.error.stage == "clean"
    assert result.source is not None and result.source.url == "https://example.com/b"
    assert client.retry([article_id]).resent == [article_id]
    deadline = time.monotonic() + RESULT_TIMEOUT_S
    while client.status(article_id).runs.get("cleaning") != 2:  # type: ignore[union-attr]
        assert time.monotonic() < deadline, "retried article never ran again"
        time.sleep(0.2)
    assert client.wait([article_id], timeout=RESULT_TIMEOUT_S)[article_id].status is JobStatus.FAILED


def test_pickled_message_is_refused(client: Client, worker: Process, sample_text: str) -> None:
    """A pickle-serialized task on the queue is never run; the worker goes on working."""
    with Connection(client.settings.redis_url) as conn:
        client.app.send_task("copydesk.clean", args=[["pickled"]], serializer="pickle",
                             queue=client.settings.queue, connection=conn)
    worker.wait_for("Refusing to deserialize untrusted content", timeout=30)
    article_id = client.submit({"content": sample_text})
    assert client.wait([article_id], timeout=RESULT_TIMEOUT_S)[article_id].status is JobStatus.DONE
    assert client.status("pickled") is None


def test_leases_are_taken_while_held_and_released_on_acknowledgement(
    client: Client, worker: Process, sample_text: str
) -> None:
    """A real worker leases the articles of the messages it holds and releases every lease once
    they are acknowledged: no lease outlives its message (or a live worker's articles would be
    re-sent when it lapsed)."""
    payloads = [{"content": sample_text.replace("Sunday", f"Sunday {i}")} for i in range(20)]
    ids = client.submit_many(payloads, batch_size=5)
    seen: set[str] = set()
    deadline = time.monotonic() + RESULT_TIMEOUT_S
    while not all(s in {JobStatus.DONE, JobStatus.FAILED} for s in client.store.statuses(ids).values()):
        seen |= {lease_parts(m)[0] for m in client.store.leases()}
        assert time.monotonic() < deadline
        time.sleep(0.01)
    assert seen and seen <= set(ids)
    deadline = time.monotonic() + 5  # the last acknowledgement follows the last result closely
    while client.store.leases() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert client.store.leases() == {}
