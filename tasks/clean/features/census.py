"""One walk over every element of an unpruned page, counting what the page-level features read.

``features.page`` (tag counts, the most repeated class value, itemprops) and ``features.page_kind``
(class/id words by family) each walked every element and read its attributes; the walk is the
costly part (an lxml proxy and two or three attribute reads per element), so it is done once
here and both read its counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lxml.html import HtmlElement


@dataclass(frozen=True)
class Census:
    """Counts over the page's elements (comments and processing instructions left out)."""

    tags: Counter[str]  # elements per tag name
    classes: Counter[str]  # elements per non-empty ``class`` value
    class_ids: Counter[str]  # elements per "<class> <id>" value (either may be empty)
    itemprops: int  # elements with an ``itemprop`` attribute


def take_census(root: HtmlElement) -> Census:
    """The counts of every element under (and including) ``root``. Only those: a page made of two
    documents has a second top-level ``<html>`` that ``root.iter()`` does not reach (one wcxb page
    does), while the features' ``//`` XPaths do; as the walks this replaces, so the rows stay."""
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
    return Census(tags, classes, class_ids, itemprops)
