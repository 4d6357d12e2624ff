"""What an HTML page declares about itself: the clean stage's ``PageSignals``, and the page's
tree, parsed again only for the readings that need more than the signals carry.

The tree is needed, lazily, for "By Jane Doe" text nodes, the body's prose dates, and
trafilatura's and htmldate's searches.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property

from lxml.etree import XPath
from lxml.html import HtmlElement

from tasks.common import bylinetext, datetext, jsonld
from tasks.common.page_signals import clean_space
from tasks.metadata import bylines
from tasks.models import PageSignals

# Text nodes longer than this are prose, never a byline line.
MAX_VISIBLE_BYLINE_CHARS = 60
# Twitter card label/data pairs a page may carry (Yoast writes two, other plugins up to four).
MAX_CARD_LABELS = 4


class PageView:
    """The page's signals, with the readings that need its tree computed on first use (the tree
    is parsed then, at most once: ``parse`` is called with nothing else)."""

    def __init__(self, signals: PageSignals, parse: Callable[[], HtmlElement | None]) -> None:
        self.signals = signals
        self._parse = parse
        self.meta = signals.meta
        self.objects: list[jsonld.JsonObject] = signals.json_ld
        self.article = signals.json_ld[signals.article] if signals.article is not None else None
        self.title_tag = signals.title_tag
        self.h1 = signals.h1
        self.lang = signals.lang
        self.canonical = signals.canonical
        self.rel_tags = signals.rel_tags
        self.rel_categories = signals.rel_categories
        self.bylines = signals.bylines
        self.lines = signals.lines
        self.profile_names = signals.profile_names
        self.time_stamps = [d.text for d in signals.dates if d.found_in == "time"]
        self.dated_elements = [d.text for d in signals.dates if d.found_in == "element"]

    @cached_property
    def tree(self) -> HtmlElement | None:
        """The page's tree, parsed on first use."""
        return self._parse()

    @cached_property
    def forum_poster(self) -> list[str]:
        """The first post's poster on a forum page ("jane_doe" / "Member" / "Posts: 2")."""
        return bylines.forum_poster(self.lines)

    def header_names(self, headline: str | None) -> list[str]:
        """A name printed without a label in the header around the headline (the chosen title,
        else the first ``<h1>``)."""
        return bylines.header_names(self.lines, [headline, *self.h1] if headline else self.h1)

    def header_bylines(self, headline: str | None) -> list[str]:
        """The labelled bylines of the header around the headline (the chosen title, else the
        first ``<h1>``)."""
        return bylines.header_bylines(self.lines, [headline, *self.h1] if headline else self.h1)

    @property
    def card_writers(self) -> list[str]:
        """The "Written by" value of the page's Twitter card labels (``twitter:label1`` /
        ``twitter:data1``, as Yoast SEO writes them in the site's language)."""
        out = []
        for index in range(1, MAX_CARD_LABELS + 1):
            label = (self.first(f"twitter:label{index}") or "").casefold().rstrip(" :")
            value = self.first(f"twitter:data{index}")
            if value and label in bylinetext.WRITTEN_BY_LABELS:
                out.append(value)
        return out

    @cached_property
    def body_text(self) -> str:
        """The visible text of the page body (for dates written only in prose)."""
        if self.tree is None:
            return ""
        body = self.tree.find("body")
        return clean_space((body if body is not None else self.tree).text_content())

    @cached_property
    def headline_dates(self) -> list[str]:
        """Dates (ISO) of the short lines right after, then right before, the page's first ``<h1>``:
        the dateline that news pages and blogs print beside the headline. A date labelled as an
        update ("Updated November 11, 2022", "Last updated:" / "Dec 4, 2025") is not among them:
        see ``headline_updates``."""
        return self._headline_dates(updated=False)

    @cached_property
    def headline_updates(self) -> list[str]:
        """The dates beside the headline that a label marks as an update, in the same order."""
        return self._headline_dates(updated=True)

    def _headline_dates(self, *, updated: bool) -> list[str]:
        after = _update_labelled(self.signals.after_headline)
        before = _update_labelled(self.signals.before_headline[::-1])[::-1]
        return [iso for text, is_update in [*after, *before] if is_update == updated
                and not datetext.is_page_clock(text)
                for iso in map(datetext.to_iso, datetext.find_dates(text)) if iso]

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


# `/descendant::`, not `//`: libxml2 runs `//body//text()[...]` quadratically on wide pages
# (149 s against 0.15 s on 28k sibling paragraphs).
_SHORT_TEXT = f"//body/descendant::text()[string-length(normalize-space()) < {MAX_VISIBLE_BYLINE_CHARS}]"
_SHORT_TEXT_NODES = XPath(_SHORT_TEXT)
# The same texts as plain strings: lxml's "smart" ones each keep a link to their node, which made
# the search 2.9x slower (2.0 against 0.7 ms a page on 307 corpus pages); 19 of those pages hold
# a text shaped as a byline, and only they are searched again for the texts' parents.
_SHORT_TEXTS = XPath(_SHORT_TEXT, smart_strings=False)


def _visible_bylines(tree: HtmlElement) -> list[str]:
    """Names from short body lines written as bylines (for pages that declare no author)."""
    if not any(_byline_shaped(clean_space(text)) for text in _SHORT_TEXTS(tree)):
        return []
    out: list[str] = []
    for node in _SHORT_TEXT_NODES(tree):
        text = clean_space(str(node))
        if not _byline_shaped(text):
            continue
        parent = node.getparent()
        if parent is None or parent.tag in ("script", "style", "title", "option", "a"):
            continue
        match = bylinetext.VISIBLE_BYLINE.match(text)
        if match and match[1] not in out:
            out.append(match[1])
    return out


def _byline_shaped(text: str) -> bool:
    """A text written as a byline ("By Jane Doe"), wherever it is printed. The initial first:
    most short texts are menu entries."""
    return text[:1].lower() in "bvpdat" and bylinetext.VISIBLE_BYLINE.match(text) is not None




def _update_labelled(texts: list[str]) -> list[tuple[str, bool]]:
    """Each text (in document order) with whether an "Updated" label marks its date: in the
    same text ("Updated November 11, 2022") or in the one before it ("Last updated:" / "Dec 4, 2025")."""
    out: list[tuple[str, bool]] = []
    labelled = False
    for text in texts:
        out.append((text, labelled or datetext.is_updated(text)))
        labelled = datetext.is_updated(text) and not datetext.find_dates(text)
    return out
