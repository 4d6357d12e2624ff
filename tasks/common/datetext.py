"""The one date grammar: month and weekday names, the ways a date is written ("Friday, November
22, 2024, 06:48 PM", "22. Oktober 2023", "2024-11-22", "22.11.2024"), and the page-clock test.

The clean stage recognises dates with it (a dateline, a title that is not one); the metadata
stage reads them (``find_dates``, ``to_iso``), in HTML and plain-text payloads alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime

from tasks.common.words import UI_WORDS, WORD, ends_sentence

# Month and weekday names, lowercase, in calendar order: English (whole name, then its
# abbreviations), then the other languages of the corpus (de, fr, es, it, pt, nl).
_ENGLISH_MONTHS = (
    "january jan", "february feb", "march mar", "april apr", "may", "june jun", "july jul", "august aug",
    "september sep sept", "october oct", "november nov", "december dec",
)
_OTHER_MONTHS = (
    "januar janvier enero gennaio janeiro januari jänner",
    "februar février fevrier febrero febbraio fevereiro februari",
    "märz maerz mars marzo março maart",
    "avril abril aprile",
    "mai mayo maggio maio mei",
    "juni juin junio giugno junho",
    "juli juillet julio luglio julho",
    "août aout agosto augustus",
    "septembre septiembre settembre setembro",
    "oktober octobre octubre ottobre outubro",
    "novembre noviembre novembro",
    "dezember décembre decembre diciembre dicembre dezembro",
)
_ENGLISH_WEEKDAYS = (
    "monday mon", "tuesday tue tues", "wednesday wed", "thursday thu thur thurs", "friday fri",
    "saturday sat", "sunday sun",
)
_OTHER_WEEKDAYS = (
    "montag lundi lunes lunedì segunda-feira maandag",
    "dienstag mardi martes martedì terça-feira dinsdag",
    "mittwoch mercredi miércoles mercoledì quarta-feira woensdag",
    "donnerstag jeudi jueves giovedì quinta-feira donderdag",
    "freitag vendredi viernes venerdì sexta-feira vrijdag",
    "samstag samedi sábado sabato zaterdag",
    "sonntag dimanche domingo domenica zondag",
)


# Every month name with its number (1 = January).
MONTHS = {name: number for table in (_ENGLISH_MONTHS, _OTHER_MONTHS) for number, row in enumerate(table, 1)
          for name in row.split()}
# Whole day and month names, in every language above (not the English abbreviations, which
# follow the whole name in their row): never a person's name on their own.
CALENDAR_WORDS = frozenset(
    name for table in (_ENGLISH_MONTHS, _ENGLISH_WEEKDAYS) for name in (row.split()[0] for row in table)
) | frozenset(name for table in (_OTHER_MONTHS, _OTHER_WEEKDAYS) for row in table for name in row.split())


# English month names and abbreviations, and whole weekday names (for the callers that strip
# dates printed after a name).
ENGLISH_MONTH_WORDS = tuple(name for row in _ENGLISH_MONTHS for name in row.split())
ENGLISH_WEEKDAY_NAMES = tuple(row.split()[0] for row in _ENGLISH_WEEKDAYS)


def _alternatives(names: Iterable[str]) -> str:
    """A regex alternation of ``names``, longest first (so "june" wins over "jun")."""
    return "|".join(sorted(map(re.escape, names), key=len, reverse=True))


def _names(table: tuple[str, ...]) -> list[str]:
    return [name for row in table for name in row.split()]


def _month(names: Iterable[str], group: str) -> str:
    return rf"(?P<{group}>{_alternatives(names)})\.?"


def _written_forms(months: Iterable[str], *, local: bool) -> str:
    """The forms a date is written in: "Nov 22, 2024", "22 November 2024", ISO "2024-11-22" and
    "22.11.2024" (dots: day first everywhere). ``local`` adds the German, Romance and forum ways
    of the day-first form: "22. Oktober 2023", "22 de octubre de 2023", "1er mars 2020"."""
    names = tuple(months)
    day_then = r"(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?" if local else r"(?:st|nd|rd|th)?\s+"
    then_year = r",?\s+(?:de\s+)?" if local else r",?\s+"
    return (
        rf"{_month(names, 'month')}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
        rf"|(?P<d2>\d{{1,2}}){day_then}{_month(names, 'month2')}{then_year}(?P<y2>\d{{4}})"
        rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})"
        rf"|(?P<d4>\d{{1,2}})\.\s?(?P<m4>\d{{1,2}})\.\s?(?P<y4>\d{{4}})"
    )


# Numeric dates a reader knows by their shape but that are not read: "08/09/17" is day or month
# first by locale (left to htmldate, which knows it).
NUMERIC_DATE = r"\d{1,2}[./]\d{1,2}[./]\d{2,4}"
ISO_DATE = r"\d{4}-\d{2}-\d{2}"
# A date as a line shows it, weekday first or not: what a dateline or comment signature holds.
# English names only: the clean stage's line roles are features of its line model, which
# learned them from English dates (the whole table would change 3 of 2,970 corpus pages' roles;
# widen it when that model is next trained).
DATE_CORE = (
    rf"(?:(?:{_alternatives(_names(_ENGLISH_WEEKDAYS))})\.?,?\s+)?"
    rf"(?:{_written_forms(_names(_ENGLISH_MONTHS), local=False)}|{NUMERIC_DATE})"
)
DATE = re.compile(DATE_CORE, re.I)
# What every match of ``DATE`` holds (a four-digit year, or the digits of a numeric date): a
# scan for it is fast, where ``DATE``'s alternation is tried at every position of a line.
_DATE_DIGITS = re.compile(r"\d{4}|\d[./]\d{1,2}[./]\d\d")


def holds_date(text: str) -> bool:
    """True when ``DATE`` finds a date in the text (the same answer, about ten times faster)."""
    return _DATE_DIGITS.search(text) is not None and DATE.search(text) is not None


_TIME = (
    r"(?:,?\s*(?:at|um|à|a las)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
DATE_IN_TEXT = re.compile(rf"\b(?:{_written_forms(MONTHS, local=True)}){_TIME}", re.I)
# What every match of ``DATE_IN_TEXT`` holds: its four-digit year (``holds_date``'s trick).
_YEAR_DIGITS = re.compile(r"\d{4}")
_SLASHED = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}T)?\b", re.I)
TEMPERATURE = re.compile(r"-?\d{1,3}(?:[.,]\d)?\s*°\s*[CF]?\b|\b-?\d{1,3}\s*degrees\b", re.I)

# Dates as the page-type classifier counts them in a page's text (one for an article, many for
# a listing or a forum): numeric, ISO, English "Nov 22, 2024" / "22 Nov 2024", "3 days ago". A
# feature of its model, kept as it was trained (``tasks/clean/features/page_kind.py``); the
# grammar above read it a little worse on the folds (0.884 against 0.885). The lookahead names
# the first character of every form (a digit or a month's initial): it changes no match, and
# lets the scan of a whole page's text skip other positions a third faster.
DATE_MENTION = re.compile(
    r"\b(?=[\djfmasond])(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d"
    r"|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d\d"
    r"|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)\b",
    re.IGNORECASE,
)

# Words that make a dated line the article's own publication line.
PUBLISHED_CUES = re.compile(
    r"\b(?:published|posted|first published|written|veröffentlicht|publié|publicado|pubblicato)\b"
    r"|^\s*(?:by|von)\b",
    re.I,
)
# A label that names its date the article's first appearance, whatever the page shows beside its
# headline ("This article was originally published on" / "26 Sep 2019", "First Published on Apr
# 8, 2020"): "originally published" on 5 sites of the two corpora's dated pages; with a date it
# reads, on 4 (svs.gsfc.nasa.gov, npr.org, realestate.com.au, moneycontrol.com). "first
# published" labels a date on 3 sites of the three corpora (moneycontrol.com in meta, money.cnn.com
# and hindustantimes.com in dev; a script writes it on news18.com) and is prose on 3 more; left
# out, it changes no date of the 1,074 dated pages of wcxb and meta (round 31).
ORIGINAL_CUES = re.compile(r"\b(?:originally|first) published\b", re.I)
UPDATED_CUES = re.compile(r"\b(?:updated|last updated|aktualisiert|mis à jour|actualizado)\b", re.I)


def is_updated(text: str) -> bool:
    """True when the text labels its date as a revision ("Updated ...", "Aktualisiert am ...")
    and not as the publication ("Published ..., updated ...")."""
    return UPDATED_CUES.search(text) is not None and PUBLISHED_CUES.search(text) is None


def find_dates(line: str) -> list[str]:
    """Every readable date expression of a line, as written."""
    if _YEAR_DIGITS.search(line) is None:
        return []
    return [m.group(0).strip(" ,") for m in DATE_IN_TEXT.finditer(line)]


def iso_dates(text: str) -> Iterator[str]:
    """The real dates a text writes, as ISO 8601, in order (``find_dates`` read by ``to_iso``)."""
    return (iso for iso in map(to_iso, find_dates(text)) if iso)


def search_date(text: str, end: int) -> re.Match[str] | None:
    """``DATE_IN_TEXT``'s first match in ``text[:end]``: the same answer, without trying its
    alternation at every position of a text that holds no four-digit year (most lines)."""
    return DATE_IN_TEXT.search(text, 0, end) if _YEAR_DIGITS.search(text, 0, end) else None


def to_iso(expression: str) -> str | None:
    """A written date (with its time when given) as ISO 8601; None if it is not a real date."""
    match = DATE_IN_TEXT.search(expression)
    if not match:
        return None
    parts = match.groupdict()
    year = parts["y1"] or parts["y2"] or parts["y3"] or parts["y4"]
    day = parts["d1"] or parts["d2"] or parts["d3"] or parts["d4"]
    name = (parts["month"] or parts["month2"] or "").lower().rstrip(".")
    month = MONTHS.get(name) if name else int(parts["m3"] or parts["m4"])
    try:
        found = date(int(year), int(month or 0), int(day))
    except ValueError:
        return None
    if parts["hour"] is None:
        return found.isoformat()
    hour = int(parts["hour"]) % 12 + (12 if (parts["ampm"] or "").lower().startswith("p") else 0) \
        if parts["ampm"] else int(parts["hour"])
    try:
        return datetime(found.year, found.month, found.day, hour, int(parts["minute"])).isoformat()
    except ValueError:
        return found.isoformat()


def first_date(texts: list[str]) -> str | None:
    """The first date of the first text that holds one and is not a page clock."""
    for text in texts:
        if is_page_clock(text):
            continue
        if _SLASHED.search(text):
            return None  # 08/09/2017: day or month first? Left to htmldate, which knows the locale
        iso = next(iso_dates(text), None)
        if iso:
            return iso
    return None


# ---------------------------------------------------------------- the page clock

# "|"-separated fields on a line with a date that make it a header bar, not a dateline.
CLOCK_BAR_FIELDS = 3
# Longest header bar, in words: menus and a maintenance notice included, bars stay under 40.
CLOCK_BAR_MAX_WORDS = 40
# A dated line with this many navigation words is a menu bar when it is this short.
CLOCK_MENU_WORDS, CLOCK_MENU_MAX_WORDS = 2, 12
# Phrases with which a site's header announces the time now.
CLOCK_CUES = re.compile(r"\b(?:current time|it is now|aktuelle zeit|heute ist)\b", re.I)


def is_page_clock(text: str, words: float | None = None) -> bool:
    """The site's header bar: today's date or time beside weather, menu entries or a clock cue.

    ``words`` is the line's length when the caller measured it (CJK characters count apart);
    the words of ``text`` otherwise."""
    # A sentence or a long line is never the bar, whatever it holds: tested first, as the date
    # and temperature scans below cost most on the long prose lines this rules out.
    if ends_sentence(text) or (words is not None and words > CLOCK_BAR_MAX_WORDS):
        return False
    has_date, has_temperature = holds_date(text), bool(TEMPERATURE.search(text))
    if not (has_date or (has_temperature and CLOCK.search(text))):
        return False
    tokens = WORD.findall(text.lower())
    length = len(tokens) if words is None else words
    if length > CLOCK_BAR_MAX_WORDS:
        return False
    menu = sum(1 for t in tokens if t in UI_WORDS) >= CLOCK_MENU_WORDS and length <= CLOCK_MENU_MAX_WORDS
    return has_temperature or text.count("|") >= CLOCK_BAR_FIELDS or menu or CLOCK_CUES.search(text) is not None
