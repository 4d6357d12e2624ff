"""The ``copydesk`` command line.

Errors a user can cause (bad paths, bad payloads, Redis down) print one line on stderr and
exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tasks.models import PIPELINE_VERSION, ArticleResult, ErrorInfo, JobStatus, Metadata, SourceInfo
from worker.errors import InvalidSetting, PayloadError, PipelineError, one_line

# File suffixes read as payload content by ``process`` and ``submit`` (others are skipped).
PAYLOAD_SUFFIXES = {".html": "html", ".htm": "html", ".txt": "text", ".text": "text"}
JSONL_SUFFIXES = (".jsonl", ".ndjson")

# Exit codes: 1 a command failed, 2 usage or settings, 3 Redis unreachable.
EXIT_FAILED, EXIT_USAGE, EXIT_UNAVAILABLE = 1, 2, 3
# 128 + SIGPIPE: what a shell reports for a command whose reader closed the pipe.
EXIT_BROKEN_PIPE = 141

# What `copydesk schema` declares: the JSON Schema dialect pydantic writes, and a stable name
# for this version of the result's schema.
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = f"urn:copydesk:schema:article-result:{PIPELINE_VERSION}"
# Sub-models whose fields ``export --fields`` reaches with a dotted name (``metadata.title``).
NESTED_FIELDS: dict[str, Any] = {"source": SourceInfo, "metadata": Metadata, "error": ErrorInfo}


class UsageError(Exception):
    """A mistake in the command line or its files (one line, exit 1)."""


def warn(message: str) -> None:
    """One line on stderr, prefixed like every message of the CLI."""
    sys.stderr.write(f"copydesk: {message}\n")


# ------------------------------------------------------------------ reading inputs


@dataclass(frozen=True, slots=True)
class Input:
    """One payload and how to name it to the user (its file, or file:line of a JSONL payload)."""

    label: str
    payload: dict[str, Any]


def iter_files(paths: Sequence[str]) -> Iterator[Path]:
    """Each payload file named, or found (sorted, recursively) under a named folder.

    A folder's other files are skipped, each named on stderr.
    """
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if _is_payload_file(found):
                    yield found
                else:
                    warn(f"skipped {found}: not a payload file (reads {', '.join(_known_suffixes())})")
        elif path.is_file():
            yield path
        else:
            raise UsageError(f"no such file or folder: {name}")


def _known_suffixes() -> list[str]:
    return [*PAYLOAD_SUFFIXES, *JSONL_SUFFIXES]


def _is_payload_file(path: Path) -> bool:
    return path.suffix.lower() in _known_suffixes()


def read_text(path: Path) -> str:
    """A file's text, decoded by BOM, declared charset or detection (see ``worker.decoding``)."""
    from worker.decoding import decode_bytes  # noqa: PLC0415 - charset detection loads tables

    return decode_bytes(path.read_bytes()).text


def iter_inputs(paths: Sequence[str], content_type: str) -> Iterator[Input]:
    """Labelled payloads from files, folders and JSONL files of payloads."""
    for path in iter_files(paths):
        if path.suffix.lower() in JSONL_SUFFIXES:
            yield from _jsonl_inputs(path)
            continue
        declared = content_type
        if declared == "auto":
            declared = PAYLOAD_SUFFIXES.get(path.suffix.lower(), "auto")
        payload = {"content": read_text(path), "content_type": declared, "extra": {"path": str(path)}}
        yield Input(str(path), payload)


def iter_payloads(paths: Sequence[str], content_type: str) -> Iterator[dict[str, Any]]:
    """Payload dicts from files, folders and JSONL files of payloads."""
    return (item.payload for item in iter_inputs(paths, content_type))


def _jsonl_inputs(path: Path) -> Iterator[Input]:
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
            yield Input(f"{path}:{number}", payload)


class DuplicateReporter:
    """Says so, once per input, when an input has the id of an earlier one (the same article)."""

    def __init__(self) -> None:
        self.first: dict[str, str] = {}

    def see(self, label: str, article_id: str) -> None:
        """Remember ``label``'s id, or report it as a duplicate of the first input with that id."""
        first = self.first.setdefault(article_id, label)
        if first != label:
            warn(f"duplicate: {label} is the same article as {first} (id {article_id})")


