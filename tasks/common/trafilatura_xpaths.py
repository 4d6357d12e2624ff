"""Stand-ins for trafilatura's slowest pruning XPaths: the same elements, in the same order.

lxml runs an EXSLT ``re:test`` by calling back into Python once per element and test, so each
of these XPaths costs a Python call or three for every element it looks at (8.6 ms of CPU a
page in all, 3.7 ms with the stand-ins, on 151 wcxb pages). A stand-in lets libxml2 pick the
elements that carry any attribute the XPath reads (an XPath without ``re:test``, in C), and
judges each distinct combination of tag and those attributes once per process. The regular
expressions and literals are read from trafilatura's own XPath text at import, and a stand-in
is used only while that text still has the shape its judge was written for (``SKELETONS``);
otherwise trafilatura's XPath runs as before. The swap is invisible to any other caller of
trafilatura in the process: a stand-in selects what the XPath selects.

XPath semantics kept: ``@id|@class`` is the value of whichever of the two comes first in the
source; a missing attribute is ``''`` for ``contains``/``starts-with``/``re:test`` and never
equal to a literal; ``re:test`` is ``re.search`` with ``re.IGNORECASE`` for flag ``i`` (lxml's
own implementation).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import trafilatura.xpaths as txp
from lxml.etree import Element, XPath, _Element

Items = tuple[tuple[str, str], ...]
# A judge answers for one tag and its relevant attributes (source order) with the XPath's literals.
Judge = Callable[[str, Items, Sequence[str]], bool]
# A last test of an element the judge let through, for a predicate that reads below it (``.//h1``).
SubtreeTest = Callable[[_Element, Items, Sequence[str]], bool]

# The memo of judged (tag, attributes) combinations is dropped when it grows past this.
MEMO_LIMIT = 20_000
_LITERAL = re.compile(r"'([^']*)'")


def normalized(xpath: XPath) -> str:
    """An XPath's text with its whitespace runs as single spaces."""
    return " ".join(xpath.path.split())


def skeleton(xpath: XPath) -> str:
    """An XPath's text with every string literal blanked: its shape, whatever its tokens."""
    return _LITERAL.sub("'_'", normalized(xpath))


@lru_cache(maxsize=256)
def _regex(pattern: str, flags: str = "") -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE if "i" in flags else 0)


def get(items: Items, name: str) -> str | None:
    """An attribute's value, None when the element lacks it."""
    for key, value in items:
        if key == name:
            return value
    return None


def first(items: Items, *names: str) -> str:
    """The value of whichever named attribute comes first in the source (XPath's ``@a|@b``)."""
    for key, value in items:
        if key in names:
            return value
    return ""


def test(pattern: str, value: str | None, flags: str = "") -> bool:
    """EXSLT ``re:test`` as lxml runs it."""
    return _regex(pattern, flags).search(value or "") is not None


