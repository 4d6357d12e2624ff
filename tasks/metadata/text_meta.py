"""Metadata of a plain-text payload, from the lines the clean stage classified (the payload is
not read again): their header roles when it gave them, and our own reading of their texts
otherwise (title line, ``Title - Site`` suffix, section word, dek, byline in any language, dated
lines), so the fields survive a weaker or a stronger line classifier alike."""

from __future__ import annotations

import re

from tasks.common import bylinetext, datetext
from tasks.metadata import authors, bylines, dates, titles
from tasks.models import ArticleHeader, ClassifiedLine

# Lines read for the header fields: the headline, section and dek sit at the top of a page.
HEADER_LINES = 15
# Lines under the repeated headline that may still be header (dek, byline, photo alt, caption).
LINES_AFTER_HEADLINE = 4
# A section label is a word or two ("World", "Local News"); longer lines are menus or text.
MAX_SECTION_WORDS = 3
# A dek is one sentence; shorter lines are labels, longer ones are paragraphs.
MIN_DEK_WORDS, MAX_DEK_WORDS = 6, 45
# Suffix after the headline on the title line: "Headline - Site", "Headline | Site".
_SITE_SUFFIX = re.compile(r"^(?P<title>.+?)\s+[-|–—·]\s+(?P<site>[^-|–—·]{2,60})$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_SECTION_WORD = re.compile(r"^[A-ZÀ-Þ][\w&'’-]*(?:\s+[A-Z&][\w&'’-]*){0,2}$")


def read_text_fields(lines: list[ClassifiedLine], language: str | None = None) -> ArticleHeader:
    """Every header field of a text payload, from the lines the clean stage classified."""
    texts = [line.text for line in lines]
    roles: dict[str, str] = {line.text: line.role for line in lines}
    title, site = _title_and_site(texts, lines)
    head = _header(texts, title)
    published, modified, seen = _dates(texts[:HEADER_LINES * 2], roles)
    published = published or dates.text_dateline([t for t in texts if roles.get(t) != "page_clock"], title)
    credits = _authors(texts[:HEADER_LINES * 2], lines, site)
    if not credits.people and not credits.agencies:
        credits = _poster_or_author_box(texts, site)
    return ArticleHeader(
        language=language,
        title=title,
        subtitle=_role(lines, "dek") or _dek(head, title),
        authors=credits.people,
        byline=credits.byline,
        agencies=credits.agencies,
        published_at=published,
        modified_at=modified,
        seen_at=seen,
        site_name=site or _short_role(lines, "site"),
        section=_role(lines, "section_label") or _section(head, title),
    )


def _role(lines: list[ClassifiedLine], role: str) -> str | None:
    return next((line.text for line in lines if line.role == role), None)


def _short_role(lines: list[ClassifiedLine], role: str) -> str | None:
    """A role's line when it is short enough to be a name, not a whole title line."""
    text = _role(lines, role)
    return text if text and len(text.split()) <= titles.MAX_AFFIX_WORDS else None


def _title_and_site(texts: list[str], lines: list[ClassifiedLine]) -> tuple[str | None, str | None]:
    """The headline without its site suffix, and that suffix as the site's name.

    A suffix counts only when it is short or when the bare headline is repeated lower down,
    as page text usually repeats it above the article."""
    first = _role(lines, "title") or (texts[0] if texts else None)
    if not first:
        return None, None
    match = _SITE_SUFFIX.match(first)
    if not match:
        return first, None
    bare, site = match["title"].strip(), match["site"].strip()
    repeated = any(titles.squash(line) == titles.squash(bare) for line in texts[1:HEADER_LINES * 2])
    if repeated or len(site.split()) <= titles.MAX_AFFIX_WORDS:
        return bare, site
    return first, None


def _header(texts: list[str], title: str | None) -> list[str]:
    """The lines between the title line and the body: where section and dek are written."""
    head = texts[1:HEADER_LINES]
    key = titles.squash(title)
    for index, line in enumerate(head):
        if key and titles.squash(line) == key:
            return head[: index + 1 + LINES_AFTER_HEADLINE]
    return head


def _section(head: list[str], title: str | None) -> str | None:
    """A one-to-three-word capitalised line before the repeated headline."""
    key = titles.squash(title)
    for line in head:
        if key and titles.squash(line) == key:
            break
        if (len(line.split()) <= MAX_SECTION_WORDS and _SECTION_WORD.match(line)
                and not datetext.find_dates(line) and bylinetext.after_label(line) is None):
            return line
    return None


def _dek(head: list[str], title: str | None) -> str | None:
    """The standfirst: a one-sentence line after the headline written without a final stop."""
    key = titles.squash(title)
    seen_title = not any(titles.squash(line) == key for line in head)
    for line in head:
        if titles.squash(line) == key:
            seen_title = True
            continue
        words = len(line.split())
        if (seen_title and MIN_DEK_WORDS <= words <= MAX_DEK_WORDS and not _SENTENCE_END.search(line)
                and "|" not in line and not datetext.find_dates(line)):
            return line
    return None


def _authors(texts: list[str], lines: list[ClassifiedLine], site: str | None) -> authors.Credits:
    """The credits of the first byline line that names a person or an agency."""
    candidates = [line.text for line in lines if line.role == "byline"]
    candidates += [rest for rest in map(bylinetext.after_label, texts) if rest]
    for candidate in candidates:
        found = authors.read_credits([_strip_byline_tail(candidate)], [site] if site else [])
        if found.people or found.agencies:
            return found
    return authors.Credits()


def _poster_or_author_box(texts: list[str], site: str | None) -> authors.Credits:
    """The readers the HTML path has for pages without a byline line, on the text's lines: a
    forum thread's first poster (above the first post's statistics), else an author box's person
    ("Jane Doe" / "Jane Doe is a ...")."""
    for found in (bylines.forum_poster(texts), bylines.bio_names(texts)):
        credits = authors.read_credits(found, [site] if site else [])
        if credits.people:
            return credits
    return authors.Credits()


def _strip_byline_tail(byline: str) -> str:
    """``By Jane Doe · The Site · Updated: Nov 3`` -> ``Jane Doe``."""
    text = bylinetext.after_label(byline) or byline
    dates = datetext.find_dates(text)
    if dates:
        text = text[: text.find(dates[0])]
    return re.split(r"\s+[·•|]\s+|\s+[-–—]\s+", text)[0]


def _dates(texts: list[str], roles: dict[str, str]) -> tuple[str | None, str | None, str | None]:
    """(published, modified, seen): a page clock is only ever a seen date; a date counts as the
    publication date when its line says so (Published/Posted/By) or the cleaner calls it a dateline."""
    published = modified = seen = None
    for line in texts:
        found = datetext.find_dates(line)
        if not found:
            continue
        iso = datetext.to_iso(found[0])
        role = roles.get(line)
        if role == "page_clock" or datetext.is_page_clock(line):
            seen = seen or iso
        elif datetext.UPDATED_CUES.search(line) and not datetext.PUBLISHED_CUES.search(line):
            modified = modified or iso
        elif role == "dateline" or datetext.PUBLISHED_CUES.search(line) or bylinetext.after_label(line):
            published = published or iso
            if len(found) > 1 and datetext.UPDATED_CUES.search(line):
                modified = modified or datetext.to_iso(found[1])
    return published, modified, seen
