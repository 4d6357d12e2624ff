"""Replication lag at a failover: a `done` the old primary acknowledged can come back in flight.

Redis replicates asynchronously: a write the primary acknowledged in its last milliseconds may not
have reached the replica that Sentinel then promotes. Here the replica is detached (``REPLICAOF NO
ONE``, what a promotion does) before the final write, so the promoted server misses exactly that
write. The article is then in flight again on the new primary, and the sweeper's query finds it;
running it again writes one result. (Its message is redelivered too: a worker acknowledges only
after the write, and the replica holds a prefix of the primary's writes, so a lost `done` comes with
a lost acknowledgement. ``tests/integration/test_failover.py`` covers the whole failover.)
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from benchmarks.failover import RedisNode, data_node_argv
from tasks.models import ArticleIn, ArticleResult, JobStatus
from worker.store import RedisResultStore

# Its own primary and replica (the primary killed on purpose); no session Redis.
pytestmark = pytest.mark.redis_server


@pytest.fixture
def primary_and_replica(tmp_path: Path) -> Iterator[tuple[RedisNode, RedisNode]]:
    """Our own primary and replica (AOF on) on free loopback ports."""
    primary, replica = RedisNode(tmp_path, "primary"), RedisNode(tmp_path, "replica")
    try:
        primary.start(data_node_argv(primary))
        replica.start(data_node_argv(replica, replica_of=primary))
        yield primary, replica
    finally:
        replica.kill()
        primary.kill()


def _wait_for_replica(primary: RedisNode, replica: RedisNode) -> None:
    """Until the replica has every write the primary made so far. Its first full sync forks and
    writes an RDB file, slow on a loaded 2-core machine: the test failed once under load (cause
    unrecorded) when this bound, its only timing, was 10 s."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        offset = primary.client().info("replication")["master_repl_offset"]
        if replica.client().info("replication").get("slave_repl_offset", -1) >= offset:
            return
        time.sleep(0.05)
    pytest.fail("the replica did not catch up")


def test_a_done_lost_with_the_replication_tail_is_in_flight_again_and_rerun_once(
    primary_and_replica: tuple[RedisNode, RedisNode],
) -> None:
    primary, replica = primary_and_replica
    old = RedisResultStore(primary.client(), prefix="lag")
    old.accept_many([ArticleIn(id="a1", content="<p>x</p>")])
    old.mark("a1", JobStatus.EXTRACTING)
    _wait_for_replica(primary, replica)

    # Given the replica promoted just before the primary wrote the final result
    replica.client().execute_command("REPLICAOF", "NO", "ONE")
    assert old.finish(ArticleResult(id="a1", status=JobStatus.DONE, text="body"))
    primary.kill()

    # then on the new primary the article is in flight again, where the sweeper looks
    new = RedisResultStore(replica.client(), prefix="lag")
    record = new.status("a1")
    assert record is not None
    assert record.status is JobStatus.EXTRACTING
    assert new.get("a1") is None
    assert new.stale(older_than_s=0) == ["a1"]
    # and running it again writes its one result.
    assert new.finish(ArticleResult(id="a1", status=JobStatus.DONE, text="body"))
    assert new.redis.hget(new.keys.article("a1"), "finishes") == b"1"
    assert new.stale(older_than_s=0) == []
