"""Parsing a page and pruning its furniture before the main-content extractor sees it."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

import lxml.etree
from lxml.html import HtmlElement

from tasks.clean.html import patterns
from tasks.common.visibility import hidden_by_markup
from tasks.common.words import TOKEN_SPLIT

# A pruning candidate holding more than this share of the page's text is the article itself
# wearing a furniture class ("comments-enabled story"): never prune it. On dev 0.5 and 0.7
# give the same F1; 0.3 loses 0.002 (readability pages whose body sits in a "share" wrapper).
MAX_PRUNED_TEXT_SHARE = 0.5
# "Several long paragraphs": teaser blurbs and comment snippets rarely reach 150 characters
# three times in one container; article bodies do. On dev 100 characters lost 0.0003 F1, and
# 2 paragraphs instead of 3 changed nothing.
LONG_PARAGRAPH_CHARS = 150
MIN_ARTICLE_PARAGRAPHS = 3
# Share of linked text above which a container is a link list however long its text is.
MAX_ARTICLE_LINK_SHARE = 0.3
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·•»]\s+")
_TITLE_METAS = lxml.etree.XPath(
    "//meta[@property='og:title' or @name='og:title' or @name='twitter:title' or @property='twitter:title']"
)
_PRUNE_TOKEN_RE = re.compile(
    r"(?<![a-z0-9])(?:"
    + "|".join(sorted(map(re.escape, patterns.PRUNE_TOKENS), key=len, reverse=True))
    + r")(?![a-z0-9])"
)
_JOINERS = re.compile(r"[-_]")
# Link lists: at least 10 links and 90 % of the text linked. Of the settings tried on dev
# (0.8-0.9, 5-10 links) this is the strictest that leaves F1 unchanged on every dataset; it cut
# ~7 % of the stage's time. Containers that can hold a menu or a rail:
LINK_LIST_TAGS = ("ul", "ol", "div", "table")
MIN_LINK_LIST_LINKS = 10
MIN_LINK_LIST_SHARE = 0.9
# Besides the PRUNE_TAGS, furniture is found through class/id values, or these attributes.
_MARKING_ATTRIBUTES = frozenset({"hidden", "role", "style"})


def normalize_space(text: str | None) -> str:
    """Whitespace runs collapsed to one space, ends stripped."""
    return " ".join((text or "").split())


def attr_tokens(el: HtmlElement) -> frozenset[str]:
    """The lower-case word tokens of an element's class and id."""
    return _tokens_of(f"{el.get('class', '')} {el.get('id', '')}")


@lru_cache(maxsize=8192)
def _tokens_of(raw: str) -> frozenset[str]:
    """Tokens of a class/id string; cached because pages repeat the same class strings."""
    raw = raw.lower()
    tokens = set(TOKEN_SPLIT.split(raw))
    # Joined forms so "share-bar" also matches a "sharebar" token.
    tokens.update(part.replace("-", "").replace("_", "") for part in raw.split())
    tokens.discard("")
    return frozenset(tokens)


@lru_cache(maxsize=8192)
def _furniture_tokens(raw: str) -> bool:
    """True when a class/id string names furniture and nothing of the article."""
    lowered = raw.lower()
    # One regex scan rules out most strings before any token set is built.
    if not _PRUNE_TOKEN_RE.search(lowered) and not _PRUNE_TOKEN_RE.search(_JOINERS.sub("", lowered)):
        return False
    tokens = _tokens_of(raw)
    return bool(tokens & patterns.PRUNE_TOKENS) and not tokens & patterns.KEEP_TOKENS


def _names_furniture(el: HtmlElement) -> bool:
    """True when the element's class or its id, each on its own, names furniture. (Read from the
    elements: an XPath of the attribute values made a string with a parent link for each, about
    twice as slow.)"""
    get = el.get
    value, ident = get("class"), get("id")
    return bool(value and _furniture_tokens(value)) or bool(ident and _furniture_tokens(ident))


def is_furniture(el: HtmlElement) -> bool:
    """True when tag, role, visibility or class/id mark the element as page furniture."""
    if el.tag in patterns.PRUNE_TAGS:
        return True
    get = el.get
    if hidden_by_markup(el) or get("role") in patterns.PRUNE_ROLES:
        return True
    return _furniture_tokens(f"{get('class', '')} {get('id', '')}")


def furniture_candidates(scope: HtmlElement) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The elements of ``scope`` (itself included) whose class or id names furniture, and the
    ones below it that carry a ``_MARKING_ATTRIBUTES`` attribute, each in page order: one walk
    of the tree (the two XPaths it replaced took about twice as long). Class and id values are
    tested apart first (cached per string); only the few matches are judged whole after."""
    named, marked = [], []
    for el in scope.iter(lxml.etree.Element):
        keys = el.keys()
        if not keys:
            continue
        if ("class" in keys or "id" in keys) and _names_furniture(el):
            named.append(el)
        if el is not scope and not _MARKING_ATTRIBUTES.isdisjoint(keys):
            marked.append(el)
    return named, marked


def prune_furniture(root: HtmlElement) -> None:
    """Remove furniture subtrees in place, never one that holds most of the page's text."""
    body = root.find("body")
    scope = body if body is not None else root
    page_chars = 0
    doomed = list(root.iter(*patterns.PRUNE_TAGS))  # <head> scripts and styles too
    named, marked = furniture_candidates(scope)
    doomed += [el for el in named if is_furniture(el)]
    doomed += [el for el in marked if is_furniture(el)]
    for el in doomed:
        if el.getparent() is None or el.getroottree().getroot() is not root:
            continue  # already removed, or inside a subtree already removed
        if el.tag not in patterns.PRUNE_TAGS:
            page_chars = page_chars or len(scope.text_content())
            if looks_like_article(el, page_chars):
                continue
        el.drop_tree()


