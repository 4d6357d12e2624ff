"""Bylines a reader sees: labelled lines ("Autor: Jane Doe") and links to author profile pages.

Pages that declare no author (or declare only the site) still print one: a label followed by
the name on the same line or the next one ("Written by: Jane Doe", "Ein Artikel von Jane Doe |
27.01.2022", ``<h4>Autor</h4><p><a>Jane Doe</a></p>``), or a link to the author's own page whose
path names them (``<a href="/author/jane-doe/">Jane Doe</a>``, the WordPress and Drupal
convention).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise

from tasks.common import bylinetext, datetext
from tasks.common.page_lines import HEADING_MARK
from tasks.common.words import LETTERS
from tasks.metadata import authors, names, titles
from tasks.metadata.authors import names_a_thing
from tasks.metadata.gazetteers import (
    MIN_GIVEN_NAME_LOCALES,
    common_words,
    dictionary_words,
    given_names,
    is_common_word,
    is_plain_word,
    surnames,
)
from tasks.metadata.names import NAME_PARTICLES

# A line longer than this is prose that happens to start with "Von" or "By", not a byline
# (bylines with a date and a section run to ~75 chars; on corpus/meta 70 to 90 score the same,
# 60 loses a page, 120 reads a sentence as a byline on another: the middle of the plateau).
MAX_BYLINE_LINE_CHARS = 80
# A name on the line after a bare label ("Autor" / "Jane Doe") is short (corpus/meta scores
# the same from 30 to 90; 60 leaves room for a name with a role).
MAX_NAME_LINE_CHARS = 60
_LEADING_DATE_TIME = re.compile(r"^[\s,|·•-]*(?:\d{1,2}:\d{2}(?:\s*uhr)?)?[\s,|·•-]*", re.I)




def labelled_bylines(lines: list[str]) -> list[str]:
    """Byline strings from labelled lines, in page order: the text after the label, or the next
    line when the label stands alone ("Autor" above the name); a thread starter's name first (a
    forum page's search form and rails print "By:" labels above its thread header)."""
    found = list(_labelled(lines))
    starters = [value for value, starter in found if starter][:1]
    out = [value for value, starter in found if not starter]
    return starters + [value for value in dict.fromkeys(out) if value not in starters]


# A line of the article's text is known by its first characters (the page's lines are cut short;
# a shorter line must be a whole paragraph).
ARTICLE_LINE_PREFIX_CHARS = 50


def article_end(lines: list[str], text: str) -> int | None:
    """The index of the last line that prints a paragraph of the article's text (the clean
    stage's, paragraphs apart by blank lines); None when no line does."""
    paragraphs = {" ".join(p.split()) for p in text.split("\n\n")} - {""}
    prefixes = {p[:ARTICLE_LINE_PREFIX_CHARS] for p in paragraphs if len(p) >= ARTICLE_LINE_PREFIX_CHARS}
    found = [index for index, line in enumerate(lines)
             if (key := line.lstrip(HEADING_MARK)) in paragraphs or key[:ARTICLE_LINE_PREFIX_CHARS] in prefixes]
    return found[-1] if found else None


def bylines_around_article(lines: list[str], text: str) -> tuple[list[str], list[str]]:
    """The labelled bylines printed up to the article's last paragraph, and those printed only
    after it (a related post's teaser, a rail's, a comment's: "October 28, 2025 by Jane Doe |
    Community" under the article on blogs.chapman.edu, "Written by" a related guide's writer on
    healthline.com); every byline is in the first list when the text is not found among the lines."""
    end = article_end(lines, text) if text else None
    if end is None:
        return labelled_bylines(lines), []
    within = labelled_bylines(lines[: end + 1])
    return within, [value for value in labelled_bylines(lines[end + 1:]) if value not in within]


def thread_starters(lines: list[str]) -> list[str]:
    """The name after the first "Thread starter" label ([] on pages without one)."""
    return [value for value, starter in _labelled(lines) if starter][:1]


def _labelled(lines: list[str]) -> Iterator[tuple[str, bool]]:
    """Each labelled line's credit, and whether its label names a thread's starter."""
    for index, full_line in enumerate(lines):
        line, found = _line_label(full_line)
        if len(line) > MAX_BYLINE_LINE_CHARS:
            person = _long_credit_person(line)
            if person:
                yield person, _is_starter_label(line)
            continue
        if found is None:
            found = _names_under_list_label(line, lines[index + 1: index + 1 + MAX_LISTED_NAMES])
        if found is None:
            continue
        if not found and index + 1 < len(lines):
            following = _past_avatar_initials(lines, index + 1)
            found = following if len(following) <= MAX_NAME_LINE_CHARS else _persons_before_roles(
                lines[index + 1: index + 1 + MAX_LISTED_NAMES])
            if found and line.startswith(HEADING_MARK) and _is_by_word(line) and not is_person_name(found):
                found = None  # a heading "By" is a facet title ("Shop by") unless a person's name follows
        if found and not names_a_thing(found) and not _is_label(found):
            yield found, _is_starter_label(line)


