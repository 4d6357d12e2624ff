"""Post-extraction filters: widget strings, captions and repeated paragraphs out of the text."""

from __future__ import annotations

from collections.abc import Iterable

from tasks import patterns
from tasks.html.placement import text_key
from tasks.html.convert import Candidate
from tasks.models import BodyBlock, Heading, ListBlock, Paragraph, Quote

# A paragraph counts as a caption's copy when it is at most this much longer than the caption
# (trafilatura sometimes glues a credit or "Photo:" to it); 1.3 caught every copy on dev
# without touching a paragraph that merely opens like a caption.
CAPTION_COPY_RATIO = 1.3
# Share of a block's text inside links above which it is navigation, not prose: article
# paragraphs link a few words; menus, teaser lists and "More >>" lines are links end to end.
MAX_LINK_SHARE = 0.5
# Characters of text that must come before a comments marker for it to end the article: a
# "Comments" line above the story (a header link) must not cut it; 300 is a short news item.
MIN_TEXT_BEFORE_COMMENTS = 300
_TEXT_KINDS = (Paragraph, Heading, Quote)


def is_junk(block: BodyBlock) -> bool:
    """True for a block that is a player, gallery or share-bar string."""
    return isinstance(block, _TEXT_KINDS) and bool(patterns.JUNK_LINE.match(block.text))


def is_caption_copy(block: BodyBlock, captions: dict[str, int]) -> bool:
    """True when a text block repeats an image caption or credit of the page."""
    if not isinstance(block, Paragraph | Quote):
        return False
    length = captions.get(text_key(block.text))
    return length is not None and len(block.text) <= CAPTION_COPY_RATIO * length


def caption_index(texts: Iterable[str]) -> dict[str, int]:
    """text key -> length of every caption/credit text (longest wins)."""
    out: dict[str, int] = {}
    for text in texts:
        key = text_key(text)
        if len(key) >= 8:
            out[key] = max(out.get(key, 0), len(text))
    return out


def drop_repeats(blocks: list[BodyBlock]) -> list[BodyBlock]:
    """Blocks without exact repeats of an earlier paragraph or quote (a lead shown twice)."""
    seen: set[str] = set()
    out = []
    for block in blocks:
        if isinstance(block, Paragraph | Quote):
            norm = " ".join(block.text.lower().split())
            if norm in seen:
                continue
            seen.add(norm)
        out.append(block)
    return out


def is_navigation(candidate: Candidate) -> bool:
    """True for a block cut from a layout table that is mostly links (a menu cell).

    Only layout-table blocks are judged: elsewhere trafilatura has already weighed link
    density, and a second, blunter pass dropped real link-rich paragraphs on dev.
    """
    return (
        candidate.from_layout
        and isinstance(candidate.block, Paragraph | ListBlock | Heading)
        and candidate.link_share > MAX_LINK_SHARE
    )


def cut_comments(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates before the first block that opens a reader-comments thread."""
    chars = 0
    for index, candidate in enumerate(candidates):
        block = candidate.block
        if isinstance(block, _TEXT_KINDS) and chars >= MIN_TEXT_BEFORE_COMMENTS \
                and patterns.COMMENTS_MARKER.match(block.text):
            return candidates[:index]
        chars += len(getattr(block, "text", ""))
    return candidates


def filter_blocks(candidates: list[Candidate], captions: dict[str, int]) -> list[BodyBlock]:
    """The text blocks that are article text."""
    kept = [
        c.block for c in cut_comments(candidates)
        if not is_navigation(c) and not is_junk(c.block) and not is_caption_copy(c.block, captions)
    ]
    return drop_repeats(kept)
