"""The page's lines as a reader sees them and the names of its author profile links: read once
from the tree by the clean stage (``tree_readings``), carried in its ``PageSignals`` for the
metadata stage's byline readers (``tasks.metadata.bylines``)."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote

from lxml import etree
from lxml.html import HtmlElement

from tasks.common.page_signals import PageReadings

# Elements that end a visible line (HTML's block elements, plus <br>).
BLOCK_TAGS = frozenset({
    "address", "article", "aside", "blockquote", "br", "dd", "details", "dialog", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul",
})
# Elements whose text a reader never sees as a line.
HIDDEN_TAGS = frozenset({"script", "style", "noscript", "template", "select", "option", "svg", "button", "textarea"})
# Headings are marked so that a title starting with "Von ..." is not read as a byline.
HEADING_MARK = "\x01"
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# What a block element opens its line with (a heading's line also with ``HEADING_MARK``).
LINE_OPENINGS = {tag: "\n" + HEADING_MARK if tag in _HEADINGS else "\n" for tag in BLOCK_TAGS}
# Path segments of author profile pages (WordPress /author/, Drupal and CMS /autor/, /profil/).
PROFILE_SEGMENTS = frozenset({
    "author", "authors", "autor", "autoren", "autorin", "auteur", "auteurs", "autore", "autori",
    "profil", "profile", "redakteur", "journalist", "journalists",
})
# Links whose href may hold one of PROFILE_SEGMENTS (a cheap filter, checked exactly after; one
# regex over each link's href: an XPath of six ``contains`` took twice as long).
_PROFILE_HREF = re.compile("|".join(("author", "autor", "auteur", "profil", "redakteur", "journalist")))
# Link texts longer than this are teasers, not names (the slug test already rejects most;
# corpus/meta scores the same from 20 to 120).
MAX_PROFILE_TEXT_CHARS = 60
# Slug tokens shorter than this are ids or initials and do not identify a name.
MIN_SLUG_TOKEN_CHARS = 2


def visible_lines(root: HtmlElement, rendering: str | None = None) -> list[str]:
    """The page's text as a reader sees it, one string per visible line (block or ``<br>``);
    lines of headings start with ``HEADING_MARK``. ``rendering``: the text ``_render`` gives for
    ``root``, when the caller's own walk has read it already."""
    if rendering is None:
        parts: list[str] = []
        _render(root, parts)
        rendering = "".join(parts)
    # Most lines of a rendering are blank (the newlines around nested blocks): skipped before
    # their whitespace is collapsed (a third of the function's time).
    lines = (" ".join(line.split()) for line in rendering.split("\n") if line and not line.isspace())
    return [line for line in lines if line.strip(HEADING_MARK)]


def _render(root: HtmlElement, parts: list[str]) -> None:
    """Append the text of ``root`` to ``parts`` with a newline around each block (lxml's
    ``iterwalk``: 30 % faster than a Python stack on corpus/meta, and no recursion limit)."""
    hidden = 0  # depth inside a hidden element or a comment
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag if isinstance(el.tag, str) else None
        invisible = tag is None or tag in HIDDEN_TAGS
        if event == "start":
            hidden += invisible
            if hidden:
                continue
            if tag in BLOCK_TAGS:
                parts.append("\n" + HEADING_MARK if tag in _HEADINGS else "\n")
            if el.text:
                parts.append(el.text)
            continue
        if invisible:
            hidden -= 1
        elif hidden:
            continue
        elif tag in BLOCK_TAGS:
            parts.append("\n")
        if not hidden and el is not root and el.tail:
            parts.append(el.tail)


def profile_link_names(root: HtmlElement) -> list[str]:
    """Texts of links to author profile pages whose path spells the link text (``/autor/jane-doe``
    for "Jane Doe"): the first such link and the ones beside it in the same block (several
    authors, each link maybe wrapped in its own ``<strong>`` or ``<span>``)."""
    first_parent = None
    out: list[str] = []
    for link in root.getroottree().iter("a"):
        if not _PROFILE_HREF.search(link.get("href") or ""):
            continue
        text = " ".join(link.text_content().split())
        if not text or len(text) > MAX_PROFILE_TEXT_CHARS or not _is_profile_of(link.get("href", ""), text):
            continue
        parent = _block_of(link)
        if first_parent is None:
            first_parent = parent
        elif parent is not first_parent:
            break
        if text not in out:
            out.append(text)
    return out


def _block_of(element: HtmlElement) -> HtmlElement | None:
    """The nearest block element around ``element`` (its line of text)."""
    parent = element.getparent()
    while parent is not None and parent.tag not in BLOCK_TAGS:
        parent = parent.getparent()
    return parent


# The scheme and host of a link, and its query and fragment: what is not its path. (Not
# urllib's urlsplit: it raises on the malformed hosts that real pages put in links.)
_NOT_PATH = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//[^/?#]*|[?#].*$", re.I | re.S)


def _path_of(href: str) -> str:
    return _NOT_PATH.sub("", href.strip())


def _is_profile_of(href: str, text: str) -> bool:
    segments = [s for s in unquote(_path_of(href)).lower().split("/") if s]
    marks = [i for i, s in enumerate(segments) if s in PROFILE_SEGMENTS]
    if not marks or marks[-1] == len(segments) - 1:
        return False
    slug = slug_tokens(segments[-1])
    return bool(slug) and slug <= slug_tokens(text)


# A slug names a page in this many hyphenated words or more; fewer is a section or an id.
MIN_SLUG_WORDS = 3
_SLUG_MARKS = re.compile(r"[-_+]+")
_FILE_ENDING = re.compile(r"\.[a-z]{2,5}$", re.I)
# German slugs spell umlauts out ("bornhoeft" for "Bornhöft"); others drop the accent.
_SPELLED_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def slug_tokens(text: str) -> set[str]:
    """The words of a URL slug or of a text, written as slugs write them (lowercase, accents
    dropped, umlauts also spelled out; no digits or single letters), for comparing the two."""
    lower = text.casefold()
    out: set[str] = set()
    for variant in (lower, lower.translate(_SPELLED_OUT)):
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", variant) if not unicodedata.combining(ch))
        out.update(t for t in re.split(r"[\W_]+", plain) if len(t) >= MIN_SLUG_TOKEN_CHARS and not t.isdigit())
    return out


def url_slug(url: str | None) -> str | None:
    """The last segment of the URL's path when it is a slug of several words ("how-to-x.html"),
    else None (an id, a section name, the root)."""
    segments = [s for s in unquote(_path_of(url or "")).split("/") if s]
    if not segments:
        return None
    words = [w for w in _SLUG_MARKS.split(_FILE_ENDING.sub("", segments[-1])) if w]
    return segments[-1] if len(words) >= MIN_SLUG_WORDS else None


def tree_readings(tree: HtmlElement, body_rendering: str | None = None) -> PageReadings:
    """The visible lines of the page's body (of the whole page when it has no ``<body>``) and
    the names of its author profile links, for the clean stage's signals (``body_rendering``:
    the body's rendered text, when the caller has read it: the page's only body, or None)."""
    body = tree.find("body")
    if body is None:
        return PageReadings(visible_lines(tree), profile_link_names(tree))
    return PageReadings(visible_lines(body, body_rendering), profile_link_names(tree))
