"""Which stop-word list fits a text: jusText's lists, chosen by coverage; CJK by script."""

from __future__ import annotations

import functools
from collections import Counter

import justext

from tasks.text_patterns import CJK_CHAR, LETTERS

# Share of a page's letters that must be CJK for it to be read as Chinese/Japanese/Korean:
# CJK pages in the corpus are 45-90 % CJK (menus in Latin letters), English ones below 1 %.
CJK_SHARE = 0.2
# Stop-word coverage below which no list fits (the text is not prose, or not in a listed
# language): English prose covers ~45 %, the corpus' French/Spanish/Czech/German pages 28-50 %
# with their own lists, the wrong lists at most ~18 % besides near-relatives.
MIN_COVERAGE = 0.12
# Tokens sampled for the guess: enough for a stable share, cheap for long pages.
SAMPLE_TOKENS = 4000
# Languages tried first (and preferred on ties): the common languages of news.
_PREFERRED = ("English", "French", "Spanish", "German", "Portuguese", "Italian", "Dutch")
# Lists that share most stop words with English (Marathi's jusText list holds English words).
_EXCLUDED = frozenset({"Simple_English", "Marathi"})


@functools.cache
def _stoplists() -> dict[str, frozenset[str]]:
    names = [n for n in justext.get_stoplists() if n not in _EXCLUDED]
    ordered = [n for n in _PREFERRED if n in names] + sorted(set(names) - set(_PREFERRED))
    return {name: frozenset(justext.get_stoplist(name)) for name in ordered}


@functools.cache
def _languages_of_word() -> dict[str, tuple[str, ...]]:
    """Inverted index: stop word -> the languages listing it (one lookup per distinct token)."""
    index: dict[str, list[str]] = {}
    for name, words in _stoplists().items():
        for word in words:
            index.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in index.items()}


def is_cjk(text: str) -> bool:
    """True when most letters of ``text`` are CJK ideographs, kana or hangul."""
    letters = sum(len(m) for m in LETTERS.findall(text[:20000]))
    return letters > 0 and len(CJK_CHAR.findall(text[:20000])) / letters >= CJK_SHARE


def guess_stoplist(text: str) -> tuple[str | None, frozenset[str]]:
    """(language name, its stop words) with the best coverage of ``text``; (None, empty) if none fits."""
    tokens = [t.lower() for t in LETTERS.findall(text)][:SAMPLE_TOKENS]
    if not tokens:
        return None, frozenset()
    hits: Counter[str] = Counter()
    index = _languages_of_word()
    for token, count in Counter(tokens).items():
        for name in index.get(token, ()):
            hits[name] += count
    order = list(_stoplists())
    best = max(hits, key=lambda name: (hits[name], -order.index(name)), default=None)
    if best is None or hits[best] / len(tokens) < MIN_COVERAGE:
        return None, frozenset()
    return best, _stoplists()[best]

