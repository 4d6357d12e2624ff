#!/usr/bin/env python3
"""Experiment (not shipped): the block model's hyper-parameters on the folds (issue 12).

Re-runs only the block model's cross-validation of ``train_content.py`` from its cached features
(``--cache`` of a whole run), once per setting, and prints what ``train_content.py --cv-only``
prints for it: fold means of the blocks-only and merged text's macro word F1 per group (wcxb,
each wcxb type, dev), with the wcxb and dev folds. Unchanged settings reproduce the recorded
CV exactly. A setting is ``name:key=value,...``: LightGBM parameters over ``BLOCK_PARAMS``, and

- ``rounds=N``: boosting rounds (default ``BLOCK_ROUNDS``);
- ``scored=250/400``: score the booster after each of these rounds (one training for several);
- ``share=X``: ``CONTENT_TRIGRAM_SHARE`` for the labels;
- ``labels=soft``: the trigram share itself as the label (with ``objective=cross_entropy``).

Result: see CHANGELOG ("hyper-parameters", issue 12).

    python benchmarks/train_content.py --cv-only --cache build/cache
    python benchmarks/block_params.py --cache build/cache base: leaves127:num_leaves=127 \\
        soft:objective=cross_entropy,labels=soft seed7:seed=7,rounds=600,scored=400/600
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import lightgbm as lgb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import train_content as tc  # noqa: E402
from content_corpus import FOLDS_FILE, load_pages, word_f1  # noqa: E402

from tasks.clean.features.blocks import BLOCK_FEATURES, with_page_row  # noqa: E402
from tasks.clean.model import KEEP_PROBABILITY, assemble_text  # noqa: E402

# LightGBM parameters that take whole numbers; every other value is read as a float.
_INTEGER_PARAMS = {"num_leaves", "min_data_in_leaf", "bagging_freq", "seed", "max_depth", "max_bin"}
_WORD_PARAMS = {"objective", "labels", "boosting"}


@dataclass(frozen=True)
class Setting:
    """One run: its name, the booster's parameters over ``BLOCK_PARAMS`` and how it is trained."""

    name: str
    params: dict[str, object] = field(default_factory=dict)
    rounds: int = tc.BLOCK_ROUNDS
    scored: tuple[int, ...] = ()
    share: float = tc.CONTENT_TRIGRAM_SHARE
    soft: bool = False

    @property
    def scored_rounds(self) -> tuple[int, ...]:
        """The rounds after which the booster is scored (its last when none are given)."""
        return self.scored or (self.rounds,)

    def labels(self, shares: np.ndarray) -> np.ndarray:
        """A page's block labels from its trigram shares."""
        return (shares if self.soft else shares >= self.share).astype(np.float32)


def parse_setting(text: str) -> Setting:
    """``name:key=value,...`` as a ``Setting``."""
    name, _, body = text.partition(":")
    params: dict[str, object] = {}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition("=")
        params[key] = value if key in _WORD_PARAMS | {"scored"} else (
            int(value) if key in _INTEGER_PARAMS | {"rounds"} else float(value))
    rounds = int(params.pop("rounds", tc.BLOCK_ROUNDS))  # type: ignore[call-overload]
    scored = tuple(int(r) for r in str(params.pop("scored", "")).split("/") if r)
    share = float(params.pop("share", tc.CONTENT_TRIGRAM_SHARE))  # type: ignore[arg-type]
    soft = params.pop("labels", "hard") == "soft"
    return Setting(name, params, rounds, scored, share, soft)


@dataclass
class Corpus:
    """The cached pages with what every setting reads of them."""

    pages: list[tc.PageData]
    rows: dict[str, np.ndarray]
    shares: dict[str, np.ndarray]

    @classmethod
    def read(cls, cache: Path) -> Corpus:
        """A whole run's cached features, with each page's block rows and trigram shares."""
        pages = tc.extract_all(load_pages(), cache)
        return cls(pages, {d.key: with_page_row(d.blocks, d.page) for d in pages},
                   {d.key: tc.trigram_shares(d.texts, d.truth, d.corpus) for d in pages})


def train(corpus: Corpus, pages: list[tc.PageData], setting: Setting) -> lgb.Booster:
    """The block model on these pages, as ``train_content.train_blocks`` trains it but for the setting."""
    x = np.vstack([corpus.rows[d.key] for d in pages])
    y = np.concatenate([setting.labels(corpus.shares[d.key]) for d in pages])
    w = np.concatenate([d.weights for d in pages]) * len(pages) / 10
    dataset = lgb.Dataset(x, y, weight=w, feature_name=list(BLOCK_FEATURES),
                          categorical_feature=["tag", "prev_tag", "next_tag"], free_raw_data=False)
    return lgb.train({**tc.BLOCK_PARAMS, **setting.params}, dataset, num_boost_round=setting.rounds)


