"""Author names: split, stripped of "By", roles and dates, checked to look like names."""

from __future__ import annotations

import re

from tasks.meta import datetext

# Words that introduce a byline, in the languages of the corpus (matched case-insensitively,
# at the start of the string).
BYLINE_LEADS = (
    "written by", "posted by", "published by", "story by", "words by", "text by", "reported by",
    "zum profil von", "artikel von", "beitrag von", "beitragvon", "ein beitrag von", "geschrieben von",
    "veröffentlicht von", "erstellt von", "autor/in", "autorin", "autor", "author", "auteur",
    "auteure", "autore", "autora", "redakteur", "redakteurin", "interview", "text", "texte",
    "von", "vom", "by", "par", "por", "di", "de", "door", "av", "da", "przez", "av",
    "责任编辑", "作者", "编辑", "記者", "文",
)
_LEAD = re.compile(
    r"^(?:(?:" + "|".join(re.escape(w) for w in sorted(BYLINE_LEADS, key=len, reverse=True)) + r")\b\s*[:：]?\s*)+",
    re.I,
)
_LEAD_CJK = re.compile(r"^(?:责任编辑|作者|编辑|記者|文)\s*[:：]?\s*")
# Between two authors (the corpus' own split set, plus "with" and "im Gespräch mit").
AUTHOR_SEPARATORS = re.compile(
    r"\s*[;,|/&]\s*|\s+(?:and|und|et|y|e|i|with|mit|im gespräch mit|in conversation with)\s+|\s*\n\s*",
    re.I,
)
# Values that fill an author field without naming anyone.
NOT_NAMES = frozenset({
    "name", "admin", "administrator", "author", "autor", "user", "guest", "gast", "staff",
    "redaktion", "editor", "editors", "editorial", "team", "webmaster", "anonymous", "unknown",
    "null", "none", "undefined", "default", "wordpress", "root", "system", "newsroom",
})
# Trailing parts that are not the name: roles, agencies in parentheses, dates and times.
_TRAILING = re.compile(
    r"\s*(?:\(.*?\)|[-–—|,]\s*(?:staff|senior|chief|editor|reporter|correspondent|writer|columnist|"
    r"contributor|redakteur|korrespondent)\b.*|\d{1,2}[./]\d{1,2}[./]\d{2,4}.*|\d{4}-\d{2}-\d{2}.*)$",
    re.I,
)
# A byline word glued to the name by the page's markup ("vonElisa", "AuthorAndreas").
_GLUED = re.compile(r"([a-zäöüéè]{3,})([A-ZÄÖÜÉ][a-zäöüéè])")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
# Link texts that author boxes print after the name ("Jane Doe All articles", "Jane Doe says").
_TRAILING_LINKS = re.compile(
    r"\s+(?:alle artikel|all articles|more articles|more from|mehr|profil|view profile|follow|says|sagt|"
    r"schreibt|writes)\b.*$|\s+(?:am|on|le|el|il)\s+\d.*$|\s*[»«›‹>]+.*$",
    re.I,
)
# Day and month names: a byline split at its commas leaves them behind ("Donnerstag, 4. ...").
CALENDAR_WORDS = frozenset([
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag",
    "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi",
    "vendredi", "samedi", "dimanche", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "januar", "februar", "märz", "juni",
    "juli", "oktober", "dezember"
])
# A name longer than this many words is a sentence or a title that slipped into a byline field.
MAX_NAME_WORDS = 5
# Words that make an author field an institution, kept only when no person is named anywhere.
_INSTITUTION = re.compile(
    r"\b(?:gmbh|ag|e\.\s?v|inc|ltd|llc|verlag|stiftung|landesanstalt|anstalt|institut|institute|"
    r"university|universität|ministerium|ministry|agentur|agency|zeitung|redaktion|newsroom|editorial)\b",
    re.I,
)
# One letter is an initial or a scrap of a split ("e.V." -> "V"), not a name.
MIN_NAME_CHARS = 2
_URL = re.compile(r"^(?:https?://|www\.)", re.I)


def clean_name(raw: str) -> str | None:
    """One author name without byline words, roles or dates; None if it is not a name."""
    name = _EMAIL.sub("", " ".join(raw.split()))
    name = _LEAD_CJK.sub("", _LEAD.sub("", name))
    name = name.split(":", 1)[0] if ":" in name[1:] else name  # "Jane Doe: translated by ..."
    name = _TRAILING_LINKS.sub("", _TRAILING.sub("", name)).strip(" -–—|:,.·•\"'")
    if not name or _URL.match(name) or name.casefold() in NOT_NAMES | CALENDAR_WORDS:
        return None
    if not any(ch.isalpha() for ch in name):
        return None
    if len(name.split()) > MAX_NAME_WORDS or sum(ch.isdigit() for ch in name) > 2 or len(name) < MIN_NAME_CHARS:
        return None
    return name


def split_names(raw: str) -> list[str]:
    """The names in one author string (``By Jane Doe and John Roe``), cleaned, in order."""
    text = _LEAD.sub("", _GLUED.sub(r"\1 \2", " ".join(raw.split())))
    dates = datetext.find_dates(text)
    if dates:  # "Jane Doe, 21.01.2009, 05:42": the name ends where the date begins
        text = text[: text.find(dates[0])]
    out: list[str] = []
    for part in AUTHOR_SEPARATORS.split(text):
        name = clean_name(part)
        if name and name not in out:
            out.append(name)
    return out


def clean_authors(values: list[str], site_names: list[str]) -> list[str]:
    """Names from several author strings, without the site or publisher's own name (a byline
    "Jane Doe, The Site" credits Jane Doe; a byline naming only the site credits nobody)."""
    names: list[str] = []
    for value in values:
        names.extend(n for n in split_names(value) if n not in names)
    return [n for n in names if not names_site(n, site_names)]


def names_site(name: str, site_names: list[str]) -> bool:
    """True when the name is the site's or publisher's (or contained in it), or an institution's."""
    if _INSTITUTION.search(name):
        return True
    key = _key(name)
    sites = {_key(s) for s in site_names if s}
    return key in sites or any(key in s or s in key for s in sites if len(key) > 3 and len(s) > 3)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
