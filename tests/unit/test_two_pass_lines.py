"""The two-pass line experiment (``benchmarks/two_pass_lines.py``): the columns its second pass
reads of the first pass's probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.two_pass_lines import FIRST_PASS_COLUMNS, SECOND_PASS_FEATURES, first_pass_columns
from tasks.clean.features.lines import LINE_FEATURES, line_matrix
from tasks.clean.text.classify import rule_lines

# Five lines: a story paragraph, a two-line menu block inside the story, two story paragraphs.
PAGE = (
    "The council voted on Monday to approve the new budget for the town's three libraries.\n\n"
    "Home\nNews\n\n"
    "Its chair said the money would pay for longer opening hours and for two more librarians.\n\n"
    "The vote was close, and the opposition said it would ask for a review of the plan next year.\n"
)
FIRST = np.array([0.9, 0.2, 0.4, 0.8, 0.1])


def columns(first: np.ndarray) -> dict[str, np.ndarray]:
    """The first-pass columns of ``PAGE`` for these probabilities, by name."""
    lines = rule_lines(PAGE)
    assert len(lines) == len(first)
    table = first_pass_columns(lines, line_matrix(lines), first)
    assert table.shape == (len(first), len(FIRST_PASS_COLUMNS))
    return {name: table[:, i] for i, name in enumerate(FIRST_PASS_COLUMNS)}


def test_neighbours_read_past_the_edges_as_minus_one() -> None:
    column = columns(FIRST)
    assert column["prev_p"][0] == -1.0 and column["prev2_p"][1] == -1.0 and column["next2_p"][3] == -1.0
    assert column["next_p"][0] == pytest.approx(0.2) and column["prev2_p"][2] == pytest.approx(0.9)


def test_a_menu_between_kept_lines_lies_inside_the_kept_span() -> None:
    column = columns(FIRST)
    assert column["in_kept_span"].tolist() == [1.0, 1.0, 1.0, 1.0, 0.0]
    assert column["from_kept_span"][1] == 0.0 and column["from_kept_span"][4] == pytest.approx(1 / 5)
    # The menu's best line above (0.9) and below (0.8): it is walled in by kept lines.
    assert column["min_max_p_around"][1] == pytest.approx(0.8)
    assert column["min_max_p_around"][4] == 0.0  # nothing below the last line


def test_the_block_mean_and_the_page_s_kept_words() -> None:
    column = columns(FIRST)
    assert column["block_p"][1] == pytest.approx(0.3) and column["block_p"][2] == pytest.approx(0.3)
    assert column["page_max_p"][4] == pytest.approx(0.9) and column["p_of_max"][3] == pytest.approx(0.8 / 0.9)
    assert 0.5 < column["kept_word_share"][0] < 1.0  # the two kept stories, not the third


def test_with_no_line_kept_the_distance_runs_to_the_page_s_end() -> None:
    column = columns(np.full(5, 0.1))
    assert column["in_kept_span"].sum() == 0.0
    assert column["from_kept_span"].tolist() == pytest.approx([1.0, 0.8, 0.6, 0.4, 0.2])


def test_the_second_pass_reads_the_first_pass_s_row_then_its_columns() -> None:
    assert SECOND_PASS_FEATURES[: len(LINE_FEATURES)] == LINE_FEATURES
    assert SECOND_PASS_FEATURES[len(LINE_FEATURES) :] == tuple(f"first_{name}" for name in FIRST_PASS_COLUMNS)
