"""Main content of a plain-text payload (a page already stripped to text, chrome and all)."""

from __future__ import annotations

from tasks.models import BodyBlock, ClassifiedLine, Paragraph
from tasks.options import StageOptions

# Lines shorter than this are chrome more often than not (the corpus README's 12-word rule).
MIN_PARAGRAPH_WORDS = 12


def classify_lines(text: str, options: StageOptions) -> list[ClassifiedLine]:
    """Give every non-empty line of the payload a role."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    out: list[ClassifiedLine] = []
    for index, line in enumerate(lines):
        if index == 0:
            role = "title"
        elif len(line.split()) >= MIN_PARAGRAPH_WORDS:
            role = "paragraph"
        else:
            role = "boilerplate"
        out.append(ClassifiedLine(text=line, role=role))
    return out


def blocks_from_lines(lines: list[ClassifiedLine]) -> list[BodyBlock]:
    """The body blocks the classified lines make up, in order."""
    return [Paragraph(text=line.text) for line in lines if line.role == "paragraph"]
