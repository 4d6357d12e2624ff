"""Bytes to text for files and byte payloads, the way browsers do it, then by detection.

The order: a byte-order mark; the charset the caller declares (an HTTP ``Content-Type``
header, passed as ``encoding``); the charset the page declares in its first bytes (``<meta
charset>``, ``<meta http-equiv="Content-Type">``, an XML declaration); strict UTF-8; then
detection by charset-normalizer. A declaration is believed only if the bytes decode under it
without error, and not over bytes that are valid UTF-8 with non-ASCII characters in them:
servers and templates often declare a charset the page does not use (a stale Latin-1 meta on a
UTF-8 page), while Latin-1 text that happens to be valid UTF-8 is vanishingly rare. Only when
all of that fails are undecodable bytes replaced by U+FFFD (the cleaner refuses content that is
mostly U+FFFD).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# Byte-order marks, longest first (UTF-32 LE starts with the UTF-16 LE mark).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Bytes searched for a declared charset. Browsers prescan 1,024 bytes; pages with long heads
# (inline styles, tracking scripts before the meta) declare it later, so we look further.
DECLARATION_SCAN_BYTES = 8192
# A tag's attributes stop at the next ``<`` as well as at ``>``, so a page of unclosed
# ``<meta`` tags costs one pass, not one per tag.
_DECLARED = re.compile(
    rb"""<meta[^<>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:\-]+)"""  # <meta charset> and http-equiv
    rb"""|<\?xml[^<>]+?encoding\s*=\s*["']([A-Za-z0-9._:\-]+)""",
    re.I,
)
# Labels the WHATWG Encoding Standard decodes as windows-1252: pages labelled Latin-1 or ASCII
# use its curly quotes and dashes (bytes 0x80-0x9F) far more often than C1 control characters.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}


# What a tie in detection goes to (see ``_detected``).
TIE_BREAK_ENCODING = "cp1252"


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and how it was read: ``how`` is bom, declared, meta, utf-8, detected or replaced."""

    text: str
    encoding: str
    how: str


def codec_name(label: str) -> str | None:
    """Python's codec for a charset label, or None if Python knows no such encoding."""
    label = label.strip().lower()
    if label in _WINDOWS_1252_LABELS:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes (meta or XML declaration), if any."""
    match = _DECLARED.search(data[:DECLARATION_SCAN_BYTES])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii")


def _strict(data: bytes, encoding: str | None) -> str | None:
    if encoding is None:
        return None
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # cp1252 leaves five bytes undefined; Latin-1 defines them (as C1 controls).
        return data.decode("latin-1") if encoding == "cp1252" else None


def _detected(data: bytes) -> charset_normalizer.CharsetMatch | None:
    """charset-normalizer's best guess; on a tie, windows-1252.

    On short Western text it often ties windows-1250 with windows-1252 (same chaos, same
    coherence) and lists 1250 first, turning "après" into "aprčs". Browsers default to 1252,
    the most used legacy encoding on the web.
    """
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    for match in matches:
        if best is not None and match.encoding == TIE_BREAK_ENCODING and (match.chaos, match.coherence) == (
            best.chaos, best.coherence):
            return match
    return best


def decode_bytes(data: bytes, encoding: str | None = None) -> Decoded:
    """Decode a page's bytes (see the module docstring for the order).

    Raises:
        LookupError: ``encoding`` names no encoding Python knows.
    """
    given = codec_name(encoding) if encoding is not None else None
    if encoding is not None and given is None:
        msg = f"unknown encoding: {encoding!r}"
        raise LookupError(msg)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(name, errors="replace"), name, "bom")
    if not data.isascii() and (text := _strict(data, "utf-8")) is not None:
        return Decoded(text, "utf-8", "utf-8")
    meta = declared_charset(data)
    for codec, how in ((given, "declared"), (codec_name(meta) if meta else None, "meta"), ("utf-8", "utf-8")):
        if codec is not None and (text := _strict(data, codec)) is not None:
            return Decoded(text, codec, how)
    best = _detected(data)
    if best is not None:
        return Decoded(str(best), best.encoding, "detected")
    return Decoded(data.decode("utf-8", errors="replace"), "utf-8", "replaced")
