"""The metadata stage on small hand-written HTML and text fixtures."""

from __future__ import annotations

import json

import pytest

from tasks.common.page_lines import url_slug
from tasks.metadata import authors, quotes, sites, titles
from tasks.models import ArticleIn, Metadata
from tasks.pipeline import process

BODY = " ".join(
    ["The council met on Tuesday evening to debate the new harbour plan for the town."] * 6
)


def run_html(head: str, body: str, url: str = "https://example.org/news/story") -> Metadata:
    page = f"<!doctype html><html{head.split('|', 1)[0] if head.startswith(' lang') else ''}>" \
        f"<head>{head.split('|', 1)[-1]}</head><body>{body}</body></html>"
    result = process(ArticleIn(content=page, url=url, content_type="html"))
    return result.metadata


def run_text(text: str) -> Metadata:
    return process(ArticleIn(content=text, content_type="text")).metadata


def ld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


# ---------------------------------------------------------------- conflicts between sources


def test_jsonld_person_beats_meta_publisher_and_visible_byline():
    head = (
        "<title>Harbour plan approved | Coastal Times</title>"
        '<meta property="og:site_name" content="Coastal Times">'
        '<meta name="author" content="Coastal Times">'
        + ld({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour plan approved",
              "author": {"@type": "Person", "name": "Jane Doe"},
              "publisher": {"@type": "Organization", "name": "Coastal Times"},
              "datePublished": "2023-05-04T10:00:00+02:00"})
        + '<meta property="article:published_time" content="2023-05-01T08:00:00+00:00">'
    )
    meta = run_html(head, f'<h1>Harbour plan approved</h1><p class="byline">By Someone Else</p><p>{BODY}</p>')
    assert meta.authors == ["Jane Doe"]
    assert meta.published_at == "2023-05-04T10:00:00+02:00"
    assert meta.site_name == "Coastal Times"
    assert meta.title == "Harbour plan approved"


def test_opengraph_fills_in_when_there_is_no_jsonld():
    head = (
        '<meta property="og:title" content="Ferry returns to service">'
        '<meta property="og:site_name" content="Island Herald">'
        '<meta name="description" content="The ferry runs again after two weeks of repairs.">'
        '<meta property="article:published_time" content="2022-11-30T07:15:00Z">'
        '<meta property="article:tag" content="ferries"><meta property="article:tag" content="transport">'
    )
    meta = run_html(head, f"<p>{BODY}</p>")
    assert meta.title == "Ferry returns to service"
    assert meta.description == "The ferry runs again after two weeks of repairs."
    assert meta.published_at is not None and meta.published_at.startswith("2022-11-30")
    assert meta.tags == ["ferries", "transport"]


def test_visible_byline_is_used_when_nothing_is_declared():
    body = f'<h1>Quiet week</h1><span class="byline">By Tom Baker</span><p>{BODY}</p>'
    meta = run_html("<title>Quiet week</title>", body)
    assert meta.authors == ["Tom Baker"]


# ---------------------------------------------------------------- several authors


def test_several_jsonld_authors_keep_people_and_drop_the_organisation():
    head = ld({"@type": "NewsArticle", "headline": "Budget vote delayed",
               "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Li Wei"},
                          {"@type": "Organization", "name": "Metro Desk"}]})
    meta = run_html(head, f"<h1>Budget vote delayed</h1><p>{BODY}</p>")
    assert meta.authors == ["Ana Ruiz", "Li Wei"]


@pytest.mark.parametrize(
    ("raw", "names"),
    [
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Von Fiona Berg und Max Kurz", ["Fiona Berg", "Max Kurz"]),
        ("Anna Schmidt, Peter Lang", ["Anna Schmidt", "Peter Lang"]),
        ("Author: Sam Lee (Reuters)", ["Sam Lee"]),
        ("admin", []),
        ("Brett Lowe, Privacy and Home Security Expert", ["Brett Lowe"]),  # a job title after the comma
        ("Kim Ode, Managing Editor of Home", ["Kim Ode"]),
        ("Ada Brook, MS, RD, FAND", ["Ada Brook"]),  # degrees, and the acronyms after one
        ("Ivo Marsh, Ph.D. and Ada Brook, MD", ["Ivo Marsh", "Ada Brook"]),
        ("Ivo Marsh, CNN", ["Ivo Marsh"]),  # an outlet no list names (2 sites) is no person either
        ("KLM", ["KLM"]),  # initials that are the whole credit
        ("RiverFan R", ["RiverFan"]),  # the avatar's initial beside a handle
        ("KO Kim Ode", ["Kim Ode"]),  # the avatar's initials before a name
        ("Malcolm X", ["Malcolm X"]),
        ("Rina Patel Head Brewer; Co-Founder", ["Rina Patel"]),  # a role left as a credit of its own
        ("Senior Editor", []),
        ("Lena Fox \u00b7 In: Recipes, Bread", ["Lena Fox"]),  # the sections it files the post in
        ("Lena Fox | Kategorie: Rezepte, Brot", ["Lena Fox"]),  # any labelled field after a mark
        ("Lena Fox | Photos: Ivo Marsh", ["Lena Fox"]),
        ("Lena Fox In Reisen, Politik", ["Lena Fox"]),
    ],
)
def test_author_strings_are_split_and_cleaned(raw, names):
    assert authors.clean_authors([raw], []) == names


@pytest.mark.parametrize(
    ("raw", "people", "agencies"),
    [
        ("By Jane Doe and Reuters", ["Jane Doe"], ["Reuters"]),
        ("Author: Sam Lee (AP)", ["Sam Lee"], ["AP"]),
        ("Staff and agencies", [], ["Staff", "agencies"]),
        ("Von Fiona Berg, dpa", ["Fiona Berg"], ["dpa"]),
        ("The Harbour Team", [], ["The Harbour Team"]),
        ("Redaktion", [], ["Redaktion"]),
        ("Von Fiona Berg, AP/dpa", ["Fiona Berg"], ["AP", "dpa"]),  # "/" separates services, no joined entry
    ],
)
def test_credits_separate_people_from_wire_services_and_desks(raw, people, agencies):
    credits = authors.read_credits([raw], [])
    assert (credits.people, credits.agencies) == (people, agencies)


@pytest.mark.parametrize(
    ("credit", "agency"),
    [("Reuters/dpa", "Reuters/dpa"), ("AP / AFP", "AP / AFP"), ("Reuters/Harbour Times", None), ("dpa", "dpa")],
)
def test_wire_services_joined_by_a_slash_are_an_agency_when_every_part_is_one(credit, agency):
    """A credit printed whole ("Reuters/dpa", as a topic line or a dateline may hold it) is read
    part by part, in place of a list of joined pairs."""
    assert authors.agency_of(credit) == agency


