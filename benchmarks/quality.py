#!/usr/bin/env python3
"""Quality and speed of copydesk's ``clean`` stage against the corpus truth, beside trafilatura.

Runs, in one process and on the same pages:

- ``copydesk html``: ``tasks.clean.clean`` on ``html/<id>.html`` (content_type html);
- ``copydesk text``: ``tasks.clean.clean`` on ``text/<id>.txt`` (content_type text);
- ``trafilatura``: ``trafilatura.extract(html, include_comments=False)`` (2.3.1 defaults).

and prints macro/micro P/R/F1 (the corpus scorer's tokenization, imported from ``score.py``),
per-dataset macro F1, median and p90 milliseconds per page, and the worst pages.

Usage (from the repo root or anywhere)::

    .venv/bin/python benchmarks/quality.py [CORPUS_DIR] [--only html|text|trafilatura]
        [--limit N] [--worst N] [--prefix readability-] [--out DIR]

CORPUS_DIR defaults to ``../shared/corpus/dev`` relative to the repo root. This is a
benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from tasks.clean import clean  # noqa: E402
from tasks.clean import stage as cleaning  # noqa: E402
from tasks.models import ArticleIn, ContentType  # noqa: E402
from worker.errors import PipelineError  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
SYSTEMS = ("html", "text", "trafilatura")
DATASETS = ("cleaneval", "cleanportaleval", "dragnet", "l3s-gn1", "readability")


def load_scorer(corpus: Path) -> ModuleType:
    """The corpus's own ``score.py`` (stdlib only), imported by path so tokenization is identical."""
    for candidate in (corpus / "score.py", corpus.parent / "score.py"):
        if candidate.exists():
            spec = importlib.util.spec_from_file_location("corpus_score", candidate)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    sys.exit(f"quality.py: no score.py next to {corpus}")


@dataclass
class Run:
    """Predictions, timings and failures of one system."""

    name: str
    preds: dict[str, str] = field(default_factory=dict)
    ms: list[float] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)


def read(path: Path) -> str:
    """A corpus file as text (UTF-8, undecodable bytes replaced, as the scorer reads them)."""
    return path.read_text(encoding="utf-8", errors="replace")


# Time spent inside the HTML extractor, to split the clean stage's time between the
# extractor and the rest of ``clean`` (admission guards, content sniffing, models).
EXTRACTOR_MS: list[float] = []
_LAST_EXTRACTOR_MS = [0.0]


def _timed_extractor() -> None:
    """Wrap the extractor the clean stage calls so its share of the stage's time is known."""
    inner = cleaning.extract_html_blocks

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            _LAST_EXTRACTOR_MS[0] = (time.perf_counter() - start) * 1000

    cleaning.extract_html_blocks = timed  # type: ignore[assignment]


def copydesk_runner(content_type: ContentType) -> Callable[[str, str, str | None], str]:
    """A function (id, content, url) -> text running the in-process clean stage."""

    def run(doc_id: str, content: str, url: str | None) -> str:
        article = ArticleIn(id=doc_id, url=url, content=content, content_type=content_type)
        _LAST_EXTRACTOR_MS[0] = 0.0
        try:
            return clean(article).text
        finally:
            if content_type is ContentType.HTML:
                EXTRACTOR_MS.append(_LAST_EXTRACTOR_MS[0])

    return run


def trafilatura_runner() -> Callable[[str, str, str | None], str]:
    """A function (id, content, url) -> text running trafilatura's default extraction."""

    def run(doc_id: str, content: str, url: str | None) -> str:
        return trafilatura.extract(content, include_comments=False) or ""

    return run


def run_interleaved(plan: list[tuple[Run, Callable[[str, str, str | None], str], Path, str]],
                    docs: list[dict]) -> None:
    """Run every system on each page in turn, timing each call.

    Interleaving per page keeps the systems' timings comparable when the machine's load
    changes during the run.
    """
    for doc in docs:
        for run, fn, folder, suffix in plan:
            content = read(folder / f"{doc['id']}{suffix}")
            start = time.perf_counter()
            try:
                run.preds[doc["id"]] = fn(doc["id"], content, doc.get("url"))
            except PipelineError as exc:
                run.preds[doc["id"]] = ""
                run.errors[doc["id"]] = f"{type(exc).__name__}: {exc}"
            run.ms.append((time.perf_counter() - start) * 1000)


def percentile(values: list[float], q: float) -> float:
    """The q-quantile (0..1) of the values, nearest-rank."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def print_summary(scorer: ModuleType, runs: list[Run], truth: dict) -> dict[str, list[dict]]:
    """The headline table; returns each system's per-document score rows."""
    rows_by = {run.name: scorer.score(run.preds, truth) for run in runs}
    print(f"\n{'system':<16}{'P':>7}{'R':>7}{'F1':>7}{'microF1':>9}{'med ms':>9}{'p90 ms':>9}{'errors':>8}")
    for run in runs:
        p, r, f = scorer.macro(rows_by[run.name])
        micro_f = scorer.micro(rows_by[run.name])[2]
        med = statistics.median(run.ms) if run.ms else float("nan")
        print(f"{run.name:<16}{p:>7.3f}{r:>7.3f}{f:>7.3f}{micro_f:>9.3f}{med:>9.1f}"
              f"{percentile(run.ms, 0.9):>9.1f}{len(run.errors):>8}")
    return rows_by


