"""Author names: split, stripped of "By", roles and dates, checked to look like names."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, field

from tasks.common import bylinetext, datetext
from tasks.common.words import LETTERS
from tasks.metadata.gazetteers import common_words, given_names, is_common_word
from tasks.metadata.names import NAME_PARTICLES

# The words that introduce a byline (``bylinetext.BYLINE_LEADS``), case-insensitively, at the start.
_LEADS_LONGEST_FIRST = sorted(bylinetext.BYLINE_LEADS, key=len, reverse=True)
_LEAD = re.compile(
    r"^(?:(?:" + "|".join(map(re.escape, _LEADS_LONGEST_FIRST)) + r")\b\s*[:：]?\s*)+",
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
    rf"contributor|redakteur|korrespondent)\b.*|{datetext.NUMERIC_DATE}.*|{datetext.ISO_DATE}.*)$",
    re.I,
)
# A byline word glued to the name by the page's markup ("vonElisa", "AuthorAndreas"); only a
# byline word is split off, so handles written in camel case ("MixmasterFred") stay whole.
_GLUED = re.compile(
    r"^((?i:" + "|".join(re.escape(w) for w in _LEADS_LONGEST_FIRST if w.isalpha())
    + r"))([A-ZÄÖÜÉ][a-zäöüéè])"
)
_EMAIL = re.compile(r"\S+@\S+\.\w+")
# Link texts that author boxes print after the name ("Jane Doe All articles", "Jane Doe says"),
# and the section a byline files the post in ("Von Jane In Aktuell", "Jane Doe in" / "Section").
_TRAILING_LINKS = re.compile(
    r"\s*\d+\s*(?:min|mins|minutes|minuten)\.?\s+(?:read|lesezeit|lesen)\b.*$|"
    r"\s+(?:alle artikel|all articles|more articles|more from|mehr|profil|view profile|follow|says|sagt|"
    r"schreibt|writes)\b.*$|\s+(?:am|on|le|el|il)\s+\d.*$|\s*[»«›‹>]+.*$|\s+(?-i:In\s+[A-ZÀ-ÖØ-Þ].*|in)$"
    # a date's cue left after the name ("Jane Doe Updated", "Jane Doe Last Updated:"), the word
    # before a date the line printed next, in lower case ("Jane Doe on", "Jane at"; a name may
    # end in "On": "Audiophile On"), or "In" before a section on the next line (renofi.com,
    # travelyesplease.com, business.com, soliant.com, davidbau.com, saraharberson.com), a
    # comment count ("Jane Doe 59 Comments": scalzi.com, erinspain.com, lobste.rs)
    r"|\s+(?:last\s+)?(?:updated|published|posted)\b.*$|\s+\d+\s+comments?\b.*$"
    r"|\s+(?-i:on|at|in|In)(?:\s+(?:" + "|".join(datetext.ENGLISH_WEEKDAY_NAMES) + r"))?$",
    re.I,
)


def without_trailing_links(text: str) -> str:
    """A name without what a byline prints after it (``_TRAILING_LINKS``: "Jane Doe in" before the
    section on the next line, "Jane Doe All articles", "Jane Doe 59 Comments")."""
    return _TRAILING_LINKS.sub("", text).strip()


# Abbreviated day and month names that a forum or blog prints where the author's name goes
# ("Dec", "Sun", "Aug"): alone, never a name ("Jan", "Mar", "Jun", the first names, are left out).
CALENDAR_ABBREVIATIONS = frozenset([
    "feb", "apr", "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
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
    name = _EMAIL.sub("", " ".join(html.unescape(raw).split()))
    name = _LEAD_CJK.sub("", _LEAD.sub("", name))
    name = name.split(":", 1)[0] if ":" in name[1:] else name  # "Jane Doe: translated by ..."
    name = _TRAILING_LINKS.sub("", _TRAILING.sub("", name)).strip(" -–—|:,.·•\"'()[]")
    name = _drop_trailing_chrome(_drop_avatar_initials(_HONORIFIC.sub("", name)))
    if not name or _URL.match(name) or name.casefold() in NOT_NAMES | datetext.CALENDAR_WORDS | DATE_CUES:
        return None
    if _only_roles(name):
        return None
    if _names_nobody(name) or names_a_thing(name) or _is_phrase(name) or not any(ch.isalpha() for ch in name):
        return None
    if _has_code_symbol(name):
        return None
    if len(name.split()) > MAX_NAME_WORDS or _too_many_digits(name) or len(name) < MIN_NAME_CHARS:
        return None
    return name


# Brackets and signs a credit may hold: an aside's parentheses, Korean news' "agency=name" joiner.
_CREDIT_SIGNS = frozenset("()[]=")


def _has_code_symbol(name: str) -> bool:
    """A math symbol or an angle or curly bracket: a formula's or code's line after a "by" that
    ends the line above ("... := by" / "intro ⟨h1, h2⟩" in a proof), never a person's name."""
    return any(
        unicodedata.category(ch) in {"Sm", "Ps", "Pe"} and ch not in _CREDIT_SIGNS
        for ch in name
    )


