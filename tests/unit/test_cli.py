"""The ``copydesk`` command line, in-process: output shapes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.paths import SAMPLES
from worker.cli import main
from worker.settings import get_settings


def test_process_prints_one_result_per_file_with_its_path(capsys: pytest.CaptureFixture[str]) -> None:
    """A folder of payloads gives one JSON line each, carrying source.path."""
    assert main(["process", str(SAMPLES)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == len(list(SAMPLES.iterdir()))
    for row in rows:
        assert row["status"] == "done"
        assert Path(row["source"]["path"]).parent == SAMPLES
        assert row["text"] and row["sections"]
    assert {r["source"]["content_type"] for r in rows} == {"html", "text"}


def test_process_content_type_flag_is_honoured(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--content-type text reads an .html file as text."""
    page = tmp_path / "page.html"
    page.write_text("<p>Just a line that looks like markup.</p>\n" * 3, encoding="utf-8")
    assert main(["process", "--content-type", "text", str(page)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["source"]["content_type"] == "text"


def test_process_reports_a_failed_article_as_a_result(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An empty file is a failed result with its reason, and --strict exits 1."""
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["process", str(tmp_path / "empty.txt")]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["status"] == "failed"
    assert row["error"]["stage"] == "clean" and "empty" in row["error"]["message"]
    assert main(["process", "--strict", str(tmp_path / "empty.txt")]) == 1


def test_bad_path_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    """No traceback for a user's mistake."""
    assert main(["process", "/no/such/file.html"]) == 1
    err = capsys.readouterr().err
    assert err == "copydesk: no such file or folder: /no/such/file.html\n"


def test_bad_jsonl_line_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken JSONL payload file names the file and line."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"content": "ok"}\nnot json\n', encoding="utf-8")
    assert main(["process", str(feed)]) == 1
    assert "feed.jsonl:2: not JSON" in capsys.readouterr().err


def test_commands_needing_redis_say_so(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without COPYDESK_REDIS_URL, submit/status explain what to set."""
    monkeypatch.delenv("COPYDESK_REDIS_URL", raising=False)
    assert main(["status"]) == 1
    assert "COPYDESK_REDIS_URL" in capsys.readouterr().err


def test_redis_down_exits_3_with_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An unreachable Redis is a transient error: exit 3, one line."""
    monkeypatch.setenv("COPYDESK_REDIS_URL", "redis://127.0.0.1:1/0")
    assert main(["status"]) == 3
    err = capsys.readouterr().err
    assert err.startswith("copydesk: Redis unavailable") and err.count("\n") == 1


def test_schema_describes_the_result(capsys: pytest.CaptureFixture[str]) -> None:
    """`copydesk schema` prints the result's JSON Schema."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "ArticleResult"
    assert "sections" in schema["properties"]


def test_help_is_available_for_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    """--help works everywhere."""
    for command in ("process", "submit", "status", "get", "export", "worker", "schema", "failed", "retry"):
        with pytest.raises(SystemExit) as info:
            main([command, "--help"])
        assert info.value.code == 0
    assert "usage: copydesk retry" in capsys.readouterr().out


def test_worker_refuses_to_run_without_heartbeats(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A worker Flower cannot see is refused before it starts, with the reason."""
    monkeypatch.setenv("COPYDESK_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr("os.execv", lambda *argv: pytest.fail(f"the worker was started: {argv}"))
    assert main(["worker", "--concurrency", "1", "--without-heartbeat"]) == 1
    err = capsys.readouterr().err
    assert "--without-heartbeat" in err and "Flower" in err


def test_worker_passes_other_celery_flags_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """Celery's own flags reach `celery worker`, after copydesk's queue and task events."""
    started: list[list[str]] = []

    def fake_execv(path: str, argv: list[str]) -> None:
        started.append(argv)
        raise SystemExit(0)  # a real execv does not return

    monkeypatch.setenv("COPYDESK_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr("os.execv", fake_execv)
    with pytest.raises(SystemExit):
        main(["worker", "--without-gossip", "--concurrency", "3"])
    (argv,) = started
    assert argv[-3:] == ["--without-gossip", "--concurrency", "3"]
    assert "-E" in argv and argv[argv.index("-Q") + 1] == get_settings().queue