def _report_rejected(label: str, article_id: str, exc: PayloadError) -> None:
    warn(f"rejected {label} (id {article_id}): {one_line(exc)}")


class _Progress:
    """A progress bar of articles on an interactive terminal; nothing otherwise."""

    def __init__(self, total: int, label: str) -> None:
        self.bar: Any = None
        if sys.stderr.isatty():
            from tqdm import tqdm  # noqa: PLC0415 - only needed on a terminal

            self.bar = tqdm(total=total, desc=label, unit="article", file=sys.stderr)

    def advance(self, articles: int) -> None:
        if self.bar is not None:
            self.bar.update(articles)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


# ------------------------------------------------------------------ settings


@contextmanager
def _in_process_settings(command: str, unused: frozenset[str]) -> Iterator[None]:
    """Within the block, settings for a command that runs without Redis: invalid values of the
    ``unused`` fields give way to their defaults, each named on stderr."""
    from worker.settings import ignoring_invalid  # noqa: PLC0415

    with ignoring_invalid(unused) as ignored:
        for name in ignored:
            warn(f"ignoring the invalid {name}: `{command}` does not use it")
        yield


def positive_batch_size(text: str) -> int:
    """``--batch-size``: a whole number within the setting's bounds."""
    from worker.settings import MAX_BATCH_SIZE  # noqa: PLC0415

    try:
        value = int(text)
    except ValueError:
        value = 0
    if not 1 <= value <= MAX_BATCH_SIZE:
        msg = f"must be a whole number from 1 to {MAX_BATCH_SIZE}, not {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return value


