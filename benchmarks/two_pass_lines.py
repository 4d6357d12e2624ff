#!/usr/bin/env python3
"""Experiment (not shipped): a two-pass line model for the plain-text path (issue 12).

The first pass is ``train_content.py``'s line model. A second booster reads each line's whole
first-pass row plus 15 columns of its page's first-pass probabilities (``FIRST_PASS_COLUMNS``:
the line's own, its neighbours' one and two lines away, their means within 2 and 6 lines, the
share of lines kept within 6, the page's best, the line's against the best, inside the span of
kept lines and its distance to it, the lower of the best above and the best below, its
blank-line block's mean, and the page's kept word share). Chrome kept between an article's
first and last lines is most of the text path's loss (CHANGELOG, "text path"); a menu among
lines the first pass keeps reads as one from its neighbours' probabilities.

It learns from out-of-fold first-pass probabilities, cross-fitted inside the training folds in
two halves (a training rendering gets them from a first pass trained on the other half of the
training folds), while the outer fold's renderings get them from the first pass trained on all
training folds, as a new page would. Each outer fold's renderings are scored as
``train_content.py --lines-only`` scores them, with the first pass alone and with both, from
the same boosters.

Cost: 4 line boosters per outer fold instead of 1. Result: see CHANGELOG ("two-pass line").

    python benchmarks/train_content.py --lines-only --cv-only --cache build/cache
    python benchmarks/two_pass_lines.py --cache build/cache --folds 0,1,2 --rows build/two_pass_lines
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import lightgbm as lgb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import train_content as tc  # noqa: E402
from content_corpus import FOLDS_FILE, load_pages, word_f1  # noqa: E402
from two_pass_blocks import _inside, print_groups  # noqa: E402

from tasks.clean.features.lines import LINE_FEATURES, window_means  # noqa: E402
from tasks.clean.model import KEEP_PROBABILITY, line_keep_threshold  # noqa: E402
from tasks.clean.text.lines import TextLine  # noqa: E402

FIRST_PASS_COLUMNS = (
    "p", "prev_p", "next_p", "prev2_p", "next2_p", "window2_p", "window6_p", "window6_kept", "page_max_p",
    "p_of_max", "in_kept_span", "from_kept_span", "min_max_p_around", "block_p", "kept_word_share",
)
SECOND_PASS_FEATURES: tuple[str, ...] = (*LINE_FEATURES, *(f"first_{name}" for name in FIRST_PASS_COLUMNS))
_WORDS = LINE_FEATURES.index("words")


def first_pass_columns(lines: Sequence[TextLine], matrix: np.ndarray, first: np.ndarray) -> np.ndarray:
    """Per line, its page's first-pass probabilities seen from it (columns ``FIRST_PASS_COLUMNS``;
    -1 for a neighbour past the page's edge)."""
    n = len(first)
    if not n:
        return np.zeros((0, len(FIRST_PASS_COLUMNS)), dtype=np.float32)
    p = np.asarray(first, dtype=np.float64)
    padded = np.concatenate([[-1.0, -1.0], p, [-1.0, -1.0]])
    kept = (p >= KEEP_PROBABILITY).astype(float)
    best_above = np.maximum.accumulate(np.concatenate([[0.0], p[:-1]]))
    best_below = np.maximum.accumulate(np.concatenate([p[1:], [0.0]])[::-1])[::-1]
    blocks = np.asarray([line.block for line in lines])
    block_p = np.bincount(blocks, weights=p)[blocks] / np.bincount(blocks)[blocks]
    words = matrix[:, _WORDS].astype(np.float64)
    columns = [
        p, padded[1 : n + 1], padded[3 : n + 3], padded[0:n], padded[4 : n + 4], window_means(p, 2),
        window_means(p, 6), window_means(kept, 6), np.full(n, p.max()), p / max(float(p.max()), 1e-6),
        _inside(kept > 0), _span_distance(kept > 0), np.minimum(best_above, best_below), block_p,
        np.full(n, float((words * kept).sum()) / max(float(words.sum()), 1.0)),
    ]
    return np.column_stack(columns).astype(np.float32)


def _span_distance(kept: np.ndarray) -> np.ndarray:
    """Per line, lines to the span from the first kept line to the last (0 inside it), as a share
    of the page's lines; when no line is kept, lines to the page's end (the span taken as past it)."""
    n = len(kept)
    where = np.flatnonzero(kept)
    first, last = (int(where[0]), int(where[-1])) if len(where) else (n, -1)
    idx = np.arange(n)
    distance: np.ndarray = np.where(idx < first, first - idx, np.where(idx > last, idx - last, 0)) / n
    return distance


def second_pass_matrix(d: tc.RenderingData, first: np.ndarray) -> np.ndarray:
    """The second pass's rows: the first pass's, then ``FIRST_PASS_COLUMNS``."""
    return np.hstack([d.matrix, first_pass_columns(d.lines, d.matrix, first)]).astype(np.float32)


