"""The article's header lines: title (with a site suffix), section label, dek, byline, dateline,
and the site's own clock/weather line (a date the page was seen, never its publication date)."""

from __future__ import annotations

import re

from tasks.clean.text.lines import TextLine
from tasks.clean.text.patterns import AGENCY_SLUG, DATELINE, RELATIVE_TIME, TEASERS_START
from tasks.common import datetext
from tasks.common.bylinetext import BY_LINE, BY_WORDS
from tasks.common.datetext import holds_date
from tasks.common.words import WORD

# Lines above the article's first paragraph searched for its header: title, section label,
# byline, date and dek sit within ~12 lines of it (16 leaves room for share buttons and a
# photo between them and the text); menus above that are not header.
HEADER_WINDOW = 16
# Words of a byline's name line when "By" stands on a line of its own ("By" / "Jane Doe").
BYLINE_NAME_MAX_WORDS = 5
# Headline length in words: headlines run 3-20 words; longer unpunctuated lines are teasers.
TITLE_MIN_WORDS = 3
TITLE_MAX_WORDS = 25
# Weights of the headline choice: a line right above the byline or date wins over others;
# all-caps lines ("BUY FILMS ON DVD") and breadcrumbs ("Home » News » Article") lose;
# otherwise the closest line to the text wins. Read off the corpus' page headers.
TITLE_ABOVE_STAMP_BONUS = 10.0
TITLE_ALL_CAPS_COST = 5.0
TITLE_BREADCRUMB_COST = 5.0
TITLE_DISTANCE_COST = 0.1
# Section labels ("World", "Business News") are one to three words.
SECTION_MAX_WORDS = 3
# Deks (standfirsts) run 8-40 words; fewer is a kicker, more is a paragraph.
DEK_MIN_WORDS = 6
DEK_MAX_WORDS = 40

# "Headline - Site", "Headline | Site", "Headline — Site": a title with the site's name.
_SITE_SUFFIX = re.compile(r"^(?P<title>.{10,}?)\s+(?:[-|–—:·•»]\s+)(?P<site>[^-|–—:·•»]{2,40})$")


_BREADCRUMB = re.compile(r"\s[»>›/|]\s")


def _key(text: str) -> str:
    return " ".join(WORD.findall(text.lower()))


def is_page_clock(line: TextLine) -> bool:
    """The site's header bar: today's date or time with weather, a city or menu entries."""
    return datetext.is_page_clock(line.body, line.words)


def is_dateline(line: TextLine) -> bool:
    """A line that is only a date (with time, "Updated", a zone)."""
    return line.words <= 20 and bool(DATELINE.match(line.body))


def is_byline(line: TextLine) -> bool:
    """ "By Jane Doe", "By Jane Doe and John Roe, Reuters"."""
    return line.words <= 15 and bool(BY_LINE.match(line.body))


def _title_like(line: TextLine) -> bool:
    body = line.body
    return (
        TITLE_MIN_WORDS <= line.words <= TITLE_MAX_WORDS
        and not line.bullet
        and not (line.terminal and not body.rstrip().endswith(("?", "!")))
        and not is_dateline(line)
        and not is_byline(line)
        and not holds_date(body)
    )


def _site_title(lines: list[TextLine]) -> int | None:
    """Index of a later line repeating the first line's title part ("Title - Site")."""
    if not lines:
        return None
    match = _SITE_SUFFIX.match(lines[0].body)
    if not match:
        return None
    key = _key(match["title"])
    return next((ln.index for ln in lines[1:] if _key(ln.body) == key), None)


def _title_score(lines: list[TextLine], i: int, start: int) -> float:
    """How much line ``i`` looks like the headline (see the TITLE_* weights)."""
    line = lines[i]
    score = -TITLE_DISTANCE_COST * (start - i)
    if i + 1 < len(lines) and lines[i + 1].role in ("byline", "dateline"):
        score += TITLE_ABOVE_STAMP_BONUS
    if line.body.isupper():
        score -= TITLE_ALL_CAPS_COST
    if len(_BREADCRUMB.findall(line.body)) >= 2:
        score -= TITLE_BREADCRUMB_COST
    return score


def _find_title(lines: list[TextLine], start: int) -> int | None:
    """Index of the headline among the title-like lines above the first paragraph: the one
    right above a byline or dateline if any, else the closest to the text."""
    lo = max(0, start - HEADER_WINDOW)
    candidates = [
        i
        for i in range(lo, start)
        if lines[i].role in ("boilerplate", "paragraph") and _title_like(lines[i]) and not lines[i].chrome
    ]
    return max(candidates, key=lambda i: _title_score(lines, i, start), default=None)


def _mark_stamps(lines: list[TextLine], start: int) -> None:
    """Page clock anywhere above the article; dateline and byline near its top."""
    lo = max(0, start - HEADER_WINDOW)
    for line in lines[: start + 3]:
        if line.role not in ("boilerplate", "paragraph"):
            continue
        if is_page_clock(line):
            line.role = "page_clock"
        elif line.index < lo:
            continue
        elif is_dateline(line) or RELATIVE_TIME.match(line.body):
            line.role = "dateline"
        elif is_byline(line):
            line.role = "byline"
        elif line.body.lower() in BY_WORDS and line.index + 1 < len(lines):
            # "By" on a line of its own, the name on the next: both are the byline.
            line.role = "byline"
            if lines[line.index + 1].words <= BYLINE_NAME_MAX_WORDS:
                lines[line.index + 1].role = "byline"


def mark_header(lines: list[TextLine], start: int) -> int | None:
    """Give header roles to the lines above the article's first paragraph ``start``.

    Returns the index of the headline, if found.
    """
    _mark_stamps(lines, start)
    title = _site_title(lines)
    if title is not None:
        lines[0].role = "title"
    if title is None or title > start + 3:
        title = _find_title(lines, start)
    if title is None:
        return None
    lines[title].role = "title"
    _mark_section_label(lines, title)
    _mark_dek(lines, title, start)
    return title


def _mark_section_label(lines: list[TextLine], title: int) -> None:
    for i in range(title - 1, max(-1, title - 3), -1):
        line = lines[i]
        if line.role != "boilerplate":
            continue
        if 1 <= line.words <= SECTION_MAX_WORDS and not line.bullet and line.body[:1].isupper() and (not line.terminal):
            line.role = "section_label"
        return


def _mark_dek(lines: list[TextLine], title: int, start: int) -> None:
    """The standfirst: an unpunctuated sentence-like line between the title and the body."""
    for line in lines[title + 1 : start + 3]:
        if line.role in ("byline", "dateline", "page_clock", "caption", "credit", "image_alt", "title"):
            continue
        if (
            DEK_MIN_WORDS <= line.words <= DEK_MAX_WORDS
            and not line.bullet
            and not line.final_punct
            and not AGENCY_SLUG.match(line.body)
            and (not line.chrome and not TEASERS_START.match(line.body))
        ):
            line.role = "dek"
            return
