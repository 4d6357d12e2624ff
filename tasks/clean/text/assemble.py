"""Body blocks from classified lines: paragraphs, headings, lists, quotes, figures, videos."""

from __future__ import annotations

from collections.abc import Iterator

from tasks.clean.text.patterns import DURATION, LIST_BULLET, RELATIVE_TIME, VIDEO_LEAD, VIDEO_UI
from tasks.common.captions import split_credit
from tasks.common.words import ends_sentence
from tasks.models import BodyBlock, ClassifiedLine, Figure, Heading, ListBlock, Media, Paragraph, Quote

FIGURE_ROLES = frozenset({"image_alt", "caption", "credit"})
# Roles that make body blocks; the others (header lines, chrome) are metadata or dropped.
BLOCK_ROLES = frozenset({"paragraph", "heading", "quote", "list_item", "video"}) | FIGURE_ROLES


def _runs(lines: list[ClassifiedLine]) -> Iterator[tuple[str, list[ClassifiedLine]]]:
    """Consecutive lines grouped by role family (figure parts together; chrome in between is
    skipped, so a list interrupted by an ad line stays one list)."""
    family: str | None = None
    run: list[ClassifiedLine] = []
    for line in lines:
        if line.role not in BLOCK_ROLES:
            continue
        fam = "figure" if line.role in FIGURE_ROLES else line.role
        if fam != family or fam in ("paragraph", "heading", "quote"):
            if family is not None and run:
                yield family, run
            family, run = fam, []
        run.append(line)
    if family is not None and run:
        yield family, run


def duration_seconds(text: str) -> int | None:
    """ "Duration 2:00" -> 120, "1:02:33" -> 3753."""
    match = DURATION.match(text.strip())
    if not match:
        return None
    seconds = 0
    for part in match["time"].split(":"):
        seconds = seconds * 60 + int(part)
    return seconds


def _media(texts: list[str]) -> Media:
    lead = next((t for t in texts if VIDEO_LEAD.match(t)), None)
    rest = [t for t in texts if t is not lead and not RELATIVE_TIME.match(t) and not VIDEO_UI.match(t)]
    duration = next((d for d in map(duration_seconds, texts) if d is not None), None)
    rest = [t for t in rest if duration_seconds(t) is None]
    title = next((t for t in rest if not ends_sentence(t)), None)
    if title is None and lead is not None:
        title = VIDEO_LEAD.sub("", lead).rstrip(":").strip() or None
    description = next((t for t in rest if t is not title and ends_sentence(t)), None)
    return Media(media_type="video", title=title, duration_s=duration, description=description)


def _videos(texts: list[str]) -> Iterator[Media]:
    """One ``Media`` per blurb in a run of video lines: a blurb starts at a "WATCH |" lead
    and ends one line (its description) after its duration."""
    group: list[str] = []
    since_duration: int | None = None
    for text in texts:
        if group and (VIDEO_LEAD.match(text) or (since_duration is not None and since_duration >= 1)):
            yield _media(group)
            group, since_duration = [], None
        group.append(text)
        if duration_seconds(text) is not None:
            since_duration = 0
        elif since_duration is not None:
            since_duration += 1
    if group:
        yield _media(group)


def _figures(lines: list[ClassifiedLine]) -> Iterator[Figure]:
    fields: dict[str, str] = {}
    for line in lines:
        key = {"image_alt": "alt", "caption": "caption", "credit": "credit"}[line.role]
        if key in fields or (key == "alt" and fields):
            yield _figure(fields)
            fields = {}
        fields[key] = line.text
    if fields:
        yield _figure(fields)


def _figure(fields: dict[str, str]) -> Figure:
    caption, credit = split_credit(fields["caption"]) if "caption" in fields else (None, None)
    return Figure(alt=fields.get("alt"), caption=caption or None, credit=fields.get("credit") or credit)


def _list(texts: list[str]) -> ListBlock:
    items = [LIST_BULLET.sub("", t, count=1) for t in texts]
    ordered = all(t[:1].isdigit() for t in texts)
    return ListBlock(text="\n".join(items), items=items, ordered=ordered)


def build_blocks(lines: list[ClassifiedLine]) -> list[BodyBlock]:
    """The ordered body blocks of the classified lines."""
    blocks: list[BodyBlock] = []
    for family, run in _runs(lines):
        texts = [line.text for line in run]
        if family == "paragraph":
            blocks.append(Paragraph(text=texts[0]))
        elif family == "heading":
            blocks.append(Heading(text=texts[0]))
        elif family == "quote":
            blocks.append(Quote(text=texts[0].lstrip("> ").strip()))
        elif family == "list_item":
            blocks.append(_list(texts))
        elif family == "video":
            blocks.extend(_videos(texts))
        elif family == "figure":
            blocks.extend(_figures(run))
    return blocks
