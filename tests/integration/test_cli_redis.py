"""The ``copydesk`` CLI as a user runs it, against a real Redis and worker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.conftest import Process
from tests.paths import SAMPLES
from worker.client import Client

pytestmark = pytest.mark.integration


def copydesk(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a subprocess and capture its output."""
    return subprocess.run([sys.executable, "-m", "worker.cli", *args], env=env, capture_output=True,
                          text=True, timeout=120, check=False)


def test_submit_status_get_export(env: dict[str, str], client: Client, worker: Process, tmp_path: Path) -> None:
    """submit prints ids; status, get and export read them back."""
    submitted = copydesk(env, "submit", str(SAMPLES))
    assert submitted.returncode == 0, submitted.stderr
    ids = submitted.stdout.split()
    assert len(ids) == 2
    client.wait(ids, timeout=90)
    assert copydesk(env, "status", ids[0]).stdout.strip() == "done"
    counts = json.loads(copydesk(env, "status").stdout)
    assert counts["done"] == 2
    result = json.loads(copydesk(env, "get", ids[0]).stdout)
    assert result["id"] == ids[0] and result["status"] == "done"
    out = tmp_path / "export.jsonl"
    exported = copydesk(env, "export", "--out", str(out))
    assert exported.returncode == 0 and "exported 2" in exported.stderr
    assert {json.loads(line)["id"] for line in out.read_text().splitlines()} == set(ids)


def test_failed_and_retry_commands(env: dict[str, str], client: Client, worker: Process, tmp_path: Path) -> None:
    """A bad payload shows in `failed` with its reason and can be re-queued with --all-failed."""
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 64)
    ids = copydesk(env, "submit", str(bad)).stdout.split()
    client.wait(ids, timeout=90)
    status = json.loads(copydesk(env, "status", "--json", ids[0]).stdout)
    assert status["status"] == "failed" and status["error"]["stage"] == "clean"
    failed = [json.loads(line) for line in copydesk(env, "failed").stdout.splitlines()]
    assert [(f["id"], f["type"]) for f in failed] == [(ids[0], "StageRejected")]
    retried = copydesk(env, "retry", "--all-failed")
    assert retried.stdout.split() == ids


def test_unknown_id_and_redis_down_are_one_line_errors(env: dict[str, str]) -> None:
    """No traceback: one line on stderr and a non-zero exit."""
    unknown = copydesk(env, "get", "no-such-id")
    assert unknown.returncode == 1
    assert unknown.stderr == "copydesk: unknown article id: no-such-id\n"
    down = copydesk({**env, "COPYDESK_REDIS_URL": "redis://127.0.0.1:1/0"}, "submit", str(SAMPLES))
    assert down.returncode == 3
    assert "Traceback" not in down.stderr and down.stderr.count("\n") == 1


def test_submit_lines_ids_up_and_failed_names_each_file(
    env: dict[str, str], client: Client, worker: Process, tmp_path: Path
) -> None:
    """Mixed good and rejected payloads: one id per input in order; `failed` shows path or url."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a-empty.txt").write_text("   \n", encoding="utf-8")
    (pages / "b-story.txt").write_text((SAMPLES / "river-festival.txt").read_text(encoding="utf-8"), encoding="utf-8")
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(p) for p in (
        {"id": "no-content", "url": "https://example.com/nc"},
        {"id": "empty-url", "content": " ", "url": "https://example.com/empty"},
    )) + "\n", encoding="utf-8")
    submitted = copydesk(env, "submit", "--batch-size", "3", str(pages), str(feed))
    assert submitted.returncode == 0, submitted.stderr
    ids = submitted.stdout.split()
    assert len(ids) == 4 and ids[2:] == ["no-content", "empty-url"]
    assert f"rejected {feed}:1 (id no-content): content: Field required" in submitted.stderr
    client.wait(ids, timeout=90)
    failed = {row["id"]: row for row in map(json.loads, copydesk(env, "failed").stdout.splitlines())}
    assert set(failed) == {ids[0], "no-content", "empty-url"}
    assert failed[ids[0]]["path"] == str(pages / "a-empty.txt") and failed[ids[0]]["stage"] == "clean"
    assert failed["no-content"]["url"] == "https://example.com/nc" and failed["no-content"]["stage"] == "submit"
    assert failed["empty-url"]["url"] == "https://example.com/empty"


def test_retry_exits_1_naming_what_it_could_not_resend(env: dict[str, str], client: Client, tmp_path: Path) -> None:
    """An unknown id and one refused at submit: exit 1, one reason each on stderr."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "refused"}) + "\n", encoding="utf-8")
    assert copydesk(env, "submit", str(feed)).stdout.split() == ["refused"]
    retried = copydesk(env, "retry", "refused", "ghost")
    assert retried.returncode == 1 and retried.stdout == ""
    assert retried.stderr.splitlines() == [
        "copydesk: not re-sent refused: refused at submit, its payload was never stored (content: Field required)",
        "copydesk: not re-sent ghost: unknown article id",
    ]
