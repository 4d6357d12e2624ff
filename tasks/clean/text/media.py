"""Image captions, credits, alt texts and video blurbs among the lines of a page."""

from __future__ import annotations

from tasks.clean.text.lines import TextLine
from tasks.clean.text.patterns import (
    CAPTION_PREFIX,
    CREDIT_LINE,
    DURATION,
    RELATIVE_TIME,
    VIDEO_LEAD,
    VIDEO_UI,
)
from tasks.common.captions import split_credit

# Longest caption, in words: news captions run 10-45 words; an article paragraph that ends in
# "(Reuters)" is longer more often than not.
CAPTION_MAX_WORDS = 60
# Longest video title, in words (headline length).
VIDEO_TITLE_MAX_WORDS = 20
# Lines scanned past a video's lead line for its title, date and duration.
VIDEO_WINDOW = 5
# Lines scanned above a bare duration ("2:00") for the video's title and age.
VIDEO_LOOKBEHIND = 3
# Longest line read as a duration ("Duration 2:00", "Length: 1:02:33").
DURATION_MAX_WORDS = 3
# Longest credit line, in words ("Photo: Jane Doe for The Daily Example/Getty Images").
CREDIT_MAX_WORDS = 12


def is_caption(line: TextLine) -> bool:
    """A caption: a caption prefix, or a short text ending in a photo credit."""
    if line.words > CAPTION_MAX_WORDS or line.bullet:
        return False
    return bool(CAPTION_PREFIX.match(line.body)) or split_credit(line.body)[1] is not None


def is_credit(line: TextLine) -> bool:
    """A line that is only a photo credit ("Credit Jane Doe", "Getty Images")."""
    return line.words <= CREDIT_MAX_WORDS and bool(CREDIT_LINE.match(line.body))


def mark_figures(lines: list[TextLine]) -> None:
    """Role caption / credit / image_alt for figure lines (an alt line sits just above its caption)."""
    for i, line in enumerate(lines):
        if line.role not in ("boilerplate", "paragraph"):
            continue
        if is_caption(line):
            line.role = "caption"
            prev = lines[i - 1] if i else None
            if prev and prev.block == line.block and _alt_like(prev):
                prev.role = "image_alt"
        elif is_credit(line):
            line.role = "credit"
            prev = lines[i - 1] if i else None
            if prev and _alt_like(prev) and prev.final_punct:
                prev.role = "caption"


def _alt_like(line: TextLine) -> bool:
    """An image's alt text: a short description, not a list item, not yet given a role."""
    return line.role in ("paragraph", "boilerplate") and 3 <= line.words <= CAPTION_MAX_WORDS and not line.bullet


def _is_title_like(line: TextLine) -> bool:
    """A video title: headline-length, not a sentence."""
    return 2 <= line.words <= VIDEO_TITLE_MAX_WORDS and not line.terminal


def _is_duration(line: TextLine, in_blurb: bool = True) -> bool:
    """A running time; one with a label word ("Duration 2:00") only inside a video's blurb."""
    match = DURATION.match(line.body) if line.words <= DURATION_MAX_WORDS else None
    return match is not None and (in_blurb or match["label"] is None)


def _video_part(line: TextLine) -> bool:
    """A line only a video player shows: a duration, an age ("2 years ago"), a player button."""
    body = line.body
    return _is_duration(line) or bool(RELATIVE_TIME.match(body) or VIDEO_UI.match(body))


def _after_duration(lines: list[TextLine], i: int) -> int:
    """End of a blurb whose duration is line ``i``: the description printed right under it
    (same block, not another player string) belongs to the video."""
    if i + 1 < len(lines) and lines[i + 1].block == lines[i].block:
        nxt = lines[i + 1]
        if not _video_part(nxt) and not VIDEO_LEAD.match(nxt.body):
            return i + 2
    return i + 1


def _video_span(lines: list[TextLine], lead: int) -> int:
    """End (exclusive) of the video blurb whose first line is ``lead``."""
    if _is_duration(lines[lead]):
        return _after_duration(lines, lead)
    end, seen_title = lead + 1, False
    for i in range(lead + 1, min(len(lines), lead + 1 + VIDEO_WINDOW)):
        line = lines[i]
        if _is_duration(line):
            return _after_duration(lines, i)
        if _video_part(line):
            end = i + 1
        elif _is_title_like(line) and not seen_title:
            seen_title, end = True, i + 1
        else:
            break
    return end


def mark_videos(lines: list[TextLine]) -> None:
    """Role video for blurbs: a "WATCH |" lead, its title, age, duration and description."""
    i = 0
    while i < len(lines):
        line = lines[i]
        if not (VIDEO_LEAD.match(line.body) or _is_duration(line, in_blurb=False)):
            i += 1
            continue
        start = i if VIDEO_LEAD.match(line.body) else _video_start_before(lines, i)
        end = _video_span(lines, i)
        for part in lines[start:end]:
            part.role = "video"
        i = end


def _video_start_before(lines: list[TextLine], anchor: int) -> int:
    """First line of a blurb found from its duration line: title and age lines above it."""
    start = anchor
    while start > 0 and anchor - start < VIDEO_LOOKBEHIND:
        prev = lines[start - 1]
        if not (RELATIVE_TIME.match(prev.body) or _is_title_like(prev)) or prev.role not in (
            "boilerplate",
            "paragraph",
        ):
            break
        start -= 1
    return start
