"""Parse once, pass forward: the clean stage reads the page's signals from the tree it parsed,
they travel with the article, and ``extract_metadata`` reads them instead of the raw page.

Every page here is a hand-written fixture."""

from __future__ import annotations

import hashlib
import inspect
import json

import lxml.etree
import pytest
from lxml.html import HtmlElement
from trafilatura.metadata import extract_catstags
from trafilatura.utils import load_html
from trafilatura.xpaths import AUTHOR_XPATHS

from tasks.clean.stage import clean
from tasks.common import jsonld
from tasks.common.page_lines import tree_readings
from tasks.common.page_signals import LINE_CHARS, read_page_signals
from tasks.metadata import dates, html_meta, html_signals, trafilatura_reader
from tasks.metadata.html_meta import parse_page, read_html_fields
from tasks.metadata.html_signals import PageView, TreeFallbacks
from tasks.metadata.stage import extract_metadata
from tasks.models import ArticleIn, CleanedArticle, FallbackReadings, SectionedArticle
from tasks.options import DEFAULT_OPTIONS
from tasks.sections.stage import split_sections
from tasks.stages import stage_named

BODY = " ".join(["The harbour board approved the new quay wall after two years of planning."] * 6)
LONG_LINE = "A paragraph of running prose that goes on well past any byline or site name. " * 3
ARTICLE_LD = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "NewsArticle", "headline": "Quay wall approved", "datePublished": "2024-03-05T09:30:00+01:00",
         "author": {"@id": "#p1"}, "articleSection": "Harbour", "keywords": "quay, port",
         "articleBody": BODY, "publisher": {"@type": "Organization", "name": "Port Gazette"}},
        {"@type": "Person", "@id": "#p1", "name": "Elin Sand"},
    ],
}
HEAD = (
    '<title>Quay wall approved | Port Gazette</title>'
    '<meta property="og:title" content="Quay wall approved">'
    '<meta property="og:image" content="https://example.org/quay.jpg">'
    '<meta name="description" content="The board said yes.">'
    '<link rel="canonical" href="https://example.org/news/quay-wall">'
    f'<script type="application/ld+json">{json.dumps(ARTICLE_LD)}</script>'
)
PAGE_BODY = (
    '<nav><a href="/">Home</a></nav><p class="kicker">Harbour</p><h1>Quay wall approved</h1>'
    '<p class="byline">By <a href="/author/elin-sand">Elin Sand</a></p>'
    '<time datetime="2024-03-05T09:30:00+01:00">5 March 2024</time>'
    f'<p>{BODY}</p><p>{LONG_LINE}</p><a rel="tag" href="/tag/port">Port</a>'
)
URL = "https://example.org/news/quay-wall"


def html_page(head: str = HEAD, body: str = PAGE_BODY) -> str:
    return f"<!doctype html><html lang='en-GB'><head>{head}</head><body>{body}</body></html>"


def cleaned(html: str, url: str | None = URL) -> CleanedArticle:
    return registry_clean(ArticleIn(id="fixture", content=html, url=url, content_type="html"))


def registry_clean(payload: ArticleIn) -> CleanedArticle:
    """The payload through the clean stage as the registry runs it (reading ahead for the metadata stage)."""
    article = stage_named("clean").run(payload, DEFAULT_OPTIONS)
    assert isinstance(article, CleanedArticle)
    return article


# ---------------------------------------------------------------- what the clean stage collects


def test_clean_stage_collects_declared_signals_from_the_tree():
    """Given a page declaring meta tags, JSON-LD, a canonical link and a language, the clean
    stage's signals hold them, with the article object marked."""
    signals = cleaned(html_page()).signals
    assert signals is not None
    assert signals.meta["og:title"] == ["Quay wall approved"]
    assert signals.title_tag == "Quay wall approved | Port Gazette"
    assert signals.lang == "en-GB"
    assert signals.canonical == URL
    assert signals.h1 == ["Quay wall approved"]
    assert signals.rel_tags == ["Port"]
    assert signals.article is not None
    assert signals.json_ld[signals.article]["headline"] == "Quay wall approved"
    assert signals.lead_image == "https://example.org/quay.jpg"


