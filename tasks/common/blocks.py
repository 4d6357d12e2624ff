"""How an ordered list of body blocks becomes the article's plain ``text``.

One function used by every stage, so ``text`` always equals what the sections hold.
"""

from __future__ import annotations

from collections.abc import Iterable

from tasks.models import BodyBlock, Figure, FigureRef, Media, SectionBlock

PARAGRAPH_SEPARATOR = "\n\n"


def block_text(block: BodyBlock | SectionBlock) -> str:
    """The text a block contributes to the article's ``text`` ('' for figures and media)."""
    if isinstance(block, Figure | Media | FigureRef):
        return ""
    return block.text.strip()


def render_text(blocks: Iterable[BodyBlock]) -> str:
    """Join the blocks' texts with one blank line, skipping figures, media and empties."""
    return PARAGRAPH_SEPARATOR.join(t for t in map(block_text, blocks) if t)