# A page's lines are read for labels up to four times (the bylines around the article, the header's,
# a thread's starter), and a site's menus repeat across its pages: each line is read once. Bounded
# so a worker's memory is too.
@lru_cache(maxsize=4096)
def _line_label(full_line: str) -> tuple[str, str | None]:
    """The line without the date trailing its byline, and the text after its byline label (None:
    no label, or a line too long for a byline)."""
    line = _before_trailing_date(full_line)
    if len(line) > MAX_BYLINE_LINE_CHARS:
        return line, None
    return line, _after_label(_strip_leading_date(line))


@lru_cache(maxsize=4096)
def _long_credit_person(line: str) -> str | None:
    """The persons opening the labelled credit of a line too long for a byline (read once a line,
    as ``_line_label``), or None."""
    credit = _after_label(line)
    return _person_before_role(credit) if credit else None


def _person_before_role(credit: str) -> str | None:
    """The persons' names that open a credit too long for a byline, up to the role a comma
    introduces ("Jane Doe, MD, gastroenterologist, Example Health", "Jane Doe, Senior Director,
    Content & Marketing, Example and Example Institute": parkview.com, marketingsherpa.com,
    atlasvanlines.com; "Jane Doe , John Roe , ..."), comma-joined; None when none opens it."""
    parts = [part.strip() for part in credit.split(",")]
    count = next((i for i, part in enumerate(parts) if not is_person_name(part, min_locales=1)), len(parts))
    return ", ".join(parts[:count]) if count and len(parts) > 1 else None


def _persons_before_roles(following: list[str]) -> str | None:
    """The persons each of the lines under a label opens with, comma-joined, up to the first line
    that opens with no person's name ("Written by" / "Jane Doe, 4+ years covering ..." / "John
    Roe, senior editor ..."); None when the first does not."""
    found: list[str] = []
    for line in following:
        person = _person_before_role(line.lstrip(HEADING_MARK))
        if person is None:
            break
        found.append(person)
    return ", ".join(found) or None


# A credit of a person's initials only ("CP", "DT"): what an avatar prints beside its writer's
# name, and the short form some blogs sign with.
_INITIALS = re.compile(r"^[A-Z]{2,3}$")


def is_initials_of(initials: str, name: str) -> bool:
    """Whether ``initials`` are the first letters of the words of ``name`` ("CP", "Chengcheng Pei")."""
    words = name.split()
    return bool(_INITIALS.match(initials)) and len(words) == len(initials) and all(
        word[:1] == letter for word, letter in zip(words, initials, strict=True))


def _past_avatar_initials(lines: list[str], index: int) -> str:
    """The line at ``index``, or the next one when the first is its avatar's initials ("Author" /
    "CP" / "Chengcheng Pei")."""
    line = lines[index].lstrip(HEADING_MARK)
    after = lines[index + 1].lstrip(HEADING_MARK) if index + 1 < len(lines) else ""
    return after if is_initials_of(line.strip(), after.strip()) else line


def spelled_out(name: str, lines: list[str]) -> str:
    """A credit of initials ("DT") as the person's name the page prints elsewhere with those
    initials ("Ein Blog von Donald Townsend ..."), the name as it is when it is no initials or no
    such person's name is printed."""
    if not _INITIALS.match(name):
        return name
    for line in lines:
        words = line.lstrip(HEADING_MARK).split()
        for start in range(len(words) - len(name) + 1):
            candidate = " ".join(word.strip(_NAME_EDGE_CHARS) for word in words[start: start + len(name)])
            if is_initials_of(name, candidate) and is_person_name(candidate, min_locales=1):
                return candidate
    return name


# Punctuation a name printed in a sentence carries ("von Donald Townsend, ...").
_NAME_EDGE_CHARS = ",.;:!?()\"'“”‘’"


# Labels that stand alone above a list of writers, one a line ("Authors" / "Jane Doe" / "John
# Roe", "Contributors:", "Article by"; each alone in an element on 3 or more sites of the corpora:
# 16, 26 and 3), read only when a person's name follows (menus use the same labels: "Contributors"
# / "Advertise"). "Author(s)" is printed so on one site only, and is not read.
_LIST_LABEL = re.compile(r"^(?:article\s+by|authors|contributors?)\s*:?$", re.I)
# A list label credits at most this many writers (a paper's authors run longer, in one line).
MAX_LISTED_NAMES = 6


def _names_under_list_label(line: str, following: list[str]) -> str | None:
    """The persons' names printed one a line under a list label, comma-joined; None when the
    line is no such label or no person's name follows it."""
    if not _LIST_LABEL.match(line.lstrip(HEADING_MARK).strip()):
        return None
    found: list[str] = []
    for name in following:
        if name.startswith(HEADING_MARK) or not is_person_name(name, min_locales=1):
            break
        found.append(name)
    return ", ".join(found) or None


