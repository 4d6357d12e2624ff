"""Publication dates: declarations against the dates a reader sees, on HTML and plain-text pages.

Every page here is a hand-written fixture."""

from __future__ import annotations

import json
from datetime import date

import pytest

from tasks.metadata import dates
from tasks.models import ArticleIn, Metadata
from tasks.pipeline import process

BODY = " ".join(["The river authority opened the new flood gates after three years of building work."] * 6)


def page(head: str, body: str) -> Metadata:
    html = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    return process(ArticleIn(content=html, url="https://example.org/news/flood-gates", content_type="html")).metadata


def text_page(text: str) -> Metadata:
    return process(ArticleIn(content=text, content_type="text")).metadata


def ld(obj: dict[str, str]) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def day(meta: Metadata) -> str:
    return (meta.published_at or "")[:10]


# ---------------------------------------------------------------- disagreeing declarations


@pytest.mark.parametrize(("shown", "expected"), [
    ("<p>The gates, on 6 January 2022, opened for the first time after three years of work.</p>",
     "2022-01-06"),  # the <meta> date, in the body
    ("<p>The gates, on 4 January 2022, opened for the first time after three years of work.</p>",
     "2022-01-04"),  # the JSON-LD date, in the body
])
def test_disagreeing_declarations_are_settled_by_a_date_the_body_shows(shown: str, expected: str) -> None:
    """Given JSON-LD and ``article:published_time`` two days apart and no date in the header,
    the declaration whose day a line of the page prints wins."""
    head = ld({"@type": "Article", "headline": "Flood gates open", "datePublished": "2022-01-04T07:29:00Z"})
    head += '<meta property="article:published_time" content="2022-01-06T08:29:34">'
    body = f"<h1>Flood gates open</h1><p>{BODY}</p><p>{BODY}</p><h2>Gallery</h2><p>{BODY}</p>{shown}<p>{BODY}</p>"
    assert day(page(head, body)) == expected


# ---------------------------------------------------------------- save stamps


def test_save_stamp_gives_way_to_the_published_line_under_the_byline() -> None:
    """Given a declared publication that is the save stamp (later than the declared
    modification) and, under the headline, a byline then "Published Apr 26, 2023", the
    published line is the date."""
    head = ld({"@type": "Article", "headline": "Flood gates open", "datePublished": "2025-08-21T00:00:00",
               "dateModified": "2025-08-20T00:00:00"})
    body = ('<h1>Flood gates open</h1><div class="author">By <a href="/team/jane">Jane Doe</a>,'
            '<span>Co-Founder &amp; COO</span></div><div>By Jane Doe,</div><div>Published Apr 26, 2023</div>'
            f'<div>Updated Aug 21, 2025</div><p>{BODY}</p>'
            '<aside><span class="date">December 18, 2025</span> Older story</aside>')
    assert day(page(head, body)) == "2023-04-26"


@pytest.mark.parametrize(("stamp", "expected"), [
    ("13/11/2025 09:21:40", "2025-11-12"),  # mid-morning: far from where a zone shifts the day
    ("2025-11-13T00:21:40+01:00", "2025-11-13"),  # just past midnight: one moment in two time zones
])
def test_save_stamp_a_day_after_the_dateline_gives_way_unless_near_midnight(stamp: str, expected: str) -> None:
    """Given declared publication and modification that are the same instant (a save stamp)
    and "12 November 2025" under the headline, the dateline wins unless the stamp is near
    midnight, where one day apart may be one moment in two time zones."""
    head = ld({"@type": "Article", "headline": "Flood gates open", "datePublished": stamp, "dateModified": stamp})
    body = f"<h1>Flood gates open</h1><p>12 November 2025</p><p>{BODY}</p>"
    assert day(page(head, body)) == expected


# ---------------------------------------------------------------- a declaration no reader sees

DATELINE_BODY = f"<h1>Flood gates open</h1><p>8 Oct 2022</p><p>{BODY}</p>"


