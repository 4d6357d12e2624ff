"""Dates written in running text or chrome lines: "Friday, November 22, 2024, 06:48 PM",
"22 Nov 2024", "2024-11-22", "22.11.2024"; and how a line tells a page clock from a dateline."""

from __future__ import annotations

import re
import warnings

from dateutil import parser as dateutil_parser

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*[A-Z]{2,4}\b)?)?"
DATE_IN_TEXT = re.compile(
    rf"\b{_WEEKDAY}(?:{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{_MONTHS},?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}})?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    rf"|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}){_TIME}",
)
# Signs that a dated line is the site's header (clock, weather, navigation), not the article's.
PAGE_CLOCK_SIGNS = re.compile(
    r"°\s*[CF]\b|\|.*\||\b(?:weather|login|log in|sign in|subscribe|webmail|home)\b", re.I,
)
# Words that make a dated line the article's own publication line.
PUBLISHED_CUES = re.compile(
    r"\b(?:published|posted|first published|veröffentlicht|publié|publicado|pubblicato|am)\b|^\s*(?:by|von)\b",
    re.I,
)
UPDATED_CUES = re.compile(r"\b(?:updated|last updated|aktualisiert|mis à jour|actualizado)\b", re.I)


def find_dates(line: str) -> list[str]:
    """Every date expression of a line, as written."""
    return [m.group(0).strip(" ,") for m in DATE_IN_TEXT.finditer(line)]


def to_iso(expression: str) -> str | None:
    """A written date (with its time when given) as ISO 8601; None if it does not parse."""
    text = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", expression).replace(" at ", " ")
    try:
        with warnings.catch_warnings():  # unknown zone names parse as naive times
            warnings.simplefilter("ignore")
            parsed = dateutil_parser.parse(text, dayfirst="." in text, fuzzy=True)
    except (ValueError, OverflowError, dateutil_parser.ParserError):
        return None
    has_time = re.search(r"\d{1,2}:\d{2}", expression) is not None
    return parsed.isoformat() if has_time else parsed.date().isoformat()


def is_page_clock(line: str) -> bool:
    """True for a dated chrome line: the site's clock beside weather, login or a menu."""
    return bool(find_dates(line)) and PAGE_CLOCK_SIGNS.search(line) is not None