_OPENS_WITH_LABEL = re.compile("|".join(map(re.escape, bylinetext.BYLINE_LEADS)), re.I)


def _before_trailing_date(line: str) -> str:
    """A long line cut where a date begins after its byline ("By Jane Doe, CFP – Updated Mar 5,
    2026 at 4:28 PM EST | Fact-checked by John Roe": fool.com, techgearlab.com, security.org); a
    line within the limit, or without such a date, as it is."""
    if len(line) <= MAX_BYLINE_LINE_CHARS or not _OPENS_WITH_LABEL.match(line.lstrip(HEADING_MARK + _LEADING_RULES)):
        return line  # most long lines are paragraphs: the date search is for labelled ones only
    found = datetext.search_date(line, MAX_BYLINE_LINE_CHARS)
    return line[: found.start()].rstrip() if found and found.start() else line


def _is_starter_label(line: str) -> bool:
    return bylinetext.is_starter_label(line.lstrip(HEADING_MARK))


def _is_by_word(line: str) -> bool:
    return line.lstrip(HEADING_MARK).lstrip(_LEADING_RULES).strip().casefold() in bylinetext.BY_WORDS


def _is_label(value: str) -> bool:
    """A value that is itself a label ("Researched by" below "Written by" with no name between)."""
    return value.rsplit(None, 1)[-1].casefold() in bylinetext.BY_WORDS


# A byline printed after its date and a short lead: "06.11.2023 13:30 von Jane Doe", "Posted on
# March 3, 2024 by Jane Doe", "Stars (1 / 1) 06.11.2023 13:30 von Jane" (a date then "by"/"von" and
# a name: on pages of 16 sites of the corpora); an update's or an edit's line names its editor.
MAX_DATE_LEAD_CHARS = 30
_EDIT_CUE = re.compile(r"\bedited\b|\bbearbeitet\b", re.I)


def _strip_leading_date(line: str) -> str:
    """A line without the lead, date and time it starts with ("06.11.2023 13:30 von Jane Doe")."""
    text = line.lstrip(HEADING_MARK)
    found = datetext.search_date(text, MAX_DATE_LEAD_CHARS + 40)
    if found is None or found.start() > MAX_DATE_LEAD_CHARS:
        return line
    lead = text[: found.start()]
    if found.start() and (datetext.UPDATED_CUES.search(lead) or _EDIT_CUE.search(lead)):
        return line
    rest = _LEADING_DATE_TIME.sub("", text[found.end():])
    return rest if bylinetext.after_label(rest) is not None else line


def _after_label(line: str) -> str | None:
    """The text after a byline label ('' for a label alone on its line), None for other lines; a
    heading reads "By" and a name only when the name is a person's ("By Jane Doe, Columnist" set
    as a heading under the headline: on pages of 5 sites of the corpora), not "Von Berlin nach Paris"."""
    text = line.lstrip(HEADING_MARK).lstrip(_LEADING_RULES)  # "---- by Jane Doe"
    heading = line.startswith(HEADING_MARK)
    found = bylinetext.after_label(text, heading=heading)
    if found is None and heading:
        rest = bylinetext.after_label(text)
        people = authors.read_credits([rest], []).people if rest else []
        return rest if people and is_person_name(people[0], min_locales=1) else None
    return found


# Dashes and bullets printed before a byline as a rule or a list mark.
_LEADING_RULES = "-–—_*•· "


# Lines read after, then before, the headline for a name printed beside the article's date: the
# header holds a kicker, a dek, the byline and the dateline (see ``header_names``).
HEADER_LINES_AFTER = 6
HEADER_LINES_BEFORE = 3
# A name printed alone in the header has two to four words ("Jane Doe", "Ursula von der Leyen").
MIN_HEADER_NAME_WORDS = 2
MAX_HEADER_NAME_WORDS = 4
# What a header prints between a name and its date ("Jane Doe · 6 min read", "25.10.2022 - Jane Doe").
_HEADER_SEPARATORS = re.compile(r"\s+[·•|/–—-]\s+|\s*[,;]\s+")


def header_names(lines: list[str], headlines: list[str]) -> list[str]:
    """The name printed without a label in the header around the article's headline (the first
    of ``headlines`` found among the lines): "25.10.2022 - Jane Doe", or "Jane Doe" alone on
    its line in a header that prints a date. Only a person's name counts (its first word a known
    given name); teaser cards and comments further down the page never do."""
    found = header_lines(lines, headlines)
    if found is None:
        return []
    after, before = found
    dated = [line for line in (*after, *before) if datetext.find_dates(line)]
    for line in dated:  # "25.10.2022 - Jane Doe", "Dec 19, 2025 · Jane Doe"
        name = _name_beside_date(line)
        if name:
            return [name]
    if not dated and not any(_is_date_cue(line) for line in after):
        return []
    return next(([line] for line in (*after, *before) if is_person_name(line)), None) or _beside_dateline(after)