def test_h1s_inside_the_article_and_linked_by_the_menus_are_marked():
    """Given a logo <h1> linked by the <nav>, a headline <h1> inside the <article> and a sidebar
    <h1>, the signals mark which is where (the menus' link texts compared case-blind)."""
    body = (
        '<nav><a href="/">harbour news</a><a href="/sport">Sport</a></nav><h1>Harbour News</h1>'
        f'<article><h1>Quay wall approved</h1><p>{BODY}</p></article><aside><h1>Sport</h1></aside>'
    )
    signals = cleaned(html_page(body=body)).signals
    assert signals is not None
    assert signals.h1 == ["Harbour News", "Quay wall approved", "Sport"]
    assert signals.article_h1 == ["Quay wall approved"]
    assert signals.menu_h1 == ["Harbour News", "Sport"]


def test_json_ld_travels_without_the_article_body_or_the_graph_copy():
    """Given a @graph with an articleBody, the carried objects keep every other key but not those."""
    signals = cleaned(html_page()).signals
    assert signals is not None
    assert all("articleBody" not in o and "@graph" not in o for o in signals.json_ld)
    assert {"Person", "NewsArticle"} <= {o.get("@type") for o in signals.json_ld}


def test_header_cluster_dates_and_profile_links_are_collected():
    """Given a kicker, a byline with a profile link and a <time> around the <h1>, the header
    cluster, the date candidates (with where they were found) and the profile name are kept."""
    signals = cleaned(html_page()).signals
    assert signals is not None
    assert signals.before_headline[0] == "Harbour"
    assert signals.after_headline[:2] == ["By", "Elin Sand"]
    assert ("2024-03-05T09:30:00+01:00", "time") in {(d.text, d.found_in) for d in signals.dates}
    assert signals.profile_names == ["Elin Sand"]
    assert signals.bylines == ["By Elin Sand"]


def test_microdata_author_printed_nowhere_travels_as_a_byline():
    """Given a forum post whose ``itemprop=author`` element prints no text and names its poster in
    a nested ``<meta itemprop=name>``, the signals carry that name as a byline."""
    body = ('<h1>Quay wall approved</h1><div itemprop="author" itemscope itemtype="https://schema.org/Person">'
            f'<meta itemprop="name" content="quay_watcher"></div><p>{BODY}</p>')
    signals = cleaned(html_page("<title>Quay wall approved</title>", body)).signals
    assert signals is not None
    assert signals.bylines == ["quay_watcher"]


def test_visible_lines_travel_cut_short():
    """Given a paragraph longer than LINE_CHARS, its line is cut; short lines stay whole."""
    signals = cleaned(html_page()).signals
    assert signals is not None
    assert "Home" in signals.lines
    assert max(map(len, signals.lines)) == LINE_CHARS
    assert LONG_LINE[:LINE_CHARS] in signals.lines


def test_text_payloads_carry_no_signals_and_sections_pass_them_on():
    text = clean(ArticleIn(id="t", content=f"Quay wall approved\n\n{BODY}", content_type="text"))
    assert text.signals is None
    html = cleaned(html_page())
    assert split_sections(html).signals == html.signals


def test_signals_survive_the_json_round_trip_between_stages():
    """The signals go through Redis as JSON: what comes back is what went out."""
    article = split_sections(cleaned(html_page()))
    assert SectionedArticle.model_validate_json(article.model_dump_json()).signals == article.signals


# ---------------------------------------------------------------- what the metadata stage reads


def test_metadata_stage_does_not_parse_the_page_again_when_the_signals_suffice(monkeypatch):
    """Given the clean stage's signals and a page that declares every field, the metadata stage
    never parses the raw HTML (the parser is patched to fail)."""
    article = split_sections(cleaned(html_page()))

    def refuse(raw: str) -> None:
        raise AssertionError("the raw page was parsed again")

    monkeypatch.setattr(html_meta, "parse_page", refuse)
    meta = extract_metadata(article).metadata
    assert meta.authors == ["Elin Sand"]
    assert meta.published_at == "2024-03-05T09:30:00+01:00"
    assert meta.title == "Quay wall approved"
    assert meta.site_name == "Port Gazette"
    assert meta.categories == ["Harbour"]
    assert meta.tags == ["quay", "port"]
    assert meta.language == "en"
    assert meta.image == "https://example.org/quay.jpg"


