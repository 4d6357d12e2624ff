"""The block model's context features: the container's rule vote and the last heading."""

from __future__ import annotations

import lxml.html
import pytest

from tasks.clean.features.blocks import (
    BLOCK_FEATURES,
    PageContext,
    block_matrix,
    container_kept_shares,
    heading_context,
)
from tasks.clean.features.page import page_row
from tasks.clean.features.segment import segment

POST = "Our volunteers planted forty oak trees along the canal towpath this spring."
COMMENTS = "".join(
    f'<div class="reply-box"><p>Reader note number {n} says the trees look lovely already.</p></div>'
    for n in range(3))
PAGE = f"""<html><head><title>Trees planted</title></head><body>
<div class="menu"><p><a href="/">Home</a></p><p><a href="/about">About</a></p></div>
<div class="story"><h2>Trees planted</h2><p>{POST}</p><p>The council paid for the saplings.</p></div>
<div class="talk"><h3>Replies</h3>{COMMENTS}</div></body></html>"""


def _columns() -> tuple[list[str], dict[str, list[float]]]:
    root = lxml.html.fromstring(PAGE)
    blocks = segment(root)
    kept = f"Trees planted {POST} The council paid for the saplings."
    matrix = block_matrix(blocks, PageContext(kept, [False] * len(blocks), ["Trees planted"],
                                              page_row(root, None, blocks)))
    return [b.text for b in blocks], {name: matrix[:, i].tolist() for i, name in enumerate(BLOCK_FEATURES)}


def test_container_share_is_the_word_weighted_vote_of_the_other_blocks() -> None:
    shares = container_kept_shares(["a", "a", "a", "b"], [10, 30, 0, 5], [1.0, 0.0, 1.0, 1.0])
    assert shares[0] == 0.0  # its one worded sibling was not kept
    assert shares[1] == 1.0
    assert shares[2] == pytest.approx(10 / 40)
    assert shares[3] == -1.0  # alone in its container


def test_a_block_among_kept_siblings_reads_a_high_container_share() -> None:
    texts, column = _columns()
    assert column["container_kept_share"][texts.index(POST)] == 1.0
    assert column["container_kept_share"][texts.index("Home")] == 0.0


def test_heading_context_counts_blocks_since_the_last_heading_and_reads_its_vote() -> None:
    texts, column = _columns()
    post, replies = texts.index(POST), texts.index("Replies")
    assert column["since_heading"][texts.index("Home")] == -1.0
    assert column["heading_kept"][post] == 1.0
    assert column["since_heading"][post] == pytest.approx(0.6931, abs=1e-3)  # log1p(1)
    assert column["heading_kept"][replies + 1] == 0.0


def test_heading_context_before_any_heading_is_minus_one() -> None:
    root = lxml.html.fromstring("<html><body><p>One para.</p><h2>Title</h2><p>Two.</p></body></html>")
    since, kept = heading_context(segment(root), [0.0, 1.0, 0.0])
    assert since[0] == kept[0] == -1.0
    assert kept[2] == 1.0
