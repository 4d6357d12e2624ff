"""Image captions, credits, alt texts and video blurbs among the lines of a page."""

from __future__ import annotations

from tasks.captions import split_credit
from tasks.text.lines import TextLine
from tasks.text_patterns import (
    CAPTION_PREFIX,
    CREDIT_LINE,
    DURATION,
    RELATIVE_TIME,
    TERMINAL_SENTENCE,
    VIDEO_LEAD,
    VIDEO_UI,
)

# Longest caption, in words: news captions run 10-45 words; an article paragraph that ends in
# "(Reuters)" is longer more often than not.
CAPTION_MAX_WORDS = 60
# Longest video title, in words (headline length).
VIDEO_TITLE_MAX_WORDS = 20
# Lines scanned past a video's lead line for its title, date and duration.
VIDEO_WINDOW = 5


def is_caption(line: TextLine) -> bool:
    """A caption: a caption prefix, or a short text ending in a photo credit."""
    if line.words > CAPTION_MAX_WORDS or line.bullet:
        return False
    return bool(CAPTION_PREFIX.match(line.body)) or split_credit(line.body)[1] is not None


def is_credit(line: TextLine) -> bool:
    """A line that is only a photo credit ("Credit Jane Doe", "Getty Images")."""
    return line.words <= 12 and bool(CREDIT_LINE.match(line.body))


def mark_figures(lines: list[TextLine]) -> None:
    """Role caption / credit / image_alt for figure lines (an alt line sits just above its caption)."""
    for i, line in enumerate(lines):
        if line.role != "boilerplate" and line.role != "paragraph":
            continue
        if is_caption(line):
            line.role = "caption"
            prev = lines[i - 1] if i else None
            if prev and prev.block == line.block and prev.role in ("paragraph", "boilerplate") and _alt_like(prev):
                prev.role = "image_alt"
        elif is_credit(line):
            line.role = "credit"
            prev = lines[i - 1] if i else None
            if prev and prev.role in ("paragraph", "boilerplate") and prev.words <= CAPTION_MAX_WORDS and (
                prev.final_punct
            ):
                prev.role = "caption"


def _alt_like(line: TextLine) -> bool:
    return 3 <= line.words <= CAPTION_MAX_WORDS and not line.bullet


def _is_title_like(line: TextLine) -> bool:
    return 2 <= line.words <= VIDEO_TITLE_MAX_WORDS and not TERMINAL_SENTENCE.search(line.body)


def _video_part(line: TextLine) -> bool:
    body = line.body
    return bool(DURATION.match(body) or RELATIVE_TIME.match(body) or VIDEO_UI.match(body))


def _video_span(lines: list[TextLine], lead: int) -> int:
    """End (exclusive) of the video blurb whose lead line is ``lead``."""
    end, i, seen_title = lead + 1, lead + 1, False
    while i < len(lines) and i <= lead + VIDEO_WINDOW:
        line = lines[i]
        if _video_part(line):
            end = i + 1
            if DURATION.match(line.body) and i + 1 < len(lines) and lines[i + 1].block == line.block:
                nxt = lines[i + 1]
                if not _video_part(nxt) and not VIDEO_LEAD.match(nxt.body):
                    end = i + 2  # the description printed right under the duration
                break
        elif _is_title_like(line) and not seen_title:
            seen_title, end = True, i + 1
        else:
            break
        i += 1
    return end


def mark_videos(lines: list[TextLine]) -> None:
    """Role video for blurbs: a "WATCH |" lead, its title, age, duration and description."""
    i = 0
    while i < len(lines):
        if VIDEO_LEAD.match(lines[i].body) or (DURATION.match(lines[i].body) and lines[i].words <= 3):
            start = i
            if not VIDEO_LEAD.match(lines[i].body):
                start = _video_start_before(lines, i)
            end = _video_span(lines, i)
            for line in lines[start:end]:
                line.role = "video"
            i = end
        else:
            i += 1


def _video_start_before(lines: list[TextLine], anchor: int) -> int:
    """First line of a blurb found from its duration line: title and age lines above it."""
    start = anchor
    while start > 0 and anchor - start < 3:
        prev = lines[start - 1]
        if not (RELATIVE_TIME.match(prev.body) or _is_title_like(prev)) or prev.role not in (
            "boilerplate", "paragraph"
        ):
            break
        start -= 1
    return start
