"""The ``copydesk`` command line.

Errors a user can cause (bad paths, bad payloads, Redis down) print one line on stderr and
exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tasks.models import ArticleResult, JobStatus
from worker.errors import PipelineError, one_line

# File suffixes read as payload content by ``process`` and ``submit`` (others are skipped).
PAYLOAD_SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text", ".text": "text"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}

# Exit codes: 1 a command failed, 2 usage (argparse), 3 Redis unreachable.
EXIT_FAILED, EXIT_UNAVAILABLE = 1, 3


class UsageError(Exception):
    """A mistake in the command line or its files (one line, exit 1)."""


# ------------------------------------------------------------------ reading inputs


def iter_files(paths: Sequence[str]) -> Iterator[Path]:
    """Each payload file named, or found (sorted, recursively) under a named folder."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and _is_payload_file(p))
            yield from found
        elif path.is_file():
            yield path
        else:
            raise UsageError(f"no such file or folder: {name}")


def _is_payload_file(path: Path) -> bool:
    suffix = path.suffix.lower()
    return suffix in PAYLOAD_SUFFIXES or suffix in JSONL_SUFFIXES


def read_text(path: Path) -> str:
    """A file's text: UTF-8, with undecodable bytes replaced (the cleaner rejects binary)."""
    return path.read_bytes().decode("utf-8", errors="replace")


def iter_payloads(paths: Sequence[str], content_type: str) -> Iterator[dict[str, Any]]:
    """Payload dicts from files, folders and JSONL files of payloads."""
    for path in iter_files(paths):
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl_payloads(path)
            continue
        declared = content_type
        if declared == "auto":
            declared = PAYLOAD_SUFFIXES.get(path.suffix.lower(), "auto")
        yield {"content": read_text(path), "content_type": declared, "extra": {"path": str(path)}}