def test_clean_stage_does_the_tree_readings_the_metadata_stage_asks_for(monkeypatch):
    """Given a page that declares no date, htmldate's search needs the tree: the clean stage
    searched its own tree, and the metadata stage reads its answer without parsing the page (the
    parser is patched to fail)."""
    head = HEAD.replace('"datePublished": "2024-03-05T09:30:00+01:00", ', "")
    body = PAGE_BODY.replace('<time datetime="2024-03-05T09:30:00+01:00">5 March 2024</time>', "")
    article = split_sections(cleaned(html_page(head, body + "<footer>Printed 7 June 2024</footer>")))
    assert article.signals is not None and article.signals.fallbacks is not None
    assert article.signals.fallbacks.page_date == ["2024-06-07"]

    def refuse(raw: str) -> None:
        raise AssertionError("the raw page was parsed again")

    monkeypatch.setattr(html_meta, "parse_page", refuse)
    assert extract_metadata(article).metadata.published_at == "2024-06-07"


def test_readings_the_metadata_stage_will_not_ask_for_are_not_done(monkeypatch):
    """Given a page that declares its date, author, categories and tags, the clean stage does no
    tree reading (none is asked for)."""
    article = cleaned(html_page())
    assert article.signals is not None
    assert article.signals.fallbacks == FallbackReadings(title=["Quay wall approved"])


def test_the_clean_stage_alone_imports_no_read_ahead_and_does_none():
    """Called without the metadata stage's reader (the registry passes it), the clean stage
    reads nothing ahead: the metadata stage parses the page itself, to the same header."""
    html = html_page(TITLED, f"<h1>Quay wall approved</h1><p>{BODY}</p><footer>Printed 7 June 2024</footer>")
    payload = ArticleIn(id="fixture", content=html, url=URL, content_type="html")
    alone = clean(payload)
    assert alone.signals is not None and alone.signals.fallbacks is None
    article = split_sections(registry_clean(payload))
    assert article.signals is not None and article.signals.fallbacks is not None
    assert split_sections(alone).model_copy(update={"signals": article.signals}) == article
    assert extract_metadata(split_sections(alone)).metadata == extract_metadata(article).metadata


def test_the_title_is_chosen_once_and_passed_on(monkeypatch):
    """Given a page whose metadata reads ahead, the title the clean stage chose travels with its
    readings and the metadata stage takes it without choosing again."""
    article = split_sections(cleaned(html_page(TITLED, f"<h1>Quay wall approved</h1><p>{BODY}</p>")))
    assert article.signals is not None and article.signals.fallbacks is not None
    assert article.signals.fallbacks.title == ["Quay wall approved"]
    chosen = article.signals.model_copy(update={"fallbacks": article.signals.fallbacks.model_copy(
        update={"title": ["The title passed on"]})})

    def refuse(*args: object) -> None:
        raise AssertionError("the title was chosen again")

    monkeypatch.setattr(html_meta, "_title", refuse)
    assert extract_metadata(article.model_copy(update={"signals": chosen})).metadata.title == "The title passed on"


def test_signals_of_an_older_clean_stage_make_the_metadata_stage_parse_the_page(monkeypatch):
    """Given signals without tree readings (an older clean stage's), a reading the metadata stage
    needs is done on its own parse of the page, once, with the same answer."""
    head = HEAD.replace('"datePublished": "2024-03-05T09:30:00+01:00", ', "")
    body = PAGE_BODY.replace('<time datetime="2024-03-05T09:30:00+01:00">5 March 2024</time>', "")
    article = split_sections(cleaned(html_page(head, body + "<footer>Printed 7 June 2024</footer>")))
    assert article.signals is not None
    older = article.model_copy(update={"signals": article.signals.model_copy(update={"fallbacks": None})})
    calls: list[str] = []
    real = html_meta.parse_page
    monkeypatch.setattr(html_meta, "parse_page", lambda raw: calls.append(raw) or real(raw))
    assert extract_metadata(older).metadata.published_at == "2024-06-07"
    assert len(calls) == 1