@pytest.mark.parametrize(
    ("raw", "people"),
    [
        ("Rina Patel Senior Reporter", ["Rina Patel"]),
        ("Omar Haddad \u22c5 Review Editor", ["Omar Haddad"]),
        ("harbourfan 12", ["harbourfan"]),
        ("Lena Fox Dec", ["Lena Fox"]),
        ("Tom May", ["Tom May"]),
        ("TidePoolKid", ["TidePoolKid"]),
        ("Ivo Marsh&amp;Ada Stone", ["Ivo Marsh", "Ada Stone"]),
        ("Ben OrtizNovember 3, 2021", ["Ben Ortiz"]),
        ("Kai Brandt \u2022 4 mins read", ["Kai Brandt"]),
        ("Lena Fox In Reisen", ["Lena Fox"]),  # the section the byline files the post in
        ("Kai Brandt in", ["Kai Brandt"]),  # ... printed on the next line
        ("Ida Marsh, Projektleiterin der Stiftung in Tunis", ["Ida Marsh"]),  # a role, not a section
        ("tidewatcher2291", ["tidewatcher2291"]),
        ("Posted 2024 1201", []),
        ("Dec", []),
        ("Sun Dec", []),
        ("Jan", ["Jan"]),
        ("By Lena FoxPublished:", ["Lena Fox"]),  # the dateline's cue glued to the name
        ("Lena Fox Last Updated:", ["Lena Fox"]),
        ("Lena Fox on", ["Lena Fox"]),  # the word before a date printed on the next line
        ("Harbourfan on Tuesday", ["Harbourfan"]),
        ("Kai Brandt 59 Comments", ["Kai Brandt"]),
        ("Ida Marsh at", ["Ida Marsh"]),
        ("Ida Online", ["Ida Online"]),  # a name's last word is no cue
        ("Audiophile On", ["Audiophile On"]),  # ... nor a capitalised "On"
    ],
)
def test_people_lose_roles_counts_and_dates_printed_after_them(raw, people):
    assert authors.read_credits([raw], []).people == people


@pytest.mark.parametrize(
    ("raw", "people", "agencies"),
    [
        ("Tova Lind, DVM", ["Tova Lind"], []),  # a degree no list names: all capitals after a person
        ("Tova Lind, DVM. Checked by Ole Berg, DVM", ["Tova Lind"], []),
        ("Tova Lind, RN, Ole Berg", ["Tova Lind", "Ole Berg"], []),
        ("Tova Lind, FACVB", ["Tova Lind"], []),  # up to six capitals, as after a listed degree
        ("Tova Lind, AP", ["Tova Lind"], ["AP"]),  # a wire service stays an agency
        ("Von Tova Lind, dpa", ["Tova Lind"], ["dpa"]),
        ("KLM", ["KLM"], []),  # initials that are the whole credit still sign for a person
        ("TJ Lind", ["TJ Lind"], []),
    ],
)
def test_a_short_all_capitals_credit_after_a_person_is_no_person(raw, people, agencies):
    credits = authors.read_credits([raw], [])
    assert (credits.people, credits.agencies) == (people, agencies)


@pytest.mark.parametrize(
    ("raw", "site", "agencies"),
    [
        ("Tide Pool Expert", "The Tide Pool Expert", ["Tide Pool Expert"]),  # its role word is the site's
        ("By Harbour Gazette", "Harbour Gazette", ["Harbour Gazette"]),
        ("Harbour Gazette All articles", "Harbour Gazette", ["Harbour Gazette"]),  # link text not the site's
    ],
)
def test_a_credit_naming_the_site_is_its_agency_as_the_site_prints_it(raw, site, agencies):
    """A blog credited to itself under a name ending in a role word ("Expert", "Editor") keeps
    the whole name the site goes by, not the name less its role."""
    credits = authors.read_credits([raw], [site])
    assert (credits.people, credits.agencies) == ([], agencies)


def test_byline_drops_the_comma_its_sentence_leaves_after_the_name():
    """"This post was written by Jane Doe," prints a comma after the name, not part of the credit."""
    assert authors.read_credits(["Jane Doe,"], []).byline == "Jane Doe"
    assert authors.read_credits(["Jane Doe, MD"], []).byline == "Jane Doe, MD"


def test_html_byline_is_kept_as_printed_and_the_agency_recorded():
    """Given a page crediting a reporter and a wire service in its byline element,
    the reporter is an author, the service an agency and the byline the printed credit
    (its "By" label left out)."""
    body = f'<h1>Port strike ends</h1><p class="byline">By Mara Lind and Reuters</p><p>{BODY}</p>'
    meta = run_html("<title>Port strike ends</title>", body)
    assert meta.authors == ["Mara Lind"]
    assert meta.agencies == ["Reuters"]
    assert meta.byline == "Mara Lind and Reuters"


def test_desk_only_byline_gives_no_author_but_an_agency():
    head = ld({"@type": "NewsArticle", "headline": "Tide tables change",
               "author": {"@type": "Person", "name": "Weather Desk"}})
    meta = run_html(head, f"<h1>Tide tables change</h1><p>{BODY}</p>")
    assert meta.authors == []
    assert meta.agencies == ["Weather Desk"]


def test_a_desk_credited_above_the_article_beats_a_teaser_byline_printed_after_it():
    """Given an article its JSON-LD and its header byline credit to a desk, and a related post's
    teaser after the article crediting a person, the desk is the only credit."""
    head = "<title>Ten harbour walks for spring</title>" + ld(
        {"@type": "Article", "headline": "Ten harbour walks for spring",
         "author": {"@type": "Person", "name": "Harbour Staff"}})
    paragraphs = "".join(f"<p>Walk {i}: {BODY}</p>" for i in range(8))
    body = ('<header><h1>Ten harbour walks for spring</h1><p class="byline">By Harbour Staff</p></header>'
            f"<article>{paragraphs}</article>"
            "<aside><h3>Related</h3><p>A guide to the old lighthouse</p><p>By Mara Lind</p></aside>")
    meta = run_html(head, body)
    assert (meta.authors, meta.agencies) == ([], ["Harbour Staff"])


