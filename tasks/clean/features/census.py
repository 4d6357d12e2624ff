"""What the clean stage reads of a whole unpruned page, in two walks: element counts
(``features.page``'s tag counts, most repeated class value and itemprops, ``features.page_kind``'s
class/id words by family) and the page's texts (each element's words, the document's text, the
body's visible text, the body rendered for ``page_lines.visible_lines``).

Each reader walked the tree for itself (six walks; the four over texts each read every text and
tail anew); the walk and the string reads are the costly part, so they are done once here and
the readers get the record (``read_page`` passes the body's rendering on to ``tree_readings``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from operator import attrgetter, methodcaller

from lxml import etree
from lxml.html import HtmlElement

from tasks.common.page_lines import HIDDEN_TAGS, LINE_OPENINGS

# How entering an element moves the text walk's scope (0: inside the body, outside its scripts
# and styles, where the text is visible); leaving it moves the scope back.
_SCOPE_STEP = {"body": -1, "script": 1, "style": 1}
# The same for the body's lines as ``page_lines.visible_lines`` renders them (its hidden elements).
_LINE_SCOPE_STEP = {"body": -1, **dict.fromkeys(HIDDEN_TAGS, 1)}
# An element's tag name and attributes, read by ``map`` without a Python call per element.
_TAG = attrgetter("tag")
_CLASS = methodcaller("get", "class")
_ID = methodcaller("get", "id")
_ITEMPROP = methodcaller("get", "itemprop")


@dataclass(frozen=True)
class Census:
    """Counts and texts of the page's elements (comments and processing instructions left out)."""

    tags: Counter[str]  # elements per tag name
    classes: Counter[str]  # elements per non-empty ``class`` value
    class_ids: Counter[str]  # elements per "<class> <id>" value (either may be empty)
    itemprops: int  # elements with an ``itemprop`` attribute
    # Each element's words (its ``itertext()``, whitespace-split): a run's cards sit inside other
    # runs, and reading each subtree anew cost a fifth of the page-kind features.
    subtree_words: dict[HtmlElement, int]
    text: str  # every text and tail, as ``" ".join(root.itertext())`` joins them
    # The ``<body>``'s texts and tails outside scripts and styles, joined by spaces (the body's
    # own tail left out); None unless the walk met exactly one body.
    body_text: str | None
    # The body rendered as ``page_lines.visible_lines`` renders it before cutting it into lines;
    # None unless the walk met exactly one body.
    body_rendering: str | None

    @cached_property
    def joined_classes(self) -> str:
        """Every class value, one a line: one search tells whether any holds a word (no word
        holds a newline, so none matches across two values)."""
        return "\n".join(self.classes)

    @cached_property
    def joined_class_ids(self) -> str:
        """Every "<class> <id>" value, one a line (searched as ``joined_classes``)."""
        return "\n".join(self.class_ids)


def take_census(root: HtmlElement) -> Census:
    """The counts and texts of every element under (and including) ``root``. Only those: a page made
    of two documents has a second top-level ``<html>`` that ``root.iter()`` does not reach (one wcxb
    page does), while the features' ``//`` XPaths do; as the walks this replaces, so the rows stay."""
    # Counted by ``Counter`` over C-level maps of the elements, not element by element in Python
    # (1.9 → 0.8 ms a page); ``Element`` leaves comments and processing instructions out.
    elements = list(root.iter(etree.Element))
    tags: Counter[str] = Counter(map(_TAG, elements))
    class_values = [value or "" for value in map(_CLASS, elements)]
    classes = Counter(filter(None, class_values))
    class_ids = Counter(map(" ".join, zip(class_values, [value or "" for value in map(_ID, elements)], strict=True)))
    itemprops = len(elements) - list(map(_ITEMPROP, elements)).count(None)
    texts = read_texts(root)
    one_body = tags["body"] == 1
    return Census(tags, classes, class_ids, itemprops, texts.words, " ".join(texts.texts),
                  " ".join(texts.body_texts) if one_body else None, "".join(texts.line_parts) if one_body else None)


@dataclass(frozen=True)
class PageTexts:
    """What ``read_texts`` read."""

    words: dict[HtmlElement, int]  # each element's words
    texts: list[str]  # every text and tail in document order (``root.itertext()``)
    body_texts: list[str]  # those inside a ``<body>``, outside its scripts and styles
    line_parts: list[str]  # those a reader sees in a ``<body>``, and the line breaks around blocks


def read_texts(root: HtmlElement) -> PageTexts:
    """The texts of the page, each read once, in one ``iterwalk``: a text at its element's start, a
    tail and the words below at its end (a comment or processing instruction, one event each, is
    its tail: ``itertext()`` reads it so, while ``visible_lines`` skips it). The root's tail is left
    out. Two scopes, one per reading of the body, say whether a text is inside it and visible."""
    words: dict[HtmlElement, int] = {}
    texts: list[str] = []
    body_texts: list[str] = []
    line_parts: list[str] = []
    open_words: list[int] = []  # the words found so far in each element the walk is inside
    scope = line_scope = 1
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = el.tag
        if event == "start":
            if isinstance(tag, str):
                scope += _SCOPE_STEP.get(tag, 0)
                line_scope += _LINE_SCOPE_STEP.get(tag, 0)
                text = el.text
                open_words.append(len(text.split()) if text else 0)
                if not line_scope:
                    line_parts += (LINE_OPENINGS.get(tag, ""), text or "")
                if text:
                    texts.append(text)
                    if not scope:
                        body_texts.append(text)
            continue
        count = 0  # a comment's or processing instruction's own: none, only its tail counts
        element = isinstance(tag, str)
        if element:
            scope -= _SCOPE_STEP.get(tag, 0)
            line_scope -= _LINE_SCOPE_STEP.get(tag, 0)
            count = words[el] = open_words.pop()
        tail = el.tail if open_words else None  # the root's tail is outside the page
        if element and not line_scope:
            line_parts += ("\n" if tag in LINE_OPENINGS else "", tail or "")
        if tail:
            texts.append(tail)
            if not scope:
                body_texts.append(tail)
            count += len(tail.split())
        if open_words:
            open_words[-1] += count
    return PageTexts(words, texts, body_texts, line_parts)
