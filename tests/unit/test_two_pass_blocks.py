"""The two-pass block experiment (``benchmarks/two_pass_blocks.py``): the columns its second pass
reads of the first pass's probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.two_pass_blocks import (
    FIRST_PASS_COLUMNS,
    SECOND_PASS_FEATURES,
    combined,
    first_pass_columns,
    second_pass_matrix,
)
from tasks.clean.features.blocks import BLOCK_FEATURES, TAG_CODES

# Six blocks: paragraph, h2, paragraph, empty paragraph, h2, paragraph.
WORDS = [9, 3, 9, 0, 9, 9]
TAGS = ["p", "h2", "p", "p", "h2", "p"]
FIRST = np.array([0.9, 0.2, 0.8, 0.1, 0.6, 0.3])


def page_matrix(words: list[int], tags: list[str]) -> np.ndarray:
    """A first-pass matrix with only the columns the second pass reads filled in."""
    matrix = np.zeros((len(words), len(BLOCK_FEATURES)), dtype=np.float32)
    matrix[:, BLOCK_FEATURES.index("words")] = words
    matrix[:, BLOCK_FEATURES.index("tag")] = [TAG_CODES[t] for t in tags]
    return matrix


def columns() -> dict[str, np.ndarray]:
    found = first_pass_columns(page_matrix(WORDS, TAGS), FIRST, keep=0.5)
    return {name: found[:, i] for i, name in enumerate(FIRST_PASS_COLUMNS)}


def test_neighbours_and_word_weighted_means_leave_the_block_out() -> None:
    c = columns()
    assert c["p"].tolist() == pytest.approx(FIRST.tolist())
    assert c["prev_p"][0] == -1 and c["next_p"][-1] == -1 and c["prev_p"][1] == pytest.approx(0.9)
    # Block 1's neighbours within one block: 10 words at 0.9 and 10 at 0.8 (weights are words + 1).
    assert c["around1_p"][1] == pytest.approx(0.85)
    # The empty block weighs little beside its long neighbours: 10 words at 0.8, 10 at 0.6.
    assert c["around1_p"][3] == pytest.approx(0.7)


def test_heading_columns_read_the_last_heading_and_the_rest_of_its_section() -> None:
    c = columns()
    assert c["heading_p"].tolist() == pytest.approx([-1, -1, 0.2, 0.2, 0.2, 0.6])
    # Before any heading the first block is alone in its section; the first h2's section also
    # holds blocks 2 and 3 (10 words at 0.8, 1 at 0.1).
    assert c["section_p"][0] == -1
    assert c["section_p"][1] == pytest.approx((10 * 0.8 + 0.1) / 11)


def test_kept_span_distance_rank_and_page_columns() -> None:
    c = columns()
    assert c["inside_kept"].tolist() == [1, 1, 1, 1, 1, 0]
    assert c["kept_distance"][0] == pytest.approx(np.log1p(2))  # the next kept block is two away
    assert c["kept_distance"][5] == pytest.approx(np.log1p(1))
    assert c["rank"][0] == 0 and c["rank"][3] == 1
    assert c["page_max_p"][0] == pytest.approx(0.9)
    assert c["page_kept_share"][0] == pytest.approx(30 / 45)


def test_a_page_with_one_block_or_none_kept_reads_minus_one_where_nothing_is_seen() -> None:
    one = first_pass_columns(page_matrix([5], ["p"]), np.array([0.2]), keep=0.5)[0]
    named = dict(zip(FIRST_PASS_COLUMNS, one.tolist(), strict=True))
    assert named["around10_p"] == -1 and named["kept_distance"] == -1 and named["inside_kept"] == 0
    assert first_pass_columns(page_matrix([], []), np.zeros(0), keep=0.5).shape == (0, len(FIRST_PASS_COLUMNS))


def test_second_pass_rows_extend_the_first_pass_rows_and_both_passes_count() -> None:
    matrix = page_matrix(WORDS, TAGS)
    rows = second_pass_matrix(matrix, FIRST)
    assert rows.shape == (len(WORDS), len(SECOND_PASS_FEATURES))
    assert np.array_equal(rows[:, : len(BLOCK_FEATURES)], matrix)
    assert combined(np.array([0.2]), np.array([0.8]))[0] == pytest.approx(0.5)