@pytest.mark.parametrize(("declared", "agencies"), [("Harbour Team", []), ("Reuters", ["Reuters"])])
def test_a_person_found_later_keeps_an_earlier_wire_service_but_not_a_desk(declared, agencies):
    """Given JSON-LD crediting a desk or a wire service and a writer named under the headline
    whose bio the page prints, the writer is the author; a wire service stays beside her, a desk
    (the site's default credit) does not."""
    head = "<title>Ten harbour walks for spring</title>" + ld(
        {"@type": "Article", "headline": "Ten harbour walks for spring",
         "author": {"@type": "Person", "name": declared}})
    paragraphs = "".join(f"<p>Walk {i}: {BODY}</p>" for i in range(8))
    body = ("<header><h1>Ten harbour walks for spring</h1><p>Mara Lind</p></header>"
            f"<article>{paragraphs}</article>"
            "<div class='about'><p>Mara Lind is a travel writer who walks the coast every spring.</p></div>")
    meta = run_html(head, body)
    assert (meta.authors, meta.agencies) == (["Mara Lind"], agencies)


def test_wire_dateline_credits_its_services_when_nothing_else_credits_anyone():
    """Given a wire story without a byline whose first paragraph opens with the place and the
    services in parentheses, the services are its agencies; a place in parentheses is none."""
    body = f"<h1>Port strike ends</h1><p>Harbourtown (dpa/lno) \u2013 {BODY}</p>"
    meta = run_html("<title>Port strike ends</title>", body)
    assert (meta.authors, meta.agencies, meta.byline) == ([], ["dpa", "lno"], "dpa/lno")
    other = run_html("<title>Port strike ends</title>", f"<h1>Port strike ends</h1><p>Paris (Texas) - {BODY}</p>")
    assert (other.authors, other.agencies) == ([], [])


def test_text_byline_with_two_authors():
    text = (
        "Bridge reopens after repairs - Valley Post\n\nBridge reopens after repairs\n\n"
        "By Jane Doe and John Roe\n\n" + BODY + "\n"
    )
    meta = run_text(text)
    assert meta.authors == ["Jane Doe", "John Roe"]
    assert meta.site_name == "Valley Post"


def test_text_byline_credits_a_wire_service_as_an_agency():
    text = (
        "Ferry fares rise - Valley Post\n\nFerry fares rise\n\n"
        "By Jane Doe, AP\n\n" + BODY + "\n"
    )
    meta = run_text(text)
    assert (meta.authors, meta.agencies, meta.byline) == (["Jane Doe"], ["AP"], "Jane Doe, AP")


def test_text_page_without_a_byline_credits_its_author_box():
    """Given a plain-text page whose only credit is an author box at the end ("Elin Marsh" /
    "Elin Marsh is ..."), she is the author, as on the HTML path."""
    text = ("Harbour plan approved\n\n" + BODY + "\n\nElin Marsh\n"
            "Elin Marsh is the editor of the harbour desk and writes about the town.\n")
    assert run_text(text).authors == ["Elin Marsh"]


def test_text_forum_thread_credits_its_first_poster():
    """Given a plain-text forum thread, the name above the first post's statistics is the author."""
    text = ("Harbour plan approved?\n\nriver_fan42\nMember\nPosts: 12\n" + BODY
            + "\n\ntide_watcher\nPosts: 3\nAgreed.\n")
    assert run_text(text).authors == ["river_fan42"]


def test_text_forum_thread_credits_the_poster_of_its_first_post_header():
    """Given a plain-text forum thread printing Discourse's post headers, the poster of post 1 is
    the author, not a replier."""
    text = ("Harbour plan approved?\n\nriver_fan42 (Elin Marsh) March 4, 2024, 7:33pm 1\n" + BODY
            + "\n\ntide_watcher March 5, 2024, 8:02am 2\nAgreed.\n")
    assert run_text(text).authors == ["river_fan42"]


def test_text_byline_under_the_headline_past_the_menus_is_read():
    """Given a rendering whose menus push the headline and its byline past the first lines, the
    byline under the headline credits its writer."""
    menu = "".join(f"Menu entry {n}\n" for n in range(40))
    text = menu + "Harbour plan approved\nPorts / Towns\nBy Elin Marsh\nPublished 2 days ago\n" + BODY + "\n"
    meta = run_text(text)
    assert meta.authors == ["Elin Marsh"]


def test_text_label_alone_credits_the_next_line():
    """Given "Written By:" alone on its line, the name on the next line is the author."""
    text = "Harbour plan approved\n\nWritten By:\nElin Marsh\n\n" + BODY + "\n"
    assert run_text(text).authors == ["Elin Marsh"]


def test_text_thread_starter_beats_the_search_forms_by_label():
    """Given a forum rendering whose search form prints "By:" above the thread header, the
    thread starter is the author, not the search form's next line."""
    menu = "".join(f"Forum section {n}\n" for n in range(35))
    text = ("By:\nSearch Advanced…\n" + menu + "Harbour plan approved?\n* Thread starter river_fan\n"
            + BODY + "\n")
    assert run_text(text).authors == ["river_fan"]


def test_text_thread_starter_in_a_bulleted_list_is_the_author():
    """Given a rendering that prints the thread header as a list ("* Thread starter river_fan"),
    the thread starter's handle is the author."""
    text = ("Harbour plan approved?\n* Thread starter river_fan\n* Start date Feb 25, 2024\n"
            + BODY + "\n")
    assert run_text(text).authors == ["river_fan"]


def test_text_name_beside_the_headers_date_is_the_author():
    """Given a rendering that prints the writer without a label between the headline and the
    date ("Elin Marsh" / "* April 10, 2025"), she is the author, as on the HTML path; a name
    with no date in the header credits nobody."""
    menu = "".join(f"Menu entry {n}\n" for n in range(40))
    text = menu + "Harbour plan approved\n\n* Elin Marsh\n* April 10, 2025\n\n" + BODY + "\n"
    assert run_text(text).authors == ["Elin Marsh"]
    undated = menu + "Harbour plan approved\n\nElin Marsh\n\n" + BODY + "\n"
    assert run_text(undated).authors == []


def test_text_header_is_read_under_the_headline_not_under_the_opening_title_line():
    """Given a rendering that opens with the page's <title>, then menus, then the headline and
    the writer beside the date, the writer is the author (the menu under the first line is no
    header)."""
    menu = "".join(f"Menu entry {n}\n" for n in range(5))
    text = "Harbour plan approved\n" + menu + "Harbour plan approved\nElin Marsh\nApril 10, 2025\n" + BODY + "\n"
    url = "https://example.org/news/harbour-plan-approved"
    assert process(ArticleIn(content=text, url=url, content_type="text")).metadata.authors == ["Elin Marsh"]


# ---------------------------------------------------------------- dates


