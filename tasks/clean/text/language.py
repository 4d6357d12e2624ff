"""Which stop-word list fits a text: jusText's lists, chosen by coverage; CJK by script."""

from __future__ import annotations

import functools
from collections import Counter

import justext

from tasks.clean.text.patterns import CJK_CHAR
from tasks.common.words import LETTERS

# Share of a page's letters that must be CJK for it to be read as Chinese/Japanese/Korean:
# CJK pages in the corpus are 45-90 % CJK (menus in Latin letters), English ones below 1 %.
CJK_SHARE = 0.2
# Characters sampled for that share: a menu is rarely longer; the article starts within it.
CJK_SAMPLE_CHARS = 20_000
# Stop-word coverage below which no list fits (the text is not prose, or not in a listed
# language): English prose covers ~45 %, the corpus' French/Spanish/Czech/German pages 28-50 %
# with their own lists, the wrong lists at most ~18 % besides near-relatives.
MIN_COVERAGE = 0.12
# Coverage by one of the common news languages that settles the guess without trying the
# other ~90 lists: their prose covers 28-50 %, a wrong common language stays under 20 %.
PREFERRED_COVERAGE = 0.25
# Lines at least this long are sampled as prose; menus and buttons are shorter.
PROSE_LINE_CHARS = 60
# Tokens sampled for the guess: enough for a stable share, cheap for long pages (read from
# the first SAMPLE_TOKENS * 8 characters: words average under 8 characters with their spaces).
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
    sample = text[:CJK_SAMPLE_CHARS]
    if not CJK_CHAR.search(sample):
        return False
    letters = sum(map(len, LETTERS.findall(sample)))
    return letters > 0 and len(CJK_CHAR.findall(sample)) / letters >= CJK_SHARE


def _prose_sample(text: str) -> list[str]:
    """Lower-cased tokens of the page's long lines (prose, not menus), at most SAMPLE_TOKENS."""
    chunks, size = [], 0
    for line in text.splitlines():
        if len(line) >= PROSE_LINE_CHARS:
            chunks.append(line)
            size += len(line)
            if size >= SAMPLE_TOKENS * 8:
                break
    sample = "\n".join(chunks) if chunks else text[: SAMPLE_TOKENS * 8]
    return [t.lower() for t in LETTERS.findall(sample)][:SAMPLE_TOKENS]


def _coverage(tokens: Counter[str], names: tuple[str, ...] | None = None) -> Counter[str]:
    """Stop-word hits per language (all languages, or only ``names``)."""
    hits: Counter[str] = Counter()
    index = _languages_of_word()
    for token, count in tokens.items():
        for name in index.get(token, ()):
            if names is None or name in names:
                hits[name] += count
    return hits


def guess_stoplist(text: str) -> tuple[str | None, frozenset[str]]:
    """(language name, its stop words) with the best coverage of ``text``; (None, empty) if none fits."""
    tokens = _prose_sample(text)
    if not tokens:
        return None, frozenset()
    counts = Counter(tokens)
    hits = _coverage(counts, _PREFERRED)
    best = max(_PREFERRED, key=lambda name: hits[name])
    if hits[best] / len(tokens) < PREFERRED_COVERAGE:
        hits = _coverage(counts)
        order = list(_stoplists())
        best = max(hits, key=lambda name: (hits[name], -order.index(name)), default=best)
    if hits[best] / len(tokens) < MIN_COVERAGE:
        return None, frozenset()
    return best, _stoplists()[best]
