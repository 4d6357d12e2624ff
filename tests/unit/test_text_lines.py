"""Reading a plain-text payload into lines: a paragraph a renderer broke at its inline elements
is read as one line again, and nothing else is joined."""

from __future__ import annotations

from tasks.clean.text.lines import read_page


def _texts(payload: str) -> list[str]:
    return [line.text for line in read_page(payload).lines]


def test_a_paragraph_broken_at_a_link_is_one_line() -> None:
    payload = "Gardening\n\nA green roof, a kind of \nliving roof\n, keeps the house cool in summer.\n"
    assert _texts(payload) == ["Gardening", "A green roof, a kind of living roof, keeps the house cool in summer."]


def test_text_after_a_closing_bracket_or_quote_joins_without_a_space() -> None:
    assert _texts("The rule (see \nsection 4\n) applies.\n") == ["The rule (see section 4) applies."]


def test_a_line_ending_in_a_non_breaking_space_continues() -> None:
    assert _texts("Reading time\xa0\n12 minutes\n") == ["Reading time 12 minutes"]


def test_lines_parted_by_a_blank_line_stay_apart() -> None:
    payload = "The first paragraph ends here \n\n, and this one is its own line.\n"
    page = read_page(payload)
    assert [line.text for line in page.lines] == ["The first paragraph ends here", ", and this one is its own line."]
    assert [line.block for line in page.lines] == [0, 1]


def test_table_padding_and_indented_lines_are_not_joined() -> None:
    payload = "  Maine     63.9  \n  Vermont   61.2  \nTotal \n    * Home\n"
    assert _texts(payload) == ["Maine 63.9", "Vermont 61.2", "Total", "* Home"]


def test_plain_lines_without_a_trailing_space_stay_apart() -> None:
    assert _texts("Home\nNews\nSport\n") == ["Home", "News", "Sport"]


def test_text_after_an_inline_element_joins_an_unindented_line() -> None:
    page = read_page("Menu\n\nStorms cut power to \n3,000 homes\n on Tuesday.\n")
    joined = page.lines[1]
    assert joined.text == "Storms cut power to 3,000 homes on Tuesday."
    assert (joined.block, joined.index) == (1, 1)


def test_a_single_space_indent_under_an_indented_line_is_a_new_line() -> None:
    assert _texts(" 1. Plan the work.\n 2. Do the work.\n") == ["1. Plan the work.", "2. Do the work."]


def test_a_joined_line_keeps_the_indent_of_its_first_part() -> None:
    page = read_page("    The rule (see \nsection 4\n) applies.\n")
    assert [(line.text, line.indent) for line in page.lines] == [("The rule (see section 4) applies.", 4)]
