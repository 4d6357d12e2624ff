"""Where extracted text sits in the page: block positions, the content container, and
figures and embeds merged into the text blocks in page order."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from lxml.html import HtmlElement

from tasks.models import BodyBlock

# Characters of normalised text that identify a block in the page: long enough to be unique
# among a page's paragraphs, short enough to survive trafilatura trimming the tail.
KEY_CHARS = 40
# Share of the matched text a container must hold to count as the article's container. Below
# 1.0 so one stray match (a footer line trafilatura kept) cannot lift it to <body>. On the
# readability pages 0.6 / 0.8 / 0.95 keep 115 / 117 / 144 images (caption recall 0.878 /
# 0.878 / 0.902); the extra images at 0.95 sit above the article (rails, headers), so 0.8.
CONTAINER_TEXT_SHARE = 0.8
# Elements whose text starts a block of trafilatura's output; a block that starts elsewhere
# (loose text in a <div>) takes its predecessor's position, which only matters for figures.
_TEXT_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt")
_POSITIONED_TAGS = (*_TEXT_TAGS, "img", "figure", "iframe", "video", "audio")
_NON_WORD = re.compile(r"[\W_]+")


def text_key(text: str) -> str:
    """Lower-case letters and digits of the text's start: robust to spacing and punctuation."""
    return _NON_WORD.sub("", text[: KEY_CHARS * 3].lower())[:KEY_CHARS]


def document_order(root: HtmlElement) -> dict[HtmlElement, int]:
    """The document-order index of every element that can start a text block or anchor a
    figure or embed (only those are ever compared; skipping the rest halves the cost)."""
    return {el: i for i, el in enumerate(root.iter(*_POSITIONED_TAGS))}


def key_index(root: HtmlElement) -> dict[str, HtmlElement]:
    """First element whose text starts with each key (own text for containers)."""
    index: dict[str, HtmlElement] = {}
    for el in root.iter(_TEXT_TAGS):
        own = el.text or ""
        key = text_key(own if len(own) >= KEY_CHARS * 2 else el.text_content())
        if len(key) >= 8 and key not in index:
            index[key] = el
    return index


def source_elements(blocks: Sequence[BodyBlock], index: dict[str, HtmlElement]) -> list[HtmlElement | None]:
    """For each text block, the page element it came from (None when not found)."""
    out: list[HtmlElement | None] = []
    for block in blocks:
        text = getattr(block, "text", "") or ""
        key = text_key(text)
        el = index.get(key) if len(key) >= 8 else None
        out.append(el)
    return out


def content_container(sources: list[HtmlElement | None], blocks: Sequence[BodyBlock]) -> HtmlElement | None:
    """The deepest element holding ``CONTAINER_TEXT_SHARE`` of the matched blocks' text."""
    weight: Counter[HtmlElement] = Counter()
    depth: dict[HtmlElement, int] = {}
    total = 0
    for el, block in zip(sources, blocks, strict=True):
        if el is None:
            continue
        size = len(getattr(block, "text", ""))
        total += size
        chain = [el, *el.iterancestors()]
        for d, anc in enumerate(reversed(chain)):
            weight[anc] += size
            depth[anc] = d
    if not total:
        return None
    holders = [el for el, w in weight.items() if w >= CONTAINER_TEXT_SHARE * total]
    return max(holders, key=lambda el: depth[el]) if holders else None


def block_positions(sources: list[HtmlElement | None], order: dict[HtmlElement, int]) -> list[int]:
    """A non-decreasing page position per block: unknown blocks take their predecessor's."""
    positions = []
    last = -1
    for el in sources:
        pos = order.get(el, -1) if el is not None else -1
        last = max(last, pos)
        positions.append(last)
    return positions


def merge_in_order(blocks: list[BodyBlock], positions: list[int],
                   items: list[tuple[int, BodyBlock]]) -> list[BodyBlock]:
    """Text blocks with figures/embeds inserted before the first block that follows them."""
    out: list[BodyBlock] = []
    pending = sorted(items, key=lambda item: item[0])
    i = 0
    for block, pos in zip(blocks, positions, strict=True):
        while i < len(pending) and pending[i][0] < pos:
            out.append(pending[i][1])
            i += 1
        out.append(block)
    out.extend(item for _, item in pending[i:])
    return out
