#!/usr/bin/env python3
"""Experiment (not shipped): the plain-text path's steps after the line model, replayed on cached
out-of-fold probabilities (issue 12).

``dump`` reads every rendering's lines as ``train_content.py --lines-only`` does (its ``--cache``
folder of line features, written on first use), gives each the probabilities of its fold's line
model (``build/fold_models/<fold>/lines.txt``, or the model ``train_content.py`` trains without
the fold when that file is missing: the same booster) and pickles the lines and probabilities.
``score`` replays ``tasks.clean.learned.line_verdicts`` (the working tree's code: the keep
threshold, the verdicts and the rules after them) and the blocks on that cache in seconds, and
prints the fold means per rendering and group as ``train_content.py --lines-only`` does, with the
renderings at F1 0 whose page the HTML path scores at least 0.5 (``--html`` caches per-page
HTML F1 of the fold models, computed only for the pages a replay zeroes). ``--out`` writes
per-rendering F1 for diffing two replays; ``worst`` lists a group's lowest renderings.

    python benchmarks/line_replay.py dump --cache build/line_replay --features build/cache
    python benchmarks/line_replay.py score --cache build/line_replay [--out rows.jsonl]
    python benchmarks/line_replay.py worst --cache build/line_replay --group "bs4 product"
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import train_content  # noqa: E402
from content_corpus import fold_means, fold_of, load_pages, print_word_misses, read_folds, word_f1  # noqa: E402

from tasks.clean.features.line_words import LineWordTable  # noqa: E402
from tasks.clean.learned import line_verdicts  # noqa: E402
from tasks.clean.model import LINE_MODEL_FILE, LINE_WORD_MODEL_FILE, use_models  # noqa: E402
from tasks.clean.stage import clean  # noqa: E402
from tasks.clean.text.classify import blocks_from_lines  # noqa: E402
from tasks.common.blocks import render_text  # noqa: E402
from tasks.models import ArticleIn, ContentType  # noqa: E402

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")
# The HTML path's F1 from which a text rendering at 0 counts as lost (quality.py's check).
HTML_HALF = 0.5


@dataclass
class Rendering(train_content.RenderingLines):
    """One plain-text rendering's inputs to the steps after the line model: its lines and their
    out-of-fold probabilities."""

    probabilities: np.ndarray


def dump(cache: Path, features: Path, fold_models: Path | None) -> None:
    """Every rendering's lines and out-of-fold probabilities, pickled one file a fold into ``cache``."""
    pages = load_pages()
    sites = {p.key: p.site for p in pages}
    data = train_content.extract_lines(pages, features)
    cache.mkdir(parents=True, exist_ok=True)
    for fold in sorted({d.fold for d in data}):
        others = [d for d in data if d.fold != fold]
        booster, table = _fold_model(fold_models, fold,
                                     lambda others=others: train_content.train_line_model(others, sites))
        rows = [Rendering(d.key, d.corpus, d.page_type, d.rendering, fold, d.truth, d.lines,
                          np.asarray(booster.predict(train_content.with_words(d, table).matrix, num_threads=1)
                                     if len(d.lines) else np.zeros(0), dtype=np.float64))
                for d in data if d.fold == fold]
        # plain dicts: a class pickled from ``__main__`` would not load from an import
        (cache / f"fold{fold}.pkl").write_bytes(pickle.dumps([vars(r) for r in rows]))
        print(f"  fold {fold}: {len(rows)} renderings", file=sys.stderr)


def _fold_model(fold_models: Path | None, fold: int,
                train: Callable[[], tuple[lgb.Booster, LineWordTable]]) -> tuple[lgb.Booster, LineWordTable]:
    """The fold's line model and word table from ``fold_models``, or ``train()`` when they are not there."""
    folder = fold_models / str(fold) if fold_models else None
    if folder and (folder / LINE_MODEL_FILE).exists() and (folder / LINE_WORD_MODEL_FILE).exists():
        table = LineWordTable.from_json(json.loads((folder / LINE_WORD_MODEL_FILE).read_text(encoding="utf-8")))
        return lgb.Booster(model_file=str(folder / LINE_MODEL_FILE)), table
    return train()


