"""What an HTML page declares about itself, read once from its tree.

``<meta>`` (OpenGraph, Twitter cards, Dublin Core, ``name=author`` ...), JSON-LD, the
``<title>`` and ``<h1>`` texts, ``<html lang>``, the canonical link and visible bylines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml.html import HtmlElement

from tasks.common import datetext
from tasks.metadata import bylines, jsonld

# Elements whose class, id, rel or itemprop says "this is the byline" (trafilatura's and
# readability's author selectors, reduced to the common shapes).
BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'byline') or "
    "contains(@class,'author-name') or contains(@class,'authorname') or "
    "contains(@class,'article-author') or contains(@class,'post-author') or "
    "contains(@class,'entry-author') or contains(@id,'byline') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' author ')]"
)
# A short visible line that is a byline: "By Jane Doe", "von Jane Doe", "Autor: Jane Doe".
VISIBLE_BYLINE = re.compile(
    r"^(?i:by|von|par|por|door|av|autor(?:in)?\s*:|author\s*:|text\s*:|written by)\s+"
    r"((?:[A-ZÀ-ÖØ-Þ][\w.'’-]*\s+){0,3}[A-ZÀ-ÖØ-Þ][\w'’-]+)\s*[,.|]?$",
)
# Text nodes longer than this are prose, never a byline line.
MAX_VISIBLE_BYLINE_CHARS = 60
# Longest byline element text worth reading: longer ones are author bios or whole boxes.
MAX_BYLINE_CHARS = 120
# Twitter card label/data pairs a page may carry (Yoast writes two, other plugins up to four).
MAX_CARD_LABELS = 4
# Card labels that introduce the author: Yoast SEO's "Written by" in its translations.
WRITTEN_BY_LABELS = frozenset({
    "written by", "verfasst von", "geschrieben von", "écrit par", "escrito por", "scritto da",
    "geschreven door", "skrevet af", "skrivet av", "skrevet av", "napisane przez", "napsal",
    "autor", "author", "auteur",
})


@dataclass
class PageSignals:
    """The page's self-description, before any choice between conflicting sources."""

    meta: dict[str, list[str]] = field(default_factory=dict)
    objects: list[jsonld.JsonObject] = field(default_factory=list)
    article: jsonld.JsonObject | None = None
    title_tag: str | None = None
    h1: list[str] = field(default_factory=list)
    lang: str | None = None
    canonical: str | None = None
    rel_tags: list[str] = field(default_factory=list)
    rel_categories: list[str] = field(default_factory=list)
    tree: HtmlElement | None = None

    @cached_property
    def bylines(self) -> list[str]:
        """Texts of elements marked as bylines (read only when no author is declared)."""
        return _bylines(self.tree) if self.tree is not None else []

    @cached_property
    def lines(self) -> list[str]:
        """The body's visible lines (for labelled bylines)."""
        if self.tree is None:
            return []
        body = self.tree.find("body")
        return bylines.visible_lines(body if body is not None else self.tree)

    @cached_property
    def labelled_bylines(self) -> list[str]:
        """Byline strings after a label ("Autor: Jane Doe", "Written by" / "Jane Doe"), in page order."""
        return bylines.labelled_bylines(self.lines)

    @cached_property
    def profile_names(self) -> list[str]:
        """Texts of links to the author's profile page (``/author/jane-doe``)."""
        return bylines.profile_link_names(self.tree) if self.tree is not None else []

    @property
    def card_writers(self) -> list[str]:
        """The "Written by" value of the page's Twitter card labels (``twitter:label1`` /
        ``twitter:data1``, as Yoast SEO writes them in the site's language)."""
        out = []
        for index in range(1, MAX_CARD_LABELS + 1):
            label = (self.first(f"twitter:label{index}") or "").casefold().rstrip(" :")
            value = self.first(f"twitter:data{index}")
            if value and label in WRITTEN_BY_LABELS:
                out.append(value)
        return out

    @cached_property
    def time_stamps(self) -> list[str]:
        """``datetime`` attributes of the page's ``<time>`` elements."""
        if self.tree is None:
            return []
        return [t.strip() for t in self.tree.xpath("//time/@datetime") if t.strip()]

    @cached_property
    def body_text(self) -> str:
        """The visible text of the page body (for dates written only in prose)."""
        if self.tree is None:
            return ""
        body = self.tree.find("body")
        return clean_space((body if body is not None else self.tree).text_content())

    @cached_property
    def dated_elements(self) -> list[str]:
        """Texts of short elements marked as dates (``<time>``, ``class="date"``), in page order
        (their ``datetime`` or ``content`` attribute when they have one)."""
        return _dated_elements(self.tree) if self.tree is not None else []

    @cached_property
    def headline_dates(self) -> list[str]:
        """Dates (ISO) of the short lines right after, then right before, the page's first ``<h1>``:
        the dateline that news pages and blogs print beside the headline."""
        return _headline_dates(self.tree) if self.tree is not None else []

    @cached_property
    def visible_bylines(self) -> list[str]:
        """Names from short "By Jane Doe" lines of the page (the last resort, and the costliest)."""
        return _visible_bylines(self.tree) if self.tree is not None else []

    def first(self, *keys: str) -> str | None:
        """The first non-empty ``<meta>`` value among ``keys`` (lowercased names/properties)."""
        for key in keys:
            for value in self.meta.get(key, ()):
                if value:
                    return value
        return None

    def all(self, *keys: str) -> list[str]:
        """Every non-empty ``<meta>`` value of the ``keys``, in order."""
        return [v for key in keys for v in self.meta.get(key, ()) if v]

    def ld(self, key: str) -> object:
        """A field of the declared article object (None when the page declares none)."""
        return self.article.get(key) if self.article else None