def _stamped(modified: str) -> str:
    return ('<meta property="article:published_time" content="2022-10-24T12:40:59+00:00">'
            f'<meta property="article:modified_time" content="{modified}">')


def test_headline_dateline_beats_a_declaration_the_page_never_shows() -> None:
    """Given ``article:published_time`` of October 24 that no line, date element or ``<time>``
    of the page prints, and "8 Oct 2022" under the headline, the dateline is the date."""
    assert day(page(_stamped("2022-12-02T08:16:16+00:00"), DATELINE_BODY)) == "2022-10-08"


UNSHOWN_STAMP = '<meta property="article:published_time" content="2022-10-24T12:40:59+00:00">'


def test_header_dateline_past_the_byline_beats_a_declaration_the_page_never_shows() -> None:
    """Given ``article:published_time`` of October 24 that the page never prints, and under the
    headline a standfirst, the author, a reading time, then "Oct 8, 2022" (not the headline's
    neighbour), that header dateline is the date."""
    body = ("<h1>Flood gates open</h1><p>Three years of building work come to an end</p>"
            f"<p>Jane Doe</p><p>7 min read</p><p>·</p><p>Oct 8, 2022</p><p>{BODY}</p>")
    assert day(page(UNSHOWN_STAMP, body)) == "2022-10-08"


def test_header_date_labelled_as_an_update_does_not_replace_the_declaration() -> None:
    """Given ``article:published_time`` of October 24 that the page never prints, and under the
    headline "Last Updated:" then "Oct 8, 2022" in two elements, the update is no publication date."""
    body = ("<h1>Flood gates open</h1><p>Three years of building work come to an end</p>"
            '<div class="columns"><div class="column"><div class="date-block"><div class="wrapper">\n'
            '<span class="label">Last Updated:</span>\n<span class="date">Oct 8, 2022</span>\n'
            f"</div></div></div></div><p>{BODY}</p>")
    assert day(page(UNSHOWN_STAMP, body)) == "2022-10-24"


@pytest.mark.parametrize(("modified", "body", "expected"), [
    # the body prints the declared day: the declaration stands
    ("2022-12-02T08:16:16+00:00", DATELINE_BODY + "<p>Board minutes, 24 October 2022</p>", "2022-10-24"),
    # the dateline is the declared modified day: modified never replaces published
    ("2022-12-02T08:16:16+00:00", DATELINE_BODY.replace("8 Oct 2022", "2 Dec 2022"), "2022-10-24"),
    # the modified declaration repeats the published day: two declarations agree
    ("2022-10-24T15:00:00+00:00", DATELINE_BODY, "2022-10-24"),
])
def test_declaration_stands_when_shown_or_corroborated(modified: str, body: str, expected: str) -> None:
    assert day(page(_stamped(modified), body)) == expected


@pytest.mark.parametrize("value", [
    "May 28", "Jan 04", "09:34", "2021", "May 2024",  # no year, no date, no month or day
])
def test_declared_value_without_a_whole_day_is_no_date(value: str) -> None:
    """dateutil fills what a value leaves out from today: "May 28" read as this year's."""
    assert dates.to_iso(value) is None


@pytest.mark.parametrize(("value", "iso"), [
    ("20210908", "2021-09-08T00:00:00"),
    ("Wed, 08 Sep 2021 10:00:00 GMT", "2021-09-08T10:00:00+00:00"),
    ("September 8, 2021 10:00", "2021-09-08T10:00:00"),
    ("2021-09-08 10:00:00 +0000", "2021-09-08T10:00:00+00:00"),
])
def test_declared_values_with_a_whole_day_are_read(value: str, iso: str) -> None:
    assert dates.to_iso(value) == iso


