"""Authors and dates from the page's own conventions: JSON-LD references, Twitter card labels,
labelled bylines, author profile links, the headline's dateline, shown vs declared dates.

Every page here is a hand-written fixture."""

from __future__ import annotations

import json

import pytest

from tasks.common import page_lines
from tasks.metadata import authors, bylines, dates
from tasks.metadata.gazetteers import is_plain_word
from tasks.metadata.html_meta import parse_page, read_html_fields
from tasks.metadata.names import without_trade_words
from tasks.models import ArticleIn, Metadata
from tasks.pipeline import process

BODY = " ".join(["The river authority opened the new flood gates after three years of building work."] * 6)


def page(head: str, body: str, url: str = "https://example.org/news/flood-gates") -> Metadata:
    html = f"<!doctype html><html><head>{head}</head><body>{body}</body></html>"
    return process(ArticleIn(content=html, url=url, content_type="html")).metadata


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# ---------------------------------------------------------------- authors


def test_jsonld_author_given_as_a_reference_into_the_graph_is_resolved():
    """Given an article whose author is only {"@id": ...}, the Person of that id names it."""
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "Article", "headline": "Flood gates open", "author": {"@id": "https://example.org/#/person/1"}},
        {"@type": "Person", "@id": "https://example.org/#/person/1", "name": "Mira Lindqvist"},
    ]}
    meta = page(ld(graph), f"<h1>Flood gates open</h1><p>{BODY}</p>")
    assert meta.authors == ["Mira Lindqvist"]


def test_twitter_card_written_by_label_names_the_author():
    """Given Yoast's card labels in German, the "Verfasst von" value is the author."""
    head = ('<meta name="twitter:label1" content="Verfasst von"><meta name="twitter:data1" content="Jonas Berger">'
            '<meta name="twitter:label2" content="Geschätzte Lesezeit"><meta name="twitter:data2" content="3 Minuten">')
    assert page(head, f"<h1>Schleusen offen</h1><p>{BODY}</p>").authors == ["Jonas Berger"]


def test_labelled_visible_byline_beats_a_site_wide_meta_author():
    """Given <meta name=author> naming the site's operator and a visible "Geschrieben von" line,
    the person on the line is the author, without the date that follows the name."""
    head = '<meta name="author" content="Riverside Club Online">'
    body = (f'<h1>Schleusen offen</h1><p class="info">Geschrieben von <a href="/user?id=4">Kim42</a> '
            f'am 03.04.2015 10:12</p><p>{BODY}</p>')
    assert page(head, body).authors == ["Kim42"]


def test_a_teasers_byline_after_the_article_gives_way_to_the_meta_author():
    """Given <meta name=author> naming a person and a "Written by" line only in a related post's
    teaser under the article, the meta author is the author, not the teaser's writer."""
    head = '<meta name="author" content="Maria Roe">'
    article = "".join(f"<p>{n}. {BODY}</p>" for n in range(1, 7))  # beyond the headline's header
    body = (f'<h1>Schleusen offen</h1>{article}<section><h3>Related</h3><h4>Dam repairs</h4>'
            '<p>Written by Tom Keller</p></section>')
    assert page(head, body).authors == ["Maria Roe"]


def test_a_comments_byline_after_the_article_gives_way_to_the_name_beside_the_headers_date():
    """Given "Elin Marsh, 03.04.2015" under the headline and a comment's "geschrieben von
    ElinM am ..." after the article, the header's credit is the author, not the comment's."""
    article = "".join(f"<p>{n}. {BODY}</p>" for n in range(1, 7))
    body = (f'<h1>Schleusen offen</h1><p>Elin Marsh, 03.04.2015</p>{article}<div id="comments" class="comments">'
            '<h3>Kommentare</h3><ol class="comment-list"><li class="comment"><p>Danke!</p>'
            '<p class="comment-meta">geschrieben von ElinM am 05.04.2015, 21:03</p></li></ol></div>')
    assert page("", body).authors == ["Elin Marsh"]


@pytest.mark.parametrize(("page_type", "expected"), [("forum", ["kayak77"]), ("article", ["Mira Holt"])])
def test_a_forum_threads_poster_comes_before_a_byline_quoted_in_the_post(page_type, expected):
    """Given a thread whose first post quotes an article ("von Mira Holt") under its poster's
    name and statistics ("kayak77" / "Beiträge: 212"), the poster is the forum page's author; on
    an article the labelled byline keeps its turn."""
    chat = "".join(f"<p>Line {n} of my post about the gates.</p>" for n in range(6))
    body = ('<h2>Schleusen offen</h2><div class="post"><div class="profile"><p>kayak77</p><p>Beiträge: 212</p>'
            '<p>Registriert: 12.03.2019</p></div>'
            f'<div class="content">{chat}<blockquote><p>Schleusen offen am Fluss</p><p>von Mira Holt</p>'
            f'<p>{BODY}</p></blockquote></div></div>')
    html = f"<!doctype html><html><head></head><body>{body}</body></html>"
    assert read_html_fields(html, None, BODY, None, page_type).authors == expected


def test_bylines_are_split_at_the_articles_last_paragraph():
    """The labelled bylines up to the article's last paragraph come first, those printed only
    after it second; when no line prints the article's text, every byline is in the first list."""
    text = f"Flood gates open\n\n{BODY}\n\nThe gates close in May."
    lines = ["By Sofia Lind", "\x01Flood gates open", BODY[:100], "The gates close in May.", "Related",
             "By Tom Keller | Dams", "By Sofia Lind"]
    assert bylines.article_end(lines, text) == 3
    assert bylines.bylines_around_article(lines, text) == (["Sofia Lind"], ["Tom Keller | Dams"])
    assert bylines.bylines_around_article(lines, "Another story.") == (["Sofia Lind", "Tom Keller | Dams"], [])


def test_author_label_alone_above_the_name():
    """Given a heading "Autorin" and the name in the next block, the name is the author."""
    body = f'<h1>Schleusen offen</h1><p>{BODY}</p><aside><h4>Autorin</h4><p><a href="/p/9">Maria Roe</a></p></aside>'
    assert page("", body).authors == ["Maria Roe"]


def test_a_headline_starting_with_von_is_not_a_byline():
    """Given a subheading "Von Schleusen und Wehren", nobody is credited."""
    body = f"<h1>Hochwasser</h1><h2>Von Schleusen und Wehren</h2><p>{BODY}</p>"
    assert page("", body).authors == []


def test_byline_line_that_starts_with_its_date():
    """Given "11.02.2022 09:15 von Lena", Lena is the author."""
    body = f"<h1>Schleusen offen</h1><p><span>11.02.2022 09:15 von Lena</span></p><p>{BODY}</p>"
    assert page("", body).authors == ["Lena"]


