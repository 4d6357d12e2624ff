#!/usr/bin/env python3
"""Experiment (not shipped): the block model's view of a page as page-type features.

What the block model keeps might tell kinds of pages apart: an article keeps one long run of
long, link-free blocks; a listing many short, similar, linked items spread over the page. This
scores the page-type classifier of ``train_content.py`` with and without such a row, over
several booster seeds, on the domain-grouped folds (wcxb accuracy, mean over folds).

Inputs are a whole run's: the features ``train_content.py --cache DIR`` kept, and each fold's
block model in ``--fold-models`` (out-of-fold block probabilities, as a new page would get).
Result (see CHANGELOG): +0.002 on average, within the seeds' spread; not shipped.

    python benchmarks/train_content.py --cv-only --cache build/cache
    python benchmarks/page_type_block_view.py --cache build/cache --seeds 20260101,7,11,3,5,13
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import lightgbm as lgb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import train_content as tc  # noqa: E402
from content_corpus import FOLDS_FILE, load_pages  # noqa: E402

from tasks.clean.features.blocks import BLOCK_FEATURES, with_page_row  # noqa: E402
from tasks.clean.model import BLOCK_MODEL_FILE, KEEP_PROBABILITY, PAGE_TYPE_FEATURES, PAGE_TYPES, page_type_row  # noqa: E402

# Probabilities between these are "undecided" (as in ``features.confidence``).
UNDECIDED = (0.2, 0.8)
# A kept block under this many words is an item rather than prose: card titles run 2-12 words.
SHORT_BLOCK_WORDS = 12
# Block tag codes (``blocks.TAG_CODES``) of headings (h1-h6) and list items.
HEADING_CODES = (2.0, 3.0, 4.0, 5.0, 6.0)
LIST_ITEM_CODE = 7.0
_COLUMNS = {name: BLOCK_FEATURES.index(name) for name in ("words", "link_share", "tag", "extractor_kept", "in_li")}
VIEW_FEATURES: tuple[str, ...] = (
    "kept_word_share", "log_kept_blocks", "kept_block_share", "mean_probability", "undecided_word_share",
    "longest_kept_share", "kept_size_spread", "log_kept_runs", "kept_span", "first_kept", "kept_link_share",
    "kept_short_share", "kept_heading_share", "kept_list_share", "log_median_kept_words", "rule_kept_share",
)


def _runs(kept: np.ndarray) -> int:
    """How many separate runs of consecutive kept blocks there are."""
    return int(kept[0]) + int(np.count_nonzero(kept[1:] & ~kept[:-1])) if len(kept) else 0


def _kept_shape(matrix: np.ndarray, kept: np.ndarray, words: np.ndarray) -> list[float]:
    """Size, spread and kind of the kept blocks (a page keeping some)."""
    where = np.flatnonzero(kept)
    kept_words = words[kept]
    kept_total = max(float(kept_words.sum()), 1.0)
    tags = matrix[kept, _COLUMNS["tag"]]
    return [
        float(kept_words.max()) / kept_total, float(kept_words.std()) / max(float(kept_words.mean()), 1.0),
        math.log1p(_runs(kept)), (int(where[-1]) - int(where[0]) + 1) / len(kept), int(where[0]) / len(kept),
        float((matrix[kept, _COLUMNS["link_share"]] * kept_words).sum()) / kept_total,
        float((kept_words < SHORT_BLOCK_WORDS).mean()), float(np.isin(tags, HEADING_CODES).mean()),
        float(((tags == LIST_ITEM_CODE) | (matrix[kept, _COLUMNS["in_li"]] > 0)).mean()),
        math.log1p(float(np.median(kept_words))),
    ]


def view_row(matrix: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """The page's view features from its block matrix (own columns first) and block probabilities."""
    if not len(probabilities):
        return np.zeros(len(VIEW_FEATURES), dtype=np.float32)
    words = matrix[:, _COLUMNS["words"]].astype(np.float64)
    total = max(float(words.sum()), 1.0)
    kept = probabilities >= KEEP_PROBABILITY
    undecided = (probabilities > UNDECIDED[0]) & (probabilities < UNDECIDED[1])
    shape = _kept_shape(matrix, kept, words) if kept.any() else [0.0] * 4 + [1.0] + [0.0] * 5
    return np.asarray([
        float(words[kept].sum()) / total, math.log1p(int(kept.sum())), float(kept.mean()),
        float((probabilities * words).sum()) / total, float(words[undecided].sum()) / total, *shape,
        float((matrix[:, _COLUMNS["extractor_kept"]] * words).sum()) / total,
    ], dtype=np.float32)


