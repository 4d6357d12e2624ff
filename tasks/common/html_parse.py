"""The one HTML parser of both stages that read a page's tree (clean, and metadata's fallbacks)."""

from __future__ import annotations

import lxml.etree
import lxml.html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, is_dubious_html, repair_faulty_html

_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True,
)
# What ``INVALID_XML_CHARS`` (trafilatura's) removes, as UTF-8 bytes: the C0 controls but tab,
# newline and carriage return; U+FFFE and U+FFFF are looked for in the string itself.
_INVALID_XML_BYTES = bytes([*range(9), 11, 12, *range(14, 32)])
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
    text = repair_html(html, beginning)
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


def repair_html(html: str, beginning: str) -> str:
    """``repair_faulty_html``'s result (``beginning``: the page's first 50 characters, lower-cased).
    Its regex over the whole page, for characters libxml2 refuses, cost ~1.3 ms a page where
    sanitising has removed nearly all of them (the clean stage's input, the metadata stage's): a
    byte count in C (~0.3 ms) finds whether there is any first, and only then is the regex run."""
    if has_invalid_xml_chars(html):
        return repair_faulty_html(html, beginning)
    if "doctype" in beginning:  # the rest of repair_faulty_html, as it reads
        firstline, _, rest = html.partition("\n")
        html = DOCTYPE_TAG.sub("", firstline, count=1) + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html


def has_invalid_xml_chars(html: str) -> bool:
    """Whether ``INVALID_XML_CHARS`` matches anywhere in ``html``."""
    if "\ufffe" in html or "\uffff" in html:
        return True
    data = html.encode("utf-8", "surrogatepass")
    return len(data.translate(None, _INVALID_XML_BYTES)) != len(data)


def _parse_bytes(text: str) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(text.encode("utf-8", "surrogatepass"), parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return None
