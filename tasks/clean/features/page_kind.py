"""Features only the page-type classifier reads (the block model keeps ``PAGE_FEATURES``): one
row per page, columns named by ``PAGE_KIND_FEATURES``.

Families, each measured on the folds (CHANGELOG): class/id words by the page kind they belong to
(forum posts, product carts, cards, docs furniture, service landing blocks, article furniture),
the page's largest run of repeated link cards (listings and collections), what its ``<meta>`` and
JSON-LD declare (publication date, author, price, cart), the shape of its body (linked
headings, how much of the prose sits in one container, dates in the text), where its links go
(below the page's own path, beside it, to slugs, dated, product or article paths, phone, mail,
pagers), its furniture (form controls, embeds, ``<head>`` declarations, breadcrumb, comments,
runs of sibling headings), its headline's length against its title, and how its paragraphs sit
between its headings (a story's lead and long sections, a listing's teaser per linked heading).
Every word here is common web vocabulary found on pages of at least three sites of the corpora.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from itertools import islice
from urllib.parse import urljoin, urlsplit

import numpy as np
from lxml import etree
from lxml.html import HtmlElement

from tasks.clean.features.census import Census, take_census
from tasks.clean.features.page import PRICE, URL_FAMILIES, class_family_flags
from tasks.common import datetext
from tasks.common.words import TOKEN_SPLIT

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
# What the page's ``<meta>`` declares, as (attribute, value) pairs per declaration; and any element
# with ``itemprop="price"`` declares a price too. One XPath finds every candidate (four, one per
# declaration, walked the whole document four times: 1.29 -> 0.55 ms a page on all 1,608 pages).
# The XPaths of this module start ``/descendant::`` where ``//`` would select the same nodes:
# libxml2 reads ``//x[test]`` as every node of the document and then each one's children (it
# takes the shortcut only for a step without a predicate): on 150 wcxb pages, timed interleaved,
# 0.70 -> 0.58 ms a page for the declarations below, 0.31 -> 0.20 for the canonical link.
_DECLARED_PUBLICATION = frozenset({
    ("property", "article:published_time"), ("name", "article:published_time"), ("name", "pubdate"),
    ("name", "publish-date"), ("name", "date"), ("itemprop", "datePublished"),
})
_DECLARED_AUTHOR = frozenset({("name", "author"), ("property", "article:author"), ("name", "article:author")})
_DECLARED_SECTION = frozenset({("property", "article:section"), ("property", "article:tag")})
_DECLARED_PRICE = frozenset({("property", "product:price:amount"), ("property", "og:price:amount")})
_DECLARING = etree.XPath("/descendant::meta[@property or @name or @itemprop] | /descendant::*[@itemprop='price']")
_SHOP_MARKERS = ('"sku"', '"offers"', "add to cart", "add-to-cart")
_UNSEEN_TAGS = frozenset({"script", "style"})

PAGE_KIND_FEATURES: tuple[str, ...] = (
    *(f"class_{family}" for family in CLASS_FAMILIES),
    "cards", "card_runs", "card_image_share", "card_price_share", "card_log_words",
    "declares_publication", "declares_author", "declares_section", "declares_price", "json_publication",
    "json_author", "shop_markers",
    "linked_headings", "linked_heading_share", "prose_container_share", "prose_container_log_words",
    "prose_container_paragraphs", "dates_in_text", "byline_element",
    "link_children", "link_siblings", "link_slugs", "link_dated", "link_product", "link_article",
    "link_same_host_share", "link_tel", "link_mailto", "link_numbers", "link_pages", "links",
    "selects", "textareas", "iframes", "videos", "svgs",
    "declares_og", "rel_next", "canonical_is_url", "jsonld_scripts", "breadcrumb_links", "comment_words",
    "heading_run", "run_headings", "images_with_alt",
    "headline_log_words", "title_log_words", "headline_in_title", "headlines",
    "lead_log_words", "median_section_log_words", "sections", "teaser_paragraph_share", "linked_paragraph_share",
)


# Which families a class/id value names (1/0 each).
_families_named = class_family_flags(CLASS_FAMILIES)


def class_families(census: Census) -> list[float]:
    """Per family, how many elements carry one of its words in their class or id (log)."""
    by_flags: Counter[tuple[int, ...]] = Counter()  # a page's values fall into a few flag patterns
    for value, elements in census.class_ids.items():
        by_flags[_families_named(value)] += elements
    counts = [0] * len(CLASS_FAMILIES)
    for flags, elements in by_flags.items():
        for i, hit in enumerate(flags):
            counts[i] += hit * elements
    return [math.log1p(count) for count in counts]


def _card_run(parent: HtmlElement, words: dict[HtmlElement, int]) -> list[HtmlElement]:
    """The parent's most repeated kind of child (tag and class), when they look like cards."""
    if len(parent) < MIN_CARDS:
        return []  # too few children of any kind (most elements): no list to build
    children = [child for child in parent if isinstance(child.tag, str)]
    if len(children) < MIN_CARDS:
        return []
    kinds = [(c.tag, c.get("class") or "") for c in children]
    kind, count = Counter(kinds).most_common(1)[0]
    if count < MIN_CARDS:
        return []
    run = [c for c, k in zip(children, kinds, strict=True) if k == kind]
    linked = (c for c in run if _holds(c, "a"))
    if sum(1 for _ in islice(linked, MIN_CARDS)) < MIN_CARDS:  # enough found: the rest is not looked at
        return []
    return run if sum(words[c] for c in run) >= MIN_CARD_WORDS * len(run) else []