class Selector:
    """One stand-in: called on a tree like the XPath, it returns the same list of elements."""

    def __init__(self, original: XPath, tags: tuple[str, ...], attrs: tuple[str, ...], judge: Judge, *,
                 per_parent: bool = False, first_only: bool = False, absolute: bool = False,
                 subtree_test: SubtreeTest | None = None) -> None:
        self.original = original
        self.attrs = frozenset(attrs)
        self.literals = _LITERAL.findall(normalized(original))
        self.judge = judge
        self.per_parent = per_parent  # ``.//*[...][1]``: the first match among each parent's children
        self.first_only = first_only  # ``(.//*[...])[1]``: the first match of the page
        self.memo: dict[tuple[str, Items], bool] = {}
        self.tags: tuple[object, ...] = tags or (Element,)  # every element when the XPath names no tag
        self.absolute = absolute  # ``//*[...]`` reads the whole document, its root element included
        self.subtree_test = subtree_test  # judged per element, after the attributes' verdict
        # The candidates leave out the elements without any of the attributes: sound only when
        # the XPath selects none of those.
        if any(judge(tag, (), self.literals) for tag in tags or ("div",)):
            raise ValueError(f"the XPath selects elements without attributes: {normalized(original)}")

    def candidates(self, tree: _Element) -> Iterator[_Element]:
        """The elements of the XPath's axis and tags, in document order (lxml's ``iter`` filters
        the tags in C; an XPath of the tags and attributes took three times as long)."""
        elements: Iterator[_Element] = (
            tree.getroottree().iter(*self.tags) if self.absolute else tree.iterdescendants(*self.tags)
        )
        return elements

    def __call__(self, tree: _Element) -> list[_Element]:
        found: list[_Element] = []
        parents: set[_Element | None] = set()
        memo, attrs, judge, literals = self.memo, self.attrs, self.judge, self.literals
        if len(memo) > MEMO_LIMIT:
            memo.clear()
        for el in self.candidates(tree):
            # One read of the attributes: the element is skipped when it has none the XPath reads
            # (a test of its keys first, then its items, cost 11.0 against 9.7 ms a page for the
            # eight stand-ins on 150 whole wcxb trees, the same elements).
            read = tuple([kv for kv in el.items() if kv[0] in attrs])
            if not read:
                continue
            key = (el.tag, read)
            if key in memo:
                verdict = memo[key]
            else:
                verdict = memo[key] = judge(key[0], key[1], literals)
            if not verdict or (self.subtree_test is not None and not self.subtree_test(el, read, literals)):
                continue
            if self.per_parent:
                parent = el.getparent()
                if parent in parents:
                    continue
                parents.add(parent)
            found.append(el)
            if self.first_only:
                break
        return found


def _overall_discard(tag: str, a: Items, lit: Sequence[str]) -> bool:
    role = (get(a, "role") or "").translate(str.maketrans(lit[0], lit[1]))
    return (get(a, "data-lp-replacement-content") is not None or lit[2] in role
            or lit[3] in (get(a, "data-component") or "") or test(lit[4], first(a, "id", "class"))
            or test(lit[5], get(a, "id")) or test(lit[6], get(a, "class")))


def _overall_hidden(tag: str, a: Items, lit: Sequence[str]) -> bool:
    style = get(a, "style") or ""
    return (get(a, "class") == lit[0] or first(a, "id", "class").startswith(lit[1])
            or test(lit[2], first(a, "id", "style")) or lit[3] in style or lit[4] in style
            or test(lit[5], get(a, "id")) or test(lit[6], get(a, "class")) or get(a, "aria-hidden") == lit[7])


def _comments_and_lists(tag: str, a: Items, lit: Sequence[str]) -> bool:
    ident, cls = get(a, "id"), get(a, "class")
    return ((test(lit[0], ident) or test(lit[1], cls))
            and (tag not in ("ol", "ul") or test(lit[2], ident) or test(lit[3], cls)))


def _article_body(tag: str, a: Items, lit: Sequence[str]) -> bool:
    cls, ident = get(a, "class"), get(a, "id")
    return (cls in (lit[0], lit[1]) or get(a, "itemprop") == lit[2] or ident == lit[3]
            or test(lit[4], ident) or test(lit[5], cls))


def _story_body(tag: str, a: Items, lit: Sequence[str]) -> bool:
    cls, ident = get(a, "class"), get(a, "id")
    return (get(a, "role") == lit[0] or ident in (lit[1], lit[2]) or cls in lit[3:8]
            or test(lit[8], ident) or test(lit[9], cls, lit[10]) or test(lit[11], cls))


def _author_discard(tag: str, a: Items, lit: Sequence[str]) -> bool:
    cls, ident = get(a, "class"), get(a, "id")
    return (ident == lit[0] or cls in lit[1:4] or test(lit[4], ident) or test(lit[5], cls)
            or lit[6] in (get(a, "data-component") or ""))


def _author_generic(tag: str, a: Items, lit: Sequence[str]) -> bool:
    cls = get(a, "class")
    return (cls in lit[0:4] or lit[4] in (get(a, "itemprop") or "") or test(lit[5], get(a, "id"))
            or test(lit[6], cls))


