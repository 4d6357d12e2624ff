"""The line model's word features: what the words of a line say of it, learned from many sites.

The shape features cannot tell a menu's "Privacy Policy" or a cart's "Add to basket" from a
product's "Stainless steel" or a recipe's "Ingredients": all are short lines without end
punctuation. Chrome has its own vocabulary across sites, so each word gets a weight from the
training renderings: the log-odds that a page holding it in some line holds it in a content line
rather than in a chrome line (pages, not lines, are counted, so a site's long menu or a
forum's long thread weighs as one page). Only words found on pages of at least ``MIN_SITES``
different sites are kept: no single site's word decides a line.

The weights of a rendering's lines come from renderings the booster never saw with them:
training rows get theirs from tables fitted without their own fold (``benchmarks/train_content.py``).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from tasks.clean.features.lines import LINE_FEATURES, window_means
from tasks.clean.text.lines import TextLine

LINE_WORD_FEATURES = ("word_mean", "word_min", "word_max", "word_known_share", "window2_word_mean",
                      "window6_word_mean", "block_word_mean")
# The line model's columns: the shape features (``features.lines``), then the word features.
LINE_MODEL_FEATURES = (*LINE_FEATURES, *LINE_WORD_FEATURES)
# The generality rule of the house: a word counts once it is seen on pages of this many sites.
MIN_SITES = 3
# Add-one smoothing of the page counts behind a word's log-odds.
SMOOTHING = 1.0
# Letters only, two or more: digits, prices and dates are the shape features' business.
_WORD = re.compile(r"[^\W\d_]{2,}")


def line_words(text: str) -> set[str]:
    """The distinct lowercased words of a line."""
    return set(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class TrainingRendering:
    """What fitting a word table reads of one rendering: its site, lines and content labels."""

    site: str
    lines: Sequence[TextLine]
    labels: Sequence[float]


@dataclass(frozen=True)
class LineWordTable:
    """Each known word's log-odds of being read in a content line rather than a chrome line."""

    weights: Mapping[str, float]

    @classmethod
    def fit(cls, renderings: Iterable[TrainingRendering]) -> LineWordTable:
        """The table of the words of these renderings found on at least ``MIN_SITES`` sites."""
        content: dict[str, int] = defaultdict(int)
        chrome: dict[str, int] = defaultdict(int)
        sites: dict[str, set[str]] = defaultdict(set)
        for rendering in renderings:
            in_content, in_chrome = _page_words(rendering)
            for word in in_content:
                content[word] += 1
            for word in in_chrome:
                chrome[word] += 1
            for word in in_content | in_chrome:
                sites[word].add(rendering.site)
        weights = {word: round(math.log((content[word] + SMOOTHING) / (chrome[word] + SMOOTHING)), 4)
                   for word in sorted(sites) if len(sites[word]) >= MIN_SITES}
        return cls(weights)

    @classmethod
    def from_json(cls, data: Mapping[str, float]) -> LineWordTable:
        """The table as ``to_json`` wrote it."""
        return cls(dict(data))

    def to_json(self) -> dict[str, float]:
        """The weights, sorted by word (the same table gives the same bytes)."""
        return dict(sorted(self.weights.items()))

    def columns(self, lines: Sequence[TextLine]) -> np.ndarray:
        """The ``LINE_WORD_FEATURES`` columns of a payload's lines."""
        n = len(lines)
        if not n:
            return np.zeros((0, len(LINE_WORD_FEATURES)), dtype=np.float32)
        own = np.asarray([self._line_row(line.body) for line in lines], dtype=np.float64)
        mean = own[:, 0]
        blocks = np.asarray([line.block for line in lines])
        block_mean = np.bincount(blocks, weights=mean)[blocks] / np.bincount(blocks)[blocks]
        return np.column_stack([own, window_means(mean, 2), window_means(mean, 6), block_mean]).astype(np.float32)

    def _line_row(self, text: str) -> tuple[float, float, float, float]:
        """(mean, min, max) weight of the line's known words (0 when it has none), and their share."""
        words = line_words(text)
        known = [self.weights[w] for w in words if w in self.weights]
        if not known:
            return 0.0, 0.0, 0.0, 0.0
        return sum(known) / len(known), min(known), max(known), len(known) / len(words)


def _page_words(rendering: TrainingRendering) -> tuple[set[str], set[str]]:
    """The words a rendering holds in content lines, and those it holds in chrome lines."""
    in_content: set[str] = set()
    in_chrome: set[str] = set()
    for line, label in zip(rendering.lines, rendering.labels, strict=True):
        (in_content if label >= 0.5 else in_chrome).update(line_words(line.body))
    return in_content, in_chrome


def line_model_matrix(shape: np.ndarray, lines: Sequence[TextLine], table: LineWordTable) -> np.ndarray:
    """The line model's rows: a payload's shape matrix (``line_matrix``) and its word columns."""
    return np.hstack([shape, table.columns(lines)]).astype(np.float32)