def timestamp(text: str) -> float:
    """``--since``/``--until``: an ISO 8601 date or date-time (UTC unless it says otherwise)."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        msg = f"not an ISO 8601 date or date-time: {text!r} (e.g. 2026-12-04 or 2026-12-04T09:30+01:00)"
        raise argparse.ArgumentTypeError(msg) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def field_list(text: str) -> list[str]:
    """``--fields``: comma-separated result fields, sub-fields dotted (``metadata.title``)."""
    from tasks.models import ArticleResult  # noqa: PLC0415

    fields = [f.strip() for f in text.split(",") if f.strip()]
    for name in fields:
        top, _, sub = name.partition(".")
        sub_fields = getattr(NESTED_FIELDS.get(top), "model_fields", {})
        if top not in ArticleResult.model_fields or (sub and sub not in sub_fields):
            msg = f"unknown field {name!r} (fields: {', '.join(ArticleResult.model_fields)}; sub-fields of "
            msg += f"{', '.join(NESTED_FIELDS)} with a dot)"
            raise argparse.ArgumentTypeError(msg)
    if not fields:
        raise argparse.ArgumentTypeError("name at least one field")
    return fields


# ------------------------------------------------------------------ commands


def cmd_process(args: argparse.Namespace) -> int:
    """Run the stages in-process (no Redis) and print one result JSON per line."""
    from tasks.pipeline import process  # noqa: PLC0415 - keeps `copydesk --help` fast
    from worker.settings import Settings, get_settings  # noqa: PLC0415

    with _in_process_settings("process", frozenset(Settings.model_fields) - {"max_payload_bytes"}):
        max_bytes = get_settings().max_payload_bytes
        failed = 0
        duplicates = DuplicateReporter()
        for item in iter_inputs(args.paths, args.content_type):
            result = _process_payload(process, item.payload, max_bytes)
            duplicates.see(item.label, result.id)
            failed += result.status is JobStatus.FAILED
            sys.stdout.write(result.model_dump_json() + "\n")
    sys.stdout.flush()
    return EXIT_FAILED if failed and args.strict else 0


def _process_payload(process: Any, payload: dict[str, Any], max_bytes: int) -> ArticleResult:
    from worker.payloads import rejected_result, to_article  # noqa: PLC0415

    try:
        article = to_article(payload, max_bytes)
    except PipelineError as exc:
        return rejected_result(payload, exc)
    return process(article)  # type: ignore[no-any-return]


def _client(batch_size: int | None = None) -> Any:
    from worker.client import Client  # noqa: PLC0415
    from worker.settings import Settings, get_settings  # noqa: PLC0415

    settings = get_settings()
    if batch_size is not None:
        settings = Settings.model_validate({**settings.model_dump(), "batch_size": batch_size})
    try:
        return Client(settings=settings)
    except InvalidSetting:
        raise  # a ValueError too, but exit 2 (main), not a usage error's 1
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_submit(args: argparse.Namespace) -> int:
    """Enqueue files, folders or JSONL payloads; print one id per line, in the order of the inputs."""
    client = _client(args.batch_size)
    inputs = list(iter_inputs(args.paths, args.content_type))
    progress = _Progress(len(inputs), "submit")
    duplicates = DuplicateReporter()
    try:
        for batch, submissions in _submitted(client, inputs, single=args.single):
            for item, submission in zip(batch, submissions, strict=True):
                if submission.error is not None:
                    _report_rejected(item.label, submission.id, submission.error)
                duplicates.see(item.label, submission.id)
                sys.stdout.write(submission.id + "\n")
            sys.stdout.flush()
            progress.advance(len(batch))
    finally:
        progress.close()
    return 0


def _submitted(client: Any, inputs: list[Input], *, single: bool) -> Iterator[tuple[list[Input], list[Any]]]:
    """(inputs, their ``Submission``s) per chain sent: one article each with ``single``, else batches."""
    from worker.client import Submission  # noqa: PLC0415

    if single:
        for item in inputs:
            try:
                yield [item], [Submission(client.submit(item.payload))]
            except PayloadError as exc:
                yield [item], [Submission(exc.article_id, exc)]  # type: ignore[attr-defined]
        return
    size = client.settings.batch_size
    batches = client.submit_batches((item.payload for item in inputs), batch_size=size)
    for start, submissions in zip(range(0, len(inputs), size), batches, strict=False):
        yield inputs[start : start + size], submissions


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
    """Print an article's result, as JSON or Markdown."""
    client = _client()
    result = client.get(args.id)
    if result is None:
        record = client.status(args.id)
        if record is None:
            raise UsageError(f"unknown article id: {args.id}")
        raise UsageError(f"article {args.id} is still {record.status.value}")
    if args.format == "markdown":
        from worker.markdown import render_markdown  # noqa: PLC0415

        sys.stdout.write(render_markdown(result))
        return 0
    sys.stdout.write(result.model_dump_json(indent=2 if args.pretty else None) + "\n")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Ids of the articles in a status."""
    for article_id in _client().ids(JobStatus(args.status)):
        sys.stdout.write(article_id + "\n")
    return 0


def cmd_failed(args: argparse.Namespace) -> int:
    """The failed articles: id, path or url, stage, error type, message and attempts."""
    client = _client()
    for article_id in client.ids(JobStatus.FAILED):
        result = client.get(article_id)
        if result is None:
            continue  # retried since it was listed
        source = result.source
        row = {
            "id": article_id,
            "path": source.path if source else None,
            "url": source.url if source else None,
            **(result.error.model_dump() if result.error else {}),
        }
        sys.stdout.write(json.dumps(row) + "\n")
    return 0


def cmd_retry(args: argparse.Namespace) -> int:
    """Put failed articles back in the queue; exit 1 if any could not be."""
    client = _client()
    ids = list(args.ids)
    if args.all_failed:
        ids += client.ids(JobStatus.FAILED)
    if not ids:
        raise UsageError("name article ids or pass --all-failed")
    report = client.retry(ids, force=args.force)
    for article_id in report.resent:
        sys.stdout.write(article_id + "\n")
    for article_id, reason in report.refused.items():
        warn(f"not re-sent {article_id}: {reason}")
    return EXIT_FAILED if report.refused else 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the final results as JSONL, filtered by status and acceptance time, whole or some fields."""
    client = _client()
    status = JobStatus(args.status) if args.status else None
    if args.out == "-":
        written = _export(client, sys.stdout, status, args)
    else:
        with open(args.out, "w", encoding="utf-8") as out:
            written = _export(client, out, status, args)
    sys.stderr.write(f"exported {written} result(s)\n")
    return 0


def _export(client: Any, out: Any, status: JobStatus | None, args: argparse.Namespace) -> int:
    if not args.fields:
        return client.store.export(out, status, args.since, args.until)  # type: ignore[no-any-return]
    written = 0
    for line in client.store.iter_result_json(status, args.since, args.until):
        out.write(json.dumps(_pick(json.loads(line), args.fields), ensure_ascii=False) + "\n")
        written += 1
    return written