def train(data: Sequence[tc.RenderingData], rows: Mapping[int, np.ndarray], names: Sequence[str]) -> lgb.Booster:
    """A line booster as ``train_content.train_lines`` trains one, on these rows of these renderings."""
    x = np.vstack([rows[id(d)] for d in data if len(d.lines)])
    y = np.concatenate([d.labels for d in data])
    w = np.concatenate([d.weights * tc.LINE_CORPUS_WEIGHTS.get(d.corpus, 1.0) for d in data]) * len(data) / 10
    dataset = lgb.Dataset(x, y, weight=w, feature_name=list(names),
                          categorical_feature=["role", "prev_role", "next_role"], free_raw_data=False)
    return lgb.train(tc.LINE_PARAMS, dataset, num_boost_round=tc.LINE_ROUNDS)


def predict(model: lgb.Booster, rows: np.ndarray) -> np.ndarray:
    """A booster's probabilities (none for an empty rendering)."""
    return np.asarray(model.predict(rows)) if len(rows) else np.zeros(0)


def first_pass(data: list[tc.RenderingData], fold: int) -> dict[int, np.ndarray]:
    """Every rendering's first-pass probabilities for outer fold ``fold``: the training folds'
    cross-fitted in two halves, the fold's own from the first pass on all training folds."""
    rows = {id(d): d.matrix for d in data}
    training = [d for d in data if d.fold != fold]
    folds = sorted({d.fold for d in training})
    probabilities: dict[int, np.ndarray] = {}
    for half in (folds[::2], folds[1::2]):
        model = train([d for d in training if d.fold not in half], rows, LINE_FEATURES)
        probabilities.update({id(d): predict(model, d.matrix) for d in training if d.fold in half})
    model = train(training, rows, LINE_FEATURES)
    probabilities.update({id(d): predict(model, d.matrix) for d in data if d.fold == fold})
    return probabilities


def scored(d: tc.RenderingData, probabilities: np.ndarray) -> float:
    """The rendering's word F1 as ``train_content.cross_validate_lines`` scores it."""
    keep = line_keep_threshold(probabilities, [line.words for line in d.lines])
    return word_f1(tc.rendered_text(d.lines, probabilities, keep), d.truth, d.corpus)


def cross_validate(data: list[tc.RenderingData], folds: Sequence[int], rows_file: Path | None) -> list[dict]:
    """Per out-of-fold rendering, its F1 with the first pass alone and with both passes."""
    rows: list[dict] = []
    for fold in folds:
        start = time.process_time()
        first = first_pass(data, fold)
        second_rows = {id(d): second_pass_matrix(d, first[id(d)]) for d in data}
        second = train([d for d in data if d.fold != fold], second_rows, SECOND_PASS_FEATURES)
        for d in (d for d in data if d.fold == fold):
            rows.append({"key": d.key, "corpus": d.corpus, "type": d.page_type, "rendering": d.rendering,
                         "fold": fold, "first_pass": scored(d, first[id(d)]),
                         "two_pass": scored(d, predict(second, second_rows[id(d)]))})
        if rows_file:
            rows_file.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        print(f"  fold {fold}: {time.process_time() - start:.0f} s CPU", file=sys.stderr, flush=True)
    return rows


def print_scores(rows: list[dict]) -> None:
    """First pass -> two passes per rendering and corpus: mean over folds, then each fold."""
    groups = {f"{rendering} {corpus}": [r for r in rows if r["rendering"] == rendering and r["corpus"] == corpus]
              for rendering in tc.RENDERINGS for corpus in ("wcxb", "dev")}
    print_groups({name: sel for name, sel in groups.items() if sel}, fold_digits=4)


def load_renderings(cache: Path) -> list[tc.RenderingData]:
    """The cached renderings of a ``train_content.py --lines-only`` run."""
    tc.warnings.simplefilter("ignore")
    # train_content.py run as a script pickles its renderings as ``__main__.RenderingData``.
    setattr(sys.modules["__main__"], "RenderingData", tc.RenderingData)  # noqa: B010
    return tc.extract_lines(load_pages(), cache)


def outer_folds(spec: str | None) -> list[int]:
    """The folds named (comma-separated), or every fold of the domain-grouped split."""
    if spec:
        return [int(f) for f in spec.split(",")]
    return list(range(int(json.loads(FOLDS_FILE.read_text())["k"])))


def main() -> None:
    """First pass against both passes on the chosen outer folds."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="the --cache DIR of a train_content.py --lines-only run")
    ap.add_argument("--folds", help="comma-separated outer folds (default: all)")
    ap.add_argument("--rows", type=Path, help="a JSONL file for the out-of-fold rows")
    args = ap.parse_args()
    print_scores(cross_validate(load_renderings(args.cache), outer_folds(args.folds), args.rows))


if __name__ == "__main__":
    main()