def header_writer_list(lines: list[str], headlines: list[str]) -> list[str]:
    """The writers listed without a label on the line right above the header's date ("Jane Doe,
    John Roe & Ida Kern" / "Nov 25th, 2025"): each credit two to four capitalised words; [] when
    no such line lists two or more."""
    found = header_lines(lines, headlines)
    for line, following in pairwise(found[0] if found else []):
        if _is_header_date(following) and not datetext.find_dates(line):
            names = authors.split_names(line)
            if len(names) > 1 and all(_capitalised_words(name) for name in names):
                return [line]
    return []


def _capitalised_words(name: str) -> bool:
    words = name.split()
    return MIN_HEADER_NAME_WORDS <= len(words) <= MAX_HEADER_NAME_WORDS and all(
        w[:1].isupper() or w in NAME_PARTICLES for w in words)


def credit_above_dateline(lines: list[str], headlines: list[str]) -> list[str]:
    """The short line under the headline (or under its dek) when the header's date follows it
    ("Gabo" / "Jan 23", "Example Team" / "July 27, 2025", "Headline" / "A dek's sentence." /
    "Jane Doe" / "Dec 18, 2025"): the credit a plain-text rendering prints without a label,
    whoever it names (one-word names, handles, desks); [] when no date follows it."""
    found = header_lines(lines, headlines)
    after = [*(found[0] if found else []), "", ""]
    # Past a dek only: a line longer than a name (substack.com's posts print one above the writer).
    start = 1 if len(after[0].split()) > MAX_DEK_SKIP_WORDS and not datetext.find_dates(after[0]) else 0
    credit, following = after[start], after[start + 1]
    if not _is_header_date(following) or datetext.find_dates(credit) or _names_a_topic(credit) or ":" in credit:
        return []  # a label's line ("Credit: Jane Doe" under a photo) is no byline of its own
    return [credit] if credit and len(credit.split()) <= MAX_HEADER_NAME_WORDS else []


# A dek is a sentence: longer than this many words (a name has at most ``MAX_HEADER_NAME_WORDS``).
MAX_DEK_SKIP_WORDS = 5
# A header's date without its year, as Wix blogs print it under the writer ("Jane Doe" / "Jun 9" /
# "5 min read": keenschoolofmusic.com, allendentalinc.com, profor.com).
_MONTH_DAY = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+\d{1,2}$", re.I)


def _is_header_date(line: str) -> bool:
    return bool(datetext.find_dates(line) or _MONTH_DAY.match(line.strip()))


def _names_a_topic(text: str) -> bool:
    """A line of dictionary words that is no desk: the tag or the category a forum or a blog
    prints above the date where others print the writer ("networking", "Configuration",
    "Foundational Fitness Protocol"; forums.docker.com, community.home-assistant.io,
    forum.mssociety.org.uk, boards.straightdope.com, hubermanlab.com)."""
    words = LETTERS.findall(text)
    return bool(words) and not authors.agency_of(text) and all(is_plain_word(w) or is_common_word(w) for w in words)


def header_lines(lines: list[str], headlines: list[str]) -> tuple[list[str], list[str]] | None:
    """The lines of the header around the article's headline (the first of ``headlines`` found
    among the lines), headings out: those after it in page order, those before it nearest first;
    None when no headline is found."""
    anchor = headline_index(lines, headlines)
    if anchor is None:
        return None
    start = _last_repeat(lines, anchor) + 1
    after = [line for line in lines[start: start + HEADER_LINES_AFTER] if not line.startswith(HEADING_MARK)]
    before = [line for line in lines[max(0, anchor - HEADER_LINES_BEFORE): anchor][::-1]
              if not line.startswith(HEADING_MARK)]
    return after, before


def _last_repeat(lines: list[str], anchor: int) -> int:
    """The headline's line, or its last repeat among the header lines right after it with no date
    between: a rendering prints a breadcrumb's or a card's copy of the headline above the one its
    byline sits under ("Headline" / "Section" / "Headline" / "Jane Doe" / "April 10, 2025"); a
    copy after the header's date is a photo's or a share box's ("Headline" / "April 10, 2025" /
    "Jane Doe" / "Headline")."""
    key = titles.squash(lines[anchor].lstrip(HEADING_MARK))
    last = anchor
    for index in range(anchor + 1, min(len(lines), anchor + 1 + HEADER_LINES_AFTER)):
        if titles.squash(lines[index].lstrip(HEADING_MARK)) == key:
            last = index
        elif datetext.find_dates(lines[index]):
            break
    return last


# A wire service's dateline opening the article's first paragraph: the place, the services in
# parentheses, a dash ("Hamburg (dpa/lno) – ...", "LOS ANGELES (Reuters) - ..."; on pages of
# welt.de, reuters.com, uol.com.br and dailyherald.com in corpus/meta, kval.com in wcxb).
_AGENCY_DATELINE = re.compile(r"^[A-ZÀ-ÖØ-Þ][\w .'’-]{1,40}?\s*\((?P<credit>[^()]{2,30})\)\s*[–—-]\s")


