"""Author names: split, stripped of "By", roles and dates, checked to look like names."""

from __future__ import annotations

import re

from tasks.metadata import datetext

# Words that introduce a byline, in the languages of the corpus (matched case-insensitively,
# at the start of the string).
BYLINE_LEADS = (
    "written by", "posted by", "published by", "story by", "words by", "text by", "reported by",
    "zum profil von", "artikel von", "ein artikel von", "beitrag von", "beitragvon", "ein beitrag von",
    "geschrieben von", "verfasst von", "veröffentlicht von", "erstellt von", "eingestellt von",
    "gepostet von", "écrit par", "rédigé par", "publié par", "escrito por", "publicado por",
    "scritto da", "pubblicato da", "geschreven door", "autor/in", "autorin", "autor", "author", "auteur",
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
    r"\s*[;,|/&·•]\s*|\s+(?:and|und|et|y|e|i|with|mit|im gespräch mit|in conversation with)\s+|\s*\n\s*",
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
# German compounds end in the institution word ("Landesinstitut", "Bundesministerium").
_INSTITUTION = re.compile(
    r"\b(?:gmbh|ag|e\.\s?v|inc|ltd|llc|institute|university|universität|ministry|agency|newsroom|editorial)\b"
    r"|\b\w*(?:verlag|stiftung|anstalt|institut|ministerium|agentur|zeitung|redaktion)\b",
    re.I,
)
# One letter is an initial or a scrap of a split ("e.V." -> "V"), not a name.
MIN_NAME_CHARS = 2
# Academic and professional titles printed before a name ("Dr. Jane Doe", "Rechtsanwalt Max Roe").
_HONORIFIC = re.compile(
    r"^(?:(?:dr|prof|mag|dipl\.?-ing|ing|priv\.?-doz|rechtsanwalt|rechtsanwältin|fachanwalt|fachanwältin|"
    r"notar|notarin|ra)\.?\s+)+(?=\S+\s+\S)",
    re.I,
)
_URL = re.compile(r"^(?:https?://|www\.)", re.I)


def clean_name(raw: str) -> str | None:
    """One author name without byline words, roles or dates; None if it is not a name."""
    name = _EMAIL.sub("", " ".join(raw.split()))
    name = _LEAD_CJK.sub("", _LEAD.sub("", name))
    name = name.split(":", 1)[0] if ":" in name[1:] else name  # "Jane Doe: translated by ..."
    name = _TRAILING_LINKS.sub("", _TRAILING.sub("", name)).strip(" -–—|:,.·•\"'()[]")
    name = _HONORIFIC.sub("", name)
    if not name or _URL.match(name) or name.casefold() in NOT_NAMES | CALENDAR_WORDS | DATE_CUES:
        return None
    if _is_phrase(name):
        return None
    if not any(ch.isalpha() for ch in name):
        return None
    if len(name.split()) > MAX_NAME_WORDS or sum(ch.isdigit() for ch in name) > 2 or len(name) < MIN_NAME_CHARS:
        return None
    return name


# Lower-case words that belong inside names ("Ursula von der Leyen", "Les Membres du Choeur").
NAME_PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "des", "la", "le", "y", "e",
    "zu", "dos", "das", "do", "bin", "ibn", "al", "el", "ter", "ten", "af",
})
# From this many words, a lower-case word other than a particle makes the string a phrase
# (a role after the name: "Projektleiterin der HSS in Tunesien"); two-word names may be written
# in lower case ("Jane doe"), so they are not judged, nor are all-lower-case handles.
MIN_PHRASE_WORDS = 3


# Words that open what a byline prints after the name, never a name ("· in Gefühle", "for Reuters").
_AFTER_NAME_WORDS = frozenset({"in", "im", "on", "for", "für", "aus", "bei", "dans", "en", "sur", "über", "about"})


def _is_phrase(name: str) -> bool:
    words = name.split()
    if len(words) >= 2 and words[0] in _AFTER_NAME_WORDS:
        return True
    return len(words) >= MIN_PHRASE_WORDS and words[0][:1].isupper() and any(
        w.islower() and w.casefold() not in NAME_PARTICLES for w in words[1:]
    )


def split_names(raw: str) -> list[str]:
    """The names in one author string (``By Jane Doe and John Roe``), cleaned, in order."""
    text = _LEAD.sub("", _GLUED.sub(r"\1 \2", " ".join(raw.split())))
    dates = datetext.find_dates(text)
    if dates:  # "Jane Doe, 21.01.2009, 05:42": the name ends where the date begins
        start = text.find(dates[0])
        before = text[:start].strip(_DATE_GLUE)
        text = before or _LEAD.sub("", _LEADING_TIME.sub("", text[start + len(dates[0]):]))
        text = _drop_date_words(text)
    out: list[str] = []
    for part in AUTHOR_SEPARATORS.split(text):
        name = clean_name(part)
        if name and name not in out:
            out.append(name)
    return out


# Between a name and its date: punctuation and the words that introduce a date ("am", "on").
_DATE_GLUE = " ,;|·•/–—-"
DATE_PREPOSITIONS = frozenset({"am", "on", "le", "el", "il", "den", "vom", "um", "at", "du", "del"})
# Words that announce a date in a byline ("Jane Doe · Published 6 April"): never a name.
DATE_CUES = frozenset({
    "published", "posted", "updated", "veröffentlicht", "aktualisiert", "erstellt", "publié", "publicado",
    "pubblicato", "datum", "date",
})
_LEADING_TIME = re.compile(r"^[\s,|·•/–—-]*\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|[ap]\.?m\.?))?[\s,|·•/–—-]*", re.I)


def _drop_date_words(text: str) -> str:
    """A name without the date words left behind its cut-off date ("Jane Doe am Dienstag")."""
    words = text.strip(_DATE_GLUE).split()
    while words and words[-1].casefold().strip(",.:") in DATE_PREPOSITIONS | DATE_CUES | CALENDAR_WORDS:
        words.pop()
    return " ".join(words).strip(_DATE_GLUE)


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
