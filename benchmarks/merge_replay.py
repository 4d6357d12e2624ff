#!/usr/bin/env python3
"""Experiment (not shipped): the steps after the block model, replayed on cached verdicts (issue 12).

``dump`` runs the HTML path up to the block model once per page (each fold's page through the
fold model trained without it, ``build/fold_models/<fold>/``) and pickles what the steps after it
read: the rule blocks, the DOM blocks' texts, tags and ancestor tags, their probabilities, the
titles and the fold's page-type verdict. ``score`` replays ``keep_threshold``, ``merge_blocks``
and ``drop_headline`` (the working tree's code) on that cache in seconds and prints the fold means per cell as
``quality.py``'s copydesk html column does (the whole pipeline's ``text`` is the clean stage's
``render_text`` of these blocks); ``--out`` writes per-page F1 for diffing two replays.
``worst`` lists the lowest pages of a group with their missing and extra words.

    python benchmarks/merge_replay.py dump --cache build/replay
    python benchmarks/merge_replay.py score --cache build/replay [--out rows.jsonl] [--set NAME=VALUE]
    python benchmarks/merge_replay.py worst --cache build/replay --group documentation
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from content_corpus import Page, fold_means, fold_of, load_pages, print_word_misses, read_folds, word_f1  # noqa: E402

from tasks.clean.features.blocks import PageContext, block_matrix  # noqa: E402
from tasks.clean.html import merge  # noqa: E402
from tasks.clean.html.extract import extract_page  # noqa: E402
from tasks.clean.model import KEEP_PROBABILITY, Models, models  # noqa: E402
from tasks.common.blocks import render_text  # noqa: E402
from tasks.models import BodyBlock  # noqa: E402
from tasks.options import DEFAULT_OPTIONS  # noqa: E402

PAGE_TYPES = ("article", "forum", "product", "collection", "listing", "documentation", "service")


@dataclass
class Cached:
    """One page's inputs to the steps after the block model."""

    key: str
    corpus: str
    page_type: str
    fold: int
    truth: str
    rule_blocks: list[BodyBlock]
    texts: list[str]
    tags: list[str]
    ancestors: list[tuple[str, ...]]
    probabilities: np.ndarray
    titles: list[str]
    predicted_type: str = ""  # the fold's page-type classifier's verdict (the merge keeps a forum's thread)


def dump(cache: Path, fold_models: Path | None, only: set[str], folds_wanted: set[int]) -> None:
    """Every page (of the ``only`` groups and ``folds_wanted``, when given) through extraction and
    its fold's block model (``fold_models/<fold>/blocks.txt``; the shipped one without
    ``fold_models``: optimistic, for reading errors only), pickled one file a fold into ``cache``."""
    folds = read_folds()
    pages = sorted(load_pages(), key=lambda p: (fold_of(p, folds), p.key))
    pages = [p for p in pages if (not only or only & {p.corpus, p.page_type})
             and (not folds_wanted or fold_of(p, folds) in folds_wanted)]
    cache.mkdir(parents=True, exist_ok=True)
    by_fold: dict[int, list[Cached]] = defaultdict(list)
    for n, page in enumerate(pages, 1):
        fold = fold_of(page, folds)
        # pages go fold by fold, so each fold's models are read once
        by_fold[fold].append(_cached(page, fold, models(fold_models / str(fold) if fold_models is not None else None)))
        if n % 100 == 0:
            print(f"  ... {n}/{len(pages)}", file=sys.stderr)
    for fold, data in by_fold.items():
        # plain dicts: a class pickled from ``__main__`` would not load from an import
        (cache / f"fold{fold}.pkl").write_bytes(pickle.dumps([vars(d) for d in data]))


