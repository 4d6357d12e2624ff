"""Repairs of scrape artifacts in text: words glued together where markup was lost, and
markup or script left over after a sentence."""

from __future__ import annotations

import re

from tasks.clean.text.patterns import MARKUP_HINT, MARKUP_RESIDUE

# "spokespersonDmitry": a lowercase word of 3+ letters glued to a capitalised word. Brand and
# name spellings ("iPhone", "eBay", "McDonald", "YouTube", "PlayStation", "DeSantis") do not
# match: they start with a capital or have fewer than 3 lowercase letters before the hump.
_GLUED_WORDS = re.compile(r"(?<![\w@#/.\-])([a-z]{3,})([A-Z][a-z]{2,})(?![\w@/\-]|\.[a-z])")
# "Monday.The": a sentence glued to the next one (the period ends a word of 2+ letters,
# lowercase after the first, the next word is capitalised); "Node.js", "U.S.", "example.Com" do not match.
_GLUED_SENTENCES = re.compile(r"(?<![\w.@/])([A-Za-z][a-z]+[.!?])([A-Z][a-z]+)\b(?![.@/]\w)")

# Both repairs need an ASCII capital: a line without one is left as it is without running them.
_ASCII_CAPITAL = re.compile(r"[A-Z]")


def repair_text(text: str) -> str:
    """``text`` with glued words and sentences separated; anything ambiguous is left alone."""
    if not _ASCII_CAPITAL.search(text):
        return text
    text = _GLUED_WORDS.sub(r"\1 \2", text)
    return _GLUED_SENTENCES.sub(r"\1 \2", text)


def has_markup(text: str) -> re.Match[str] | None:
    """The first leftover tag or script fragment in ``text``, if any."""
    if not MARKUP_HINT.search(text):
        return None
    return MARKUP_RESIDUE.search(text)


def cut_markup_tail(text: str, min_words: int = 8) -> str:
    """``text`` without the tag or script fragment glued after it ("... nine people. <SCRIPT
    ..."), when at least ``min_words`` words come before the fragment; a line that starts as
    markup is left whole for the cleaner to drop."""
    match = has_markup(text)
    if match is None or len(text[: match.start()].split()) < min_words:
        return text
    return text[: match.start()].rstrip()