def out_of_fold_views(data: list[tc.PageData], fold_models: Path) -> dict[str, np.ndarray]:
    """Per wcxb page, its view under the block model of a whole run that never saw its fold."""
    views = {}
    for fold in sorted({d.fold for d in data}):
        booster = lgb.Booster(model_file=str(fold_models / str(fold) / BLOCK_MODEL_FILE))
        for d in (d for d in data if d.fold == fold and d.corpus == "wcxb"):
            probs = booster.predict(with_page_row(d.blocks, d.page), num_threads=1) if len(d.texts) else np.zeros(0)
            views[d.key] = view_row(d.blocks, np.asarray(probs, dtype=np.float64))
    return views


Views = Mapping[str, np.ndarray] | None


def _rows(pages: Sequence[tc.PageData], words: tc.PageWordModels, views: Views) -> np.ndarray:
    """The page-type rows of these pages, each with its view appended when ``views`` are given."""
    base = [page_type_row(d.page, d.kind, words, d.tokens) for d in pages]
    return np.vstack([np.concatenate([row, views[d.key]]) if views else row
                      for row, d in zip(base, pages, strict=True)])


def _train(pages: list[tc.PageData], views: Views, seed: int) -> tuple[lgb.Booster, tc.PageWordModels]:
    """``train_content.train_page_types`` with the view columns appended."""
    x, y = [], []
    for fold in sorted({d.fold for d in pages}):
        part = [d for d in pages if d.fold == fold]
        x.append(_rows(part, tc.fit_words([d for d in pages if d.fold != fold]), views))
        y += [PAGE_TYPES.index(d.page_type) for d in part]
    names = [*PAGE_TYPE_FEATURES, *(VIEW_FEATURES if views else ())]
    dataset = lgb.Dataset(np.vstack(x), np.asarray(y), feature_name=names)
    return lgb.train({**tc.PAGE_PARAMS, "seed": seed}, dataset, num_boost_round=tc.PAGE_ROUNDS), tc.fit_words(pages)


def accuracy(typed: list[tc.PageData], views: Views, seed: int, k: int) -> float:
    """Page-type accuracy, mean over folds, with or without the view."""
    rows = []
    for fold in range(k):
        booster, words = _train([d for d in typed if d.fold != fold], views, seed)
        test = [d for d in typed if d.fold == fold]
        predicted = booster.predict(_rows(test, words, views), num_threads=1)
        rows += [{"corpus": "wcxb", "type": d.page_type, "fold": fold, "predicted_type": PAGE_TYPES[int(np.argmax(p))]}
                 for d, p in zip(test, predicted, strict=True)]
    return float(tc.page_type_scores(rows)["page_type_accuracy"]["wcxb"])


def main() -> None:
    """Accuracy per seed with and without the view, and the paired mean difference."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="the --cache DIR of a whole train_content.py run")
    ap.add_argument("--fold-models", type=Path, default=REPO / "build" / "fold_models")
    ap.add_argument("--seeds", default=str(tc.SEED), help="comma-separated booster seeds")
    args = ap.parse_args()
    # train_content.py run as a script pickles its pages as ``__main__.PageData``.
    setattr(sys.modules["__main__"], "PageData", tc.PageData)  # noqa: B010
    data = tc.extract_all(load_pages(), args.cache)
    typed = [d for d in data if d.corpus == "wcxb"]
    views = out_of_fold_views(data, args.fold_models)
    k = int(json.loads(FOLDS_FILE.read_text())["k"])
    gains = []
    for seed in (int(s) for s in args.seeds.split(",")):
        without, with_view = accuracy(typed, None, seed, k), accuracy(typed, views, seed, k)
        gains.append(with_view - without)
        print(f"seed {seed}: without {without:.4f}  with the block view {with_view:.4f}", flush=True)
    print(f"mean gain {statistics.mean(gains):+.4f} over {len(gains)} seeds")


if __name__ == "__main__":
    main()
