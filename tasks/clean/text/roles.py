"""Every line's role: header, body (paragraph, heading, list item, quote), figure, video or
boilerplate, from the article region the quality pass found."""

from __future__ import annotations

from tasks.clean.text.header import HEADER_WINDOW, is_byline, is_dateline, mark_header
from tasks.clean.text.lines import TextLine
from tasks.clean.text.media import mark_figures, mark_videos
from tasks.clean.text.quality import GOOD, SHORT_MAX_WORDS
from tasks.common.datetext import holds_date
from tasks.common.words import WORD

BODY_ROLES = frozenset({"paragraph", "heading", "list_item", "quote"})
FIGURE_OR_VIDEO = frozenset({"image_alt", "caption", "credit", "video"})
# Lines looked past (figures, video blurbs) for the paragraph under a heading candidate: a
# figure is 1-3 lines, a video blurb up to 6.
LOOKAHEAD_LINES = 12
# Sub-headings are short: 2-15 words (news sub-heads run 3-10); longer unpunctuated lines are
# deks or teasers.
HEADING_MAX_WORDS = 15
# Sub-heads may be questions ("A change in guidelines?"); a longer question is a paragraph.
# The Readability reference headings that are questions run 4-11 words.
QUESTION_HEADING_MAX_WORDS = 12
# A repeated paragraph is a repeated lead ("summary + body") when it is at least this long;
# shorter repeats ("Advertisement", "Read more") are chrome handled elsewhere.
REPEATED_LEAD_MIN_WORDS = 8


def _first_sentence_line(lines: list[TextLine]) -> int | None:
    """The article's first real paragraph: a kept line of sentence length ending like one."""
    return next(
        (ln.index for ln in lines if ln.quality == GOOD and ln.words >= SHORT_MAX_WORDS and ln.final_punct),
        next((ln.index for ln in lines if ln.quality == GOOD), None),
    )


def _mark_body(lines: list[TextLine]) -> None:
    for line in lines:
        if line.quality == GOOD:
            line.role = "list_item" if line.bullet else "paragraph"
        else:
            line.role = "boilerplate"


def _heading_shaped(line: TextLine) -> bool:
    """Short, capitalised, not a sentence (a question is fine), not chrome, a date or a byline."""
    body = line.body
    if not (1 <= line.words <= HEADING_MAX_WORDS) or line.bullet or body.endswith((":", ",", ";")):
        return False
    if line.terminal and not (body.rstrip('"”’»)').endswith("?") and line.words <= QUESTION_HEADING_MAX_WORDS):
        return False
    first = next((ch for ch in body if ch.isalpha()), "")
    if not (body[0].isalnum() or body[0] in "\"“‘'") or not first.isupper() or line.chrome:
        return False
    return not (is_dateline(line) or is_byline(line) or holds_date(body))


def _is_heading(lines: list[TextLine], i: int) -> bool:
    """A sub-heading: heading-shaped, with a longer paragraph right under it."""
    line = lines[i]
    if not _heading_shaped(line):
        return False
    nxt = _next_text_line(lines, i)
    return nxt is not None and nxt.role == "paragraph" and nxt.words > line.words


def _next_text_line(lines: list[TextLine], i: int) -> TextLine | None:
    """The first line after ``i`` that is not part of a figure or video."""
    for line in lines[i + 1 : i + 1 + LOOKAHEAD_LINES]:
        if line.role not in FIGURE_OR_VIDEO:
            return line
    return None


def _prev_kept_line(lines: list[TextLine], i: int) -> TextLine | None:
    """The closest line before ``i`` that is not boilerplate."""
    for j in range(i - 1, -1, -1):
        if lines[j].role != "boilerplate":
            return lines[j]
    return None


def _mark_headings(lines: list[TextLine], first: int) -> None:
    """Short unpunctuated lines above a paragraph, inside the article, become headings."""
    for i in range(first + 1, len(lines)):
        line = lines[i]
        if line.role in ("paragraph", "boilerplate") and _is_heading(lines, i):
            prev = _prev_kept_line(lines, i)
            if prev is not None and prev.role in BODY_ROLES | FIGURE_OR_VIDEO:
                line.role = "heading"


def _dedupe_paragraphs(lines: list[TextLine]) -> None:
    """A paragraph shown twice (a lead summary, then the body) is kept once: the last time."""
    candidates = [ln for ln in lines if ln.role == "paragraph" and ln.words >= REPEATED_LEAD_MIN_WORDS]
    keys = {ln.index: " ".join(WORD.findall(ln.body.lower())) for ln in candidates}
    last = {key: index for index, key in keys.items()}
    for line in candidates:
        if last[keys[line.index]] != line.index:
            line.role = "boilerplate"


def assign_roles(lines: list[TextLine]) -> None:
    """Set ``line.role`` for every line; needs ``line.quality`` from the quality pass."""
    _mark_body(lines)
    first = _first_sentence_line(lines)
    if first is None:
        return
    last = max(ln.index for ln in lines if ln.quality == GOOD)
    region = lines[max(0, first - HEADER_WINDOW) : last + 2]
    mark_videos(region)
    mark_figures(region)
    mark_header(lines, first)
    _dedupe_paragraphs(lines)
    _mark_headings(lines, first)
