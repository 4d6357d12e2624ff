"""The clean stage's trained models: LightGBM boosters saved as text by ``make train``
(``benchmarks/train_content.py``), with ``model.json`` recording their features, training data,
fold scores and library versions.

Loaded once per process (``models()``; the pipeline's warm-up loads them before a worker forks),
and refused at load when the recorded feature names differ from today's feature functions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import lightgbm as lgb
import numpy as np

from tasks.clean.features.blocks import BLOCK_FEATURES
from tasks.clean.features.confidence import CONFIDENCE_FEATURES
from tasks.clean.features.line_words import LINE_MODEL_FEATURES, LineWordTable
from tasks.clean.features.page import PAGE_FEATURES
from tasks.clean.features.page_kind import PAGE_KIND_FEATURES
from tasks.clean.features.page_words import TOKEN_GROUPS, PageWordModels
from tasks.errors import ModelMismatch
from tasks.models import PageType

MODEL_DIR = Path(__file__).resolve().parent
MODEL_JSON = "model.json"
BLOCK_MODEL_FILE = "blocks.txt"
PAGE_TYPE_MODEL_FILE = "page_type.txt"
LINE_MODEL_FILE = "lines.txt"
CONFIDENCE_MODEL_FILE = "confidence.txt"
WORD_MODEL_FILE = "page_words.json"
LINE_WORD_MODEL_FILE = "line_words.json"
PAGE_TYPES: tuple[PageType, ...] = ("article", "forum", "product", "collection", "listing", "documentation", "service")
# The page-type classifier reads the page's features (those the block model shares, then its own
# kind features) and each word model's type probabilities (naming words, then control words).
PAGE_TYPE_FEATURES = (*PAGE_FEATURES, *PAGE_KIND_FEATURES,
                      *(f"{group}_{t}" for group in TOKEN_GROUPS for t in PAGE_TYPES))
# How many times the article probability counts when the types are ranked. The softmax word
# models call fewer of corpus/meta's articles (none in training) "article" than naive Bayes did;
# 1.4 is the smallest weight restoring naive Bayes' count on one half of its sites, chosen by
# `benchmarks/page_type_seeds.py` over seven seeds and checked on the other half (CHANGELOG).
ARTICLE_WEIGHT = 1.4
# A DOM block or text line is kept when its model gives it at least this probability of being content.
KEEP_PROBABILITY = 0.5
# A plain-text payload's lines are kept down to the probability where the page's expected word
# F1 peaks (the kept lines' expected true words against the kept words plus the words the
# probabilities expect in the truth), when that lies below KEEP_PROBABILITY: a listing or
# collection the model is unsure of keeps its likely lines beside the few it is sure of.
# Probabilities count to the power EXPECTED_F1_POWER, so that a long tail of unlikely chrome lines
# does not inflate the expected truth, and the threshold stays at or above EXPECTED_F1_FLOOR.
# Fold means, inscriptis / bs4 / dev, out-of-fold probabilities (0.814 / 0.813 / 0.902 at 0.5):
# power 1, floor 0: 0.827 / 0.814 / 0.888 (dev and bs4 forums, products lose); power 1, floor
# 0.3: 0.825 / 0.817 / 0.889; power 1.5, floor 0.25: 0.825 / 0.819 / 0.900 (0.3: the same);
# power 2, floor 0.25: 0.820 / 0.817 / 0.902; power 2, floor 0: 0.820 / 0.814 / 0.902.
EXPECTED_F1_POWER = 1.5
EXPECTED_F1_FLOOR = 0.25
# When no line reaches KEEP_PROBABILITY (the line model unsure of a whole listing, product page
# or app shell), the lines above this share of the best line's probability are kept rather than
# nothing. On the empty pages of folds 0-1 (20 renderings), mean F1 by share: 0.1 0.234,
# 0.2 0.238, 0.3 0.233, 0.5 0.215, 0.8 0.159.
FALLBACK_SHARE = 0.2
# Unless even the best line is below this: then the model is sure the payload holds no content
# (app shells whose truth is empty), and the text stays empty. Refitted in round 36 for the line
# model with word features, which is surer of an app shell's chrome (its best line 0.18-0.23
# where the truth is empty): fold means, inscriptis / bs4 / dev, by floor: 0.1 0.8438 / 0.8362 /
# 0.9275, 0.2 0.8445 / 0.8362, 0.25 0.8453 / 0.8362 / 0.9275 (inscriptis listing +0.019, 2
# renderings at F1 0 fewer), 0.3 0.8453 / 0.8357, 0.4 0.8448 / 0.8358.
FALLBACK_FLOOR = 0.25


@dataclass(frozen=True)
class Models:
    """The boosters and their record."""

    blocks: lgb.Booster
    page_type: lgb.Booster
    lines: lgb.Booster
    confidence: lgb.Booster
    words: PageWordModels
    line_words: LineWordTable
    record: dict[str, object]

    def block_probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """Per block row, the probability that it is main content."""
        if not len(matrix):
            return np.zeros(0, dtype=np.float64)
        return np.asarray(self.blocks.predict(matrix, num_threads=1), dtype=np.float64)

    def line_probabilities(self, matrix: np.ndarray) -> np.ndarray:
        """Per text-line row, the probability that it is main content."""
        if not len(matrix):
            return np.zeros(0, dtype=np.float64)
        return np.asarray(self.lines.predict(matrix, num_threads=1), dtype=np.float64)

    def page_type_of(self, row: np.ndarray, kind: np.ndarray, tokens: list[str]) -> tuple[PageType, float]:
        """The most likely page type of a page (its feature rows and naming words), and its probability."""
        return most_likely_type(self.page_type, page_type_row(row, kind, self.words, tokens))

    def confidence_of(self, row: np.ndarray) -> float:
        """The expected word F1 of a page's text (0-1) from its confidence features."""
        return float(np.clip(self.confidence.predict(row.reshape(1, -1), num_threads=1)[0], 0.0, 1.0))


