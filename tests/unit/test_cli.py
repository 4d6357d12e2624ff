"""The ``copydesk`` command line, in-process: output shapes and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from celery import Celery

from tasks.models import PIPELINE_VERSION, ArticleResult, JobStatus, Metadata
from tests.paths import ROOT, SAMPLES
from worker.cli import main
from worker.client import Client
from worker.settings import Settings, get_settings
from worker.store import InMemoryResultStore


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


# ------------------------------------------------------------------ issue 15: the CLI on an in-memory store

LATIN1_PAGE = """<html lang="fr"><head><meta charset="iso-8859-1"><title>Le café de la gare - Journal</title>
<meta name="author" content="Hélène Dupré"></head><body><article><h1>Le café de la gare</h1>
<p>Le café de la gare a rouvert lundi après six mois de travaux, a annoncé la mairie dans un communiqué.</p>
<p>«Nous sommes très heureux de retrouver nos habitués», a déclaré la gérante, qui tient le café depuis douze ans.</p>
</article></body></html>"""


@pytest.fixture
def settings() -> Settings:
    # Its own queue: Celery's in-memory broker is shared by every test of the session.
    return Settings(queue="unit-test-cli", batch_size=2, max_payload_bytes=10_000)


@pytest.fixture
def client(app: Celery, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Client:
    """The CLI's producer, on an in-memory store and broker (``--batch-size`` honoured)."""
    store = InMemoryResultStore()

    def _client(batch_size: int | None = None) -> Client:
        chosen = settings.model_copy(update={"batch_size": batch_size}) if batch_size else settings
        return Client(settings=chosen, store=store, app=app)

    monkeypatch.setattr("worker.cli._client", _client)
    return _client()


def _feed(tmp_path: Path, payloads: list[dict[str, Any]]) -> Path:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps(p) + "\n" for p in payloads), encoding="utf-8")
    return feed


MIXED_FEED = [
    {"id": "good-1", "content": "one"},
    {"id": "bad-1"},
    {"id": "good-2", "content": "two"},
    {"id": "bad-2", "content": "x", "content_type": "pdf"},
    {"id": "good-3", "content": "three"},
]


@pytest.mark.parametrize("mode", [[], ["--single"], ["--batch-size", "3"]])
def test_submit_prints_ids_in_input_order_and_names_rejected_payloads(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str], mode: list[str]
) -> None:
    """stdout lines up with the inputs; each rejected payload is one stderr line with its place and reason."""
    assert main(["submit", *mode, str(_feed(tmp_path, MIXED_FEED))]) == 0
    out, err = capsys.readouterr()
    assert out.split() == [p["id"] for p in MIXED_FEED]
    assert err.splitlines() == [
        f"copydesk: rejected {tmp_path}/feed.jsonl:2 (id bad-1): content: Field required",
        f"copydesk: rejected {tmp_path}/feed.jsonl:4 (id bad-2): content_type: Input should be 'html', "
        "'text' or 'auto'",
    ]


