#!/usr/bin/env python3
"""The title choice replayed on cached page signals (issue 13): a title rule measured in seconds.

``dump`` reads every wcxb and corpus/meta page with a title truth once, as the clean stage reads
it (``read_page_signals`` on the parsed page, with the metadata stage's line readings), and
pickles its ``PageSignals`` and URL with the truth rows and each page's fold. ``score`` replays
the metadata stage's title choice (``html_meta._title``, the working tree's code) on that cache
and prints title exact and token F1 as ``metadata.py --only-copydesk`` does (fold means, the
same scorer; it gives that benchmark's title cells exactly); ``--save`` writes each page's title
and credit, ``--diff`` lists the pages whose title differs from a saved run (``+`` now right,
``-`` now wrong, ``=`` changed and still wrong), with their site and truth. ``--payload text`` or
``text-bs4`` does the same for the text path on wcxb's plain-text renderings: ``dump`` runs every
stage before the metadata stage on each rendering and caches its classified lines (2-4 min),
``score`` replays ``text_meta.text_title`` on them (the figures of ``metadata_misses.py
--payload ... --field title``).

    python benchmarks/title_replay.py dump [--cache build/title_replay.pkl] [--payload text]
    python benchmarks/title_replay.py score [--cache ...] [--save base.json] [--diff base.json] [--payload text]
"""

from __future__ import annotations

import argparse
import json
import pickle
import statistics
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import metadata as bench  # noqa: E402

from tasks.common.page_lines import tree_readings  # noqa: E402
from tasks.common.page_signals import read_page_signals  # noqa: E402
from tasks.errors import PipelineError  # noqa: E402
from tasks.metadata import html_meta, text_meta  # noqa: E402
from tasks.metadata.html_signals import PageView, TreeFallbacks  # noqa: E402
from tasks.models import ArticleIn, ClassifiedLine, PageSignals, SectionedArticle  # noqa: E402
from tasks.options import DEFAULT_OPTIONS  # noqa: E402
from tasks.stages import STAGES  # noqa: E402

DEFAULT_CACHE = REPO / "build" / "title_replay.pkl"
CORPORA = ("wcxb", "meta")
# wcxb's plain-text renderings of each page, read by the text path.
RENDERINGS = ("text", "text-bs4")


class Cached(NamedTuple):
    """One corpus: its title truth rows, each page's fold, and each page's signals and URL."""

    truth: list[dict[str, Any]]
    fold_of: dict[str, int]
    pages: dict[str, tuple[PageSignals | None, str | None]]


class CachedText(NamedTuple):
    """One rendering of wcxb: its title truth rows, each page's fold, and each page's classified
    lines and URL."""

    truth: list[dict[str, Any]]
    fold_of: dict[str, int]
    pages: dict[str, tuple[list[ClassifiedLine], str | None]]


def page_signals(html: str, url: str | None) -> PageSignals | None:
    """The page's signals as the clean stage reads them (None: not HTML at all)."""
    tree = html_meta.parse_page(html)
    return None if tree is None else read_page_signals(tree, url, tree_readings(tree))


def replay_title(signals: PageSignals | None, url: str | None) -> str | None:
    """The title the metadata stage chooses from these signals. The choice reads no tree, so the
    view is given none."""
    if signals is None:
        return None
    view = PageView(signals, TreeFallbacks(lambda: None, ""))
    return html_meta._title(view, signals.library, url)


# A cache of either kind.
Replayed = Cached | CachedText


def text_lines(text: str, url: str | None) -> list[ClassifiedLine]:
    """The classified lines the metadata stage reads of a plain-text payload (every stage before
    it run; none where one of them rejects the payload)."""
    value: Any = ArticleIn(content=text, url=url, content_type="text")
    try:
        for stage in STAGES[:-1]:
            value = stage.run(value, DEFAULT_OPTIONS)
    except PipelineError:
        return []
    return list(value.lines) if isinstance(value, SectionedArticle) else []


def dump_text(cache: Path, payload: str) -> None:
    """Run the stages before the metadata stage on each wcxb rendering and pickle its lines."""
    root = bench.CORPUS_ROOT.resolve()
    folds = json.loads(bench.FOLDS_FILE.read_text(encoding="utf-8"))
    corpus = bench.load_wcxb(root / "wcxb")
    truth = [r for r in corpus.truth if r.get("title")]
    kept = {r["id"] for r in truth}
    folder = root / "wcxb" / payload
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pages = {pid: (text_lines((folder / f"{pid}.txt").read_text(encoding="utf-8"), url), url)
                 for pid, _, url in corpus.pages if pid in kept}
    print(f"wcxb {payload}: {len(pages)} pages", flush=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps({f"wcxb-{payload}": CachedText(truth, bench.fold_of_pages(corpus, folds), pages)}))


