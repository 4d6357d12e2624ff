"""What the suite needs from outside the repo, and what a run does when it is missing.

Each marker below names one such need. When a need is unmet, its tests are deselected and one
line says so after collection: never a skip per test that only ``-ra`` explains. In CI (``CI``
set), where everything must run, an unmet need stops the run at collection, and a test that
skips anyway fails the run.

Registered by tests/conftest.py; tests/unit/test_suite_policy.py runs it on tests of its own.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.paths import SHARED

TEST_REDIS_URL_VAR = "COPYDESK_TEST_REDIS_URL"
_DESELECTED = pytest.StashKey[list[str]]()


def in_ci() -> bool:
    """True in CI, where every test must run."""
    return bool(os.environ.get("CI"))


def corpus_missing() -> str | None:
    """Why ../shared cannot be read, or None."""
    needed = [SHARED / "seed", SHARED / "corpus"]
    missing = [str(path) for path in needed if not path.is_dir()]
    return f"{', '.join(missing)} not found (set COPYDESK_SHARED_DIR to its folder)" if missing else None


def redis_server_missing() -> str | None:
    """Why the tests cannot start their own ``redis-server``, or None."""
    return None if shutil.which("redis-server") else "redis-server is not installed"


def session_redis_missing() -> str | None:
    """Why the integration tests have no Redis of their own, or None."""
    if shutil.which("redis-server") or os.environ.get(TEST_REDIS_URL_VAR):
        return None
    return f"redis-server is not installed and {TEST_REDIS_URL_VAR} is not set"


@dataclass(frozen=True)
class Need:
    """A marker and how to tell that what its tests need is missing."""

    marker: str
    missing: Callable[[], str | None]


NEEDS = (
    Need("corpus", corpus_missing),
    Need("integration", session_redis_missing),
    Need("redis_server", redis_server_missing),
)


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_DESELECTED] = []


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deselect the tests whose need is unmet (stop the run instead in CI)."""
    for need in NEEDS:
        marked = [item for item in items if item.get_closest_marker(need.marker)]
        why = need.missing() if marked else None
        if why is None:
            continue
        tests = f"{len(marked)} '{need.marker}' test{'s' if len(marked) > 1 else ''}"
        if in_ci():
            pytest.exit(f"CI runs every test, but {tests} cannot run: {why}", returncode=pytest.ExitCode.TESTS_FAILED)
        config.hook.pytest_deselected(items=marked)
        items[:] = [item for item in items if not item.get_closest_marker(need.marker)]
        config.stash[_DESELECTED].append(f"{tests} deselected: {why}")


def pytest_report_collectionfinish(config: pytest.Config) -> list[str]:
    """The one line per unmet need, printed under 'collected N items'."""
    return config.stash[_DESELECTED]


def _skipped(config: pytest.Config) -> list[pytest.TestReport]:
    """The skip reports the terminal reporter counted (expected failures are 'xfailed', not here)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    return list(reporter.stats.get("skipped", [])) if reporter else []


def pytest_sessionfinish(session: pytest.Session) -> None:
    """In CI a skipped test fails the run: nothing may pass by not running."""
    if in_ci() and _skipped(session.config) and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say why a CI run with skips failed."""
    skipped = _skipped(terminalreporter.config)
    if in_ci() and skipped:
        terminalreporter.write_line(f"CI runs every test, but {len(skipped)} skipped (see the skip reasons above)",
                                    red=True)