def dateline_agencies(lines: list[str], headlines: list[str]) -> list[str]:
    """The wire services and desks a dateline under the headline credits ("Hamburg (dpa/lno) –"
    -> "dpa", "lno"), when the first of them is a known wire service; [] otherwise."""
    found = header_lines(lines, headlines)
    for line in found[0] if found else []:
        match = _AGENCY_DATELINE.match(line)
        parts = [part.strip() for part in match["credit"].split("/")] if match else []
        if parts and authors.agency_of(parts[0]):
            return [part for part in parts if part]
    return []


def header_bylines(lines: list[str], headlines: list[str]) -> list[str]:
    """The labelled bylines printed in the header under the article's headline ("By Jane Doe"),
    in page order: the article's own credit, where a rail or a comment prints others (above the
    headline, a teaser's "by" line may end the rail before it)."""
    anchor = headline_index(lines, headlines)
    if anchor is None:
        return []
    return labelled_bylines(lines[anchor + 1: anchor + 1 + HEADER_LINES_AFTER])


def _is_date_cue(line: str) -> bool:
    """A date label whose date the page fills in with a script ("Last Updated:" and nothing)."""
    return len(line.split()) <= MAX_DATE_CUE_WORDS and bool(
        datetext.PUBLISHED_CUES.search(line) or datetext.UPDATED_CUES.search(line))


# A date label without its date is a word or two ("Last Updated:", "Published on").
MAX_DATE_CUE_WORDS = 3


def _beside_dateline(after: list[str]) -> list[str]:
    """A name printed on the line right before or after the headline's dateline, its given name
    known to one Faker locale only ("Trond Teigen" under "2025-12-17"): beside the dateline, a
    rarer given name is evidence enough."""
    for index, line in enumerate(after):
        if datetext.find_dates(line) or _is_date_cue(line):
            beside = after[max(0, index - 1): index] + after[index + 1: index + 2]
            found = next((n for n in beside if is_person_name(n, min_locales=1)), None)
            if found:
                return [found]
    return []


def headline_index(lines: list[str], headlines: list[str]) -> int | None:
    """The index of the line that prints the first headline found, a heading first (a menu or
    a breadcrumb may print the headline's words above it); lines are cut short, so a long
    headline matches the start of its line, and a declared title may leave out the part a
    printed headline adds ("... - Part 1")."""
    return _headline_index(tuple(lines), tuple(headlines))


# An HTML page's header is looked for up to five times with the same lines and headlines (header
# bylines, header names, datelines, agency datelines): each line was squashed each time, 7 % of
# the stage's time. The last page's few calls are all that repeat; bounded so a worker's memory is too.
@lru_cache(maxsize=8)
def _headline_index(lines: tuple[str, ...], headlines: tuple[str, ...]) -> int | None:
    squashed: list[str] | None = None  # the lines squashed once for every headline, when one is asked
    for headline in headlines:
        key = titles.squash(headline)
        if not key:
            continue
        if squashed is None:
            squashed = [titles.squash(line.lstrip(HEADING_MARK)) for line in lines]
        found = [index for index, line in enumerate(squashed) if _prints_headline(line, key)]
        if found:
            return next((index for index in found if lines[index].startswith(HEADING_MARK)), found[0])
    return None


def _prints_headline(found: str, key: str) -> bool:
    """Whether a line (squashed: ``found``) prints the headline squashed as ``key``."""
    if found == key:
        return True
    shorter, longer = sorted((found, key), key=len)
    return len(shorter) >= MIN_HEADLINE_PREFIX and longer.startswith(shorter)


# A line cut at ``LINE_CHARS`` still names its headline from this many letters and digits on.
MIN_HEADLINE_PREFIX = 40


def _name_beside_date(line: str) -> str | None:
    """The person's name printed on a date line ("25.10.2022 - Jane Doe", "Dec 26, 2025 • Jane Doe
    in" above the post's section), if any."""
    rest = line.replace(datetext.find_dates(line)[0], " | ")
    parts = (authors.without_trailing_links(part.strip(_SEPARATOR_CHARS)) for part in _HEADER_SEPARATORS.split(rest))
    return next((part for part in parts if is_person_name(part)), None)


_SEPARATOR_CHARS = " |·•/–—-,;"


_ACRONYM_OR_POSSESSIVE = re.compile(r"^[A-Z]{2,}$|['’]s$")


# A middle initial ("Julian K. Arni"), left out of the word test, which takes upper-case words
# after the first for acronyms ("Calypso AI").
_MIDDLE_INITIAL = re.compile(r"^[A-Z]\.?$")


