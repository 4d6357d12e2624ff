#!/usr/bin/env python3
"""Main-text quality and speed of copydesk beside other extractors, on domain-grouped folds.

Runs, in one process and on the same pages of ``../shared/corpus/wcxb`` and ``../shared/corpus/dev``
(1,608 pages; the folds of ``benchmarks/content_folds.json``, no site on two folds):

- ``copydesk html``: the whole pipeline (clean + sections + metadata, ``tasks.pipeline.process``)
  on the HTML page; its ``text`` is scored and its time is the pipeline's;
- ``copydesk text`` / ``copydesk bs4``: the clean stage on the page's plain-text renderings
  (inscriptis for both corpora, BeautifulSoup for wcxb only);
- ``trafilatura``: ``bare_extraction(html, with_metadata=True, include_comments=False)``, whose
  time is the one the pipeline is compared with;
- ``jusText``: ``justext.justext`` with the stop list of the page's ``<html lang>`` (English
  when unknown), its non-boilerplate paragraphs joined.

Word F1 per page uses each corpus's own tokenisation (``content_corpus.word_f1``); a table cell
is the mean over the 5 folds of the fold's macro F1. Rows: wcxb overall and per page type, dev.

The clean stage's models were trained on these pages, so each fold is scored with the models
``make train`` trained without it (``build/fold_models/<fold>/``, written by the training's
cross-validation); ``--fold-models ''`` scores the shipped models instead (optimistic). The run
also prints the page-type accuracy of ``metadata.page_type`` and the Spearman correlation of
``metadata.extraction_confidence`` with the page's F1, both as fold means.

Usage::

    .venv/bin/python benchmarks/quality.py [--systems html,text,bs4,trafilatura,justext]
        [--corpus wcxb|dev] [--limit N] [--out FILE] [--fold-models DIR]

``--out`` writes one JSON line per page (fold, type, every system's F1 and milliseconds) for the
training script's confidence target and for diffing runs. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import warnings
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import justext  # noqa: E402
import trafilatura  # noqa: E402
from content_corpus import Page, fold_of, load_pages, read_folds, type_f1, word_f1  # noqa: E402

from tasks.clean import clean  # noqa: E402
from tasks.clean.model import use_models  # noqa: E402
from tasks.models import ArticleIn, ContentType  # noqa: E402
from tasks.pipeline import process, warm_up  # noqa: E402
from worker.errors import PipelineError  # noqa: E402

SYSTEMS = ("html", "text", "bs4", "trafilatura", "justext")
LABELS = {"html": "copydesk html", "text": "copydesk text", "bs4": "copydesk bs4",
          "trafilatura": "trafilatura", "justext": "jusText"}
PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
_LANG = re.compile(r"<html[^>]*\blang=[\"']?([a-zA-Z]{2})", re.IGNORECASE)
_JUSTEXT_LISTS = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "it": "Italian",
                  "pt": "Portuguese", "nl": "Dutch", "cs": "Czech", "pl": "Polish", "ru": "Russian",
                  "sv": "Swedish", "da": "Danish", "fi": "Finnish", "ja": "Japanese", "ko": "Korean",
                  "zh": "Chinese", "tr": "Turkish", "id": "Indonesian", "vi": "Vietnamese"}
_STOPLISTS: dict[str, frozenset[str]] = {}


@dataclass
class Outcome:
    """One system on one page: its text, its milliseconds, and the error if it failed."""

    text: str
    ms: float
    error: str = ""
    extra_ms: dict[str, float] = field(default_factory=dict)
    page_type: str | None = None
    confidence: float | None = None


def _article(page: Page, content: str, content_type: ContentType) -> ArticleIn:
    return ArticleIn(id=f"{page.corpus}-{page.id}", url=page.url, content=content, content_type=content_type)


def run_pipeline(page: Page) -> Outcome:
    """The whole in-process pipeline on the HTML page."""
    start = time.perf_counter()
    result = process(_article(page, page.html(), ContentType.HTML))
    ms = (time.perf_counter() - start) * 1000
    error = f"{result.error.type}: {result.error.message}" if result.error else ""
    meta = result.metadata
    return Outcome(result.text, ms, error, dict(result.timings_ms), meta.page_type, meta.extraction_confidence)


def text_runner(rendering: str) -> Callable[[Page], Outcome | None]:
    """The clean stage on one plain-text rendering (None when the corpus has no such rendering)."""

    def run(page: Page) -> Outcome | None:
        content = page.text(rendering)
        if content is None:
            return None
        start = time.perf_counter()
        try:
            cleaned = clean(_article(page, content, ContentType.TEXT))
        except PipelineError as exc:
            return Outcome("", (time.perf_counter() - start) * 1000, f"{type(exc).__name__}: {exc}")
        return Outcome(cleaned.text, (time.perf_counter() - start) * 1000, confidence=cleaned.extraction_confidence)

    return run


def run_trafilatura(page: Page) -> Outcome:
    """trafilatura with metadata, the call the pipeline's speed is compared with."""
    html = page.html()
    start = time.perf_counter()
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    ms = (time.perf_counter() - start) * 1000
    return Outcome((doc.text if doc is not None else "") or "", ms)


