"""What an HTML page says about itself, read once from its tree by the clean stage.

``<meta>`` (OpenGraph, Twitter cards, Dublin Core, ``name=author`` ...), JSON-LD, the
``<title>`` and ``<h1>`` texts, ``<html lang>``, the canonical link, byline elements, the text
beside the headline, the dates the page marks up, and trafilatura's reading of the same tags.
The metadata stage chooses among them (``tasks.metadata``); nothing here decides.
"""

from __future__ import annotations

import contextlib
from typing import Any, NamedTuple

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.settings import Document

from tasks.common import jsonld
from tasks.common.visibility import for_screen_readers, hidden_by_markup
from tasks.models import DateCandidate, LibraryMeta, PageSignals

# Elements whose class, id, rel or itemprop says "this is the byline" (trafilatura's and
# readability's author selectors, reduced to the common shapes). Every class word but "byline"
# contains "author", so those tests run only on the few classes that do: libxml2 stops an
# ``and`` at its first false operand, and this halved the expression's time (same elements).
# Read on the attributes themselves: ``//*[@a=... or @b=...]`` tests every element in turn, the
# attribute axis visits only the elements that have the attribute, and the union keeps page
# order (1.2 against 1.7 ms a page on 150 wcxb pages, the same elements on each).
BYLINE_XPATH = XPath(
    "//@rel[.='author']/.. | //@itemprop[.='author']/.. | //@id[contains(.,'byline')]/.. | "
    "//@class[contains(.,'byline') or (contains(.,'author') and (contains(.,'author-name') or "
    "contains(.,'authorname') or contains(.,'article-author') or contains(.,'post-author') or "
    "contains(.,'entry-author') or contains(concat(' ', normalize-space(.), ' '), ' author ')))]/.."
)
# Longest byline element text worth reading: longer ones are author bios or whole boxes.
MAX_BYLINE_CHARS = 120
# Elements that hold the article's visible date: the body's <time>, or a class/itemprop naming a
# date (``DATE_CLASS_PARTS`` in the class, "date" in the itemprop). Read on the attributes, as
# ``BYLINE_XPATH``: a Python test of every element with a class or itemprop made a proxy for each
# (1.3 against 1.7 ms a page on 150 wcxb pages, the same elements on each).
DATE_CLASS_PARTS = ("date", "Date", "time", "published")
_DATED_ELEMENTS = XPath(
    "//body/descendant::time | //body/descendant::*/@itemprop[contains(., 'date')]/.. | "
    "//body/descendant::*/@class[" + " or ".join(f"contains(., '{part}')" for part in DATE_CLASS_PARTS) + "]/.."
)
# A dated element with more text than this is a block (an article teaser), not a date line.
MAX_DATED_CHARS = 80
# Text nodes read on each side of the headline for its dateline: the date line sits at most a
# kicker, a byline or a label away (on corpus/meta, among pages declaring no date, the first date
# within 3 nodes after, then 3 before, the first <h1> matches the annotation wherever it exists;
# 1 or 2 nodes find 2 fewer right dates, 4 to 6 the same).
HEADLINE_NEIGHBOURS = 3
_AFTER_HEADLINE = f"following::text()[normalize-space()][position() <= {HEADLINE_NEIGHBOURS}]"
_BEFORE_HEADLINE = f"preceding::text()[normalize-space()][position() <= {HEADLINE_NEIGHBOURS}]"
# The links of the page's navigation (``<nav>``, ARIA's navigation role): the names of the site's
# sections and categories, a category page's <h1> among them. Its header and its elements classed
# "menu" find the same titles on both corpora.
_MENU_LINKS = XPath("//nav//a | //*[@role='navigation']//a")
# JSON-LD keys the metadata stage never reads that can be large: the article's text, and the
# ``@graph`` and main entity whose members are listed as objects of their own.
_UNREAD_KEYS = frozenset({"articleBody", "@graph", "text", "reviewBody"})
# Visible lines travel cut at this length: the readings of lines look at short ones only (bylines
# up to 80 characters, site names up to 7 words); a longer one is prose, kept as a line for order.
LINE_CHARS = 100
# Invisible characters that split words in page text: soft hyphen, zero-width space/joiners, BOM.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE_CHARS))