def repeated_cards(root: HtmlElement, words: dict[HtmlElement, int]) -> list[float]:
    """The longest run of sibling cards: its length, how many runs the page has, the share of its
    cards with an image and with a price, and their mean words."""
    # ``len`` first: most elements have too few children, and a call per element cost a third here.
    runs = [run for parent in root.iter()
            if len(parent) >= MIN_CARDS and isinstance(parent.tag, str) and (run := _card_run(parent, words))]
    if not runs:
        return [0.0] * 5
    longest = max(runs, key=len)
    with_image = sum(1 for c in longest if _holds(c, "img"))
    with_price = sum(1 for c in longest if PRICE.search(" ".join(c.itertext())))
    mean_words = sum(words[c] for c in longest) / len(longest)
    return [math.log1p(len(longest)), math.log1p(len(runs)), with_image / len(longest), with_price / len(longest),
            math.log1p(mean_words)]


def declarations(root: HtmlElement, scripts: str, text: str) -> list[float]:
    """What the page's ``<meta>``, microdata and JSON-LD (in ``scripts``) say it is, and its shop markers."""
    lowered = f"{scripts} {text}".lower()
    return [
        *declared_meta(root),
        float('"datepublished"' in lowered), float('"author"' in lowered),
        float(sum(marker in lowered for marker in _SHOP_MARKERS)),
    ]


def declared_meta(root: HtmlElement) -> list[float]:
    """Whether the page's ``<meta>`` declares a publication date, an author, a section and a price
    (for a price, microdata's ``itemprop="price"`` on any element as well), 1/0 each."""
    pairs: set[tuple[str, str | None]] = set()
    price = False
    for el in _DECLARING(root):
        itemprop = el.get("itemprop")
        price = price or itemprop == "price"
        if el.tag == "meta":
            pairs.update((name, el.get(name)) for name in ("property", "name"))
            pairs.add(("itemprop", itemprop))
    return [float(not pairs.isdisjoint(declared))
            for declared in (_DECLARED_PUBLICATION, _DECLARED_AUTHOR, _DECLARED_SECTION)] + [
        float(price or not pairs.isdisjoint(_DECLARED_PRICE))]


def _holds(element: HtmlElement, tag: str) -> bool:
    """Whether the element is a ``tag`` or has one inside: lxml's tag-filtered walk, stopped at the
    first (``find(".//a")`` went through ElementPath's selector chain for the same answer)."""
    return next(element.iter(tag), None) is not None


def _linked(heading: HtmlElement) -> bool:
    parent = heading.getparent()
    return _holds(heading, "a") or (parent is not None and parent.tag == "a")


def body_shape(root: HtmlElement, text: str, subtree: dict[HtmlElement, int], census: Census) -> list[float]:
    """Linked headings (teasers), the share of ``<p>`` words in the one container holding most of
    them (an article's body), dates in the text (one for an article, many for a listing or forum)."""
    headings = list(root.iter("h2", "h3", "h4"))
    linked = sum(1 for h in headings if _linked(h))
    words: Counter[HtmlElement] = Counter()
    paragraphs: Counter[HtmlElement] = Counter()
    for p in root.iter("p"):
        parent = p.getparent()
        if parent is not None:
            words[parent] += subtree[p]
            paragraphs[parent] += 1
    container, container_words = words.most_common(1)[0] if words else (None, 0)
    return [
        math.log1p(linked), linked / max(len(headings), 1), container_words / max(sum(words.values()), 1),
        math.log1p(container_words), math.log1p(paragraphs[container] if container is not None else 0),
        math.log1p(len(datetext.DATE_MENTION.findall(text))), float(has_byline_element(root, census)),
    ]


