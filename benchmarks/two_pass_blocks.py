#!/usr/bin/env python3
"""Experiment (not shipped): a two-pass block model (issue 12).

The first pass is ``train_content.py``'s block model. A second booster reads each block's whole
first-pass row plus 14 columns of its page's first-pass probabilities (``FIRST_PASS_COLUMNS``:
the block's own, its neighbours', word-weighted means of the others within 1, 3 and 10 blocks,
its last heading's and the rest of its heading section's, inside the span of kept blocks,
log distance to the nearest other kept block, its rank, and the page's word-weighted mean, kept
word share and maximum). It learns from nested out-of-fold first-pass probabilities: for outer
fold f, a training page of fold g gets them from a first pass that saw neither f nor g (one
first-pass model per pair of folds, ten in all), as a new page would. Dev pages weigh 3x in the
second pass (``SECOND_PASS_CORPUS_WEIGHTS``), and a block's probability is the mean of both
passes' (``SECOND_PASS_SHARE``). Each outer fold's pages are scored as ``train_content.py``
scores them (the merged text), with the first pass alone and with both, from the same boosters:
per seed, first pass -> two passes, fold means and every fold.

Cost: 20 block boosters per cross-validation instead of 5; shipping would add 6 to ``make
train``'s one (five out-of-fold first passes without the gate's pages, one second pass).
Result: see CHANGELOG ("two-pass", issue 12).

    python benchmarks/train_content.py --cv-only --cache build/cache
    python benchmarks/two_pass_blocks.py --cache build/cache --seeds 7,4242 --rows build/two_pass
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import train_content as tc  # noqa: E402
from content_corpus import FOLDS_FILE, load_pages, word_f1  # noqa: E402

from tasks.clean.features.blocks import BLOCK_FEATURES, TAG_CODES, with_page_row  # noqa: E402
from tasks.clean.model import KEEP_PROBABILITY  # noqa: E402

FIRST_PASS_COLUMNS = (
    "p", "prev_p", "next_p", "around1_p", "around3_p", "around10_p", "heading_p", "section_p",
    "inside_kept", "kept_distance", "rank", "page_mean_p", "page_kept_share", "page_max_p",
)
SECOND_PASS_FEATURES: tuple[str, ...] = (*BLOCK_FEATURES, *(f"first_{name}" for name in FIRST_PASS_COLUMNS))
# Word-weighted means of the other blocks' first-pass probabilities within these radii.
RADII = (1, 3, 10)
# The earlier round's last variant: the second pass alone lost dev pages that half and half kept.
SECOND_PASS_SHARE = 0.5
SECOND_PASS_CORPUS_WEIGHTS = {"dev": 3.0}
_WORDS = BLOCK_FEATURES.index("words")
_TAG = BLOCK_FEATURES.index("tag")
_HEADING_CODES = sorted({TAG_CODES[f"h{level}"] for level in range(1, 7)})


def first_pass_columns(matrix: np.ndarray, first: np.ndarray, keep: float = KEEP_PROBABILITY) -> np.ndarray:
    """Per block, its page's first-pass probabilities seen from it (columns ``FIRST_PASS_COLUMNS``;
    -1 where there is nothing to see: no neighbour, heading or other kept block)."""
    n = len(first)
    if not n:
        return np.zeros((0, len(FIRST_PASS_COLUMNS)), dtype=np.float32)
    p = np.asarray(first, dtype=np.float64)
    weights = matrix[:, _WORDS].astype(np.float64) + 1.0
    idx = np.arange(n)
    edge = np.full(1, -1.0)
    columns = [p, np.concatenate([edge, p[:-1]]), np.concatenate([p[1:], edge])]
    sums = np.concatenate([[0.0], np.cumsum(weights * p)])
    totals = np.concatenate([[0.0], np.cumsum(weights)])
    for radius in RADII:
        lo, hi = np.maximum(idx - radius, 0), np.minimum(idx + radius + 1, n)
        columns.append(_mean_of_others(sums[hi] - sums[lo], totals[hi] - totals[lo], weights * p, weights))
    headings = np.isin(matrix[:, _TAG], _HEADING_CODES)
    before = np.concatenate([[-1], np.maximum.accumulate(np.where(headings, idx, -1))[:-1]])
    columns.append(np.where(before >= 0, p[np.maximum(before, 0)], -1.0))
    section = np.cumsum(headings)  # a heading opens its section
    columns.append(_mean_of_others(np.bincount(section, weights * p)[section], np.bincount(section, weights)[section],
                                   weights * p, weights))
    kept = p >= keep
    columns += [_inside(kept), _kept_distance(kept)]
    rank = np.empty(n)
    rank[np.argsort(-p, kind="stable")] = idx / max(n - 1, 1)
    columns.append(rank)
    page = [float((weights * p).sum() / weights.sum()), float(weights[kept].sum() / weights.sum()), float(p.max())]
    columns += [np.full(n, value) for value in page]
    return np.vstack(columns).T.astype(np.float32)


def _mean_of_others(sums: np.ndarray, totals: np.ndarray, own: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Weighted means with the block itself left out (-1 where no other block is counted)."""
    others = totals - weight
    return np.where(others > 1e-9, (sums - own) / np.maximum(others, 1e-9), -1.0)


