"""The container setup read as files (no Docker engine here): .dockerignore, the Dockerfile's
layers and dependencies, and every service of docker-compose.yml and its dev override, parsed by
a YAML library. tests/integration/test_compose.py runs the compose commands and healthchecks."""

from __future__ import annotations

import fnmatch
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

from tests import compose
from tests.paths import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
IMAGE = "copydesk:local"


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of the Dockerfile, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n\s*", " ", "\n".join(lines))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined.splitlines() if line.strip()]


def requirement_name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def group_names(group: str) -> set[str]:
    return {requirement_name(r) for r in PYPROJECT["dependency-groups"][group] if isinstance(r, str)}


def ignored(path: str, patterns: list[str]) -> bool:
    """Whether .dockerignore's ``patterns`` leave ``path`` (or a folder above it) out of the context."""
    parts = Path(path).parts
    candidates = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    return any(fnmatch.fnmatch(c, p.removeprefix("**/")) or fnmatch.fnmatch(Path(c).name, p.removeprefix("**/"))
               for c in candidates for p in patterns)


def dockerignore() -> list[str]:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def test_dockerignore_leaves_out_venv_git_and_caches_but_not_what_the_image_copies() -> None:
    patterns = dockerignore()
    for path in (".venv/lib/python3.11/site-packages/x.py", ".git/HEAD", "tasks/__pycache__/models.cpython-311.pyc",
                 ".pytest_cache/v", ".mypy_cache/3.11/x.json", ".ruff_cache/x", "worker/x.pyc"):
        assert ignored(path, patterns), path
    copied = [src for op, args in dockerfile_instructions() if op == "COPY" for src in args.split()[:-1]]
    assert copied == ["pyproject.toml", "README.md", "tasks", "worker"]
    for path in ("pyproject.toml", "README.md", "tasks/models.py", "worker/cli.py", "worker/samples/a.txt"):
        assert not ignored(path, patterns), path


def test_dependency_layer_is_built_from_pyproject_alone_before_the_code() -> None:
    """COPY pyproject.toml, install its dependencies, and only then copy the code (cached apart)."""
    steps = dockerfile_instructions()
    copies = [(i, args) for i, (op, args) in enumerate(steps) if op == "COPY"]
    assert copies[0][1] == "pyproject.toml ./"
    deps_install = next(i for i, (op, args) in enumerate(steps) if op == "RUN" and "-r /tmp/requirements.txt" in args)
    assert copies[0][0] < deps_install < copies[1][0]
    code_install = next(args for op, args in steps if op == "RUN" and "pip install" in args and " ." in args)
    assert "--no-deps" in code_install


