"""Main content of an HTML page as ordered body blocks."""

from __future__ import annotations

import trafilatura

from tasks.models import BodyBlock, Paragraph
from tasks.options import StageOptions


def extract_html_blocks(html: str, url: str | None, options: StageOptions) -> list[BodyBlock]:
    """The article's blocks (paragraphs, headings, figures, ...) from a whole HTML page."""
    text = trafilatura.extract(html, url=url, include_comments=False) or ""
    return [Paragraph(text=p.strip()) for p in text.split("\n") if p.strip()]