def page_row(d: tc.PageData, fold: int, probabilities: np.ndarray) -> dict:
    """A page's out-of-fold F1, merged and blocks only, as ``train_content.cross_validate`` scores it."""
    h1_texts = [t for t, tag in zip(d.texts, d.tags, strict=True) if tag == "h1"]
    kept = tc.merge_blocks(d.rule_blocks, d.texts, d.tags, probabilities,
                           tc.keep_threshold(d.rule_blocks, d.texts, probabilities, KEEP_PROBABILITY))
    merged = tc.render_text(tc.drop_headline(kept, d.titles, h1_texts))
    return {"key": d.key, "corpus": d.corpus, "type": d.page_type, "fold": fold,
            "blocks_only": word_f1(assemble_text(d.texts, probabilities), d.truth, d.corpus),
            "model": word_f1(merged, d.truth, d.corpus)}


def cross_validate(corpus: Corpus, k: int, setting: Setting) -> dict[int, list[dict]]:
    """Out-of-fold page rows for each scored round count."""
    rows: dict[int, list[dict]] = {r: [] for r in setting.scored_rounds}
    start = time.process_time()
    for fold in range(k):
        booster = train(corpus, [d for d in corpus.pages if d.fold != fold], setting)
        for d in (d for d in corpus.pages if d.fold == fold):
            for r in setting.scored_rounds:
                probabilities = booster.predict(corpus.rows[d.key], num_iteration=r) if d.texts else np.zeros(0)
                rows[r].append(page_row(d, fold, probabilities))
        print(f"  [{setting.name}] fold {fold}: {time.process_time() - start:.0f} CPU s", file=sys.stderr, flush=True)
    return rows


def fold_table(rows: list[dict]) -> dict[str, tuple[int, float, float, list[float]]]:
    """Per group: pages, fold means of blocks-only and merged F1, and the merged F1 per fold."""
    groups = {"wcxb": [r for r in rows if r["corpus"] == "wcxb"], "dev": [r for r in rows if r["corpus"] == "dev"]}
    groups.update({f"wcxb {t}": [r for r in rows if r["corpus"] == "wcxb" and r["type"] == t] for t in tc.PAGE_TYPES})
    table = {}
    for name, sel in groups.items():
        by_fold: dict[int, list[float]] = defaultdict(list)
        for r in sel:
            by_fold[r["fold"]].append(r["model"])
        table[name] = (len(sel), tc.mean_over_folds(sel, "blocks_only"), tc.mean_over_folds(sel, "model"),
                       [statistics.mean(by_fold[f]) for f in sorted(by_fold)])
    return {name: cells for name, cells in table.items() if cells[0]}


def print_table(label: str, table: dict[str, tuple[int, float, float, list[float]]]) -> None:
    """The fold means as ``train_content.py`` prints them, to 4 decimals, with wcxb's and dev's folds."""
    print(f"\n{label}\n{'pages':<22}{'n':>6}{'blocks':>9}{'model':>9}")
    for name, (n, blocks, model, folds) in table.items():
        per_fold = f"  ({' / '.join(f'{f:.3f}' for f in folds)})" if name in ("wcxb", "dev") else ""
        print(f"{name:<22}{n:>6}{blocks:>9.4f}{model:>9.4f}{per_fold}", flush=True)


def main() -> None:
    """Each setting's block-model CV, from the cached features."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, required=True, help="the --cache DIR of a whole train_content.py run")
    ap.add_argument("--rows", type=Path, help="a folder for each setting's out-of-fold rows (JSONL)")
    ap.add_argument("settings", nargs="+", help="name:key=value,... (see above)")
    args = ap.parse_args()
    tc.warnings.simplefilter("ignore")
    # train_content.py run as a script pickles its pages as ``__main__.PageData``.
    setattr(sys.modules["__main__"], "PageData", tc.PageData)  # noqa: B010
    corpus = Corpus.read(args.cache)
    k = int(json.loads(FOLDS_FILE.read_text())["k"])
    for setting in map(parse_setting, args.settings):
        for rounds, rows in cross_validate(corpus, k, setting).items():
            label = f"{setting.name}@{rounds}" if len(setting.scored_rounds) > 1 else setting.name
            print_table(f"{label}: {json.dumps(setting.params)} rounds {rounds}, share {setting.share}"
                        f"{', soft labels' if setting.soft else ''}", fold_table(rows))
            if args.rows:
                args.rows.mkdir(parents=True, exist_ok=True)
                (args.rows / f"{label}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                                          encoding="utf-8")


if __name__ == "__main__":
    main()
