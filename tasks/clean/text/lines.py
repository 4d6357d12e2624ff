"""A plain-text payload as lines with the features the classifier reads."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from tasks.clean.text.language import guess_stoplist, is_cjk
from tasks.clean.text.patterns import CJK_CHAR, CJK_SENTENCE_PUNCT, LIST_BULLET
from tasks.clean.text.repair import cut_markup_tail
from tasks.common.words import CLAUSE_END_CHARS, CLOSING_CHARS, SENTENCE_END_CHARS, WORD, ends_sentence

# Words that must come before leftover markup for the markup to be cut off and the line kept
# ("... injuring nine people. <SCRIPT ..."): a sentence; an ad's "Win now! <div ...>" is chrome.
MARKUP_PREFIX_MIN_WORDS = 8
# CJK characters that count as one word when lengths are compared with spaced languages:
# Chinese words average 1.5-2 characters; 2 keeps CJK prose lines on the same scale.
CJK_CHARS_PER_WORD = 2.0
# CJK prose has a comma or full stop every 10-30 characters, menus and headlines have none:
# marks x 10 / characters maps one mark per 10 characters to density 1.0 and one per 30 to
# 0.33, jusText's "good" level.
CJK_CHARS_PER_MARK = 10

# Stop-word density given to a full sentence when no stop-word list fits the page: the
# quality pass's "good" density (``quality.STOP_HIGH``), so that length and context decide.
UNKNOWN_LANGUAGE_SENTENCE_DENSITY = 0.32
# Columns a tab indents by, as a tab stop of 4 (inscriptis indents by spaces; a tab is rare).
TAB_WIDTH = 4


@dataclass(slots=True)
class TextLine:
    """One non-empty line, its place on the page and what its shape says."""

    text: str
    index: int  # position among the non-empty lines
    block: int  # lines not separated by a blank line share a block number
    bullet: bool  # rendered as a list item ("* item")
    body: str  # the text without its bullet
    words: float  # word count (CJK characters / CJK_CHARS_PER_WORD for CJK text)
    stop_density: float  # share of words that are stop words of the page's language
    final_punct: bool  # ends like a sentence or clause (also with ":" or ";" or a closer)
    terminal: bool  # ends like a sentence: ".", "!", "?", "…" (closing quotes allowed after)
    indent: int = 0  # leading spaces (a tab as TAB_WIDTH): inscriptis indents by DOM depth
    repeats: int = 1  # how often the same text occurs on the page
    chrome: bool = False  # page chrome whatever its context (set by the quality pass)
    initial: str = "bad"  # the class the line earns alone: good / neargood / short / bad
    quality: str = "bad"  # that class revised by the context: good or bad
    role: str = "boilerplate"

    @property
    def chars(self) -> int:
        """Length of the line's text without its bullet."""
        return len(self.body)


@dataclass(frozen=True, slots=True)
class Page:
    """The lines of one payload, and whether it is written in CJK script."""

    lines: list[TextLine]
    cjk: bool


def ends_clause(text: str) -> bool:
    """True when ``text`` ends with sentence or clause punctuation, or a closing quote/bracket."""
    stripped = text.rstrip()
    return bool(stripped) and stripped[-1] in SENTENCE_END_CHARS + CLAUSE_END_CHARS + CLOSING_CHARS


def _measure(body: str, stopwords: frozenset[str], cjk: bool) -> tuple[float, float]:
    """(word count, stop-word density) of a line."""
    tokens = WORD.findall(body.lower())
    cjk_chars = len(CJK_CHAR.findall(body)) if cjk else 0
    if cjk and cjk_chars:
        words = cjk_chars / CJK_CHARS_PER_WORD + sum(1 for t in tokens if not CJK_CHAR.search(t))
        # CJK prose is told by its sentence punctuation, stand-in for stop words.
        marks = len(CJK_SENTENCE_PUNCT.findall(body))
        return words, min(1.0, CJK_CHARS_PER_MARK * marks / cjk_chars)
    if not tokens:
        return 0.0, 0.0
    if not stopwords:
        # No stop-word list fits the page's language: a full sentence stands in for prose.
        return float(len(tokens)), UNKNOWN_LANGUAGE_SENTENCE_DENSITY if ends_sentence(body) else 0.0
    # Numbers are neither stop words nor content words: "closed up 0.2 percent to 6,215.70"
    # is prose, and counting its figures would make it look like a table.
    alpha = [t for t in tokens if not t.isdigit()]
    stops = sum(map(stopwords.__contains__, alpha))
    return float(len(tokens)), stops / len(alpha) if alpha else 0.0


@dataclass(frozen=True, slots=True)
class RawLine:
    """A non-empty line as the payload lays it out."""

    block: int  # a blank line between two lines starts a new block
    indent: int
    text: str  # whitespace-normalised


def _indent(raw: str) -> int:
    head = raw[: len(raw) - len(raw.lstrip())]
    return head.count(" ") + TAB_WIDTH * head.count("\t")


def _non_empty_lines(text: str) -> Iterator[RawLine]:
    """Each non-empty line with its block number and indentation."""
    block, blank, seen = 0, False, False
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        if blank and seen:
            block += 1
        blank, seen = False, True
        yield RawLine(block, _indent(raw), line)


def read_page(text: str) -> Page:
    """Split a payload into ``TextLine`` s with their features."""
    cjk = is_cjk(text)
    stopwords = frozenset[str]() if cjk else guess_stoplist(text)[1]
    lines: list[TextLine] = []
    for raw in _non_empty_lines(text):
        text_line = cut_markup_tail(raw.text, MARKUP_PREFIX_MIN_WORDS)
        bullet = LIST_BULLET.match(text_line)
        body = text_line[bullet.end() :] if bullet else text_line
        words, density = _measure(body, stopwords, cjk)
        lines.append(
            TextLine(
                text=text_line,
                index=len(lines),
                block=raw.block,
                bullet=bool(bullet),
                body=body,
                words=words,
                stop_density=density,
                final_punct=ends_clause(body),
                terminal=ends_sentence(body),
                indent=raw.indent,
            )
        )
    counts = Counter(line.body.lower() for line in lines)
    for line in lines:
        line.repeats = counts[line.body.lower()]
    return Page(lines=lines, cjk=cjk)
