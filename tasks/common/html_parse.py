"""The one HTML parser of both stages that read a page's tree (clean, and metadata's fallbacks)."""

from __future__ import annotations

import lxml.etree
import lxml.html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import is_dubious_html, repair_faulty_html

_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True,
)
_PARSER.set_element_class_lookup(lxml.etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity,
))


def parse_html(html: str) -> HtmlElement | None:
    """The page as an lxml tree, or None when it is not HTML at all.

    Parsed as trafilatura's ``load_html`` does (its libxml2 work-arounds: a doctype on the
    first line can make libxml2 drop the body; bytes parsing when a string declares its
    encoding), but with one element class for every tag: lxml.html's per-tag class lookup
    is a Python call for every element proxy and cost ~20 % of the stage's time.
    """
    beginning = html[:50].lower()
    text = repair_faulty_html(html, beginning)
    try:
        tree = lxml.html.fromstring(text, parser=_PARSER)
    except ValueError:
        tree = _parse_bytes(text)
    except lxml.etree.ParserError:
        return None
    if tree is None or len(tree) < 1:
        tree = _parse_bytes(text)
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2):
        return None
    return tree


def _parse_bytes(text: str) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return None