def page_type_row(row: np.ndarray, kind: np.ndarray, words: PageWordModels, tokens: list[str]) -> np.ndarray:
    """The page-type classifier's input: the page's features, its kind features, then the word
    models' probabilities."""
    return np.concatenate([row.astype(np.float32), kind.astype(np.float32), words.probabilities(tokens)])


def most_likely_type(booster: lgb.Booster, row: np.ndarray) -> tuple[PageType, float]:
    """The page type a page-type booster rates highest for a page-feature row, the article
    probability counted ``ARTICLE_WEIGHT`` times, and that type's own probability."""
    probabilities = np.asarray(booster.predict(row.reshape(1, -1), num_threads=1))[0]
    best = int(ranked_types(probabilities)[0])
    return PAGE_TYPES[best], float(probabilities[best])


def ranked_types(probabilities: np.ndarray, article_weight: float = ARTICLE_WEIGHT) -> np.ndarray:
    """Each row's (or one row's) type index when the article probability counts ``article_weight`` times."""
    weights = np.where(np.asarray(PAGE_TYPES) == "article", article_weight, 1.0)
    return np.asarray(np.argmax(np.atleast_2d(probabilities) * weights, axis=1))


def line_keep_threshold(probabilities: Sequence[float] | np.ndarray, words: Sequence[float] | np.ndarray) -> float:
    """The probability a line needs to be kept: ``KEEP_PROBABILITY`` or lower, down to
    ``EXPECTED_F1_FLOOR``, where the page's expected word F1 peaks; when no line reaches
    ``KEEP_PROBABILITY`` but the best reaches ``FALLBACK_FLOOR``, ``FALLBACK_SHARE`` of the best's."""
    p = np.asarray(probabilities, dtype=np.float64)
    best = float(p.max()) if len(p) else 0.0
    if best < KEEP_PROBABILITY:
        return best * FALLBACK_SHARE if best >= FALLBACK_FLOOR else KEEP_PROBABILITY
    sizes = np.asarray(words, dtype=np.float64) + 1.0
    return min(KEEP_PROBABILITY, max(expected_f1_threshold(p, sizes), EXPECTED_F1_FLOOR))


def expected_f1_threshold(p: np.ndarray, sizes: np.ndarray) -> float:
    """The probability of the last line kept when lines are kept from the likeliest down and
    the kept ones' expected true words, against kept plus expected truth words, peak."""
    weight = p**EXPECTED_F1_POWER * sizes
    order = np.argsort(-p, kind="stable")
    expected_f1 = 2 * np.cumsum(weight[order]) / (np.cumsum(sizes[order]) + float(weight.sum()))
    return float(p[order[int(np.argmax(expected_f1))]])


def assemble_text(texts: Sequence[str], probabilities: Sequence[float] | np.ndarray) -> str:
    """The kept blocks' texts, in page order, one paragraph each."""
    return "\n\n".join(t for t, p in zip(texts, probabilities, strict=True) if p >= KEEP_PROBABILITY)


def check_features(record: dict[str, object]) -> None:
    """Refuse a model trained on other features than today's functions compute.

    Raises:
        ModelMismatch: the recorded feature names differ.
    """
    for name, expected in (("block_features", BLOCK_FEATURES), ("page_type_features", PAGE_TYPE_FEATURES),
                           ("line_features", LINE_MODEL_FEATURES), ("confidence_features", CONFIDENCE_FEATURES)):
        if record.get(name) != list(expected):
            raise ModelMismatch(f"{name} of {MODEL_JSON} differ from tasks.clean.features: run `make train`")


# The folder ``models()`` reads: the package's, unless a benchmark points it at models that
# never saw the pages it scores (``use_models``).
_FOLDER = [MODEL_DIR]


def use_models(folder: Path) -> None:
    """Read the models from another folder from now on (benchmarks: one fold's models)."""
    _FOLDER[0] = folder
    _load.cache_clear()


def models(folder: Path | None = None) -> Models:
    """The shipped models (or ``use_models``'s), read once per process.

    Raises:
        ModelMismatch: a file is missing or the features do not match.
    """
    return _load(folder or _FOLDER[0])


@lru_cache(maxsize=1)
def _load(folder: Path) -> Models:
    try:
        record = json.loads((folder / MODEL_JSON).read_text(encoding="utf-8"))
        blocks = lgb.Booster(model_file=str(folder / BLOCK_MODEL_FILE))
        page_type = lgb.Booster(model_file=str(folder / PAGE_TYPE_MODEL_FILE))
        lines = lgb.Booster(model_file=str(folder / LINE_MODEL_FILE))
        confidence = lgb.Booster(model_file=str(folder / CONFIDENCE_MODEL_FILE))
        words = PageWordModels.from_json(json.loads((folder / WORD_MODEL_FILE).read_text(encoding="utf-8")))
        line_words = LineWordTable.from_json(json.loads((folder / LINE_WORD_MODEL_FILE).read_text(encoding="utf-8")))
    except (OSError, lgb.basic.LightGBMError, json.JSONDecodeError) as exc:
        raise ModelMismatch(f"cannot load the clean stage's models from {folder}: {exc}") from exc
    check_features(record)
    return Models(blocks, page_type, lines, confidence, words, line_words, record)
