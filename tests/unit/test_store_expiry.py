"""The store under ``COPYDESK_RESULT_TTL_S``: an expired article leaves nothing behind in the indexes."""

from __future__ import annotations

import io
import json
import re
import time

import fakeredis
import pytest

from tasks.models import ArticleIn, ArticleResult, ErrorInfo, JobStatus
from worker import store as store_module
from worker.store import RedisResultStore

TTL_S = 1
# Past the TTL on Redis's clock, with a margin for a slow machine.
EXPIRED_AFTER_S = TTL_S + 0.2


@pytest.fixture
def store() -> RedisResultStore:
    return RedisResultStore(fakeredis.FakeRedis(), prefix="exp", result_ttl_s=TTL_S)


def _finish(store: RedisResultStore, article_id: str, status: JobStatus) -> None:
    store.accept_many([ArticleIn(id=article_id, content="x")])
    error = ErrorInfo(stage="clean", type="StageRejected", message="empty") if status is JobStatus.FAILED else None
    assert store.finish(ArticleResult(id=article_id, status=status, error=error))


def _status_sets_holding(store: RedisResultStore, article_id: str) -> list[str]:
    return [s.value for s in JobStatus if store.redis.sismember(store.keys.status_index(s), article_id)]


def test_expired_articles_leave_no_id_in_status_sets_or_ids_index(store: RedisResultStore) -> None:
    """Done and failed records that expired vanish from counts, ids, export and the raw indexes."""
    _finish(store, "done-1", JobStatus.DONE)
    _finish(store, "failed-1", JobStatus.FAILED)
    store.accept_many([ArticleIn(id="running", content="y")])  # in flight: never expires
    time.sleep(EXPIRED_AFTER_S)
    assert store.get("done-1") is None
    assert store.counts() == {**dict.fromkeys([s.value for s in JobStatus], 0), "queued": 1}
    assert store.ids(JobStatus.DONE) == [] and store.ids(JobStatus.FAILED) == []
    assert store.export(io.StringIO()) == 0
    for article_id in ("done-1", "failed-1"):
        assert _status_sets_holding(store, article_id) == []
        assert store.redis.zscore(store.keys.all_ids(), article_id) is None
        assert store.redis.zscore(store.keys.expiries(), article_id) is None
    assert store.redis.zscore(store.keys.all_ids(), "running") is not None


def test_counts_ids_and_export_agree_with_get(store: RedisResultStore) -> None:
    """Some results expired, some fresh, some in flight: every listing says what get says."""
    for n in range(3):
        _finish(store, f"old-{n}", JobStatus.DONE if n else JobStatus.FAILED)
    time.sleep(EXPIRED_AFTER_S)
    # The fresh ones get a long TTL (same Redis, same keys): a loaded machine must not expire
    # them between finishing and reading.
    fresh = RedisResultStore(store.redis, prefix="exp", result_ttl_s=600)
    for n in range(4):
        _finish(fresh, f"new-{n}", JobStatus.FAILED if n % 2 else JobStatus.DONE)
    store.accept_many([ArticleIn(id="queued-0", content="z")])
    everyone = [f"old-{n}" for n in range(3)] + [f"new-{n}" for n in range(4)] + ["queued-0"]
    final = {i for i in everyone if store.get(i) is not None}
    assert final == {f"new-{n}" for n in range(4)}
    out = io.StringIO()
    assert store.export(out) == len(final)
    assert {json.loads(line)["id"] for line in out.getvalue().splitlines()} == final
    assert set(store.ids(JobStatus.DONE)) | set(store.ids(JobStatus.FAILED)) == final
    assert sum(store.counts().values()) == sum(store.status(i) is not None for i in everyone)


def test_resubmitted_id_after_expiry_is_in_exactly_one_status_set(store: RedisResultStore) -> None:
    """An id accepted again after its record expired (and before any read pruned it) is only queued."""
    _finish(store, "a", JobStatus.DONE)
    time.sleep(EXPIRED_AFTER_S)
    assert store.accept_many([ArticleIn(id="a", content="again")]) == [True]
    assert _status_sets_holding(store, "a") == ["queued"]
    assert store.counts()["done"] == 0
    assert store.counts()["queued"] == 1
    assert store.ids(JobStatus.QUEUED) == ["a"]


def test_a_retried_article_no_longer_expires(store: RedisResultStore) -> None:
    """A failed article sent again (``retry``) is kept until it finishes again."""
    _finish(store, "a", JobStatus.FAILED)
    assert store.mark("a", JobStatus.QUEUED, force=True)
    assert store.redis.ttl(store.keys.article("a")) == -1
    time.sleep(EXPIRED_AFTER_S)
    assert store.counts()["queued"] == 1
    assert store.status("a") is not None


def test_lua_scripts_build_no_key_names() -> None:
    """Every key a script touches is passed in KEYS, named in worker/keys.py: no prefix joined in Lua."""
    for script in (store_module._ACCEPT, store_module._TRANSITION, store_module._PRUNE):
        assert re.search(r"ARGV\[\d+\]\s*\.\.", script) is None
        assert "KEYS[" in script