# Pages whose metadata asks for each tree reading: no declared date (htmldate), a byline element
# only (trafilatura's author), a category link only, a "By" line only (the visible bylines), a
# declared date outside the month the URL names (the body's dates in that month).
TITLED = "<title>Quay wall approved</title>"
FALLBACK_PAGES = [
    (TITLED, f"<h1>Quay wall approved</h1><p>{BODY}</p><footer>Printed 7 June 2024</footer>"),
    (TITLED, f'<h1>Quay wall approved</h1><div class="author-name">Elin Sand</div><p>{BODY}</p>'),
    (TITLED, f'<h1>Quay wall approved</h1><div class="cats"><a href="/category/harbour/">Harbour</a></div>'
             f'<p>{BODY}</p>'),
    (TITLED, f"<h1>Quay wall approved</h1><p>{BODY}</p><aside><p>By Tom Keller</p></aside>"),
    ('<meta property="article:published_time" content="2024-03-05">',
     f"<h1>Quay wall approved</h1><p>{BODY}</p><p>The board met on 12 February 2023 and again later.</p>"),
]


@pytest.mark.parametrize(("head", "body"), FALLBACK_PAGES)
def test_metadata_from_the_clean_stages_readings_equals_its_own_parse(monkeypatch, head, body):
    """Given a page whose metadata needs a tree reading, the header read from the clean stage's
    readings (the parser patched to fail) is the one read on the metadata stage's own parse."""
    article = split_sections(cleaned(html_page(head, body), url="https://example.org/2023/02/quay-wall"))
    assert article.signals is not None and article.signals.fallbacks != FallbackReadings()
    older = article.signals.model_copy(update={"fallbacks": None})
    own_parse = read_html_fields(article.raw, article.source.url, article.text, older, article.page_type)

    def refuse(raw: str) -> None:
        raise AssertionError("the raw page was parsed again")

    monkeypatch.setattr(html_meta, "parse_page", refuse)
    assert read_html_fields(article.raw, article.source.url, article.text, article.signals,
                            article.page_type) == own_parse


def test_a_byline_around_the_text_is_taken_to_credit_nobody_before_the_text_is_known():
    """Given a page whose only credit is a labelled byline below the article's paragraphs (the
    clean stage cannot tell yet whether it is printed within the article's text or after it),
    trafilatura's author reading and the visible bylines are done anyway: the metadata stage may
    ask for them."""
    paragraphs = "".join(f"<p>{n}. {BODY}</p>" for n in range(1, 13))
    article = cleaned(html_page("<title>Quay wall approved</title>",
                                f"<h1>Quay wall approved</h1>{paragraphs}<p>Written by: Elin Sand</p>"))
    assert article.signals is not None and article.signals.fallbacks is not None
    assert article.signals.fallbacks.authors is not None
    assert article.signals.fallbacks.visible_bylines is not None


@pytest.mark.parametrize(("head", "searched"), [
    ('<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">', False),
    ("", True),  # nothing declared
    ('<meta property="article:published_time" content="2024-03-05T23:30:00Z">', True),  # local day asked
])
def test_the_date_search_is_asked_for_only_without_a_declaration_or_near_utc_midnight(head, searched):
    tree = parse_page(html_page(head, f"<p>{BODY}</p>"))
    assert tree is not None
    view = PageView(read_page_signals(tree, URL, tree_readings(tree)), TreeFallbacks(lambda: tree, ""))
    assert dates.may_search(view) is searched


def test_each_tree_reading_is_done_once_on_one_parse():
    """Readings the clean stage did are not done again; the others share one parse."""
    parses: list[str] = []
    raw = f"<html><body><p>By Tom Keller</p><p>{BODY}</p></body></html>"
    done = FallbackReadings(authors=["Elin Sand"])
    fallbacks = TreeFallbacks(lambda: parses.append(raw) or parse_page(raw), raw, done)
    assert fallbacks.authors() == ["Elin Sand"]
    assert parses == []
    assert fallbacks.visible_bylines() == ["Tom Keller"]
    assert fallbacks.page_date(None, extensive=False) is None
    assert fallbacks.visible_bylines() == ["Tom Keller"]
    assert len(parses) == 1
    assert fallbacks.readings() == FallbackReadings(authors=["Elin Sand"], visible_bylines=["Tom Keller"], page_date=[])


def test_catstags_are_not_parsed_for_when_the_source_cannot_hold_them():
    def refuse() -> None:
        raise AssertionError("the page was parsed")

    fallbacks = TreeFallbacks(refuse, f"<html><body><p>{BODY}</p></body></html>")
    assert fallbacks.catstags("category") == []
    assert fallbacks.catstags("tag") == []
    assert fallbacks.readings() == FallbackReadings(categories=[], tags=[])


