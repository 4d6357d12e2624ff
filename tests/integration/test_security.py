"""A password-protected Redis through the URL, and the password never in the worker's log."""

from __future__ import annotations

import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from tests.integration.conftest import WORKER_READY_TIMEOUT_S, Process
from tests.redis_server import RedisServer
from worker.client import Client
from worker.settings import Settings

# The session Redis for the key prefix, and a password-protected redis-server of its own.
pytestmark = [pytest.mark.integration, pytest.mark.redis_server]
PASSWORD = f"pw-{uuid.uuid4().hex}"


@pytest.fixture
def protected_redis(tmp_path: Path) -> Iterator[str]:
    """A private redis-server that requires a password."""
    server = RedisServer(tmp_path, password=PASSWORD).start()
    yield server.url
    server.stop()


def test_password_in_url_works_and_stays_out_of_logs(
    protected_redis: str, spawn: Callable[..., Process], env: dict[str, str], sample_text: str
) -> None:
    """The worker and client authenticate from the URL; the log shows no password."""
    with pytest.raises(redis.AuthenticationError):
        redis.Redis.from_url(protected_redis.replace(PASSWORD, "wrong")).ping()
    worker_env = {**env, "COPYDESK_REDIS_URL": protected_redis}
    worker = spawn([sys.executable, "-m", "worker.cli", "worker", "--concurrency", "1"], worker_env, "worker")
    worker.wait_for("ready.", WORKER_READY_TIMEOUT_S)
    settings = Settings(redis_url=protected_redis, key_prefix=env["COPYDESK_KEY_PREFIX"], queue=env["COPYDESK_QUEUE"])
    client = Client(settings=settings)
    article_id = client.submit({"content": sample_text})
    assert client.wait([article_id], timeout=120)[article_id].status.value == "done"
    log = worker.log()
    assert "Connected to redis://:**@127.0.0.1" in log
    assert PASSWORD not in log
