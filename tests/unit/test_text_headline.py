"""The headline of a plain-text payload, chosen among its classified lines (own fixtures)."""

from __future__ import annotations

import pytest

from tasks.metadata.text_meta import headline_line, read_text_fields
from tasks.models import ArticleIn, ClassifiedLine
from tasks.pipeline import process

BODY = " ".join(["The council met on Tuesday evening to debate the new harbour plan for the town."] * 6)


def lines_of(*rows: tuple[str, str]) -> list[ClassifiedLine]:
    return [ClassifiedLine(text=text, role=role) for text, role in rows]  # type: ignore[arg-type]


@pytest.mark.parametrize("skip_link", ["Skip to main content", "Skip to content", "Table of Contents"])
def test_skip_links_and_contents_boxes_are_never_the_headline(skip_link: str) -> None:
    """The first line is chrome: the headline is the line above the byline and the text."""
    lines = lines_of(
        (skip_link, "boilerplate"),
        ("* Home", "boilerplate"),
        ("* News", "boilerplate"),
        ("Harbour plan approved after long debate", "boilerplate"),
        ("By Jane Doe", "byline"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines) == "Harbour plan approved after long debate"


def test_a_headline_opening_with_a_control_word_is_still_a_headline() -> None:
    """"Search" and "Menu" alone are controls; a headline may open with either word."""
    lines = lines_of(
        ("Search", "boilerplate"),
        ("Menu", "boilerplate"),
        ("Search for survivors resumes after the quake", "boilerplate"),
        ("By Jane Doe", "byline"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines) == "Search for survivors resumes after the quake"


def test_the_url_slug_names_the_headline_among_teasers() -> None:
    """Of several headline-shaped lines, the one holding the slug's words wins."""
    lines = lines_of(
        ("Skip to content", "boilerplate"),
        ("Ferry timetable changes this winter", "title"),
        ("Harbour plan approved after long debate", "boilerplate"),
        (BODY, "paragraph"),
        ("Ferry timetable changes this winter", "boilerplate"),
    )
    url = "https://example.org/2024/06/harbour-plan-approved-after-long-debate/"
    assert headline_line(lines, url) == "Harbour plan approved after long debate"
    assert headline_line(lines, None) == "Harbour plan approved after long debate"
    assert headline_line(lines, "https://example.org/2024/06/ferry-timetable-changes-winter") == (
        "Ferry timetable changes this winter"
    )


def test_a_line_written_with_the_last_path_segment_is_a_collections_name() -> None:
    """A short segment ("/all-sheets") is no slug of several words, but names its line exactly."""
    lines = lines_of(
        ("Free shipping on orders over $50", "boilerplate"),
        ("Sheets for your sleep sanctuary", "boilerplate"),
        ("All Sheets", "boilerplate"),
        ("Percale Sheet Set", "boilerplate"),
    )
    assert headline_line(lines, "https://shop.example.com/collections/all-sheets") == "All Sheets"


def test_a_declared_title_first_line_is_confirmed_by_its_headline_lower_down() -> None:
    """A rendering that keeps the ``<title>`` on top: the printed headline it contains wins."""
    lines = lines_of(
        ("Harbour plan approved: what changes for the town | Coastal Times", "boilerplate"),
        ("Subscribe now", "boilerplate"),
        ("Harbour plan approved", "boilerplate"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines) == "Harbour plan approved"


def test_a_short_menu_repeated_below_the_first_line_confirms_nothing() -> None:
    """A menu written twice (desktop, mobile) is no declared title and its headline."""
    lines = lines_of(
        ("My account Logout", "boilerplate"),
        ("My account Logout", "boilerplate"),
        ("Harbour plan approved after long debate", "boilerplate"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines) == "Harbour plan approved after long debate"


URL = "https://example.org/news/harbour-plan-approved-after-long-debate"


def test_a_first_line_without_the_slugs_words_is_chrome_even_printed_twice() -> None:
    """A menu printed by the mobile and the desktop header is no declared title: the URL's slug
    shares none of its words, and names the headline."""
    lines = lines_of(
        ("My account Logout Login Register", "boilerplate"),
        ("* News", "boilerplate"),
        ("My account Logout Login Register", "boilerplate"),
        ("Harbour plan approved after long debate", "boilerplate"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines, URL) == "Harbour plan approved after long debate"
    assert headline_line(lines) == "My account Logout Login Register"


def test_a_declared_title_first_line_the_slug_names_is_still_cut() -> None:
    """The ``<title>`` on top shares the slug's words: the printed headline it contains wins."""
    lines = lines_of(
        ("Harbour plan approved after long debate - what changes | Coastal Times", "boilerplate"),
        ("Harbour plan approved after long debate", "boilerplate"),
        ("Ferry timetable changes this winter", "boilerplate"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines, URL) == "Harbour plan approved after long debate"


def test_a_printed_line_that_is_some_of_a_title_part_confirms_the_whole_part() -> None:
    """A heading or a teaser lower down with some of the title's words tells which part is the
    headline; the headline is that part whole, as the page declares it."""
    lines = lines_of(
        ("Harbour plan approved after long debate in the town hall | Coastal Times", "boilerplate"),
        ("Subscribe now", "boilerplate"),
        ("Harbour plan approved after long debate", "heading"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines) == "Harbour plan approved after long debate in the town hall"


def test_a_trail_from_home_is_not_the_headline_however_its_marks_are_spaced() -> None:
    """ "Home - News - Headline" and "Home >News > Headline" hold the slug's words as the headline
    does, and come first."""
    for trail in ("Home - News - Harbour plan approved after long debate",
                  "Home >News > Harbour plan approved after long debate"):
        lines = lines_of(
            ("Skip to content", "boilerplate"),
            (trail, "boilerplate"),
            ("Share this article", "boilerplate"),
            ("Harbour plan approved after long debate", "boilerplate"),
            (BODY, "paragraph"),
        )
        assert headline_line(lines, "https://example.org/harbour-plan-approved-debate") == (
            "Harbour plan approved after long debate"
        )


@pytest.mark.parametrize("label", ["Key Points", "Hide Caption", "Hi to all,", "The plan includes these changes:"])
def test_a_label_or_a_lead_in_above_the_first_paragraph_is_not_the_headline(label: str) -> None:
    """Two words, or a line that leads into the paragraph, is a box's label or a greeting."""
    lines = lines_of(
        ("Harbour plan approved after long debate", "boilerplate"),
        (label, "boilerplate"),
        (BODY, "paragraph"),
    )
    assert headline_line(lines) == "Harbour plan approved after long debate"


def test_a_breadcrumb_trail_is_not_the_headline_it_ends_with() -> None:
    """The trail holds the slug's words as the headline does, and comes first."""
    lines = lines_of(
        ("Home · News · Harbour plan approved after long debate", "boilerplate"),
        ("Harbour plan approved after long debate", "boilerplate"),
        ("Share this article", "boilerplate"),
        (BODY, "paragraph"),
    )
    url = "https://example.org/news/harbour-plan-approved-after-long-debate"
    assert headline_line(lines, url) == "Harbour plan approved after long debate"


def test_the_site_name_still_comes_from_the_first_lines_suffix() -> None:
    """Choosing another line as the headline keeps the site's name of the title line."""
    lines = lines_of(
        ("Harbour plan approved: what changes for the town | Coastal Times", "boilerplate"),
        ("Harbour plan approved", "boilerplate"),
        (BODY, "paragraph"),
    )
    header = read_text_fields(lines)
    assert header.title == "Harbour plan approved"
    assert header.site_name == "Coastal Times"


def test_the_pipeline_passes_the_url_to_the_text_headline() -> None:
    """End to end: a text payload's URL slug picks its headline over a teaser below it."""
    text = (
        "Skip to main content\n\nHarbour plan approved after long debate\n\n"
        "Ferry timetable changes this winter\n\n" + BODY
    )
    url = "https://example.org/news/harbour-plan-approved-after-long-debate"
    meta = process(ArticleIn(content=text, url=url, content_type="text")).metadata
    assert meta.title == "Harbour plan approved after long debate"
