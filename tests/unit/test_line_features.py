"""The line model's context features: the shape around a line, the prose run, listing shapes."""

from __future__ import annotations

import numpy as np
import pytest

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


HEADED_STORY = "Home\nNews\nSport\n\nCouncil approves the library budget\n\nBy Jane Doe\n\n" + STORY + "Home\n"


def test_lines_are_placed_from_the_headline_and_the_byline() -> None:
    bodies, column = _columns(HEADED_STORY)
    title, byline = bodies.index("Council approves the library budget"), bodies.index("By Jane Doe")
    story = bodies.index(STORY.split("\n", maxsplit=1)[0])
    assert column["from_title"][title] == 0.0 and column["from_stamp"][byline] == 0.0
    assert column["from_title"][0] < 0 < column["from_title"][story]
    assert column["from_stamp"][title] < 0 < column["from_stamp"][story]


def test_good_lines_are_counted_on_either_side() -> None:
    bodies, column = _columns(HEADED_STORY)
    story = bodies.index(STORY.split("\n", maxsplit=1)[0])
    assert column["good_before"][story] == 0.0 and column["good_after"][story] == pytest.approx(np.log1p(2))
    assert column["gap_good_after"][0] == pytest.approx(np.log1p(story))
    assert column["gap_good_before"][story + 1] == pytest.approx(np.log1p(1))
    # no good line before the first: the page's length
    assert column["gap_good_before"][0] == pytest.approx(np.log1p(len(bodies)))


def test_a_menu_is_a_run_of_short_unpunctuated_lines() -> None:
    bodies, column = _columns(HEADED_STORY)
    story = bodies.index(STORY.split("\n", maxsplit=1)[0])
    assert column["short_run"][0] == pytest.approx(np.log1p(3)) and column["short_run"][story] == 0.0
    assert column["window6_short_run"][0] > column["window6_short_run"][story + 2]


def test_a_repeated_line_knows_which_occurrence_it_is() -> None:
    bodies, column = _columns(HEADED_STORY)
    assert column["repeat_order"][0] == 1.0 and column["repeat_order"][len(bodies) - 1] == 2.0
    assert column["repeat_order"][1] == 0.0  # "News" is said once


def test_block_means_and_length_against_the_good_lines() -> None:
    bodies, column = _columns(MENU + STORY)
    story = bodies.index(STORY.split("\n", maxsplit=1)[0])
    assert column["block_terminal"][story] == 1.0 and column["block_terminal"][0] == 0.0
    assert column["block_good"][story] == 1.0 and column["block_good"][0] == 0.0
    assert column["words_of_median_good"][0] < 0.2 < 0.8 < column["words_of_median_good"][story]


def test_the_comment_thread_is_marked_from_its_opening_line_on() -> None:
    thread = "3 Comments\n\nJane Roe says\n\nMarch 3, 2019 at 10:15 am\n\nLovely piece, thanks for writing it.\n"
    bodies, column = _columns(MENU + STORY + thread)
    story, opening = bodies.index(STORY.split("\n", maxsplit=1)[0]), bodies.index("3 Comments")
    assert column["comment_mark"][opening] == 1.0 and column["comment_mark"][story] == 0.0
    assert column["after_comments"][story] == 0.0 and column["after_comments"][len(bodies) - 1] == 1.0
    stamp = bodies.index("March 3, 2019 at 10:15 am")
    assert column["date_line"][stamp] == 1.0 and column["date_line"][story] == 0.0
    assert column["window6_date_line"][stamp] > column["window6_date_line"][0]


def test_a_comment_heading_above_the_story_opens_no_thread() -> None:
    bodies, column = _columns("3 Comments\n\n" + STORY)
    assert bodies[0] == "3 Comments" and column["comment_mark"][0] == 1.0
    assert column["after_comments"].max() == 0.0


def test_indented_menus_and_story_paragraphs_are_told_apart_by_indent() -> None:
    menu = "".join(f"          * {item}\n" for item in ("Home", "News", "Sport"))
    story = "".join(f"    {line}\n\n" for line in STORY.split("\n\n") if line)
    bodies, column = _columns(menu + "\n" + story)
    first = bodies.index(STORY.split("\n", maxsplit=1)[0])
    assert column["page_indented"][0] == 1.0
    assert column["indent"][0] > column["indent"][first] > 0
    assert column["indent_from_good"][first] == 0.0 and column["indent_from_good"][0] > 0
    assert column["indent_good_share"][first] == 1.0 and column["indent_good_share"][0] == 0.0
    assert column["indent_as_next"][0] == 1.0 and column["indent_run"][0] == pytest.approx(np.log1p(3.0))
    assert column["indent_run_word_share"][first] > 0.8 > column["indent_run_word_share"][0]


def test_an_unindented_page_is_marked_so() -> None:
    _, column = _columns("Home\nNews\n\n\n\nThe first line.\n\nThe second line.\n")
    assert column["page_indented"][0] == 0.0 and column["indent"].max() == 0.0


def test_tabs_indent_like_four_spaces() -> None:
    lines = rule_lines("\tOne line here.\n    Another line here.\n")
    assert [line.indent for line in lines] == [4, 4]