_BYLINE_ELEMENT = "//*[contains(@class,'byline') or contains(@class,'author') or @rel='author']"
_AUTHOR_LINK = etree.XPath("/descendant::*[@rel='author']")


def has_byline_element(root: HtmlElement, census: Census) -> bool:
    """Whether an element of the page is classed as a byline or an author's, or links one.
    The census's class values answer for most articles; where they do not, no class can match
    and only ``rel`` is looked for (a third of the walk's cost: 0.85 -> 0.30 ms a page on all 1,608
    pages), unless the census missed part of the page (a second top-level element)."""
    classes = census.joined_classes
    if "byline" in classes or "author" in classes:
        return True
    if _has_other_documents(root):
        return bool(root.xpath(_BYLINE_ELEMENT))
    return bool(_AUTHOR_LINK(root))


def _has_other_documents(root: HtmlElement) -> bool:
    """Whether the root has an element beside it (a page made of two documents), which
    ``root.iter()`` and so the census do not reach while ``//`` XPaths do."""
    return any(isinstance(el.tag, str) for el in (*root.itersiblings(), *root.itersiblings(preceding=True)))


def _visible_text(root: HtmlElement, census: Census) -> str:
    """The text nodes of the ``<body>`` outside scripts and styles, in page order: the census's
    reading when its walk met the document's only body (the root is the document's own, with no
    second top-level element: then ``//body`` finds no other)."""
    if census.body_text is not None and root.getparent() is None and not _has_other_documents(root):
        return census.body_text[:MAX_SCAN_CHARS]
    bodies = root.xpath("//body")
    parts: Iterable[str] = (
        _body_texts(bodies[0]) if len(bodies) == 1
        else root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]")
    )
    return " ".join(parts)[:MAX_SCAN_CHARS]


def _body_texts(body: HtmlElement) -> list[str]:
    """What the XPath above selects, in one walk (its ``ancestor::`` tests cost 3 % of the stage;
    the census reads the same texts for the page it walked):
    texts and tails (comments' too) in document order, scripts and styles skipped whole."""
    parts = [body.text] if body.text else []
    stack = [(body, iter(body))]
    while stack:
        el, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            if stack and el.tail:  # a tail follows its element's subtree; the body's is outside it
                parts.append(el.tail)
        elif isinstance(child.tag, str) and child.tag not in _UNSEEN_TAGS:
            if child.text:
                parts.append(child.text)
            stack.append((child, iter(child)))
        elif child.tail:  # a comment, a script or a style: only its tail is read
            parts.append(child.tail)
    return parts


def _script_text(root: HtmlElement) -> str:
    return " ".join(s.text or "" for s in root.iter("script"))[:MAX_SCAN_CHARS]


def page_kind_row(root: HtmlElement, census: Census | None = None, url: str | None = None) -> np.ndarray:
    """The page's kind features in ``PAGE_KIND_FEATURES`` order (read before any pruning; ``census``:
    the page's element counts when the caller has taken them already; ``url``: the page's own)."""
    census = census or take_census(root)
    text = _visible_text(root, census)
    words = census.subtree_words
    row = [*class_families(census), *repeated_cards(root, words), *declarations(root, _script_text(root), text),
           *body_shape(root, text, words, census), *link_shape(root, url), *furniture(root, census, words, url),
           *headline_shape(root), *section_shape(root, words)]
    return np.asarray(row, dtype=np.float32)


# A link's last path segment of this many hyphenated words is a story's or product's slug.
MIN_SLUG_WORDS = 4
# Pagination: a page number in the query or the path (``?page=2``: 36 wcxb sites, ``/page/2``: 27).
_PAGINATION = re.compile(r"[?&]page=|/page/")
_DATED_PATH = re.compile(r"/(?:19|20)\d\d/")
_SLUG_SEPARATORS = re.compile(r"[-_]")
# A link whose whole text is a number of up to this many digits is a pager's.
MAX_PAGER_DIGITS = 3
_PRODUCT_WORDS = frozenset(URL_FAMILIES["product"])
_ARTICLE_WORDS = frozenset(URL_FAMILIES["article"])


