"""tests/suite_policy.py on tests of its own: unmet needs are deselected with one line, CI runs all.

Each case runs pytest in a subprocess on a small test file in a temporary folder, with only the
policy plugin loaded, and reads its exit code and output.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import fakeredis
import pytest

from tests.paths import ROOT
from tests.redis_server import delete_test_keys, kombu_shared_state

TESTS = '''
import pytest

def test_plain():
    pass

@pytest.mark.corpus
def test_needs_shared():
    pass

@pytest.mark.integration
def test_needs_redis():
    pass
'''
INI = "[pytest]\nmarkers =\n    corpus: x\n    integration: x\n    redis_server: x\n"


def run_suite(tmp_path: Path, tests: str = TESTS, **env: str) -> subprocess.CompletedProcess[str]:
    """pytest on ``tests`` with the policy plugin, a PATH without redis-server, and ``env``."""
    (tmp_path / "pytest.ini").write_text(INI)
    (tmp_path / "test_sample.py").write_text(tests)
    base = {k: v for k, v in os.environ.items() if k not in {"CI", "COPYDESK_TEST_REDIS_URL", "COPYDESK_SHARED_DIR"}}
    full_env = {**base, "PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent),
                "COPYDESK_SHARED_DIR": str(tmp_path / "no-shared"), **env}
    return subprocess.run([sys.executable, "-m", "pytest", "-p", "tests.suite_policy", "-p", "no:cacheprovider",
                           "-q", str(tmp_path)], cwd=tmp_path, env=full_env, capture_output=True, text=True,
                          timeout=120, check=False)


def test_unmet_needs_deselect_their_tests_with_one_line_each(tmp_path: Path) -> None:
    """No ../shared and no Redis: those tests are deselected, each need said once, nothing skipped."""
    run = run_suite(tmp_path)
    assert run.returncode == 0, run.stdout
    lines = run.stdout.splitlines()
    assert [line for line in lines if "'corpus' test deselected" in line] == [
        f"1 'corpus' test deselected: {tmp_path / 'no-shared' / 'seed'}, {tmp_path / 'no-shared' / 'corpus'} "
        "not found (set COPYDESK_SHARED_DIR to its folder)"
    ]
    assert [line for line in lines if "'integration' test deselected" in line] == [
        "1 'integration' test deselected: redis-server is not installed and COPYDESK_TEST_REDIS_URL is not set"
    ]
    assert "1 passed, 2 deselected" in run.stdout and "skipped" not in run.stdout


def test_met_needs_run_their_tests(tmp_path: Path) -> None:
    """With a shared folder and a test Redis URL, every test runs."""
    for folder in ("seed", "corpus"):
        (tmp_path / "shared" / folder).mkdir(parents=True)
    run = run_suite(tmp_path, COPYDESK_SHARED_DIR=str(tmp_path / "shared"),
                    COPYDESK_TEST_REDIS_URL="redis://127.0.0.1:1/0")
    assert run.returncode == 0, run.stdout
    assert "3 passed" in run.stdout and "deselected" not in run.stdout


def test_ci_stops_when_a_need_is_unmet(tmp_path: Path) -> None:
    """In CI a missing ../shared is an error, not a quiet deselection."""
    run = run_suite(tmp_path, CI="true")
    assert run.returncode == pytest.ExitCode.TESTS_FAILED
    assert "CI runs every test, but 1 'corpus' test cannot run" in run.stdout + run.stderr
    assert "passed" not in run.stdout


@pytest.mark.parametrize(("ci", "code"), [("", pytest.ExitCode.OK), ("true", pytest.ExitCode.TESTS_FAILED)])
def test_a_skipped_test_fails_a_ci_run_only(tmp_path: Path, ci: str, code: int) -> None:
    """A test that skips itself passes a local run and fails a CI run, saying why."""
    run = run_suite(tmp_path, "import pytest\n\ndef test_skips():\n    pytest.skip('no tool')\n", CI=ci)
    assert run.returncode == code, run.stdout
    assert "1 skipped" in run.stdout
    assert ("CI runs every test, but 1 skipped" in run.stdout) == bool(ci)


def test_cleanup_removes_what_a_test_added_and_keeps_the_rest() -> None:
    """A test's keys and its entries in kombu's shared keys go; entries already there stay."""
    client = fakeredis.FakeRedis()
    client.sadd("_kombu.binding.celeryev", "someone-else")
    client.zadd("_kombu.binding_deadlines", {"celeryev": 1})
    client.set("unrelated", "1")
    before = kombu_shared_state(client)
    # What a test's worker, client and Flower leave behind:
    client.set("cdtest-1:article:a", "{}")
    client.rpush("cdtest-1", "message")
    client.sadd("_kombu.binding.cdtest-1", "cdtest-1")
    client.sadd("_kombu.binding.celeryev", "celeryev.123")
    client.zadd("_kombu.binding_deadlines", {"celery.pidbox": 2})
    client.hset("unacked", "tag-1", "message")
    client.zadd("unacked_index", {"tag-1": 3})
    client.set("unacked_mutex", "held")

    delete_test_keys(client, "cdtest-1", before)

    assert sorted(client.keys()) == [b"_kombu.binding.celeryev", b"_kombu.binding_deadlines", b"unrelated"]
    assert client.smembers("_kombu.binding.celeryev") == {b"someone-else"}
    assert client.zrange("_kombu.binding_deadlines", 0, -1) == [b"celeryev"]
