"""Article leases: taken per message, renewed, released on ack, and lapsed ones re-sent once."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

import pytest
from celery import Celery

from tasks.models import ArticleIn, ArticleResult, JobStatus
from tests.unit.conftest import queued_messages
from worker.keys import lease_member, lease_parts, queue_lists
from worker.leases import LeaseKeeper, lease_members
from worker.retries import NORMAL_PRIORITY, RECOVERY_PRIORITY, recover_lapsed, stage_chain
from worker.settings import Settings
from worker.store import InMemoryResultStore, RedisResultStore


@pytest.fixture
def settings() -> Settings:
    return Settings(queue="lease-test", lease_s=10, batch_size=10)


@pytest.fixture
def store() -> RedisResultStore:
    return InMemoryResultStore(prefix="lease")


@dataclass
class _Message:
    """What the keeper reads of a Celery request."""

    args: list[Any]
    delivery_tag: str
    name: str = "copydesk.clean"
    hostname: str = "w1@host"
    id: str = "task-1"
    delivery_info: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.delivery_info = {"delivery_tag": self.delivery_tag}


def test_lease_member_round_trips_ids_and_holders_with_separators_inside() -> None:
    """The article id and holder come back out of a member, whatever the holder's name holds."""
    member = lease_member("a:b.c-1", "odd|name@host", "tag-9")
    assert lease_parts(member) == ("a:b.c-1", "odd|name@host")


def test_only_stage_messages_take_leases() -> None:
    """A stage message leases each of its articles; the failure-report task leases nothing."""
    assert len(lease_members(_Message([["a", "b"]], "t1"))) == 2
    assert lease_members(_Message(["a", "clean", "X", "m", 1], "t2", name="copydesk.article_failed")) == []


def test_keeper_takes_renews_and_releases_one_message_at_a_time(store: RedisResultStore, settings: Settings) -> None:
    """Releasing a message's leases leaves another message's lease on the same article alone."""
    keeper = LeaseKeeper(store, settings)
    first, next_stage = _Message([["a", "b"]], "t1"), _Message([["a"]], "t2", name="copydesk.split_sections")
    before = time.time()
    keeper.take(first)
    keeper.take(next_stage)
    leases = store.leases()
    assert len(leases) == 3
    assert all(before + settings.lease_s <= until <= time.time() + settings.lease_s for until in leases.values())
    store.hold(leases, before)  # as if nobody renewed them
    keeper.renew()
    assert all(until >= before + settings.lease_s for until in store.leases().values())
    keeper.give_up(first)
    assert [lease_parts(m)[0] for m in store.leases()] == ["a"]


def test_warm_shutdown_releases_waiting_messages_and_keeps_running_ones(
    store: RedisResultStore, settings: Settings,
) -> None:
    """Prefetched messages go back to the queue at shutdown; the running one keeps its lease."""
    keeper = LeaseKeeper(store, settings)
    keeper.take(_Message([["run"]], "t-run"))
    keeper.take(_Message([["wait"]], "t-wait"))
    keeper.give_up_waiting({"t-run"})
    assert [lease_parts(m)[0] for m in store.leases()] == ["run"]


def test_lapsed_leases_are_resent_once_and_finished_articles_left_alone(
    app: Celery, store: RedisResultStore, settings: Settings,
) -> None:
    """A dead worker's unfinished articles go back to the queue; a live lease is not touched."""
    store.accept_many([ArticleIn(id=i, content=i) for i in ("dead-1", "dead-2", "finished", "alive")])
    store.mark("dead-1", JobStatus.CLEANING)
    store.finish(ArticleResult(id="finished", status=JobStatus.DONE))
    now = time.time()
    store.hold([lease_member(i, "dead@host", "t1") for i in ("dead-1", "dead-2", "finished")], now - 1)
    store.hold([lease_member("alive", "live@host", "t2")], now + 10)
    assert recover_lapsed(store, app, settings, now) == ["dead-1", "dead-2"]
    assert [m["ids"] for m in queued_messages(app, "lease-test")] == [["dead-1", "dead-2"]]
    assert store.status("dead-1").status is JobStatus.QUEUED  # type: ignore[union-attr]
    assert [lease_parts(m)[0] for m in store.leases()] == ["alive"]
    assert recover_lapsed(store, app, settings, now) == []  # each lapsed lease is claimed once


def test_resent_articles_overtake_new_work(app: Celery, store: RedisResultStore, settings: Settings) -> None:
    """New work is sent at the normal priority, a lapsed lease's article at the recovery one,
    which kombu's Redis workers pop first."""
    store.accept_many([ArticleIn(id="new", content="n"), ArticleIn(id="lost", content="l")])
    stage_chain(app, settings, ["new"]).apply_async()
    store.hold([lease_member("lost", "dead@host", "t1")], time.time() - 1)
    recover_lapsed(store, app, settings, time.time())
    with app.connection_for_read() as conn:
        channel = conn.default_channel
        priorities = {}
        while (message := channel.basic_get("lease-test")) is not None:
            priorities[json.loads(message.body)[0][0][0]] = message.properties["priority"]
    assert priorities == {"new": NORMAL_PRIORITY, "lost": RECOVERY_PRIORITY}
    assert queue_lists("lease-test")[0] == "lease-test"  # priority 0: the list kombu pops first
