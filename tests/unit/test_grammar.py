"""The shared grammars of ``tasks.common``: dates, the page clock and bylines, on lines written
for these tests (each form the grammar accepts, and lines it must turn down)."""

from __future__ import annotations

import pytest

from tasks.common import bylinetext, datetext

# ---------------------------------------------------------------- reading dates


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Posted November 22, 2024 in Local", "2024-11-22"),
        ("Nov. 3rd, 2021", "2021-11-03"),
        ("22 November 2024", "2024-11-22"),
        ("9 February, 2005", "2005-02-09"),
        ("Stand: 22. Oktober 2023", "2023-10-22"),
        ("publicado el 5 de octubre de 2022", "2022-10-05"),
        ("mis en ligne le 1er mars 2020", "2020-03-01"),
        ("2024-11-22", "2024-11-22"),
        ("22.11.2024", "2024-11-22"),
        ("22. 11. 2024", "2024-11-22"),
        ("Friday, November 22, 2024, 06:48 PM", "2024-11-22T18:48:00"),
        ("12 April 2023 um 14:30", "2023-04-12T14:30:00"),
        ("3 juin 2019 à 7:05", "2019-06-03T07:05:00"),
    ],
)
def test_each_written_form_reads_as_its_iso_date(line: str, iso: str) -> None:
    """Every form of the grammar, in each language it knows, gives the day (and time) written."""
    [expression] = datetext.find_dates(line)
    assert datetext.to_iso(expression) == iso


@pytest.mark.parametrize(
    "line",
    [
        "08/09/2017",  # day or month first: left to htmldate
        "Maybe 12, 2024 will be better",  # "May" inside a word
        "Room 22 Oktober",  # no year
        "1500 words, 20 minutes",
        "Version 2024-1-5",
    ],
)
def test_lines_without_a_readable_date_give_none(line: str) -> None:
    """Ambiguous numeric dates, month names inside words and dates without a year are not read."""
    assert datetext.find_dates(line) == []


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [
        ("06.11.2023 13:30 von Jane Doe", 70, "06.11.2023 13:30"),
        ("Posted on March 3, 2024 by Jane Doe", 70, "March 3, 2024"),
        ("Posted on March 3, 2024 by Jane Doe", 22, None),  # the year cut off by the end
        ("Posted on March 3 by Jane Doe", 70, None),
        ("Room 2024 on 22 Oktober", 70, None),  # a year, but no date
    ],
)
def test_search_date_finds_what_the_grammar_finds_before_the_end(text: str, end: int, expected: str | None) -> None:
    """The first date expression in the text's first ``end`` characters, as ``DATE_IN_TEXT`` finds it."""
    found = datetext.search_date(text, end)
    assert (found[0].strip(" ,") if found else None) == expected
    grammar = datetext.DATE_IN_TEXT.search(text, 0, end)
    assert (grammar[0] if grammar else None) == (found[0] if found else None)


def test_an_impossible_day_is_found_but_not_converted() -> None:
    """30 February has the shape of a date but is no day of the calendar."""
    assert datetext.to_iso("30.02.2024") is None
    assert datetext.to_iso("February 30, 2024") is None


def test_first_date_skips_page_clocks_and_gives_up_on_slashed_dates() -> None:
    """The site's clock is never the article's date; a slashed date stops the search."""
    clock = "Friday, November 22, 2024 | 12°C | Login | Subscribe"
    assert datetext.first_date([clock, "Published 3 March 2021"]) == "2021-03-03"
    assert datetext.first_date(["08/09/2017", "3 March 2021"]) is None


# ---------------------------------------------------------------- recognising dates in lines


@pytest.mark.parametrize(
    ("line", "updated"),
    [
        ("Updated November 11, 2022", True),
        ("Last updated:", True),
        ("Aktualisiert am 3. Mai 2024", True),
        ("Published May 3, 2024, updated May 4", False),
        ("November 11, 2022", False),
    ],
)
def test_is_updated_tells_a_revision_label_from_a_publication_line(line: str, updated: bool) -> None:
    assert datetext.is_updated(line) is updated


