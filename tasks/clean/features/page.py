"""The page-type classifier's features: one row per page, columns named by ``PAGE_FEATURES``.

Families: the page's own declarations (JSON-LD and microdata ``@type``, ``og:type``), the URL's
shape and path words, DOM statistics (tags, repeated classes, prices, forms) and text statistics
of its blocks. Every vocabulary here is schema.org's or common URL words, not a site's.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from urllib.parse import urlsplit

import numpy as np
from lxml.html import HtmlElement

from tasks.clean.features.census import Census, take_census
from tasks.clean.features.segment import DomBlock
from tasks.common.words import TOKEN_SPLIT

# schema.org types, by the page type they point to.
SCHEMA_FAMILIES = {
    "article": ("article", "newsarticle", "blogposting", "report", "scholarlyarticle", "opinionnewsarticle",
                "analysisnewsarticle", "liveblogposting", "reportagenewsarticle", "posting"),
    "product": ("product", "offer", "aggregateoffer", "productgroup", "individualproduct", "productmodel",
                "aggregaterating", "car", "vehicle", "book", "softwareapplication", "videogame"),
    "forum": ("discussionforumposting", "qapage", "question", "answer", "comment", "socialmediaposting"),
    "collection": ("collectionpage", "itemlist", "offercatalog", "searchresultspage", "listitem"),
    "documentation": ("techarticle", "apireference", "howto", "softwaresourcecode", "course"),
    "service": ("service", "organization", "localbusiness", "professionalservice", "faqpage", "contactpage",
                "aboutpage", "corporation", "store", "restaurant", "event", "jobposting"),
    "webpage": ("webpage", "website", "breadcrumblist", "sitenavigationelement", "imageobject", "videoobject",
                "person"),
}
OG_TYPES = {"article": 1, "product": 2, "website": 3, "profile": 4, "video.other": 5, "book": 6, "blog": 7}
# Path words, by the page type they point to.
URL_FAMILIES = {
    "article": ("blog", "news", "article", "articles", "post", "posts", "story", "stories", "insights"),
    "product": ("product", "products", "p", "dp", "item", "itm", "buy", "app", "apps", "sku"),
    "forum": ("forum", "forums", "thread", "threads", "t", "topic", "topics", "community", "discussion",
              "discussions", "questions", "q", "r", "comments", "answers"),
    "collection": ("category", "categories", "collections", "collection", "c", "shop", "browse", "store"),
    "listing": ("tag", "tags", "search", "list", "lists", "jobs", "events", "directory", "results", "archive"),
    "documentation": ("docs", "doc", "documentation", "api", "reference", "guide", "guides", "manual", "wiki",
                      "learn", "developer", "developers", "tutorial", "help", "support", "kb"),
    "service": ("services", "service", "pricing", "about", "contact", "solutions", "features", "plans",
                "company", "careers"),
}
COUNTED_TAGS = ("p", "li", "a", "h1", "h2", "h3", "table", "pre", "code", "form", "input", "img", "article",
                "section", "time", "nav", "button", "blockquote", "dl")
_TYPE_VALUE = re.compile(r'"@type"\s*:\s*(\[[^\]]*\]|"[^"]*")')
_QUOTED = re.compile(r'"([^"]+)"')
# A price as pages print it ("$12", "12,50 €"): counted on the page and in its cards. Read as
# ``[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|USD|...)``, with the same matches; written so that the first
# character is one class (re then skips to the next symbol or digit in C, rather than trying the
# pattern at every character: the page's count took half the time) and the number run is
# possessive (backing into it cannot reach a currency).
_CURRENCY_SYMBOLS = "$€£¥₹"
_CURRENCY_CODES = ("€", "USD", "EUR", "GBP", "kr", "zł")
PRICE = re.compile(
    rf"[{_CURRENCY_SYMBOLS}\d](?:(?<=[{_CURRENCY_SYMBOLS}])\s?\d|(?<=\d)[\d.,]*+\s?(?:{'|'.join(_CURRENCY_CODES)}))")
# A number before a code is a price only where the text holds a code: elsewhere PRICE matches a
# symbol's price alone, and this finds the same ones. Its first character is a class of symbols
# only (``\d`` is a Unicode category, tested per character: the page's count took 1.04 ms a page
# on 271 wcxb pages, 0.87 with this where two in three pages hold no code).
_CURRENCY_CODE = re.compile("|".join(_CURRENCY_CODES))
_SYMBOL_PRICE = re.compile(rf"[{_CURRENCY_SYMBOLS}]\s?\d")
_DATE_PATH = re.compile(r"/(?:19|20)\d\d/(?:\d\d?/)?")
# What ends a sentence, counted one character at a time (``str.count``: a regex's ``findall``
# built a list of every match).
_SENTENCE_ENDS = ".!?。！？"

PAGE_FEATURES: tuple[str, ...] = (
    *(f"schema_{family}" for family in SCHEMA_FAMILIES),
    "og_type",
    "url_depth", "url_digits", "url_date", "url_query", "url_slug_words", "url_trailing_slash", "url_is_root",
    *(f"url_{family}" for family in URL_FAMILIES),
    *(f"host_{family}" for family in URL_FAMILIES),
    *(f"tags_{tag}" for tag in COUNTED_TAGS),
    "most_repeated_class", "prices", "itemprops",
    "log_words", "log_blocks", "mean_block_words", "long_block_share", "link_word_share", "li_word_share",
    "heading_share", "sentence_ends_per_word", "digit_share",
)


def class_family_flags(families: Mapping[str, Sequence[str]]) -> Callable[[str], tuple[int, ...]]:
    """A test of a class/id value: per family, 1 when one of its words is a token of the value.
    Cached, as a page repeats its class values (the block and page-kind features each keep one)."""
    families_of: dict[str, set[int]] = {}  # word -> the families (indices) it belongs to
    for i, words in enumerate(families.values()):
        for word in words:
            families_of.setdefault(word, set()).add(i)
    width = len(families)
    family_tokens = _whole_tokens(families_of)

    @lru_cache(maxsize=8192)
    def flags(value: str) -> tuple[int, ...]:
        hits = [0] * width
        for token in family_tokens.findall(value.lower()):
            for i in families_of[token]:
                hits[i] = 1
        return tuple(hits)

    return flags


def _whole_tokens(words: Iterable[str]) -> re.Pattern[str]:
    """A pattern finding each of ``words`` that is a whole token of a lower-cased value (a token:
    a run of ``[a-z0-9]``, as ``TOKEN_SPLIT`` cuts them). One scan in C, where splitting each value
    and intersecting its tokens with the words took 0.93 ms a page (0.62 now; the page-kind
    families on 150 wcxb pages). A word that is no such run (a capital, a hyphen) can be no token,
    and is left out, as it never matched before either."""
    tokens = sorted(w for w in words if w and not TOKEN_SPLIT.search(w))
    return re.compile(r"(?<![a-z0-9])(?:" + "|".join(tokens) + r")(?![a-z0-9])" if tokens else r"(?!)")


def declared_types(root: HtmlElement) -> Counter[str]:
    """schema.org type names the page declares (JSON-LD ``@type`` and microdata ``itemtype``), lower-cased."""
    types: Counter[str] = Counter()
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        for value in _TYPE_VALUE.findall(script.text or ""):
            types.update(v.lower() for v in _QUOTED.findall(value))
    for el in root.iterfind(".//*[@itemtype]"):
        types[(el.get("itemtype") or "").rstrip("/").rsplit("/", 1)[-1].lower()] += 1
    return types


def _og_type(root: HtmlElement) -> float:
    for meta in root.iterfind(".//meta[@property='og:type']"):
        return float(OG_TYPES.get((meta.get("content") or "").strip().lower(), 9))
    return 0.0


def url_shape(url: str | None) -> list[float]:
    """Depth, digits, dates, query and slug of the URL's path, and the word families of its path
    and of its host's subdomains (``docs.``, ``community.``, ``shop.``)."""
    parts = urlsplit(url or "")
    path = parts.path.lower()
    segments = [s for s in path.split("/") if s]
    words = set(TOKEN_SPLIT.split(path))
    last = segments[-1] if segments else ""
    host = set(TOKEN_SPLIT.split((parts.hostname or "").lower())[:-2])  # the labels before the registered domain
    shape = [
        float(len(segments)), float(sum(c.isdigit() for c in path)), float(bool(_DATE_PATH.search(path))),
        float(bool(parts.query)), float(len([w for w in re.split(r"[-_]", last) if w])),
        float(path.endswith("/")), float(not segments),
    ]
    return (shape + [float(len(words.intersection(family))) for family in URL_FAMILIES.values()]
            + [float(len(host.intersection(family))) for family in URL_FAMILIES.values()])