def _only_roles(name: str) -> bool:
    """A credit that is a job title and no name ("Co-Founder", "Senior Editor"): a byline split
    at its commas leaves the role printed after the name as a credit of its own."""
    return all(word.casefold().strip(".,") in ROLE_WORDS for word in name.split())


def names_a_thing(value: str) -> bool:
    """A value made of common English words only, the first no given name: the facet of a menu
    or the field of a form ("By Role", "By Company Size", "Author" / "Information", "Event Type",
    "The Author"), not a person."""
    words = LETTERS.findall(value)
    return bool(words) and words[0].title() not in given_names() and all(w.lower() in common_words() for w in words)


def _names_nobody(name: str) -> bool:
    """A day or month abbreviation ("Sun Dec"), or one common word ("Community", "Research":
    a section printed beside the byline), is no name."""
    if all(word.casefold().strip(".,") in CALENDAR_ABBREVIATIONS for word in name.split()):
        return True
    return " " not in name and is_common_word(name)


# Job titles printed after a name ("Jane Doe Tech Reporter", "Jane Doe · Review Editor"): the
# name ends before the first of them (forum and blog author boxes run them together).
ROLE_WORDS = frozenset({
    "writer", "reporter", "editor", "correspondent", "columnist", "contributor", "founder", "co-founder",
    "consultant", "journalist", "author", "redakteur", "redakteurin", "autor", "autorin", "moderator",
    "member", "expert", "head", "former", "senior", "staff", "ceo", "director", "manager",
})
# The job title a byline prints after the last comma ("Jane Doe, Home and Security Expert", "Jane
# Doe, Editor of The Site"): its
# words would otherwise split into false names at "and"; a desk ("Jane Doe, Guardian staff") stays.
_TRAILING_ROLE = re.compile(
    r",\s+[^,]*\b(?:" + "|".join(sorted(ROLE_WORDS - {"staff"}, key=len, reverse=True))
    + r")s?(?:\s+(?:of|at|for|bei|für)\s+[^,]*)?\s*$",
    re.I,
)
# Month abbreviations and post counts that forum and blog bylines print after the user's name
# ("Wyndo Dec", "Vader 6"); months that are also first names ("May", "June") are left alone.
_MONTHS_ALSO_NAMES = frozenset({"mar", "march", "april", "may", "june", "jun", "july", "jul", "august"})
_TRAILING_CHROME = re.compile(
    r"(?:\s+(?:\d{1,6}|" + "|".join(
        [w for w in datetext.ENGLISH_MONTH_WORDS if w not in _MONTHS_ALSO_NAMES] + list(datetext.ENGLISH_WEEKDAY_NAMES)
    ) + r")\.?)+$",
    re.I,
)
# Separators a byline prints between a name and its role ("Jane Doe ⋅ Review Editor").
_ROLE_SEPARATOR = re.compile(r"\s+[⋅·•|]\s+")


def _drop_trailing_chrome(name: str) -> str:
    """A name without the role, post count or month printed after it (a role word only from the
    third word on: "Jane Doe Writer", never "Editor Jane"); a name that is nothing but those stays."""
    name = _ROLE_SEPARATOR.split(name)[0]
    words = name.split()
    for index in range(2, len(words)):
        if words[index].casefold().strip(".,") in ROLE_WORDS:
            name = " ".join(words[:index])
            break
    stripped = _TRAILING_CHROME.sub("", name)
    return stripped if stripped.strip() else name


