"""The line model's context features: the shape around a line, the prose run, listing shapes."""

from __future__ import annotations

import numpy as np

from tasks.clean.features.lines import LINE_FEATURES, best_run, line_matrix
from tasks.clean.text.classify import rule_lines

STORY = (
    "The council voted on Monday to approve the new budget for the town's three libraries.\n\n"
    "Its chair said the money would pay for longer opening hours and for two more librarians.\n\n"
    "The vote was close, and the opposition said it would ask for a review of the plan next year.\n\n"
)
MENU = "Home\nNews\nSport\nWeather\n\n"
SHOP = "Blue teapot\n$24.99\nAdd to basket\n\nGreen mug\n$9.50\nAdd to basket\n\nRed jug\n$31.00\nAdd to basket\n\n"


def _columns(text: str) -> tuple[list[str], dict[str, np.ndarray]]:
    lines = rule_lines(text)
    matrix = line_matrix(lines)
    return [line.body for line in lines], {name: matrix[:, i] for i, name in enumerate(LINE_FEATURES)}


def test_best_run_is_the_stretch_with_the_highest_sum() -> None:
    assert best_run(np.asarray([-3.0, 5.0, -1.0, 4.0, -9.0, 2.0])) == (1, 3)
    first, last = best_run(np.asarray([-1.0, -2.0]))
    assert last < first  # no positive stretch: no run


def test_the_menu_lies_outside_the_prose_run_and_the_story_inside() -> None:
    bodies, column = _columns(MENU + STORY + "Share\nPrint\n")
    story = bodies.index(STORY.split("\n", maxsplit=1)[0])
    assert column["in_prose_run"][story] == 1.0 and column["from_prose_run"][story] == 0.0
    assert column["in_prose_run"][0] == 0.0 and column["from_prose_run"][0] > column["from_prose_run"][3] > 0
    assert 0.5 < column["prose_run_word_share"][0] <= 1.0


def test_short_price_lines_are_prices_and_prose_naming_one_is_not() -> None:
    prose = "The council said the new reading room cost $24,000 to build, far less than the old one did."
    bodies, column = _columns(SHOP + prose + "\n")
    assert column["price"][bodies.index("$24.99")] == 1.0
    assert column["price"][bodies.index(prose)] == 0.0
    assert column["page_price_share"][0] == 3 / len(bodies)


def test_lines_shaped_like_many_others_have_a_large_family_share() -> None:
    lead = STORY.split("\n", maxsplit=1)[0]
    bodies, column = _columns(SHOP + lead + "\n")
    basket = bodies.index("Add to basket")
    story = bodies.index(lead)
    assert column["shape_family_share"][basket] > column["shape_family_share"][story]
    assert column["words_of_longest"].max() == 1.0


def test_windows_read_the_shape_of_the_lines_around() -> None:
    bodies, column = _columns(MENU + STORY)
    story = bodies.index(STORY.split("\n")[2])
    assert column["window2_terminal"][story] > column["window2_terminal"][0]
    assert column["window2_log_chars"][story] > column["window2_log_chars"][0]
