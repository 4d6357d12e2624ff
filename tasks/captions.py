"""Splitting a photo credit from its caption: ``… Monday. (Jane Doe/Reuters)`` and friends."""

from __future__ import annotations

import re

# Credits written at the end of a caption, most specific first.
_TRAILING_CREDIT = (
    re.compile(r"^(?P<caption>.*?)\s*\((?P<credit>[^()]{2,120})\)\s*$", re.S),
    re.compile(r"^(?P<caption>.*?)\s*(?:Photo|Photograph|Image|Picture|Credit|Foto)s?\s*(?:credit)?\s*[:|]\s*(?P<credit>[^.]{2,120})\.?\s*$", re.I | re.S),
)
# Words that mark a parenthesised tail as a credit rather than an aside like "(left)".
_CREDIT_HINTS = re.compile(
    r"/|\b(?:photo|getty|images?|reuters|ap|afp|associated press|epa|press|pool|shutterstock|"
    r"agency|news|courtesy|credit|file)\b",
    re.I,
)


def split_credit(caption: str) -> tuple[str, str | None]:
    """(caption without its credit, credit) — credit None when the caption carries none."""
    text = " ".join(caption.split())
    for pattern in _TRAILING_CREDIT:
        match = pattern.match(text)
        if match and (pattern is not _TRAILING_CREDIT[0] or _CREDIT_HINTS.search(match["credit"])):
            return match["caption"].strip(), match["credit"].strip()
    return text, None