@pytest.mark.parametrize("element", ["clock", "month_day"])
def test_a_date_element_without_its_year_does_not_show_the_declaration(element: str) -> None:
    """Given a declaration of today's date that only a clock ("09:34") or a year-less day
    ("Dec 6") in a date element echoes, and "8 Oct 2022" under the headline: the dateline, as
    on any other day (those elements used to be read as today, this year)."""
    today = date.today()
    shown = {"clock": "09:34", "month_day": f"{today:%b} {today.day}"}[element]
    head = f'<meta property="article:published_time" content="{today.isoformat()}T12:00:00+00:00">'
    body = DATELINE_BODY + f'<aside><span class="date">{shown}</span> A reader wrote</aside>'
    assert day(page(head, body)) == "2022-10-08"


# ---------------------------------------------------------------- plain text


def test_text_dateline_under_the_title_without_a_label_is_the_publication_date() -> None:
    """Given a scraped page whose menu comes first and whose header prints the date alone under
    the repeated title, that date is the publication date."""
    menu = "".join(f"{item}\n" for item in ("Home", "News", "Sport", "Weather", "Events", "Jobs") * 6)
    text = f"Flood gates open - Valley Post\n{menu}Flood gates open\nBy Jane Doe\nOctober 8, 2022\n{BODY}\n"
    assert day(text_page(text)) == "2022-10-08"


@pytest.mark.parametrize("line", [
    "The gates will close again on October 8, 2022, the authority said.",  # a sentence
    "Updated October 8, 2022",  # an update, not the publication
    "Registered: 2022-10-08",  # another record's field
])
def test_text_header_lines_that_are_no_dateline_give_no_date(line: str) -> None:
    text = f"Flood gates open - Valley Post\nFlood gates open\n{line}\n{BODY}\n"
    assert day(text_page(text)) != "2022-10-08"


def test_datelines_around_reads_after_then_before_the_headline() -> None:
    lines = ["Menu", "3 March 2021", "Flood gates open", "By Jane Doe", "8 Oct 2022", BODY[:100]]
    assert dates.datelines_around(lines, ["Flood gates open"]) == ["2022-10-08", "2021-03-03"]
    assert dates.datelines_around(lines, ["Another story"]) == []


# ---------------------------------------------------------------- the original publication's note


def test_original_publication_note_beats_the_headline_dateline_when_nothing_is_declared() -> None:
    """Given no declared date, "12 Mar 2024" (the last update) under the headline and a note
    "This article was originally published on" / "3 Feb 2019" after the body, the note's date is
    the publication date."""
    body = (f"<h1>Flood gates open</h1><p>Jane Doe</p><p>12 Mar 2024, 9:15am</p><p>{BODY}</p>"
            "<p>This article was originally published on</p><p>3 Feb 2019 at 4:12pm</p>"
            "<p>but has been updated since.</p>")
    assert day(page("", body)) == "2019-02-03"


def test_original_publication_note_does_not_override_a_declared_date() -> None:
    """Given a declared publication on March 12 that the header shows, a note that the text was
    "first published" elsewhere on another day leaves the declared date."""
    head = '<meta property="article:published_time" content="2024-03-12T09:15:00+00:00">'
    body = (f"<h1>Flood gates open</h1><p>12 Mar 2024</p><p>{BODY}</p>"
            "<p>A preprint was first published on 3 Feb 2019.</p>")
    assert day(page(head, body)) == "2024-03-12"


@pytest.mark.parametrize(("lines", "expected"), [
    (["Originally published November 9, 2022 11:01 AM ET", "By"], "2022-11-09T11:01:00"),  # on its line
    (["This article was originally published on", "3 Feb 2019", "12 Mar 2024"], "2019-02-03"),  # next line
    (["Updated 12 Mar 2024", "First published on 3 Feb 2019"], "2019-02-03"),  # only after the label
    (["The post was originally published in April 2020.", "12 Mar 2024"], None),  # no whole day near it
    (["Published 12 Mar 2024", "3 Feb 2019"], None),  # no original-publication label
])
def test_original_publication_reads_the_labelled_date(lines: list[str], expected: str | None) -> None:
    assert dates.original_publication(lines) == expected