def _cached(page: Page, fold: int, loaded: Models) -> Cached:
    extracted = extract_page(page.html(), page.url, DEFAULT_OPTIONS)
    if extracted is None:
        return Cached(page.key, page.corpus, page.page_type, fold, page.truth, [], [], [], [], np.zeros(0), [])
    context = PageContext(render_text(extracted.blocks), extracted.pruned, extracted.titles,
                          extracted.page_features)
    matrix = block_matrix(extracted.dom_blocks, context)
    probabilities = loaded.block_probabilities(matrix)
    predicted_type, _ = loaded.page_type_of(extracted.page_features, extracted.page_kind, extracted.page_tokens)
    return Cached(
        page.key, page.corpus, page.page_type, fold, page.truth, extracted.blocks,
        [b.text for b in extracted.dom_blocks], [str(b.element.tag) for b in extracted.dom_blocks],
        [tuple(str(a.tag) for a in b.element.iterancestors()) for b in extracted.dom_blocks],
        probabilities, extracted.titles, predicted_type,
    )


def load(cache: Path) -> list[Cached]:
    """Every fold's cached pages."""
    return [Cached(**row) for path in sorted(cache.glob("fold*.pkl")) for row in pickle.loads(path.read_bytes())]


def replay(d: Cached) -> str:
    """The text the HTML path gives the page (the working tree's steps after the model)."""
    keep = merge.keep_threshold(d.rule_blocks, d.texts, d.probabilities, KEEP_PROBABILITY)
    kept = merge.merge_blocks(d.rule_blocks, d.texts, d.tags, d.probabilities, keep,
                              drop_below=merge.RULE_DROP_PROBABILITY,  # the default is bound at import
                              forum=d.predicted_type == "forum")
    h1_texts = [t for t, tag in zip(d.texts, d.tags, strict=True) if tag == "h1"]
    return render_text(merge.drop_headline(kept, d.titles, h1_texts))


def groups(d: Cached) -> list[str]:
    """The table rows a page counts in."""
    return ["dev"] if d.corpus == "dev" else ["wcxb all", d.page_type]


def apply_settings(settings: list[str]) -> None:
    """``NAME=VALUE`` pairs set on ``tasks.clean.html.merge`` (its constants) for this run."""
    for setting in settings:
        name, _, value = setting.partition("=")
        if not hasattr(merge, name):
            raise SystemExit(f"merge_replay.py: tasks.clean.html.merge has no {name}")
        setattr(merge, name, type(getattr(merge, name))(float(value)))


def score(cache: Path, out: Path | None) -> None:
    """The replayed text's fold means per group."""
    data = load(cache)
    rows = [{"key": d.key, "fold": d.fold, "groups": groups(d), "f1": word_f1(replay(d), d.truth, d.corpus)}
            for d in data]
    means = fold_means(rows)
    for group in ("wcxb all", *PAGE_TYPES, "dev"):
        if group in means:
            print(f"{group:<16}{means[group]:.4f}")
    if out:
        out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def worst(cache: Path, group: str, n: int) -> None:
    """The group's lowest pages with the words they miss and the words they add."""
    data = load(cache)
    scored = sorted(((word_f1(text := replay(d), d.truth, d.corpus), d, text) for d in data if group in groups(d)),
                    key=lambda t: t[0])
    for f1, d, text in scored[:n]:
        print_word_misses(d.key, f1, d.fold, text, d.truth, d.corpus)


def main() -> None:
    """Dispatch."""
    warnings.simplefilter("ignore")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("dump", "score", "worst"))
    ap.add_argument("--cache", type=Path, default=REPO / "build" / "replay")
    ap.add_argument("--fold-models", type=Path, default=REPO / "build" / "fold_models")
    ap.add_argument("--folds", default="", help="dump: comma-separated folds")
    ap.add_argument("--only", default="", help="dump: comma-separated corpora or page types")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--group", default="documentation")
    ap.add_argument("-n", type=int, default=15)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="score/worst: a constant of tasks.clean.html.merge for this run")
    args = ap.parse_args()
    apply_settings(args.set)
    if args.command == "dump":
        fold_models = args.fold_models if str(args.fold_models) not in ("", ".") else None
        dump(args.cache, fold_models, set(filter(None, args.only.split(","))),
             {int(f) for f in args.folds.split(",") if f})
    elif args.command == "score":
        score(args.cache, args.out)
    else:
        worst(args.cache, args.group, args.n)


if __name__ == "__main__":
    main()