def _inside(kept: np.ndarray) -> np.ndarray:
    """1 for the blocks from the first kept block to the last."""
    where = np.flatnonzero(kept)
    if not len(where):
        return np.zeros(len(kept))
    idx = np.arange(len(kept))
    return np.asarray((idx >= where[0]) & (idx <= where[-1]), dtype=np.float64)


def _kept_distance(kept: np.ndarray) -> np.ndarray:
    """Per block, log(1 + blocks to the nearest other kept block), -1 when there is none."""
    n = len(kept)
    idx = np.arange(n)
    before = np.concatenate([[-1], np.maximum.accumulate(np.where(kept, idx, -1))[:-1]])
    after = np.concatenate([np.minimum.accumulate(np.where(kept, idx, n)[::-1])[::-1][1:], [n]])
    distance = np.minimum(np.where(before >= 0, idx - before, n + 1), np.where(after < n, after - idx, n + 1))
    return np.where(distance <= n, np.log1p(distance), -1.0)


def second_pass_matrix(matrix: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The second pass's rows: the first pass's, then ``FIRST_PASS_COLUMNS``."""
    return np.hstack([matrix, first_pass_columns(matrix, first)])


def combined(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """A block's probability from both passes'."""
    return (1.0 - SECOND_PASS_SHARE) * first + SECOND_PASS_SHARE * second


def block_rows(d: tc.PageData) -> np.ndarray:
    """The first pass's rows of a page's blocks."""
    return with_page_row(d.blocks, d.page)


def train_second_pass(data: list[tc.PageData], first: Mapping[str, np.ndarray]) -> lgb.Booster:
    """The second pass on these pages, from their out-of-fold first-pass probabilities."""
    x = np.vstack([second_pass_matrix(block_rows(d), first[d.key]) for d in data])
    y = np.concatenate([d.labels for d in data])
    w = np.concatenate([d.weights * SECOND_PASS_CORPUS_WEIGHTS.get(d.corpus, 1.0) for d in data]) * len(data) / 10
    dataset = lgb.Dataset(x, y, weight=w, feature_name=list(SECOND_PASS_FEATURES),
                          categorical_feature=["tag", "prev_tag", "next_tag"], free_raw_data=False)
    return lgb.train(tc.BLOCK_PARAMS, dataset, num_boost_round=tc.BLOCK_ROUNDS)


# First passes by the folds left out of their training: the one without folds 1 and 3 serves
# outer fold 1's pages of fold 3 and outer fold 3's pages of fold 1.
FirstPassMemo = dict[frozenset[int], lgb.Booster]


def out_of_fold_first_pass(data: list[tc.PageData], left_out: frozenset[int],
                           memo: FirstPassMemo) -> dict[str, np.ndarray]:
    """Each page's first-pass probabilities from a model that saw neither its fold nor ``left_out``."""
    probabilities = {}
    for fold in sorted({d.fold for d in data}):
        excluded = left_out | {fold}
        if excluded not in memo:
            memo[excluded] = tc.train_blocks([d for d in data if d.fold not in excluded])
        probabilities.update({d.key: memo[excluded].predict(block_rows(d)) for d in data if d.fold == fold})
    return probabilities


@dataclass(frozen=True)
class TwoPass:
    """Both passes of the block model."""

    first: lgb.Booster
    second: lgb.Booster

    def probabilities(self, d: tc.PageData) -> tuple[np.ndarray, np.ndarray]:
        """A page's first-pass block probabilities and both passes' combined."""
        if not len(d.texts):
            return np.zeros(0), np.zeros(0)
        rows = block_rows(d)
        first = self.first.predict(rows)
        return first, combined(first, self.second.predict(second_pass_matrix(rows, first)))


def train_two_pass(data: list[tc.PageData], left_out: frozenset[int], memo: FirstPassMemo) -> TwoPass:
    """Both passes on these pages (``left_out``: the cross-validation's folds absent from ``data``)."""
    return TwoPass(tc.train_blocks(data), train_second_pass(data, out_of_fold_first_pass(data, left_out, memo)))


def merged_text(d: tc.PageData, probabilities: np.ndarray) -> str:
    """The text ``train_content.cross_validate`` scores for a page and these block probabilities."""
    h1_texts = [t for t, tag in zip(d.texts, d.tags, strict=True) if tag == "h1"]
    kept = tc.merge_blocks(d.rule_blocks, d.texts, d.tags, probabilities,
                           tc.keep_threshold(d.rule_blocks, d.texts, probabilities, KEEP_PROBABILITY))
    return tc.render_text(tc.drop_headline(kept, d.titles, h1_texts))


def cross_validate(data: list[tc.PageData], k: int, rows_file: Path | None) -> list[dict]:
    """Per out-of-fold page, its F1 with the first pass alone and with both passes."""
    rows: list[dict] = []
    memo: FirstPassMemo = {}
    for fold in range(k):
        start = time.perf_counter()
        model = train_two_pass([d for d in data if d.fold != fold], frozenset({fold}), memo)
        for d in (d for d in data if d.fold == fold):
            first, both = model.probabilities(d)
            rows.append({"key": d.key, "corpus": d.corpus, "type": d.page_type, "fold": fold,
                         "first_pass": word_f1(merged_text(d, first), d.truth, d.corpus),
                         "two_pass": word_f1(merged_text(d, both), d.truth, d.corpus)})
        if rows_file:
            rows_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"  fold {fold}: {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)
    return rows


def print_scores(rows: list[dict]) -> None:
    """First pass -> two passes per group: mean over folds, then each fold."""
    groups = {"wcxb": [r for r in rows if r["corpus"] == "wcxb"], "dev": [r for r in rows if r["corpus"] == "dev"]}
    groups.update({t: [r for r in rows if r["corpus"] == "wcxb" and r["type"] == t] for t in tc.PAGE_TYPES})
    print_groups(groups)


def print_groups(groups: Mapping[str, list[dict]], fold_digits: int = 3) -> None:
    """Per group of out-of-fold rows, first pass -> two passes: mean over folds, then each fold."""
    for name, sel in groups.items():
        cells = []
        for value in ("first_pass", "two_pass"):
            by_fold: dict[int, list[float]] = defaultdict(list)
            for r in sel:
                by_fold[r["fold"]].append(r[value])
            folds = [statistics.mean(by_fold[f]) for f in sorted(by_fold)]
            cells.append(f"{statistics.mean(folds):.4f} ({' / '.join(f'{x:.{fold_digits}f}' for x in folds)})")
        print(f"{name:<14} {cells[0]} -> {cells[1]}", flush=True)


def main() -> None:
    """First pass against both passes on the folds, per seed."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="the --cache DIR of a whole train_content.py run")
    ap.add_argument("--seeds", default=str(tc.SEED), help="comma-separated booster seeds")
    ap.add_argument("--rows", type=Path, help="a folder for each seed's out-of-fold rows (JSONL)")
    args = ap.parse_args()
    tc.warnings.simplefilter("ignore")
    # train_content.py run as a script pickles its pages as ``__main__.PageData``.
    setattr(sys.modules["__main__"], "PageData", tc.PageData)  # noqa: B010
    data = tc.extract_all(load_pages(), args.cache)
    k = int(json.loads(FOLDS_FILE.read_text())["k"])
    if args.rows:
        args.rows.mkdir(parents=True, exist_ok=True)
    for seed in (int(s) for s in args.seeds.split(",")):
        tc.BLOCK_PARAMS["seed"] = seed
        rows = cross_validate(data, k, args.rows / f"seed-{seed}.jsonl" if args.rows else None)
        print(f"seed {seed}: first pass -> two passes (mean over folds, then folds)")
        print_scores(rows)


if __name__ == "__main__":
    main()
