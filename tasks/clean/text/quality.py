"""Good or boilerplate: each line judged by its shape, then revised by its neighbours.

This is jusText's paragraph classifier carried over to text lines (there are no links to count,
so UI vocabulary and chrome patterns stand in for link density).
"""

from __future__ import annotations

from collections import Counter

from tasks.clean.text.lines import TextLine
from tasks.clean.text.patterns import (
    CALL_TO_ACTION,
    LEGAL_LINE,
    SLIDE_COUNTER,
    SOCIAL_SIGNATURE,
    TICKER_ITEM,
    UI_LINE,
)
from tasks.clean.text.repair import has_markup
from tasks.common.words import UI_WORDS, WORD

GOOD, NEARGOOD, SHORT, BAD = "good", "neargood", "short", "bad"
_SHORT_OR_NEARGOOD = frozenset({SHORT, NEARGOOD})
_SHORT_ONLY = frozenset({SHORT})

# Lines under this many words are "short": too little text to judge alone (jusText's 70
# characters is ~12 English words). Dev F1 (whole pipeline, LONG_MIN_WORDS=25): 10 -> 0.900,
# 12 -> 0.905, 14 -> 0.906: a plateau; 12 keeps jusText's meaning.
SHORT_MAX_WORDS = 12
# Lines of at least this many words with enough stop words are "good" outright (jusText's
# 200 characters is ~33 words). Dev F1 with SHORT_MAX_WORDS=12: 20 -> 0.905, 25 -> 0.905
# (better precision), 30 -> 0.904.
LONG_MIN_WORDS = 25
# Stop-word densities of prose: jusText's defaults (0.30 / 0.32), which dev confirmed.
STOP_LOW = 0.30
STOP_HIGH = 0.32
# A line that ends like a sentence needs fewer stop words to be near-good: news prose full of
# names and figures ("The 10-year U.S. Treasury note was up 4/32") runs 0.2-0.3.
# Dev F1: 0.15 -> 0.905, 0.20 -> 0.905, 0.25 -> 0.905, off (0.30) -> 0.900.
SENTENCE_STOP_LOW = 0.20
# Share of a line's words that may be UI vocabulary before a short line is read as chrome:
# "Home | News | Sport" is 100 %, a real sub-heading rarely above 50 %.
UI_WORD_SHARE = 0.6
# Slides out of the same total that make a photo gallery ("3/50", "4/50", ...): a date or a
# ratio ("9/11", "2/3 of voters") occurs once or twice, a gallery's counters many times.
MIN_GALLERY_SLIDES = 3
# A call to action ("Sign up for ...", "Read more: ...") is a line of its own; a longer line
# that opens with one is a paragraph glued to a widget label by the page layout.
CALL_TO_ACTION_MAX_WORDS = 30
# A short unpunctuated line repeated this often on the page is navigation or a widget label.
MAX_REPEATS = 3


def _ui_share(line: TextLine) -> float:
    tokens = [t.lower() for t in WORD.findall(line.body)]
    return sum(1 for t in tokens if t in UI_WORDS) / len(tokens) if tokens else 1.0


def is_chrome(line: TextLine) -> bool:
    """True for lines that are page chrome whatever their context."""
    body = line.body
    if UI_LINE.match(body) or (CALL_TO_ACTION.match(body) and line.words <= CALL_TO_ACTION_MAX_WORDS):
        return True
    if (line.bullet and TICKER_ITEM.match(body)) or SOCIAL_SIGNATURE.match(body) or has_markup(body):
        return True
    if line.repeats >= MAX_REPEATS and line.words < SHORT_MAX_WORDS and not line.final_punct:
        return True
    if LEGAL_LINE.search(body) and line.words < LONG_MIN_WORDS:
        return True
    return line.words <= SHORT_MAX_WORDS and _ui_share(line) >= UI_WORD_SHARE


def initial_quality(line: TextLine) -> str:
    """The class a line earns on its own (sets ``line.chrome``)."""
    line.chrome = is_chrome(line)
    if line.chrome:
        return BAD
    if line.words < SHORT_MAX_WORDS:
        return SHORT
    if line.stop_density >= STOP_HIGH and line.words >= LONG_MIN_WORDS:
        return GOOD
    if line.stop_density >= STOP_LOW:
        return NEARGOOD
    if line.stop_density >= SENTENCE_STOP_LOW and line.terminal:
        return NEARGOOD
    return BAD


def _neighbours(classes: list[str], skip: frozenset[str]) -> tuple[list[str], list[str]]:
    """For each line, the initial class of the closest line before and after it whose class
    is not in ``skip`` (``bad`` beyond the page's ends), in two linear passes."""
    size = len(classes)
    before, after = [BAD] * size, [BAD] * size
    last = BAD
    for i in range(size):
        before[i] = last
        last = last if classes[i] in skip else classes[i]
    last = BAD
    for i in range(size - 1, -1, -1):
        after[i] = last
        last = last if classes[i] in skip else classes[i]
    return before, after


def _revise_short(prev: str, nxt: str, prev_any: str, next_any: str) -> str:
    """jusText's rule for a short line from its neighbours (``*_any``: near-good not skipped)."""
    if prev == GOOD and nxt == GOOD:
        return GOOD
    if prev == BAD and nxt == BAD:
        return BAD
    if (prev == BAD and prev_any == NEARGOOD) or (nxt == BAD and next_any == NEARGOOD):
        return GOOD
    return BAD


def _drop_gallery_captions(lines: list[TextLine]) -> None:
    """A gallery's slide counters ("3/50 ...") and the captions under them are not article
    text. A gallery shows several counters out of the same total; one "9/11" is not one."""
    counters = {i: m["total"] for i, ln in enumerate(lines) if (m := SLIDE_COUNTER.match(ln.body))}
    totals = Counter(counters.values())
    for i, total in counters.items():
        if totals[total] < MIN_GALLERY_SLIDES:
            continue
        for line in lines[i : i + 2]:
            line.initial = line.quality = BAD


def _is_short_sentence(line: TextLine) -> bool:
    return line.quality == SHORT and line.terminal and line.stop_density >= SENTENCE_STOP_LOW


def _anchor_short_articles(lines: list[TextLine]) -> None:
    """A brief has no long paragraph to anchor it: its best lines anchor it instead (the
    near-good ones, or failing those its short sentences), so it is never emptied."""
    for promote in (lambda ln: ln.quality == NEARGOOD, _is_short_sentence):
        if any(line.quality == GOOD for line in lines):
            return
        for line in lines:
            if promote(line):
                line.initial = line.quality = GOOD


def classify_quality(lines: list[TextLine]) -> None:
    """Set ``line.quality`` to good or bad for every line, jusText-style."""
    for line in lines:
        line.initial = line.quality = initial_quality(line)
    _drop_gallery_captions(lines)
    _anchor_short_articles(lines)
    initial = [line.quality for line in lines]
    prev, nxt = _neighbours(initial, _SHORT_OR_NEARGOOD)
    prev_any, next_any = _neighbours(initial, _SHORT_ONLY)
    for i, line in enumerate(lines):
        if line.quality == SHORT:
            line.quality = _revise_short(prev[i], nxt[i], prev_any[i], next_any[i])
        elif line.quality == NEARGOOD:
            line.quality = BAD if prev[i] == BAD and nxt[i] == BAD else GOOD
