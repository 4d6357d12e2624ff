"""Features only the page-type classifier reads (the block model keeps ``PAGE_FEATURES``): one
row per page, columns named by ``PAGE_KIND_FEATURES``.

Families, each measured on the folds (CHANGELOG): class/id words by the page kind they belong to
(forum posts, product carts, cards, docs furniture, service landing blocks, article furniture),
the page's largest run of repeated link cards (listings and collections), what its ``<meta>`` and
JSON-LD declare (publication date, author, price, cart) and the shape of its body (linked
headings, how much of the prose sits in one container, dates in the text). Every word here is
common web vocabulary found on pages of at least three sites of the corpora.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

import numpy as np
from lxml.html import HtmlElement

CLASS_FAMILIES = {
    "forum": ("post", "posts", "reply", "replies", "comment", "comments", "message", "messages", "thread", "topic",
              "avatar", "username", "user", "vote", "votes", "answer", "answers", "quote", "signature", "poster"),
    "product": ("price", "cart", "basket", "sku", "quantity", "qty", "stock", "rating", "stars", "variant", "swatch",
                "checkout", "wishlist", "buy", "product", "gallery", "zoom"),
    "card": ("card", "tile", "item", "grid", "teaser", "thumbnail", "thumb", "result", "listing", "product"),
    "docs": ("toc", "sidebar", "docs", "doc", "highlight", "code", "syntax", "api", "prev", "next", "breadcrumb",
             "admonition", "note", "warning", "menu"),
    "service": ("hero", "cta", "pricing", "plan", "plans", "testimonial", "testimonials", "feature", "features",
                "faq", "contact", "team", "clients", "partners", "benefits"),
    "article": ("article", "byline", "author", "entry", "story", "dateline", "published", "share", "related",
                "caption", "lead", "headline"),
}
# A run of siblings this long, each with a link and some words, is a grid or list of cards.
MIN_CARDS = 4
MIN_CARD_WORDS = 3
# The page text (characters) searched for dates and declarations: enough for any page's body.
MAX_SCAN_CHARS = 400_000
_DECLARED_PUBLICATION = (
    "//meta[@property='article:published_time' or @name='article:published_time' or @name='pubdate' "
    "or @name='publish-date' or @name='date' or @itemprop='datePublished']"
)
_DECLARED_AUTHOR = "//meta[@name='author' or @property='article:author' or @name='article:author']"
_DECLARED_SECTION = "//meta[@property='article:section' or @property='article:tag']"
_DECLARED_PRICE = "//meta[@property='product:price:amount' or @property='og:price:amount'] | //*[@itemprop='price']"
_SHOP_MARKERS = ('"sku"', '"offers"', "add to cart", "add-to-cart")
_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|USD|EUR|GBP|kr|zł))")
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-](?:19|20)\d\d|(?:19|20)\d\d-\d\d-\d\d"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? (?:19|20)\d\d"
    r"|\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]* (?:19|20)\d\d"
    r"|\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago)\b",
    re.IGNORECASE,
)
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")

PAGE_KIND_FEATURES: tuple[str, ...] = (
    *(f"class_{family}" for family in CLASS_FAMILIES),
    "cards", "card_runs", "card_image_share", "card_price_share", "card_log_words",
    "declares_publication", "declares_author", "declares_section", "declares_price", "json_publication",
    "json_author", "shop_markers",
    "linked_headings", "linked_heading_share", "prose_container_share", "prose_container_log_words",
    "prose_container_paragraphs", "dates_in_text", "byline_element",
)


# Each class/id word's families: one look-up per word of an element, not a scan of every family
# (this loop visits every element of the page).
_FAMILIES_OF_WORD: dict[str, frozenset[str]] = {
    word: frozenset(family for family, vocabulary in CLASS_FAMILIES.items() if word in vocabulary)
    for vocabulary in CLASS_FAMILIES.values() for word in vocabulary
}


def class_families(root: HtmlElement) -> list[float]:
    """Per family, how many elements carry one of its words in their class or id (log)."""
    counts: Counter[str] = Counter()
    for el in root.iter():
        if isinstance(el.tag, str) and (names := f"{el.get('class') or ''} {el.get('id') or ''}".strip()):
            counts.update(frozenset().union(*(_FAMILIES_OF_WORD.get(w, ()) for w in _TOKEN_SPLIT.split(names.lower()))))
    return [math.log1p(counts[family]) for family in CLASS_FAMILIES]


def _words(el: HtmlElement) -> int:
    return len(" ".join(el.itertext()).split())


def _card_run(parent: HtmlElement) -> list[HtmlElement]:
    """The parent's most repeated kind of child (tag and class), when they look like cards."""
    children = [child for child in parent if isinstance(child.tag, str)]
    if len(children) < MIN_CARDS:
        return []
    kind, count = Counter((c.tag, c.get("class") or "") for c in children).most_common(1)[0]
    run = [c for c in children if (c.tag, c.get("class") or "") == kind]
    linked = [c for c in run if c.tag == "a" or c.find(".//a") is not None]
    if count < MIN_CARDS or len(linked) < MIN_CARDS:
        return []
    return run if sum(_words(c) for c in run) >= MIN_CARD_WORDS * len(run) else []


