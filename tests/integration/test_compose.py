"""docker-compose.yml kept honest: its worker, flower and metrics commands and healthchecks, run as written.

There is no Docker engine here, so the services' exact ``command:``, ``environment:`` and
``healthcheck:`` are read from the compose file and run against the test Redis (only the Redis
host, the key prefix and the queue are swapped for the test's own). tests/unit/test_container.py
checks the file's structure.
"""

from __future__ import annotations

import fcntl
import re
import socket
import subprocess
import time
from collections.abc import Callable, Iterator

import pytest
import requests

from tests import compose
from tests.integration.conftest import WORKER_READY_TIMEOUT_S, Process
from worker.client import Client

pytestmark = pytest.mark.integration
FLOWER_USER, FLOWER_PASSWORD = "ops", "s3cret-test"
VARIABLES = {"FLOWER_USER": FLOWER_USER, "FLOWER_PASSWORD": FLOWER_PASSWORD, "COPYDESK_WORKER_CONCURRENCY": "2"}
FLOWER = "http://127.0.0.1:5555"
# The services listen on the fixed ports compose publishes (5555, 9808): two suites on one machine
# (two checkouts) would meet there, so the test holds a machine-wide lock while it runs them.
PORTS_LOCK = "/tmp/copydesk-compose-ports.lock"


@pytest.fixture(autouse=True)
def _compose_ports() -> Iterator[None]:
    with open(PORTS_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    pytest.fail(f"nothing listens on port {port}")


def run_healthcheck(service: str, env: dict[str, str], hostname: str) -> subprocess.CompletedProcess[str]:
    """The service's healthcheck command as Docker runs it in a container named ``hostname``."""
    services = compose.services()
    argv = compose.healthcheck_argv(services[service], VARIABLES)
    full_env = {**compose.service_env(services[service], env, VARIABLES), "HOSTNAME": hostname}
    return subprocess.run(argv, env=full_env, capture_output=True, text=True, timeout=60, check=False)


def test_compose_worker_and_flower_commands_process_and_show_an_article(
    spawn: Callable[..., Process], env: dict[str, str], client: Client, sample_html: str
) -> None:
    """The worker command processes an article; Flower lists its three stage tasks and the worker online;
    both healthchecks pass, and the worker's fails for a node that is not there."""
    services = compose.services()
    worker = spawn(services["worker"]["command"], compose.service_env(services["worker"], env, VARIABLES), "worker")
    worker.wait_for("ready.", WORKER_READY_TIMEOUT_S)
    flower = spawn(services["flower"]["command"], compose.service_env(services["flower"], env, VARIABLES), "flower")
    wait_for_port(5555, WORKER_READY_TIMEOUT_S)

    auth = (FLOWER_USER, FLOWER_PASSWORD)
    assert requests.get(f"{FLOWER}/api/tasks", timeout=10).status_code == 401
    # Flower's port opens before its event consumer runs: wait until it sees a first article.
    warm_up = client.submit({"content": sample_html.replace("Saturday", "Sunday"), "id": "warm-up"})
    deadline = time.monotonic() + 60
    while "warm-up" not in str(requests.get(f"{FLOWER}/api/tasks", auth=auth, timeout=10).json()):
        assert time.monotonic() < deadline, flower.log()[-2000:]
        time.sleep(0.5)
    client.wait([warm_up], timeout=90)

    article_id = client.submit({"content": sample_html, "id": "compose-article"})
    assert client.wait([article_id], timeout=90)[article_id].status.value == "done"
    deadline = time.monotonic() + 30
    names: set[str] = set()
    while time.monotonic() < deadline and len(names) < 3:
        tasks = requests.get(f"{FLOWER}/api/tasks", auth=auth, timeout=10).json()
        names = {t["name"] for t in tasks.values() if article_id in str(t.get("args"))}
        time.sleep(0.5)
    assert names == {"copydesk.clean", "copydesk.split_sections", "copydesk.extract_metadata"}, flower.log()[-2000:]
    metrics = requests.get(f"{FLOWER}/metrics", auth=auth, timeout=10)
    assert metrics.status_code == 200 and "flower_events_total" in metrics.text
    # The worker's heartbeats (every 2 s) reach Flower: it is listed online.
    deadline = time.monotonic() + 30
    while not re.search(r'^flower_worker_online\{worker="[^"]+"\} 1\.0$', metrics.text, re.M):
        assert time.monotonic() < deadline, metrics.text[-2000:]
        time.sleep(0.5)
        metrics = requests.get(f"{FLOWER}/metrics", auth=auth, timeout=10)

    # /metrics is open, as README says (Flower does not guard it): counts and names, no article.
    open_metrics = requests.get(f"{FLOWER}/metrics", timeout=10)
    assert open_metrics.status_code == 200 and "flower_events_total" in open_metrics.text
    assert article_id not in open_metrics.text and "warm-up" not in open_metrics.text

    flower_health = run_healthcheck("flower", env, hostname="flower-container")
    assert flower_health.returncode == 0, flower_health.stderr
    worker_health = run_healthcheck("worker", env, hostname=socket.gethostname())
    assert worker_health.returncode == 0, worker_health.stdout + worker_health.stderr
    assert "pong" in worker_health.stdout
    other_node = run_healthcheck("worker", env, hostname="no-such-container")
    assert other_node.returncode != 0 and "No nodes replied" in other_node.stdout + other_node.stderr

    # A failed article: Flower's Failed filter lists a task of its own with the reason.
    failed_id = client.submit({"content": "\x00\x01" * 100, "id": "compose-failed"})
    assert client.wait([failed_id], timeout=90)[failed_id].status.value == "failed"
    deadline = time.monotonic() + 30
    failures: list[dict[str, str]] = []
    while not failures:
        assert time.monotonic() < deadline, flower.log()[-2000:]
        time.sleep(0.5)
        tasks = requests.get(f"{FLOWER}/api/tasks", params={"state": "FAILURE"}, auth=auth, timeout=10).json()
        failures = [t for t in tasks.values() if failed_id in str(t.get("args"))]
    assert failures[0]["name"] == "copydesk.article_failed"
    assert "failed in clean after 1 attempt(s): StageRejected" in failures[0]["exception"]
    # Neither this test's Client nor the pool children sent events as "gen<pid>@host": Flower's
    # metrics name the worker only.
    metrics = requests.get(f"{FLOWER}/metrics", auth=auth, timeout=10)
    workers = set(re.findall(r'worker="([^"]+)"', metrics.text))
    assert workers and not any(w.startswith("gen") for w in workers), workers
    # The metrics exporter, as compose runs it, scraped: the failed article is counted.
    exporter = spawn(services["metrics"]["command"], compose.service_env(services["metrics"], env, VARIABLES),
                     "metrics")
    wait_for_port(9808, WORKER_READY_TIMEOUT_S)
    scraped = requests.get("http://127.0.0.1:9808/metrics", timeout=10).text
    assert 'copydesk_failures_total{error_type="StageRejected",stage="clean"} 1.0' in scraped, exporter.log()
    assert re.search(r'^copydesk_articles\{stage="",status="done"\} 2\.0$', scraped, re.M), scraped
    assert 'copydesk_stage_seconds_count{stage="clean"} 2.0' in scraped
