"""Main content of a plain-text payload (a page already stripped to text, chrome and all).

The steps live in ``tasks.clean.text``: read the lines and the page's language (``lines``), judge
each line by its shape and neighbours (``quality``), keep the article's span (``region``),
name every line's role (``roles``, ``header``, ``media``) and build the blocks (``assemble``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np

from tasks.clean.text.assemble import build_blocks
from tasks.clean.text.lines import TextLine, read_page
from tasks.clean.text.quality import classify_quality
from tasks.clean.text.region import keep_article_region
from tasks.clean.text.repair import repair_text
from tasks.clean.text.roles import BODY_ROLES, REPEATED_LEAD_MIN_WORDS, assign_roles
from tasks.models import BodyBlock, ClassifiedLine
from tasks.options import StageOptions

_WORD = re.compile(r"\w+")

__all__ = ["BODY_ROLES", "apply_line_verdicts", "blocks_from_lines", "classify_lines", "drop_repeats", "rule_lines"]

# A kept line the line model gives less than this, whose words a kept line above it already
# holds, is a second copy of the page's block (a layout printed twice for desktop and mobile, a
# menu or a table of contents repeated, a quoted traceback): the truth holds it once. Fold
# means, inscriptis / bs4 / dev, against keeping every copy: 0.7 +0.0019 / +0.0033 / -0.0001
# (documentation -0.0011 / -0.0047: its steps, code and table headers repeat at 0.5-0.7); 0.8
# +0.0025 / +0.0034 (documentation -0.0015 / -0.0123); 0.9 +0.0028 / +0.0029 (-0.0015 / -0.0269).
REPEAT_MAX_PROBABILITY = 0.7


def rule_lines(text: str) -> list[TextLine]:
    """Every non-empty line of the payload with the role the rule-based passes give it."""
    page = read_page(text)
    classify_quality(page.lines)
    keep_article_region(page.lines)
    assign_roles(page.lines)
    return page.lines


def classify_lines(text: str, options: StageOptions) -> list[ClassifiedLine]:
    """Give every non-empty line of the payload a role (scrape artifacts repaired), by the rules alone."""
    return [_classified(line) for line in rule_lines(text)]


def apply_line_verdicts(
    lines: Sequence[TextLine], probabilities: Sequence[float] | np.ndarray, keep: float
) -> list[ClassifiedLine]:
    """The lines with the line model's verdicts: a body line it drops becomes boilerplate, a
    boilerplate line it keeps becomes a paragraph (or list item) unless the body already holds
    its text (a summary repeating the lead). Header roles (title, dek, byline, ...) stay the
    rules': later stages read them."""
    roles = []
    for line, p in zip(lines, probabilities, strict=True):
        role = line.role
        if role in BODY_ROLES and p < keep:
            role = "boilerplate"
        elif role == "boilerplate" and p >= keep:
            role = PROMOTED
        roles.append(role)
    body = [_words(line.body) for line, role in zip(lines, roles, strict=True) if role in BODY_ROLES]
    held = _held_by(body)
    out = []
    for line, verdict in zip(lines, roles, strict=True):
        role = verdict
        if verdict == PROMOTED:
            role = "boilerplate" if held(line) else ("list_item" if line.bullet else "paragraph")
        out.append(_classified_as(line, role))
    return out


def _held_by(body: list[str]) -> Callable[[TextLine], bool]:
    """Whether the body already holds a line's text: as one of its lines, or anywhere in it for a
    line as long as a lead (a summary repeating the lead). A shorter line found only inside a
    longer one is new text: bs4 breaks a paragraph at every link, and a fragment's few words
    ("black oak") occur in other lines. Fold means, inscriptis / bs4, against finding every line
    anywhere: +0.0002 / +0.0012 (whole lines only, repeated leads kept twice: +0.0003 / +0.0013)."""
    whole_lines = set(body)
    joined = " ".join(body)

    def held(line: TextLine) -> bool:
        words = _words(line.body)
        return words in whole_lines or (line.words >= REPEATED_LEAD_MIN_WORDS and words in joined)

    return held


def drop_repeats(
    lines: Sequence[TextLine], probabilities: Sequence[float] | np.ndarray, classified: list[ClassifiedLine]
) -> list[ClassifiedLine]:
    """The classified lines with every body line below ``REPEAT_MAX_PROBABILITY`` that repeats a
    body line above it made boilerplate."""
    seen: set[str] = set()
    out = []
    for line, p, verdict in zip(lines, probabilities, classified, strict=True):
        repeat = False
        if verdict.role in BODY_ROLES:
            key = _words(line.body)
            repeat = key in seen and p < REPEAT_MAX_PROBABILITY
            seen.add(key)
        out.append(_classified_as(line, "boilerplate") if repeat else verdict)
    return out


# A boilerplate line the line model keeps, until it is known to add text the body lacks.
PROMOTED = "promoted"


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _classified(line: TextLine) -> ClassifiedLine:
    """The public record of a line; kept lines get their scrape artifacts repaired."""
    return _classified_as(line, line.role)


def _classified_as(line: TextLine, role: str) -> ClassifiedLine:
    """The public record of a line given ``role`` (not a copy of the line with it: 5 % of the
    text path's clean stage went to ``dataclasses.replace``)."""
    text = line.text if role == "boilerplate" else repair_text(line.text)
    return ClassifiedLine(text=text, role=role)  # type: ignore[arg-type]


def blocks_from_lines(lines: list[ClassifiedLine]) -> list[BodyBlock]:
    """The body blocks the classified lines make up, in order."""
    return build_blocks(lines)