def test_text_page_whose_only_date_is_the_header_clock_has_no_publication_date():
    text = (
        "Snow closes schools - Prairie Daily\n"
        "Home | Monday, March 4, 2024, 07:10 AM | Regina | -8°C | Login\n"
        "Local\n\nSnow closes schools\n\n" + BODY + "\n"
    )
    meta = run_text(text)
    assert meta.published_at is None
    assert meta.seen_at == "2024-03-04T07:10:00"
    assert meta.section == "Local"


def test_text_published_line_is_the_publication_date():
    text = "Water rates rise\n\nPublished March 3, 2024\n\n" + BODY + "\n"
    meta = run_text(text)
    assert meta.published_at == "2024-03-03"
    assert meta.seen_at is None


# ---------------------------------------------------------------- non-English pages


def test_german_page_language_and_visible_byline():
    body = "<h1>Neue Brücke eröffnet</h1><p>Von Max Mustermann</p><p>" + (
        "Die neue Brücke über den Fluss wurde am Dienstag von der Bürgermeisterin eröffnet. " * 5
    ) + "</p>"
    meta = run_html(' lang="de-DE"|<title>Neue Brücke eröffnet – Stadtanzeiger</title>', body)
    assert meta.language == "de"
    assert meta.authors == ["Max Mustermann"]
    assert meta.title == "Neue Brücke eröffnet"


def test_french_text_language_is_detected():
    text = "Le pont rouvre\n\n" + (
        "Le conseil municipal a voté mardi soir la réouverture du pont après des mois de travaux "
        "et les habitants se disent soulagés de retrouver leur trajet habituel. " * 3
    )
    assert run_text(text).language == "fr"


# ---------------------------------------------------------------- site name


def test_page_naming_no_site_is_called_by_its_domains_name():
    """Given a page that declares no site name, the site is its domain's name, not the host."""
    meta = run_html("<title>Notes on compilers</title>", f"<h1>Notes on compilers</h1><p>{BODY}</p>",
                    url="https://www.janeroe.example/blog/2020/compilers")
    assert meta.site_name == "janeroe"


@pytest.mark.parametrize(("name", "url", "want"), [
    ("blog.harbour.co.uk", "https://blog.harbour.co.uk/post", "harbour"),
    ("Harbour.co.uk", "https://blog.harbour.co.uk/post", "Harbour.co.uk"),
    ("Harbour Times", "https://harbour.example/post", "Harbour Times"),
    ("harbour.example", None, "harbour.example"),
])
def test_only_a_bare_host_becomes_the_domains_name(name, url, want):
    assert sites.name_for_host(name, url) == want


# ---------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("title", "sites", "want"),
    [
        ("Storm hits coast - Coastal Times", ["Coastal Times"], "Storm hits coast"),
        ("Coastal Times | Storm hits coast", ["Coastal Times"], "Storm hits coast"),
        ("Storm hits coast | coastaltimes.com", ["coastaltimes.com", "coastaltimes"], "Storm hits coast"),
        ("Storm - what we know", ["Coastal Times"], "Storm - what we know"),
    ],
)
def test_site_affix_is_stripped_from_titles(title, sites, want):
    assert titles.strip_site_affix(title, sites) == want


def test_h1_confirmed_by_the_title_tag_wins_over_a_suffixed_title():
    meta = run_html("<title>Storm hits coast - Coastal Times</title>",
                    f"<h1>Coastal Times</h1><h1>Storm hits coast</h1><p>{BODY}</p>",
                    url="https://coastaltimes.example/storm")
    assert meta.title == "Storm hits coast"


# ---------------------------------------------------------------- quotes and entities


QUOTE_TEXT = (
    "Harbour Road closes\n\n"
    "Mayor Maria Lopez defended the closure of Harbour Road in Halifax on Tuesday evening after a long debate.\n\n"
    "\"We cannot keep patching a road that the sea takes back every winter,\" she said at the meeting.\n\n"
    "Councillor Ben Okafor disagreed. \"This plan was rushed through without asking residents,\" "
    "Okafor told reporters.\n\n"
    "Local business owners were split, according to a survey by the Halifax Chamber of Commerce released this week.\n\n"
    "Lopez added: \"We will reopen a safer road within two years, whatever it costs us.\"\n"
)


def test_quote_speakers_resolve_pronouns_and_surnames():
    meta = run_text(QUOTE_TEXT)
    speakers = {q.text.split()[0]: q.speaker for q in meta.quotes}
    assert speakers["We"] == "Maria Lopez"
    assert speakers["This"] == "Ben Okafor"


def test_quote_across_a_colon_names_its_speaker():
    meta = run_text(QUOTE_TEXT)
    colon = [q for q in meta.quotes if q.text.startswith("We will reopen")]
    assert colon and colon[0].speaker == "Maria Lopez"


def test_a_role_between_the_verb_and_the_name_still_names_the_speaker():
    """Given '"…," said harbour master Ines Varga.' the speaker is Ines Varga; given '"…," said
    the Varga spokesman.' it is nobody (the name does not end the clause: a spokesman spoke)."""
    found = quotes.extract_quotes(
        "\"The quay will be closed for three more weeks,\" said harbour master Ines Varga. "
        "\"We are asking boat owners to be patient with us,\" said the Varga spokesman.",
        ["Ines Varga"],
    )
    assert found == [("The quay will be closed for three more weeks", "Ines Varga"),
                     ("We are asking boat owners to be patient with us", None)]


def test_people_and_places_are_counted():
    meta = run_text(QUOTE_TEXT)
    people = {p.name: p.count for p in meta.people}
    assert people.get("Maria Lopez", 0) >= 2
    assert "Ben Okafor" in people
    assert "Halifax" in {p.name for p in meta.places}


# ---------------------------------------------------------------- a richer line classifier


def test_text_fields_use_the_cleaners_roles_when_it_gives_them():
    from datetime import UTC, datetime

    from tasks.metadata import extract_metadata
    from tasks.models import ClassifiedLine, Paragraph, Section, SectionedArticle, SourceInfo

    roles = [
        ("Bridge reopens after repairs | Valley Post", "title"),
        ("Sunday, June 2, 2024 | 18°C | Sign in", "page_clock"),
        ("Local", "section_label"),
        ("Bridge reopens after repairs", "heading"),
        ("Drivers can use the river crossing again after eight months of work", "dek"),
        ("By Jane Doe", "byline"),
        (BODY, "paragraph"),
    ]
    raw = "\n".join(text for text, _ in roles)
    article = SectionedArticle(
        id="fixture", raw=raw, text=BODY,
        source=SourceInfo(content_type="text", received_at=datetime(2024, 6, 2, tzinfo=UTC)),
        sections=[Section(blocks=[Paragraph(text=BODY)])],
        lines=[ClassifiedLine(text=text, role=role) for text, role in roles],  # type: ignore[arg-type]
    )
    meta = extract_metadata(article).metadata
    assert meta.title == "Bridge reopens after repairs"
    assert meta.site_name == "Valley Post"
    assert meta.section == "Local"
    assert meta.subtitle == "Drivers can use the river crossing again after eight months of work"
    assert meta.authors == ["Jane Doe"]
    assert meta.published_at is None
    assert meta.seen_at == "2024-06-02"


