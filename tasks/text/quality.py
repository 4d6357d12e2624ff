"""Good or boilerplate: each line judged by its shape, then revised by its neighbours.

This is jusText's paragraph classifier carried over to text lines (there are no links to count,
so UI vocabulary and chrome patterns stand in for link density).
"""

from __future__ import annotations

from collections.abc import Callable

from tasks.text.lines import TextLine
from tasks.text_patterns import (
    CALL_TO_ACTION,
    LEGAL_LINE,
    TEASERS_START,
    TERMINAL_SENTENCE,
    TICKER_ITEM,
    UI_LINE,
    UI_WORDS,
    WORD,
)

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"

# Lines under this many words are "short": too little text to judge alone (jusText's 70
# characters is ~12 English words). Dev F1 with the whole pipeline: 8 -> 0.899, 10 -> 0.898,
# 12 -> 0.901, 14 -> 0.902-0.903: a plateau; 12 keeps jusText's meaning.
SHORT_MAX_WORDS = 12
# Lines of at least this many words with enough stop words are "good" outright (jusText's
# 200 characters is ~33 words). Dev F1 with SHORT_MAX_WORDS=12: 20 -> 0.901, 25 -> 0.901
# (better precision), 30 -> 0.899.
LONG_MIN_WORDS = 25
# Stop-word densities of prose: jusText's defaults (0.30 / 0.32), which dev confirmed.
STOP_LOW = 0.30
STOP_HIGH = 0.32
# A line that ends like a sentence needs fewer stop words to be near-good: news prose full of
# names and figures ("The 10-year U.S. Treasury note was up 4/32") runs 0.2-0.3.
# Dev F1: 0.15 -> 0.896, 0.20 -> 0.896 (best P), 0.25 -> 0.895, off (0.30) -> 0.890.
SENTENCE_STOP_LOW = 0.20
# Share of a line's words that may be UI vocabulary before a short line is read as chrome:
# "Home | News | Sport" is 100 %, a real sub-heading rarely above 50 %.
UI_WORD_SHARE = 0.6
# A short unpunctuated line repeated this often on the page is navigation or a widget label.
MAX_REPEATS = 3


def _ui_share(line: TextLine) -> float:
    tokens = [t.lower() for t in WORD.findall(line.body)]
    return sum(1 for t in tokens if t in UI_WORDS) / len(tokens) if tokens else 1.0


def is_chrome(line: TextLine) -> bool:
    """True for lines that are page chrome whatever their context."""
    body = line.body
    if UI_LINE.match(body) or CALL_TO_ACTION.match(body):
        return True
    if line.bullet and TICKER_ITEM.match(body):
        return True
    if line.repeats >= MAX_REPEATS and line.words < SHORT_MAX_WORDS and not line.final_punct:
        return True
    if LEGAL_LINE.search(body) and line.words < LONG_MIN_WORDS:
        return True
    return line.words <= SHORT_MAX_WORDS and _ui_share(line) >= UI_WORD_SHARE


def initial_quality(line: TextLine) -> str:
    """The class a line earns on its own."""
    if is_chrome(line):
        return BAD
    if line.words < SHORT_MAX_WORDS:
        return SHORT
    if line.stop_density >= STOP_HIGH and line.words >= LONG_MIN_WORDS:
        return GOOD
    if line.stop_density >= STOP_LOW:
        return NEARGOOD
    if line.stop_density >= SENTENCE_STOP_LOW and TERMINAL_SENTENCE.search(line.body):
        return NEARGOOD
    return BAD


def _neighbour(lines: list[TextLine], start: int, step: int, skip: Callable[[str], bool]) -> str:
    i = start + step
    while 0 <= i < len(lines):
        if not skip(lines[i].extra["initial"]):
            return lines[i].extra["initial"]
        i += step
    return BAD


def _revise_short(lines: list[TextLine], i: int) -> str:
    def skip(cls: str) -> bool:
        return cls in (SHORT, NEARGOOD)

    def skip_short(cls: str) -> bool:
        return cls == SHORT

    prev, nxt = _neighbour(lines, i, -1, skip), _neighbour(lines, i, 1, skip)
    if prev == GOOD and nxt == GOOD:
        return GOOD
    if prev == BAD and nxt == BAD:
        return BAD
    if (prev == BAD and _neighbour(lines, i, -1, skip_short) == NEARGOOD) or (
        nxt == BAD and _neighbour(lines, i, 1, skip_short) == NEARGOOD
    ):
        return GOOD
    return BAD


def _revise_neargood(lines: list[TextLine], i: int) -> str:
    def skip(cls: str) -> bool:
        return cls in (SHORT, NEARGOOD)

    prev, nxt = _neighbour(lines, i, -1, skip), _neighbour(lines, i, 1, skip)
    return BAD if prev == BAD and nxt == BAD else GOOD


def classify_quality(lines: list[TextLine]) -> None:
    """Set ``line.quality`` to good or bad for every line, jusText-style."""
    for line in lines:
        line.extra["initial"] = line.quality = initial_quality(line)
    if not any(line.quality == GOOD for line in lines):
        # A short article has no long paragraph to anchor it: its best lines anchor instead.
        for line in lines:
            if line.quality == NEARGOOD:
                line.extra["initial"] = line.quality = GOOD
    for i, line in enumerate(lines):
        if line.quality == SHORT:
            line.quality = _revise_short(lines, i)
    for i, line in enumerate(lines):
        if line.quality == NEARGOOD:
            line.quality = _revise_neargood(lines, i)
