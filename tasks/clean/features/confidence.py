"""The confidence model's features: one row per page, columns named by ``CONFIDENCE_FEATURES``.

How sure the content model was (its probabilities over the page's units, word-weighted), how
much text it kept, how far it and the rule-based path agree, and how sure the page-type
classifier was. The confidence regressor maps them to the expected word F1 of the text.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from tasks.clean.features.blocks import normalized_words

_WORD = re.compile(r"\w+")
# Probabilities between these are "undecided".
UNDECIDED = (0.2, 0.8)

CONFIDENCE_FEATURES: tuple[str, ...] = (
    "kept_mean_probability", "dropped_mean_probability", "undecided_word_share", "log_kept_words",
    "kept_word_share", "rule_agreement", "rule_kept_share", "page_type_probability", "log_units",
    "kept_unit_share", "longest_kept_share", "plain_text",
)


def agreement(a: str, b: str) -> float:
    """Bag-of-words F1 between two texts (1 when both are empty). Their words lower-cased are
    ``normalized_words``'s: the rule path's text was normalised for the block features already."""
    ca, cb = Counter(normalized_words(a).split()), Counter(normalized_words(b).split())
    if not ca and not cb:
        return 1.0
    overlap = sum((ca & cb).values())
    return 2 * overlap / (sum(ca.values()) + sum(cb.values()))


def confidence_row(unit_texts: Sequence[str], probabilities: Sequence[float] | np.ndarray, *, keep: float,
                   text: str, rule_text: str, page_type_probability: float, plain_text: bool,
                   unit_words: Sequence[int] | None = None) -> np.ndarray:
    """The page's confidence features: units (DOM blocks or lines) with their content
    probabilities, the text output, the rule path's text (page-type probability 0 for plain text);
    ``unit_words``: the units' ``\\w+`` word counts, when the caller has them already."""
    probs = np.asarray(probabilities, dtype=np.float64)
    if unit_words is None:
        unit_words = [len(_WORD.findall(t)) for t in unit_texts]
    words = np.asarray(unit_words, dtype=np.float64)
    total = max(float(words.sum()), 1.0)
    kept = probs >= keep
    kept_words = float(words[kept].sum()) if len(probs) else 0.0

    def weighted_mean(mask: np.ndarray) -> float:
        weight = float(words[mask].sum()) if len(probs) else 0.0
        return float((probs[mask] * words[mask]).sum() / weight) if weight else 0.0

    undecided = (probs > UNDECIDED[0]) & (probs < UNDECIDED[1])
    text_words = len(_WORD.findall(text))
    return np.asarray([
        weighted_mean(kept), weighted_mean(~kept), float(words[undecided].sum()) / total if len(probs) else 0.0,
        math.log1p(text_words), kept_words / total, agreement(text, rule_text),
        len(_WORD.findall(rule_text)) / total, page_type_probability, math.log1p(len(probs)),
        float(kept.mean()) if len(probs) else 0.0,
        float(words[kept].max()) / max(kept_words, 1.0) if kept.any() else 0.0, float(plain_text),
    ], dtype=np.float32)
