"""Main content of an HTML page as ordered body blocks.

The page is parsed once, its furniture (nav, share bars, players, teaser rails, consent
banners) pruned by the named patterns of ``tasks.clean.html.patterns``, and the pruned tree handed to
trafilatura for the main text as XML. That XML becomes typed blocks; captions and widget
strings are filtered out; article images and embeds found in the DOM are merged back in page
order, limited to the element that holds the article's text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.settings import Document, Extractor

from tasks.clean.features.census import take_census
from tasks.clean.features.page import page_row
from tasks.clean.features.page_kind import page_kind_row
from tasks.clean.features.page_words import page_tokens
from tasks.clean.features.segment import DomBlock, segment
from tasks.clean.html import placement
from tasks.clean.html.convert import body_candidates
from tasks.clean.html.dom import (
    drop_media_markup,
    normalize_space,
    page_titles,
    prune_furniture,
    prune_link_lists,
    unwrap_swallowing_buttons,
)
from tasks.clean.html.figures import FoundImage, find_images
from tasks.clean.html.filters import caption_index, filter_blocks
from tasks.clean.html.media import FoundMedia, find_dom_media, find_json_ld_media
from tasks.common import jsonld
from tasks.common.blocks import render_text
from tasks.common.html_parse import parse_html
from tasks.common.page_lines import tree_readings
from tasks.common.page_signals import read_page_signals
from tasks.common.trafilatura_xpaths import faster_xpaths
from tasks.models import BodyBlock, Media, PageSignals, Paragraph
from tasks.options import StageOptions

# One extraction settings object for every page: trafilatura builds one per call from its
# config file otherwise (~1 ms a page). It only reads it (a recall retry works on a copy).
# Links are kept so layout-table cells can be judged by link density; formatting so bold-only
# paragraphs can become sub-heads; any format but "python" skips serialising text we don't use.
# Not ``fast``: skipping its readability/jusText comparison cost 0.03 F1 on dev, and a
# fast-first pass re-run when its text disagreed with the page's <p> mass saved no time.
_EXTRACTOR = Extractor(
    output_format="xml", comments=False, tables=True, images=False, formatting=True, links=True,
)


# The JSON-LD articleBody replaces the extraction only when it is a real article (a few
# paragraphs, 500 characters) and the extraction found less than half of it. A safety net for
# script-rendered pages: on dev it never fires (0.9626 F1 with or without it).
MIN_JSON_LD_BODY_CHARS = 500
JSON_LD_BODY_SHARE = 0.5


def main_text_xml(root: HtmlElement) -> _Element | None:
    """trafilatura's main-text body (XML elements) for a pruned tree."""
    with faster_xpaths():
        document = trafilatura.bare_extraction(root, options=_EXTRACTOR)
    return document.body if isinstance(document, Document) else None


@dataclass
class Extras:
    """Figures and embeds found in the page, with what placing them needs once the tree is
    pruned: document positions and ancestor chains taken before pruning detached them."""

    images: list[FoundImage]
    media: list[FoundMedia]
    json_media: list[Media]
    json_body: list[str] = field(default_factory=list)
    order: dict[HtmlElement, int] = field(default_factory=dict)
    ancestors: dict[HtmlElement, set[HtmlElement]] = field(default_factory=dict)

    def remember_ancestors(self, elements: Iterable[HtmlElement | None]) -> None:
        """Record the ancestor chain of each element while it is still in the tree."""
        for el in elements:
            if el is not None:
                self.ancestors[el] = set(el.iterancestors())

    def inside(self, el: HtmlElement | None, container: HtmlElement | None) -> bool:
        """True when the element sat inside the container."""
        return el is not None and container is not None and container in self.ancestors.get(el, ())


