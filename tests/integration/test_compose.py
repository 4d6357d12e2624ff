"""docker-compose.yml kept honest: its worker, flower and metrics commands, run as written.

There is no Docker engine here, so the services' exact ``command:`` and ``environment:`` are
read from the compose file and run against the test Redis (only the Redis host, the key prefix
and the queue are swapped for the test's own).
"""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Callable
from typing import Any

import pytest
import requests
import yaml

from tests.conftest import ROOT
from tests.integration.conftest import Process
from worker.client import Client

pytestmark = pytest.mark.integration
FLOWER_USER, FLOWER_PASSWORD = "ops", "s3cret-test"
_VARIABLE = re.compile(r"\$\{(?P<name>\w+)(?::?[-?](?P<default>[^}]*))?\}")


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's ${VAR}, ${VAR:-default} and ${VAR:?error} against ``variables``."""
    def repl(match: re.Match[str]) -> str:
        name, default = match["name"], match["default"] or ""
        return variables.get(name, "" if "?" in match.group(0) else default)

    return _VARIABLE.sub(repl, value)


def service_env(service: dict[str, Any], base: dict[str, str], variables: dict[str, str]) -> dict[str, str]:
    """The service's environment as compose would set it, with Redis pointed at the test server."""
    env = dict(base)
    for key, value in (service.get("environment") or {}).items():
        env[key] = interpolate(str(value), variables)
    env["COPYDESK_REDIS_URL"] = base["COPYDESK_REDIS_URL"]
    return env


def wait_for_port(port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    pytest.fail(f"nothing listens on port {port}")


def test_compose_file_declares_the_services_users_need() -> None:
    """redis with AOF and a healthcheck, a scalable worker, Flower behind basic auth."""
    services = compose()["services"]
    assert "--appendonly" in services["redis"]["command"] and "healthcheck" in services["redis"]
    assert "container_name" not in services["worker"]  # --scale worker=N needs no fixed name
    assert "ports" not in services["worker"]
    assert "COPYDESK_WORKER_CONCURRENCY" in services["worker"]["environment"]
    assert "FLOWER_BASIC_AUTH" in services["flower"]["environment"]
    assert "5555:5555" in services["flower"]["ports"]
    # SIGTERM hands batches back after the soft shutdown wait, well before Docker's SIGKILL.
    grace_s = int(services["worker"]["stop_grace_period"].removesuffix("s"))
    assert grace_s >= 2 * int(interpolate(services["worker"]["environment"]["COPYDESK_SOFT_SHUTDOWN_S"], {}))
    assert "127.0.0.1:9808:9808" in services["metrics"]["ports"]


def test_compose_worker_and_flower_commands_process_and_show_an_article(
    spawn: Callable[..., Process], env: dict[str, str], client: Client, sample_html: str
) -> None:
    """The worker command processes an article; Flower lists its three stage tasks and the worker online."""
    services = compose()["services"]
    variables = {"FLOWER_USER": FLOWER_USER, "FLOWER_PASSWORD": FLOWER_PASSWORD,
                 "COPYDESK_WORKER_CONCURRENCY": "2"}
    worker = spawn(services["worker"]["command"], service_env(services["worker"], env, variables), "worker")
    worker.wait_for("ready.", 60)
    flower = spawn(services["flower"]["command"], service_env(services["flower"], env, variables), "flower")
    wait_for_port(5555, 60)

    auth = (FLOWER_USER, FLOWER_PASSWORD)
    assert requests.get("http://127.0.0.1:5555/api/tasks", timeout=10).status_code == 401
    # Flower's port opens before its event consumer runs: wait until it sees a first article.
    warm_up = client.submit({"content": sample_html.replace("Saturday", "Sunday"), "id": "warm-up"})
    deadline = time.monotonic() + 60
    while "warm-up" not in str(requests.get("http://127.0.0.1:5555/api/tasks", auth=auth, timeout=10).json()):
        assert time.monotonic() < deadline, flower.log()[-2000:]
        time.sleep(0.5)
    client.wait([warm_up], timeout=90)

    article_id = client.submit({"content": sample_html, "id": "compose-article"})
    assert client.wait([article_id], timeout=90)[article_id].status.value == "done"
    deadline = time.monotonic() + 30
    names: set[str] = set()
    while time.monotonic() < deadline and len(names) < 3:
        tasks = requests.get("http://127.0.0.1:5555/api/tasks", auth=auth, timeout=10).json()
        names = {t["name"] for t in tasks.values() if article_id in str(t.get("args"))}
        time.sleep(0.5)
    assert names == {"copydesk.clean", "copydesk.split_sections", "copydesk.extract_metadata"}, flower.log()[-2000:]
    metrics = requests.get("http://127.0.0.1:5555/metrics", auth=auth, timeout=10)
    assert metrics.status_code == 200 and "flower_events_total" in metrics.text
    # The worker's heartbeats (every 2 s) reach Flower: it is listed online.
    deadline = time.monotonic() + 30
    while not re.search(r'^flower_worker_online\{worker="[^"]+"\} 1\.0$', metrics.text, re.M):
        assert time.monotonic() < deadline, metrics.text[-2000:]
        time.sleep(0.5)
        metrics = requests.get("http://127.0.0.1:5555/metrics", auth=auth, timeout=10)
    # A failed article: Flower's Failed filter lists a task of its own with the reason.
    failed_id = client.submit({"content": "\x00\x01" * 100, "id": "compose-failed"})
    assert client.wait([failed_id], timeout=90)[failed_id].status.value == "failed"
    deadline = time.monotonic() + 30
    failures: list[dict[str, str]] = []
    while not failures:
        assert time.monotonic() < deadline, flower.log()[-2000:]
        time.sleep(0.5)
        tasks = requests.get("http://127.0.0.1:5555/api/tasks", params={"state": "FAILURE"}, auth=auth,
                             timeout=10).json()
        failures = [t for t in tasks.values() if failed_id in str(t.get("args"))]
    assert failures[0]["name"] == "copydesk.article_failed"
    assert "failed in clean after 1 attempt(s): StageRejected" in failures[0]["exception"]
    # Neither this test's Client nor the pool children sent events as "gen<pid>@host": Flower's
    # metrics name the worker only.
    metrics = requests.get("http://127.0.0.1:5555/metrics", auth=auth, timeout=10)
    workers = set(re.findall(r'worker="([^"]+)"', metrics.text))
    assert workers and not any(w.startswith("gen") for w in workers), workers
    # The metrics exporter, as compose runs it, scraped: the failed article is counted.
    exporter = spawn(services["metrics"]["command"], service_env(services["metrics"], env, variables), "metrics")
    wait_for_port(9808, 60)
    scraped = requests.get("http://127.0.0.1:9808/metrics", timeout=10).text
    assert 'copydesk_failures_total{error_type="StageRejected",stage="clean"} 1.0' in scraped, exporter.log()
    assert re.search(r'^copydesk_articles\{stage="",status="done"\} 2\.0$', scraped, re.M), scraped
    assert 'copydesk_stage_seconds_count{stage="clean"} 2.0' in scraped