def is_person_name(text: str, min_locales: int = MIN_GIVEN_NAME_LOCALES) -> bool:
    """A name the entity extractor would take for a person's (``names.looks_like_person``: no
    organisation, event or sentence word), printed alone: two to four capitalised words
    (particles allowed), the first a given name known to ``min_locales`` Faker locales, not all
    of them common words, no acronym, digit or possessive ("Elliot Raba", not "Related Posts",
    "Jane Doe's Blog", "Luigi Rossi SPA" or "Jane Doe Media")."""
    words = text.split()
    if not MIN_HEADER_NAME_WORDS <= len(words) <= MAX_HEADER_NAME_WORDS or any(ch.isdigit() for ch in text):
        return False
    if not all((w[:1].isupper() or w in NAME_PARTICLES) and not _ACRONYM_OR_POSSESSIVE.search(w) for w in words):
        return False
    return (
        (given_names().get(words[0], 0) >= min_locales or _unlisted_first_name(words))
        and not all(w.casefold() in common_words() for w in words)
        and names.looks_like_person(" ".join(w for w in words if not _MIDDLE_INITIAL.match(w)))
    )


def _unlisted_first_name(words: list[str]) -> bool:
    """A first name no Faker locale lists ("Owain", "Mahua": its gazetteer misses many), known by
    the surname after it: two words, the first no English word, the last a Faker surname."""
    first, last = words[0], words[-1]
    return (
        len(words) == MIN_HEADER_NAME_WORDS and not given_names().get(first)
        and first.casefold() not in dictionary_words() and last in surnames()
    )


# The statistics a forum prints under each poster's name, label and value ("Posts: 2", "Join
# Date: Mar 2016", "Registered: 2025-11-01", German "Beiträge: 1626"): the first such block is the
# thread's first post, its poster's name a line or two above it (phpBB, vBulletin, FluxBB, SMF and
# MyBB: on wcxb and corpus/meta, 11 of the 12 pages with a poster truth give that poster). Two
# labels stand alone, each printed with a colon and a value on pages of 3+ sites of the corpora
# (``benchmarks/literal_sites.py``): "Posts" 10 sites, "Joined" 4. Other labels ("Join Date" 2
# sites, "Registered" 1, "Beiträge", "Registriert" 1) are not listed: they are read by the block's
# shape, two statistics within ``STAT_BLOCK_LINES`` lines.
_POSTER_STAT_LABELS = r"(?:posts|joined)"
_POSTER_STAT = re.compile(rf"^{_POSTER_STAT_LABELS}\s*:\s*\S", re.I)
# A statistic of any label: one or two words, a colon, then a count or a date within two words
# ("Messages: 1,204", "Member since: Mar 2016"; not "Tags: Recipes, Bread").
_STAT_VALUE = r"\s*:\s*(?:[^\W\d]+\.?,?\s+){0,2}\d"
_STAT_LABEL = r"[^\W\d_]{2,}"
_ANY_STAT = re.compile(rf"^{_STAT_LABEL}(?:[ -][^\W\d_]+)?{_STAT_VALUE}")
# A statistic's block: the next one follows within this many lines (a location or a rank between).
STAT_BLOCK_LINES = 3
# The rank a forum prints between the name and the statistics ("Member", "Senior Member": on
# pages of 10 sites of the corpora; other ranks are each one site's own).
_RANK = re.compile(r"\bmember\b", re.I)
# A poster's name is a short line (handles and "Firstname Lastname").
MAX_POSTER_CHARS = 40


def forum_poster(lines: list[str], any_label: bool = False) -> list[str]:
    """The name above the first post's statistics: the line right above them, or the one above
    that when the line between is a rank ("Member", or any line beside a handle-shaped name).
    ``any_label``: on a page known to be a forum, statistics of any label count, in a block (on
    other pages such blocks are product specifications, contact details, code)."""
    texts = [line.lstrip(HEADING_MARK) for line in lines]
    stat = next((index for index in range(len(texts)) if _opens_poster_stats(texts, index, any_label)), None)
    if stat is None or stat < 2:
        return []
    above, over = texts[stat - 1], texts[stat - 2]
    ranked = bool(_RANK.search(above)) or (is_handle(over) and not is_handle(above))
    name = over if ranked else above
    return [name] if len(name) <= MAX_POSTER_CHARS and not datetext.find_dates(name) else []


def _opens_poster_stats(texts: list[str], index: int, any_label: bool) -> bool:
    """Whether a poster's statistics start at this line: a labelled one ("Posts: 2"), or, with
    ``any_label``, a statistic of any label with another right under it (a block: "Join Date:
    Mar 2016", "Posts: 2,351")."""
    line = texts[index]
    if _POSTER_STAT.match(line):
        return True
    if not any_label or not _ANY_STAT.match(line):
        return False
    label = line.partition(":")[0].casefold()
    return any(_ANY_STAT.match(nxt) and nxt.partition(":")[0].casefold() != label
               for nxt in texts[index + 1:index + 1 + STAT_BLOCK_LINES])


