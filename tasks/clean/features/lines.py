"""The line model's features: one row per non-empty line of a plain-text payload, columns named
by ``LINE_FEATURES``.

Families: the line's own shape (as ``tasks.clean.text.lines`` measures it: words, stop-word
density, punctuation, bullet, repeats), the rule-based pass's votes (its quality classes and
role), its place in the page, the density of the text around it (windows of lines and its
blank-line block), and its neighbours.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from tasks.clean.text.lines import TextLine

INITIAL_CODES = {"bad": 0, "short": 1, "neargood": 2, "good": 3}
ROLE_CODES = {"boilerplate": 0, "paragraph": 1, "heading": 2, "list_item": 3, "quote": 4, "title": 5, "dek": 6,
              "byline": 7, "dateline": 8, "caption": 9, "image_alt": 9, "credit": 9, "video": 10, "site": 11,
              "section_label": 11, "page_clock": 12}
# Lines on each side averaged into the local density features.
WINDOWS = (2, 6)

_OWN = ("words", "log_chars", "stop_density", "final_punct", "terminal", "bullet", "repeats", "chrome",
        "initial", "good", "role", "digit_share", "upper_initial_share", "pipe_or_bullet_marks")
_NEIGHBOUR_SOURCES = ("words", "stop_density", "good", "role")
LINE_FEATURES: tuple[str, ...] = (
    *_OWN,
    "position", "word_position", "block_lines", "block_words_share",
    *(f"window{w}_{name}" for w in WINDOWS for name in ("words", "good", "stop_density")),
    *(f"{side}_{name}" for side in ("prev", "next") for name in _NEIGHBOUR_SOURCES),
    "from_longest", "after_title", "page_log_words", "page_log_lines", "page_good_share",
)


def own_shape(line: TextLine) -> list[float]:
    """The line's shape and the rule pass's verdicts on it."""
    body = line.body
    words = body.split()
    n = max(len(words), 1)
    return [
        line.words, math.log1p(line.chars), line.stop_density, float(line.final_punct), float(line.terminal),
        float(line.bullet), math.log1p(line.repeats - 1), float(line.chrome), float(INITIAL_CODES.get(line.initial, 0)),
        float(line.quality == "good"), float(ROLE_CODES.get(line.role, 0)),
        sum(c.isdigit() for c in body) / max(len(body), 1), sum(1 for w in words if w[:1].isupper()) / n,
        float(sum(body.count(m) for m in "|•·»")),
    ]


def _window_means(values: np.ndarray, radius: int) -> np.ndarray:
    """The mean of each value with ``radius`` lines on either side (edges: what there is)."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    idx = np.arange(n)
    lo, hi = np.maximum(idx - radius, 0), np.minimum(idx + radius + 1, n)
    means: np.ndarray = (padded[hi] - padded[lo]) / (hi - lo)
    return means


def line_matrix(lines: Sequence[TextLine]) -> np.ndarray:
    """The feature matrix of a payload's lines, columns in ``LINE_FEATURES`` order."""
    n = len(lines)
    if not n:
        return np.zeros((0, len(LINE_FEATURES)), dtype=np.float32)
    own = np.asarray([own_shape(line) for line in lines], dtype=np.float64)
    words = own[:, 0]
    page_words = max(float(words.sum()), 1.0)
    words_before = np.concatenate([[0.0], np.cumsum(words)[:-1]])
    block_lines = Counter(line.block for line in lines)
    block_words: dict[int, float] = {}
    for line in lines:
        block_words[line.block] = block_words.get(line.block, 0.0) + line.words
    longest = int(np.argmax(words))
    title = next((line.index for line in lines if line.role == "title"), -1)
    columns = [
        np.arange(n) / n, words_before / page_words,
        np.asarray([math.log1p(block_lines[line.block]) for line in lines]),
        np.asarray([block_words[line.block] / page_words for line in lines]),
    ]
    good = own[:, _OWN.index("good")]
    density = own[:, _OWN.index("stop_density")]
    for radius in WINDOWS:
        columns += [_window_means(words, radius), _window_means(good, radius), _window_means(density, radius)]
    sources = own[:, [_OWN.index(name) for name in _NEIGHBOUR_SOURCES]]
    edge = np.full((1, sources.shape[1]), -1.0)
    prev = np.vstack([edge, sources[:-1]])
    nxt = np.vstack([sources[1:], edge])
    page = [
        (np.arange(n) - longest) / n, (np.arange(n) > title).astype(float) if title >= 0 else np.zeros(n),
        np.full(n, math.log1p(page_words)), np.full(n, math.log1p(n)), np.full(n, float(good.mean())),
    ]
    return np.hstack([own, np.column_stack(columns), prev, nxt, np.column_stack(page)]).astype(np.float32)
