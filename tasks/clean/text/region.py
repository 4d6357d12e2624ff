"""Where the article is: the densest run of good lines, cut at the comment thread or footer."""

from __future__ import annotations

from tasks.clean.text.lines import TextLine
from tasks.clean.text.patterns import COMMENT_SIGNATURE, COMMENTS_START, TEASERS_START
from tasks.clean.text.quality import BAD, GOOD

# Cost of one bad line inside the article span, in words of good text: a few captions, ads
# and "Advertisement" lines inside an article cost less than its paragraphs earn, a menu or
# teaser list of dozens of lines costs more than a stray good line beyond it. Dev F1 (with
# BAD_WORD_COST 0.5): 2 -> 0.901, 5 -> 0.905, 10 -> 0.903.
BAD_LINE_COST = 5.0
# And per word of a bad line: long chrome (link lists, footers) weighs more than a short one.
# Dev F1 (with BAD_LINE_COST 5): 0.25 -> 0.903, 0.5 -> 0.905, 1.0 -> 0.904.
BAD_WORD_COST = 0.5
# Cost of a line that opens a box of other stories ("Related coverage", "Most read"), in
# words: more than a teaser list's few good lines earn, less than an article's second half
# after an inline "Related" box. Dev F1: 0 -> 0.899, 50 -> 0.900, 100 -> 0.905, 200 -> 0.902.
TEASER_MARKER_COST = 100.0
# A run of prose beyond the best span joins the article when it has this many words and no
# teaser or comment marker lies between: charts and galleries inside an article cost more
# than the paragraphs after them earn. Dev F1: 60 -> 0.901, 150 -> 0.905, 300 -> 0.904,
# off -> 0.904 (150 buys recall; modern articles break for charts and galleries).
EXTEND_MIN_WORDS = 150
# Lines the gap to such a run may span (a chart of ~80 labels; a page's footer is longer).
MAX_GAP_LINES = 80
# Words of article text needed before a comment-thread marker ("12 Comments", "Leave a
# reply") is trusted to end it: above the article and under its lead such lines are share
# bars ("941 comments"). Dev F1: 60 -> 0.913, 100 -> 0.913, 150 -> 0.915, 200 -> 0.915,
# 300 -> 0.913, 500 -> 0.905.
MIN_WORDS_BEFORE_END = 150


def _line_score(line: TextLine) -> float:
    if line.quality == GOOD:
        return line.words
    if TEASERS_START.match(line.body):
        return -TEASER_MARKER_COST
    return -(BAD_LINE_COST + BAD_WORD_COST * line.words)


def best_span(lines: list[TextLine]) -> tuple[int, int]:
    """[start, end) of the run of lines with the highest total score (Kadane's algorithm)."""
    best, best_span_ = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, line in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        total += _line_score(line)
        if total > best:
            best, best_span_ = total, (start, i + 1)
    return best_span_


def article_end(lines: list[TextLine], start: int, end: int) -> int:
    """Index of the first end marker after enough article text in [start, end), else ``end``."""
    seen = 0.0
    for i in range(start, end):
        line = lines[i]
        if seen >= MIN_WORDS_BEFORE_END and (COMMENTS_START.match(line.body) or COMMENT_SIGNATURE.match(line.body)):
            return i
        if line.quality == GOOD:
            seen += line.words
    return end


def _clusters(lines: list[TextLine]) -> list[tuple[int, int, float]]:
    """Runs of good lines (at most one other line between two of them): (start, end, words)."""
    found: list[tuple[int, int, float]] = []
    start, last, words = -1, -10, 0.0
    for i, line in enumerate(lines):
        if line.quality != GOOD:
            continue
        if i - last > 2:
            if start >= 0:
                found.append((start, last + 1, words))
            start, words = i, 0.0
        last, words = i, words + line.words
    if start >= 0:
        found.append((start, last + 1, words))
    return found


def _gap_is_open(lines: list[TextLine], lo: int, hi: int) -> bool:
    """No end or teaser marker between lines lo and hi, and the gap is not too long."""
    if hi - lo > MAX_GAP_LINES:
        return False
    return not any(
        TEASERS_START.match(ln.body) or COMMENTS_START.match(ln.body) or COMMENT_SIGNATURE.match(ln.body)
        for ln in lines[lo:hi]
    )


def extend_span(lines: list[TextLine], start: int, end: int) -> tuple[int, int]:
    """Grow the span over big runs of prose cut off by charts or galleries."""
    clusters = _clusters(lines)
    for lo, hi, words in clusters:  # forward
        if lo >= end and words >= EXTEND_MIN_WORDS and _gap_is_open(lines, end, lo):
            end = hi
    for lo, hi, words in reversed(clusters):  # backward
        if hi <= start and words >= EXTEND_MIN_WORDS and _gap_is_open(lines, hi, start):
            start = lo
    return start, end


def keep_article_region(lines: list[TextLine]) -> None:
    """Mark every good line outside the article region as bad."""
    start, end = best_span(lines)
    start, end = extend_span(lines, start, end)
    end = article_end(lines, start, end)
    for i, line in enumerate(lines):
        if not start <= i < end and line.quality == GOOD:
            line.quality = BAD
