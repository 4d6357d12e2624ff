"""Capitalised name runs in running text, and the words that are never part of a person's name.

Shared by ``entities`` and ``quotes``: a run is a sequence of capitalised tokens inside one
sentence ("Russian President Vladimir Putin"); titles and nationality words in front of a name
are peeled off ("Vladimir Putin")."""

from __future__ import annotations

import re
from functools import lru_cache

from tasks.metadata.gazetteers import is_given_name

# A word glued to the next by a scraper ("spokespersonDmitry") is split before reading names.
GLUED_WORDS = re.compile(r"\b([a-z]{3,})([A-Z][a-z]{2,})")
# One capitalised token: "Jean-Pierre", "O'Brien", "U.S.", "Zelenskyy's".
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ][\w’'.-]*[\w.]|[A-Z])"
# Lower-case words that belong inside names ("Ursula von der Leyen", "Les Membres du Choeur").
NAME_PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "da", "del", "della", "di", "du", "des", "la", "le", "y", "e",
    "zu", "dos", "das", "do", "bin", "ibn", "al", "el", "ter", "ten", "af",
})
# In running text the particles that are also the prose's conjunctions and articles ("y", "e",
# "do", "des", "el" ...) would glue two names into one run: a run joins only the others.
_PROSE_PARTICLES = frozenset({"y", "e", "do", "dos", "das", "des", "della", "el", "ten", "ter", "zu", "af"})
RUN_PARTICLES = NAME_PARTICLES - _PROSE_PARTICLES
PARTICLE = "(?:" + "|".join(sorted(RUN_PARTICLES, key=lambda w: (-len(w), w))) + ")"
NAME_RUN = re.compile(rf"{_NAME_WORD}(?:\s+(?:{PARTICLE}\s+)*{_NAME_WORD})*")
_POSSESSIVE = re.compile(r"['’]s$")
# A possessive inside a run ends one name: split after it, keeping the offsets right (one space).
# Dotted initials keep their last dot ("U.S.", "T.J.").
_DOTTED_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")
_INNER_POSSESSIVE = re.compile(r"(?<=['’]s)(\s+)")

# Titles, roles and honorifics that precede a name and are not part of it. Round 33's audit
# dropped ten on 0-2 sites of ../shared/corpus ("colonel", "capt", "chairwoman", "kremlin", four
# council titles, "alderman", "professor's"); ``literal_sites.py`` counts the rest at 3+.
TITLE_WORDS = frozenset([
    "president", "vice", "prime", "minister", "foreign", "secretary", "spokesperson", "spokesman",
    "spokeswoman", "governor", "mayor", "senator", "sen", "rep", "representative", "chancellor", "king",
    "queen", "prince", "princess", "pope", "general", "gen", "col", "lt", "major", "captain", "sgt",
    "sergeant", "officer", "chief", "judge", "justice", "dr", "doctor", "mr", "mrs", "ms", "miss", "prof",
    "professor", "sir", "lord", "lady", "dame", "ambassador", "envoy", "commander", "director", "chairman",
    "chair", "ceo", "cfo", "founder", "leader", "minister's", "premier", "deputy", "adviser", "advisor",
    "attorney", "defense", "defence", "interior", "finance", "economy", "health", "state", "national",
    "security", "press", "white", "house", "coach", "manager", "mp", "mep", "resident", "witness", "analyst",
])
# Capitalised words that start sentences or name times, never people.
COMMON_CAPITALS = frozenset([
    "the", "a", "an", "and", "but", "or", "if", "in", "on", "at", "of", "for", "to", "from", "by",
    "with", "as", "after", "before", "during", "while", "when", "where", "this", "that", "these",
    "those", "it", "its", "he", "she", "they", "we", "i", "you", "his", "her", "their", "our", "my",
    "your", "there", "here", "then", "however", "meanwhile", "also", "elsewhere", "despite", "although",
    "though", "because", "since", "until", "about", "among", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "today", "yesterday", "tomorrow",
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "new",
    "old", "great", "watch", "read", "more", "photo", "video", "share", "follow", "subscribe",
    "advertisement", "related", "updated", "published"
])
# Words that open sentences and questions but never a name; peeled only in front ("Is Surface",
# "Said Davis"), as some are surnames at the end ("Edward Said").
LEADING_WORDS = frozenset([
    "is", "are", "was", "were", "do", "does", "did", "can", "could", "will", "would", "should", "has",
    "have", "had", "what", "why", "how", "who", "which", "said", "says", "not", "no", "yes", "so", "just",
    "even", "all", "every", "each", "some", "any", "many", "most", "both", "please", "thanks", "dear",
])
# Words that make a run an organisation (round 33's audit dropped "kremlin": 1 site of ../shared/corpus).
ORG_WORDS = frozenset([
    "ministry", "department", "agency", "office", "house", "council", "committee", "commission",
    "party", "army", "navy", "force", "forces", "police", "court", "parliament", "congress", "senate",
    "government", "administration", "university", "college", "school", "institute", "foundation",
    "association", "union", "bank", "group", "company", "corp", "corporation", "inc", "ltd", "llc",
    "press", "news", "times", "post", "journal", "network", "broadcasting", "radio", "television", "tv",
    "media", "reuters", "agency", "club", "team", "fc", "league", "federation", "organization",
    "organisation", "nato", "un", "eu", "pentagon", "chamber", "commerce",
    # the last words of company and institution names, each on pages of 3+ corpus sites
    "networks", "systems", "security", "technologies", "technology", "labs", "clinic", "center", "centre",
    "hospital", "society", "studio", "studios", "firm", "capital", "markets", "insurance", "airlines",
    "motors", "foods", "healthcare", "services", "solutions", "partners", "holdings", "industries",
    "enterprises", "entertainment", "software", "communications", "consulting", "museum", "library",
    "collective", "alliance", "trust", "fund", "board", "authority", "bureau", "brands", "records",
    "magazine", "tribune", "herald", "channel", "exchange", "commission", "ministry", "academy", "nations",
    "associates", "analytics", "limited",
    # "Tiffany & Co.", "Brewing Co.", "Moving Co": 33 sites of the corpus truth
    "co",
    "dental", "photography",
])
# Words that make a run an event or a thing rather than a person.
NOT_PERSON_WORDS = frozenset([
    "war", "cup", "games", "olympics", "award", "prize", "day", "week", "year", "act", "bill", "treaty",
    # an institute or a firm named for a state or a founder: "Georgia Tech" (6 sites), "Virginia Tech"
    "tech",
])
# An upper-case acronym in front of a name ("AL MVP Miguel Tejada"), peeled before two more words.
_ACRONYM_WORD = re.compile(r"^[A-Z]{2,6}$")
# Nationality adjectives end like this ("Russian", "Turkish", "Japanese"); peeled before a name.
DEMONYM_ENDINGS = ("ian", "ish", "ese", "ean")