def dump(cache: Path) -> None:
    """Read every page with a title truth once and pickle what the title choice reads."""
    root = bench.CORPUS_ROOT.resolve()
    folds = json.loads(bench.FOLDS_FILE.read_text(encoding="utf-8"))
    out: dict[str, Cached] = {}
    for name in CORPORA:
        corpus = bench.load_wcxb(root / "wcxb") if name == "wcxb" else bench.load_meta(root / "meta")
        truth = [r for r in corpus.truth if r.get("title")]
        kept = {r["id"] for r in truth}
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pages = {pid: (page_signals(html, url), url) for pid, html, url in corpus.pages if pid in kept}
        out[name] = Cached(truth, bench.fold_of_pages(corpus, folds), pages)
        print(f"{name}: {len(pages)} pages", flush=True)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(out))


def fold_means(scorer: ModuleType, cached: Replayed, titles: dict[str, str | None]) -> dict[str, list[float]]:
    """Title exact and token F1 of each fold, in fold order."""
    preds = {pid: {"id": pid, "title": title} for pid, title in titles.items()}
    out: dict[str, list[float]] = {"title_exact": [], "title_tokF1": []}
    for fold in sorted(set(cached.fold_of.values())):
        rows = [r for r in cached.truth if cached.fold_of[r["id"]] == fold]
        scores = scorer.evaluate(rows, preds)
        for metric, values in out.items():
            values.append(scores[metric][0])
    return out


def page_credits(scorer: ModuleType, cached: Replayed, titles: dict[str, str | None]) -> dict[str, float]:
    """Each page's title exact (1 or 0)."""
    return {r["id"]: scorer.evaluate([r], {r["id"]: {"id": r["id"], "title": titles[r["id"]]}})["title_exact"][0]
            for r in cached.truth}


def changes(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> list[tuple[str, str]]:
    """The pages whose title differs between two saved runs (``[title, credit]`` by page), each
    marked ``+`` (now right), ``-`` (now wrong) or ``=`` (still wrong)."""
    out = []
    for pid, (title, credit) in after.items():
        old_title, old_credit = before[pid]
        if title != old_title:
            out.append(("+" if credit > old_credit else "-" if credit < old_credit else "=", pid))
    return out


def score(cache: Path, save: Path | None, diff: Path | None) -> None:
    """Replay the title choice on every cached page and print the fold means."""
    corpora: dict[str, Replayed] = pickle.loads(cache.read_bytes())  # our own cache, written by dump
    scorer = bench.load_scorer(bench.CORPUS_ROOT.resolve())
    runs: dict[str, dict[str, list[Any]]] = {}
    for name, cached in corpora.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            titles = replay_titles(cached)
        folds = fold_means(scorer, cached, titles)
        exact, token = folds["title_exact"], folds["title_tokF1"]
        print(f"{name}: title exact {100 * statistics.fmean(exact):.2f} (folds "
              f"{' / '.join(f'{100 * v:.1f}' for v in exact)}), token F1 {100 * statistics.fmean(token):.2f}")
        credits = page_credits(scorer, cached, titles)
        runs[name] = {pid: [titles[pid], credits[pid]] for pid in credits}
    if diff:
        _print_changes(corpora, json.loads(diff.read_text(encoding="utf-8")), runs)
    if save:
        save.write_text(json.dumps(runs, ensure_ascii=False), encoding="utf-8")


def replay_titles(cached: Replayed) -> dict[str, str | None]:
    """Each cached page's title, chosen the HTML way or the plain-text way."""
    if isinstance(cached, CachedText):
        return {pid: text_meta.text_title(lines, url) for pid, (lines, url) in cached.pages.items()}
    return {pid: replay_title(signals, url) for pid, (signals, url) in cached.pages.items()}


def _print_changes(corpora: dict[str, Replayed], before: dict[str, Any], runs: dict[str, dict[str, list[Any]]]) -> None:
    for name, run in runs.items():
        truth = {r["id"]: r["title"] for r in corpora[name].truth}
        for mark, pid in changes(before[name], run):
            url = corpora[name].pages[pid][1] or ""
            print(f"{mark} {name}/{pid} {bench.site_of(url) if url else '-'}: {before[name][pid][0]!r} -> "
                  f"{run[pid][0]!r} (truth {truth[pid]!r})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("dump", "score"))
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--save", type=Path, default=None, help="score: write each page's title and credit here")
    ap.add_argument("--diff", type=Path, default=None, help="score: list the pages changed against a --save")
    ap.add_argument("--payload", default="html", choices=("html", *RENDERINGS),
                    help="the page (wcxb and corpus/meta), or one of wcxb's plain-text renderings (the text path)")
    args = ap.parse_args()
    if args.payload != "html" and args.cache == DEFAULT_CACHE:
        args.cache = DEFAULT_CACHE.with_name(f"title_replay_{args.payload}.pkl")
    if args.command == "dump" and args.payload == "html":
        dump(args.cache)
    elif args.command == "dump":
        dump_text(args.cache, args.payload)
    else:
        score(args.cache, args.save, args.diff)


if __name__ == "__main__":
    main()
