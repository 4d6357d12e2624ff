"""Dates written in running text or chrome lines: "Friday, November 22, 2024, 06:48 PM",
"22. Oktober 2023", "2024-11-22", "22.11.2024"; and how a line tells a page clock from a dateline."""

from __future__ import annotations

import re
from datetime import date, datetime

# Month names of the corpus' languages (en, de, fr, es, it, pt, nl), lowercase, to month number.
MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan januar janvier enero gennaio janeiro januari jänner",
        "february feb februar février fevrier febrero febbraio fevereiro februari",
        "march mar märz maerz mars marzo março maart",
        "april apr avril abril aprile",
        "may mai mayo maggio maio mei",
        "june jun juni juin junio giugno junho",
        "july jul juli juillet julio luglio julho",
        "august aug août aout agosto augustus",
        "september sep sept septembre septiembre settembre setembro",
        "october oct oktober octobre octubre ottobre outubro",
        "november nov novembre noviembre novembro",
        "december dec dezember décembre decembre diciembre dicembre dezembro",
    ),
    start=1,
):
    for _name in _names.split():
        MONTHS[_name] = _number
_MONTH = r"(?P<month>" + "|".join(sorted(map(re.escape, MONTHS), key=len, reverse=True)) + r")\.?"
_MONTH2 = _MONTH.replace("?P<month>", "?P<month2>")
_TIME = (
    r"(?:,?\s*(?:at|um|à|a las)?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
)
DATE_IN_TEXT = re.compile(
    rf"\b(?:{_MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s+(?:de\s+)?{_MONTH2}\s+(?:de\s+)?(?P<y2>\d{{4}})"
    rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}})"
    rf"|(?P<d4>\d{{1,2}})\.\s?(?P<m4>\d{{1,2}})\.\s?(?P<y4>\d{{4}})){_TIME}",
    re.I,
)
# Signs that a dated line is the site's header (clock, weather, navigation), not the article's.
PAGE_CLOCK_SIGNS = re.compile(
    r"°\s*[CF]\b|\|.*\||\b(?:weather|login|log in|sign in|subscribe|webmail|home|aktuelle zeit|"
    r"current time|it is now|heute ist)\b",
    re.I,
)
# Words that make a dated line the article's own publication line.
PUBLISHED_CUES = re.compile(
    r"\b(?:published|posted|first published|written|veröffentlicht|publié|publicado|pubblicato)\b"
    r"|^\s*(?:by|von)\b",
    re.I,
)
_SLASHED = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")
UPDATED_CUES = re.compile(r"\b(?:updated|last updated|aktualisiert|mis à jour|actualizado)\b", re.I)


def find_dates(line: str) -> list[str]:
    """Every date expression of a line, as written."""
    return [m.group(0).strip(" ,") for m in DATE_IN_TEXT.finditer(line)]


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
        if PAGE_CLOCK_SIGNS.search(text):
            continue
        if _SLASHED.search(text):
            return None  # 08/09/2017: day or month first? Left to htmldate, which knows the locale
        for expression in find_dates(text):
            iso = to_iso(expression)
            if iso:
                return iso
    return None


def is_page_clock(line: str) -> bool:
    """True for a dated chrome line: the site's clock beside weather, login or a menu."""
    return PAGE_CLOCK_SIGNS.search(line) is not None and bool(find_dates(line))