def _jsonl_payloads(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                payload = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{path}:{number}: not JSON ({exc.msg})") from None
            if not isinstance(payload, dict):
                raise UsageError(f"{path}:{number}: a payload must be a JSON object")
            yield payload


def _progress(items: Iterable[Any], total: int | None, label: str) -> Iterable[Any]:
    """A progress bar on an interactive terminal, the items unchanged otherwise."""
    if not sys.stderr.isatty():
        return items
    from tqdm import tqdm  # noqa: PLC0415 - only needed on a terminal

    bar: Iterable[Any] = tqdm(items, total=total, desc=label, unit="article", file=sys.stderr)
    return bar


# ------------------------------------------------------------------ commands


def cmd_process(args: argparse.Namespace) -> int:
    """Run the stages in-process (no Redis) and print one result JSON per line."""
    from tasks.pipeline import process  # noqa: PLC0415 - keeps `copydesk --help` fast

    failed = 0
    for payload in iter_payloads(args.paths, args.content_type):
        path = payload.get("extra", {}).get("path")
        result = _process_payload(process, payload)
        if path and result.source is not None:
            result = result.model_copy(update={"source": result.source.model_copy(update={"path": path})})
        failed += result.status is JobStatus.FAILED
        sys.stdout.write(result.model_dump_json() + "\n")
    sys.stdout.flush()
    return EXIT_FAILED if failed and args.strict else 0


def _process_payload(process: Any, payload: dict[str, Any]) -> ArticleResult:
    from worker.client import to_article  # noqa: PLC0415
    from worker.settings import get_settings  # noqa: PLC0415

    try:
        article = to_article(payload, get_settings().max_payload_bytes)
    except PipelineError as exc:
        from worker.client import rejected_result  # noqa: PLC0415

        result = rejected_result(payload, exc)
        path = payload.get("extra", {}).get("path")
        return _with_path(result, path) if path else result
    return process(article)  # type: ignore[no-any-return]


def _with_path(result: ArticleResult, path: str) -> ArticleResult:
    from datetime import UTC, datetime  # noqa: PLC0415

    from tasks.models import SourceInfo  # noqa: PLC0415

    source = SourceInfo(content_type="text", path=path, received_at=datetime.now(UTC))
    return result.model_copy(update={"source": source})


def _client() -> Any:
    from worker.client import Client  # noqa: PLC0415

    try:
        return Client()
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_submit(args: argparse.Namespace) -> int:
    """Enqueue files, folders or JSONL payloads; print one id per line."""
    client = _client()
    payloads = list(iter_payloads(args.paths, args.content_type))
    if args.single:
        ids = [_submit_one(client, p) for p in _progress(payloads, len(payloads), "submit")]
    else:
        ids = []
        chunk = max(args.batch_size or client.settings.batch_size, 1)
        batches = [payloads[i : i + chunk] for i in range(0, len(payloads), chunk)]
        for batch in _progress(batches, len(batches), "submit batches"):
            ids.extend(client.submit_many(batch, batch_size=chunk))
    for article_id in ids:
        sys.stdout.write(article_id + "\n")
    return 0


def _submit_one(client: Any, payload: dict[str, Any]) -> str:
    from worker.errors import PayloadError  # noqa: PLC0415

    try:
        return client.submit(payload)  # type: ignore[no-any-return]
    except PayloadError as exc:
        sys.stderr.write(f"rejected: {one_line(exc)}\n")
        return exc.article_id  # type: ignore[attr-defined,no-any-return]


def cmd_status(args: argparse.Namespace) -> int:
    """Status of one article, or the counts per status."""
    client = _client()
    if not args.id:
        sys.stdout.write(json.dumps(client.counts()) + "\n")
        return 0
    record = client.status(args.id)
    if record is None:
        raise UsageError(f"unknown article id: {args.id}")
    sys.stdout.write((record.model_dump_json() if args.json else record.status.value) + "\n")
    return 0


def cmd_get(args: argparse.Namespace) -> int:
    """Print an article's result JSON."""
    client = _client()
    result = client.get(args.id)
    if result is None:
        record = client.status(args.id)
        if record is None:
            raise UsageError(f"unknown article id: {args.id}")
        raise UsageError(f"article {args.id} is still {record.status.value}")
    sys.stdout.write(result.model_dump_json(indent=2 if args.pretty else None) + "\n")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Ids of the articles in a status."""
    for article_id in _client().ids(JobStatus(args.status)):
        sys.stdout.write(article_id + "\n")
    return 0


def cmd_failed(args: argparse.Namespace) -> int:
    """The failed articles: id, stage, error type, message and attempts."""
    client = _client()
    for article_id in client.ids(JobStatus.FAILED):
        record = client.status(article_id)
        error = record.error if record else None
        row = {"id": article_id, **(error.model_dump() if error else {})}
        sys.stdout.write(json.dumps(row) + "\n")
    return 0


def cmd_retry(args: argparse.Namespace) -> int:
    """Put failed articles back in the queue."""
    client = _client()
    ids = list(args.ids)
    if args.all_failed:
        ids += client.ids(JobStatus.FAILED)
    if not ids:
        raise UsageError("name article ids or pass --all-failed")
    resent = client.retry(ids)
    for article_id in resent:
        sys.stdout.write(article_id + "\n")
    skipped = len(set(ids)) - len(resent)
    if skipped:
        sys.stderr.write(f"{skipped} article(s) not re-sent (unknown, or their payload expired)\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write every final result as JSONL."""
    client = _client()
    if args.out == "-":
        written = client.store.export(sys.stdout)
    else:
        with open(args.out, "w", encoding="utf-8") as out:
            written = client.store.export(out)
    sys.stderr.write(f"exported {written} result(s)\n")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the result."""
    sys.stdout.write(json.dumps(ArticleResult.model_json_schema(), indent=2) + "\n")
    return 0


# Flower knows a worker is alive from its heartbeats: without them it cannot see the worker die,
# and mostly does not list it at all (measured with flower_worker_online; its tasks still show).
FLOWER_BLINDING_FLAGS = ("--without-heartbeat",)


def worker_argv(extra: Sequence[str]) -> list[str]:
    """The ``celery worker`` command line ``copydesk worker`` runs."""
    from worker.settings import get_settings  # noqa: PLC0415

    blinding = [flag for flag in extra if flag in FLOWER_BLINDING_FLAGS]
    if blinding:
        raise UsageError(f"{' '.join(blinding)} would hide this worker from Flower; drop it")
    settings = get_settings()
    argv = [sys.executable, "-m", "celery", "-A", "worker.app", "worker", "-Q", settings.queue,
            "--loglevel", "INFO", "-E"]
    if settings.worker_concurrency:
        argv += ["--concurrency", str(settings.worker_concurrency)]
    return argv + list(extra)


def cmd_worker(args: argparse.Namespace) -> int:
    """Replace this process with a Celery worker on copydesk's app."""
    from worker.settings import get_settings  # noqa: PLC0415

    if not get_settings().redis_url:
        raise UsageError("a worker needs Redis: set COPYDESK_REDIS_URL (see `copydesk demo` for embedded mode)")
    argv = worker_argv(args.celery_args)
    # billiard reads this at import: SIGTERM (``docker compose stop``) then starts Celery's cold
    # shutdown with its soft wait (COPYDESK_SOFT_SHUTDOWN_S), which hands running batches back to
    # the queue at once, where a warm shutdown would wait for them or leave them to the
    # visibility timeout when the grace period runs out.
    os.environ.setdefault("REMAP_SIGTERM", "SIGQUIT")
    os.execv(argv[0], argv)  # noqa: S606 - our own interpreter, fixed arguments


def cmd_demo(args: argparse.Namespace) -> int:
    """Send the sample payloads through the Celery tasks with an embedded worker."""
    from worker.demo import SAMPLES, run_demo  # noqa: PLC0415

    payloads = list(iter_payloads(args.paths or [str(SAMPLES)], "auto"))
    return run_demo(payloads, pretty=args.pretty, timeout_s=args.timeout)


# ------------------------------------------------------------------ parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = argparse.ArgumentParser(
        prog="copydesk", description="Clean, section and extract metadata from news articles."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Any, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(func=func)
        return command

    process = add("process", cmd_process, "run the stages in-process (no Redis) and print result JSONL")
    process.add_argument("paths", nargs="+", metavar="PATH", help="files, folders or JSONL files of payloads")
    process.add_argument("--content-type", choices=["html", "text", "auto"], default="auto")
    process.add_argument("--strict", action="store_true", help="exit 1 if any article failed")

    submit = add("submit", cmd_submit, "enqueue files, folders or JSONL payloads; print one id per line")
    submit.add_argument("paths", nargs="+", metavar="PATH")
    submit.add_argument("--content-type", choices=["html", "text", "auto"], default="auto")
    submit.add_argument("--single", action="store_true", help="one chain of tasks per article")
    submit.add_argument("--batch-size", type=int, default=None, help="articles per task (default: setting)")

    status = add("status", cmd_status, "status of an article, or the counts per status")
    status.add_argument("id", nargs="?")
    status.add_argument("--json", action="store_true", help="the full record: timestamps, runs, error")

    get = add("get", cmd_get, "print an article's result JSON")
    get.add_argument("id")
    get.add_argument("--pretty", action="store_true")

    listing = add("list", cmd_list, "ids of the articles in a status")
    listing.add_argument("status", choices=[s.value for s in JobStatus])

    add("failed", cmd_failed, "list failed articles with stage, error and attempts")

    retry = add("retry", cmd_retry, "put failed articles back in the queue")
    retry.add_argument("ids", nargs="*", metavar="ID")
    retry.add_argument("--all-failed", action="store_true")

    export = add("export", cmd_export, "write every result as JSONL")
    export.add_argument("--out", required=True, help="file to write, or - for stdout")

    add("schema", cmd_schema, "print the result's JSON Schema")

    add("worker", cmd_worker, "start a Celery worker (other arguments go to `celery worker`)")

    demo = add("demo", cmd_demo, "sample payloads through the real tasks on an embedded worker")
    demo.add_argument("paths", nargs="*", metavar="PATH", help="payloads (default: the bundled samples)")
    demo.add_argument("--pretty", action="store_true")
    demo.add_argument("--timeout", type=float, default=120.0)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``copydesk`` console script."""
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    if extra and args.command != "worker":
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.celery_args = extra
    try:
        return int(args.func(args))
    except UsageError as exc:
        sys.stderr.write(f"copydesk: {exc}\n")
        return EXIT_FAILED
    except PipelineError as exc:
        from worker.errors import TransientError  # noqa: PLC0415

        sys.stderr.write(f"copydesk: {one_line(exc)}\n")
        return EXIT_UNAVAILABLE if isinstance(exc, TransientError) else EXIT_FAILED
    except (OSError, TimeoutError) as exc:
        sys.stderr.write(f"copydesk: {one_line(exc)}\n")
        return EXIT_FAILED
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
