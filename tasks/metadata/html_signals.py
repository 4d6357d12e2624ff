"""What an HTML page declares about itself: the clean stage's ``PageSignals``, and the readings
of the page's tree behind the last fallbacks (``TreeFallbacks``).

The tree is needed for "By Jane Doe" text nodes, the body's prose dates, and trafilatura's and
htmldate's searches: the clean stage does those readings on its own tree for the pages that ask
for them (``PageSignals.fallbacks``); the page is parsed again only when they were not done.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cached_property

from lxml.etree import XPath
from lxml.html import HtmlElement

from tasks.common import bylinetext, datetext, jsonld
from tasks.common.page_signals import INVISIBLE_CHARS, clean_space
from tasks.metadata import bylines
from tasks.metadata.trafilatura_reader import find_page_date, may_find_catstags, read_author, read_catstags
from tasks.models import FallbackReadings, PageSignals

# Text nodes longer than this are prose, never a byline line.
MAX_VISIBLE_BYLINE_CHARS = 60
# Twitter card label/data pairs a page may carry (Yoast writes two, other plugins up to four).
MAX_CARD_LABELS = 4
# The post author's display name that WordPress' Google Tag Manager plugin (GTM4WP) declares in
# the page's data layer (`"pagePostAuthor":"Jane Doe"`), a JavaScript string: on pages of 24
# sites of ../shared/corpus (20 wcxb, 4 corpus/meta).
_POST_AUTHOR = re.compile(r'"pagePostAuthor"\s*:\s*(?P<value>"(?:[^"\\\n]|\\.){1,100}")')
# The fields of ``FallbackReadings`` for trafilatura's two kinds of link lists.
_CATSTAGS_READINGS = {"category": "categories", "tag": "tags"}


class TreeFallbacks:
    """The readings of the page's tree behind the metadata's last fallbacks, each done at most
    once: taken from ``done`` (the clean stage's, read on its tree before pruning) when it holds
    them, else read on the tree ``parse`` returns (called once, on the first reading it needs).
    ``raw``: the page's source, which tells when a category or tag search can find nothing."""

    def __init__(self, parse: Callable[[], HtmlElement | None], raw: str, done: FallbackReadings | None = None) -> None:
        self._parse = parse
        self._raw = raw
        self._done: dict[str, list[str]] = done.model_dump(exclude_none=True) if done is not None else {}

    @cached_property
    def tree(self) -> HtmlElement | None:
        """The page's tree, parsed on first use."""
        return self._parse()

    def readings(self) -> FallbackReadings:
        """Every reading done so far (the clean stage passes them on)."""
        return FallbackReadings.model_validate(self._done)

    def _reading(self, name: str, read: Callable[[HtmlElement], list[str]]) -> list[str]:
        if name not in self._done:
            self._done[name] = read(self.tree) if self.tree is not None else []
        return self._done[name]

    def page_date(self, url: str | None, *, extensive: bool) -> str | None:
        """htmldate's date of the page (its extensive search or its fast one)."""
        found = self._reading("page_date", lambda tree: _listed(find_page_date(tree, url, extensive=extensive)))
        return found[0] if found else None

    def authors(self) -> list[str]:
        """trafilatura's author from the page's byline elements."""
        return self._reading("authors", read_author)

    def post_author(self) -> list[str]:
        """The post author the page's data layer declares (GTM4WP's ``pagePostAuthor``), read from
        the source: a script's text, which no reading of the tree keeps."""
        found = _POST_AUTHOR.search(self._raw)
        if found is None:
            return []
        try:
            value = json.loads(found["value"])
        except json.JSONDecodeError:
            return []
        return [value] if isinstance(value, str) and value.strip() else []

    def catstags(self, kind: str) -> list[str]:
        """trafilatura's categories (``kind="category"``) or tags (``"tag"``), the tree read for
        them only when the source may hold one."""
        name = _CATSTAGS_READINGS[kind]
        if name not in self._done and not may_find_catstags(kind, self._raw):
            self._done[name] = []
        return self._reading(name, lambda tree: read_catstags(kind, tree))

    def visible_bylines(self) -> list[str]:
        """Names from short "By Jane Doe" lines of the page (the last resort, and the costliest)."""
        return self._reading("visible_bylines", _visible_bylines)

    def title(self, choose: Callable[[], str | None]) -> str | None:
        """The page's title, chosen once (``choose``: the metadata stage's choice), and passed on
        with the readings: the clean stage's read-ahead chooses it, the metadata stage reads it."""
        if "title" not in self._done:
            chosen = choose()
            self._done["title"] = [chosen] if chosen is not None else []
        return self._done["title"][0] if self._done["title"] else None

    def month_date(self, month: tuple[int, int]) -> str | None:
        """The first date (ISO) of the body's visible text that falls in ``month`` (year, month)."""
        found = self._reading("month_date", lambda tree: _listed(_first_date_in_month(_body_text(tree), month)))
        return found[0] if found else None


def _listed(value: str | None) -> list[str]:
    return [value] if value else []


def _body_text(tree: HtmlElement) -> str:
    """The visible text of the page body (for dates written only in prose)."""
    body = tree.find("body")
    return clean_space((body if body is not None else tree).text_content())


def _first_date_in_month(text: str, month: tuple[int, int]) -> str | None:
    return next((iso for iso in datetext.iso_dates(text) if (int(iso[:4]), int(iso[5:7])) == month), None)


class PageView:
    """The page's signals, with the readings of its tree behind the last fallbacks (``fallbacks``)."""

    def __init__(self, signals: PageSignals, fallbacks: TreeFallbacks) -> None:
        self.signals = signals
        self.fallbacks = fallbacks
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
    def forum_poster(self) -> list[str]:
        """The first post's poster on a forum page ("jane_doe" / "Member" / "Posts: 2")."""
        return bylines.forum_poster(self.lines)

    @cached_property
    def thread_poster(self) -> list[str]:
        """The first post's poster on a page known to be a forum, above statistics of any label
        ("jane_doe" / "Join Date: Mar 2016" / "Posts: 2")."""
        return bylines.forum_poster(self.lines, any_label=True)

    def header_names(self, headline: str | None) -> list[str]:
        """A name printed without a label in the header around the headline (the chosen title,
        else the first ``<h1>``)."""
        return bylines.header_names(self.lines, [headline, *self.h1] if headline else self.h1)

    def header_name_with_bio(self, headline: str | None) -> list[str]:
        """A person's name printed alone in the header under the headline whose bio the page
        prints ("Jane Doe is a ...")."""
        return bylines.header_name_with_bio(self.lines, [headline, *self.h1] if headline else self.h1)

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
                for iso in datetext.iso_dates(text)]

    @property
    def visible_bylines(self) -> list[str]:
        """Names from short "By Jane Doe" lines of the page (the last resort, and the costliest)."""
        return self.fallbacks.visible_bylines()

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


# What a byline-shaped text starts with once ``clean_space`` has cleaned it: blanks and invisible
# characters, then one of ``_byline_shaped``'s initials (no other character lowercases to one).
# Tested on the raw texts, it passes over most of them (menu entries) without cleaning them: the
# cleaning of every short text was most of the search's time.
_MAY_BE_BYLINE = re.compile(rf"[\s{INVISIBLE_CHARS}]*[bvpdatBVPDAT]")


def _visible_bylines(tree: HtmlElement) -> list[str]:
    """Names from short body lines written as bylines (for pages that declare no author)."""
    texts = [text for text in _SHORT_TEXTS(tree) if _MAY_BE_BYLINE.match(text)]
    if not any(_byline_shaped(clean_space(text)) for text in texts):
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