# Elements inside a heading whose text is not printed.
_NOT_TEXT = frozenset({"script", "style", "noscript", "template"})
# Invisible characters that split words in page text: soft hyphen, zero-width space/joiners, BOM.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def clean_space(text: str | None) -> str:
    """Whitespace collapsed to single spaces, invisible characters dropped."""
    return " ".join((text or "").translate(_INVISIBLE).split())


def heading_text(element: HtmlElement) -> str:
    """A heading's text as printed: a ``<br>`` parts words ("Legacy<br>of"), and the CSS or
    script some sites put inside it is not text."""
    out = [element.text or ""] if element.tag not in _NOT_TEXT else []
    for child in element:
        if isinstance(child.tag, str):
            out.append(" " if child.tag == "br" else heading_text(child))
        out.append(child.tail or "")
    return "".join(out)


def read_signals(tree: HtmlElement) -> PageSignals:
    """Collect every declared signal of the page in one pass over a few XPaths."""
    signals = PageSignals()
    _read_meta(tree, signals)
    scripts = [s.text or "" for s in tree.xpath("//script[contains(@type,'ld+json')]")]
    signals.objects = jsonld.parse_blocks(scripts)
    signals.article = jsonld.find_article(signals.objects)
    titles = tree.xpath("//head/title/text()|//title/text()")
    signals.title_tag = clean_space(titles[0]) if titles else None
    signals.h1 = [t for t in (clean_space(heading_text(h)) for h in tree.xpath("//h1")) if t]
    signals.lang = tree.get("lang") or tree.get("xml:lang") or _body_lang(tree)
    canon = tree.xpath("//link[@rel='canonical']/@href")
    signals.canonical = canon[0].strip() if canon else None
    signals.rel_tags, signals.rel_categories = _rel_links(tree)
    signals.tree = tree
    return signals


def _read_meta(tree: HtmlElement, signals: PageSignals) -> None:
    for el in tree.xpath("//meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "")
        value = el.get("content")
        if key and value is not None:
            signals.meta.setdefault(key.strip().lower(), []).append(clean_space(value))


def _body_lang(tree: HtmlElement) -> str | None:
    body = tree.find("body")
    return body.get("lang") if body is not None else None


def _bylines(tree: HtmlElement) -> list[str]:
    out: list[str] = []
    for el in tree.xpath(BYLINE_XPATH):
        if el.tag in ("meta", "link", "script", "style", "body", "html"):
            continue
        text = clean_space(el.text_content())
        if text and len(text) <= MAX_BYLINE_CHARS and text not in out:
            out.append(text)
    return out


def _visible_bylines(tree: HtmlElement) -> list[str]:
    """Names from short body lines written as bylines (for pages that declare no author)."""
    out: list[str] = []
    # `/descendant::`, not `//`: libxml2 runs `//body//text()[...]` quadratically on wide pages
    # (149 s against 0.15 s on 28k sibling paragraphs).
    short_text = f"//body/descendant::text()[string-length(normalize-space()) < {MAX_VISIBLE_BYLINE_CHARS}]"
    for node in tree.xpath(short_text):
        parent = node.getparent()
        if parent is None or parent.tag in ("script", "style", "title", "option", "a"):
            continue
        text = clean_space(str(node))
        match = VISIBLE_BYLINE.match(text) if text[:1].lower() in "bvpdat" else None
        if match and match[1] not in out:
            out.append(match[1])
    return out


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


# Elements that hold the article's visible date: <time>, or a class/itemprop naming a date.
DATED_XPATH = (
    "//body//time|//body//*[contains(@class,'date') or contains(@class,'Date') or "
    "contains(@class,'time') or contains(@class,'published') or contains(@itemprop,'date')]"
)
# A dated element with more text than this is a block (an article teaser), not a date line.
MAX_DATED_CHARS = 80


def _dated_elements(tree: HtmlElement) -> list[str]:
    out: list[str] = []
    for el in tree.xpath(DATED_XPATH):
        if el.tag in ("body", "html", "script", "style"):
            continue
        visible = clean_space(el.text_content())
        text = clean_space(el.get("datetime") or el.get("content")) or visible
        if text and len(text) <= MAX_DATED_CHARS and text not in out:
            out.append(text)
    return out


# Text nodes read on each side of the headline for its dateline: the date line sits at most a
# kicker, a byline or a label away (on corpus/meta, among pages declaring no date, the first date
# within 3 nodes after, then 3 before, the first <h1> matches the annotation wherever it exists;
# 1 or 2 nodes find 2 fewer right dates, 4 to 6 the same).
HEADLINE_NEIGHBOURS = 3
_AFTER_HEADLINE = f"following::text()[normalize-space()][position() <= {HEADLINE_NEIGHBOURS}]"
_BEFORE_HEADLINE = f"preceding::text()[normalize-space()][position() <= {HEADLINE_NEIGHBOURS}]"


def _headline_dates(tree: HtmlElement) -> list[str]:
    body = tree.find("body")
    headline = next((body if body is not None else tree).iter("h1"), None)
    if headline is None:
        return []
    out: list[str] = []
    for node in headline.xpath(_AFTER_HEADLINE) + headline.xpath(_BEFORE_HEADLINE)[::-1]:
        parent = node.getparent()
        text = clean_space(str(node))
        if (parent is not None and parent.tag in ("script", "style")) or len(text) > MAX_DATED_CHARS:
            continue
        if datetext.is_page_clock(text):
            continue
        out.extend(iso for iso in map(datetext.to_iso, datetext.find_dates(text)) if iso)
    return out