def test_facet_of_a_menu_is_not_a_byline():
    """Given a menu heading "By Team Size" above its links and a byline further down, the
    byline's person is the author, not the menu's facet."""
    menu = '<nav><ul><li>Products<ul><li>By Team Size</li><li><a href="/s">Small Teams</a></li></ul></li></ul></nav>'
    body = f'{menu}<h1>Flood gates open</h1><p>By Tove Halvorsen</p><p>{BODY}</p>'
    assert page("", body).authors == ["Tove Halvorsen"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Author", "Information", "Reviewer"], []),
        (["Written by", "Edited by", "Updated on 3 May 2024"], []),
        (["\x01Author", "Written by", "Ada Brook"], ["Ada Brook"]),
        (["By Grace Field"], ["Grace Field"]),
    ],
)
def test_labels_and_form_fields_are_not_names(lines, expected):
    """A field name or another label after a byline label names nobody; a person whose surname
    is a common word still counts."""
    assert bylines.labelled_bylines(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["\x01Flood gates open", "\x01By Tove Halvorsen, Columnist", "May 3, 2024"], ["Tove Halvorsen, Columnist"]),
        (["\x01Von Berlin nach Paris", "Die Reise beginnt."], []),  # a headline, no person
        (["\x01By Event Type", "Concerts"], []),  # a menu's facet
    ],
)
def test_a_heading_reads_by_and_a_name_only_for_a_person(lines, expected):
    """A byline set as a heading credits its person; a heading that starts with a preposition
    before anything else is no byline."""
    assert bylines.labelled_bylines(lines) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Posted on March 3, 2024 by Tove Halvorsen", ["Tove Halvorsen"]),
        ("\x01Sport (1 / 2) 06.11.2023 13:30 von Lena", ["Lena"]),  # a heading, the date first
        ("Last updated on April 8, 2024 by Tove Halvorsen", []),  # an update names its editor
        ("Edited May 22, 2024 by Tove Halvorsen", []),
        ("Am 3. März 2024 fuhr von Berlin ein Zug", []),  # prose with a date
    ],
)
def test_a_byline_printed_after_its_date_and_a_short_lead(line, expected):
    """"by" and a name right after a date near the start of a line credit that person, unless
    the line labels the date as an update or an edit."""
    assert bylines.labelled_bylines([line]) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["\x01Authors", "Tove Halvorsen", "Owen Price", "\x01Summary"], ["Tove Halvorsen, Owen Price"]),
        (["\x01Author(s)", "Tove Halvorsen", "Owen Price"], []),  # printed so on one site: no label read
        (["Contributors:", "Tove Halvorsen", "Check the shop for stock."], ["Tove Halvorsen"]),
        (["\x01Article by", "Owen Price", "Back to all posts"], ["Owen Price"]),
        (["Contributors", "Advertise", "Contact Us"], []),  # a footer menu's heading
    ],
)
def test_a_list_label_credits_the_persons_named_under_it(lines, expected):
    """"Authors", "Contributors:" or "Article by" alone on a line credit the persons' names
    printed one a line under it, and nobody when a menu's items follow."""
    assert bylines.labelled_bylines(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["This post was written by Tove Halvorsen, MD, gastroenterologist at the Example Health clinic."],
         ["Tove Halvorsen"]),
        (["by", "Owen Price, Senior Director, Content & Marketing, Example and Example Institute of Testing"],
         ["Owen Price"]),
        (["Written by", "Tove Halvorsen, 4+ years covering computer hardware, software, and science",
          "Owen Price, senior editor with 5+ years of experience testing laptops and their screens"],
         ["Tove Halvorsen, Owen Price"]),
        (["By providing your email, you agree to receive our newsletter and the offers of our partners."], []),
    ],
)
def test_a_credit_too_long_for_a_byline_gives_the_persons_before_their_role(lines, expected):
    """A labelled credit longer than a byline line credits the persons' names that open it, up to
    the role after the comma; a sentence after "By" credits nobody."""
    assert bylines.labelled_bylines(lines) == expected


def test_a_formula_after_by_is_no_name():
    """A proof's "by" line above its code credits nobody; the writer's label further on does."""
    lines = ["So this term", "by", "intro ⟨h1, h2⟩", "exact h1 h2", "\x01Article by", "Owen Price"]
    found = bylines.labelled_bylines(lines)
    assert [authors.read_credits([value], []).people for value in found] == [[], ["Owen Price"]]


def test_link_to_the_author_profile_page_names_the_author():
    """Given a link to /autor/jana-novak reading "Jana Novák" (and another reading "Alle Artikel"),
    Jana Novák is the author."""
    body = (f'<h1>Schleusen offen</h1><div class="meta"><a href="/autor/jana-novak">Jana Novák</a></div>'
            f'<p>{BODY}</p><a href="/autor/jana-novak" class="more">Alle Artikel</a>')
    assert page("", body).authors == ["Jana Novák"]


def test_profile_link_whose_text_does_not_spell_its_path_is_ignored():
    assert page_lines.profile_link_names(parse_page(
        '<html><body><p><a href="/author/jdoe-42/">Read more</a></p></body></html>')) == []


def test_malformed_link_hosts_do_not_break_the_profile_reading():
    """Given a link whose host urllib refuses ("http://[not-an-ip]/..."), the page is still read."""
    html = ('<html><body><a href="http://[consent-prefs]/x">Settings</a>'
            '<p><a href="https://example.org/author/ida-kern/">Ida Kern</a></p></body></html>')
    assert page_lines.profile_link_names(parse_page(html)) == ["Ida Kern"]


def test_microdata_author_with_a_nested_name():
    """Given schema.org microdata itemprop=author with a nested itemprop=name, that name is the author."""
    body = (f'<h1>Flood gates open</h1><div itemprop="author" itemscope itemtype="https://schema.org/Person">'
            f'<span itemprop="name">Owen Price</span></div><p>{BODY}</p>')
    assert page("", body).authors == ["Owen Price"]


def test_institution_in_meta_author_is_not_split_into_people():
    """Given <meta name=author> naming an institution with "und" in it and a byline element,
    the byline's person is the author, not a part of the institution's name."""
    head = '<meta name="author" content="Landesinstitut für Wasser und Bodenkunde">'
    body = f'<h1>Schleusen offen</h1><span class="byline">Karl Meier</span><p>{BODY}</p>'
    assert page(head, body).authors == ["Karl Meier"]


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("Geschrieben von Kim42 am 03.04.2015, 10:12 Uhr", ["Kim42"]),
        ("Fabio am Dienstag 6. Mai 2014", ["Fabio"]),
        ("Autorin: Eva Brandt, Referentin für Umweltfragen in Bonn", ["Eva Brandt"]),
        ("Rechtsanwalt Paul Weber", ["Paul Weber"]),
        ("Dr. Ines Vogt", ["Ines Vogt"]),
        ("Lena · in Reisen", ["Lena"]),
        ("Tom Berg · Published 6 April 2018", ["Tom Berg"]),
        ("Ursula von der Brück", ["Ursula von der Brück"]),
        ("Elin MarshDec 16, 2025", ["Elin Marsh"]),  # a short month glued to the name
        ("rivers77Dec. 16, 2025", ["rivers77"]),  # ... or to a handle's digit
        ("Mayday 5", ["Mayday"]),  # a word opening with a month's letters stays whole
    ],
)
def test_byline_strings_lose_dates_roles_and_titles(raw, names):
    assert authors.split_names(raw) == names


def test_visible_lines_break_at_blocks_and_br():
    tree = parse_page(
        "<html><body><div>Autor: <b>Ana</b><br>Text</div><p>Zwei</p><script>var x;</script></body></html>"
    )
    assert page_lines.visible_lines(tree.find("body")) == ["Autor: Ana", "Text", "Zwei"]


# ---------------------------------------------------------------- dates


def test_dateline_beside_the_headline_when_nothing_is_declared():
    """Given no declared date, the date printed under the headline wins over a teaser's date."""
    body = (f"<h1>Flood gates open</h1><p>23.10.2018</p><p>{BODY}</p>"
            '<aside><span class="date">19.06.2019</span> Older story</aside>')
    assert page("", body).published_at == "2018-10-23"


# A page whose first <h1> is the site's logo: the headline is the chosen title (og:title).
LOGO_HEAD = '<meta property="og:title" content="Flood gates open after three years">'