def unglue(text: str) -> str:
    """Split words a scraper glued together ("spokespersonDmitry" -> "spokesperson Dmitry")."""
    return GLUED_WORDS.sub(r"\1 \2", text)


def runs(sentence: str) -> list[tuple[str, int]]:
    """Capitalised runs of a sentence with their start offsets, possessives dropped; a run is cut
    after a possessive inside it ("HBOS's Halifax" is two names)."""
    out = []
    for match in NAME_RUN.finditer(sentence):
        offset = match.start()
        pieces = _INNER_POSSESSIVE.split(match.group(0))  # name, spaces, name, spaces ...
        for i, piece in enumerate(pieces):
            text = piece if _DOTTED_INITIALS.search(piece) else _POSSESSIVE.sub("", piece.rstrip("."))
            if text and i % 2 == 0:
                out.append((text, offset))
            offset += len(piece)
    return out


def is_demonym(word: str) -> bool:
    """A nationality adjective like "Russian" or "Turkish" (a rough test by ending; first names
    such as "Sebastian" end alike, so ``peel`` only drops one before at least two more words)."""
    lower = word.lower()
    return len(lower) > 4 and lower.endswith(DEMONYM_ENDINGS)


# The entity reader peels each capitalised run two or three times, and a page names the same
# people and places again and again (on 60 wcxb pages, 19,397 runs peeled, 3,987 distinct);
# bounded so a worker's memory is too. The gazetteers these read never change.
@lru_cache(maxsize=4096)
def peel(run: str) -> str:
    """The name inside a run: leading titles, nationality words and common capitals removed."""
    words = run.split()
    while words and (
        words[0].lower().strip(".") in TITLE_WORDS or words[0].lower() in COMMON_CAPITALS
        or words[0].lower() in LEADING_WORDS or (is_demonym(words[0]) and len(words) >= 3)
        or _DOTTED_INITIALS.match(words[0]) or (_ACRONYM_WORD.match(words[0]) and len(words) >= 3)
    ):
        words = words[1:]
    while words and words[-1].lower() in COMMON_CAPITALS:
        words = words[:-1]
    return " ".join(words)


@lru_cache(maxsize=4096)  # asked as often as ``peel`` (16,956 names, 3,754 distinct)
def looks_like_person(name: str) -> bool:
    """Two to four capitalised words, none of them a title, organisation or event word, nor a
    sentence word but a first name that is also a month ("June Carter"); only the first may be
    upper-case initials ("JK Rowling", not "Calypso AI")."""
    words = [w for w in name.split() if w not in RUN_PARTICLES]  # "Lula da Silva" has 2
    if not 2 <= len(words) <= 4:
        return False
    lowered = [w.lower().strip(".") for w in words]
    if any(w in ORG_WORDS or w in NOT_PERSON_WORDS for w in lowered):
        return False
    # Months are first names too ("April Ryan", "June Carter"), never last names.
    if (lowered[0] in COMMON_CAPITALS and not is_given_name(words[0])) or any(
        w in COMMON_CAPITALS for w in lowered[1:]
    ):
        return False
    return not any(w.isupper() and w[:1].isalpha() and (len(w) > 2 or i > 0) for i, w in enumerate(words))


def without_trade_words(name: str) -> str:
    """The name without the organisation words that end it ("Myles Katherine Photography" ->
    "Myles Katherine"): a business named after its owner."""
    words = name.split()
    while len(words) > 1 and words[-1].lower().strip(".,©") in ORG_WORDS:
        words = words[:-1]
    return " ".join(words)