@pytest.mark.parametrize(
    "line",
    ["Fri, Nov 22, 2024", "Tuesday 3 March 2020", "2024-11-22 10:00", "08/09/17", "22.11.2024"],
)
def test_the_line_grammar_recognises_english_and_numeric_dates(line: str) -> None:
    """What the clean stage's line roles call a date, weekday first or not, numeric or not."""
    assert datetext.DATE.search(line)


@pytest.mark.parametrize(
    "line",
    ["Fri, Nov 22, 2024", "08/09/17", "22.11.2024", "1.2.99", "No date in 2024 here", "Call 555 1234",
     "Nov 22 2024", "3 March 2020", "Version 1.2.3", "12/2024", "٢٢.١١.٢٠٢٤", "Tel. 0201/12.34 56"],
)
def test_holds_date_answers_as_the_line_grammar_does(line: str) -> None:
    """Its digit pre-scan only skips lines the grammar cannot match."""
    assert datetext.holds_date(line) is (datetext.DATE.search(line) is not None)


@pytest.mark.parametrize("line", ["22. Oktober 2023", "March of the Penguins", "Call 555 1234"])
def test_the_line_grammar_leaves_other_languages_and_numbers_alone(line: str) -> None:
    """Its month names are English (the line model learned its roles so)."""
    assert datetext.DATE.search(line) is None


def test_calendar_words_are_whole_day_and_month_names_not_abbreviations() -> None:
    """Whole names in every language are calendar words; "Jan" (also a first name) is not."""
    assert {"may", "donnerstag", "octobre", "miércoles"} <= datetext.CALENDAR_WORDS
    assert not {"jan", "sept", "thurs", "mon"} & datetext.CALENDAR_WORDS


# ---------------------------------------------------------------- the page clock


@pytest.mark.parametrize(
    "line",
    [
        "Friday, November 22, 2024 | 12°C | Login | Subscribe",  # weather
        "Home | News | Sport | November 22, 2024",  # a menu bar with three fields
        "Home Login November 22, 2024",  # navigation words beside the date
        "Current time: 22.11.2024 14:30",  # a clock cue
        "14:30 Berlin 12°C",  # time and temperature, no date
    ],
)
def test_header_bars_with_a_date_or_time_are_page_clocks(line: str) -> None:
    """The site's own clock lines, whatever they are dressed in."""
    assert datetext.is_page_clock(line)


@pytest.mark.parametrize(
    "line",
    [
        "Published November 22, 2024",  # a dateline
        "The council met on November 22, 2024 | home | news | and voted.",  # a sentence
        "Home | News | Sport",  # no date
        "By Jane Doe | November 22, 2024",  # a byline with its date
    ],
)
def test_datelines_sentences_and_undated_menus_are_not_page_clocks(line: str) -> None:
    """An article's own dated lines stay the article's."""
    assert not datetext.is_page_clock(line)


def test_a_caller_measured_length_decides_a_long_bar() -> None:
    """The words the caller counted (CJK characters count apart) replace the line's own count."""
    line = "Home Login November 22, 2024"
    assert datetext.is_page_clock(line, words=5.0)
    assert not datetext.is_page_clock(line, words=41.0)