@pytest.mark.parametrize(("header", "expected"), [
    ("<p>30 septembre 2018</p>", "2018-09-30"),  # the dateline under the headline
    ("<p>Registered: 2024-01-27</p>", "2019-06-19"),  # a member box's field, no dateline
    ("<p>The next meeting is on 5 February 2020 at the town hall.</p>", "2019-06-19"),  # a sentence
])
def test_dateline_around_the_chosen_title_when_the_first_h1_is_a_logo(header: str, expected: str) -> None:
    """Given a logo in the first <h1> and no declared date, the date printed under the chosen
    title is the article's, before a rail's date element; other dated lines there are not."""
    nav = "".join(f'<a href="/{item}">{item}</a>' for item in ("home", "news", "sport", "weather"))
    body = (f'<header><h1>The Valley Post</h1><nav>{nav}</nav></header>'
            f'<main><h2>Flood gates open after three years</h2>{header}<p>{BODY}</p></main>'
            '<aside><span class="date">19.06.2019</span> Older story</aside>')
    assert (page(LOGO_HEAD, body).published_at or "")[:10] == expected


def test_dateline_beside_the_headline_beats_a_generic_dc_date():
    head = '<meta name="dcterms.date" content="2021-12-20T11:02:44+01:00">'
    body = f"<p>27.01.2022</p><h1>Flood gates open</h1><p>{BODY}</p>"
    assert (page(head, body).published_at or "")[:10] == "2022-01-27"


def test_dateline_does_not_override_article_published_time():
    """Given a declared date the page also prints (lower down), the declaration stands against
    the headline's dateline (see tests/unit/test_dates.py for a declaration no reader sees)."""
    head = '<meta property="article:published_time" content="2021-12-20T11:02:44+01:00">'
    body = f"<h1>Flood gates open</h1><p>27.01.2022</p><p>{BODY}</p><p>Online since 20.12.2021</p>"
    assert (page(head, body).published_at or "")[:10] == "2021-12-20"


def test_modified_date_never_replaces_the_published_date():
    """Given a re-dated evergreen page: datePublished 2021, dateModified 2023, and only the 2023
    date on the page, the page was still first published in 2021."""
    head = ld({"@type": "NewsArticle", "headline": "Flood gates open",
               "datePublished": "2021-01-01T11:00:00Z", "dateModified": "2023-04-01T10:00:00Z"})
    body = f'<h1>Flood gates open</h1><time datetime="2023-04-01 12:00">01.04.2023, 12:00</time><p>{BODY}</p>'
    meta = page(head, body)
    assert (meta.published_at or "")[:10] == "2021-01-01"
    assert (meta.modified_at or "")[:10] == "2023-04-01"


def test_published_date_is_kept_when_the_page_shows_it():
    head = ld({"@type": "NewsArticle", "headline": "Flood gates open",
               "datePublished": "2021-01-01T11:00:00Z", "dateModified": "2023-04-01T10:00:00Z"})
    body = (f'<h1>Flood gates open</h1><span class="date">1. Januar 2021</span>'
            f'<span class="date">Aktualisiert 1. April 2023</span><p>{BODY}</p>')
    assert (page(head, body).published_at or "")[:10] == "2021-01-01"


def test_utc_stamp_after_midnight_gives_way_to_the_headline_dateline():
    """Given a US page stamped 03:05 UTC on the 19th and a dateline of the 18th under its
    headline, the reader's day is the 18th."""
    head = '<meta property="article:published_time" content="2025-12-19T03:05:00+00:00">'
    body = f"<h1>Flood gates open</h1><p>December 18, 2025</p><p>{BODY}</p>"
    assert (page(head, body).published_at or "")[:10] == "2025-12-18"


def test_utc_stamp_confirmed_by_the_dateline_keeps_its_day():
    """Given a stamp at 03:00 UTC whose headline dateline shows the same day, a later time stamp
    of the day before (a teaser's) does not move it."""
    head = '<meta property="article:published_time" content="2019-10-19T03:00:00+00:00">'
    body = (f'<h1>Flood gates open</h1><p>19.10.2019, 05:00 Uhr</p><p>{BODY}</p>'
            '<aside><time datetime="2019-10-18T20:00:00+02:00">18.10.2019</time> Older story</aside>')
    assert (page(head, body).published_at or "")[:10] == "2019-10-19"


def test_time_element_beside_the_headline_is_read_by_its_stamp():
    """Given no declared date and a dateline written 03/01/2017 (day or month first?) in a
    ``<time datetime>`` under the headline, its stamp is the date, not a teaser's."""
    body = (f'<h1>Flood gates open</h1><div><time datetime="2017-03-01T12:00:00Z">03/01/2017</time></div>'
            f'<p>{BODY}</p><aside><span class="date">January 31, 2025</span> Older story</aside>')
    assert (page("", body).published_at or "")[:10] == "2017-03-01"


def test_updated_dateline_does_not_override_a_generic_date():
    """Given a generic ``date`` meta of the 9th and "Updated November 11, 2022" under the
    headline, the update is no publication date."""
    head = '<meta name="date" content="2022-11-09">'
    body = f"<h1>Flood gates open</h1><p>Updated November 11, 2022</p><p>{BODY}</p>"
    assert (page(head, body).published_at or "")[:10] == "2022-11-09"


def test_dateline_beats_an_update_label_beside_the_headline():
    """Given nothing declared and, before the headline, "December 22, 2022" then "Updated:" /
    "January 2, 2026" (the nearer), the date without the label is the publication date."""
    body = f"<p>December 22, 2022</p><p>Updated:</p><p>January 2, 2026</p><h1>Flood gates open</h1><p>{BODY}</p>"
    assert (page("", body).published_at or "")[:10] == "2022-12-22"


def test_an_updated_dateline_alone_is_still_the_date_shown():
    body = f"<h1>Flood gates open</h1><p>Last updated:</p><p>December 31, 2024</p><p>{BODY}</p>"
    assert (page("", body).published_at or "")[:10] == "2024-12-31"


@pytest.mark.parametrize(("published", "modified", "expected"), [
    # the same instant declared twice: a save stamp, the dateline shown is the publication
    ("2025-11-05T00:00:00", "2025-11-05T00:00:00", "2024-01-31"),
    # "published" after "modified": the save stamp again
    ("2025-06-12T00:00:00", "2025-06-10T00:00:00", "2024-01-31"),
    # published, then modified later that day: the declaration stands (a modification on
    # another day would leave the declaration, shown nowhere, to the dateline: test_dates.py)
    ("2025-11-05T00:00:00", "2025-11-05T10:00:00", "2025-11-05"),
    # the same day without a time: no evidence of one save
    ("2025-11-05", "2025-11-05", "2025-11-05"),
])
def test_save_stamp_declared_as_published_gives_way_to_the_dateline(published, modified, expected):
    head = ld({"@type": "Article", "headline": "Flood gates open", "datePublished": published,
               "dateModified": modified})
    body = f"<h1>Flood gates open</h1><p>January 31, 2024</p><p>{BODY}</p>"
    assert (page(head, body).published_at or "")[:10] == expected


@pytest.mark.parametrize(("shown", "expected"), [
    ("<p>December 18, 2025</p>", "2025-12-18"),  # the page shows the <meta> date: it wins
    ("<p>March 1, 2025</p>", "2025-03-01"),  # the page shows the JSON-LD date: it stays
    ("", "2025-03-01"),  # the page shows neither: JSON-LD first
])
def test_disagreeing_declarations_are_settled_by_the_date_shown(shown, expected):
    head = ld({"@type": "Article", "headline": "Flood gates open", "datePublished": "2025-03-01"})
    head += '<meta property="article:published_time" content="2025-12-18T21:09:22+00:00">'
    body = f"<h1>Flood gates open</h1>{shown}<p>{BODY}</p>"
    assert (page(head, body).published_at or "")[:10] == expected