def load(cache: Path) -> list[Rendering]:
    """Every fold's cached renderings."""
    return [Rendering(**row) for path in sorted(cache.glob("fold*.pkl")) for row in pickle.loads(path.read_bytes())]


def replay(r: Rendering) -> str:
    """The text the clean stage gives the rendering (the working tree's steps after the model)."""
    return render_text(blocks_from_lines(line_verdicts(r.lines, r.probabilities).lines))


def groups(r: Rendering) -> list[str]:
    """The table rows a rendering counts in."""
    if r.corpus == "dev":
        return [f"{r.rendering} dev"]
    return [f"{r.rendering} wcxb", f"{r.rendering} {r.page_type}"]


def lost(rows: Iterable[dict], html_f1: dict[str, float]) -> dict[str, list[str]]:
    """Per rendering, the pages at F1 0 that the HTML path scores at least ``HTML_HALF``."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        if row["f1"] == 0 and html_f1.get(row["key"], 0.0) >= HTML_HALF:
            out[row["rendering"]].append(row["key"])
    return out


def html_scores(keys: set[str], path: Path, fold_models: Path) -> dict[str, float]:
    """The HTML path's F1 of these pages by their fold's models, read from (and added to) ``path``."""
    known: dict[str, float] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    missing = keys - known.keys()
    if missing:
        known.update(_run_html(missing, fold_models))
        path.write_text(json.dumps(known, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return known


def _run_html(keys: set[str], fold_models: Path) -> dict[str, float]:
    folds = read_folds()
    pages = sorted((p for p in load_pages() if p.key in keys), key=lambda p: fold_of(p, folds))
    scores = {}
    for page in pages:
        use_models(fold_models / str(fold_of(page, folds)))
        text = clean(ArticleIn(id="replay", url=page.url, content=page.html(), content_type=ContentType.HTML)).text
        scores[page.key] = word_f1(text, page.truth, page.corpus)
    return scores


def score(cache: Path, out: Path | None, html: Path | None, fold_models: Path) -> None:
    """The replayed text's fold means per group, and the lost renderings."""
    rows = [{"key": r.key, "rendering": r.rendering, "fold": r.fold, "groups": groups(r),
             "f1": word_f1(replay(r), r.truth, r.corpus)} for r in load(cache)]
    means = fold_means(rows)
    for rendering in ("inscriptis", "bs4"):
        for group in ("wcxb", *PAGE_TYPES, "dev"):
            if f"{rendering} {group}" in means:
                print(f"{rendering + ' ' + group:<26}{means[f'{rendering} {group}']:.4f}")
    if html is not None:
        zeros = {r["key"] for r in rows if r["f1"] == 0}
        for rendering, keys in sorted(lost(rows, html_scores(zeros, html, fold_models)).items()):
            print(f"{rendering}: {len(keys)} at F1 0 where the HTML path >= {HTML_HALF}: {' '.join(sorted(keys))}")
    if out:
        out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def worst(cache: Path, group: str, n: int) -> None:
    """The group's lowest renderings with the words they miss and the words they add."""
    scored = sorted(((word_f1(text := replay(r), r.truth, r.corpus), r, text) for r in load(cache)
                     if group in groups(r)), key=lambda t: t[0])
    for f1, r, text in scored[:n]:
        print_word_misses(f"{r.key} {r.rendering}", f1, r.fold, text, r.truth, r.corpus)


def main() -> None:
    """Dispatch."""
    warnings.simplefilter("ignore")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("dump", "score", "worst"))
    ap.add_argument("--cache", type=Path, default=REPO / "build" / "line_replay")
    ap.add_argument("--features", type=Path, default=REPO / "build" / "cache",
                    help="dump: train_content.py's --cache folder (line features)")
    ap.add_argument("--fold-models", type=Path, default=REPO / "build" / "fold_models")
    ap.add_argument("--html", type=Path, help="score: per-page HTML F1 cache (JSON), for the lost renderings")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--group", default="bs4 wcxb")
    ap.add_argument("-n", type=int, default=15)
    args = ap.parse_args()
    if args.command == "dump":
        dump(args.cache, args.features, args.fold_models if str(args.fold_models) not in ("", ".") else None)
    elif args.command == "score":
        score(args.cache, args.out, args.html, args.fold_models)
    else:
        worst(args.cache, args.group, args.n)


if __name__ == "__main__":
    main()
