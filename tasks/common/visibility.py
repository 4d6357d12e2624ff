"""Whether the page's markup keeps an element's text from the reader's eyes: the one test the
cleaner's furniture pruning and the headline's printed text share."""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from tasks.common.words import TOKEN_SPLIT

HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
# Class tokens of text written for screen readers only, in their joined form ("sr-only",
# "visually-hidden", "utils_visuallyHidden__x" all give one of them).
SCREEN_READER_TOKENS = frozenset({"visuallyhidden", "sronly"})


def hidden_by_markup(element: HtmlElement) -> bool:
    """Whether the ``hidden`` attribute or an inline style hides the element."""
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


def for_screen_readers(element: HtmlElement) -> bool:
    """Whether the element's class marks text read aloud to screen readers but never shown."""
    raw = (element.get("class") or "").lower()
    if not raw:
        return False
    tokens = {*TOKEN_SPLIT.split(raw), *(part.replace("-", "").replace("_", "") for part in raw.split())}
    return bool(tokens & SCREEN_READER_TOKENS)