# Types whose ``articleBody`` is the article's text.
_BODY_TYPES = frozenset({"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                         "BlogPosting", "Report", "OpinionNewsArticle", "LiveBlogPosting"})


def article_body(documents: list[Any]) -> list[str]:
    """The paragraphs of the longest ``articleBody`` of an article object, [] when none."""
    best = ""
    for obj in jsonld.walk(documents):
        kind = obj.get("@type")
        kinds = {k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
        body = obj.get("articleBody")
        if kinds & _BODY_TYPES and isinstance(body, str) and len(body) > len(best):
            best = body
    return [p for p in (normalize_space(line) for line in best.splitlines()) if p]


def collect_media(root: HtmlElement, url: str | None, documents: list[Any]) -> Extras:
    """Embeds and JSON-LD media of the whole page, and page positions, before pruning
    removes the iframes and players."""
    extras = Extras([], find_dom_media(root, url), find_json_ld_media(documents), article_body(documents))
    extras.order = placement.document_order(root)
    extras.remember_ancestors(m.element for m in extras.media)
    return extras


def place_extras(blocks: list[BodyBlock], root: HtmlElement, extras: Extras) -> list[BodyBlock]:
    """Figures and embeds inside the article's container merged into the text in page order;
    JSON-LD media not already embedded are appended."""
    if extras.images or extras.media:
        sources = placement.source_elements(blocks, placement.key_index(root))
        container = placement.content_container(sources, blocks)
        positions = placement.block_positions(sources, extras.order)
        found: list[FoundImage | FoundMedia] = [*extras.images, *extras.media]
        items = [
            (extras.order.get(f.element, -1), f.figure if isinstance(f, FoundImage) else f.media)
            for f in found if extras.inside(f.element, container)
        ]
        blocks = placement.merge_in_order(blocks, positions, items)  # type: ignore[arg-type]
    known = {b.url for b in blocks if isinstance(b, Media)}
    return blocks + [m for m in extras.json_media if m.url not in known]


@dataclass
class ExtractedPage:
    """What the rule-based path saw and kept, for the learned path to build on: the page's
    text blocks (cut before pruning), which of them the pruning removed, the title candidates,
    and the rule-based blocks."""

    root: HtmlElement
    dom_blocks: list[DomBlock]
    pruned: list[bool]
    titles: list[str]
    blocks: list[BodyBlock]
    page_features: np.ndarray
    page_kind: np.ndarray
    page_tokens: list[str]
    signals: PageSignals


@dataclass(frozen=True)
class PageReading:
    """What the models read of the whole page before any pruning: its DOM blocks, its page and
    kind feature rows and its naming words; and the body's rendered text the census walk read
    for the page's visible lines (``Census.body_rendering``)."""

    dom_blocks: list[DomBlock]
    page_features: np.ndarray
    page_kind: np.ndarray
    page_tokens: list[str]
    body_rendering: str | None


def parse_page(html: str) -> HtmlElement | None:
    """The page's tree as the clean stage reads it: parsed, and the menu buttons that swallow the
    page unwrapped (training and the benchmarks read it so too, or they see other inputs)."""
    root = parse_html(html)
    if root is not None:
        unwrap_swallowing_buttons(root)
    return root


def read_page(root: HtmlElement, url: str | None) -> PageReading:
    """The models' inputs of an unpruned page (the page-type classifier needs nothing else)."""
    # The census first: its word counts hold every element's lxml proxy, which the walks after it
    # (the segmenter's above all) then reuse rather than build anew.
    census = take_census(root)
    dom_blocks = segment(root)
    return PageReading(dom_blocks, page_row(root, url, dom_blocks, census), page_kind_row(root, census, url),
                       page_tokens(root, url), census.body_rendering)


# What a caller reads of the whole page once its signals are read, before anything is pruned:
# given the tree, its signals and the models' inputs, the signals to pass on (the clean stage adds
# the metadata stage's tree readings to them).
ReadAhead = Callable[[HtmlElement, PageSignals, PageReading], PageSignals]


def extract_page(
    html: str, url: str | None, options: StageOptions, read_ahead: ReadAhead | None = None
) -> ExtractedPage | None:
    """The rule-based extraction of a whole HTML page, with the page's DOM blocks beside it."""
    root = parse_page(html)
    if root is None:
        return None
    reading = read_page(root, url)
    dom_blocks = reading.dom_blocks
    documents = jsonld.read_scripts(root)
    extras = collect_media(root, url, documents)
    # The tree is as read_page saw it: nothing before the pruning changes it.
    signals = read_page_signals(root, url, tree_readings(root, reading.body_rendering), documents)
    if read_ahead is not None:
        signals = read_ahead(root, signals, reading)
    titles = page_titles(root)
    prune_furniture(root)
    prune_link_lists(root)
    pruned = [b.element.getroottree().getroot() is not root for b in dom_blocks]
    # Images are looked for once the furniture is gone (galleries, avatars and teaser
    # thumbnails with it) but before their markup and <noscript> copies are dropped.
    extras.images = find_images(root, url)
    extras.remember_ancestors(f.element for f in extras.images)
    drop_media_markup(root)
    body = main_text_xml(root)
    candidates = body_candidates(body) if body is not None else []
    captions = caption_index(
        text for f in extras.images for text in (f.figure.caption, f.figure.credit) if text
    )
    blocks = filter_blocks(candidates, captions, titles)
    blocks = place_extras(prefer_json_ld_body(blocks, extras.json_body), root, extras)
    return ExtractedPage(root, dom_blocks, pruned, titles, blocks, reading.page_features, reading.page_kind,
                         reading.page_tokens, signals)


def extract_html_blocks(html: str, url: str | None, options: StageOptions) -> list[BodyBlock]:
    """The article's blocks (paragraphs, headings, figures, ...) from a whole HTML page."""
    page = extract_page(html, url, options)
    return page.blocks if page is not None else []


def prefer_json_ld_body(blocks: list[BodyBlock], json_body: list[str]) -> list[BodyBlock]:
    """The page's JSON-LD ``articleBody`` as paragraphs when the extraction found much less
    text than it (a page whose text is rendered by script, or an extraction that failed)."""
    json_chars = sum(map(len, json_body))
    if json_chars < MIN_JSON_LD_BODY_CHARS:
        return blocks
    if len(render_text(blocks)) >= JSON_LD_BODY_SHARE * json_chars:
        return blocks
    return [Paragraph(text=text) for text in json_body]