def test_payload_without_signals_reads_the_raw_page_the_same_way():
    """An article cleaned by an older worker (no signals) gets the same header from its raw page."""
    article = split_sections(cleaned(html_page()))
    with_signals = read_html_fields(article.raw, URL, article.text, article.signals)
    assert read_html_fields(article.raw, URL, article.text, None) == with_signals


def test_signals_read_in_the_metadata_stage_equal_the_clean_stages():
    """The fallback reading (metadata's own parse) collects what the clean stage collected."""
    html = html_page()
    tree = parse_page(html)
    assert tree is not None
    signals = cleaned(html).signals
    assert signals is not None
    assert read_page_signals(tree, URL, tree_readings(tree)) == signals.model_copy(update={"fallbacks": None})


# ---------------------------------------------------------------- one JSON-LD reader


def test_one_reader_serves_both_traversals():
    """Given a CDATA-wrapped script with a nested VideoObject, the reader parses it once; the
    flat view lists the graph's members, the walk also finds nested objects."""
    tree = parse_page(
        '<html><head><script type="application/ld+json">//<![CDATA[\n'
        '{"@graph": [{"@type": "NewsArticle", "video": {"@type": "VideoObject", "name": "Quay"}}]}\n//]]>'
        "</script></head><body><p>x</p></body></html>"
    )
    assert tree is not None
    documents = jsonld.read_scripts(tree)
    assert [jsonld.types_of(o) for o in jsonld.flatten(documents)] == [set(), {"newsarticle"}]
    assert {"VideoObject"} <= {o.get("@type") for o in jsonld.walk(documents)}


# ---------------------------------------------------------------- trafilatura's author fallback


def test_author_fallback_skips_the_deep_copy_without_candidate_elements(monkeypatch):
    """Given a page with no element trafilatura's author XPaths select, no copy is made."""
    def refuse(tree: object) -> None:
        raise AssertionError("extract_author ran")

    monkeypatch.setattr(trafilatura_reader, "extract_author", refuse)
    tree = parse_page(f"<html><body><p>{BODY}</p></body></html>")
    assert tree is not None
    assert trafilatura_reader.read_author(tree) == []


@pytest.mark.parametrize("markup", ['<span class="author">Elin Sand</span>', '<div id="byline-author">Elin Sand</div>'])
def test_author_fallback_still_reads_candidate_elements(markup):
    tree = parse_page(f"<html><body>{markup}<p>{BODY}</p></body></html>")
    assert tree is not None
    assert trafilatura_reader.read_author(tree) == ["Elin Sand"]


def test_author_candidates_were_derived_from_these_trafilatura_expressions() -> None:
    """A trafilatura release that changes its author XPaths fails here: derive
    ``AUTHOR_CANDIDATES`` again from the new ones (it must select everything they select)."""
    paths = "\n".join(expression.path for expression in AUTHOR_XPATHS)
    assert hashlib.sha1(paths.encode()).hexdigest() == "8a9ca42e2e092025399490bf38432ea57994b6e9"


def test_metadata_parse_gives_the_tree_trafilatura_would_with_one_element_class() -> None:
    page = f"<html><body><form action='/s'><input name='q'></form><h1>Harbour opens</h1><p>{BODY}</p></body></html>"
    tree = parse_page(page)
    library = load_html(page)
    assert tree is not None
    assert library is not None
    assert lxml.etree.tostring(tree) == lxml.etree.tostring(library)
    assert {type(el) for el in tree.iter()} == {HtmlElement}  # lxml.html would give <form> its own class


@pytest.mark.parametrize("markup", [
    '<a rel="author">Elin Sand</a>', '<span class="post-authorName">Elin Sand</span>',
    '<div class="Byline">Elin Sand</div>', '<p id="xiaobian-box">Elin Sand</p>', '<author>Elin Sand</author>',
    '<span itemprop="author">Elin Sand</span>', '<div data-component="BylineBlock">Elin Sand</div>',
    '<span class="screenname">Elin Sand</span>', '<strong data-testid="AuthorCard">Elin Sand</strong>',
])
def test_author_candidates_select_whatever_trafilatura_would(markup: str) -> None:
    tree = parse_page(f"<html><body>{markup}<p class='lead'>{BODY}</p></body></html>")
    assert tree is not None
    selected = {el for expression in AUTHOR_XPATHS for el in expression(tree)}
    assert selected and selected <= set(trafilatura_reader.AUTHOR_CANDIDATES(tree))


