"""Post-extraction filters: widget strings, captions and repeated paragraphs out of the text."""

from __future__ import annotations

import re
from collections.abc import Iterable

from tasks.clean.html import patterns
from tasks.clean.html.convert import Candidate
from tasks.clean.html.placement import text_key
from tasks.models import BodyBlock, Heading, ListBlock, Paragraph, Quote

# A paragraph counts as a caption's copy when it starts with the caption and is at most this
# much longer (a credit or "Photo:" glued on). On dev 1.0, 1.3 and 2.0 are within 0.0001 F1;
# 1.3 tolerates a glued credit of a few words.
CAPTION_COPY_RATIO = 1.3
# Share of a layout-table block's text inside links above which it is a menu cell: prose
# links a few words; menus and "More >>" lines are links end to end. Hand-set.
MAX_LINK_SHARE = 0.5
# Characters of text that must come before a comments marker for it to end the article: a
# "Comments" line above the story (a header link) must not cut it; 300 is a short news item
# (100 gives the same F1 on dev).
MIN_TEXT_BEFORE_COMMENTS = 300
# A "More stories" heading ends the article only once this share of the text is above it.
# Without the condition a headline rail above the story cut l3s pages (-0.009 F1 there);
# 0.5 and 0.7 give the same F1 on dev. With it, dev F1 +0.0006, readability heading F1 +0.02.
MIN_TEXT_SHARE_BEFORE_TEASERS = 0.5
# A title shorter than this (normalised) is too generic to identify a headline ("News"). Hand-set.
MIN_TITLE_KEY_CHARS = 12
# The headline sits among the first blocks, after at most a kicker, a date line or a dek:
# looking only before the first paragraph gave heading F1 0.841 on the readability pages, 3
# blocks 0.851.
TITLE_SEARCH_BLOCKS = 3
# Blocks of a layout table shorter than this that are not sentences are widget labels
# ("Most read", "Poll centre"). On dev 4, 6 and 8 words give 0.9625, 0.9626 and 0.9623 F1.
MIN_LAYOUT_BLOCK_WORDS = 6
_SENTENCE_ENDS = (".", "!", "?", "\"", "”", "»")
# Widget strings and comment-thread openers are short; longer blocks are not even tested.
MAX_WIDGET_CHARS = 200
_TEXT_KINDS = (Paragraph, Heading, Quote)
_NON_WORD = re.compile(r"[\W_]+")


def is_junk(block: BodyBlock) -> bool:
    """True for a block that is a player, gallery or share-bar string."""
    return isinstance(block, _TEXT_KINDS) and len(block.text) <= MAX_WIDGET_CHARS \
        and bool(patterns.JUNK_LINE.match(block.text))


def is_caption_copy(block: BodyBlock, captions: dict[str, list[str]]) -> bool:
    """True when a text block is an image caption or credit of the page (give or take a
    glued-on credit): it starts with the caption, and is not much longer."""
    if not captions or not isinstance(block, Paragraph | Quote):
        return False
    candidates = captions.get(text_key(block.text), ())
    words = _words(block.text) if candidates else ""
    return any(words.startswith(c) and len(words) <= CAPTION_COPY_RATIO * len(c) for c in candidates)


def caption_index(texts: Iterable[str]) -> dict[str, list[str]]:
    """text key -> the letters and digits of every caption/credit text with that key."""
    out: dict[str, list[str]] = {}
    for text in texts:
        key = text_key(text)
        if len(key) >= 8:
            out.setdefault(key, []).append(_words(text))
    return out


def _words(text: str) -> str:
    return _NON_WORD.sub("", text.lower())


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


def is_layout_stub(candidate: Candidate) -> bool:
    """True for a short label cut from a layout table ("Most read", "Poll centre", "Yes"):
    the article's own cell holds sentences; the other cells hold labels of widgets."""
    block = candidate.block
    if not candidate.from_layout or not isinstance(block, Paragraph | Heading):
        return False
    return len(block.text.split()) < MIN_LAYOUT_BLOCK_WORDS and not block.text.endswith(_SENTENCE_ENDS)


def is_navigation(candidate: Candidate) -> bool:
    """True for a mostly-linked block cut from a layout table (a menu cell).

    Other blocks are not judged: trafilatura has already weighed their link density, and a
    second, blunter pass (also tried on headings alone) dropped real content on dev.
    """
    return (
        candidate.from_layout
        and isinstance(candidate.block, Paragraph | ListBlock | Heading)
        and candidate.link_share > MAX_LINK_SHARE
    )


def _opens_comments(block: BodyBlock) -> bool:
    return isinstance(block, _TEXT_KINDS) and len(block.text) <= MAX_WIDGET_CHARS \
        and bool(patterns.COMMENTS_MARKER.match(block.text))


def _opens_teasers(block: BodyBlock) -> bool:
    return isinstance(block, Heading) and len(block.text) <= MAX_WIDGET_CHARS \
        and bool(patterns.TEASER_SECTION_MARKER.match(block.text))


def cut_comments(candidates: list[Candidate]) -> list[Candidate]:
    """The candidates before the first block that opens a reader-comments thread, or a rail
    of other stories ("More stories") once most of the text is behind us: a rail of
    headlines can also sit above the article."""
    total = sum(len(getattr(c.block, "text", "")) for c in candidates)
    chars = 0
    for index, candidate in enumerate(candidates):
        block = candidate.block
        if chars >= MIN_TEXT_BEFORE_COMMENTS and (
            _opens_comments(block) or (_opens_teasers(block) and chars >= MIN_TEXT_SHARE_BEFORE_TEASERS * total)
        ):
            return candidates[:index]
        chars += len(getattr(block, "text", ""))
    return candidates


def demote_title_heading(blocks: list[BodyBlock], titles: Iterable[str]) -> list[BodyBlock]:
    """Blocks where the headline is a paragraph: a heading at the top that repeats the page's
    title, or an <h1> there. It stays in the text (news truths and trafilatura keep it; dropping
    it cost 0.002 F1 on dev, 0.004 on Dragnet) but must not open a section of its own."""
    keys = {text_key(t) for t in titles if len(text_key(t)) >= MIN_TITLE_KEY_CHARS}
    for index, block in enumerate(blocks[:TITLE_SEARCH_BLOCKS]):
        if isinstance(block, Heading) and (block.level == 1 or text_key(block.text) in keys):
            return [*blocks[:index], Paragraph(text=block.text), *blocks[index + 1:]]
    return blocks


def demote_edge_subheads(candidates: list[Candidate]) -> list[BodyBlock]:
    """Blocks where a bold "sub-head" that opens or closes the article is a paragraph again:
    a sub-head introduces following text, so at the edges it is a credit or a notice."""
    blocks = [c.block for c in candidates]
    for index in (0, len(blocks) - 1):
        if 0 <= index < len(blocks) and candidates[index].bold_subhead:
            blocks[index] = Paragraph(text=blocks[index].text)  # type: ignore[union-attr]
    return blocks


def filter_blocks(
    candidates: list[Candidate], captions: dict[str, list[str]], titles: Iterable[str] = (),
) -> list[BodyBlock]:
    """The text blocks that are article text."""
    kept = [
        c for c in cut_comments(candidates)
        if not is_navigation(c) and not is_layout_stub(c) and not is_junk(c.block)
        and not is_caption_copy(c.block, captions)
    ]
    return demote_title_heading(drop_repeats(demote_edge_subheads(kept)), titles)