def _drop_avatar_initials(name: str) -> str:
    """A name without the initials its avatar prints beside it ("JaneD J", "JD Jane Doe")."""
    words = name.split()
    if len(words) == 2 and len(words[1]) == 1 and words[1].casefold() == words[0][:1].casefold():
        return words[0]
    initials = "".join(w[:1] for w in words[1:])
    if len(words) > 2 and words[0].isupper() and words[0] == initials.upper():
        return " ".join(words[1:])
    return name


def printed_spelling(name: str, printed: list[str]) -> str:
    """The name as the page prints it, when ``name`` is a normalised copy (trafilatura cuts a
    handle at its first digit and title-cases it: "InsaneSnow" for "InsaneSnow45")."""
    key = name.casefold()
    for text in printed:
        words = text.split()
        for count in range(1, min(len(words), MAX_NAME_WORDS) + 1):
            candidate = " ".join(words[:count])
            if _NORMALISED_AWAY.sub("", candidate.replace(".", " ")).strip().casefold() == key:
                return candidate
    return name


# What trafilatura's author normalisation drops: everything from the first digit on.
_NORMALISED_AWAY = re.compile(r"\d.*$")


# A user handle ("archuser38013") is one word of letters and digits up to this long; digits
# elsewhere (more than two) make a string a date, a count or an id, not a name.
MAX_HANDLE_CHARS = 20
_HANDLE = re.compile(rf"^(?=.*[^\W\d_]{{2}})[\w.-]{{2,{MAX_HANDLE_CHARS}}}$")


def _too_many_digits(name: str) -> bool:
    return sum(ch.isdigit() for ch in name) > 2 and not _HANDLE.match(name)


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
    out: list[str] = []
    for part in credit_parts(raw):
        name = clean_name(part)
        if name and name not in out:
            out.append(name)
    return out


# A month name glued to the name before it by the page's markup ("Jane DoeNovember 20, 2007").
_GLUED_MONTH = re.compile(
    r"(?<=[a-zäöüéè])(?=(?:" + "|".join(n.capitalize() for n in datetext.MONTHS if len(n) > 3) + r")\b)"
)
# A short month and its day glued to the name or handle before it, the end of a letter or a digit
# ("Jane DoeDec 16, 2025", "jdoe77Dec. 18, 2025": the writer and the date in two elements; on
# 18 pages of 18 hosts of the corpora: statnews.com, mysubscriptionaddiction.com, levitatemedia.com,
# decodingai.com and 14 substack.com blogs).
_GLUED_MONTH_DAY = re.compile(
    r"(?<=[a-zäöüéè\d])(?=(?:" + "|".join(w.capitalize() for w in datetext.ENGLISH_MONTH_WORDS if len(w) <= 4)
    + r")\.?\s+\d{1,2}\b)"
)
# A date's cue glued to the name before it ("Jane DoePublished:", "Jane DoeUpdated:": the byline
# and the dateline in two elements; prevention.com, veranda.com, elledecor.com, runnersworld.com).
_GLUED_DATE_CUE = re.compile(r"(?<=[a-zäöüéè])(?=(?:Published|Updated|Posted)\b)")


# The sections a byline files the post in, after the name ("Von Jane In Aktuell, Politik", as
# ``_TRAILING_LINKS`` reads them), or any other labelled field the byline prints after a mark
# ("Jane Doe · In: Recipes, Bread", "Jane Doe | Kategorie: Brot": a label of one or two words and
# a colon; "In:" alone was one site's, kierstenhickman.com): cut before the credits are split at
# commas, so that no section is read as another credit.
_FILED_IN = re.compile(
    r"\s+(?:(?-i:In)\s+[A-ZÀ-ÖØ-Þ]|[·•|]\s*(?:(?-i:In)\s+[A-ZÀ-ÖØ-Þ]|[^\W\d_]+(?:\s[^\W\d_]+)?\s*:\s*\S)).*$"
)