@pytest.mark.parametrize("markup", [
    '<a rel="author">Elin Sand</a>', '<span class="post-authorName">Elin Sand</span>',
    '<div class="Byline">Elin Sand</div>', '<p id="xiaobian-box">Elin Sand</p>', '<author>Elin Sand</author>',
    '<span itemprop="author">Elin Sand</span>', '<div data-component="BylineBlock">Elin Sand</div>',
    '<span class="username">Elin Sand</span>', '<p><rel>me</rel></p>', '<span class="user-name">Elin Sand</span>',
    '<p id="main-story">Elin Sand</p>', '<span itemprop="name">Elin Sand</span>', '<p data-testid="Card">x</p>',
])
def test_author_candidate_test_answers_as_the_expression_does(markup: str) -> None:
    tree = parse_page(f"<html><body>{markup}<p class='lead'>{BODY}</p></body></html>")
    assert tree is not None
    expected = bool(trafilatura_reader.AUTHOR_CANDIDATES(tree))
    assert trafilatura_reader.has_author_candidate(tree) is expected


@pytest.mark.parametrize("markup", [
    '<a rel="author">Elin Sand</a>', '<a rel="authors">Elin Sand</a>', '<author>Elin Sand</author>',
    '<span itemprop="coauthor">Elin Sand</span>', '<span itemprop="Author">Elin Sand</span>',
    '<p data-testid="AuthorURL">x</p>', '<p data-testid="authorcard">x</p>', '<p data-testid="Card">x</p>',
    '<div data-component="BylineBlock">x</div>', '<div data-component="byline">x</div>',
    '<p><rel>me</rel></p>', '<p><rel>you</rel></p>', '<p rel="me">Elin Sand</p>',
])
def test_other_candidates_answer_as_trafilatura_s_elements_do(markup: str) -> None:
    tree = parse_page(f"<html><body>{markup}<p class='lead'>{BODY}</p></body></html>")
    assert tree is not None
    expected = bool(tree.xpath(trafilatura_reader._OTHER_ELEMENTS))
    assert trafilatura_reader._OTHER_CANDIDATES(tree) is expected


# ---------------------------------------------------------------- htmldate's search, bounded


# Paragraphs enough between the headline and an aside that the aside is no dateline.
FAR_FROM_THE_HEADLINE = f"<p>{BODY}</p>" * 4


@pytest.mark.parametrize(("page_type", "extensive"), [("article", True), ("forum", True), (None, True),
                                                      ("service", True), ("product", False), ("listing", False)])
def test_date_search_is_extensive_only_on_pages_that_carry_dates(monkeypatch, page_type, extensive):
    """Given a page that declares no date and shows one only in an aside, htmldate searches it
    extensively (dateparser, the whole source) only when the clean stage calls it an article,
    forum or service page (or did not say)."""
    asked: list[bool] = []

    def record(tree: object, url: str | None, *, extensive: bool) -> None:
        asked.append(extensive)

    monkeypatch.setattr(html_signals, "find_page_date", record)
    raw = f"<html><body><h1>Quay wall approved</h1>{FAR_FROM_THE_HEADLINE}<p>Opened on 3 May 2021</p></body></html>"
    assert read_html_fields(raw, None, BODY, None, page_type).published_at is None
    assert asked == [extensive]


# ---------------------------------------------------------------- trafilatura's categories and tags, gated


def test_catstags_gate_was_derived_from_this_trafilatura_function() -> None:
    """A trafilatura release that changes ``extract_catstags`` fails here: check the link gates and
    the category fallback of ``read_catstags`` against the new code."""
    source = inspect.getsource(extract_catstags)
    assert hashlib.sha1(source.encode()).hexdigest() == "f11c7ba686dd5b31eb600ed9ad6eb8811afa6b3d"


CATSTAGS_PAGES = [
    '<div class="entry-meta"><a href="/category/harbour/">Harbour</a><a href="/tag/quay/">Quay</a></div>',
    '<p class="postmeta"><a href="/categories/port">Port</a></p><div class="tags"><a href="/tags/wall/">Wall</a></div>',
    '<div class="meta"><a href="/topics/quay/">Quay</a></div>',  # links, but no category or tag address
    '<span class="tags-links"><a href="/en/tag/ships/">Ships</a></span>',
    "",  # no links at all
]


