#!/usr/bin/env python3
"""Experiment: the page-type word models fitted as naive Bayes or softmax regressions (shipped
since round 34), and the article probability weighted when the types are ranked, over several
booster seeds (issue 12).

The page-type classifier of ``train_content.py --page-types-only --cv-only`` is cross-validated
on the pages as the clean stage reads them (after its button repair), with its word models fitted
two ways: naive Bayes and a softmax regression over which words a page holds (L2 penalty, L-BFGS
from zeros: deterministic, no seed). The word models' stacked rows are fitted once per variant;
only the booster varies with the seed. Each fold's classifier also types every corpus/meta page
(all articles, never in the training), so the article weight is chosen on one half of corpus/meta's
sites (the smallest weight whose "article" count is at least naive Bayes' at 1.0) and checked on
the other half, never on wcxb's test folds. Results (CHANGELOG): round 32, naive Bayes 0.8907,
softmax with the weight 1.3 0.8954, not shipped; round 34, with the headline and section-shape
columns, naive Bayes 0.8921, softmax 0.9016, softmax with the chosen weight 1.4 0.9008: shipped
(``page_words.fit_softmax_word_model``, ``model.ARTICLE_WEIGHT``).

    python benchmarks/page_type_seeds.py --cache build/cache --seeds 20260101,7,12345,1,2,3,4 \
        --weights 1.0,1.1,1.2,1.3,1.4,1.5,1.75,2.0
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import lightgbm as lgb
import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import metadata as meta_bench  # noqa: E402
import train_content as tc  # noqa: E402
from content_corpus import fold_of, load_pages, read_folds, type_f1  # noqa: E402

from tasks.clean.features.page_words import (  # noqa: E402
    PageWordModels,
    WordFit,
    fit_softmax_word_model,
    fit_word_model,
    fit_word_models,
)
from tasks.clean.html.extract import PageReading, parse_page, read_page  # noqa: E402
from tasks.clean.model import PAGE_TYPE_FEATURES, PAGE_TYPES, page_type_row, ranked_types  # noqa: E402

ARTICLE = PAGE_TYPES.index("article")


WORD_FITS: dict[str, WordFit] = {"naive-bayes": fit_word_model, "softmax": fit_softmax_word_model}


def fit_groups(typed: Sequence[tc.TypedPage], fit: WordFit) -> PageWordModels:
    """One word model per token group, fitted by ``fit`` (``fit_word_models`` with the fit chosen)."""
    return fit_word_models([(d.tokens, d.site, d.page_type) for d in typed], PAGE_TYPES, fit)


@dataclass
class MetaPage:
    """One corpus/meta page's page-type inputs and its site."""

    site: str
    page: np.ndarray
    kind: np.ndarray
    tokens: list[str]


@dataclass
class StackedFold:
    """One outer fold's classifier inputs: the stacked training rows and the rows it types."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    x_meta: np.ndarray


def stacked_training_rows(typed: Sequence[tc.TypedPage], fit: WordFit) -> tuple[np.ndarray, np.ndarray]:
    """``train_page_types``'s rows: each page's word probabilities from models that never saw its fold."""
    rows, labels = [], []
    for fold in sorted({d.fold for d in typed}):
        words = fit_groups([d for d in typed if d.fold != fold], fit)
        for d in (d for d in typed if d.fold == fold):
            rows.append(page_type_row(d.page, d.kind, words, d.tokens))
            labels.append(PAGE_TYPES.index(d.page_type))  # type: ignore[arg-type]
    return np.vstack(rows), np.asarray(labels)


def stack_folds(data: Sequence[tc.PageTypeData], meta: Sequence[MetaPage], fit: WordFit, k: int) -> list[StackedFold]:
    """Every outer fold's rows for one word-model fit (seed-independent: computed once)."""
    folds = []
    for fold in range(k):
        train = [d for d in data if d.fold != fold]
        x_train, y_train = stacked_training_rows(train, fit)
        words = fit_groups(train, fit)
        x_test = np.vstack([page_type_row(d.page, d.kind, words, d.tokens) for d in data if d.fold == fold])
        x_meta = np.vstack([page_type_row(m.page, m.kind, words, m.tokens) for m in meta])
        folds.append(StackedFold(x_train, y_train, x_test, x_meta))
    return folds


