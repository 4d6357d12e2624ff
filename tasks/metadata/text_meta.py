"""Metadata of a plain-text payload, from the lines the clean stage classified (the payload is
not read again): their header roles when it gave them, and our own reading of their texts
otherwise (headline line, ``Title - Site`` suffix, section word, dek, byline in any language,
dated lines), so the fields survive a weaker or a stronger line classifier alike."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

from tasks.common import bylinetext, datetext
from tasks.common.page_lines import slug_tokens, url_slug
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
# Headline length in words, as the clean stage's title lines (3-20 words seen; 20 and 30 score
# as 25 within 0.1 on wcxb's inscriptis renderings).
MAX_HEADLINE_WORDS = 25
# A line of more words ending in a full stop is a sentence, not a headline.
MAX_STOPPED_HEADLINE_WORDS = 8
# Share of the URL slug's words a line must hold to be the headline the slug names (wcxb title
# exact, fold means, inscriptis / bs4: 0.3 ≈ 0.4 > 0.5 > 0.6 > 0.7, by 0.2-0.8 each).
MIN_SLUG_SHARE = 0.4
# A line that repeats the page's first line whole confirms it as a declared title only from
# this many words (shorter repeats are menus written twice: "My account Logout Login").
MIN_REPEATED_TITLE_WORDS = 4
# A list entry, in the renderings' bullet styles ("* ", "+ ", "o ", "1. ").
_BULLET = re.compile(r"^(?:[*+•·o-]|\d+\.)\s")
# Skip links, contents boxes, search and account controls: lines that open with these words on
# 20-439 sites of the corpus' renderings (each on 3+), never a headline. "Search" and "Menu"
# only as the whole line (a control's label): "Search for survivors resumes" is a headline.
_CHROME_LINE = re.compile(
    r"^(?:skip to|jump to|table of contents|on this page|in this article|sign in|log in)\b"
    r"|^(?:search|menu)\W*$",
    re.I,
)
# A breadcrumb trail ("Home · Farm · Headline", "Home / Blog / Post"): two marks or more.
_TRAIL_MARK = re.compile(r"\s[»›>/|·•]\s")
_MIN_TRAIL_MARKS = 2
# A trail's first step, the home page's label ("Home - Blog - Post", "Home >Marketing > Post"),
# however its marks are spaced (``titles.HOME_LABELS``: on pages of 3 sites of the corpora).
_HOME_STEP = re.compile(rf"^(?:{'|'.join(sorted(titles.HOME_LABELS))})\s*[-–—>»›/|·•:]", re.I)
# A web address printed as a line (a share box's link).
_ADDRESS = re.compile(r"://|^\S+\.[a-z]{2,}/\S*$")
_FILE_ENDING = re.compile(r"\.[a-z]{2,5}$", re.I)


def read_text_fields(
    lines: list[ClassifiedLine], language: str | None = None, url: str | None = None
) -> ArticleHeader:
    """Every header field of a text payload, from the lines the clean stage classified (and the
    page's URL, whose path names the headline among them)."""
    texts = [line.text for line in lines]
    roles: dict[str, str] = {line.text: line.role for line in lines}
    title = text_title(lines, url)
    site = _split_site(_role(lines, "title") or (texts[0] if texts else None), texts)[1]
    head = _header(texts, title)
    published, modified, seen = _dates(texts[:HEADER_LINES * 2], roles)
    published = published or dates.text_dateline([t for t in texts if roles.get(t) != "page_clock"], title)
    credits = _authors(texts, lines, site, title)
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


def text_title(lines: list[ClassifiedLine], url: str | None = None) -> str | None:
    """The headline of a text payload: its headline line without a site suffix."""
    return _split_site(headline_line(lines, url), [line.text for line in lines])[0]


def _role(lines: list[ClassifiedLine], role: str) -> str | None:
    return next((line.text for line in lines if line.role == role), None)


def _short_role(lines: list[ClassifiedLine], role: str) -> str | None:
    """A role's line when it is short enough to be a name, not a whole title line."""
    text = _role(lines, role)
    return text if text and len(text.split()) <= titles.MAX_AFFIX_WORDS else None


def headline_line(lines: list[ClassifiedLine], url: str | None = None) -> str | None:
    """The line that is the page's headline (a site suffix still on it), by the first signal that
    names one: a declared title's headline printed again lower down (a rendering that keeps the
    ``<title>`` as its first line), the line written with the words of the URL path's last
    segment, the line that holds most of its slug's words, the headline-shaped line above the
    first paragraph (past its byline and dateline), the clean stage's title line, the first
    headline-shaped line. Never a skip link, a menu entry, a breadcrumb trail or an address."""
    shaped = [line.text for line in lines if _headline_shaped(line.text)]
    title_role = _role(lines, "title")
    return (_declared_title_cut(lines, shaped, url) or _segment_line(shaped, url) or _slug_line(shaped, url)
            or _above_first_paragraph(lines)
            or (title_role if title_role and _headline_shaped(title_role) else None)
            or (shaped[0] if shaped else None))


def _headline_shaped(text: str) -> bool:
    """Whether a line can be a headline: a few words, no list entry, sentence, date, byline, skip
    link or control, breadcrumb trail or address."""
    words = len(text.split())
    return (0 < words <= MAX_HEADLINE_WORDS and not _BULLET.match(text) and not _CHROME_LINE.match(text)
            and not (words > MAX_STOPPED_HEADLINE_WORDS and text.rstrip().endswith("."))
            and len(_TRAIL_MARK.findall(text)) < _MIN_TRAIL_MARKS and not _HOME_STEP.match(text)
            and not _ADDRESS.search(text)
            and not datetext.find_dates(text) and bylinetext.after_label(text) is None)


def _declared_title_cut(lines: list[ClassifiedLine], shaped: list[str], url: str | None = None) -> str | None:
    """The headline a first line written as a declared title (``Headline | Site``) confirms, as
    ``titles.confirmed_h1`` does with a page's ``<h1>``: a later line that is most of it, or that
    repeats it whole when it is long enough not to be a menu; where the later line is only some of
    the words of a part of that title, the whole part (``_part_holding``). Not where the URL's slug
    shares no word with that first line: a rendering that opens with the page's chrome ("My account
    Logout", a phone number, a shipping notice) prints it twice, as the mobile and the desktop
    menus."""
    if not lines or _slug_disowns(lines[0].text, url):
        return None
    first = lines[0].text
    key = titles.squash(first)
    has_affix = len([part for part in titles.AFFIX_SEPARATOR.split(first) if part.strip()]) > 1
    cuts = [
        text for text in shaped[1:]
        if (titles.squash(text) == key and len(text.split()) >= MIN_REPEATED_TITLE_WORDS)
        or (has_affix and titles.squash(text) != key and len(text.split()) > 1)
    ]
    cut = titles.confirmed_h1(cuts, [first], [])
    return _part_holding(first, cut) if cut and has_affix else cut


def _part_holding(title: str, cut: str) -> str:
    """The part of a ``Headline | Site`` title line that holds the printed ``cut``: a line lower
    down that is some of its words ("Data analytics services" for "Data Analytics Services and
    Solutions | Acxiom", a section's heading, a menu entry, a teaser) confirms which part is the
    headline, and the part is the headline the page declares, in the title's spelling (wcxb bs4
    renderings, title exact 64.06 -> 65.98: 49 pages right, 23 wrong, most whose truth is the
    shorter printed form; the printed spelling where the cut is the whole part, 65.90)."""
    key = titles.squash(cut)
    parts = [part.strip() for part in titles.AFFIX_SEPARATOR.split(title) if part.strip()]
    return next((part for part in parts if key in titles.squash(part)), cut)


def _slug_disowns(text: str, url: str | None) -> bool:
    """Whether the URL has a slug of several words and the text has none of them."""
    slug = url_slug(url)
    return bool(slug) and not slug_tokens(slug or "") & slug_tokens(text)


def _segment_line(shaped: list[str], url: str | None) -> str | None:
    """The line written with exactly the words of the URL path's last segment ("/all-sheets",
    "/travel-insurance/"): a collection's or a service's name."""
    segments = [seg for seg in unquote(urlsplit(url or "").path).split("/") if seg]
    words = slug_tokens(_FILE_ENDING.sub("", segments[-1])) if segments else set()
    return next((text for text in shaped if words and slug_tokens(text) == words), None)


def _slug_line(shaped: list[str], url: str | None) -> str | None:
    """The first line holding the most of the URL slug's words (at least two, and
    ``MIN_SLUG_SHARE`` of them): the headline the page was published under."""
    slug = url_slug(url)
    if not slug:
        return None
    words = slug_tokens(slug)
    need = max(2.0, MIN_SLUG_SHARE * len(words))
    best, most = None, 0
    for text in shaped:
        shared = len(words & slug_tokens(text))
        if shared >= need and shared > most:
            best, most = text, shared
    return best


# A line right above the first paragraph with fewer words is a label ("Key Points", "Sign Up",
# "Hide Caption", "5 mins"), not its headline (wcxb title exact, fold means, inscriptis / bs4:
# 2 words 56.5 / 63.5, 3 words 56.9 / 64.1, 4 words 56.8 / 64.3 with more pages lost).
MIN_ABOVE_PARAGRAPH_WORDS = 3
# A line ending so leads into what follows ("Hi to all,", "... include live examples:").
_LEAD_IN_END = (":", ",")
# Header lines between a headline and its first paragraph.
_STAMP_ROLES = frozenset({"byline", "dateline", "page_clock", "image_alt", "caption", "credit", "dek"})


def _above_first_paragraph(lines: list[ClassifiedLine]) -> str | None:
    """The headline-shaped line of ``MIN_ABOVE_PARAGRAPH_WORDS`` or more right above the first
    paragraph, past the byline, dateline, dek and photo lines between them; not one that leads
    into the paragraph."""
    first = next((i for i, line in enumerate(lines) if line.role == "paragraph"), None)
    if first is None:
        return None
    for line in reversed(lines[max(0, first - HEADER_LINES):first]):
        if line.role in _STAMP_ROLES:
            continue
        text = line.text
        if (_headline_shaped(text) and len(text.split()) >= MIN_ABOVE_PARAGRAPH_WORDS
                and not text.endswith(_LEAD_IN_END)):
            return text
    return None


def _split_site(first: str | None, texts: list[str]) -> tuple[str | None, str | None]:
    """The headline without its site suffix, and that suffix as the site's name.

    A suffix counts only when it is short or when the bare headline is repeated lower down,
    as page text usually repeats it above the article."""
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


def _authors(texts: list[str], lines: list[ClassifiedLine], site: str | None, title: str | None) -> authors.Credits:
    """The credits of the first byline candidate that names a person or an agency."""
    for candidate in _byline_candidates(texts, lines, title):
        found = authors.read_credits([_strip_byline_tail(candidate)], [site] if site else [])
        if found.people or found.agencies:
            return found
    return authors.Credits()


def _byline_candidates(texts: list[str], lines: list[ClassifiedLine], title: str | None) -> Iterator[str]:
    """Byline strings in the order they are trusted, made lazily (the later ones scan the whole
    page): the clean stage's byline lines, labelled lines at the top of the page (list bullets
    off: "* Thread starter jdoe"), a forum thread's starter (before the "By:" of its search form),
    labels alone at the top that take the next line ("Written By:" / "Jane Doe"), then the
    labelled byline under the headline further down (a rendering prints menus above it; lines
    without a letter or digit, such as empty list bullets, left out), then any labelled line,
    then a person's name printed without a label beside the header's date ("Jane Doe" / "* April
    10, 2025"), as the HTML path reads them, and last any short credit right above that date."""
    yield from (_BULLET.sub("", line.text) for line in lines if line.role == "byline")
    unbulleted = [_BULLET.sub("", text) for text in texts if any(ch.isalnum() for ch in text)]
    top = unbulleted[:HEADER_LINES * 2]
    yield from (rest for rest in map(bylinetext.after_label, top) if rest)
    yield from bylines.thread_starters(unbulleted)
    yield from bylines.labelled_bylines(top)
    body = _past_title_line(unbulleted, title)
    if title:
        yield from bylines.header_bylines(body, [title])
    yield from bylines.labelled_bylines(unbulleted)
    if title:
        yield from bylines.header_names(body, [title])
        yield from bylines.credit_above_dateline(body, [title])


def _past_title_line(lines: list[str], title: str | None) -> list[str]:
    """The lines after the first when it is the page's ``<title>`` and the headline is printed
    again below it (BeautifulSoup renderings open with the ``<title>``, then the menus)."""
    if title is None or bylines.headline_index(lines[:1], [title]) is None:
        return lines
    return lines[1:] if bylines.headline_index(lines[1:], [title]) is not None else lines


def _poster_or_author_box(texts: list[str], site: str | None) -> authors.Credits:
    """The readers the HTML path has for pages without a byline line, on the text's lines: a
    forum thread's first poster (above the first post's statistics, or on the line of its
    header: Discourse's and phpBB's as renderings print them), a question's asker, else an
    author box's person ("Jane Doe" / "Jane Doe is a ...")."""
    readers = (bylines.forum_poster, bylines.first_post_poster, bylines.question_asker, bylines.bio_names)
    for found in (read(texts) for read in readers):
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
