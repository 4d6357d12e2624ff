"""Splitting a photo credit from its caption: ``… Monday. (Jane Doe/Reuters)`` and friends."""

from __future__ import annotations

import re

# Agencies and words that mark a trailing "(...)" as a credit rather than an aside.
CREDIT_HINT = re.compile(
    r"/|\b(?:photo|photograph|getty|images?|reuters|ap|afp|associated press|epa|press|pool"
    r"|shutterstock|agency|courtesy|credit|file|alamy|bloomberg|xinhua|sputnik|tass|efe|anadolu"
    r"|dpa|ansa|kyodo|yonhap|nurphoto|sipa|wire|handout|via)\b",
    re.I,
)

# Credits written at the end of a caption, most specific first. Each has a ``caption`` and a
# ``credit`` group; the parenthesised form needs a credit hint (see ``CREDIT_HINT``) so that
# asides such as "(left)" or "(file)" stay in the caption.
_PAREN_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\((?P<credit>[^()]{2,120})\)\s*$", re.S)
_LABELLED_CREDIT = re.compile(
    r"^(?P<caption>.*?)\s*(?<![\w])(?:photo(?:graph)?s?|image|picture|credit|foto|source)s?\s*(?:credit)?"
    r"\s*(?:[:|]|by\b)\s*(?P<credit>[^.:|]{2,120}?)\.?\s*$",
    re.I | re.S,
)
_CREDIT_WORD = re.compile(r"^(?P<caption>.*?[.!?\"”)])\s*Credits?\s+(?P<credit>[A-Z][^.]{1,120})$", re.S)
_AGENCY_TAIL = re.compile(
    r"^(?P<caption>.*?[.!?\"”])\s*(?P<credit>(?:[A-Z][\w.'’\-]*\s+){0,4}[A-Z][\w.'’\-]*\s*/\s*"
    r"(?:Getty Images|Reuters|AP|AFP|EPA|Shutterstock|The Associated Press)(?:\s+via\s+[\w ]+)?"
    r"|Getty Images|Shutterstock|Reuters|AFP|EPA|AP Photo)\s*$",
    re.S,
)

_LABEL_WORD = re.compile(r"photo|image|picture|credit|foto|source")
_AGENCY_END = re.compile(r"(?:Images|Reuters|AP|AFP|EPA|Shutterstock|Press|Photo|via [\w ]+)\s*$")


def split_credit(caption: str) -> tuple[str, str | None]:
    """(caption without its credit, credit) — credit None when the caption carries none.

    Handles "… (Jane Doe/Reuters)", "… Photo: Jane Doe", "… Credit Jane Doe" and a trailing
    agency ("… Monday. Getty Images").
    """
    text = " ".join(caption.split())
    if text.endswith(")"):
        match = _PAREN_CREDIT.match(text)
        if match and CREDIT_HINT.search(match["credit"]):
            return match["caption"].strip(), match["credit"].strip()
    for pattern in _candidates(text):
        match = pattern.match(text)
        if match:
            return match["caption"].strip(), match["credit"].strip()
    return text, None


def _candidates(text: str) -> list[re.Pattern[str]]:
    """The credit patterns worth trying on ``text`` (cheap checks spare long paragraphs)."""
    lowered = text.lower()
    patterns = []
    if _LABEL_WORD.search(lowered):
        patterns.append(_LABELLED_CREDIT)
    if "Credit" in text:
        patterns.append(_CREDIT_WORD)
    if _AGENCY_END.search(text):
        patterns.append(_AGENCY_TAIL)
    return patterns