@dataclass
class SeedRun:
    """One booster seed's out-of-fold and corpus/meta probabilities, per outer fold."""

    test: list[np.ndarray]
    meta: list[np.ndarray]


def run_seed(folds: Sequence[StackedFold], seed: int) -> SeedRun:
    """Each fold's booster with this seed, and its probabilities on its test fold and corpus/meta."""
    params = {**tc.PAGE_PARAMS, "seed": seed}
    run = SeedRun([], [])
    for f in folds:
        dataset = lgb.Dataset(f.x_train, f.y_train, feature_name=list(PAGE_TYPE_FEATURES), free_raw_data=False)
        booster = lgb.train(params, dataset, num_boost_round=tc.PAGE_ROUNDS)
        run.test.append(np.asarray(booster.predict(f.x_test, num_threads=1)))
        run.meta.append(np.asarray(booster.predict(f.x_meta, num_threads=1)))
    return run


def oof_rows(data: Sequence[tc.PageTypeData], run: SeedRun, article_weight: float) -> list[dict[str, object]]:
    """``cross_validate_page_types``'s rows for one seed's run and article weight."""
    rows: list[dict[str, object]] = []
    for fold, probabilities in enumerate(run.test):
        test = [d for d in data if d.fold == fold]
        for d, index in zip(test, ranked_types(probabilities, article_weight), strict=True):
            rows.append({"corpus": d.corpus, "type": d.page_type, "fold": fold, "predicted_type": PAGE_TYPES[index]})
    return rows


def fold_accuracies(rows: Sequence[dict[str, object]], k: int) -> list[float]:
    """Per fold, the share of its pages typed right."""
    return [statistics.mean(float(r["predicted_type"] == r["type"]) for r in rows if r["fold"] == fold)
            for fold in range(k)]


def site_half(site: str) -> int:
    """0 (the tuning half) or 1 (the check half) of corpus/meta, by a hash of the page's site."""
    return hashlib.sha256(site.encode()).digest()[0] % 2


def meta_article_counts(meta: Sequence[MetaPage], run: SeedRun, article_weight: float) -> list[tuple[int, int]]:
    """Per fold model, the meta pages of each half it calls "article" (tuning half, check half)."""
    halves = [site_half(m.site) for m in meta]
    counts = []
    for probabilities in run.meta:
        article = ranked_types(probabilities, article_weight) == ARTICLE
        counts.append((sum(int(a) for a, h in zip(article, halves, strict=True) if h == 0),
                       sum(int(a) for a, h in zip(article, halves, strict=True) if h == 1)))
    return counts


def chosen_weight(tuning_counts: dict[float, float], floor: float) -> float | None:
    """The smallest article weight whose mean tuning-half "article" count reaches ``floor``."""
    return min((w for w, count in tuning_counts.items() if count >= floor), default=None)


def served_reading(html: str, url: str | None) -> PageReading | None:
    """The page-type inputs as the clean stage reads them (``extract_page``): after the button
    repair (``parse_page``)."""
    root = parse_page(html)
    return None if root is None else read_page(root, url)


def read_wcxb(cache: Path | None) -> list[tc.PageTypeData]:
    """Every wcxb page's page-type inputs as served, cached."""
    def build() -> list[tc.PageTypeData]:
        folds = read_folds()
        data = []
        for page in (p for p in load_pages() if p.corpus == "wcxb"):
            if reading := served_reading(page.html(), page.url):
                data.append(tc.PageTypeData(page.key, page.corpus, page.page_type, fold_of(page, folds), page.site,
                                            reading.page_features, reading.page_kind, reading.page_tokens))
        return data

    return tc.cached(cache, "page_types_served", _cache_key(), build)


def read_meta(cache: Path | None) -> list[MetaPage]:
    """Every corpus/meta page's page-type inputs as served (pages that do not parse left out), cached."""
    def build() -> list[MetaPage]:
        corpus = meta_bench.load_meta(meta_bench.CORPUS_ROOT / "meta")
        pages = []
        for page_id, html, url in corpus.pages:
            if reading := served_reading(html, url):
                pages.append(MetaPage(corpus.domains[page_id], reading.page_features, reading.page_kind,
                                      reading.page_tokens))
        return pages

    return tc.cached(cache, "meta_page_types_served", _cache_key(), build)


