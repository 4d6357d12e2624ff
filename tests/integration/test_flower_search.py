"""The README's way to find one article's tasks in Flower: the ``args:<id>`` search."""

from __future__ import annotations

import socket
import sys
import time
from collections.abc import Callable

import pytest
import requests

from tests.integration.conftest import Process
from worker.client import Client

pytestmark = pytest.mark.integration

AUTH = ("search-test", "not-a-secret")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _search(port: int, query: str) -> dict[str, dict[str, object]]:
    reply = requests.get(f"http://127.0.0.1:{port}/api/tasks", params={"search": query}, auth=AUTH,
                         timeout=10)
    reply.raise_for_status()
    return reply.json()  # type: ignore[no-any-return]


def test_args_search_lists_exactly_one_articles_stage_tasks(
    spawn: Callable[..., Process], env: dict[str, str], client: Client, worker: Process, sample_html: str
) -> None:
    """``args:<id>`` finds the three stage tasks of that article and none of another's."""
    port = _free_port()
    flower = spawn([sys.executable, "-m", "celery", "-A", "worker.app", "flower", "--address=127.0.0.1",
                    f"--port={port}", f"--basic-auth={':'.join(AUTH)}"], env, "flower")
    flower.wait_for("Visit me at", 60)
    # Flower's port opens before its event consumer runs: wait until it sees a first article.
    warm_up = client.submit({"content": sample_html.replace("Saturday", "Sunday"), "id": "warm-up"})
    deadline = time.monotonic() + 60
    while not _search(port, "args:warm-up"):
        assert time.monotonic() < deadline, flower.log()[-2000:]
        time.sleep(0.5)
    wanted = client.submit({"content": sample_html, "id": "find-me-article"})
    client.wait([warm_up, wanted], timeout=90)
    deadline = time.monotonic() + 30
    names: list[str] = []
    while time.monotonic() < deadline and len(names) < 3:
        names = sorted(str(task["name"]) for task in _search(port, "args:find-me-article").values())
        time.sleep(0.5)
    assert names == ["copydesk.clean", "copydesk.extract_metadata", "copydesk.split_sections"]