# ---------------------------------------------------------------- titles


ARTICLE_HEAD = ('<meta property="og:type" content="article">'
                '<meta property="og:title" content="Harbour plan: what changes">')


def test_article_headline_as_printed_beats_a_rewritten_declared_title():
    """Given an article whose og:title is an SEO rewrite of its only <h1>, the <h1> is the title."""
    meta = run_html(ARTICLE_HEAD, f"<h1>Council approves the new harbour plan</h1><p>{BODY}</p>")
    assert meta.title == "Council approves the new harbour plan"


def test_product_page_keeps_its_declared_title_over_a_slogan_h1():
    head = '<meta property="og:title" content="Tidewater kayak paddle">'
    meta = run_html(head, f"<h1>Paddle further than ever</h1><p>{BODY}</p>")
    assert meta.title == "Tidewater kayak paddle"


def test_url_slug_decides_between_a_lone_h1_and_a_rewritten_declared_title():
    """Given a page whose <h1> and og:title differ, the one the URL's slug names is the title: a
    guide published under its <h1> though it declares no article, and an article whose <h1> is
    a later rewrite of the declared title the slug keeps. A slug naming both, or an id, leaves
    the choice as it was."""
    h1s, declared = ["Council approves the new harbour plan"], ["Harbour plan: what changes"]
    guide = "https://example.org/guides/council-approves-new-harbour-plan"
    assert titles.choose_title(h1s, declared, [], slug=url_slug(guide)) == h1s[0]
    assert titles.choose_title(h1s, declared, []) == declared[0]
    rewritten = ["Harbour plan approved after long debate"]
    article = "https://example.org/news/harbour-plan-what-changes-for-fishing-boats.html"
    assert titles.choose_title(rewritten, declared, [], article=True, slug=url_slug(article)) == declared[0]
    by_id = url_slug("https://example.org/a/12345")
    assert titles.choose_title(rewritten, declared, [], article=True, slug=by_id) == rewritten[0]
    assert titles.choose_title(h1s, declared, [], slug=url_slug("https://example.org/harbour-plan-news")) == declared[0]


def test_url_slug_names_the_title_of_a_page_that_is_no_article():
    """Given a product page whose <h1> is its short name and whose og:title names it whole, the
    form the URL's slug names clearly rather than the rules' choice is the title; on an article,
    or where the slug names both alike, the rules' choice stays."""
    h1s, declared = ["Tidewater Paddle"], ["Tidewater Paddle Carbon Kayak Blade | Coastal Gear"]
    slug = url_slug("https://shop.example/products/tidewater-paddle-carbon-kayak-blade")
    assert titles.choose_title(h1s, declared, ["Coastal Gear"], slug=slug) == "Tidewater Paddle Carbon Kayak Blade"
    assert titles.choose_title(h1s, declared, ["Coastal Gear"], article=True, slug=slug) == h1s[0]
    alike = url_slug("https://shop.example/products/tidewater-paddle-blade")
    assert titles.choose_title(h1s, declared, ["Coastal Gear"], slug=alike) == h1s[0]


def test_of_forms_the_slug_names_alike_the_shortest_is_taken():
    """Given declared forms the slug names alike, the one without the tagline the slug does not name."""
    words = {"harbour", "ferry", "timetable", "summer"}
    forms = ["Harbour ferry timetable for summer - Book now", "Ferry"]
    assert titles.slug_named_form("Ferry", forms, [], words) == "Harbour ferry timetable for summer"
    assert titles.slug_named_form("Ferry", forms, [], set()) is None


@pytest.mark.parametrize(("h1", "declared", "want"), [
    # The <h1> re-dated, the declared title not (and the reverse): the later year is the title's.
    ("Harbour guide for 2025", "Harbour guide for 2024 | Coastal Times", "Harbour guide for 2025"),
    ("Harbour guide for 2024", "Harbour guide for 2025 | Coastal Times", "Harbour guide for 2025"),
    # The declared title prints the year the <h1> leaves off.
    ("Best harbour cafes", "Best harbour cafes in 2025 | Coastal Times", "Best harbour cafes in 2025"),
    ("Best harbour cafes", "Best harbour cafes (March 2026)", "Best harbour cafes (March 2026)"),
    ("Best harbour cafes", "Best harbour cafes 2025", "Best harbour cafes 2025"),
    # Not a dating tail: words of its own after the year, or set apart by a comma or a dash.
    ("Best harbour cafes", "Best harbour cafes 2025 and beyond", "Best harbour cafes"),
    ("Best harbour cafes", "Best harbour cafes, December 2025", "Best harbour cafes"),
    ("Best harbour cafes", "Best harbour cafes - Updated 2025", "Best harbour cafes"),
    # Other words changed beside the year: the <h1> as the other rules take it.
    ("Harbour guide for 2025", "Harbour map for 2024", "Harbour map for 2024"),
])
def test_the_later_dated_of_an_h1_and_a_declared_title_worded_alike_is_the_title(h1, declared, want):
    """Given an <h1> and a declared title that differ only by a year, the title names the later."""
    assert titles.choose_title([h1], [declared], ["Coastal Times"]) == want


def test_declared_titles_dated_alike_give_the_first_declared_form():
    """Given two declared titles that both add the same year to the <h1>, the first declared
    wins, whichever order they come in (a set's order would differ between processes)."""
    forms = ["Best harbour cafes 2025", "Best harbour cafes in 2025"]
    assert titles.choose_title(["Best harbour cafes"], forms, []) == forms[0]
    assert titles.choose_title(["Best harbour cafes"], forms[::-1], []) == forms[1]


def test_url_slug_picks_the_headline_among_several_h1s():
    """Given a logo, a headline and a teaser rail's <h1>s, none confirmed by the rewritten
    og:title, the <h1> the slug names is the title; without a slug the declared title stays."""
    h1s = ["Harbour Times", "Council approves the new harbour plan", "More from the coast"]
    declared, names = ["Harbour plan: what changes"], ["Harbour Times"]
    slug = url_slug("https://example.org/news/council-approves-new-harbour-plan")
    assert titles.choose_title(h1s, declared, names, slug=slug) == h1s[1]
    assert titles.choose_title(h1s, declared, names) == declared[0]