def _cache_key() -> list[object]:
    """What the cached readings depend on: the features and the code computing them."""
    return [tc.CACHE_VERSION, PAGE_TYPE_FEATURES, tc._feature_sources()]


def spread(values: Sequence[float]) -> str:
    """Mean, then min-max, of values over seeds."""
    return f"{statistics.mean(values):.4f} ({min(values):.4f}-{max(values):.4f})"


def report(data: Sequence[tc.PageTypeData], meta: Sequence[MetaPage], runs: dict[str, list[SeedRun]],
           weights: Sequence[float], k: int) -> None:
    """Fold means, per-fold, per-type F1 and meta counts per variant and weight; the chosen weight."""
    base_tuning = statistics.mean(c[0] for run in runs["naive-bayes"] for c in meta_article_counts(meta, run, 1.0))
    halves = Counter(site_half(m.site) for m in meta)
    print(f"corpus/meta: {len(meta)} pages, tuning half {halves[0]}, check half {halves[1]}")
    for variant, seed_runs in runs.items():
        tuning: dict[float, float] = {}
        for weight in weights:
            seed_rows = [oof_rows(data, run, weight) for run in seed_runs]
            per_seed = [fold_accuracies(rows, k) for rows in seed_rows]
            counts = [c for run in seed_runs for c in meta_article_counts(meta, run, weight)]
            tuning[weight] = statistics.mean(c[0] for c in counts)
            rows = [r for one in seed_rows for r in one]
            print(f"\n{variant} article x{weight}: fold mean {spread([statistics.mean(a) for a in per_seed])}"
                  f" folds " + " / ".join(f"{statistics.mean(a[f] for a in per_seed):.3f}" for f in range(k)))
            print("  per seed: " + " ".join(f"{statistics.mean(a):.4f}" for a in per_seed))
            print("  F1: " + "  ".join(f"{t} {spread([type_f1(r, t) for r in seed_rows])}" for t in PAGE_TYPES))
            print(f"  meta article, fold models (mean over seeds): tuning {tuning[weight]:.1f}"
                  f"  check {statistics.mean(c[1] for c in counts):.1f}"
                  f"  all {statistics.mean(c[0] + c[1] for c in counts):.1f}")
            print_confusion(rows, len(seed_runs))
        weight = chosen_weight(tuning, base_tuning)
        print(f"\n{variant}: weight chosen on the tuning half (count >= {base_tuning:.1f}): {weight}")


def print_confusion(rows: Sequence[dict[str, object]], seeds: int) -> None:
    """Truth (rows) against prediction (columns), mean pages per seed."""
    counts = Counter((r["type"], r["predicted_type"]) for r in rows)
    print(f"  {'truth / predicted':<16}" + "".join(f"{t[:6]:>8}" for t in PAGE_TYPES))
    for truth in PAGE_TYPES:
        print(f"  {truth:<16}" + "".join(f"{counts[truth, p] / seeds:>8.1f}" for p in PAGE_TYPES))


def main() -> None:
    """Cross-validate both word-model variants over the seeds and report."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, help="train_content.py's --cache folder (page-type rows, meta rows)")
    ap.add_argument("--seeds", default=str(tc.SEED), help="booster seeds, comma-separated")
    ap.add_argument("--weights", default="1.0,1.1,1.2,1.3,1.5", help="article weights, comma-separated")
    ap.add_argument("--variants", default=",".join(WORD_FITS), help=f"word models among {', '.join(WORD_FITS)}")
    args = ap.parse_args()
    data = read_wcxb(args.cache)
    meta = read_meta(args.cache)
    k = 1 + max(d.fold for d in data)
    seeds = [int(s) for s in args.seeds.split(",")]
    runs = {}
    for variant in args.variants.split(","):
        folds = stack_folds(data, meta, WORD_FITS[variant], k)
        runs[variant] = [run_seed(folds, seed) for seed in seeds]
        print(f"  {variant}: stacked and {len(seeds)} seeds run", file=sys.stderr)
    report(data, meta, runs, [float(w) for w in args.weights.split(",")], k)


if __name__ == "__main__":
    main()
