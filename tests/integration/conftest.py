"""Integration ring: a real Redis on loopback and real ``celery worker`` subprocesses.

Redis: ``COPYDESK_TEST_REDIS_URL`` (default database 15 of the local server); each test has its
own key prefix and queue, and deletes its keys afterwards. Missing Redis skips these tests
locally and fails them in CI (``CI`` set).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import redis

from tests.conftest import ROOT
from worker.client import Client
from worker.settings import Settings

TEST_REDIS_URL = os.environ.get("COPYDESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
# A worker imports trafilatura and forks its pool: a few seconds on a quiet machine.
WORKER_READY_TIMEOUT_S = 60.0

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_url() -> str:
    """The test database on a real Redis (skipped locally, failed in CI, when none answers)."""
    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is required in CI and does not answer at {TEST_REDIS_URL}")
        pytest.skip(f"no Redis at {TEST_REDIS_URL}")
    client.close()
    return TEST_REDIS_URL


@pytest.fixture
def env(redis_url: str) -> Iterator[dict[str, str]]:
    """Environment for subprocesses: the test Redis with a key prefix and queue of this test only.

    Nothing is flushed: other runs may share the database. This test's keys (its prefix, its
    queue and Celery's binding for it) are deleted afterwards.
    """
    tag = f"cdtest-{uuid.uuid4().hex[:10]}"
    yield {
        **os.environ,
        "COPYDESK_REDIS_URL": redis_url,
        "COPYDESK_KEY_PREFIX": tag,
        "COPYDESK_QUEUE": tag,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "PYTHONPATH": str(ROOT),
    }
    client = redis.Redis.from_url(redis_url)
    for pattern in (f"{tag}*", f"_kombu.binding*.{tag}*"):
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
    client.close()


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
def spawn(tmp_path: Path) -> Iterator[Callable[..., Process]]:
    """Start subprocesses that are stopped after the test."""
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
