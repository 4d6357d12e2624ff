"""A plain-text payload as lines with the features the classifier reads."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tasks.text.language import guess_stoplist, is_cjk
from tasks.text_patterns import CJK_CHAR, CJK_SENTENCE_PUNCT, FINAL_PUNCT, LIST_BULLET, WORD

# CJK characters that count as one word when lengths are compared with spaced languages:
# Chinese words average 1.5-2 characters; 2 keeps CJK prose lines on the same scale.
CJK_CHARS_PER_WORD = 2.0


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
    final_punct: bool  # ends like a sentence or clause
    repeats: int = 1  # how often the same text occurs on the page
    quality: str = "bad"  # good / neargood / short / bad, then revised by context
    role: str = "boilerplate"
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def chars(self) -> int:
        """Length of the line's text without its bullet."""
        return len(self.body)


@dataclass(frozen=True, slots=True)
class Page:
    """The lines of one payload and its language."""

    lines: list[TextLine]
    language: str | None
    cjk: bool


def _measure(body: str, stopwords: frozenset[str], cjk: bool) -> tuple[float, float]:
    """(word count, stop-word density) of a line."""
    tokens = WORD.findall(body)
    cjk_chars = len(CJK_CHAR.findall(body)) if cjk else 0
    if cjk and cjk_chars:
        words = cjk_chars / CJK_CHARS_PER_WORD + sum(1 for t in tokens if not CJK_CHAR.search(t))
        # CJK prose is told by its sentence punctuation, stand-in for stop words.
        density = min(1.0, 10 * len(CJK_SENTENCE_PUNCT.findall(body)) / max(cjk_chars, 1))
        return words, density
    if not tokens:
        return 0.0, 0.0
    # Numbers are neither stop words nor content words: "closed up 0.2 percent to 6,215.70"
    # is prose, and counting its figures would make it look like a table.
    alpha = [t.lower() for t in tokens if not t.isdigit()]
    stops = sum(1 for t in alpha if t in stopwords)
    return float(len(tokens)), stops / len(alpha) if alpha else 0.0


def read_page(text: str) -> Page:
    """Split a payload into ``TextLine`` s with their features."""
    cjk = is_cjk(text)
    language, stopwords = (None, frozenset[str]()) if cjk else guess_stoplist(text)
    lines: list[TextLine] = []
    block, blank = 0, False
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            blank = True
            continue
        if blank and lines:
            block += 1
        blank = False
        bullet = LIST_BULLET.match(line)
        body = line[bullet.end():] if bullet else line
        words, density = _measure(body, stopwords, cjk)
        lines.append(TextLine(
            text=line, index=len(lines), block=block, bullet=bool(bullet), body=body,
            words=words, stop_density=density, final_punct=bool(FINAL_PUNCT.search(body)),
        ))
    counts = Counter(line.body.lower() for line in lines)
    for line in lines:
        line.repeats = counts[line.body.lower()]
    return Page(lines=lines, language="cjk" if cjk else language, cjk=cjk)