def link_shape(root: HtmlElement, url: str | None) -> list[float]:
    """Where the page's links go: below it (a listing's or collection's items), beside it (a
    story's related ones), to slugs, dated, product and article paths, the share on its own host,
    phone and mail links (service pages), pager links and how many distinct links."""
    hrefs, pager = _hrefs(root)
    page = urlsplit(url or "")
    path = page.path.rstrip("/")
    parent = path.rsplit("/", 1)[0]
    counts: Counter[str] = Counter()
    host = page.hostname
    for href in hrefs:
        scheme = href.split(":", 1)[0].lower() if ":" in href else ""
        if scheme in {"tel", "mailto"}:
            counts[scheme] += 1
            continue
        counts.update(_link_kinds(href, url, host, path, parent))
    return [*(math.log1p(counts[k]) for k in ("child", "sibling", "slug", "dated", "product", "article")),
            counts["same_host"] / max(len(hrefs), 1),
            *(math.log1p(counts[k]) for k in ("tel", "mailto")),
            math.log1p(pager), math.log1p(counts["pages"]), math.log1p(len(hrefs))]


def _hrefs(root: HtmlElement) -> tuple[set[str], int]:
    """The page's distinct link targets (no in-page anchors or scripts), and its pager links."""
    hrefs: set[str] = set()
    pager = 0
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("#", "javascript")):
            continue
        hrefs.add(href)
        text = ((a.text or "") if not len(a) else a.text_content()).strip()  # childless: its text is all
        pager += text.isdigit() and len(text) <= MAX_PAGER_DIGITS
    return hrefs, pager


def _link_kinds(href: str, url: str | None, host: str | None, path: str, parent: str) -> list[str]:
    """What one link target is, seen from the page at ``path`` (under ``parent``) on ``host``."""
    try:
        target = urlsplit(href if _resolved(href) else urljoin(url or "", href))
    except ValueError:
        return []
    link = target.path.rstrip("/")
    lowered = link.lower()
    # The last non-empty segment: with the slashes stripped off its end, the path's last (or none).
    last = lowered.rsplit("/", 1)[-1]
    words = set(TOKEN_SPLIT.split(lowered))
    below = bool(path) and link.startswith(path + "/")
    kinds = ["same_host"] if target.hostname in {host, None} else []
    if below:
        kinds.append("child")
    if parent and not below and link != path and link.startswith(parent + "/"):
        kinds.append("sibling")
    if last and len([w for w in _SLUG_SEPARATORS.split(last) if w]) >= MIN_SLUG_WORDS:
        kinds.append("slug")
    if _DATED_PATH.search(link):
        kinds.append("dated")
    if not words.isdisjoint(_PRODUCT_WORDS):
        kinds.append("product")
    if not words.isdisjoint(_ARTICLE_WORDS):
        kinds.append("article")
    if _PAGINATION.search(href):
        kinds.append("pages")
    return kinds


def _resolved(href: str) -> bool:
    """Whether a link target has the host and path ``urljoin`` would give it (absolute, or from the
    site's root, without dot segments): resolving every link cost more than the rest of its test."""
    from_root = href.startswith("/") and not href.startswith("//")  # "//host/..." (and a bare "//"): joined
    return (from_root or href.startswith(("http://", "https://"))) and "/." not in href


def _path_of(href: str, url: str | None) -> str | None:
    """A link's path, resolved against the page's URL (None when it does not parse)."""
    try:
        return urlsplit(urljoin(url or "", href)).path.rstrip("/")
    except ValueError:
        return None


_COMMENTS = etree.XPath("/descendant::*[contains(@class,'comment') or contains(@id,'comment')]")
_BREADCRUMB_LINKS = etree.XPath("/descendant::*[contains(@class,'breadcrumb')]/descendant::a")
_CANONICAL = etree.XPath("/descendant::link[@rel='canonical']/@href")
_OPEN_GRAPH = etree.XPath("/descendant::meta[starts-with(@property,'og:')]")
_NEXT_PAGE = etree.XPath("/descendant::link[@rel='next'] | /descendant::a[@rel='next']")
_JSON_LD = etree.XPath("/descendant::script[@type='application/ld+json']")