def print_datasets(scorer: ModuleType, rows_by: dict[str, list[dict]]) -> None:
    """Macro F1 per dataset, one column per system."""
    names = list(rows_by)
    print(f"\nper dataset (macro F1):\n  {'dataset':<18}{'n':>5}" + "".join(f"{n:>16}" for n in names))
    for ds in DATASETS:
        cells = []
        count = 0
        for name in names:
            rows = [r for r in rows_by[name] if r["dataset"] == ds]
            count = len(rows)
            cells.append(f"{scorer.macro(rows)[2]:>16.3f}" if rows else f"{'-':>16}")
        if count:
            print(f"  {ds:<18}{count:>5}" + "".join(cells))


def print_worst(rows_by: dict[str, list[dict]], worst: int) -> None:
    """The worst pages of each copydesk system, with trafilatura's F1 beside them."""
    traf = {r["id"]: r["f1"] for r in rows_by.get("trafilatura", [])}
    for name, rows in rows_by.items():
        if name == "trafilatura" and len(rows_by) > 1:
            continue
        print(f"\nworst {worst} pages ({name}):")
        print(f"  {'id':<48}{'P':>7}{'R':>7}{'F1':>7}{'pred':>7}{'truth':>7}{'traf':>7}")
        for row in sorted(rows, key=lambda x: (x["f1"], x["id"]))[:worst]:
            t = traf.get(row["id"])
            print(f"  {row['id'][:47]:<48}{row['precision']:>7.3f}{row['recall']:>7.3f}{row['f1']:>7.3f}"
                  f"{row['pred_tokens']:>7}{row['truth_tokens']:>7}"
                  + (f"{t:>7.3f}" if t is not None else f"{'-':>7}"))


def write_outputs(out: Path, runs: list[Run], rows_by: dict[str, list[dict]]) -> None:
    """Predictions and per-document scores as JSONL, for score.py and diffing."""
    out.mkdir(parents=True, exist_ok=True)
    for run in runs:
        with (out / f"{run.name}.jsonl").open("w", encoding="utf-8") as fh:
            for doc_id, body in run.preds.items():
                fh.write(json.dumps({"id": doc_id, "body": body}, ensure_ascii=False) + "\n")
        with (out / f"{run.name}.per_doc.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows_by[run.name]:
                fh.write(json.dumps(row) + "\n")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS),
                    help="corpus folder with html/, text/, truth.jsonl (default ../shared/corpus/dev)")
    ap.add_argument("--only", choices=SYSTEMS, action="append",
                    help="run only this system (repeatable); default: all three")
    ap.add_argument("--limit", type=int, default=0, help="first N pages only")
    ap.add_argument("--prefix", default="", help="only ids starting with this (e.g. readability-)")
    ap.add_argument("--worst", type=int, default=10, help="worst pages to list per system")
    ap.add_argument("--out", help="write predictions and per-doc scores here (JSONL)")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    args.corpus = corpus if corpus.is_absolute() else (REPO / corpus).resolve()
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the chosen systems over the corpus and print the tables."""
    warnings.simplefilter("ignore")
    args = parse_args(argv)
    scorer = load_scorer(args.corpus)
    truth = scorer.read_jsonl(str(args.corpus / "truth.jsonl"))
    docs = [t for t in truth.values() if t["id"].startswith(args.prefix)]
    if args.limit:
        docs = docs[: args.limit]
    truth = {d["id"]: d for d in docs}
    systems = args.only or list(SYSTEMS)
    plan = {
        "html": (copydesk_runner(ContentType.HTML), args.corpus / "html", ".html"),
        "text": (copydesk_runner(ContentType.TEXT), args.corpus / "text", ".txt"),
        "trafilatura": (trafilatura_runner(), args.corpus / "html", ".html"),
    }
    _timed_extractor()
    runs = [Run("copydesk " + name if name != "trafilatura" else name) for name in SYSTEMS if name in systems]
    run_interleaved([(run, *plan[name]) for run, name in zip(runs, [n for n in SYSTEMS if n in systems],
                                                           strict=True)], docs)
    print(f"corpus: {args.corpus}   pages: {len(docs)}")
    rows_by = print_summary(scorer, runs, truth)
    print_datasets(scorer, rows_by)
    if args.worst:
        print_worst(rows_by, args.worst)
    for run in runs:
        for doc_id, err in list(run.errors.items())[:5]:
            print(f"  {run.name} error on {doc_id}: {err}")
    if args.out:
        write_outputs(Path(args.out), runs, rows_by)
    print("\nmedian ms/page: " + "   ".join(
        f"{r.name} {statistics.median(r.ms):.1f}" for r in runs if r.ms))
    html_run = next((r for r in runs if r.name == "copydesk html"), None)
    if html_run and len(EXTRACTOR_MS) == len(html_run.ms):
        rest = [total - inner for total, inner in zip(html_run.ms, EXTRACTOR_MS, strict=True)]
        print(f"copydesk html split: extract_html_blocks median {statistics.median(EXTRACTOR_MS):.1f} ms, "
              f"rest of clean (admission guards, models) median {statistics.median(rest):.1f} ms")


if __name__ == "__main__":
    main()