def test_save_stamp_keeps_its_day_against_a_dateline_one_day_off():
    """A day apart is the stamp's time zone, not another date, when the stamp is near midnight
    (a save far from midnight gives way: see test_dates' save stamp tests)."""
    head = ld({"@type": "Article", "headline": "Flood gates open", "datePublished": "2025-11-05T23:00:00+01:00",
               "dateModified": "2025-11-05T23:00:00+01:00"})
    body = f"<h1>Flood gates open</h1><p>November 4, 2025</p><p>{BODY}</p>"
    assert (page(head, body).published_at or "")[:10] == "2025-11-05"


# ---------------------------------------------------------------- the header around the headline


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Menu", "\x01Flood gates open", "Elin Marsh", "12.03.2024 · 4 min read", "The river rose."], ["Elin Marsh"]),
        (["\x01Flood gates open", "Essay", "25.10.2022 - Tomas Berg", "The river rose."], ["Tomas Berg"]),
        (["March 4, 2024 · Nadia Rahman", "\x01Flood gates open", "The river rose."], ["Nadia Rahman"]),
        # the section the post is filed in follows on the next line ("Jane Doe in" / "Section")
        (["\x01Flood gates open", "March 4, 2024 \u2022 Nadia Rahman in", "Weather", "The river rose."],
         ["Nadia Rahman"]),
        # no date in the header: a name-shaped line proves nothing
        (["\x01Flood gates open", "Elin Marsh", "The river rose."], []),
        # not a person: the first word is no given name
        (["\x01Flood gates open", "Related Posts", "12.03.2024"], []),
        # a name far below the headline belongs to a teaser card
        (["\x01Flood gates open", *(["The river rose again that night."] * 8), "Elin Marsh", "12.03.2024"], []),
    ],
)
def test_unlabelled_name_beside_the_date_in_the_header_is_the_author(lines, expected):
    """Given the page's lines, a person's name printed next to a date right around the headline
    names the author; one without a date beside it, or far from the headline, does not."""
    assert bylines.header_names(lines, ["Flood gates open"]) == expected


LONG_HEADLINE = "Flood gates open on the lower river after three years of work"


@pytest.mark.parametrize(
    ("lines", "headline", "expected"),
    [
        # the headline's words first printed by a breadcrumb far above its heading
        (["Flood gates open", *(["Menu item"] * 8), "\x01Flood gates open", "Elin Marsh", "12.03.2024"],
         "Flood gates open", ["Elin Marsh"]),
        # the printed headline runs on past the declared title
        ([f"\x01{LONG_HEADLINE} - Part 1", "Elin Marsh", "12.03.2024"], LONG_HEADLINE, ["Elin Marsh"]),
        # a date label whose date a script fills in
        (["\x01Flood gates open", "Elin Marsh", "Last Updated:", "The river rose."], "Flood gates open",
         ["Elin Marsh"]),
        # a given name of one locale only, on the line beside the dateline
        (["\x01Flood gates open", "2024-03-12", "Trond Berg", "The river rose."], "Flood gates open", ["Trond Berg"]),
        # ... but not further from it
        (["\x01Flood gates open", "2024-03-12", "Essay", "Trond Berg", "The river rose."], "Flood gates open", []),
    ],
)
def test_header_is_found_under_the_headline_heading_and_its_date_cues(lines, headline, expected):
    """The header is the one around the headline's heading (not a breadcrumb repeating it), a
    date label without its date marks it too, and a rarer given name counts beside the dateline."""
    assert bylines.header_names(lines, [headline]) == expected


def test_header_name_reaches_the_authors_when_nothing_is_declared():
    """Given a page with no author metadata and "Elin Marsh" / a date under its <h1>, she is the author."""
    body = f"<h1>Flood gates open</h1><p>Elin Marsh</p><p>12.03.2024</p><p>{BODY}</p>"
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Written by:Ada Brook"], ["Ada Brook"]),  # no space after the colon
        (["By", "Sofia Lind", "March 4, 2024"], ["Sofia Lind"]),  # "By" alone, the name below
        (["---- by Kenneth Roe"], ["Kenneth Roe"]),  # a rule before the label
        (["\x01By", "Garden Tools Outdoor Living"], []),  # a heading "By" over a facet list
    ],
)
def test_byline_label_forms(lines, expected):
    """Labels written unspaced, alone on their line or after a rule still open a byline."""
    assert bylines.labelled_bylines(lines) == expected


def test_thread_starter_comes_before_a_search_forms_by_label():
    """Given a forum page whose search form prints "By:" above a link, and whose thread header
    prints "Thread starter" above the poster's handle, the handle is the first byline."""
    lines = ["Search titles only", "By:", "Advanced…", "\x01Flood gates open", "Thread starter", "river_watcher",
             "Start date", "Mar 4, 2024"]
    assert bylines.labelled_bylines(lines)[0] == "river_watcher"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["16 posts", "Page 1 of 1", "river.watcher", "Posts: 2", "Joined: Sun Dec 17, 2023"], ["river.watcher"]),
        (["#1", "RiverWatcher", "Member", "Registered: 2024-01-27", "Posts: 1"], ["RiverWatcher"]),
        (["#1", "riverwatch", "Valued Poster", "Join Date: Mar 2016", "Location: Delta", "Posts: 2,351"],
         ["riverwatch"]),
        (["#1", "riverwatch", "Messages: 1,204", "Member since: 2019"], ["riverwatch"]),  # any labels, in a block
        (["Elin Marsh", "Updated: 12.03.2024", "\x01Flood gates open"], []),  # one statistic alone: no block
        (["Topic Author", "riverwatch", "Posts: 524"], ["riverwatch"]),
        (["#1", "Mar 4, 2024", "Posts: 2"], []),  # the post's date above the statistics: no name
        (["\x01Flood gates open", "Elin Marsh", "12.03.2024"], []),  # no forum statistics
    ],
)
def test_forum_poster_is_the_name_above_the_first_posts_statistics(lines, expected):
    """A forum prints its poster's name, maybe a rank, then "Posts: N" / "Registered: ...": the
    name is the line above the statistics, or the one above a rank."""
    assert bylines.forum_poster(lines, any_label=True) == expected


def test_statistics_of_any_label_count_only_on_a_forum():
    """Given a block of "Label: value" lines of no listed label under a short line (a product's
    specifications), no poster is read unless the page is known to be a forum."""
    lines = ["#1", "riverwatch", "Messages: 1,204", "Member since: 2019"]
    assert bylines.forum_poster(lines) == []
    assert bylines.forum_poster(lines, any_label=True) == ["riverwatch"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Harbour gates", "river_fan (Elin Marsh) March 4, 2024, 7:33pm 1", "Text",
          "tide_fan March 5, 2024, 8:02am 2"], ["river_fan"]),
        (["tide.fan 2 May 2025 18:48 1"], ["tide.fan"]),
        (["tide_fan March 5, 2024, 8:02am 2"], []),  # a reply's header, not the first post's
        (["Elin Marsh March 5, 2024 1"], []),  # no time: a list's entry, not a post header
        (["16 posts", "river.watcher Posts: 2 Joined: Sun Dec 17, 2023 11:18 am"], ["river.watcher"]),
        (["#1 2025-11-01 15:14:37", "riverwatch Member Registered: 2025-11-01 Posts: 1"], ["riverwatch"]),
        (["riverwatch Messages: 1,204 Member since: 2019"], ["riverwatch"]),  # any labels, two of them
        (["Requirements OS: Windows 10 Memory: 8 GB"], []),  # any labels after no handle: a table's row
        (["Feed Posts: Tag products in your images"], []),  # a feature's name, no count after "Posts:"
        (["OP posts: See next See all"], []),
        (["* inspect registered: List registered tasks"], []),  # a command's help, no date after the label
        (["* R Offline", "R Offline", "river_fan | Premium", "wrote on"], ["river_fan"]),  # NodeBB's avatar
        (["o Online", "o Blended"], []),  # a list's entries: the initial is not the next line's
    ],
)
def test_first_post_poster_reads_a_post_header_printed_on_one_line(lines, expected):
    """A rendering prints Discourse's post header ("handle (Name) date, time 1") and phpBB's poster
    statistics on one line: the first post's poster is the name at its start."""
    assert bylines.first_post_poster(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Share", "edited Mar 2, 2012 at 9:10", "tide_fan", "asked Feb 11, 2011 at 23:49", "river_fan42", "159 1"],
         ["river_fan42"]),
        (["asked Feb 11, 2011 at 23:49"], []),  # nothing under it
        (["asked around town", "Elin Marsh"], []),  # no date: prose, not a question's card
    ],
)
def test_question_asker_is_the_name_under_asked(lines, expected):
    """A question page's card prints "asked <date>" above its asker's name."""
    assert bylines.question_asker(lines) == expected