def credit_parts(raw: str) -> list[str]:
    """One author string cut into its credits, byline words and dates out
    (``By Jane Doe and Reuters, 21.01.2009`` -> ``Jane Doe``, ``Reuters``); an address credits
    nobody (``article:author`` holds a profile URL by OpenGraph's convention)."""
    if _URL.match(raw.strip()):
        return []
    text = _LEAD.sub("", _GLUED.sub(r"\1 \2", " ".join(html.unescape(raw).split())))
    text = _GLUED_DATE_CUE.sub(" ", _GLUED_MONTH_DAY.sub(" ", _GLUED_MONTH.sub(" ", text)))
    dates = datetext.find_dates(text)
    if dates:  # "Jane Doe, 21.01.2009, 05:42": the name ends where the date begins
        start = text.find(dates[0])
        before = text[:start].strip(_DATE_GLUE)
        text = before or _LEAD.sub("", _LEADING_TIME.sub("", text[start + len(dates[0]):]))
        text = _drop_date_words(text)
    text = _TRAILING_ROLE.sub("", _FILED_IN.sub("", text))
    return _without_credentials([part for part in AUTHOR_SEPARATORS.split(text) if part and part.strip()])


# Degrees printed after a name ("Jane Doe, MD", "Jane Doe, Ph.D."), each after a person's name on
# pages of 3+ sites of ../shared/corpus (", MD" 21, "M.D." 4, "PhD" 9, "Ph.D" 5, "MS" 9, "MBA" 3):
# no credit of their own, and an acronym after one of them is another ("Jane Doe, MS, RD, FAND").
# Round 33's audit dropped "DVM" (2 sites): a degree no list names is known by its shape
# (``_ABBREVIATION``, after a person).
CREDENTIALS = frozenset({"md", "m.d.", "m.d", "phd", "ph.d.", "ph.d", "ms", "mba"})
# A credit of 2-6 capitals after a person's name in the same string ("Jane Doe, DVM", "Jane Doe,
# RN", "Jane Doe, MD, FACLM") is a degree or a body's abbreviation, never a second person (a wire
# service is matched before, as an agency); alone it stays, as the initials a writer signs with
# ("KLM"). Round 35 made the two shapes one (2-4 capitals after a person, 2-6 after a degree).
_ABBREVIATION = re.compile(r"^[A-Z]{2,6}$")


def _without_credentials(parts: list[str]) -> list[str]:
    """The credits without the degrees printed after a person's name."""
    out: list[str] = []
    after_degree = False
    for part in parts:
        text = part.strip()
        abbreviation = bool(_ABBREVIATION.match(text))
        after_degree = bool(out) and (text.casefold() in CREDENTIALS or (after_degree and abbreviation))
        if not after_degree:
            out.append(part)
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
    while words and words[-1].casefold().strip(",.:") in DATE_PREPOSITIONS | DATE_CUES | datetext.CALENDAR_WORDS:
        words.pop()
    return " ".join(words).strip(_DATE_GLUE)


def clean_authors(values: list[str], site_names: list[str]) -> list[str]:
    """Names from several author strings, without the site or publisher's own name (a byline
    "Jane Doe, The Site" credits Jane Doe; a byline naming only the site credits nobody)."""
    return read_credits(values, site_names).people


# Wire services a byline credits ("AP", "dpa", "Staff and agencies"), each on pages of 3+ sites
# of ../shared/corpus (agencies 114, ap 49, reuters 40, associated press 29, the associated press
# 19, afp 22, dpa 17, bloomberg 13, apa 9, agenturen 5, efe 5, ansa 3). Matched on the whole
# credit, casefolded; several joined by "/" ("AP/dpa") are read part by part. Round 33's audit
# dropped "agence france-presse", "epd", "kna" (1-2 sites) and "ap/dpa", "dpa/ap" (0 sites, now
# read as their parts).
WIRE_SERVICES = frozenset({
    "ap", "associated press", "the associated press", "reuters", "afp", "dpa", "apa", "efe", "ansa",
    "bloomberg", "agencies", "agenturen",
})
# Last words that make a credit a desk of the site, not a person ("Guardian staff", "The
# Investopedia Team", "Redaktion"); a first word "Team" does the same ("Team Example"). Each on
# pages of 3+ sites of ../shared/corpus (team 669, staff 253, editorial 134, desk 91, newsroom 78,
# editors 74, redaktion 43, redacción 4, rédaction 3; round 33's audit dropped "redaktionsteam",
# "nachrichtenredaktion", "redazione": 0-2 sites).
DESK_WORDS = frozenset({
    "staff", "team", "redaktion", "newsroom", "desk", "editors", "editorial", "rédaction", "redacción",
})
# A credit longer than this is a sentence that ends in "team", not a desk's name.
MAX_DESK_WORDS = 5


