"""Content-type detection and binary refusal."""

from __future__ import annotations

import pytest

from tasks.clean import clean
from tasks.clean.detect import detect_content_type, looks_binary
from tasks.models import ArticleIn, ContentType
from worker.errors import StageRejected


@pytest.mark.parametrize(
    "content",
    [
        "<!DOCTYPE html><html><body><p>Hi</p></body></html>",
        "  <!-- saved --> <html lang=en><p>x</p></html>",
        "<div><p>One paragraph.</p><p>Another one.</p><a href='/'>home</a></div>",
    ],
)
def test_html_is_detected(content: str) -> None:
    """Documents and fragments with markup are HTML."""
    assert detect_content_type(content) is ContentType.HTML


@pytest.mark.parametrize(
    "content",
    [
        "Title - Site\nHome News\n\nA paragraph of text about <b> tags in prose.",
        "Plain text only, with a < sign and a > sign.",
    ],
)
def test_text_is_detected(content: str) -> None:
    """Scraped text, even mentioning a tag once, is text."""
    assert detect_content_type(content) is ContentType.TEXT


def test_binary_content_is_rejected_with_a_reason() -> None:
    """NULs and control bytes are refused by the clean stage, not parsed."""
    assert looks_binary("PK\x03\x04\x00\x00binary")
    assert not looks_binary("Normal text\twith tabs\nand lines.")
    with pytest.raises(StageRejected, match="binary"):
        clean(ArticleIn(content="\x00\x01\x02" * 100))


def test_empty_content_is_rejected() -> None:
    """Whitespace only is not an article."""
    with pytest.raises(StageRejected, match="empty"):
        clean(ArticleIn(content="  \n\t "))