def test_forum_poster_reaches_the_authors():
    """Given a forum thread that declares no author, the first post's poster is the author."""
    post = ('<div class="post"><dl><dt><a href="/memberlist.php?u=7">river_watcher</a></dt><dd>Posts: 2</dd>'
            f'<dd>Joined: Sun Dec 17, 2023</dd></dl><div class="content"><p>{BODY}</p></div></div>')
    reply = ('<div class="post"><dl><dt><a href="/memberlist.php?u=8">flood_fan</a></dt><dd>Posts: 40</dd></dl>'
             '<div class="content"><p>Same here.</p></div></div>')
    body = f"<h1>Flood gates open</h1>{post}{reply}"
    assert page("<title>Flood gates open</title>", body).authors == ["river_watcher"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Home", "© 2025 Elin Marsh. All rights reserved."], ["Elin Marsh"]),
        (["Copyright (c) 2012- Tomas Berg. Design by Example Themes."], ["Tomas Berg"]),
        (["© 2024 Example Media LLC"], []),  # a company
        (["© 2024 Elin Marsh's Garden Notes"], []),  # the site, named after her
        (["(Creative Commons-Lizenz) 2006-2009 by Tomas Berg"], ["Tomas Berg"]),  # a licence's licensor
        (["Ein Gartenblog von Elin Marsh steht unter einer Creative Commons Lizenz"], ["Elin Marsh"]),
        (["Photos licensed under Creative Commons. Icons by The Glyph Project"], []),  # no person
        (["Photos by Elin Marsh"], []),  # "by" a person, but no licence
    ],
)
def test_copyright_line_names_a_person_owner(lines, expected):
    """A personal site's footer names its writer; a company's or a site's name is no person."""
    assert bylines.copyright_owners(lines) == expected


def test_copyright_owner_is_the_last_resort_author():
    """Given a page that credits nobody but ends in "© 2025 Elin Marsh", she is the author."""
    body = f"<h1>Flood gates open</h1><p>{BODY}</p><footer>© 2025 Elin Marsh. All rights reserved.</footer>"
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]


def test_personal_blog_named_after_its_writer_credits_the_writer():
    """Given a blog whose publisher is "Tomas Berg - Notes" and whose JSON-LD author is Tomas
    Berg, he is the author, not the site (a commenter's profile link further down is not)."""
    head = ld({"@context": "https://schema.org", "@type": "BlogPosting", "headline": "Flood gates open",
               "author": {"@type": "Person", "name": "Tomas Berg"},
               "publisher": {"@type": "Organization", "name": "Tomas Berg - Notes"}})
    body = (f'<h1>Flood gates open</h1><p>{BODY}</p>'
            '<div class="comments"><a href="/author/ida-kern/">Ida Kern</a></div>')
    assert page(head, body).authors == ["Tomas Berg"]


def test_site_name_printed_after_the_person_is_not_part_of_the_name():
    """"Ana Ruiz Example Times" on a site called Example Times credits Ana Ruiz."""
    assert authors.read_credits(["Ana Ruiz Example Times"], ["Example Times"]).people == ["Ana Ruiz"]


def test_profile_links_wrapped_one_by_one_in_the_same_byline_are_all_authors():
    """Given "Written by" with two profile links each in its own <strong>, both write the
    article; a profile link in another block (a teaser's) does not."""
    html = ('<html><body><div class="byline">Written by <strong><a href="/authors/ida-kern">Ida Kern</a></strong>, '
            'tech editor<br><strong><a href="/authors/tomas-berg">Tomas Berg</a></strong>, reviewer</div>'
            '<p><a href="/authors/elin-marsh">Elin Marsh</a></p></body></html>')
    assert page_lines.profile_link_names(parse_page(html)) == ["Ida Kern", "Tomas Berg"]


@pytest.mark.parametrize(("raw", "people"), [("Jane Doe | Community", ["Jane Doe"]), ("Olga", ["Olga"])])
def test_a_common_word_alone_is_no_name(raw, people):
    """A byline's section word ("Community") is no person; a first name alone still is."""
    assert authors.read_credits([raw], []).people == people


@pytest.mark.parametrize(
    ("raw", "people"),
    [("The Author", []), ("Event Type", []), ("Company Size", []), ("Grace Field", ["Grace Field"])],
)
def test_common_words_without_a_given_name_are_no_author(raw, people):
    """A form field or a placeholder in an author field ("The Author", "Event Type") credits
    nobody, whichever source gave it; a given name before common words is still a person."""
    assert authors.read_credits([raw], []).people == people


def test_the_short_line_between_the_headline_and_its_date_is_the_credit():
    """Given "Marit" (or a desk) right under the headline and the date on the next line, that
    line is the credit; without the date, as a sentence or as a topic's words, it is not."""
    headline = "Harbour plan approved"
    assert bylines.credit_above_dateline([headline, "Marit", "April 10, 2025", BODY], [headline]) == ["Marit"]
    assert bylines.credit_above_dateline([headline, "Harbour Desk", "10.04.2025"], [headline]) == ["Harbour Desk"]
    assert bylines.credit_above_dateline([headline, "Marit", BODY], [headline]) == []
    # a forum's tag or a blog's category above the date: dictionary words, no desk
    assert bylines.credit_above_dateline([headline, "networking", "April 10, 2025"], [headline]) == []
    assert bylines.credit_above_dateline([headline, "Fitness Protocol", "April 10, 2025"], [headline]) == []
    sentence = "The council met on Tuesday night"
    assert bylines.credit_above_dateline([headline, sentence, "April 10, 2025"], [headline]) == []


def test_the_credit_above_the_date_may_follow_a_dek_or_a_copy_of_the_headline():
    """Given a dek between the headline and the writer, a second copy of the headline above the
    writer, or a date printed without its year ("Jun 9", a Wix blog's), the line above the date
    is still the credit; a photo's "Credit:" line is no byline."""
    headline = "Harbour plan approved"
    dek = "The council backs the new harbour plan after a long debate"
    assert bylines.credit_above_dateline([headline, dek, "Marit Dahl", "Dec 18, 2025"], [headline]) == ["Marit Dahl"]
    assert bylines.credit_above_dateline([headline, "Marit Dahl", "Jun 9", "5 min read"], [headline]) == ["Marit Dahl"]
    lines = [headline, "Harbour Desk", headline, "Marit Dahl", "Dec 18, 2025"]
    assert bylines.credit_above_dateline(lines, [headline]) == ["Marit Dahl"]
    # a copy of the headline after the header's date is a photo's: the header is the first one
    lines = [headline, "Harbour Desk", "Dec 18, 2025", "Marit Dahl", headline]
    assert bylines.credit_above_dateline(lines, [headline]) == ["Harbour Desk"]
    assert bylines.credit_above_dateline([headline, dek, "Credit: Marit Dahl", "Dec 18, 2025"], [headline]) == []
    assert bylines.credit_above_dateline([headline, "Marit Dahl", "June 9 is the day"], [headline]) == []


