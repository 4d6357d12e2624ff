"""What the page-level features read of a whole unpruned page, in two walks: element counts
(``features.page``'s tag counts, most repeated class value and itemprops, ``features.page_kind``'s
class/id words by family) and the page's texts (each element's words, the document's text, the
body's visible text).

Each feature family walked the tree for itself (five walks; the texts' three each read every text
and tail anew); the walk and the string reads are the costly part, so they are done once here and
the features read the record.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

# How entering an element moves the text walk's scope (0: inside the body, outside its scripts
# and styles, where the text is visible); leaving it moves the scope back.
_SCOPE_STEP = {"body": -1, "script": 1, "style": 1}


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


def take_census(root: HtmlElement) -> Census:
    """The counts and texts of every element under (and including) ``root``. Only those: a page made
    of two documents has a second top-level ``<html>`` that ``root.iter()`` does not reach (one wcxb
    page does), while the features' ``//`` XPaths do; as the walks this replaces, so the rows stay."""
    tags: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    class_ids: Counter[str] = Counter()
    itemprops = 0
    for el in root.iter():
        tag = el.tag
        if isinstance(tag, str):
            tags[tag] += 1
            get = el.get
            value = get("class")
            if value:
                classes[value] += 1
            class_ids[f"{value or ''} {get('id') or ''}"] += 1
            if get("itemprop") is not None:
                itemprops += 1
    words, texts, body_texts = read_texts(root)
    body_text = " ".join(body_texts) if tags["body"] == 1 else None
    return Census(tags, classes, class_ids, itemprops, words, " ".join(texts), body_text)


def read_texts(root: HtmlElement) -> tuple[dict[HtmlElement, int], list[str], list[str]]:
    """Each element's words, every text and tail in document order (``root.itertext()``: the root's
    tail left out), and those of them inside a ``<body>`` and outside its scripts and styles. One
    ``iterwalk``: a text is read at its element's start, a tail and the words below at its end (a
    comment or processing instruction, one event each, is its tail: ``itertext()`` reads it so)."""
    words: dict[HtmlElement, int] = {}
    texts: list[str] = []
    body_texts: list[str] = []
    open_words: list[int] = []  # the words found so far in each element the walk is inside
    scope = 1
    for event, el in etree.iterwalk(root, events=("start", "end", "comment", "pi")):
        tag = el.tag
        if event == "start":
            if isinstance(tag, str):
                scope += _SCOPE_STEP.get(tag, 0)
                text = el.text
                open_words.append(len(text.split()) if text else 0)
                if text:
                    texts.append(text)
                    if not scope:
                        body_texts.append(text)
            continue
        count = 0  # a comment's or processing instruction's own: none, only its tail counts
        if isinstance(tag, str):
            scope -= _SCOPE_STEP.get(tag, 0)
            count = words[el] = open_words.pop()
        tail = el.tail if open_words else None  # the root's tail is outside the page
        if tail:
            texts.append(tail)
            if not scope:
                body_texts.append(tail)
            count += len(tail.split())
        if open_words:
            open_words[-1] += count
    return words, texts, body_texts
