"""Main content of an HTML page as ordered body blocks.

The page is parsed once, its furniture (nav, share bars, players, teaser rails, consent
banners) pruned by the named patterns of ``tasks.patterns``, and the pruned tree handed to
trafilatura for the main text as XML. That XML becomes typed blocks; captions and widget
strings are filtered out; article images and embeds found in the DOM are merged back in page
order, limited to the element that holds the article's text.
"""

from __future__ import annotations

import logging

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement

from tasks.html import placement
from tasks.html.convert import body_candidates
from tasks.html.dom import parse_html, prune_furniture
from tasks.html.figures import FoundImage, find_images
from tasks.html.filters import caption_index, filter_blocks
from tasks.html.media import FoundMedia, find_dom_media, find_json_ld_media
from tasks.models import BodyBlock, Media
from tasks.options import StageOptions

# trafilatura logs every discarded page at WARNING; a short page is not our error.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def main_text_xml(root: HtmlElement, url: str | None) -> _Element | None:
    """trafilatura's main-text body (XML elements) for a pruned tree."""
    document = trafilatura.bare_extraction(
        root, url=url, include_comments=False, include_tables=True, include_images=False,
        include_formatting=True, include_links=True,
        # any format but "python": bare_extraction then skips serialising the text we don't use
        output_format="xml",
    )
    return document.body if document is not None else None


def _inside(el: HtmlElement, container: HtmlElement | None, ancestors: dict) -> bool:
    if container is None:
        return False
    chain = ancestors.get(el)
    return container in chain if chain is not None else any(a is container for a in el.iterancestors())


def place_extras(
    blocks: list[BodyBlock], root: HtmlElement, order: dict, images: list[FoundImage],
    media: list[FoundMedia], media_ancestors: dict,
) -> list[BodyBlock]:
    """Figures and embeds inside the article's container merged into the text in page order."""
    if not images and not media:
        return blocks
    sources = placement.source_elements(blocks, placement.key_index(root))
    container = placement.content_container(sources, blocks)
    positions = placement.block_positions(sources, order)
    items: list[tuple[int, BodyBlock]] = [
        (order.get(found.element, -1), found.figure)
        for found in images if _inside(found.element, container, {})
    ]
    items += [
        (order.get(found.element, -1), found.media)
        for found in media if found.element is not None and _inside(found.element, container, media_ancestors)
    ]
    return placement.merge_in_order(blocks, positions, items)


def extract_html_blocks(html: str, url: str | None, options: StageOptions) -> list[BodyBlock]:
    """The article's blocks (paragraphs, headings, figures, ...) from a whole HTML page."""
    root = parse_html(html)
    if root is None:
        return []
    dom_media = find_dom_media(root, url)
    # Positions are taken before pruning only when embeds need them (pruning removes iframes).
    order = placement.document_order(root) if dom_media else {}
    media_ancestors = {m.element: set(m.element.iterancestors()) for m in dom_media if m.element is not None}
    json_media = find_json_ld_media(root)
    prune_furniture(root)
    images = find_images(root, url)
    if images and not order:
        order = placement.document_order(root)
    body = main_text_xml(root, url)
    candidates = body_candidates(body) if body is not None else []
    captions = caption_index(
        text for found in images for text in (found.figure.caption, found.figure.credit) if text
    )
    blocks = filter_blocks(candidates, captions)
    blocks = place_extras(blocks, root, order, images, dom_media, media_ancestors)
    known = {b.url for b in blocks if isinstance(b, Media)}
    blocks += [m for m in json_media if m.url not in known]
    return blocks