def test_a_long_byline_is_read_up_to_its_date():
    """Given a byline line longer than the limit whose date begins within it, the credit before the
    date is read; a long line without a date is still prose."""
    line = "By Marit Dahl, CFP – Updated Mar 5, 2026 at 4:28 PM EST | Fact-checked by Tomas Berg, Harbour Desk"
    assert len(line) > bylines.MAX_BYLINE_LINE_CHARS
    assert bylines.labelled_bylines([line]) == ["Marit Dahl, CFP – Updated"]
    # the degree after the name is no second person
    assert authors.read_credits(bylines.labelled_bylines([line]), []).people == ["Marit Dahl"]
    prose = "By Marit Dahl and the harbour team, who worked through the winter to finish the new gates"
    assert bylines.labelled_bylines([prose]) == []


def test_a_plain_word_is_in_the_dictionary_and_in_no_name_list():
    """"Spotlight" is a plain word; a given name ("Rose"), a surname ("Gupta"), a handle,
    initials and a word the dictionary lists but its texts never showed ("Modality") are not."""
    assert is_plain_word("Spotlight") and is_plain_word("posts")
    assert not any(is_plain_word(w) for w in ("Rose", "Gupta", "antonjw", "LD", "ThE_PaiN", "Modality"))


def test_name_beside_the_headlines_date_beats_a_commenters_profile_link():
    """Given a header "Elin Marsh" / a date under the <h1> and, further down, a comment whose
    writer links to her profile page, the header's name is the author."""
    body = (f"<h1>Flood gates open</h1><p>Elin Marsh</p><p>12.03.2024</p><p>{BODY}</p>"
            '<div class="comments"><p><a href="/profile/tomas-berg">Tomas Berg</a></p><p>Great read.</p></div>')
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["\x01Final thoughts", "\x01Elin Marsh", "Elin Marsh is the editor of the river desk."], ["Elin Marsh"]),
        (["\x01Trond Berg", "Trond is a hydrologist who writes about floods."], ["Trond Berg"]),
        (["Elin Marsh", "Tomas Berg is the mayor of the town."], []),  # another person's bio
        (["Elin Marsh", "12.03.2024"], []),  # no bio after the name
        (["Related Posts", "Related Posts is a widget."], []),  # no person
        (["Elin Marsh", "Hydrologist & writer", "Elin explores how rivers shape towns."], ["Elin Marsh"]),
        (["Elin Marsh", "Elin Marsh explores rivers."], []),  # a verb after the full name: a heading's sentence
        (["Elin Alerts", "Elin monitors your accounts."], []),  # a product named after a first name
    ],
)
def test_author_box_names_the_person_its_bio_opens_with(lines, expected):
    """An author box prints the name, then (maybe under a role line) a bio opening with that name
    or its first word and "is", or with the first word and a verb ("Elin explores")."""
    assert bylines.bio_names(lines) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["\x01Flood gates open", "Elin Marsh", "Rivers", "Text.", "Elin Marsh is a hydrologist."], ["Elin Marsh"]),
        (["\x01Flood gates open", "Elin Marsh", "Text.", "Tomas Berg is a hydrologist."], []),  # another's bio
        (["\x01Flood gates open", "Elin Marsh", "Text."], []),  # no bio
        (["Elin Marsh", "\x01Flood gates open", "Text.", "Elin Marsh is a hydrologist."], []),  # above the headline
        (["\x01Flood gates open", "Flood Control", "Flood Control is a program."], []),  # no person
    ],
)
def test_header_name_is_the_writer_when_the_page_prints_its_bio(lines, expected):
    """A person's name alone under the headline whose bio ("Elin Marsh is ...") the page prints
    further down credits that person."""
    assert bylines.header_name_with_bio(lines, ["Flood gates open"]) == expected


def test_header_name_with_a_bio_beats_a_brands_byline_line():
    """Given a menu heading "By Harbor Hotels", a header printing "Elin Marsh" under the headline
    and her bio at the end, she is the author, not the brand the menu's "By" line names."""
    body = (f"<nav><h4>By Harbor Hotels</h4></nav><h1>Flood gates open</h1><p>Elin Marsh</p><p>{BODY}</p>"
            "<p>Elin Marsh is a freelance travel writer and the editor of a river guide.</p>")
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]


def test_author_box_is_read_when_nothing_else_credits_anyone():
    """Given a page that credits nobody but ends in an author box, its person is the author."""
    body = (f"<h1>Flood gates open</h1><p>{BODY}</p><h3>Elin Marsh</h3>"
            "<p>Elin Marsh is the editor of the river desk and writes about floods.</p>")
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elin Marsh", True),
        ("Julian K. Arni", True),  # a middle initial
        ("June Carter", True),  # a month that is a first name
        ("Logan University", False),  # an organisation word (names.looks_like_person)
        ("Grace Harbor Group", False),
        ("Tomas Berg Photography", False),
    ],
)
def test_a_person_name_is_one_the_entity_test_takes_for_a_person(text, expected):
    """bylines.is_person_name calls names.looks_like_person: an organisation's name that opens
    with a first name is no person's."""
    assert bylines.is_person_name(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tavish Baker", True),  # a first name no locale lists, before a surname
        ("Kerensa Hale", True),
        ("Garden Baker", False),  # a dictionary word before the surname
        ("Tavish Kovac Hale", False),  # only a first and a last name
        ("Tavish Whitlock", False),  # no listed surname either
    ],
)
def test_a_first_name_no_gazetteer_lists_before_a_surname_is_a_person_name(text, expected):
    """Faker's first names miss many (Welsh, Indian, ...); a two-word name whose first word is no
    English word and whose last a Faker surname is taken for a person's all the same."""
    assert bylines.is_person_name(text) is expected


def test_a_business_named_after_its_owner_is_named_after_a_person():
    """"Tomas Berg Photography" is no person, but its owner's name is left once its trade goes."""
    assert without_trade_words("Tomas Berg Photography") == "Tomas Berg"
    assert bylines.is_person_name(without_trade_words("Tomas Berg Photography"))
    assert without_trade_words("Logan University") == "Logan"


@pytest.mark.parametrize(("lines", "expected"), [
    # the date above the post's number (vBulletin)
    (["Forum", "30th March 2025, 16:26", "#1", "First post.", "2nd April 2025, 13:59", "#2"], "2025-03-30"),
    # the date below it (MyBB)
    (["#1", "2019-02-23, 09:14 PM", "First post.", "#2", "2019-02-24, 02:31 AM"], "2019-02-23"),
    # the number glued to the date (Tapatalk)
    (["Aug 08, 2006#1", "First post.", "Sep 01, 2006#2", "A reply."], "2006-08-08"),
    # one "#1" beside a date: a ranked list, not a thread
    (["#1", "The best kettle", "May 2, 2024", "A fine kettle."], None),
    # numbered lines without dates, and a hashtag
    (["#1", "First", "#2", "Second", "#news #rivers"], None),
])
def test_first_numbered_post_dates_a_thread(lines, expected):
    assert (dates.first_post_date(lines) or "")[:10] == (expected or "")


def test_a_threads_first_post_is_its_date_when_nothing_is_declared():
    """Given a forum thread whose header shows only the site's menus and a sidebar's date
    element, the first numbered post's date is the thread's."""
    posts = "".join(f"<div><p>{when}</p><p>#{n}</p><p>{BODY}</p></div>"
                    for n, when in enumerate(["30th March 2025, 16:26", "2nd April 2025, 13:59"], 1))
    body = (f'<h1>Flood gates open</h1><ul><li>Home</li><li>Forums</li><li>Search</li></ul>{posts}'
            '<aside><span class="date">January 31, 2011</span> Other thread</aside>')
    assert (page("", body).published_at or "")[:10] == "2025-03-30"