def is_handle(text: str) -> bool:
    """A user name written as one word the way handles are: "b.scherer", "chunix64", "sean_g",
    "microfast", "StarredSkies" (a capital inside the word)."""
    return " " not in text and text[:1].isalnum() and any(ch.isalpha() for ch in text) and (
        not text[:1].isupper() or any(ch.isdigit() or ch in "._" for ch in text) or any(ch.isupper() for ch in text[1:])
    )


# Where a plain-text rendering prints a thread's first post: Discourse's post header, the poster's
# handle (their full name in parentheses), a date with its time and the post's number, "1"
# ("jdoe (Jane Doe) November 8, 2024, 7:33pm 1": on wcxb pages of 12 sites, community.openai.com,
# forums.docker.com, users.rust-lang.org, forum.obsidian.md ...); phpBB's and FluxBB's poster
# statistics run on the name's line ("jdoe Posts: 2 Joined: ...", "jdoe Member Registered: ...":
# forums.raspberrypi.com, forums.virtualbox.org, bogleheads.org, bbs.archlinux.org), a count or a
# date after the label (not "Feed Posts: Tag products", "inspect registered: List tasks"): a
# labelled statistic, or after a handle one of any one-word label with another after it.
_POST_NUMBER_ONE = "1"
_FULL_NAME_ASIDE = re.compile(r"\s*\([^()]{1,40}\)$")
_CLOCK = re.compile(r"\d:\d\d")
_INLINE_POSTER_STAT = re.compile(
    rf"^(?P<name>\S.*?)\s+(?:(?P<listed>{_POSTER_STAT_LABELS})|{_STAT_LABEL}(?={_STAT_VALUE}.*\s{_STAT_LABEL}{_STAT_VALUE})){_STAT_VALUE}",
    re.I,
)


def first_post_poster(lines: list[str]) -> list[str]:
    """The poster of a thread's first post where a plain-text rendering prints the post's header
    on one line: Discourse's "jdoe (Jane Doe) November 8, 2024, 7:33pm 1", phpBB's "jdoe Posts: 2
    Joined: ...", or under NodeBB's avatar ("J Offline" / "jdoe"); [] when no line does."""
    for index, line in enumerate(lines):
        name = _discourse_poster(line) or _inline_stats_poster(line) or _poster_under_avatar(lines, index)
        if name:
            return [name]
    return []


# NodeBB's avatar, rendered as the poster's initial and presence, above the name ("J Offline" /
# "jdoe": community.nodebb.org, forum.qt.io, community.windy.com).
_AVATAR_PRESENCE = re.compile(r"^(?:[*+•-]\s+)?(?P<initial>\w)\s+(?:Offline|Online)$")


def _poster_under_avatar(lines: list[str], index: int) -> str | None:
    """The name under an avatar's initial and presence, when it starts with that initial."""
    found = _AVATAR_PRESENCE.match(lines[index])
    if found is None:
        return None
    following = next((line for line in lines[index + 1:] if not _AVATAR_PRESENCE.match(line)), "")
    name = following.split(" | ")[0].strip()  # "jdoe | Premium": the name, then a badge
    fits = " " not in name and len(name) <= MAX_POSTER_CHARS
    return name if fits and name[:1].casefold() == found["initial"].casefold() else None


def _discourse_poster(line: str) -> str | None:
    """The handle of a Discourse post header numbered 1, None for other lines."""
    found = datetext.search_date(line, len(line))  # every line is tried: skip those without a year
    if found is None or line[found.end():].strip() != _POST_NUMBER_ONE or not _CLOCK.search(found[0]):
        return None
    handle = _FULL_NAME_ASIDE.sub("", line[: found.start()].strip())
    return handle if handle and " " not in handle and len(handle) <= MAX_POSTER_CHARS else None


def _inline_stats_poster(line: str) -> str | None:
    """The name before the poster statistics printed on its line ("jdoe Member Registered: ..."),
    the rank between them left out."""
    if ":" not in line:  # most lines: the statistics' label needs its colon
        return None
    found = _INLINE_POSTER_STAT.match(line)
    if found is None:
        return None
    name = _RANK_AFTER_NAME.sub("", found["name"]).strip()
    if found["listed"] is None and not is_handle(name):  # "OS: Windows 10 Memory: 8 GB" in a table
        return None
    return name if name and len(name) <= MAX_POSTER_CHARS and not datetext.find_dates(name) else None


# A rank printed between a poster's name and the statistics ("Member", "Senior Member").
_RANK_AFTER_NAME = re.compile(r"\s+(?:\w+\s+)?member$", re.I)


# A Stack Exchange question's card: "asked Feb 11, 2011 at 23:49", the asker's name on the next line
# (cooking.stackexchange.com, expatriates.stackexchange.com, stackoverflow.com, superuser.com,
# serverfault.com); answers print "answered", edits "edited" and their own names.
_ASKED = re.compile(r"^asked\s+(?P<date>.+)$")


