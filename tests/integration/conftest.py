"""Integration ring: a Redis of the session's own and real ``celery worker`` subprocesses.

Redis: a private ``redis-server`` on a free loopback port, started for the session, when one is
installed; otherwise the server at ``COPYDESK_TEST_REDIS_URL``, which may be shared. With
neither, tests/suite_policy.py deselects these tests with one line (and stops a CI run).

Each test has its own key prefix and queue. Afterwards its keys are deleted, and so are the
entries Celery and kombu added for it to their shared keys (``_kombu.binding.*``, ``unacked*``).
At the end of the session the private Redis must hold no key at all.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from tests.paths import ROOT
from tests.redis_server import RedisServer, delete_test_keys, kombu_shared_state
from tests.suite_policy import TEST_REDIS_URL_VAR
from worker.client import Client
from worker.settings import Settings

# A worker imports trafilatura, loads the models and forks its pool: a few seconds on a quiet
# machine, over a minute on 2 cores shared with another suite or a benchmark. The bound only
# decides how long a broken start-up takes to fail.
WORKER_READY_TIMEOUT_S = 150.0

pytestmark = pytest.mark.integration


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The session's Redis: a private server when redis-server is installed, else the given URL."""
    if shutil.which("redis-server") is None:
        yield _given_redis_url()
        return
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    try:
        yield server.url
        with server.client() as client:
            left = {db: sorted(map(repr, _all_keys(server.port, db))) for db in _databases(client)}
        assert not left, f"the tests left keys in their private Redis: {left}"
    finally:
        server.stop()


def _given_redis_url() -> str:
    url = os.environ[TEST_REDIS_URL_VAR]  # set, or suite_policy would have deselected these tests
    with redis.Redis.from_url(url, socket_connect_timeout=2) as client:
        try:
            client.ping()
        except redis.ConnectionError as exc:
            pytest.fail(f"{TEST_REDIS_URL_VAR}={url} does not answer: {exc}")
    return url


def _databases(client: redis.Redis) -> list[int]:
    """The numbers of the databases holding keys (from INFO keyspace: 'db0', 'db15', ...)."""
    return [int(name[2:]) for name in client.info("keyspace")]


def _all_keys(port: int, db: int) -> list[bytes]:
    with redis.Redis(host="127.0.0.1", port=port, db=db) as client:
        return list(client.scan_iter(count=1000))


@pytest.fixture
def env(redis_url: str) -> Iterator[dict[str, str]]:
    """Environment for subprocesses: the session's Redis with a key prefix and queue of this test only.

    Nothing is flushed: with ``COPYDESK_TEST_REDIS_URL`` others may share the database. What the
    test added is deleted afterwards (``spawn`` depends on this fixture, so its processes are
    stopped first and cannot write again).
    """
    tag = f"cdtest-{uuid.uuid4().hex[:10]}"
    with redis.Redis.from_url(redis_url) as client:
        before = kombu_shared_state(client)
        yield {
            **os.environ,
            "COPYDESK_REDIS_URL": redis_url,
            "COPYDESK_KEY_PREFIX": tag,
            "COPYDESK_QUEUE": tag,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(ROOT),
        }
        delete_test_keys(client, tag, before)


@pytest.fixture
def settings(env: dict[str, str]) -> Settings:
    """Settings matching ``env``."""
    return Settings(
        redis_url=env["COPYDESK_REDIS_URL"], key_prefix=env["COPYDESK_KEY_PREFIX"], queue=env["COPYDESK_QUEUE"]
    )


@pytest.fixture
def client(settings: Settings) -> Client:
    """A producer on the test Redis."""
    return Client(settings=settings)


class Process:
    """A subprocess with its output in a log file, stopped at teardown."""

    def __init__(self, argv: list[str], env: dict[str, str], log: Path) -> None:
        self.log_path = log
        self._log = log.open("wb")
        self.proc = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, text: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if text in self.log():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        pytest.fail(f"{text!r} not seen in {self.log_path}:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self._log.close()


@pytest.fixture
def spawn(tmp_path: Path, env: dict[str, str]) -> Iterator[Callable[..., Process]]:
    """Start subprocesses that are stopped after the test (before ``env`` deletes its keys)."""
    started: list[Process] = []

    def _spawn(argv: list[str], env: dict[str, str], name: str) -> Process:
        process = Process(argv, env, tmp_path / f"{name}.log")
        started.append(process)
        return process

    yield _spawn
    for process in started:
        process.stop()


@pytest.fixture
def worker(spawn: Callable[..., Process], env: dict[str, str]) -> Process:
    """A real ``copydesk worker`` (celery worker, prefork, 2 processes) on the test queue."""
    argv = [sys.executable, "-m", "worker.cli", "worker", "--concurrency", "2",
            "-n", f"test-{uuid.uuid4().hex[:6]}@%h"]
    process = spawn(argv, env, "worker")
    process.wait_for("ready.", WORKER_READY_TIMEOUT_S)
    return process