def _as_printed(part: str) -> str:
    """A credit as printed: entities decoded, spaces squashed, brackets and separators trimmed."""
    return " ".join(html.unescape(part).split()).strip(" ()[]-–—|,:;.")


def agency_of(part: str) -> str | None:
    """The wire service or desk a credit names ("(dpa)" -> "dpa", "Everfit Team"), as printed;
    None for people and anything else."""
    text = _as_printed(part)
    words = text.casefold().split()
    if not words or len(words) > MAX_DESK_WORDS:
        return None
    if names_wire_services(text) or words[-1] in DESK_WORDS or (words[0] == "team" and len(words) > 1):
        return text
    return None


def names_wire_services(credit: str) -> bool:
    """Whether a credit is a wire service, or several joined by "/" ("AP/dpa", as a line or a
    dateline may print them whole)."""
    return all(part.strip() in WIRE_SERVICES for part in credit.casefold().split("/"))


@dataclass
class Credits:
    """Who an author string credits: people (cleaned names) and agencies (wire services, desks,
    and the site itself when it alone is credited), and the string as printed."""

    people: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    byline: str | None = None


def read_credits(values: list[str], site_names: list[str]) -> Credits:
    """People and agencies of several author strings; the site's own name is an agency only when
    no person is named (a blog credited to itself), never a person."""
    printed = ", ".join(" ".join(html.unescape(v).split()) for v in values if v.strip())
    credits = Credits(byline=printed.rstrip(" ,;") or None)  # "This post was written by Jane Doe,"
    site_credits: list[str] = []
    for value in values:
        _read_credit_string(value, site_names, credits, site_credits)
    if not credits.people:
        for name in site_credits:
            _add(credits.agencies, name)
    return credits


def _read_credit_string(value: str, site_names: list[str], credits: Credits, site_credits: list[str]) -> None:
    """One author string's people and agencies added to ``credits``, the site's own name to
    ``site_credits``; an abbreviation after a person of the same string credits nobody."""
    person_before = False
    for part in credit_parts(value):
        aside = _ASIDE.search(part)  # "Jane Doe (dpa)": a person and the service she wrote for
        aside_agency = agency_of(aside[1]) if aside else None
        if aside_agency:
            _add(credits.agencies, aside_agency)
        agency = agency_of(part)
        name = None if agency else clean_name(_without_site_suffix(part, site_names))
        if agency:
            _add(credits.agencies, agency)
        elif name and names_site(name, site_names):
            _add(site_credits, _site_credit(part, name, site_names))
        elif name and not (person_before and _ABBREVIATION.match(name)):
            _add(credits.people, name)
            person_before = True


def _site_credit(part: str, name: str, site_names: list[str]) -> str:
    """The site's own credit as printed when the whole credit names the site ("Tide Pool Expert"
    for the site "The Tide Pool Expert", whose role word ``clean_name`` drops), else the name."""
    printed = _as_printed(part)
    key = _key(printed)
    return printed if any(key and key in _key(site) for site in site_names if site) else name


def _without_site_suffix(part: str, site_names: list[str]) -> str:
    """A credit without the site's name printed after the person's ("Jane Doe USA Today")."""
    for site in site_names:
        if site and len(part) > len(site) + 1 and part.casefold().endswith(" " + site.casefold()):
            return part[: -len(site)].strip(" ,|-–—")
    return part


_ASIDE = re.compile(r"\(([^()]{1,40})\)\s*$")


def _add(out: list[str], value: str) -> None:
    if value.casefold() not in {v.casefold() for v in out}:
        out.append(value)


def names_site(name: str, site_names: list[str]) -> bool:
    """True when the name is the site's or publisher's (or contained in it), or an institution's."""
    if _INSTITUTION.search(name):
        return True
    key = _key(name)
    sites = {_key(s) for s in site_names if s}
    return key in sites or any(key in s or s in key for s in sites if len(key) > 3 and len(s) > 3)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())
