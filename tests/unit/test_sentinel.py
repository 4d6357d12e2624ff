"""Sentinel as a Redis address (settings, broker, store, Flower) and scripts that outlive a failover.

The failover itself, on real processes, is ``tests/integration/test_failover.py``.
"""

from __future__ import annotations

import fakeredis
import pytest
import redis.client
import redis.sentinel
from flower.utils.broker import Broker, RedisSentinel
from pydantic import ValidationError

from tasks.models import ArticleIn, ArticleResult, JobStatus
from worker.app import create_app
from worker.client import Client
from worker.errors import InvalidSetting
from worker.settings import Settings, get_settings, sentinel_address
from worker.store import RedisResultStore, redis_client

SENTINELS = "sentinel://:s%40cret@10.0.0.1:26380/2;sentinel://10.0.0.2;sentinel://10.0.0.3:26381"


def _sentinel_settings() -> Settings:
    return Settings(redis_url=SENTINELS, redis_master_name="mymaster", key_prefix="t", queue="t")


def test_celerys_sentinel_url_names_every_sentinel_and_the_primarys_db_and_password() -> None:
    """Given Celery's own ``sentinel://a;sentinel://b`` form, the store reads it as kombu does:
    every Sentinel (26379 when no port is given), and db and password from the first address."""
    address = sentinel_address(_sentinel_settings())
    assert address is not None
    assert address.sentinels == (("10.0.0.1", 26380), ("10.0.0.2", 26379), ("10.0.0.3", 26381))
    assert (address.master_name, address.db, address.password, address.username) == ("mymaster", 2, "s@cret", None)


def test_a_plain_redis_url_is_not_sentinel() -> None:
    assert sentinel_address(Settings(redis_url="redis://127.0.0.1:6379/0")) is None
    assert sentinel_address(Settings()) is None


def test_sentinels_without_a_master_name_are_refused_with_the_setting_to_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COPYDESK_REDIS_URL", "sentinel://127.0.0.1:26379")
    with pytest.raises(InvalidSetting, match="COPYDESK_REDIS_MASTER_NAME"):
        get_settings()
    monkeypatch.delenv("COPYDESK_REDIS_URL")
    with pytest.raises(InvalidSetting, match="COPYDESK_REDIS_MASTER_NAME"):
        Client(redis_url="sentinel://127.0.0.1:26379")  # the client's own URL is checked too


def test_a_sentinel_list_mixed_with_a_redis_url_is_refused() -> None:
    with pytest.raises(ValidationError, match="sentinel://host:port"):
        Settings(redis_url="sentinel://a:26379;redis://b:6379", redis_master_name="m")


def test_the_broker_uses_kombus_sentinel_transport_with_the_master_name() -> None:
    """The workers' and producers' broker connection asks the Sentinels for the primary."""
    app = create_app(_sentinel_settings())
    try:
        with app.connection_for_write() as conn:
            assert type(conn.transport).__name__ == "SentinelTransport"
            assert conn.alt == SENTINELS.split(";")
        options = app.conf.broker_transport_options
        assert options["master_name"] == "mymaster"
        assert options["sentinel_kwargs"]["socket_timeout"] > 0  # a dead Sentinel cannot hang a worker
    finally:
        app.close()


def test_a_plain_redis_broker_has_no_sentinel_options() -> None:
    app = create_app(Settings(redis_url="redis://127.0.0.1:6379/0"))
    try:
        assert "master_name" not in app.conf.broker_transport_options
    finally:
        app.close()


def test_flower_builds_its_broker_view_on_the_sentinels_from_the_apps_config() -> None:
    """Flower reads the broker URL and transport options of ``celery -A worker.app flower``'s app,
    as its broker view does (flower/views/__init__.py ``get_broker``)."""
    app = create_app(_sentinel_settings())
    try:
        with app.connection() as conn:
            uri = conn.as_uri(include_password=True)
        broker = Broker(uri, broker_options=app.conf.broker_transport_options, broker_use_ssl=None)
        assert isinstance(broker, RedisSentinel)
        assert broker.master_name == "mymaster"
    finally:
        app.close()


def test_the_store_client_follows_the_primary_through_the_sentinels() -> None:
    """``redis_client`` returns a Sentinel-managed client (no connection is made here)."""
    client = redis_client(_sentinel_settings())
    pool = client.connection_pool
    assert isinstance(pool, redis.sentinel.SentinelConnectionPool)
    assert pool.service_name == "mymaster"
    assert pool.connection_kwargs["db"] == 2
    assert pool.connection_kwargs["password"] == "s@cret"
    sentinels = pool.sentinel_manager.sentinels
    assert [(s.connection_pool.connection_kwargs["host"], s.connection_pool.connection_kwargs["port"])
            for s in sentinels] == [("10.0.0.1", 26380), ("10.0.0.2", 26379), ("10.0.0.3", 26381)]
    assert RedisResultStore.from_settings(_sentinel_settings()).keys.prefix == "t"


# ------------------------------------------------------------------ NOSCRIPT after a failover


@pytest.fixture
def promoted_without_scripts(monkeypatch: pytest.MonkeyPatch) -> tuple[RedisResultStore, list[int]]:
    """A store whose server lost its script cache between redis-py's check and the pipeline
    (a replica promoted in that instant): the first pipeline's check is skipped once."""
    store = RedisResultStore(fakeredis.FakeRedis(), prefix="t")
    store.accept_many([ArticleIn(id="warm", content="x")])  # scripts loaded on the "old primary"
    store.mark("warm", JobStatus.CLEANING)
    store.redis.script_flush()
    skipped: list[int] = []
    original = redis.client.Pipeline.load_scripts

    def check_once_too_late(pipe: redis.client.Pipeline) -> None:
        if not skipped:
            skipped.append(1)
            return
        original(pipe)

    monkeypatch.setattr(redis.client.Pipeline, "load_scripts", check_once_too_late)
    return store, skipped


def test_accept_refused_with_noscript_is_sent_again_and_recorded_once(
    promoted_without_scripts: tuple[RedisResultStore, list[int]],
) -> None:
    """Given NOSCRIPT on the first send, each article is still accepted exactly once (True, not
    'already known'), and the scripts are back in the server's cache."""
    store, skipped = promoted_without_scripts
    articles = [ArticleIn(id="a", content="x"), ArticleIn(id="b", content="y")]
    assert store.accept_many(articles) == [True, True]
    assert skipped == [1]
    assert store.counts()["queued"] == 2
    assert store.redis.script_exists(store._accept.sha) == [True]


def test_a_final_write_refused_with_noscript_does_not_fail_the_article(
    promoted_without_scripts: tuple[RedisResultStore, list[int]],
) -> None:
    """The transition script is re-sent too: the result is written once and the article is done."""
    store, skipped = promoted_without_scripts
    assert store.finish_many([ArticleResult(id="warm", status=JobStatus.DONE, text="body")]) == [True]
    assert skipped == [1]
    record = store.status("warm")
    assert record is not None
    assert record.status is JobStatus.DONE
    assert store.redis.hget(store.keys.article("warm"), "finishes") == b"1"