def repeated_cards(root: HtmlElement) -> list[float]:
    """The longest run of sibling cards: its length, how many runs the page has, the share of its
    cards with an image and with a price, and their mean words."""
    runs = [run for parent in root.iter() if isinstance(parent.tag, str) and (run := _card_run(parent))]
    if not runs:
        return [0.0] * 5
    longest = max(runs, key=len)
    with_image = sum(1 for c in longest if c.tag == "img" or c.find(".//img") is not None)
    with_price = sum(1 for c in longest if _PRICE.search(" ".join(c.itertext())))
    words = sum(_words(c) for c in longest) / len(longest)
    return [math.log1p(len(longest)), math.log1p(len(runs)), with_image / len(longest), with_price / len(longest),
            math.log1p(words)]


def declarations(root: HtmlElement, scripts: str, text: str) -> list[float]:
    """What the page's ``<meta>``, microdata and JSON-LD (in ``scripts``) say it is, and its shop markers."""
    lowered = f"{scripts} {text}".lower()
    return [
        float(bool(root.xpath(_DECLARED_PUBLICATION))), float(bool(root.xpath(_DECLARED_AUTHOR))),
        float(bool(root.xpath(_DECLARED_SECTION))), float(len(root.xpath(_DECLARED_PRICE)) > 0),
        float('"datepublished"' in lowered), float('"author"' in lowered),
        float(sum(marker in lowered for marker in _SHOP_MARKERS)),
    ]


def _linked(heading: HtmlElement) -> bool:
    parent = heading.getparent()
    return heading.find(".//a") is not None or (parent is not None and parent.tag == "a")


def body_shape(root: HtmlElement, text: str) -> list[float]:
    """Linked headings (teasers), the share of ``<p>`` words in the one container holding most of
    them (an article's body), dates in the text (one for an article, many for a listing or forum)."""
    headings = [h for tag in ("h2", "h3", "h4") for h in root.iter(tag)]
    linked = sum(1 for h in headings if _linked(h))
    words: Counter[HtmlElement] = Counter()
    paragraphs: Counter[HtmlElement] = Counter()
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            words[parent] += _words(p)
            paragraphs[parent] += 1
    container, container_words = words.most_common(1)[0] if words else (None, 0)
    byline = root.xpath("//*[contains(@class,'byline') or contains(@class,'author') or @rel='author']")
    return [
        math.log1p(linked), linked / max(len(headings), 1), container_words / max(sum(words.values()), 1),
        math.log1p(container_words), math.log1p(paragraphs[container] if container is not None else 0),
        math.log1p(len(_DATE.findall(text))), float(bool(byline)),
    ]


def _visible_text(root: HtmlElement) -> str:
    parts: Iterable[str] = root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    return " ".join(parts)[:MAX_SCAN_CHARS]


def _script_text(root: HtmlElement) -> str:
    return " ".join(s.text or "" for s in root.iter("script"))[:MAX_SCAN_CHARS]


def page_kind_row(root: HtmlElement) -> np.ndarray:
    """The page's kind features in ``PAGE_KIND_FEATURES`` order (read before any pruning)."""
    text = _visible_text(root)
    row = [*class_families(root), *repeated_cards(root), *declarations(root, _script_text(root), text),
           *body_shape(root, text)]
    return np.asarray(row, dtype=np.float32)
