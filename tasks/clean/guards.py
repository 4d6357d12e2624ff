"""Guards between an untrusted payload and the parsers: the input's alphabet and its size.

The stage modules and the libraries under them (lxml, trafilatura, regexes) assume text that
is valid Unicode and of a size a real page has. These checks run first, in ``clean``, so a
hostile payload fails with a reason in milliseconds instead of costing a worker its time
limit, and every later stage (they all read ``CleanedArticle.raw``) sees the sanitised text.
"""

from __future__ import annotations

import re
from string import ascii_letters

from tasks.clean.detect import count_control_bytes
from tasks.errors import StageRejected
from tasks.options import StageOptions

# Lone UTF-16 surrogates: legal in JSON strings and Python ``str``, but not encodable as UTF-8
# (lxml silently truncates the text at the first one; Redis storage refuses them).
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 control characters other than tab, newline, carriage return and form feed. lxml refuses
# a string holding NUL; browsers drop these characters, and so do we (a page with more than a
# few is refused as binary before this runs).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
# A doctype with an internal subset (``<!DOCTYPE x [<!ENTITY ...>]>``): the shape of entity
# bombs and XXE. No HTML page needs one; libxml2's HTML parser never expands its entities but
# spills the subset into the body as text, and the page is then dropped as not HTML.
_DOCTYPE_SUBSET = re.compile(r"\A\s*<!DOCTYPE\s[^\[>]*\[.*?\]\s*>", re.I | re.S)
# A start tag: what every HTML stage iterates over, once parsed, as an element.
_START_TAG = re.compile(r"<[A-Za-z]")
# A start tag long enough to hold more attributes than the limit (each takes >= 3 characters,
# ` a=`); only these are counted, so the scan stays linear and cheap on real pages.
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{3000,}>")
# The same with "<" allowed inside: a fifth of the scan's time (a negated character is a tight
# loop in the regex engine, a negated class a set test per character: 0.73 -> 0.13 ms a page on
# 271 wcxb pages). Each long tag ends one of these matches and starts at its last "<".
_LONG_TAG_BOUND = re.compile(r"<[A-Za-z][^>]{3000,}>")
_SHORTEST_LONG_TAG = 3003  # "<", a letter, 3000 characters, ">"
_ATTRIBUTE = re.compile(r"\s[^\s=<>\"']+\s*=")
# Share of the extracted text's visible characters that may be U+FFFD (bytes that were not
# text in the charset they were read with): above it the text is mostly lost. Latin-1 French or
# German read as UTF-8 loses 1-8 % of its characters and stays readable; Cyrillic or Greek read
# so loses ~80 %; a good page with one run of corrupt bytes (tests/hostile.py) has 41 %. The
# page's ASCII markup dilutes the share in the raw content, so it is checked on the text too.
UNDECODED_TEXT_SHARE = 0.5


def sanitize_text(content: str) -> str:
    """The content with lone surrogates replaced by U+FFFD and control characters removed."""
    # Checked in C first (encoding, byte counting): most pages have neither, and a regex scan
    # over a non-ASCII page costs ~1 ms. The encoding that finds no surrogate is the one the
    # controls are counted in (a second encoding of the page cost 0.18 ms of 0.53).
    try:
        data = content.encode("utf-8")
    except UnicodeEncodeError:
        content = _SURROGATE.sub("\ufffd", content)
        data = content.encode("utf-8")
    return _CONTROL.sub("", content) if count_control_bytes(data) or "\x7f" in content else content


def drop_doctype_subset(content: str) -> str:
    """The page with a doctype's internal subset (entity declarations) replaced by ``<!DOCTYPE html>``."""
    return _DOCTYPE_SUBSET.sub("<!DOCTYPE html>", content, count=1)


def check_html_size(content: str, stage: str, options: StageOptions) -> None:
    """Refuse an HTML page with more elements than ``options.max_html_elements``."""
    if content.count("<") <= options.max_html_elements:
        return  # each start tag opens with a "<" of its own: one count in C, not a list of every tag
    elements = len(_START_TAG.findall(content))
    if elements > options.max_html_elements:
        reason = f"HTML has {elements:,} elements, over the limit of {options.max_html_elements:,}"
        raise StageRejected(stage, reason)


def check_html_attributes(content: str, stage: str, options: StageOptions) -> None:
    """Refuse an HTML page with an element of more than ``options.max_html_attributes`` attributes.

    libxml2 checks each new attribute against the element's others: 50,000 attributes on one
    element cost ~6 s per parse, in C code that no Python signal interrupts.
    """
    for tag in long_tags(content):
        if tag.count("=") <= options.max_html_attributes:
            continue  # each attribute ends in an "=" of its own: no more of them than the limit
        attributes = len(_ATTRIBUTE.findall(tag))
        if attributes > options.max_html_attributes:
            reason = f"an HTML element has {attributes:,} attributes, over the limit of {options.max_html_attributes:,}"
            raise StageRejected(stage, reason)


def long_tags(content: str) -> list[str]:
    """The start tags of ``content`` long enough to hold more attributes than the limit:
    ``_LONG_TAG``'s matches, read off ``_LONG_TAG_BOUND``'s. A ``_LONG_TAG`` match holds no "<"
    or ">" past its first character, so the bound's scan, reaching its start, matches the same
    characters, or has passed it inside a match that ends at the same ">" (the first after
    either start); either way it is that match's tail from its last "<", when long enough and
    opened by a letter."""
    tags = []
    for bound in _LONG_TAG_BOUND.finditer(content):
        tag = bound[0][bound[0].rfind("<"):]
        if len(tag) >= _SHORTEST_LONG_TAG and tag[1] in ascii_letters:
            tags.append(tag)
    return tags


def check_text_size(content: str, stage: str, options: StageOptions) -> None:
    """Refuse a text page with more lines than ``options.max_text_lines``."""
    lines = content.count("\n") + 1
    if lines > options.max_text_lines:
        reason = f"text has {lines:,} lines, over the limit of {options.max_text_lines:,}"
        raise StageRejected(stage, reason)


def check_decoded_text(text: str, stage: str) -> None:
    """Refuse an article whose extracted text is mostly U+FFFD (read with the wrong charset)."""
    replaced = text.count("\ufffd")
    visible = len("".join(text.split()))
    if replaced and replaced / visible > UNDECODED_TEXT_SHARE:
        reason = (
            f"text is {replaced / visible:.0%} replacement characters (U+FFFD): its bytes were decoded with the "
            "wrong charset; submit the bytes (the CLI and the client decode them) or the decoded text"
        )
        raise StageRejected(stage, reason)
