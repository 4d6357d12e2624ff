"""trafilatura's XML body (``p``, ``head``, ``list``, ``quote``, ``table``...) as typed body blocks."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.etree import _Element

from tasks.clean.html.dom import normalize_space
from tasks.models import BodyBlock, Heading, ListBlock, Paragraph, Quote, Table

# A bold-only paragraph longer than this is an emphasised sentence, not a sub-head: news
# sub-heads run 2-12 words, about 100 characters at most. Hand-set.
MAX_SUBHEAD_CHARS = 100
# Level given to bold-only sub-heads: they sit under the page's h2 sections in most layouts.
BOLD_SUBHEAD_LEVEL = 3
# A table cell with more text than this is a page column, not a datum: data cells hold
# numbers and names; 300 characters is about two sentences. Hand-set.
LAYOUT_CELL_CHARS = 300
_BLOCK_TAGS = frozenset({"p", "head", "list", "quote", "table", "code"})
_HEADING_REND = re.compile(r"^h([1-6])$")
_BOLD_RENDS = frozenset({"#b", "#strong"})
# A bold run ending like a sentence or a label ("Read more:") is emphasis, not a heading;
# one in brackets is a notice ("【...】", "[Editor's note]").
_NOT_A_HEADING_END = (".", ",", ";", ":", "：")
_BRACKETS = ("[", "(", "【", "（", "<")


def element_text(el: _Element) -> str:
    """Text of an XML element, whitespace normalised.

    Text nodes are joined with a space: trafilatura drops the whitespace between inline
    elements ("<ref>Netflix</ref>and"), and gluing them cost 0.001 F1 on dev; a space
    inside a word split by markup ("<hi>W</hi>ord") is the rarer error.
    """
    return " ".join(" ".join(el.itertext()).split())


def is_bold_subhead(el: _Element) -> bool:
    """True for a ``<p>`` whose whole text is one short bold run (a sub-head in disguise)."""
    children = [c for c in el if c.tag != "lb"]
    if len(children) != 1 or children[0].tag != "hi" or children[0].get("rend") not in _BOLD_RENDS:
        return False
    if (el.text or "").strip() or (children[0].tail or "").strip() or children[0].find(".//ref") is not None:
        return False  # loose text beside the bold run, or a link ("Read more: ...")
    text = element_text(el)
    return 0 < len(text) <= MAX_SUBHEAD_CHARS and not text.endswith(_NOT_A_HEADING_END) \
        and not text.startswith(_BRACKETS)


def _list_items(el: _Element) -> list[str]:
    items = []
    for item in el.iterchildren("item"):
        text = element_text(item)
        if text:
            items.append(text)
    return items


def _table_rows(el: _Element) -> list[list[str]]:
    rows = []
    for row in el.iter("row"):
        cells = [element_text(cell) for cell in row.iterchildren("cell")]
        if any(cells):
            rows.append(cells)
    return rows


@dataclass(frozen=True, slots=True)
class Candidate:
    """A block with what the filters need to know about its source element."""

    block: BodyBlock
    # Share of the text inside links; measured only for layout-table blocks, 0.0 elsewhere.
    link_share: float
    # True when the block was cut out of a layout table, where trafilatura keeps menus whole.
    from_layout: bool = False
    # True for a heading made from a bold-only paragraph (see ``is_bold_subhead``).
    bold_subhead: bool = False


def link_share(el: _Element, text: str) -> float:
    """Share of the element's text that sits inside links (``ref``)."""
    if not text:
        return 0.0
    linked = sum(len(element_text(ref)) for ref in el.iter("ref"))
    return min(1.0, linked / len(text))


def is_layout_table(table: _Element) -> bool:
    """True for a table used as page layout: its cells hold paragraphs, lists, headings or
    other tables, or a cell has more prose than any datum."""
    for cell in table.iter("cell"):
        if any(child.tag in _BLOCK_TAGS for child in cell):
            return True
        if len(element_text(cell)) > LAYOUT_CELL_CHARS:
            return True
    return False


def _list_block(el: _Element) -> BodyBlock | None:
    items = _list_items(el)
    ordered = (el.get("rend") or "").lower() == "ol"
    return ListBlock(text="\n".join(items), items=items, ordered=ordered) if items else None


def _table_block(el: _Element) -> BodyBlock | None:
    rows = _table_rows(el)
    return Table(text="\n".join("\t".join(r) for r in rows), rows=rows) if rows else None


def _text_block(el: _Element) -> BodyBlock | None:
    text = element_text(el)
    if not text:
        return None
    if el.tag == "head":
        match = _HEADING_REND.match(el.get("rend") or "")
        return Heading(text=text, level=int(match.group(1)) if match else 2)
    if el.tag == "quote":
        return Quote(text=text)
    if el.tag == "p" and is_bold_subhead(el):
        return Heading(text=text, level=BOLD_SUBHEAD_LEVEL)
    return Paragraph(text=text)


def element_block(el: _Element) -> BodyBlock | None:
    """The block of one element of trafilatura's body, None when it has no text."""
    if el.tag == "list":
        return _list_block(el)
    if el.tag == "table":
        return _table_block(el)
    return _text_block(el)


def _cell_candidates(cell: _Element) -> Iterator[Candidate]:
    """A layout cell's content: its loose text as a paragraph, its block children as blocks."""
    loose = [cell.text or ""]
    for child in cell:
        if child.tag in _BLOCK_TAGS:
            yield from _flush_loose(loose, cell)
            yield from element_candidates(child, in_layout=True)
            loose = [child.tail or ""]
        else:
            loose.append(normalize_space(" ".join(child.itertext())) + " " + (child.tail or ""))
    yield from _flush_loose(loose, cell)


def _flush_loose(parts: list[str], cell: _Element) -> Iterator[Candidate]:
    text = normalize_space(" ".join(parts))
    if text:
        share = link_share(cell, text) if cell.find("ref") is not None else 0.0
        yield Candidate(Paragraph(text=text), share, from_layout=True)


def element_candidates(el: _Element, in_layout: bool = False) -> Iterator[Candidate]:
    """Candidates of one element: layout tables are opened, everything else is one block."""
    if el.tag == "graphic":
        return
    if el.tag == "table" and is_layout_table(el):
        for cell in el.iter("cell"):
            if cell.getparent() is not None and _owning_table(cell) is el:
                yield from _cell_candidates(cell)
        return
    block = element_block(el)
    if block is None:
        return
    bold = el.tag == "p" and isinstance(block, Heading)
    if in_layout:
        yield Candidate(block, link_share(el, element_text(el)), from_layout=True, bold_subhead=bold)
    else:
        yield Candidate(block, 0.0, bold_subhead=bold)


def _owning_table(cell: _Element) -> _Element | None:
    return next((a for a in cell.iterancestors("table")), None)


def body_candidates(body: _Element) -> list[Candidate]:
    """Candidates of every top-level element of trafilatura's XML body, in order; text left
    loose after an element (a dateline heading's tail) is a paragraph of its own."""
    out: list[Candidate] = []
    for el in body:
        out.extend(element_candidates(el))
        tail = " ".join((el.tail or "").split())
        if tail:
            out.append(Candidate(Paragraph(text=tail), 0.0))
    return out