def _pick(result: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    """The named fields of a result, sub-fields by dotted name (None where a parent is null)."""
    picked = {}
    for name in fields:
        value: Any = result
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        picked[name] = value
    return picked


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of the result."""
    schema = {"$schema": SCHEMA_DIALECT, "$id": SCHEMA_ID, **ArticleResult.model_json_schema()}
    sys.stdout.write(json.dumps(schema, indent=2) + "\n")
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

    settings = get_settings()
    if not settings.redis_url:
        raise UsageError("a worker needs Redis: set COPYDESK_REDIS_URL (see `copydesk demo` for embedded mode)")
    from worker.app import check_visibility_timeout  # noqa: PLC0415

    check_visibility_timeout(settings)  # the worker would refuse them with a traceback
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
    from worker.settings import BROKER_ONLY_FIELDS  # noqa: PLC0415

    payloads = list(iter_payloads(args.paths or [str(SAMPLES)], "auto"))
    with _in_process_settings("demo", BROKER_ONLY_FIELDS):
        return run_demo(payloads, pretty=args.pretty, timeout_s=args.timeout)


# ------------------------------------------------------------------ parser


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors: ``copydesk: <what is wrong> (see ... --help)``, exit 2."""

    def error(self, message: str) -> Any:  # argparse's signature says NoReturn; it exits
        self.exit(EXIT_USAGE, f"copydesk: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every sub-command."""
    parser = _Parser(prog="copydesk", description="Clean, section and extract metadata from news articles.")
    parser.add_argument("--version", action="version", version=f"copydesk {PIPELINE_VERSION}")
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
    submit.add_argument("--batch-size", type=positive_batch_size, default=None,
                        help="articles per task (default: COPYDESK_BATCH_SIZE)")

    status = add("status", cmd_status, "status of an article, or the counts per status")
    status.add_argument("id", nargs="?")
    status.add_argument("--json", action="store_true", help="the full record: timestamps, runs, error")

    get = add("get", cmd_get, "print an article's result (JSON, or Markdown with --format markdown)")
    get.add_argument("id")
    get.add_argument("--format", choices=["json", "markdown"], default="json")
    get.add_argument("--pretty", action="store_true", help="indented JSON")

    listing = add("list", cmd_list, "ids of the articles in a status")
    listing.add_argument("status", choices=[s.value for s in JobStatus])

    add("failed", cmd_failed, "list failed articles with path or url, stage, error and attempts")

    retry = add("retry", cmd_retry, "put failed articles back in the queue (exit 1 if any is refused)")
    retry.add_argument("ids", nargs="*", metavar="ID")
    retry.add_argument("--all-failed", action="store_true")
    retry.add_argument("--force", action="store_true",
                       help="also re-run articles that are done (their result is replaced) or in flight")

    export = add("export", cmd_export, "write the final results as JSONL")
    export.add_argument("--out", required=True, help="file to write, or - for stdout")
    export.add_argument("--status", choices=[s.value for s in JobStatus if s in {JobStatus.DONE, JobStatus.FAILED}])
    export.add_argument("--since", type=timestamp, help="accepted at or after this ISO date or date-time (UTC)")
    export.add_argument("--until", type=timestamp, help="accepted before this ISO date or date-time (UTC)")
    export.add_argument("--fields", type=field_list,
                        help="comma-separated fields, sub-fields dotted (id,status,metadata.title,source.path)")

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
    except BrokenPipeError:
        # The reader went away (`copydesk export | head`): stop quietly, as Unix tools do. Point
        # stdout at devnull so that the interpreter's final flush does not raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return 130
    except (UsageError, PipelineError, OSError, TimeoutError) as exc:
        warn(str(exc) if isinstance(exc, UsageError) else one_line(exc))
        return _exit_code(exc)


def _exit_code(exc: Exception) -> int:
    """2 for a bad setting, 3 when Redis is unreachable, 1 for any other failure."""
    from worker.errors import TransientError  # noqa: PLC0415

    if isinstance(exc, InvalidSetting):
        return EXIT_USAGE
    return EXIT_UNAVAILABLE if isinstance(exc, TransientError) else EXIT_FAILED

if __name__ == "__main__":
    sys.exit(main())