def test_a_threads_first_post_gives_the_local_day_of_a_utc_stamp():
    """Given a thread stamped 03:05 (no offset: UTC) on the 15th and a first post shown at
    9:05 pm on the 14th, the reader's day is the 14th."""
    head = ld({"@type": "DiscussionForumPosting", "headline": "Flood gates open",
               "datePublished": "2026-02-15T03:05:48"})
    posts = "".join(f"<div><p>{when}</p><p>#{n}</p><p>{BODY}</p></div>"
                    for n, when in enumerate(["Feb 14, 2026 | 9:05 pm", "Feb 14, 2026 | 9:07 pm"], 1))
    body = f"<h1>Flood gates open</h1><ul><li>Home</li><li>Forums</li><li>Search</li></ul>{posts}"
    assert (page(head, body).published_at or "")[:10] == "2026-02-14"
# ---------------------------------------------------------------- declared vs printed credits


def test_meta_author_handle_is_read_when_nothing_else_credits_anyone():
    """Given only ``<meta name=author>`` holding a handle ("rvoss42", which trafilatura drops),
    the handle is the author."""
    head = '<meta name="author" content="rvoss42">'
    assert page(head, f"<h1>Flood gates open</h1><p>{BODY}</p>").authors == ["rvoss42"]


def test_meta_author_naming_only_the_site_yields_to_an_author_box():
    """Given ``<meta name=author>`` naming the site and an author box presenting a person, the
    person is the author and the site is no agency."""
    head = '<meta property="og:site_name" content="Riverwatch"><meta name="author" content="Riverwatch">'
    body = (f"<h1>Flood gates open</h1><p>{BODY}</p><h3>Elin Marsh</h3>"
            "<p>Elin Marsh is the editor of the river desk and writes about floods.</p>")
    meta = page(head, body)
    assert meta.authors == ["Elin Marsh"]
    assert meta.agencies == []


def test_meta_author_naming_only_the_site_credits_the_site():
    """Given nothing but ``<meta name=author>`` naming the site, the site is the credit (an agency)."""
    head = '<meta property="og:site_name" content="Riverwatch"><meta name="author" content="Riverwatch">'
    meta = page(head, f"<h1>Flood gates open</h1><p>{BODY}</p>")
    assert (meta.authors, meta.agencies) == ([], ["Riverwatch"])


def test_a_profile_address_credits_nobody():
    """``article:author`` holds a profile URL by OpenGraph's convention: no name in it."""
    assert authors.read_credits(["https://www.facebook.com/riverwatch"], []).people == []


def test_byline_under_the_headline_beats_a_differing_declared_author():
    """Given JSON-LD naming an uploader's handle and "By Elin Marsh" printed under the headline,
    the printed credit is the author."""
    head = ld({"@context": "https://schema.org", "@type": "Article", "headline": "Flood gates open",
               "author": {"@type": "Person", "name": "webdesk.tom"}})
    body = f"<h1>Flood gates open</h1><p>By Elin Marsh</p><p>12.03.2024</p><p>{BODY}</p>"
    assert page(head, body).authors == ["Elin Marsh"]


@pytest.mark.parametrize(
    ("declared", "expected"),
    [("webdesk.tom", ["Elin Marsh"]), ("Tomas Berg", ["Tomas Berg"])],
)
def test_a_name_beside_the_header_date_beats_only_a_declared_handle(declared, expected):
    """Given JSON-LD naming an uploader's handle and "Elin Marsh" printed unlabelled above the
    header's date, she is the author; a declared person's name stays the author."""
    head = ld({"@context": "https://schema.org", "@type": "Article", "headline": "Flood gates open",
               "author": {"@type": "Person", "name": declared}})
    body = f"<h1>Flood gates open</h1><p>Elin Marsh</p><p>March 12, 2024</p><p>{BODY}</p>"
    assert page(head, body).authors == expected


@pytest.mark.parametrize(
    ("declared", "expected"),
    [("Elin Marsh", ["Elin Marsh", "Tomas Berg", "Ida Kern"]), ("Ida Kern", ["Ida Kern"])],
)
def test_writers_listed_above_the_header_date_beat_their_first_declared_alone(declared, expected):
    """Given JSON-LD naming only the first of the writers the header lists above its date, all of
    them are the authors; a declared writer who does not open the list stays the author."""
    head = ld({"@context": "https://schema.org", "@type": "Article", "headline": "Flood gates open",
               "author": {"@type": "Person", "name": declared}})
    body = (f"<h1>Flood gates open</h1><p>Elin Marsh, Tomas Berg &amp; Ida Kern</p><p>Nov 25th, 2025</p>"
            f"<p>{BODY}</p>")
    assert page(head, body).authors == expected


def test_declared_authors_naming_the_printed_person_are_kept_whole():
    """Given JSON-LD naming two writers and the header printing one of them, both are authors."""
    head = ld({"@context": "https://schema.org", "@type": "Article", "headline": "Flood gates open",
               "author": [{"@type": "Person", "name": "Elin Marsh"}, {"@type": "Person", "name": "Tomas Berg"}]})
    body = f"<h1>Flood gates open</h1><p>By Elin Marsh</p><p>{BODY}</p>"
    assert page(head, body).authors == ["Elin Marsh", "Tomas Berg"]


def test_a_teasers_byline_above_the_headline_is_not_the_header():
    """A rail's "by Tomas Berg" right above the headline is not the article's credit."""
    lines = ["Five rivers to walk this spring", "by Tomas Berg", "\x01Flood gates open", "Elin Marsh", "12.03.2024"]
    assert bylines.header_bylines(lines, ["Flood gates open"]) == []
    assert bylines.header_bylines([*lines[:3], "By Elin Marsh"], ["Flood gates open"]) == ["Elin Marsh"]


@pytest.mark.parametrize(
    ("site", "expected"),
    [("Elin Marsh", ["Elin Marsh"]), ("Elin Marsh's blog", ["Elin Marsh"]), ("Elin Marsh Community", []),
     ("Riverwatch", [])],
)
def test_a_site_named_after_a_person_credits_that_person_last(site, expected):
    """Given a page that credits nobody on a site named after a person, that person is the author;
    a community or a brand is no one."""
    head = f'<meta property="og:site_name" content="{site}">'
    assert page(head, f"<h1>Flood gates open</h1><p>{BODY}</p>").authors == expected


def test_an_organisation_declared_as_the_author_is_credited_whole_when_nobody_else_is():
    """Given a page whose only credit is JSON-LD's Organization author "Office for Flood Safety
    and Research", that name is its agency, whole (its parts name nobody); a byline naming a
    person still credits the person."""
    head = ld({"@context": "https://schema.org", "@type": "Article", "headline": "Flood gates open",
               "author": {"@type": "Organization", "name": "Office for Flood Safety and Research"}})
    credited = page(head, f"<h1>Flood gates open</h1><p>{BODY}</p>")
    assert (credited.authors, credited.agencies) == ([], ["Office for Flood Safety and Research"])
    assert page(head, f"<h1>Flood gates open</h1><p>By Tomas Berg</p><p>{BODY}</p>").authors == ["Tomas Berg"]


# GTM4WP's data layer, as WordPress pages print it in a script of their head.
DATA_LAYER = ('<script>var dataLayer_content = {"pagePostType":"post","pagePostAuthor":"Elin Marsh \\u00c5s"};'
              " dataLayer.push( dataLayer_content );</script>")