def run_justext(page: Page) -> Outcome:
    """jusText's good paragraphs, with the stop list of the page's declared language."""
    html = page.html()
    start = time.perf_counter()
    match = _LANG.search(html[:5000])
    name = _JUSTEXT_LISTS.get(match.group(1).lower() if match else "en", "English")
    if name not in _STOPLISTS:
        _STOPLISTS[name] = justext.get_stoplist(name) if name in justext.get_stoplists() else frozenset()
    try:
        paragraphs = justext.justext(html.encode("utf-8"), _STOPLISTS[name], encoding="utf-8")
        text = "\n\n".join(p.text for p in paragraphs if not p.is_boilerplate)
    except Exception as exc:  # noqa: BLE001 - a third-party failure is a 0 for that page, not a crash
        return Outcome("", (time.perf_counter() - start) * 1000, f"{type(exc).__name__}: {exc}")
    return Outcome(text, (time.perf_counter() - start) * 1000)


RUNNERS: dict[str, Callable[[Page], Outcome | None]] = {
    "html": run_pipeline, "text": text_runner("inscriptis"), "bs4": text_runner("bs4"),
    "trafilatura": run_trafilatura, "justext": run_justext,
}


def run_all(pages: list[Page], systems: list[str], folds: dict[str, int], fold_models: Path | None) -> list[dict]:
    """Every system on each page in turn (interleaved, so load changes hit all alike).

    With ``fold_models``, the pages go fold by fold, each through the models trained without its fold.
    """
    if fold_models is not None:
        pages = sorted(pages, key=lambda p: (fold_of(p, folds), p.key))
    active_fold = -1
    rows = []
    for n, page in enumerate(pages, 1):
        row: dict = {"key": page.key, "corpus": page.corpus, "type": page.page_type,
                     "fold": fold_of(page, folds), "f1": {}, "ms": {}, "errors": {}, "confidence": {}}
        if fold_models is not None and row["fold"] != active_fold:
            active_fold = row["fold"]
            use_models(fold_models / str(active_fold))
        for system in systems:
            outcome = RUNNERS[system](page)
            if outcome is None:
                continue
            row["f1"][system] = word_f1(outcome.text, page.truth, page.corpus)
            row["ms"][system] = outcome.ms
            row["ms"].update({f"{system}.{k}": v for k, v in outcome.extra_ms.items()})
            if outcome.error:
                row["errors"][system] = outcome.error
            if outcome.page_type is not None:
                row["predicted_type"] = outcome.page_type
            if outcome.confidence is not None:
                row["confidence"][system] = outcome.confidence
        rows.append(row)
        if n % 200 == 0:
            print(f"  ... {n}/{len(pages)} pages", file=sys.stderr)
    return rows


def fold_mean(rows: list[dict], system: str) -> float | None:
    """The mean over folds of each fold's macro F1 (folds without such pages left out)."""
    by_fold: dict[int, list[float]] = defaultdict(list)
    for row in rows:
        if system in row["f1"]:
            by_fold[row["fold"]].append(row["f1"][system])
    if not by_fold:
        return None
    return statistics.mean(statistics.mean(v) for v in by_fold.values())


def print_table(rows: list[dict], systems: list[str]) -> None:
    """Rows: wcxb overall, per page type, dev; columns: systems."""
    groups: list[tuple[str, list[dict]]] = [("wcxb all", [r for r in rows if r["corpus"] == "wcxb"])]
    groups += [(f"  {t}", [r for r in rows if r["corpus"] == "wcxb" and r["type"] == t]) for t in PAGE_TYPES]
    groups.append(("dev", [r for r in rows if r["corpus"] == "dev"]))
    print("\nword F1, mean over folds" + f"\n{'pages':<16}{'n':>6}" + "".join(f"{LABELS[s]:>15}" for s in systems))
    for name, group in groups:
        if not group:
            continue
        cells = [fold_mean(group, s) for s in systems]
        print(f"{name:<16}{len(group):>6}" + "".join(f"{c:>15.3f}" if c is not None else f"{'-':>15}" for c in cells))


def print_checks(rows: list[dict], systems: list[str]) -> None:
    """Pages where a plain-text path scores 0 though the HTML path reached 0.5; errors."""
    for system in ("text", "bs4"):
        if system in systems and "html" in systems:
            zero = [r["key"] for r in rows if r["f1"].get(system) == 0 and r["f1"].get("html", 0) >= 0.5]
            print(f"{LABELS[system]}: {len(zero)} pages at F1 0 where the HTML path >= 0.5 {zero[:8]}")
    for system in systems:
        errors = [(r["key"], r["errors"][system]) for r in rows if system in r["errors"]]
        if errors:
            print(f"{LABELS[system]}: {len(errors)} errors, e.g. {errors[:3]}")