# ---------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("By Jane Doe", "Jane Doe"),
        ("Written by: Jane Doe", "Jane Doe"),
        ("Ein Artikel von Jane Doe | 27.01.2022", "Jane Doe | 27.01.2022"),
        ("Par Jean Dupont, à Lyon", "Jean Dupont, à Lyon"),
        ("Text: Jana Novak", "Jana Novak"),
        ("von Anna Weber am 3. März 2024", "Anna Weber am 3. März 2024"),
        ("Autor", ""),  # the name is on the next line
        ("Thread starter", ""),  # a forum's first poster, on the next line
        ("Thread starter river_fan", "river_fan"),  # ... or a handle on the same line
        ("by Jane Doe » Tue Aug 27, 2019 1:47 am", "Jane Doe » Tue Aug 27, 2019 1:47 am"),
        ("by river_watch » Tue Aug 27, 2019", "river_watch » Tue Aug 27, 2019"),  # a handle
        ("by jdoe | Apr 21, 2025", "jdoe | Apr 21, 2025"),
        ("by jdoe", "jdoe"),  # a handle alone after the label
        ("Verfasst von: jdoe | 31. Dezember 2008", "jdoe | 31. Dezember 2008"),
        ("ByJane Doe", "Jane Doe"),  # "By" and the name in two elements, no space between
        ("Article written by:", ""),  # an author box's label, the name on the next line
        ("This post was written by Jane Doe,", "Jane Doe,"),
        ("Autoren Jane Doe und John Roe", "Jane Doe und John Roe"),  # a plural noun before names
        ("责任编辑：", ""),  # the editor in charge, named on the next line
        ("责任编辑：孔德明", "孔德明"),  # a name in Chinese script has no capitals
    ],
)
def test_after_label_gives_what_follows_each_byline_label(line: str, rest: str) -> None:
    """Phrases, credit nouns with a colon and prepositions with a name each open a byline."""
    assert bylinetext.after_label(line) == rest


@pytest.mark.parametrize(
    "line",
    [
        "Text",  # a credit noun without a colon is a menu item
        "By the river, the town waits",  # no name after the preposition
        "Von März 2020 an",  # a month, not a name
        "Mehr von Jane Doe",  # the label is not at the start
        "by default, the gates stay closed",  # a lower-case word without a byline's separator
        "by 2025",  # digits are no handle
        "Written by: the river authority",  # lower-case words that are no handle
        "author:username",  # search syntax: a placeholder after a colon label
        "ByteDance shares rise",  # "By" starts a word, it is glued to no name
        "This post was edited in 2024",  # a subject without a byline phrase
        "Authors say the deadline is near",  # a plural noun before common words
        "Thread starter pack for beginners",  # a handle alone after the starter label, not words
    ],
)
def test_lines_that_only_look_like_bylines_are_not_read_as_one(line: str) -> None:
    """Labels without a name, months after "von" and labels mid-line are no bylines."""
    assert bylinetext.after_label(line) is None


def test_a_heading_is_never_a_preposition_byline() -> None:
    """A headline may start with "Von ..."; a phrase label still counts in a heading."""
    assert bylinetext.after_label("Von Berlin nach Paris", heading=True) is None
    assert bylinetext.after_label("Von Anna Weber") == "Anna Weber"
    assert bylinetext.after_label("Written by Anna Weber", heading=True) == "Anna Weber"


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe, Reuters"),
        ("Reporting by Jane Doe; Editing by John Roe", "Jane Doe; Editing by John Roe"),
        ("Story by: Jane Doe", "Jane Doe"),
    ],
)
def test_by_line_reads_english_bylines_with_their_credit_word(line: str, names: str) -> None:
    """The English "By" line of the clean stage's roles, with "Story"/"Reporting" before it."""
    match = bylinetext.BY_LINE.match(line)
    assert match is not None and match["names"] == names


@pytest.mark.parametrize("line", ["by the river", "Goodbye Jane Doe", "Stand by Me"])
def test_by_line_needs_by_first_and_a_capitalised_name(line: str) -> None:
    """Lowercase words after "by", or "by" inside a word or mid-line, make no byline."""
    assert bylinetext.BY_LINE.match(line) is None


def test_byline_leads_hold_every_label_once() -> None:
    """The words stripped off an author string include every label and preposition, once."""
    leads = bylinetext.BYLINE_LEADS
    assert len(leads) == len(set(leads))
    assert set(bylinetext.BYLINE_PHRASES) | set(bylinetext.BYLINE_PREPOSITIONS) <= set(leads)
    assert {"by", "von"} <= bylinetext.BY_WORDS