@pytest.mark.parametrize("head", ["", '<meta name="dc.subject" content=" Port  news ">'
                                      '<meta property="article:section" content="Harbour">'])
@pytest.mark.parametrize("body", CATSTAGS_PAGES)
@pytest.mark.parametrize("kind", ["category", "tag"])
def test_catstags_are_what_trafilatura_reads(kind: str, body: str, head: str) -> None:
    tree = parse_page(f"<html><head><title>T</title>{head}</head><body>{body}<p>{BODY}</p></body></html>")
    assert tree is not None
    assert trafilatura_reader.read_catstags(kind, tree) == extract_catstags(kind, tree)


def test_category_fallback_reads_the_subject_meta_when_no_link_can_match() -> None:
    tree = parse_page('<html><head><meta name="dc.subject" content=" Port  news "></head>'
                      f'<body><a href="/news/">News</a><p>{BODY}</p></body></html>')
    assert tree is not None
    assert trafilatura_reader.read_catstags("category", tree) == ["Port news"]
    assert trafilatura_reader.read_catstags("tag", tree) == []
@pytest.mark.parametrize(("aside", "extensive"), [
    ("", False),  # no date anywhere: the extensive search would find none
    ("<p>Opened in May 2021</p>", False),  # a month and year is no date
    ("<p>Opened on 3 May 2021</p>", True),  # a line holds a date
    ('<span class="date">11-29-2024, 09:03 AM</span>', True),  # a date element holds a year
    ('<img src="/media/2016/05/22/quay.jpg">', True),  # a dated path in the source
])
def test_extensive_date_search_needs_a_date_the_page_shows(monkeypatch, aside, extensive):
    asked: list[bool] = []

    def record(tree: object, url: str | None, *, extensive: bool) -> None:
        asked.append(extensive)

    monkeypatch.setattr(html_signals, "find_page_date", record)
    raw = f"<html><body><h1>Quay wall approved</h1>{FAR_FROM_THE_HEADLINE}<aside>{aside}</aside></body></html>"
    read_html_fields(raw, None, BODY, None, "article")
    assert asked == [extensive]


GATED_CATSTAGS_PAGES = [
    *CATSTAGS_PAGES,
    '<div class="tags"><a href="&#47;tag&#x2F;quay/">Quay</a></div>',  # the slashes as references
    '<div class="entry-meta"><a href="/c&#97;tegory/harbour/">Harbour</a></div>',  # a letter as one
    '<div class="tags"><a href="/ta\x01g/quay/">Quay</a></div>',  # a control the parser drops
    '<div class="tags"><a href="/topics/&#8211;quay/">Quay</a></div>',  # a reference to no needle
]


@pytest.mark.parametrize("head", ["", '<meta name="dc.subject" content="Port news">',
                                      '<meta property="article:section" content="Harbour">'])
@pytest.mark.parametrize("body", GATED_CATSTAGS_PAGES)
@pytest.mark.parametrize("kind", ["category", "tag"])
def test_catstags_gate_passes_every_page_they_are_found_on(kind: str, body: str, head: str) -> None:
    """The source gate never skips a page on which trafilatura's reading finds something."""
    raw = f"<html><head><title>T</title>{head}</head><body>{body}<p>{BODY}</p></body></html>"
    tree = parse_page(raw)
    assert tree is not None
    if trafilatura_reader.read_catstags(kind, tree):
        assert trafilatura_reader.may_find_catstags(kind, raw)


@pytest.mark.parametrize(("kind", "body", "expected"), [
    ("tag", '<a href="/news/quay/">Quay</a>', False),
    ("tag", '<a href="/tags/quay/">Quay</a>', True),
    ("tag", '<a href="/news/quay/">Quay &#8211; &#39;s &amp; more</a>', False),  # references to no needle's character
    ("tag", '<a href="&#47;news/">News</a>', True),  # a reference to a slash: it may spell a needle
    ("category", '<a href="/news/quay/">Quay</a>', False),
    ("category", '<meta name="subject" content="Port">', True),
])
def test_catstags_gate_skips_pages_whose_source_cannot_hold_one(kind: str, body: str, expected: bool) -> None:
    raw = f"<html><head><title>T</title></head><body>{body}<p>{BODY}</p></body></html>"
    assert trafilatura_reader.may_find_catstags(kind, raw) is expected