def question_asker(lines: list[str]) -> list[str]:
    """The name under the first "asked <date>" line of a question page ([] on other pages)."""
    for index, line in enumerate(lines[:-1]):
        found = _ASKED.match(line)
        if found and datetext.find_dates(found["date"]):
            name = lines[index + 1].strip()
            ok = name and len(name) <= MAX_POSTER_CHARS and not datetext.find_dates(name)
            return [name] if ok else []
    return []


# The verb that opens an author's bio after the name ("Jane Doe is a reporter ...", "Jane ist ...").
_BIO_VERB = r"\s+(?:is|ist)\s"
# Or, after the first name alone, a verb in the third person ("Jane explores ...", "Jane writes").
_BIO_ACTION = r"\s+[a-z]{3,}s\s"
# Either verb anywhere in a line: few lines hold one, and the name test is the costly one.
_MAY_OPEN_BIO = re.compile(rf"{_BIO_VERB}|{_BIO_ACTION}")


def bio_names(lines: list[str]) -> list[str]:
    """The person an author box presents: a line that is a person's name (its given name known
    to one Faker locale or more), followed (maybe under a line of its role) by a line that opens a
    bio with that name or its first word and "is" ("Jane Doe" / "Jane Doe is a reporter at ...",
    "Jane is a developer ..."), or with the first word and a verb ("Jane Doe" / "Writer" / "Jane
    explores ..."), unless the name ends in a dictionary word (a product's)."""
    for index, line in enumerate(lines):
        name = line.lstrip(HEADING_MARK).strip()
        bios = [following.lstrip(HEADING_MARK) for following in lines[index + 1: index + 3]]
        if len(name) > MAX_NAME_LINE_CHARS or not any(_MAY_OPEN_BIO.search(bio) for bio in bios):
            continue
        if not is_person_name(name, min_locales=1):
            continue
        first = re.escape(name.split()[0])
        # a product named after a first name ("Aura Identity Monitoring" / "Aura monitors ...")
        action = "" if is_plain_word(name.split()[-1]) else f"|{first}{_BIO_ACTION}"
        opening = re.compile(rf"^(?:(?:{re.escape(name)}|{first}){_BIO_VERB}{action})")
        if any(opening.match(bio) for bio in bios):
            return [name]
    return []


def header_name_with_bio(lines: list[str], headlines: list[str]) -> list[str]:
    """The person's name (or a given name alone: "Stefan") printed alone on a line of the header
    under the headline when a line of the page opens a bio with that whole name ("Headline" /
    "Jane Doe" / ... / "Jane Doe is a travel writer ..."): the writer, whose author box stands far
    below (the corpora print such a pair on pages of 31 sites; on each of the 29 pages with an
    author truth, the name is a writer the truth names; a given name alone, on one page, is its
    writer's too)."""
    found = header_lines(lines, headlines)
    for line in found[0] if found else []:
        name = line.strip()
        if len(name) <= MAX_NAME_LINE_CHARS and (is_person_name(name, min_locales=1) or _is_given_name(name)):
            bio = re.compile(rf"{re.escape(name)}{_BIO_VERB}")
            if any(bio.match(other.lstrip(HEADING_MARK)) for other in lines):
                return [name]
    return []


def _is_given_name(word: str) -> bool:
    """A given name alone ("Stefan"), known to enough Faker locales to be no word, as a writer who
    signs with it prints it under the headline (and opens the bio with it: "Stefan is ...")."""
    return word.istitle() and word.isalpha() and given_names().get(word, 0) >= MIN_GIVEN_NAME_LOCALES and (
        not is_common_word(word))


# A copyright line: the mark, the years, the owner ("© 2025 Jane Doe. All rights reserved.",
# "Copyright (c) 2012- Jane Doe").
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright\b)\s*(?:©|\(c\))?\s*(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?)?[\s,]*(?:by\s+)?"
    r"(?P<owner>[^.|,©()]+)",
    re.I,
)


# A Creative Commons licence line credits its licensor after "by" ("(Creative Commons-Lizenz)
# 2006-2008 by Jane Doe", "Ein Blog von Jane Doe steht unter einer Creative Commons ...": the
# footers of personal blogs on web.archive.org, 1hundetagebuch.wordpress.com and
# andreabottlinger.wordpress.com).
_LICENCE = re.compile(r"\bcreative commons\b", re.I)
_LICENSOR = re.compile(r"\b(?:by|von)\s+(?P<owner>[A-ZÀ-ÖØ-Þ][\w'’-]*(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]*){1,3})")


def copyright_owners(lines: list[str]) -> list[str]:
    """The person a copyright or Creative Commons licence line names as the owner (a personal
    site's footer), the last such line first; the site's or a company's name is no person and is
    skipped."""
    for line in reversed(lines):
        found = _COPYRIGHT.search(line)
        owners = [found["owner"].strip()] if found else []
        if _LICENCE.search(line):
            owners += [licensor["owner"] for licensor in _LICENSOR.finditer(line)]
        owner = next((o for o in owners if o and is_person_name(o)), None)
        if owner:
            return [owner]
    return []
