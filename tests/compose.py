"""docker-compose.yml as compose reads it, for tests on a machine without a Docker engine."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from tests.paths import ROOT

COMPOSE_FILE = ROOT / "docker-compose.yml"
DEV_OVERRIDE = ROOT / "compose.dev.yml"
# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, and $$ (a literal $).
_VARIABLE = re.compile(r"\$\$|\$\{(?P<name>\w+)(?::?[-?](?P<default>[^}]*))?\}")


def load(path: Path = COMPOSE_FILE) -> dict[str, Any]:
    """The file parsed by a YAML library (anchors and merge keys resolved, no interpolation)."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def services(path: Path = COMPOSE_FILE) -> dict[str, dict[str, Any]]:
    return load(path)["services"]  # type: ignore[no-any-return]


def interpolate(value: str, variables: dict[str, str]) -> str:
    """Compose's interpolation of ``value`` against ``variables``."""
    def repl(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
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


def healthcheck_argv(service: dict[str, Any], variables: dict[str, str]) -> list[str]:
    """The service's healthcheck ``test`` as the argv Docker runs (CMD-SHELL through ``sh -c``)."""
    kind, *args = service["healthcheck"]["test"]
    args = [interpolate(arg, variables) for arg in args]
    return ["sh", "-c", args[0]] if kind == "CMD-SHELL" else args
