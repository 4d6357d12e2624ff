"""Author names: split, stripped of "By", roles and dates, checked to look like names."""

from __future__ import annotations

import re

# Words that introduce a byline, in the languages of the corpus (matched case-insensitively,
# at the start of the string).
BYLINE_LEADS = (
    "written by", "posted by", "published by", "story by", "words by", "text by", "reported by",
    "zum profil von", "artikel von", "beitrag von", "ein beitrag von", "geschrieben von",
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
_EMAIL = re.compile(r"\S+@\S+\.\w+")
# A name longer than this many words is a sentence or a title that slipped into a byline field.
MAX_NAME_WORDS = 5
_URL = re.compile(r"^(?:https?://|www\.)", re.I)


def clean_name(raw: str) -> str | None:
    """One author name without byline words, roles or dates; None if it is not a name."""
    name = _EMAIL.sub("", " ".join(raw.split()))
    name = _LEAD_CJK.sub("", _LEAD.sub("", name))
    name = _TRAILING.sub("", name).strip(" -–—|:,.·•\"'")
    if not name or _URL.match(name) or name.casefold() in NOT_NAMES:
        return None
    if len(name.split()) > MAX_NAME_WORDS or sum(ch.isdigit() for ch in name) > 2:
        return None
    return name


def split_names(raw: str) -> list[str]:
    """The names in one author string (``By Jane Doe and John Roe``), cleaned, in order."""
    text = _LEAD.sub("", " ".join(raw.split()))
    out: list[str] = []
    for part in AUTHOR_SEPARATORS.split(text):
        name = clean_name(part)
        if name and name not in out:
            out.append(name)
    return out


def clean_authors(values: list[str], site_names: list[str]) -> list[str]:
    """Names from several author strings; the site or publisher's own name is dropped when a
    person is also named (a byline "Jane Doe, The Site" credits Jane Doe)."""
    names: list[str] = []
    for value in values:
        names.extend(n for n in split_names(value) if n not in names)
    sites = {_key(s) for s in site_names if s}
    people = [n for n in names if _key(n) not in sites and not any(_key(n) in s for s in sites if len(_key(n)) > 3)]
    return people or names


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
