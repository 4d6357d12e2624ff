"""Telling HTML from plain text, and refusing content that is neither."""

from __future__ import annotations

import re

from tasks.models import ContentType

# A document that opens like this is HTML whatever follows.
_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
# Tags that only markup has; prose mentioning "<b>" once is not HTML, a page has dozens.
_MARKUP_TAG = re.compile(
    r"</?(?:p|div|span|a|br|li|ul|table|td|tr|h[1-6]|img|meta|script|section|article)\b[^>]*>", re.I
)
# Share of the first 64 KB that may be control characters before we call it binary: real text
# has none besides tabs and newlines; 1 % tolerates a few stray bytes in a scraped page.
BINARY_CONTROL_SHARE = 0.01
# Markup tags per 1,000 characters above which a document without an <html> start is HTML:
# scraped plain text has ~0, HTML fragments have tens.
HTML_TAGS_PER_KCHAR = 2.0
_SAMPLE_CHARS = 65_536


def looks_binary(content: str) -> bool:
    """True when the content is binary data decoded as text (NULs, control bytes, U+FFFD)."""
    sample = content[:_SAMPLE_CHARS]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch == "\ufffd")
    return "\x00" in sample or bad / len(sample) > BINARY_CONTROL_SHARE


def detect_content_type(content: str) -> ContentType:
    """HTML or TEXT, from the shape of the first 64 KB."""
    sample = content[:_SAMPLE_CHARS]
    if _HTML_START.match(sample):
        return ContentType.HTML
    tags = len(_MARKUP_TAG.findall(sample))
    if tags >= 3 and tags * 1000 / max(len(sample), 1) >= HTML_TAGS_PER_KCHAR:
        return ContentType.HTML
    return ContentType.TEXT