def test_dependency_step_installs_exactly_the_project_dependencies(tmp_path: Path) -> None:
    """The Dockerfile's requirements step, run here, lists pyproject's dependencies and nothing else."""
    run = next(args for op, args in dockerfile_instructions() if op == "RUN" and "tomllib" in args)
    extract = shlex.split(run.split(">", 1)[0])
    assert extract[:2] == ["python", "-c"]
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    out = subprocess.run([sys.executable, "-c", extract[2]], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.splitlines() == PYPROJECT["project"]["dependencies"]


def test_production_image_holds_no_test_or_lint_dependencies() -> None:
    """Only [project] dependencies go in: no dependency group, no extra, and none of them is a test tool.
    fakeredis[lua] stays, on purpose: it is the in-memory store of `copydesk process` and `demo`."""
    runs = [args for op, args in dockerfile_instructions() if op == "RUN"]
    installs = [m.group(1).split() for args in runs for m in re.finditer(r"pip install ([^&;]*)", args)]
    assert installs == [["-r", "/tmp/requirements.txt"], ["--no-deps", "."]]
    runtime = {requirement_name(r) for r in PYPROJECT["project"]["dependencies"]}
    assert runtime & (group_names("test") | group_names("lint")) == set()
    assert {"pytest", "hypothesis", "mypy", "ruff"} & runtime == set()
    assert "fakeredis" in runtime  # the embedded mode's store, see the Dockerfile's comment


def assert_healthcheck(service: dict[str, Any]) -> list[str]:
    check = service["healthcheck"]
    assert check["test"][0] in {"CMD", "CMD-SHELL"} and len(check["test"]) > 1
    assert {"interval", "timeout", "retries"} <= set(check)
    return list(check["test"])


def test_compose_services_have_image_command_env_and_healthcheck() -> None:
    """Every service: where its image comes from, its command, environment and healthcheck."""
    services = compose.services()
    assert set(services) == {"redis", "worker", "flower", "metrics"}
    for name, service in services.items():
        assert isinstance(service["command"], list) and service["command"], name
        assert_healthcheck(service)
        assert service["restart"] == "unless-stopped", name

    redis, worker, flower, metrics = (services[name] for name in ("redis", "worker", "flower", "metrics"))
    assert redis["image"].startswith("redis:7") and "build" not in redis
    assert "--appendonly" in redis["command"]
    assert redis["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]

    # One build, on the worker; Flower runs the same image and neither is ever pulled.
    assert worker["build"] == "." and worker["image"] == IMAGE and worker["pull_policy"] == "build"
    for service in (flower, metrics):
        assert "build" not in service and service["image"] == IMAGE and service["pull_policy"] == "never"
        assert service["depends_on"]["worker"] == {"condition": "service_started"}

    for service in (worker, flower, metrics):
        assert service["environment"]["COPYDESK_REDIS_URL"] == "redis://redis:6379/0"
        assert service["depends_on"]["redis"] == {"condition": "service_healthy"}
    assert worker["environment"]["COPYDESK_WORKER_CONCURRENCY"] == "${COPYDESK_WORKER_CONCURRENCY:-2}"
    assert flower["environment"]["FLOWER_BASIC_AUTH"] == (
        "${FLOWER_USER:?set FLOWER_USER}:${FLOWER_PASSWORD:?set FLOWER_PASSWORD}")


def test_compose_commands_are_the_ones_the_integration_test_runs() -> None:
    """test_compose.py runs services[...]["command"]: these are the commands it runs."""
    services = compose.services()
    assert services["worker"]["command"] == ["copydesk", "worker"]
    assert services["flower"]["command"] == ["celery", "-A", "worker.app", "flower", "--port=5555"]
    assert services["metrics"]["command"] == ["python", "-m", "worker.metrics", "--port", "9808"]


def test_stop_grace_period_outlasts_the_soft_shutdown() -> None:
    """SIGTERM hands batches back after the soft shutdown wait, well before Docker's SIGKILL."""
    worker = compose.services()["worker"]
    grace_s = int(worker["stop_grace_period"].removesuffix("s"))
    soft_s = int(compose.interpolate(worker["environment"]["COPYDESK_SOFT_SHUTDOWN_S"], {}))
    assert grace_s >= 2 * soft_s > 0


def test_worker_healthcheck_pings_its_own_node_and_flower_its_healthcheck_url() -> None:
    services = compose.services()
    worker_check = compose.healthcheck_argv(services["worker"], {})
    assert worker_check[:2] == ["sh", "-c"]
    assert shlex.split(worker_check[2]) == ["celery", "-A", "worker.app", "inspect", "ping",
                                            "--destination", "celery@$HOSTNAME", "--timeout", "10"]
    flower_check = compose.healthcheck_argv(services["flower"], {})
    assert flower_check[:2] == ["python", "-c"] and "http://127.0.0.1:5555/healthcheck" in flower_check[2]


def test_published_ports_are_on_loopback_only() -> None:
    services = compose.services()
    assert services["redis"]["ports"] == ["127.0.0.1:6379:6379"]
    assert services["flower"]["ports"] == ["127.0.0.1:5555:5555"]
    assert services["metrics"]["ports"] == ["127.0.0.1:9808:9808"]
    assert "ports" not in services["worker"] and "container_name" not in services["worker"]  # --scale worker=N


def test_dev_override_mounts_the_code_over_the_same_services() -> None:
    """compose.dev.yml changes only worker and Flower: code mounted read-only and first on the path."""
    base, dev = compose.services(), compose.services(compose.DEV_OVERRIDE)
    assert set(dev) <= set(base) and set(dev) == {"worker", "flower"}
    for service in dev.values():
        assert set(service["volumes"]) == {"./tasks:/app/tasks:ro", "./worker:/app/worker:ro"}
        assert service["environment"]["PYTHONPATH"] == "/app"
        assert "ports" not in service and "image" not in service and "build" not in service
    assert dev["worker"]["command"][:2] == base["worker"]["command"]