def test_identical_inputs_are_named_and_skipped_files_listed(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files with one content: one stderr line naming both and the id; a .png is listed as skipped."""
    (tmp_path / "a.txt").write_text("The same article text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The same article text.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert main(["submit", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    first, second = out.split()
    assert first == second
    assert err.splitlines() == [
        f"copydesk: skipped {tmp_path}/photo.png: not a payload file (reads .html, .htm, .txt, .text, .jsonl, .ndjson)",
        f"copydesk: duplicate: {tmp_path}/b.txt is the same article as {tmp_path}/a.txt (id {first})",
    ]


def test_failed_shows_the_path_or_url_of_each_failure(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A payload refused at submit and one failed in a stage both name their file or url."""
    (tmp_path / "big.txt").write_text("y" * 20_000, encoding="utf-8")
    feed = _feed(tmp_path, [{"id": "empty", "content": " ", "url": "https://example.com/empty"}])
    assert main(["submit", str(tmp_path / "big.txt"), str(feed)]) == 0
    big_id, _ = capsys.readouterr().out.split()
    client.store.finish(process_article(client, "empty"))
    assert main(["failed"]) == 0
    rows = {row["id"]: row for row in map(json.loads, capsys.readouterr().out.splitlines())}
    assert rows[big_id]["path"] == str(tmp_path / "big.txt") and rows[big_id]["type"] == "PayloadTooLarge"
    assert rows["empty"]["url"] == "https://example.com/empty" and rows["empty"]["stage"] == "clean"


def process_article(client: Client, article_id: str) -> ArticleResult:
    """The result the stages give the stored payload of ``article_id`` (what a worker would record)."""
    from tasks.pipeline import process

    payload = client.store.payload(article_id)
    assert payload is not None
    return process(payload)


def test_retry_refuses_with_a_reason_per_id_and_exits_1(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown and refused-at-submit ids: exit 1, one reason each; a done one needs --force."""
    assert main(["submit", str(_feed(tmp_path, [{"id": "ok", "content": "text"}, {"id": "bad"}]))]) == 0
    client.store.finish(ArticleResult(id="ok", status=JobStatus.DONE, text="first run"))
    capsys.readouterr()
    assert main(["retry", "ok", "bad", "ghost"]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        "copydesk: not re-sent ok: already done; --force (force=True) runs it again and replaces its result",
        "copydesk: not re-sent bad: refused at submit, its payload was never stored (content: Field required)",
        "copydesk: not re-sent ghost: unknown article id",
    ]
    assert client.get("ok").text == "first run"  # type: ignore[union-attr]
    assert main(["retry", "--force", "ok"]) == 0
    assert capsys.readouterr().out == "ok\n"


def test_export_filters_and_picks_fields(client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--status and --fields (dotted sub-fields) shape the JSONL; --since in the future exports nothing."""
    assert main(["submit", str(_feed(tmp_path, [{"id": "ok", "content": "t", "url": "https://e.com/ok"},
                                                 {"id": "bad"}]))]) == 0
    client.store.finish(ArticleResult(id="ok", status=JobStatus.DONE, metadata=Metadata(title="Title")))
    capsys.readouterr()
    assert main(["export", "--out", "-", "--status", "done", "--fields", "id,metadata.title,error.stage"]) == 0
    out, err = capsys.readouterr()
    assert [json.loads(line) for line in out.splitlines()] == [
        {"id": "ok", "metadata.title": "Title", "error.stage": None}]
    assert err == "exported 1 result(s)\n"
    assert main(["export", "--out", "-", "--since", "2999-01-01"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--fields", "id,colour"], "unknown field 'colour'"),
        (["--since", "yesterday"], "not an ISO 8601 date"),
    ],
)
def test_export_flags_are_checked_in_one_line(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad --fields or --since: exit 2 with one line, before anything runs."""
    with pytest.raises(SystemExit) as info:
        main(["export", "--out", "-", *args])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_get_renders_markdown(client: Client, capsys: pytest.CaptureFixture[str], sample_html: str) -> None:
    """--format markdown prints the title, headings and figure captions of the article."""
    article_id = client.submit({"content": sample_html, "id": "bridge"})
    client.store.finish(process_article(client, article_id))
    assert main(["get", "bridge", "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    done = client.get("bridge")
    assert done is not None and done.metadata.title
    assert markdown.startswith(f"# {done.metadata.title}\n")
    headings = [s.heading for s in done.sections if s.heading]
    assert headings and all(f"## {h}" in markdown for h in headings)
    captions = [i.caption for i in done.metadata.images if i.caption]
    assert captions and all(c.split()[0] in markdown for c in captions)


def test_process_reads_a_latin1_file_by_its_meta_charset(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """No U+FFFD: the title and author keep their accents."""
    page = tmp_path / "cafe.html"
    page.write_bytes(LATIN1_PAGE.encode("latin-1"))
    assert main(["process", str(page)]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["status"] == "done"
    assert row["metadata"]["title"] == "Le café de la gare"
    assert row["metadata"]["authors"] == ["Hélène Dupré"]
    assert "\ufffd" not in row["text"]


def test_version_and_schema_identify_themselves(capsys: pytest.CaptureFixture[str]) -> None:
    """--version prints the version; the schema declares its dialect and its id."""
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0 and capsys.readouterr().out == f"copydesk {PIPELINE_VERSION}\n"
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith(PIPELINE_VERSION)


# ------------------------------------------------------------------ settings


@pytest.mark.parametrize(
    ("env", "argv", "message"),
    [
        ({"COPYDESK_BATCH_SIZE": "abc"}, ["status"], "COPYDESK_BATCH_SIZE='abc': Input should be a valid integer"),
        ({"COPYDESK_BATCH_SIZE": "abc"}, ["submit", str(SAMPLES)], "COPYDESK_BATCH_SIZE='abc'"),
        ({"COPYDESK_BATCH_SIZE": "200"}, ["status"], "needs COPYDESK_VISIBILITY_TIMEOUT_S above"),
        ({}, ["submit", "--batch-size", "200", str(SAMPLES)], "a batch of 200 articles"),
        ({"COPYDESK_MAX_RETRIES": "-1"}, ["worker"], "COPYDESK_MAX_RETRIES='-1'"),
        ({"COPYDESK_BATCH_SIZE": "abc"}, ["failed"], "COPYDESK_BATCH_SIZE='abc'"),
    ],
)
def test_an_invalid_setting_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    env: dict[str, str], argv: list[str], message: str,
) -> None:
    """Never a traceback: one line naming the variable, exit 2, whatever the command."""
    monkeypatch.setenv("COPYDESK_REDIS_URL", "redis://127.0.0.1:1/0")
    monkeypatch.setattr("os.execv", lambda *a: pytest.fail("the worker was started"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("copydesk: ") and err.count("\n") == 1 and message in err


@pytest.mark.parametrize("size", ["0", "-5", "many"])
def test_a_bad_batch_size_flag_is_one_line_and_exit_2(size: str, capsys: pytest.CaptureFixture[str]) -> None:
    """--batch-size outside 1..1000 is refused by the parser in one line."""
    with pytest.raises(SystemExit) as info:
        main(["submit", "--batch-size", size, str(SAMPLES)])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err == (f"copydesk: argument --batch-size: must be a whole number from 1 to 1000, not '{size}' "
                   "(see `copydesk submit --help`)\n")


def test_process_and_schema_ignore_broker_only_settings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """process says once that it ignores a bad broker setting, and runs; schema needs none."""
    monkeypatch.setenv("COPYDESK_BATCH_SIZE", "abc")
    monkeypatch.setenv("COPYDESK_VISIBILITY_TIMEOUT_S", "60")
    assert main(["process", str(SAMPLES)]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 2
    assert err == "copydesk: ignoring the invalid COPYDESK_BATCH_SIZE: `process` does not use it\n"
    assert "No hostname was supplied" not in caplog.text
    assert main(["schema"]) == 0
    assert capsys.readouterr().err == ""


def test_process_still_refuses_an_invalid_setting_it_reads(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The payload limit is process's own: an invalid one is exit 2."""
    monkeypatch.setenv("COPYDESK_MAX_PAYLOAD_BYTES", "0")
    assert main(["process", str(SAMPLES)]) == 2
    assert "COPYDESK_MAX_PAYLOAD_BYTES='0'" in capsys.readouterr().err


def test_demo_starts_quietly_with_broker_only_settings(tmp_path: Path) -> None:
    """The embedded demo: no kombu hostname warnings, and a batch size too big for Redis is no error."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPYDESK_")}
    env.update(COPYDESK_BATCH_SIZE="200", PYTHONPATH=str(ROOT))
    run = subprocess.run([sys.executable, "-m", "worker.cli", "demo", str(SAMPLES / "river-festival.txt")],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["status"] == "done"
    assert "No hostname was supplied" not in run.stderr and "Traceback" not in run.stderr


def test_the_progress_bar_counts_articles_not_batches(
    client: Client, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five payloads in batches of two: the bar ends at 5/5 articles."""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["submit", str(_feed(tmp_path, MIXED_FEED))]) == 0
    bar = capsys.readouterr().err.split("\r")[-1]
    assert "5/5" in bar and "article" in bar


def test_a_reader_that_closes_the_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    """`copydesk process … | head`: no traceback, no error line, exit 141 as a shell reports."""
    page = tmp_path / "long.txt"
    paragraphs = (f"Paragraph {i} of a very long article, said Ann Lee." for i in range(3000))
    page.write_text("Long read\n\n" + "\n\n".join(paragraphs))
    argv = [sys.executable, "-m", "worker.cli", "process", str(page)]
    with subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # the reader is gone before the first line is written
        errors = proc.stderr.read().decode()
        assert proc.wait(timeout=120) == 141
    assert "Broken pipe" not in errors and "Traceback" not in errors