def test_a_teasers_h1_read_back_by_trafilatura_does_not_confirm_itself():
    """Given a listing page whose <h1>s are its teasers' (trafilatura's title reader takes the
    first, by its "title" class), the first teaser is no headline: the <title> gives the title."""
    head = "<title>Harbour Times - News from the coast</title>"
    teasers = "".join(f'<h1 class="card-title">{t}</h1><p>{BODY}</p>'
                      for t in ("Ferry timetable changes this spring", "Lifeboat crew honoured"))
    meta = run_html(head, teasers, url="https://example.org/")
    assert meta.title == "Harbour Times"


def test_trafilatura_title_is_dropped_only_as_one_of_several_h1s_unrelated_to_the_page():
    """trafilatura's title that repeats the first of several <h1>s and shares no word with the
    declared titles is no declaration; one sharing a word, or the page's lone <h1>, still is."""
    h1s, declared = ["Ferry timetable changes", "Lifeboat crew honoured"], ["Harbour Times - News"]
    assert titles.library_title(h1s[0], h1s, declared) is None
    assert titles.library_title(h1s[0], h1s, ["Ferry news - Harbour Times"]) == h1s[0]
    assert titles.library_title(h1s[0], h1s[:1], declared) == h1s[0]
    assert titles.library_title("Harbour Times", h1s, declared) == "Harbour Times"


def test_url_slug_picks_the_part_of_a_declared_title_after_a_column_name():
    """Given no <h1> and a title "Column - Headline", the part the slug names is the title;
    a slug naming neither keeps the first part."""
    declared = ["Jane's Digital Notes - Why we moved the harbour office"]
    slug = url_slug("https://example.org/blog/why-we-moved-the-harbour-office")
    assert titles.choose_title([], declared, [], slug=slug) == "Why we moved the harbour office"
    other = url_slug("https://example.org/blog/office-news-today")
    assert titles.choose_title([], declared, [], slug=other) == "Jane's Digital Notes"


@pytest.mark.parametrize(("url", "want"), [
    ("https://example.org/guides/council-approves-new-harbour-plan/", "council-approves-new-harbour-plan"),
    ("https://example.org/de/bericht_zur_lage.html?x=1", "bericht_zur_lage.html"),
    ("https://example.org/news/12345", None),
    ("https://example.org/", None),
    (None, None),
])
def test_url_slug_is_a_last_segment_of_several_words(url, want):
    assert url_slug(url) == want


@pytest.mark.parametrize("h1", ["Aktuelles", "12.03.2024 | Presse | Allgemein"])
def test_section_labels_and_dated_label_runs_are_never_titles(h1):
    meta = run_html(ARTICLE_HEAD, f"<h1>{h1}</h1><p>{BODY}</p>")
    assert meta.title == "Harbour plan: what changes"


def test_title_suffix_printed_again_as_the_logo_line_is_dropped():
    """Given a title "Headline - Brand" and "Brand" printed alone (logo, footer), the title is
    the headline; a suffix the page never prints alone stays."""
    title = "Tide tables change for winter - Saltmarsh"
    assert titles.strip_echoed_affix(title, ["Saltmarsh", "Menu"]) == "Tide tables change for winter"
    assert titles.strip_echoed_affix(title, ["Menu"]) == title


def test_printed_headline_loses_a_suffix_naming_the_site_but_not_a_dash_of_its_own():
    """Given og:site_name "Smokehouse", an <h1> "Catering tips | Smokehouse" is "Catering tips";
    an <h1> whose dash parts its own words keeps them."""
    head = '<meta property="og:site_name" content="Smokehouse"><title>Catering tips – Smokehouse</title>'
    assert run_html(head, f"<h1>Catering tips | Smokehouse</h1><p>{BODY}</p>").title == "Catering tips"
    head = '<meta property="og:site_name" content="Smokehouse"><title>Storm - what we know</title>'
    assert run_html(head, f"<h1>Storm - what we know</h1><p>{BODY}</p>").title == "Storm - what we know"


def test_site_name_that_is_the_whole_title_does_not_hide_the_headline():
    """Given og:site_name copied from the title tag, the <h1> is still the headline."""
    head = ('<meta property="og:site_name" content="Storm hits coast - Coastal Times">'
            "<title>Storm hits coast - Coastal Times</title>")
    assert run_html(head, f"<h1>Storm hits coast</h1><p>{BODY}</p>").title == "Storm hits coast"
    assert titles.site_names_apart_from_titles(["Coastal Times", "Storm hits coast - Coastal Times"],
                                               ["Storm hits coast - Coastal Times"]) == ["Coastal Times"]


def test_headline_is_not_taken_for_the_site_by_an_undeclared_site_guess():
    """Given no declared site name and a title "Headline | Club", the <h1> headline wins (a site
    name guessed from the title part must not mark the headline as the site's)."""
    head = "<title>Results: spring meeting, Aalen, 19.5.2007 – County Athletics</title>"
    meta = run_html(head, f"<h1>Results: spring meeting, Aalen, 19.5.2007</h1><p>{BODY}</p>",
                    url="https://blog.county-athletics.example/2007/05/results")
    assert meta.title == "Results: spring meeting, Aalen, 19.5.2007"


@pytest.mark.parametrize(("h1", "want"), [
    ('Quickstart<a class="headerlink" href="#quickstart">¶</a>', "Quickstart guide"),
    ("Quickstart guide §", "Quickstart guide"),
    ("Learn C# in a weekend", "Learn C# in a weekend"),
])
def test_permalink_marks_are_not_part_of_the_headline(h1, want):
    h1 = h1.replace("Quickstart<", "Quickstart guide<")
    head = f"<title>{want} — Example docs</title>"
    assert run_html(head, f"<h1>{h1}</h1><p>{BODY}</p>").title == want


def test_h1_cut_from_the_declared_title_is_the_headline_on_any_page():
    """Given a non-article page whose og:title pads its <h1> for search, the <h1> is the title;
    a slogan <h1> with words of its own is not."""
    head = '<meta property="og:title" content="Camping Tents: Large Tents for Family &amp; Car Camping">'
    assert run_html(head, f"<h1>Camping Tents</h1><p>{BODY}</p>").title == "Camping Tents"
    assert run_html(head, f"<h1>Sleep well under the stars</h1><p>{BODY}</p>").title != "Sleep well under the stars"


