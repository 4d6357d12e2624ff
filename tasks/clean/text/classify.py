"""Main content of a plain-text payload (a page already stripped to text, chrome and all).

The steps live in ``tasks.clean.text``: read the lines and the page's language (``lines``), judge
each line by its shape and neighbours (``quality``), keep the article's span (``region``),
name every line's role (``roles``, ``header``, ``media``) and build the blocks (``assemble``).
"""

from __future__ import annotations

from tasks.clean.text.assemble import build_blocks
from tasks.clean.text.lines import TextLine, read_page
from tasks.clean.text.quality import classify_quality
from tasks.clean.text.region import keep_article_region
from tasks.clean.text.repair import repair_text
from tasks.clean.text.roles import BODY_ROLES, assign_roles
from tasks.models import BodyBlock, ClassifiedLine
from tasks.options import StageOptions

__all__ = ["BODY_ROLES", "blocks_from_lines", "classify_lines"]


def classify_lines(text: str, options: StageOptions) -> list[ClassifiedLine]:
    """Give every non-empty line of the payload a role (scrape artifacts repaired)."""
    page = read_page(text)
    classify_quality(page.lines)
    keep_article_region(page.lines)
    assign_roles(page.lines)
    return [_classified(line) for line in page.lines]


def _classified(line: TextLine) -> ClassifiedLine:
    """The public record of a line; kept lines get their scrape artifacts repaired."""
    text = line.text if line.role == "boilerplate" else repair_text(line.text)
    return ClassifiedLine(text=text, role=line.role)  # type: ignore[arg-type]


def blocks_from_lines(lines: list[ClassifiedLine]) -> list[BodyBlock]:
    """The body blocks the classified lines make up, in order."""
    return build_blocks(lines)