def print_models(rows: list[dict], systems: list[str]) -> None:
    """Page-type accuracy on wcxb and the confidence's rank correlation with F1, fold means."""
    typed = [r for r in rows if r["corpus"] == "wcxb" and "predicted_type" in r]
    if typed:
        for r in typed:
            r["f1"]["page_type"] = float(r["predicted_type"] == r["type"])
        print(f"\npage type accuracy (wcxb, mean over folds): {fold_mean(typed, 'page_type'):.3f}")
        print("page type F1 (wcxb, all folds' pages): " + "  ".join(
            f"{t} {type_f1(typed, t):.3f}" for t in PAGE_TYPES))
    for system in systems:
        by_fold: dict[int, list[tuple[float, float]]] = defaultdict(list)
        for r in rows:
            if system in r["confidence"]:
                by_fold[r["fold"]].append((r["confidence"][system], r["f1"][system]))
        # A rank correlation needs two distinct values on each side: a small --limit may leave
        # a fold with one page, or with every page at F1 1.
        ranked = [pairs for pairs in by_fold.values() if all(len(set(side)) > 1 for side in zip(*pairs, strict=True))]
        if ranked:
            rho = statistics.mean(spearman(*zip(*pairs, strict=True)) for pairs in ranked)
            print(f"extraction_confidence vs F1, Spearman, mean over {len(ranked)} folds ({LABELS[system]}): {rho:.3f}")


def spearman(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """Spearman's rank correlation (average ranks for ties)."""
    return statistics.correlation(_ranks(a), _ranks(b))


def _ranks(values: tuple[float, ...]) -> list[float]:
    order = sorted(range(len(values)), key=values.__getitem__)
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for position in range(i, j + 1):
            ranks[order[position]] = (i + j) / 2
        i = j + 1
    return ranks


def print_speed(rows: list[dict], systems: list[str]) -> None:
    """Median milliseconds per HTML page of the pipeline and its clean stage, beside trafilatura."""
    def median(name: str) -> float:
        values = [r["ms"][name] for r in rows if name in r["ms"]]
        return statistics.median(values) if values else float("nan")

    parts = [f"{LABELS[s]} {median(s):.1f}" for s in systems]
    if "html" in systems:
        parts.append(f"(clean stage {median('html.clean'):.1f}, sections {median('html.split_sections'):.1f}, "
                     f"metadata {median('html.extract_metadata'):.1f})")
    print("\nmedian ms per page: " + "   ".join(parts))
    if "html" in systems and "trafilatura" in systems:
        print(f"pipeline / trafilatura bare_extraction(with_metadata=True): "
              f"{median('html') / median('trafilatura'):.2f}x")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """Command-line options."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated, from " + ",".join(SYSTEMS))
    ap.add_argument("--corpus", choices=("wcxb", "dev"), help="one corpus only")
    ap.add_argument("--limit", type=int, default=0, help="about N pages, evenly spread, for a quick look")
    ap.add_argument("--out", help="write per-page rows (JSONL) to this file")
    ap.add_argument("--fold-models", type=Path, default=REPO / "build" / "fold_models",
                    help="score each fold with the models `make train` trained without it (default build/fold_models; "
                         "'' for the shipped models, which saw these pages)")
    args = ap.parse_args(argv)
    args.systems = [s for s in args.systems.split(",") if s]
    if unknown := set(args.systems) - set(SYSTEMS):
        ap.error(f"unknown systems {sorted(unknown)}")
    return args


def main(argv: list[str] | None = None) -> None:
    """Run the chosen systems over the pages and print the tables."""
    warnings.simplefilter("ignore")
    args = parse_args(argv)
    pages = [p for p in load_pages() if args.corpus in (None, p.corpus)]
    if args.limit:
        pages = pages[:: max(1, len(pages) // args.limit)]
    warm_up()
    fold_models = args.fold_models if args.fold_models and str(args.fold_models) not in ("", ".") else None
    if fold_models is not None and not (fold_models / "0").exists():
        sys.exit(f"quality.py: no fold models in {fold_models}: run `make train` first (or --fold-models '')")
    rows = run_all(pages, args.systems, read_folds(), fold_models)
    print(f"pages: {len(pages)}   folds: benchmarks/content_folds.json")
    print_table(rows, args.systems)
    print_checks(rows, args.systems)
    print_models(rows, args.systems)
    print_speed(rows, args.systems)
    if args.out:
        with Path(args.out).open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(row) + "\n" for row in rows)


if __name__ == "__main__":
    main()