@pytest.mark.parametrize(("declared", "want"), [
    (["Home", "Home - Harbour Times"], "Harbour Times"),
    (["Harbour Times | Home"], "Harbour Times"),
    (["Home cooking on the coast - Harbour Times"], "Home cooking on the coast"),
])
def test_the_home_pages_label_is_never_the_title(declared, want):
    """Given declared titles that label the home page, the title is what they say beside the label."""
    assert titles.choose_title([], declared, ["example"]) == want


@pytest.mark.parametrize(("declared", "want"), [
    ("Mesh Office Chair | OFB", "Mesh Office Chair"),
    ("Storm hits coast | Coastal Times", "Storm hits coast"),
    ("Tide report - Start for free", "Tide report"),
    ("Weekly report 14. - 20. January 2022", "Weekly report 14. - 20. January 2022"),
    ("Squad 2024 - 2025", "Squad 2024 - 2025"),
    ("港口的新计划！-海港日报", "港口的新计划！"),
    ("港口的新计划-海港日报", "港口的新计划"),
    ("Harbour-Times", "Harbour-Times"),
])
def test_unconfirmed_declared_title_is_cut_at_its_first_separator(declared, want):
    assert titles.choose_title([], [declared], []) == want


def test_kicker_glued_before_the_headline_in_the_h1_is_dropped():
    """Given an <h1> "<span>Workout of the week</span>Pyramid sets" and og:title "Pyramid sets",
    the title is the headline without the kicker; a leading "The" is the headline's own."""
    head = '<meta property="og:title" content="Pyramid sets with long rests">'
    body = f"<h1><span>Workout of the week</span>Pyramid sets with long rests</h1><p>{BODY}</p>"
    assert run_html(head, body).title == "Pyramid sets with long rests"
    declared = ["Best tents of 2026"]
    assert titles.headline_after_kicker(["The best tents of 2026"], declared, []) is None
    assert titles.headline_after_kicker(["Blog: Best tents of 2026"], declared, []) == "Best tents of 2026"


def test_line_break_in_the_h1_parts_words_and_its_css_is_not_text():
    body = ("<h1>Rebuilding the legacy<br>of handmade goods<style>.x{color:red}</style></h1>"
            f"<p>{BODY}</p>")
    head = ('<meta property="og:type" content="article">'
            '<meta property="og:title" content="Handmade goods: a legacy rebuilt">')
    meta = run_html(head, body)
    assert meta.title == "Rebuilding the legacy of handmade goods"


@pytest.mark.parametrize("unprinted", [
    '<button title="Copy">Copy link</button>',
    '<svg><title>Harbour Times logo</title><path d="M0 0"/></svg>',
    '<span class="visually-hidden">Story:</span>',
    '<span class="sr-only">Story:</span>',
    '<span hidden>Story:</span>',
    '<span style="display: none">Story:</span>',
])
def test_controls_drawings_and_hidden_text_in_the_h1_are_not_its_text(unprinted):
    """Given an <h1> holding a button, an SVG with a <title>, or text hidden or kept for screen
    readers, the headline is the text the page prints."""
    body = f"<h1>{unprinted}Rebuilding the legacy of handmade goods</h1><p>{BODY}</p>"
    head = ('<meta property="og:type" content="article">'
            '<meta property="og:title" content="Handmade goods: a legacy rebuilt">')
    assert run_html(head, body).title == "Rebuilding the legacy of handmade goods"


def test_the_only_h1_besides_the_sites_logo_is_the_headline():
    """Given two <h1>s, the logo's (the site's name) and the article's, the article's is its
    headline even where the declared title is a rewrite; a third <h1> makes it no longer sure."""
    head = ('<meta property="og:type" content="article"><meta property="og:site_name" content="Harbour Times">'
            '<meta property="og:title" content="Handmade goods: a legacy rebuilt">')
    body = f"<h1>Harbour Times</h1><h1>Rebuilding the legacy of handmade goods</h1><p>{BODY}</p>"
    assert run_html(head, body).title == "Rebuilding the legacy of handmade goods"
    body = body.replace("<p>", "<h1>More from the harbour and its goods</h1><p>")
    assert run_html(head, body).title == "Handmade goods: a legacy rebuilt"


def test_h1_confirmed_by_the_more_trusted_declared_title_wins_over_a_section_label():
    """Given h1s "Press releases" and the headline, where only trafilatura's title (last, least
    trusted) names the label and the title tag names the headline, the headline wins."""
    h1s = ["Press releases", "Northern league finds its champions"]
    declared = ["Northern league finds its champions - City Athletics", "Press releases"]
    assert titles.choose_title(h1s, declared, []) == "Northern league finds its champions"


@pytest.mark.parametrize("h1", ["Quillpad", "Quillpad Blog"])
def test_short_h1_that_ends_the_title_is_the_blogs_name(h1):
    """Given "<title>What is viral marketing? – Quillpad</title>" and the <h1> "Quillpad" (the
    blog's logo), the title is the headline; a long last part after a kicker is the headline."""
    head = f"<title>What is viral marketing? – {h1}</title>"
    assert run_html(head, f"<h1>{h1}</h1><p>{BODY}</p>").title == "What is viral marketing?"
    head = "<title>Pandemic - Planning today for tomorrow's care</title>"
    body = f"<h1>Planning today for tomorrow's care</h1><p>{BODY}</p>"
    assert run_html(head, body).title == "Planning today for tomorrow's care"


def test_category_set_apart_by_the_declared_title_but_run_into_the_h1_is_dropped():
    """Given og:title "Trail reports - Ridge loop after the storm" and an <h1> printing the
    category in its own span, unseparated, the title is the headline without the category; a
    category the <h1> itself parts from the headline with a colon stays."""
    head = '<meta property="og:title" content="Trail reports - Ridge loop after the storm">'
    body = f"<h1><span>Trail reports</span> Ridge loop after the storm</h1><p>{BODY}</p>"
    assert run_html(head, body).title == "Ridge loop after the storm"
    declared = ["Harbour guide - The complete 2026 edition"]
    h1 = "Harbour guide: The complete 2026 edition"
    assert titles.without_printed_kicker(h1, declared, []) == h1
    h1 = '"Tide tables" Wir bleiben am Hafen'
    declared = ['"Tide tables" - Wir bleiben am Hafen']
    assert titles.without_printed_kicker(h1, declared, []) == "Wir bleiben am Hafen"