def _author_any(tag: str, a: Items, lit: Sequence[str]) -> bool:
    return (lit[0] in (get(a, "data-component") or "") or lit[1] in (get(a, "itemprop") or "")
            or test(lit[2], get(a, "id")) or test(lit[3], get(a, "class")))


def _main_content(tag: str, a: Items, lit: Sequence[str]) -> bool:
    cls, ident = get(a, "class"), get(a, "id")
    return (ident == lit[0] or cls == lit[1] or test(lit[2], ident) or test(lit[3], cls)
            or lit[6] in (ident or "").translate(str.maketrans(lit[4], lit[5]))
            or lit[9] in (cls or "").translate(str.maketrans(lit[7], lit[8]))
            or lit[12] in (cls or "").translate(str.maketrans(lit[10], lit[11])))


def _teaser(tag: str, a: Items, lit: Sequence[str]) -> bool:
    return (lit[2] in (get(a, "id") or "").translate(str.maketrans(lit[0], lit[1]))
            or lit[5] in (get(a, "class") or "").translate(str.maketrans(lit[3], lit[4])))


def _appended_articles(tag: str, a: Items, lit: Sequence[str]) -> bool:
    return test(lit[0], get(a, "id")) or test(lit[1], get(a, "class"))


def _no_headline_unless_named(el: _Element, a: Items, lit: Sequence[str]) -> bool:
    """``not(.//h1) or re:test(@id, _) or re:test(@class, _)``: an element of the appended
    articles' family is pruned unless it holds the page's headline, its own theme's always."""
    return next(el.iterdescendants("h1"), None) is None or test(lit[2], get(a, "id")) or test(lit[3], get(a, "class"))