def furniture(root: HtmlElement, census: Census, words: dict[HtmlElement, int], url: str | None) -> list[float]:
    """Embeds and form controls, what the page declares in its ``<head>``, its breadcrumb, its
    largest comment block, its longest run of sibling headings (a list of teasers or sections) and
    its described images."""
    tags = census.tags
    comments = _COMMENTS(root) if _names(census, "comment") else []
    comment_words = max((words.get(el, 0) for el in comments), default=0)
    heading_parents = Counter(h.getparent() for tag in ("h2", "h3") for h in root.iter(tag))
    heading_parents.pop(None, None)
    return [
        math.log1p(tags["select"]), float(tags["textarea"]), *(math.log1p(tags[t]) for t in ("iframe", "video", "svg")),
        *head_declarations(root, url),
        float(len(_BREADCRUMB_LINKS(root)) if _names(census, "breadcrumb") else 0), math.log1p(comment_words),
        math.log1p(max(heading_parents.values(), default=0)), math.log1p(sum(heading_parents.values())),
        math.log1p(sum(1 for img in root.iter("img") if (img.get("alt") or "").strip())),
    ]


def _names(census: Census, word: str) -> bool:
    """Whether a class or id value of the page holds ``word``: when none does, the XPath that looks
    for it (a walk of the whole document) cannot match, and is skipped."""
    return word in census.joined_class_ids


def head_declarations(root: HtmlElement, url: str | None) -> list[float]:
    """Open Graph tags, a next page, a canonical URL that is the page's own, JSON-LD scripts."""
    canonical = _CANONICAL(root)
    own_path = urlsplit(url or "").path.rstrip("/")
    return [
        float(bool(_OPEN_GRAPH(root))),
        float(bool(_NEXT_PAGE(root))),
        float(bool(canonical) and _path_of(str(canonical[0]), url) == own_path),
        float(len(_JSON_LD(root))),
    ]


_SECTION_HEADINGS = ("h2", "h3", "h4")


def headline_shape(root: HtmlElement) -> list[float]:
    """The first ``h1``'s words (a story's headline is a sentence, a listing's a section name),
    the ``<title>``'s words, the share of the headline's words the title repeats, the ``h1`` count."""
    headlines = list(root.iter("h1"))
    titles = list(root.iter("title"))
    headline = _words_of(headlines[0]) if headlines else set()
    title = _words_of(titles[0]) if titles else set()
    return [math.log1p(len(headline)), math.log1p(len(title)), len(headline & title) / max(len(headline), 1),
            float(len(headlines))]


_WORD = re.compile(r"\w+")


def _words_of(element: HtmlElement) -> set[str]:
    return set(_WORD.findall(element.text_content().lower()))


def section_shape(root: HtmlElement, words: dict[HtmlElement, int]) -> list[float]:
    """How the paragraphs sit between the headings, in page order: the paragraph words from the
    ``h1`` to the next heading (a story's lead; a listing's first card starts at once), the median
    paragraph words per ``h2``-``h4`` section and the sections (a story: few long sections; a
    listing: a heading and a teaser each), and the share of paragraph words beside a linked heading
    (teasers: the paragraph's parent or grandparent holds one) and inside a link."""
    teaser_holders = _linked_heading_holders(root)
    lead = total = teaser = linked = 0
    sections: list[int] = []
    seen_headline = lead_over = False
    for el in root.iter("h1", *_SECTION_HEADINGS, "p"):
        if el.tag == "h1":
            seen_headline = True
        elif el.tag != "p":
            lead_over = lead_over or seen_headline
            sections.append(0)
        else:
            count = words.get(el, 0)
            total += count
            lead += count if seen_headline and not lead_over else 0
            if sections:
                sections[-1] += count
            parent = el.getparent()
            grandparent = parent.getparent() if parent is not None else None
            teaser += count if (parent in teaser_holders or grandparent in teaser_holders) else 0
            linked += count if _is_link_text(el) else 0
    return [math.log1p(lead), math.log1p(statistics.median(sections)) if sections else 0.0,
            math.log1p(len(sections)), teaser / max(total, 1), linked / max(total, 1)]


def _is_link_text(paragraph: HtmlElement) -> bool:
    """Whether a paragraph is a link's text: inside a link, or holding one link and nothing before it."""
    only_link = len(paragraph) == 1 and paragraph[0].tag == "a" and not (paragraph.text or "").strip()
    return only_link or next(paragraph.iterancestors("a"), None) is not None


def _linked_heading_holders(root: HtmlElement) -> set[HtmlElement]:
    """Every ancestor of an ``h2``-``h4`` that holds or sits in a link (a teaser card's headline)."""
    holders: set[HtmlElement] = set()
    for heading in root.iter(*_SECTION_HEADINGS):
        if _linked(heading):
            holders.update(heading.iterancestors())
            holders.add(heading)
    return holders
