"""trafilatura's metadata reading as a fallback layer, split so its costly parts run only when needed.

``trafilatura.metadata.extract_metadata`` always runs htmldate's extensive date search (most
of its time, and a deep copy of the tree) and its byline, category and tag searches. Here its
meta-tag and JSON-LD readers run on the clean stage's tree (``tasks.common.page_signals``),
and the other searches are separate calls made only when the page declares nothing better (by
the clean stage, on its tree before pruning: ``tasks.metadata.html_meta.read_fallbacks``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from htmldate import find_date
from htmldate.extractors import get_external_parser
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import extract_author, extract_catstags
from trafilatura.settings import set_date_params
from trafilatura.utils import line_processing

from tasks.common.html_parse import has_invalid_xml_chars
from tasks.common.trafilatura_xpaths import faster_xpaths

# The one table of trafilatura's author candidates: every element its ``AUTHOR_XPATHS`` can select
# has a class holding one of _CLASS_PARTS or equal to one of _CLASS_NAMES, an id holding one of
# _ID_PARTS, or matches _OTHER_ELEMENTS. ``tests/unit/test_page_signals.py`` pins the expressions
# this was derived from. Two tests are built from it (below): an XPath written with
# ``contains()`` where trafilatura uses EXSLT regexes (a Python callback per element, 3x slower),
# kept as the tests' oracle, and the fast test the stage runs (``has_author_candidate``), so a
# page it finds nothing on is skipped before extract_author's deep copy and pruning.
_CLASS_PARTS = ("uthor", "yline", "channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by",
                "journalist-name", "screenname", "writer")
_CLASS_NAMES = ("username", "byl", "BBL")
_ID_PARTS = ("uthor", "zuozhe", "bianji", "xiaobian")
_OTHER_ELEMENTS = (
    "//author | //*[@rel='author' or contains(@itemprop, 'author') or @data-testid='AuthorCard'"
    " or @data-testid='AuthorURL' or contains(@data-component, 'Byline') or rel='me']"
)


def _any_of(tests: list[str]) -> str:
    return " or ".join(tests)


AUTHOR_CANDIDATES = XPath(
    _OTHER_ELEMENTS
    + " | //*[@class][" + _any_of([f"contains(@class, '{part}')" for part in _CLASS_PARTS]
                                  + [f"@class='{name}'" for name in _CLASS_NAMES]) + "]"
    + " | //*[@id][" + _any_of([f"contains(@id, '{part}')" for part in _ID_PARTS]) + "]"
)


# The same test as ``bool(AUTHOR_CANDIDATES(tree))``, in about half its time (2.6 against 4.5 ms a
# page on 201 corpus pages, the same answer on each): the class and id values are read once, and
# each distinct value is tested in Python, not each element by eleven ``contains()``. Plain strings:
# lxml's default "smart" ones each keep a link to their element, which made the read of the class
# values 2.7x slower (1.4 against 0.5 ms a page on 151 wcxb pages).
_CLASS_VALUES = XPath("//@class", smart_strings=False)
_ID_VALUES = XPath("//@id", smart_strings=False)
# The same test as ``boolean(_OTHER_ELEMENTS)``, read on the attributes themselves: each
# ``//*[@a=...]`` of that union tests every element in turn, the attribute axis visits only the
# elements that have the attribute (0.8 against 2.0 ms a page on 307 corpus pages, the same answer
# on each). A ``<rel>`` child element holding "me" is one whatever its parent.
_OTHER_CANDIDATES = XPath(
    "boolean(//author | //@rel[.='author'] | //@itemprop[contains(., 'author')]"
    " | //@data-testid[.='AuthorCard' or .='AuthorURL'] | //@data-component[contains(., 'Byline')]"
    " | //rel[.='me'])"
)


# The parts as one pattern each, searched once over all the page's values joined by newlines (no
# part holds one, so no match spans two values): one search in C, not a generator per value (the
# class test was most of ``read_author``'s time on pages without a candidate).
_CLASS_PART = re.compile("|".join(map(re.escape, _CLASS_PARTS)))
_ID_PART = re.compile("|".join(map(re.escape, _ID_PARTS)))


def has_author_candidate(tree: HtmlElement) -> bool:
    """Whether ``AUTHOR_CANDIDATES`` selects any element of the tree."""
    classes = set(_CLASS_VALUES(tree))
    if not classes.isdisjoint(_CLASS_NAMES) or _CLASS_PART.search("\n".join(classes)):
        return True
    if _ID_PART.search("\n".join(set(_ID_VALUES(tree)))):
        return True
    return bool(_OTHER_CANDIDATES(tree))


def read_author(tree: HtmlElement) -> list[str]:
    """trafilatura's author from the page's byline elements (its fallback after meta and JSON-LD)."""
    if not has_author_candidate(tree):
        return []  # no candidate element: skip its deep copy and pruning of the whole tree
    with faster_xpaths():
        found = extract_author(tree)
    return [a.strip() for a in (found or "").split(";") if a.strip()]


# ``extract_catstags`` keeps only links whose address matches "/categor(y|ies|s)?/" (categories)
# or "/tag(y|ies|s)?/" (tags): on a page without a link holding "/categor" (or "/tag") its ten
# container expressions (two with a Python regex callback per <div>) can find nothing, so they
# are skipped: about 3 ms per kind, on 4 of 5 corpus pages. Categories then come from its
# fallback alone, the subject <meta> of the head, read as it reads them.
# ``tests/unit/test_page_signals.py`` pins the function's source this was derived from.
_LINK_GATES = {
    "category": XPath("boolean(//a[contains(@href, '/categor')])"),
    "tag": XPath("boolean(//a[contains(@href, '/tag')])"),
}
_SUBJECT_META = XPath('.//head//meta[@property="article:section" or contains(@name, "subject")][@content]')


# What a page's source must hold for ``read_catstags`` to find anything: a link address with
# "/categor" or "/tag" (the link gates, and extract_catstags' own address test), else for
# categories the subject or article:section <meta> of its fallback. On 104 of 364 corpus pages
# that search was the only reason to parse the page again (and it found nothing).
_CATSTAGS_NEEDLES = {"category": ("/categor", "subject", "article:section"), "tag": ("/tag",)}
# The characters of each kind's needles, as code points: a numeric character reference to one
# of them may spell a needle ("&#47;tag"; libxml2 decodes no named reference to them).
_NEEDLE_CODES = {kind: frozenset(map(ord, "".join(needles))) for kind, needles in _CATSTAGS_NEEDLES.items()}
# A numeric character reference (digits cut at 6 or 7: a longer one is only read as smaller,
# so that a reference to a needle's character is never missed).
_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,6})|([0-9]{1,7}))")


def may_find_catstags(kind: str, source: str) -> bool:
    """Whether ``read_catstags(kind, tree)`` can find anything on the page parsed from
    ``source``: a needle is in the source, or the parser may build one (from a numeric reference
    to a needle's character, or by dropping the characters libxml2 refuses)."""
    if any(needle in source for needle in _CATSTAGS_NEEDLES[kind]):
        return True
    invalid_chars, referenced = _what_the_parser_may_spell(source)
    return invalid_chars or not _NEEDLE_CODES[kind].isdisjoint(referenced)


# The category gate and the tag gate read the same page's source (two scans of it each): read once.
@lru_cache(maxsize=1)
def _what_the_parser_may_spell(source: str) -> tuple[bool, frozenset[int]]:
    """Whether the source holds characters libxml2 refuses, and the code points it references
    numerically."""
    referenced = frozenset(
        int(hexa, 16) if hexa else int(decimal) for hexa, decimal in _NUMERIC_REFERENCE.findall(source))
    return has_invalid_xml_chars(source), referenced


def read_catstags(kind: str, tree: HtmlElement) -> list[str]:
    """trafilatura's categories (``kind="category"``) or tags (``"tag"``) from links and meta."""
    if _LINK_GATES[kind](tree):
        return list(extract_catstags(kind, tree))
    if kind != "category":
        return []
    contents = (el.attrib["content"] for el in _SUBJECT_META(tree))
    return [r for r in dict.fromkeys(line_processing(x) for x in contents if x) if r]


# htmldate's extensive search (dates in free text, dateparser as a last resort): date exact day
# on corpus/meta is 91.6 with it and 87.7 without. Its cost is usually a few ms, but dateparser
# can take seconds on odd pages (the same happens inside trafilatura's own extract_metadata).
EXTENSIVE = True


def find_page_date(tree: HtmlElement, url: str | None, *, extensive: bool = EXTENSIVE) -> str | None:
    """htmldate's original publication date, with trafilatura's settings (extensive search
    unless told not: the fast search skips dateparser and the regex scan of the whole source)."""
    config = set_date_params(extensive=extensive)
    config["url"] = url
    return find_date(tree, **config)


# A date expression no language reads: dateparser tries every locale on it, loading them all.
_UNREADABLE_DATE = "5 Qqq 2020 Zzz"


def load_date_parser() -> None:
    """Load every locale of htmldate's dateparser now. It loads them on its first string that
    none of the first languages reads: 1.7-2.4 s CPU (and ~25 MB) on whichever article first
    has one (a profile of 81 corpus pages found it on one page: 1.5 s of the stage's 6.6 s),
    then 15-30 ms a string. Its locales are tried in a fixed order, loaded or not: no output
    changes."""
    get_external_parser().get_date_data(_UNREADABLE_DATE)
