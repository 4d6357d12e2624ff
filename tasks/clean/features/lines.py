"""The line model's features: one row per non-empty line of a plain-text payload, columns named
by ``LINE_FEATURES``.

Families: the line's own shape (as ``tasks.clean.text.lines`` measures it: words, stop-word
density, punctuation, bullet, repeats), the rule-based pass's votes (its quality classes and
role), its place in the page, the density of the text around it (windows of lines and its
blank-line block), and its neighbours; then the shape of the lines around it (punctuation,
length, bullets, repeats), where it lies from the page's longest prose run, the shape
families of listings and product pages (prices, lines shaped like many others on the page),
its place in the article (from the header lines the rule passes found, among the good lines,
in a run of short menu-like lines, in its repeats and in its blank-line block), the marks of
a comment thread, and the payload's layout (indentation and blank lines).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np

from tasks.clean.features.page import PRICE
from tasks.clean.text.lines import TextLine
from tasks.clean.text.patterns import COMMENT_SIGNATURE, COMMENTS_START
from tasks.common.datetext import holds_date

INITIAL_CODES = {"bad": 0, "short": 1, "neargood": 2, "good": 3}
ROLE_CODES = {"boilerplate": 0, "paragraph": 1, "heading": 2, "list_item": 3, "quote": 4, "title": 5, "dek": 6,
              "byline": 7, "dateline": 8, "caption": 9, "image_alt": 9, "credit": 9, "video": 10, "site": 11,
              "section_label": 11, "page_clock": 12}
# Lines on each side averaged into the local density features.
WINDOWS = (2, 6)

_OWN = ("words", "log_chars", "stop_density", "final_punct", "terminal", "bullet", "repeats", "chrome",
        "initial", "good", "role", "digit_share", "upper_initial_share", "pipe_or_bullet_marks")
_NEIGHBOUR_SOURCES = ("words", "stop_density", "good", "role")
LAYOUT_FEATURES = (
    "indent", "indent_from_good", "indent_word_share", "indent_good_share", "indent_as_prev", "indent_as_next",
    "indent_run", "indent_run_word_share", "page_indented", "indent_from_longest",
)
LINE_FEATURES: tuple[str, ...] = (
    *_OWN,
    "position", "word_position", "block_lines", "block_words_share",
    *(f"window{w}_{name}" for w in WINDOWS for name in ("words", "good", "stop_density")),
    *(f"{side}_{name}" for side in ("prev", "next") for name in _NEIGHBOUR_SOURCES),
    "from_longest", "after_title", "page_log_words", "page_log_lines", "page_good_share",
    "window2_final_punct", "window2_terminal", "window6_terminal", "window2_log_chars", "window6_log_chars",
    "window2_bullet", "window6_bullet", "window2_upper_initial_share", "window2_repeated", "window6_repeated",
    "window2_chrome", "in_prose_run", "from_prose_run", "prose_run_word_share", "prose_run_line_share",
    "price", "window6_price", "page_price_share", "shape_family_share", "window2_shape_family_share",
    "words_of_longest", "block_position",
    "from_title", "from_stamp", "good_before", "good_after", "short_run", "window6_short_run",
    "gap_good_before", "gap_good_after", "repeat_order", "block_stop_density", "block_terminal",
    "block_good", "words_of_median_good",
    "comment_mark", "window6_comment_mark", "after_comments", "date_line", "window6_date_line",
    *LAYOUT_FEATURES,
)
# A price line is a short line with a price in it ("$24.99", "Now 12,50 €"); longer lines
# that name a price are prose. (8: a card's "Was $30 now $24.99 Save 20%"; set, not tuned.)
PRICE_LINE_MAX_WORDS = 8
# The prose run is the stretch of lines with the most words of "good" lines net of the other
# lines, each costing half its words plus one (a menu of short lines breaks a run, a lone
# caption inside an article does not; set, not tuned: the model weighs the distance itself).
PROSE_RUN_OTHER_COST = 0.5
# A menu-like line: at most this many words and no end punctuation ("Home", "World News",
# "Sign in"); runs of them are menus, link lists and tag clouds (set, not tuned).
MENU_LINE_MAX_WORDS = 4
# A date line: a short line holding a date, as a comment's or a teaser's time stamp is; an
# article's sentence naming a date is longer (12: "Posted by Jane Doe on March 3, 2019 at
# 10:15 am"; set, not tuned).
DATE_LINE_MAX_WORDS = 12


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


def window_means(values: np.ndarray, radius: int) -> np.ndarray:
    """The mean of each value with ``radius`` lines on either side (edges: what there is)."""
    padded = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    idx = np.arange(n)
    lo, hi = np.maximum(idx - radius, 0), np.minimum(idx + radius + 1, n)
    means: np.ndarray = (padded[hi] - padded[lo]) / (hi - lo)
    return means


def _column(lines: Sequence[TextLine], attribute: str) -> np.ndarray:
    return np.asarray([float(getattr(line, attribute)) for line in lines])


def context_shape(lines: Sequence[TextLine], own: np.ndarray) -> list[np.ndarray]:
    """The shape of the lines around each line: sentence ends, lengths, bullets, capitals,
    repeated and chrome lines, averaged over windows."""
    terminal, log_chars = _column(lines, "terminal"), own[:, _OWN.index("log_chars")]
    bullet, repeated = _column(lines, "bullet"), np.asarray([float(line.repeats > 1) for line in lines])
    return [
        window_means(_column(lines, "final_punct"), 2), window_means(terminal, 2), window_means(terminal, 6),
        window_means(log_chars, 2), window_means(log_chars, 6), window_means(bullet, 2), window_means(bullet, 6),
        window_means(own[:, _OWN.index("upper_initial_share")], 2), window_means(repeated, 2),
        window_means(repeated, 6), window_means(_column(lines, "chrome"), 2),
    ]


def best_run(values: np.ndarray) -> tuple[int, int]:
    """(first, last) index of the consecutive stretch with the highest sum (last < first: none
    is positive)."""
    best, current, start, first, last = 0.0, 0.0, 0, 0, -1
    for i, value in enumerate(values):
        if current <= 0:
            current, start = float(value), i
        else:
            current += float(value)
        if current > best:
            best, first, last = current, start, i
    return first, last


def prose_run(words: np.ndarray, good: np.ndarray) -> list[np.ndarray]:
    """Each line's place from the page's longest prose run: inside it, its distance to it
    (share of the page's lines), and the run's share of the page's words and lines."""
    n = len(words)
    first, last = best_run(np.where(good > 0, words, -(words + 2.0) * PROSE_RUN_OTHER_COST))
    index = np.arange(n)
    inside = ((index >= first) & (index <= last)).astype(float)
    distance = np.where(index < first, first - index, np.where(index > last, index - last, 0)) / n
    run_words = words[first : last + 1].sum() / max(float(words.sum()), 1.0)
    return [inside, distance, np.full(n, run_words), np.full(n, (last - first + 1) / n)]


def _shape_family(line: TextLine) -> tuple[int, bool, bool, bool, bool]:
    """A coarse shape: length class, bullet, end punctuation, digits, capital initial."""
    size = 0 if line.words <= 2 else 1 if line.words <= 5 else 2 if line.words <= 12 else 3
    return size, line.bullet, line.final_punct, any(c.isdigit() for c in line.body), line.body[:1].isupper()


def listing_shapes(lines: Sequence[TextLine], words: np.ndarray) -> list[np.ndarray]:
    """Shapes of listings and product pages: price lines (the line, around it, on the page),
    the share of lines shaped like it, its length against the page's longest line, and its
    blank-line block's place."""
    n = len(lines)
    price = np.asarray([float(line.words <= PRICE_LINE_MAX_WORDS and bool(PRICE.search(line.body))) for line in lines])
    families = [_shape_family(line) for line in lines]
    counts = Counter(families)
    family_share = np.asarray([counts[family] / n for family in families])
    blocks = _column(lines, "block")
    return [price, window_means(price, 6), np.full(n, price.mean()), family_share, window_means(family_share, 2),
            words / max(float(words.max()), 1.0), blocks / max(float(blocks.max()), 1.0)]


def _signed_log(values: np.ndarray) -> np.ndarray:
    signed: np.ndarray = np.sign(values) * np.log1p(np.abs(values))
    return signed


def _run_lengths(flags: np.ndarray) -> np.ndarray:
    """Per line, the length of the run of consecutive flagged lines it belongs to (0: unflagged)."""
    out = np.zeros(len(flags))
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            if flags[start]:
                out[start:i] = i - start
            start = i
    return out


def _gaps_to_flagged(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per line, log(1 + lines) back to the previous flagged line and on to the next (none: the
    page's line count)."""
    n = len(flags)
    index = np.arange(n)
    marked = np.where(flags > 0, index, -1)
    previous = np.concatenate([[-1], np.maximum.accumulate(marked)[:-1]])
    following = np.where(flags > 0, index, n)
    following = np.concatenate([np.minimum.accumulate(following[::-1])[::-1][1:], [n]])
    before = np.where(previous >= 0, index - previous, n)
    after = np.where(following < n, following - index, n)
    return np.log1p(before), np.log1p(after)


def _repeat_order(lines: Sequence[TextLine]) -> np.ndarray:
    """Which occurrence of its text a repeated line is (1, 2, ...; 0 for a line said once): a
    title or lead said again further down is often chrome the second time."""
    seen: Counter[str] = Counter()
    order = []
    for line in lines:
        key = line.body.lower()
        seen[key] += 1
        order.append(float(seen[key]) if line.repeats > 1 else 0.0)
    return np.asarray(order)


def _block_means(lines: Sequence[TextLine], values: np.ndarray) -> np.ndarray:
    """Per line, the mean of ``values`` over its blank-line block."""
    blocks = np.asarray([line.block for line in lines])
    sums = np.bincount(blocks, weights=values)
    counts = np.bincount(blocks)
    means: np.ndarray = sums[blocks] / counts[blocks]
    return means


def article_place(lines: Sequence[TextLine], good: np.ndarray, words: np.ndarray) -> list[np.ndarray]:
    """Where a line lies in the article: lines from the headline and from the first byline or
    dateline the header finder marked (signed, log), good lines before and after it and lines to
    the nearest one, its run of menu-like lines (and around it), its repeat's order, its block's
    stop-word density, sentence ends and good share, and its words against the good lines' median."""
    n = len(lines)
    index = np.arange(n)
    title = next((line.index for line in lines if line.role == "title"), None)
    stamp = next((line.index for line in lines if line.role in ("byline", "dateline")), None)
    cumulative = np.cumsum(good)
    menu = np.asarray([line.words <= MENU_LINE_MAX_WORDS and not line.final_punct for line in lines])
    short_run = np.log1p(_run_lengths(menu))
    good_words = words[good > 0]
    median_good = max(float(np.median(good_words)), 1.0) if len(good_words) else 1.0
    return [
        _signed_log(index - title) if title is not None else np.zeros(n),
        _signed_log(index - stamp) if stamp is not None else np.zeros(n),
        np.log1p(cumulative - good), np.log1p(cumulative[-1] - cumulative),
        short_run, window_means(short_run, 6), *_gaps_to_flagged(good), _repeat_order(lines),
        _block_means(lines, _column(lines, "stop_density")), _block_means(lines, _column(lines, "terminal")),
        _block_means(lines, good), words / median_good,
    ]


def comment_thread(lines: Sequence[TextLine]) -> list[np.ndarray]:
    """The comment thread's marks: a line opening one or signing a comment (the rule passes'
    ``COMMENTS_START`` / ``COMMENT_SIGNATURE``: "42 Comments", "Leave a Reply", "Posted by: Jane |
    May 3, 2012 at 10:11 AM"; on 93 and 14 sites in every second page's inscriptis rendering),
    their density around the line, whether one after the first good line comes at or before it,
    and short date lines (comments' time stamps) on it and around it."""
    n = len(lines)
    mark = np.asarray([bool(COMMENTS_START.match(line.body) or COMMENT_SIGNATURE.match(line.body))
                       for line in lines], dtype=float)
    first_good = next((line.index for line in lines if line.quality == "good"), n)
    opened = np.where(np.arange(n) > first_good, mark, 0.0)
    date = np.asarray([line.words <= DATE_LINE_MAX_WORDS and holds_date(line.body) for line in lines], dtype=float)
    return [mark, window_means(mark, 6), (np.cumsum(opened) > 0).astype(float), date, window_means(date, 6)]


def _runs(keys: np.ndarray, words: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per line, log(1 + length) of the run of consecutive lines with its key, and that run's
    share of the page's words."""
    n = len(keys)
    length, share = np.zeros(n), np.zeros(n)
    total, start = max(float(words.sum()), 1.0), 0
    for i in range(1, n + 1):
        if i == n or keys[i] != keys[i - 1]:
            length[start:i], share[start:i] = i - start, words[start:i].sum() / total
            start = i
    return np.log1p(length), share


def _key_shares(keys: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Per line, the share of ``weights`` the lines with its key hold."""
    totals: Counter[float] = Counter()
    for key, weight in zip(keys.tolist(), weights.tolist(), strict=True):
        totals[key] += weight
    whole = max(float(weights.sum()), 1.0)
    return np.asarray([totals[key] / whole for key in keys.tolist()])


def layout(lines: Sequence[TextLine], words: np.ndarray, good: np.ndarray) -> list[np.ndarray]:
    """The payload's layout around a line. Indentation: inscriptis indents each line by its DOM
    depth, so an article's paragraphs share one indent and a menu sits deeper or elsewhere
    (the indent, against the good lines' median and the longest line's, the words and good
    words at that indent, neighbours and runs at the same indent). Blank lines around a line
    were measured too and dropped: they did not pay on the folds."""
    indent = _column(lines, "indent")
    same = (indent[1:] == indent[:-1]).astype(float)
    good_median = float(np.median(indent[good > 0])) if good.any() else float(np.median(indent))
    longest = indent[int(np.argmax(words))]
    return [
        np.log1p(indent), _signed_log(indent - good_median), _key_shares(indent, words),
        _key_shares(indent, words * good), np.concatenate([[0.0], same]), np.concatenate([same, [0.0]]),
        *_runs(indent, words), np.full(len(lines), float(indent.max() > 0)), _signed_log(indent - longest),
    ]


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
        columns += [window_means(words, radius), window_means(good, radius), window_means(density, radius)]
    sources = own[:, [_OWN.index(name) for name in _NEIGHBOUR_SOURCES]]
    edge = np.full((1, sources.shape[1]), -1.0)
    prev = np.vstack([edge, sources[:-1]])
    nxt = np.vstack([sources[1:], edge])
    page = [
        (np.arange(n) - longest) / n, (np.arange(n) > title).astype(float) if title >= 0 else np.zeros(n),
        np.full(n, math.log1p(page_words)), np.full(n, math.log1p(n)), np.full(n, float(good.mean())),
    ]
    context = [*context_shape(lines, own), *prose_run(words, good), *listing_shapes(lines, words),
               *article_place(lines, good, words), *comment_thread(lines), *layout(lines, words, good)]
    return np.hstack([own, np.column_stack(columns), prev, nxt, np.column_stack(page),
                      np.column_stack(context)]).astype(np.float32)