_ARTICLE = ("article", "div", "main", "section")
_BLOCKS = ("div", "item", "list", "p", "section", "span")
# (list, index) of trafilatura's XPath, the shape it must have, and its stand-in's parts.
SKELETONS: tuple[tuple[str, int, str, tuple[tuple[str, ...], tuple[str, ...], Judge, dict[str, Any]]], ...] = (
    ("OVERALL_DISCARD_XPATH", 0,
     ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
     "@data-lp-replacement-content or contains(translate(@role, '_', '_'), '_') or "
     "contains(@data-component, '_') or re:test(@id|@class, '_') or re:test(@id, '_') or re:test(@class, '_')]",
     (_BLOCKS, ("id", "class", "role", "data-component", "data-lp-replacement-content"), _overall_discard, {})),
    ("OVERALL_DISCARD_XPATH", 1,
     ".//*[@class='_' or starts-with(@id|@class, '_') or re:test(@id|@style, '_') or contains(@style, '_') or "
     "contains(@style, '_') or re:test(@id, '_') or re:test(@class, '_') or @aria-hidden='_']",
     ((), ("id", "class", "style", "aria-hidden"), _overall_hidden, {})),
    ("REMOVE_COMMENTS_AND_LISTS_XPATH", 0,
     ".//*[self::div or self::list or self::section or self::details or self::ol or self::ul][ "
     "re:test(@id, '_') or re:test(@class, '_')][ not(self::ol or self::ul) or re:test(@id, '_') or "
     "re:test(@class, '_')]",
     (("div", "list", "section", "details", "ol", "ul"), ("id", "class"), _comments_and_lists, {})),
    ("BODY_XPATH", 0,
     ".//*[self::article or self::div or self::main or self::section][ @class='_' or @class='_' or "
     "@itemprop='_' or @id='_' or re:test(@id, '_') or re:test(@class, '_') ][1]",
     (_ARTICLE, ("class", "itemprop", "id"), _article_body, {"per_parent": True})),
    ("BODY_XPATH", 2,
     "(.//*[self::article or self::div or self::main or self::section][ @role='_' or @id='_' or @id='_' or "
     "@class='_' or @class='_' or @class='_' or @class='_' or @class='_' or re:test(@id, '_') or "
     "re:test(@class, '_', '_') or re:test(@class, '_') ])[1]",
     (_ARTICLE, ("role", "id", "class"), _story_body, {"first_only": True})),
    ("AUTHOR_DISCARD_XPATHS", 0,
     ".//*[self::a or self::div or self::section or self::span][ @id='_' or @class='_' or @class='_' or "
     "@class='_' or re:test(@id, '_') or re:test(@class, '_') or contains(@data-component, '_')]",
     (("a", "div", "section", "span"), ("id", "class", "data-component"), _author_discard, {})),
    # The author's byline elements (``extract_author`` tries them in turn when the page's first,
    # specific expression finds no name): 3.2 and 3.4 ms a page on 187 corpus pages.
    ("AUTHOR_XPATHS", 1,
     "//*[self::a or self::div or self::h3 or self::h4 or self::p or self::span][ @class='_' or @class='_' or "
     "@class='_' or @class='_' or contains(@itemprop, '_') or re:test(@id, '_') or re:test(@class, '_')]",
     (("a", "div", "h3", "h4", "p", "span"), ("class", "itemprop", "id"), _author_generic, {"absolute": True})),
    ("AUTHOR_XPATHS", 2,
     "//*[ contains(@data-component, '_') or contains(@itemprop, '_') or re:test(@id, '_') or re:test(@class, '_')]",
     ((), ("data-component", "itemprop", "id", "class"), _author_any, {"absolute": True})),
    # Three more (round 36): the raw tree's pruning of appended articles (a Python ``re:test`` per
    # element), the fourth body container and the teaser blocks (C, but a ``self::``/``translate``
    # test per element); ms a page on 364 whole wcxb and meta trees, XPath against stand-in: 1.97 /
    # 1.22, 3.96 / 1.09, 2.14 / 1.32. ``DISCARD_IMAGE_ELEMENTS`` (two ``contains``) was slower so.
    ("RAW_TREE_PRUNE_XPATH", 0,
     ".//*[self::div or self::section or self::aside][ re:test(@id, '_') or re:test(@class, '_')][ "
     "not(.//h1) or re:test(@id, '_') or re:test(@class, '_')]",
     (("div", "section", "aside"), ("id", "class"), _appended_articles,
      {"subtree_test": _no_headline_unless_named})),
    ("BODY_XPATH", 3,
     "(.//*[self::article or self::div or self::main or self::section][ @id='_' or @class='_' or "
     "re:test(@id, '_') or re:test(@class, '_') or contains(translate(@id, '_','_'), '_') or "
     "contains(translate(@class, '_','_'), '_') or contains(translate(@class, '_','_'), '_') ])[1]",
     (_ARTICLE, ("id", "class"), _main_content, {"first_only": True})),
    ("TEASER_DISCARD_XPATH", 0,
     ".//*[self::div or self::item or self::list or self::p or self::section or self::span][ "
     "contains(translate(@id, '_', '_'), '_') or contains(translate(@class, '_', '_'), '_')]",
     (_BLOCKS, ("id", "class"), _teaser, {})),
)


def build_selectors() -> dict[tuple[str, int], Selector]:
    """A stand-in for each listed XPath whose text still has its expected shape."""
    selectors = {}
    for name, index, shape, (tags, attrs, judge, kind) in SKELETONS:
        original = getattr(txp, name)[index]
        if isinstance(original, XPath) and skeleton(original) == shape:
            try:
                selectors[name, index] = Selector(original, tags, attrs, judge, **kind)
            except ValueError:
                continue  # new literals that select bare elements: trafilatura's XPath stays
    return selectors


SELECTORS = build_selectors()


@contextmanager
def faster_xpaths() -> Iterator[None]:
    """trafilatura's listed XPaths replaced by their stand-ins for the block's duration.

    trafilatura's modules share these lists, so the swap is seen by every call inside the
    block and by nothing after it (a worker process runs one extraction at a time)."""
    for (name, index), selector in SELECTORS.items():
        getattr(txp, name)[index] = selector
    try:
        yield
    finally:
        for (name, index), selector in SELECTORS.items():
            getattr(txp, name)[index] = selector.original