class PageReadings(NamedTuple):
    """What the metadata stage's own readers find in the tree, for the signals to carry."""

    lines: list[str]
    profile_names: list[str]


def clean_space(text: str | None) -> str:
    """Whitespace collapsed to single spaces, invisible characters dropped."""
    return " ".join((text or "").translate(_INVISIBLE).split())


# Elements inside a heading whose text is not printed: code and style, a button's label ("Copy
# item path"), a drawing's name (an SVG logo's <title>).
_NOT_TEXT = frozenset({"script", "style", "noscript", "template", "button", "svg"})


def heading_text(element: HtmlElement) -> str:
    """A heading's text as printed: a ``<br>`` parts words ("Legacy<br>of"); the CSS or script
    some sites put inside it, its controls, its drawings and what it hides or keeps for screen
    readers ("Collection:" before a collection's name) are not text."""
    out = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            out.append(" " if child.tag == "br" else "" if _unprinted(child) else heading_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _unprinted(element: HtmlElement) -> bool:
    return element.tag in _NOT_TEXT or hidden_by_markup(element) or for_screen_readers(element)


def read_page_signals(
    tree: HtmlElement, url: str | None, readings: PageReadings, documents: list[Any] | None = None
) -> PageSignals:
    """Every signal of the page, in one pass over a few XPaths, with the ``readings`` of the
    metadata stage's own functions (``documents``: its JSON-LD scripts, when the caller has
    parsed them already)."""
    objects = jsonld.flatten(jsonld.read_scripts(tree) if documents is None else documents)
    article = jsonld.find_article(objects)
    titles = tree.xpath("//head/title/text()|//title/text()")
    canon = tree.xpath("//link[@rel='canonical']/@href")
    rel_tags, rel_categories = _rel_links(tree)
    after, before = _headline_neighbours(tree)
    doc = _library_reading(tree, url)
    headings = [(h, clean_space(heading_text(h))) for h in tree.xpath("//h1")]
    h1 = [text for _, text in headings if text]
    return PageSignals(
        meta=_read_meta(tree),
        json_ld=[_compact(o) for o in objects],
        article=next((i for i, o in enumerate(objects) if o is article), None),
        title_tag=clean_space(titles[0]) if titles else None,
        h1=h1,
        article_h1=[text for heading, text in headings if text and _in_article(heading)],
        menu_h1=_menu_h1(tree, h1),
        lang=tree.get("lang") or tree.get("xml:lang") or _body_lang(tree),
        canonical=canon[0].strip() if canon else None,
        rel_tags=rel_tags,
        rel_categories=rel_categories,
        bylines=_bylines(tree),
        after_headline=after,
        before_headline=before,
        dates=_dates(tree),
        lines=[line[:LINE_CHARS] for line in readings.lines],
        profile_names=readings.profile_names,
        library=LibraryMeta(
            title=doc.title, author=doc.author, url=doc.url, sitename=doc.sitename,
            description=doc.description, categories=list(doc.categories or []), tags=list(doc.tags or []),
        ),
        lead_image=doc.image,
    )


def _in_article(element: HtmlElement) -> bool:
    return next(element.iterancestors("article"), None) is not None


def _menu_h1(tree: HtmlElement, h1: list[str]) -> list[str]:
    """The ``<h1>`` texts that a link of the page's menus also prints: the name the site gives
    the page's section or category."""
    if not h1:
        return []
    linked = {clean_space(link.text_content()).casefold() for link in _MENU_LINKS(tree)}
    return [text for text in h1 if text.casefold() in linked]


def _compact(obj: jsonld.JsonObject) -> jsonld.JsonObject:
    """The object without the values no later stage reads (it travels between stages)."""
    return {k: v for k, v in obj.items() if k not in _UNREAD_KEYS and not (k == "mainEntity" and isinstance(v, dict))}


def _read_meta(tree: HtmlElement) -> dict[str, list[str]]:
    meta: dict[str, list[str]] = {}
    for el in tree.xpath("//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "")
        value = el.get("content")
        if key and value is not None:
            meta.setdefault(key.strip().lower(), []).append(clean_space(value))
    return meta


def _body_lang(tree: HtmlElement) -> str | None:
    body = tree.find("body")
    return body.get("lang") if body is not None else None


def _bylines(tree: HtmlElement) -> list[str]:
    out: list[str] = []
    for el in BYLINE_XPATH(tree):
        if el.tag in ("meta", "link", "script", "style", "body", "html"):
            continue
        text = clean_space(el.text_content()) or _microdata_name(el)
        if text and len(text) <= MAX_BYLINE_CHARS and text not in out:
            out.append(text)
    return out


def _microdata_name(element: HtmlElement) -> str:
    """The name a schema.org ``itemprop=author`` element gives in a nested ``<meta itemprop=name>``
    when it prints no text (forum engines mark their posters so)."""
    if element.get("itemprop") != "author":
        return ""
    names = element.xpath(".//meta[@itemprop='name']/@content")
    return clean_space(names[0]) if names else ""


def _rel_links(tree: HtmlElement) -> tuple[list[str], list[str]]:
    """Texts of ``rel="tag"`` links and of ``rel="category"`` links (WordPress and friends)."""
    tags: list[str] = []
    categories: list[str] = []
    for link in tree.xpath("//a[@rel]"):
        rel = link.get("rel", "").lower().split()
        text = clean_space(link.text_content()).lstrip("#")
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        target = categories if "category" in rel else tags if "tag" in rel else None
        if target is not None and text not in target:
            target.append(text)
    return tags, categories


def _dates(tree: HtmlElement) -> list[DateCandidate]:
    """``<time datetime>`` values, then the texts of short elements marked as dates, in page
    order (their ``datetime`` or ``content`` attribute when they have one)."""
    stamps = [t.strip() for t in tree.xpath("//time/@datetime") if t.strip()]
    found = [DateCandidate(text=t, found_in="time") for t in stamps]
    seen: set[str] = set()
    for el in _dated_elements(tree):
        if el.tag in ("body", "html", "script", "style"):
            continue
        visible = clean_space(el.text_content())
        text = clean_space(el.get("datetime") or el.get("content")) or visible
        if text and len(text) <= MAX_DATED_CHARS and text not in seen:
            seen.add(text)
            found.append(DateCandidate(text=text, found_in="element"))
    return found


def _dated_elements(tree: HtmlElement) -> list[HtmlElement]:
    """The body's ``<time>`` elements and those whose class or itemprop names a date, in page order."""
    return list(_DATED_ELEMENTS(tree))


def _headline_neighbours(tree: HtmlElement) -> tuple[list[str], list[str]]:
    """The short text nodes right after and right before the page's first ``<h1>``, nearest first."""
    body = tree.find("body")
    headline = next((body if body is not None else tree).iter("h1"), None)
    if headline is None:
        return [], []
    return _short_texts(headline.xpath(_AFTER_HEADLINE)), _short_texts(headline.xpath(_BEFORE_HEADLINE)[::-1])


def _short_texts(nodes: list[Any]) -> list[str]:
    """The nodes' texts that are short enough for a dateline; the text of a ``<time datetime>`` as
    its machine-readable stamp, which is unambiguous where "03/01/2017" is not."""
    out = []
    for node in nodes:
        parent = node.getparent()
        text = clean_space(str(node))
        if parent is not None and parent.tag == "time" and parent.get("datetime") and node.is_text:
            text = clean_space(parent.get("datetime"))
        if (parent is None or parent.tag not in ("script", "style")) and len(text) <= MAX_DATED_CHARS:
            out.append(text)
    return out


def _library_reading(tree: HtmlElement, url: str | None) -> Document:
    """trafilatura's metadata of the page without the date (its own order of sources)."""
    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:
        doc.author = None
    with contextlib.suppress(Exception):  # trafilatura's own guard: its JSON-LD reader has known bugs
        doc = extract_meta_json(tree, doc)
    doc.title = doc.title or extract_title(tree)
    doc.url = doc.url or extract_url(tree, url)
    doc.sitename = doc.sitename or extract_sitename(tree)
    if doc.sitename:
        doc.sitename = doc.sitename.lstrip("@")
        if "." not in doc.sitename and not doc.sitename[:1].isupper():
            doc.sitename = doc.sitename.title()
    elif doc.url:
        match = META_URL.match(doc.url)
        doc.sitename = match[1] if match else None
    doc.clean_and_trim()
    return doc