def test_the_post_author_a_data_layer_declares_credits_an_article_that_prints_no_byline():
    """Given an article whose only credit is the data layer's post author, that person is the
    author (its JavaScript escapes read); a printed byline still comes first."""
    assert page(DATA_LAYER, f"<h1>Flood gates open</h1><p>{BODY}</p>").authors == ["Elin Marsh Ås"]
    printed = f"<h1>Flood gates open</h1><p>By Tomas Berg</p><p>{BODY}</p>"
    assert page(DATA_LAYER, printed).authors == ["Tomas Berg"]


def test_the_data_layers_post_author_credits_no_product_page():
    """On a product page the post author is only the account that entered it: nobody is credited."""
    raw = f"<!doctype html><html><head>{DATA_LAYER}</head><body><h1>Flood gates</h1><p>{BODY}</p></body></html>"
    assert read_html_fields(raw, "https://example.org/shop/gates", BODY, page_type="product").authors == []
    assert read_html_fields(raw, "https://example.org/news/gates", BODY, page_type="article").authors == [
        "Elin Marsh Ås"]


@pytest.mark.parametrize(
    ("printed", "expected"),
    [("By Elin Marsh and Tomas Berg", ["Elin Marsh", "Tomas Berg"]),  # the declared one is the first of two
     ("By Elin Marsh, Co-Founder &amp; COO", ["Elin Marsh"])],  # a role after the name is nobody
)
def test_header_byline_naming_more_people_than_declared(printed, expected):
    """Given JSON-LD naming only the first of the writers the header prints, the header's people
    are the authors; a role printed after the declared name adds no one."""
    head = ld({"@context": "https://schema.org", "@type": "Article", "headline": "Flood gates open",
               "author": {"@type": "Person", "name": "Elin Marsh"}})
    assert page(head, f"<h1>Flood gates open</h1><p>{printed}</p><p>{BODY}</p>").authors == expected


@pytest.mark.parametrize(
    ("initials", "name", "expected"),
    [
        ("EM", "Elin Marsh", True),
        ("EM", "Elin Berg", False),
        ("TB", "Tomas", False),  # one word for two letters
        ("Em", "Elin Marsh", False),  # not initials
        ("TKB", "Trond K. Berg", True),
    ],
)
def test_initials_are_the_first_letters_of_the_names_words(initials, name, expected):
    assert bylines.is_initials_of(initials, name) is expected


def test_a_label_above_an_avatars_initials_credits_the_name_under_them():
    """Given "Author" / "EM" (the avatar) / "Elin Marsh", the byline is the name, not the initials."""
    assert bylines.labelled_bylines(["Author", "EM", "Elin Marsh", "Hydrologist"]) == ["Elin Marsh"]
    assert bylines.labelled_bylines(["Author", "EM", "Tomas Berg"]) == ["EM"]  # not her initials


@pytest.mark.parametrize(
    ("name", "lines", "expected"),
    [
        ("EM", ["Posted by EM", "A river blog by Elin Marsh, licensed under Creative Commons."], "Elin Marsh"),
        ("EM", ["Posted by EM", "Elin's river blog"], "EM"),  # no name with those initials
        ("EM", ["Posted by EM", "Every Monday we open the gates."], "EM"),  # words, no person
        ("AFP", ["Agence France Presse"], "AFP"),  # no person's name
        ("Elin Marsh", ["Tomas Berg"], "Elin Marsh"),  # not initials
    ],
)
def test_initials_are_spelled_out_by_a_persons_name_the_page_prints(name, lines, expected):
    assert bylines.spelled_out(name, lines) == expected


def test_a_writer_signing_with_initials_is_credited_by_the_name_the_page_prints():
    """Given "Posted by EM" under the headline and a footer naming Elin Marsh, she is the author."""
    body = (f"<h1>Flood gates open</h1><p>Posted by EM in Diary</p><p>{BODY}</p>"
            "<footer><p>A river blog by Elin Marsh is licensed under a Creative Commons licence.</p></footer>")
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]


# An article of eight paragraphs: what follows it is out of its header.
PARAGRAPHS = "".join(f"<p>{BODY} Part {n}.</p>" for n in range(8))


def test_a_byline_element_beats_a_byline_printed_after_the_article():
    """Given the article's byline element naming Elin Marsh and a related post's teaser under the
    article ("October 28, 2025 by Tomas Berg | Community"), she is the author."""
    body = (f'<h1>Flood gates open</h1><span class="byline">Elin Marsh</span><article>{PARAGRAPHS}</article>'
            "<aside><p>Dam repairs begin</p><p>October 28, 2025 by Tomas Berg | Community</p></aside>")
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]


def test_a_byline_element_after_the_article_gives_the_byline_without_its_label():
    """Given the article's credit printed below it in a byline element ("Text by Elin Marsh"), the
    byline is the credit as printed without its label, as every other byline."""
    credit = '<div class="byline"><div class="attribution">Text by <a href="/by/elin-marsh/">Elin Marsh</a></div></div>'
    meta = page("<title>Flood gates open</title>", f"<h1>Flood gates open</h1><article>{PARAGRAPHS}</article>{credit}")
    assert (meta.authors, meta.byline) == (["Elin Marsh"], "Elin Marsh")


def test_a_teaser_byline_after_the_article_still_credits_when_no_element_names_a_person():
    """Given only a byline element naming a section, the labelled line after the article still
    credits its writer (the rule above needs a person's name in the element)."""
    body = (f'<h1>Flood gates open</h1><span class="byline">Community</span><article>{PARAGRAPHS}</article>'
            "<aside><p>October 28, 2025 by Tomas Berg | Community</p></aside>")
    assert page("<title>Flood gates open</title>", body).authors == ["Tomas Berg"]


def test_declared_cowriters_complete_the_name_printed_in_the_header():
    """Given "Elin Marsh" printed beside the header's date and <meta name=author> listing her and
    Tomas Berg, both are credited."""
    head = ('<title>Flood gates open</title><meta name="author" content="Elin Marsh and Tomas Berg">'
            '<meta name="author" content="Elin Marsh">')
    body = f"<h1>Flood gates open</h1><p>Elin Marsh</p><p>March 2, 2022</p><p>{BODY}</p>"
    meta = page(head, body)
    assert meta.authors == ["Elin Marsh", "Tomas Berg"]
    assert meta.byline == "Elin Marsh and Tomas Berg"


def test_a_given_name_alone_under_the_headline_is_the_writer_when_the_page_prints_its_bio():
    """Given "Stefan" alone under the headline and "Stefan is the founder ..." further down, Stefan
    is the writer; a word that is no given name ("Rivers") is not."""
    lines = ["\x01Flood gates open", "Stefan", "March 5, 2026", "Text.", "Stefan is the founder of a river blog."]
    assert bylines.header_name_with_bio(lines, ["Flood gates open"]) == ["Stefan"]
    lines = ["\x01Flood gates open", "Rivers", "Text.", "Rivers is a blog about floods."]
    assert bylines.header_name_with_bio(lines, ["Flood gates open"]) == []


def test_an_author_box_beats_a_byline_crediting_one_word_that_is_no_name():
    """Given "By Riverworks" (a brand, no given name, no handle) in the header and an author box
    presenting Elin Marsh, she is the author; "By Stefan" (a given name) keeps its credit."""
    box = "<h3>Elin Marsh</h3><p>Elin Marsh is the editor of the river desk and writes about floods.</p>"
    body = f"<p>By Riverworks</p><h1>Flood gates open</h1>{PARAGRAPHS}{box}"
    assert page("<title>Flood gates open</title>", body).authors == ["Elin Marsh"]
    body = f"<p>By Stefan</p><h1>Flood gates open</h1>{PARAGRAPHS}{box}"
    assert page("<title>Flood gates open</title>", body).authors == ["Stefan"]