def prune_link_lists(root: HtmlElement) -> None:
    """Remove link lists (menus, tag clouds, "more stories" rails): containers whose text is
    nearly all links, with many links and no paragraph of prose. The extractor drops them too,
    but only after copying and walking them several times."""
    # Each container is judged before anything inside it is dropped (document order: it comes
    # before its descendants), so a link's text is the same for every container around it: read once.
    link_texts: dict[HtmlElement, int] = {}
    for el in list(root.iter(*LINK_LIST_TAGS)):
        if el.getparent() is None:
            continue
        # Most containers hold fewer links: counted up to the limit in lxml's tag-filtered walk
        # (``findall(".//a")`` built the whole list through ElementPath for each).
        if next(islice(el.iterdescendants("a"), MIN_LINK_LIST_LINKS - 1, None), None) is None:
            continue
        # A paragraph of prose first: it spares the wrappers around the article (menus and all)
        # reading their whole text.
        if _holds_long_paragraphs(el, 1):
            continue
        text_chars = len(el.text_content())
        link_chars = sum(_text_chars(a, link_texts) for a in el.iterdescendants("a"))
        if text_chars and link_chars >= MIN_LINK_LIST_SHARE * text_chars:
            el.drop_tree()


def _text_chars(el: HtmlElement, known: dict[HtmlElement, int]) -> int:
    """The length of the element's text, read once per element into ``known``."""
    if el not in known:
        known[el] = len(el.text_content())
    return known[el]


def unwrap_swallowing_buttons(root: HtmlElement) -> None:
    """Unwrap the <button>s that hold the article: an unclosed <div> inside a menu button makes
    libxml2 nest the rest of the page in it, and a button (never text, for the extractor and
    the block segmenter) then hides the whole story. A real button holds a label, not several
    long paragraphs. (Seen on treehugger.com, investopedia.com and southernliving.com, which
    share one publisher's template: a structural test of the parse, not a site's literal.)"""
    for button in list(root.iter("button")):
        if _holds_long_paragraphs(button, MIN_ARTICLE_PARAGRAPHS):
            button.drop_tag()


def _holds_long_paragraphs(el: HtmlElement, count: int) -> bool:
    """Whether ``count`` or more of the element's paragraphs are long enough to be an article's
    (one is prose; the walk stops at the ``count``-th)."""
    long = (p for p in el.iter("p") if len(p.text_content()) >= LONG_PARAGRAPH_CHARS)
    return next(islice(long, count - 1, None), None) is not None


def looks_like_article(el: HtmlElement, page_chars: int) -> bool:
    """True when a furniture-classed element holds the article: most of the page's text, or
    several long paragraphs of unlinked prose (a "share_wrapper" around the whole story)."""
    text_chars = len(el.text_content())
    if text_chars > MAX_PRUNED_TEXT_SHARE * page_chars:
        return True
    if attr_tokens(el) & patterns.HARD_PRUNE_TOKENS or text_chars < MIN_ARTICLE_PARAGRAPHS * LONG_PARAGRAPH_CHARS:
        return False
    if not _holds_long_paragraphs(el, MIN_ARTICLE_PARAGRAPHS):
        return False
    link_chars = sum(len(a.text_content()) for a in el.iter("a"))
    return link_chars < MAX_ARTICLE_LINK_SHARE * text_chars



def page_titles(root: HtmlElement) -> list[str]:
    """The page's own names for its headline: <title> (and its parts around " | ", " - "),
    og:title and twitter:title."""
    titles = []
    title = root.find(".//title")
    if title is not None and title.text:
        full = normalize_space(title.text)
        titles += [full, *(part for part in _TITLE_SEPARATOR.split(full) if part)]
    for meta in _TITLE_METAS(root):
        titles.append(normalize_space(meta.get("content")))
    return [t for t in titles if t]



def drop_media_markup(root: HtmlElement) -> None:
    """Remove image and figure markup once figures are recorded, and unwrap inline tags
    trafilatura unwraps too: it does so anyway, but only after walking them in several
    tree-wide passes. A <figure> holding a table is kept: trafilatura makes it a block."""
    for el in list(root.iter(*patterns.MEDIA_MARKUP_TAGS)):
        if el.getparent() is None or (el.tag == "figure" and el.find(".//table") is not None):
            continue
        el.drop_tree()
    lxml.etree.strip_tags(root, *patterns.UNWRAPPED_TAGS)