def dom_statistics(census: Census) -> list[float]:
    """Tag counts (log), the count of the most repeated class value (item grids), prices, itemprops."""
    text = census.text[:200_000]
    repeated = census.classes.most_common(1)[0][1] if census.classes else 0
    return [math.log1p(census.tags[t]) for t in COUNTED_TAGS] + [
        math.log1p(repeated), math.log1p(count_prices(text)), math.log1p(census.itemprops),
    ]


def count_prices(text: str) -> int:
    """How many prices PRICE finds in the text (its ``findall``, counted)."""
    pattern = PRICE if _CURRENCY_CODE.search(text) else _SYMBOL_PRICE
    return len(pattern.findall(text))


def text_statistics(blocks: Sequence[DomBlock]) -> list[float]:
    """How much text, in how long blocks, how much of it linked, listed or in headings."""
    words = [len(b.words) for b in blocks]
    total = max(sum(words), 1)
    link_words = sum(w * b.link_chars / max(len(b.text), 1) for b, w in zip(blocks, words, strict=True))
    li_words = sum(w for b, w in zip(blocks, words, strict=True) if b.element.tag == "li")
    heading_words = sum(w for b, w in zip(blocks, words, strict=True) if str(b.element.tag)[:1] == "h")
    text = " ".join(b.text for b in blocks)
    return [
        math.log1p(sum(words)), math.log1p(len(blocks)), total / max(len(blocks), 1),
        sum(w for w in words if w >= 30) / total, link_words / total, li_words / total, heading_words / total,
        sum(map(text.count, _SENTENCE_ENDS)) / total, sum(map(str.isdigit, text)) / max(len(text), 1),
    ]


def page_row(
    root: HtmlElement, url: str | None, blocks: Sequence[DomBlock], census: Census | None = None
) -> np.ndarray:
    """The page's features in ``PAGE_FEATURES`` order (read before any pruning; ``census``: the
    page's element counts when the caller has taken them already)."""
    census = census or take_census(root)
    types = declared_types(root)
    schema = [float(sum(types[t] for t in family)) for family in SCHEMA_FAMILIES.values()]
    row = [*schema, _og_type(root), *url_shape(url), *dom_statistics(census), *text_statistics(blocks)]
    return np.asarray(row, dtype=np.float32)
