"""A private ``redis-server`` for tests that must not touch anyone's Redis, and cleaning up after a test."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

import redis

# redis-server answers within ~10 ms; a loaded 2-core machine can take a second or two.
START_TIMEOUT_S = 15.0
# A port picked free can be taken before redis-server binds it: try a few.
START_ATTEMPTS = 3
# Keys Celery's Redis transport shares between all queues and workers of a database: fanout
# bindings (events, remote control), their deadlines, and the unacked-message bookkeeping.
KOMBU_SHARED_PATTERNS = ("_kombu.*", "unacked*")


def free_port() -> int:
    """A loopback port nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """``redis-server`` without persistence, its files and log in ``workdir``, stopped by ``stop``."""

    def __init__(self, workdir: Path, password: str | None = None) -> None:
        self.workdir = workdir
        self.password = password
        self.port = 0
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_connect_timeout=2)

    def start(self) -> RedisServer:
        """Start on a free port and wait until it answers (RuntimeError if it never does)."""
        for _ in range(START_ATTEMPTS):
            self.port = free_port()
            argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", str(self.workdir), "--logfile", str(self.workdir / "redis.log")]
            if self.password:
                argv += ["--requirepass", self.password]
            self._proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if self._wait_until_up():
                return self
            self.stop()
        log_path = self.workdir / "redis.log"
        log = log_path.read_text(errors="replace")[-2000:] if log_path.exists() else ""
        msg = f"redis-server did not start in {self.workdir}:\n{log}"
        raise RuntimeError(msg)

    def _wait_until_up(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline and self._proc is not None and self._proc.poll() is None:
            try:
                with self.client() as client:
                    client.ping()
                return True
            except redis.ConnectionError:
                time.sleep(0.05)
        return False

    def stop(self) -> None:
        """Terminate the server (killed if it does not exit within 10 s)."""
        if self._proc is None or self._proc.poll() is not None:
            return
        self._proc.terminate()
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()


def _members(client: redis.Redis, key: bytes) -> set[bytes]:
    """The members of a set, sorted set or hash (its field names); a string is its own member."""
    kind = client.type(key)
    if kind == b"set":
        return set(client.smembers(key))
    if kind == b"zset":
        return set(client.zrange(key, 0, -1))
    if kind == b"hash":
        return set(client.hkeys(key))
    return {key} if kind == b"string" else set()


def _remove_members(client: redis.Redis, key: bytes, members: set[bytes]) -> None:
    kind = client.type(key)
    if kind == b"set":
        client.srem(key, *members)
    elif kind == b"zset":
        client.zrem(key, *members)
    elif kind == b"hash":
        client.hdel(key, *members)
    elif kind == b"string":
        client.delete(key)


def kombu_shared_state(client: redis.Redis) -> dict[bytes, set[bytes]]:
    """Each shared kombu key with its members, to tell later what a test added."""
    keys = {key for pattern in KOMBU_SHARED_PATTERNS for key in client.scan_iter(match=pattern, count=1000)}
    return {key: _members(client, key) for key in keys}


def delete_test_keys(client: redis.Redis, tag: str, before: dict[bytes, set[bytes]]) -> None:
    """Delete the keys of the test tagged ``tag``, and what it added to kombu's shared keys.

    Members present before the test stay: on a shared Redis they may be someone else's.
    """
    for pattern in (f"{tag}*", f"_kombu.binding*.{tag}*"):
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
    for key, members in kombu_shared_state(client).items():
        added = members - before.get(key, set())
        if added:
            _remove_members(client, key, added)