def test_headline_printed_twice_is_the_pages_only_h1():
    """Given a product page whose <h1> is printed twice (mobile and desktop copies) and whose
    declared title pads it, the <h1> is the title as it would be were it printed once."""
    head = '<meta property="og:title" content="Touring kayaks: the Harbour Kayak for two paddlers">'
    body = f"<h1>Harbour Kayak</h1><h1>Harbour Kayak</h1><p>{BODY}</p>"
    assert run_html(head, body).title == "Harbour Kayak"


def test_lone_h1_sharing_no_word_with_the_declared_titles_is_a_label():
    """Given an article whose only <h1> is "Special Offers" and whose og:title shares none of
    its words, the og:title is the title; an <h1> rewriting the declared title still wins."""
    head = ('<meta property="og:type" content="article">'
            '<meta property="og:title" content="Harbour ferry tickets half price in spring">')
    assert run_html(head, f"<h1>Special Offers</h1><p>{BODY}</p>").title == "Harbour ferry tickets half price in spring"
    body = f"<h1>Spring sale on harbour ferry fares</h1><p>{BODY}</p>"
    assert run_html(head, body).title == "Spring sale on harbour ferry fares"


def test_title_written_as_a_breadcrumb_trail_is_its_last_step():
    """Given no <h1> and a title tag "Harbour Times » Blog archive » Ferry returns to service"
    (the old WordPress default), the title is the last step; one mark is "Headline » Site"."""
    head = "<title>Harbour Times » Blog archive » Ferry returns to service</title>"
    assert run_html(head, f"<p>{BODY}</p>").title == "Ferry returns to service"
    one_mark = "Ferry returns to service » Harbour Times"
    assert titles.breadcrumb_end(one_mark) == one_mark


@pytest.mark.parametrize(
    ("name", "printed", "expected"),
    [
        ("RiverFan", ["RiverFan82", "other"], "RiverFan82"),
        ("Xriverfan X", ["xRiverFan X 12 posts"], "xRiverFan X"),
        ("Kim Ode", ["Jane Doe"], "Kim Ode"),
    ],
)
def test_normalised_handle_gets_its_printed_spelling_back(name, printed, expected):
    """trafilatura cuts a handle at its first digit and title-cases it; the byline element
    prints it whole, and that spelling wins."""
    assert authors.printed_spelling(name, printed) == expected


def test_of_several_h1s_the_one_inside_the_article_is_the_headline():
    """Given an article printing a newsletter box's <h1> beside the one inside its <article>, that
    one is the title, as a lone <h1> would be, where the og:title is a teaser sharing words with it."""
    head = ('<meta property="og:type" content="article">'
            '<meta property="og:title" content="Winter Gift Guide - Harbour Living">')
    body = (
        f"<article><h1>A cosy harbour gift guide for the winter</h1><p>{BODY}</p></article>"
        "<div class='box'><h1>Love in your inbox: our newsletter</h1></div>"
    )
    assert run_html(head, body).title == "A cosy harbour gift guide for the winter"


def test_the_article_h1_is_chosen_only_where_it_is_the_only_one_there():
    h1s = ["Harbour plan approved", "Our newsletter"]
    declared = ["Harbour news | Coastal Times"]
    layout = titles.H1Layout(in_article=["Harbour plan approved"], in_menu=[])
    assert titles.choose_title(h1s, declared, [], article=True, layout=layout) == "Harbour plan approved"
    assert titles.choose_title(h1s, declared, [], article=True) == "Harbour news"
    crowded = titles.H1Layout(in_article=h1s, in_menu=[])
    assert titles.choose_title(h1s, declared, [], article=True, layout=crowded) == "Harbour news"


@pytest.mark.parametrize(("menu", "declared", "want"), [
    # A category page printing its menu entry as its heading: the heading is its name.
    (["Headlamps"], "Headlamps for Camping, Hiking & Running | Outdoor Co-op", "Headlamps"),
    # The same word not in the menus is a label: the declared title stays.
    ([], "Headlamps for Camping, Hiking & Running | Outdoor Co-op", "Headlamps for Camping, Hiking & Running"),
    # A section step of a declared trail is the section's name, not this page's.
    (["Headlamps"], "Outdoor Co-op » Headlamps » Five lamps we tested", "Five lamps we tested"),
])
def test_a_one_word_h1_that_the_menus_link_names_the_page(menu, declared, want):
    layout = titles.H1Layout(in_article=[], in_menu=menu)
    assert titles.choose_title(["Headlamps"], [declared], ["Outdoor Co-op"], layout=layout) == want


def test_a_lone_h1_that_the_menus_link_is_taken_over_the_declared_title():
    """Given a page's only <h1> rewording its declared title, the <h1> is the title where the
    page's menus link it (the page's category), the declared title where they do not."""
    h1s, declared = ["Backpacking Packs"], ["Backpacking Backpacks for Overnight Trips | Outdoor Co-op"]
    layout = titles.H1Layout(in_article=[], in_menu=["Backpacking Packs"])
    assert titles.choose_title(h1s, declared, ["Outdoor Co-op"], layout=layout) == "Backpacking Packs"
    assert titles.choose_title(h1s, declared, ["Outdoor Co-op"]) == "Backpacking Backpacks for Overnight Trips"


def test_the_menu_label_h1_reaches_the_title_from_the_page():
    """Given a category page whose one-word <h1> is also a link of its <nav>, that word is the title."""
    head = '<meta property="og:title" content="Headlamps for Camping, Hiking &amp; Running - Outdoor Co-op">'
    nav = '<nav><a href="/c/tents">Tents</a><a href="/c/headlamps">Headlamps</a></nav>'
    meta = run_html(head, f"{nav}<h1>Headlamps</h1><p>{BODY}</p>", url="https://example.org/c/4711")
    assert meta.title == "Headlamps"
    unlinked = run_html(head, f"<h1>Headlamps</h1><p>{BODY}</p>", url="https://example.org/c/4711")
    assert unlinked.title == "Headlamps for Camping, Hiking & Running"


def test_a_one_word_section_label_beside_the_headline_leaves_it_the_pages_only_h1():
    """Given an article whose headline <h1> sits beside a one-word section label's <h1>, the
    headline is the page's lone <h1>, unless the menus link that word (then it names the page)."""
    h1s = ["Dry shampoo that freshens your hair anywhere", "Usage"]
    declared = ["Join the insiders and test a dry shampoo"]
    assert titles.choose_title(h1s, declared, [], article=True) == h1s[0]
    linked = titles.H1Layout(in_article=[], in_menu=["Usage"])
    assert titles.choose_title(h1s, declared, [], article=True, layout=linked) == declared[0]
