"""Bytes to text: BOM, then declared charset, then strict UTF-8, then detection; U+FFFD last."""

from __future__ import annotations

import codecs

import pytest

from worker.decoding import decode_bytes

# Our own small pages; the accented names are what a Latin-1 page read as UTF-8 garbles.
FRENCH = "Le café de la gare rouvre ses portes après l'été, a annoncé Hélène Dupré, la gérante."
RUSSIAN = "Новый мост через реку открыли в понедельник, сообщила мэрия города. Движение восстановлено."


def _page(charset_tag: str, body: str) -> str:
    return f"<html><head>{charset_tag}<title>News</title></head><body><p>{body}</p></body></html>"


@pytest.mark.parametrize(
    ("tag", "charset"),
    [
        ('<meta charset="iso-8859-1">', "latin-1"),
        ("<meta charset=windows-1252>", "cp1252"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-15">', "iso8859-15"),
    ],
)
def test_a_declared_single_byte_charset_is_honoured(tag: str, charset: str) -> None:
    """A Latin page read by its meta charset keeps its accents (not U+FFFD) and says how."""
    decoded = decode_bytes(_page(tag, FRENCH).encode(charset))
    assert FRENCH in decoded.text and "\ufffd" not in decoded.text
    assert decoded.how == "meta"


def test_an_http_equiv_cyrillic_charset_is_honoured() -> None:
    """windows-1251 declared in http-equiv reads Cyrillic back exactly."""
    page = _page('<meta http-equiv="content-type" content="text/html;charset=windows-1251">', RUSSIAN)
    decoded = decode_bytes(page.encode("cp1251"))
    assert RUSSIAN in decoded.text and decoded.encoding == "cp1251"


def test_a_bom_wins_over_a_declaration() -> None:
    """UTF-16 with a BOM is read as UTF-16 whatever the page declares."""
    page = _page('<meta charset="iso-8859-1">', FRENCH)
    decoded = decode_bytes(codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    assert decoded.how == "bom" and decoded.text == page


def test_a_stale_latin1_declaration_on_a_utf8_page_is_not_believed() -> None:
    """Valid non-ASCII UTF-8 is UTF-8 even under a Latin-1 meta (else: 'cafÃ©')."""
    page = _page('<meta charset="iso-8859-1">', FRENCH)
    decoded = decode_bytes(page.encode("utf-8"))
    assert decoded.text == page and decoded.encoding == "utf-8"


def test_undeclared_latin1_and_cp1251_are_detected() -> None:
    """Without BOM or declaration, charset-normalizer finds the charset."""
    latin = decode_bytes((FRENCH + "\n").encode("latin-1") * 3)
    assert latin.how == "detected" and FRENCH in latin.text
    cyrillic = decode_bytes((RUSSIAN + "\n").encode("cp1251") * 3)
    assert cyrillic.how == "detected" and RUSSIAN in cyrillic.text


def test_the_callers_encoding_comes_before_the_meta() -> None:
    """An encoding given by the caller (an HTTP header) is tried before the page's own meta."""
    page = _page('<meta charset="iso-8859-1">', RUSSIAN)
    decoded = decode_bytes(page.encode("koi8-r"), encoding="koi8-r")
    assert RUSSIAN in decoded.text and decoded.how == "declared"


def test_a_declaration_the_bytes_contradict_falls_through_to_detection() -> None:
    """A UTF-8 declaration over bytes that are not UTF-8 is not used with U+FFFD."""
    page = _page('<meta charset="utf-8">', FRENCH)
    decoded = decode_bytes(page.encode("latin-1") * 2)
    assert FRENCH in decoded.text and "\ufffd" not in decoded.text


def test_an_unknown_encoding_is_refused() -> None:
    """A charset name Python does not know is an error naming it, not a silent guess."""
    with pytest.raises(LookupError, match="no-such-charset"):
        decode_bytes(b"text", encoding="no-such-charset")


def test_bytes_no_charset_reads_are_replaced_last() -> None:
    """Random binary bytes end up as UTF-8 with U+FFFD (the cleaner then refuses them)."""
    decoded = decode_bytes(bytes(range(128, 256)) * 8)
    assert decoded.how in {"replaced", "detected"}
    assert decoded.text
