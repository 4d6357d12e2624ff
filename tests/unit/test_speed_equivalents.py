"""Speed rewrites that must select, count and match exactly what the forms they replaced did.

Each test holds the slower original form beside the fast one on small made-up pages and lines."""

from __future__ import annotations

import hashlib
import inspect
import math
import re
from collections import Counter
from urllib.parse import urljoin, urlsplit

import lxml.html
import pytest
from dateparser.data import language_order
from dateparser.languages.loader import default_loader
from lxml import etree
from trafilatura.utils import INVALID_XML_CHARS, repair_faulty_html

from tasks.clean import detect, guards
from tasks.clean.features import blocks, page, page_kind
from tasks.clean.features.census import take_census
from tasks.clean.features.confidence import confidence_row
from tasks.clean.features.segment import DomBlock, _Segmenter, segment
from tasks.clean.html import dom, merge
from tasks.common import datetext, html_parse, page_lines, page_signals
from tasks.common.page_signals import BYLINE_XPATH, _dated_elements
from tasks.common.words import TOKEN_SPLIT
from tasks.errors import StageRejected
from tasks.metadata import bylines, entities, html_signals, names, titles, trafilatura_reader
from tasks.metadata.html_signals import _visible_bylines
from tasks.metadata.trafilatura_reader import load_date_parser
from tasks.options import StageOptions

PAGE = """<html><head><title>T</title><meta name="author" content="x"></head><body>
<div class="post-author">Jane</div><span class="author">Ann</span><span class="authors">Ben</span>
<p class=" author  box">Cy</p><a rel="author" href="/d">Di</a><b itemprop="author">Ed</b><i id="main-byline">Fa</i>
<div class="byline-wrap">By Gus</div><div class="co-author-name">Hal</div><div class="authority">no</div>
<time datetime="2024-03-05">5 March</time><span class="pubDate">6 March</span><span class="timestamp">7</span>
<em class="published-on">8</em><i itemprop="dateModified">9</i><span itemprop="name">no</span><p>By Kim Lee</p>
<a href="/x">By Link Only</a><span>Menu</span>
<!-- a comment --><div class="card" id="c1"><p class="card">a</p><p class="card" itemprop="price">b</p></div>
</body></html>"""

# The forms these replaced, kept here as the definition of what must be selected.
ORIGINAL_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'byline') or "
    "contains(@class,'author-name') or contains(@class,'authorname') or "
    "contains(@class,'article-author') or contains(@class,'post-author') or "
    "contains(@class,'entry-author') or contains(@id,'byline') or "
    "contains(concat(' ', normalize-space(@class), ' '), ' author ')]"
)
ORIGINAL_DATED_XPATH = (
    "//body//time|//body//*[contains(@class,'date') or contains(@class,'Date') or "
    "contains(@class,'time') or contains(@class,'published') or contains(@itemprop,'date')]"
)


def test_byline_elements_are_those_the_original_expression_selects() -> None:
    root = lxml.html.fromstring(PAGE)
    found = BYLINE_XPATH(root)
    assert found == root.xpath(ORIGINAL_BYLINE_XPATH)
    assert [el.text for el in found] == ["Jane", "Ann", "Cy", "Di", "Ed", "Fa", "By Gus", "Hal"]


def test_dated_elements_are_those_the_original_expression_selects() -> None:
    root = lxml.html.fromstring(PAGE)
    found = _dated_elements(root)
    assert found == root.xpath(ORIGINAL_DATED_XPATH)
    assert [el.text for el in found] == ["5 March", "6 March", "7", "8", "9"]


def test_census_counts_every_element_once() -> None:
    root = lxml.html.fromstring(PAGE)
    census = take_census(root)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    assert census.tags == Counter(str(el.tag) for el in elements)
    assert census.classes["card"] == 3  # the comment is no element
    assert census.class_ids["card c1"] == 1 and census.class_ids[" "] > 0
    assert sum(census.class_ids.values()) == len(elements)
    assert census.itemprops == 4


def test_visible_bylines_skip_links_and_read_labelled_lines() -> None:
    assert _visible_bylines(lxml.html.fromstring(PAGE)) == ["Gus", "Kim Lee"]


ORIGINAL_DATE_MENTION = re.compile(datetext.DATE_MENTION.pattern.replace(r"(?=[\djfmasond])", ""), re.IGNORECASE)
ORIGINAL_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d|\d[\d.,]*\s?(?:€|USD|EUR|GBP|kr|zł))")
DATES = datetext.DATE_MENTION, ORIGINAL_DATE_MENTION
PRICES = page.PRICE, ORIGINAL_PRICE


@pytest.mark.parametrize(("expressions", "text"), [
    (DATES, "Posted 3 days ago, updated 12.05.2024 and on Nov 22, 2024 or 22 NOV 2024; 2024-11-22."),
    (DATES, "Nothing here but 42 apples, Mayors and 1999 words."),
    (DATES, "Deadline: Dec. 1, 2025 / 01-02-2003 / ١٢/٠٥/2024"),
    (PRICES, "Was $ 12, now $9.99 or 12,50 € (1.234,56 EUR), 300kr, 45 zł, 7 GBP and ₹ 5; 2024 items, 3.5.6."),
    (PRICES, "No prices: 1999, 12.5 %, version 2.0.1 and a 42 krone joke, US$ and € alone, €€."),
    (PRICES, "Runs 1234567890,12345 € and 12 34 EUR, ١٢ USD, $$5, 7"),
])
def test_rewritten_expressions_match_what_the_originals_match(
    expressions: tuple[re.Pattern[str], ...], text: str
) -> None:
    fast, original = expressions
    assert fast.pattern != original.pattern
    assert fast.findall(text) == original.findall(text)


@pytest.mark.parametrize("line", [
    "Friday, November 22, 2024 | 12°C | Login | Subscribe.",  # would be a bar, but ends a sentence
    "Home | News | Sport | November 22, 2024!",
])
def test_a_line_ending_a_sentence_is_never_a_page_clock(line: str) -> None:
    assert not datetext.is_page_clock(line)
    assert datetext.is_page_clock(line.rstrip(".!"))



def test_furniture_candidates_are_the_owners_of_furniture_class_or_id_values() -> None:
    root = lxml.html.fromstring(
        '<html><body class="sidebar"><div class="share-bar" id="story">a</div><div id="nav">b</div>'
        '<div class="" id="">c</div><div class="article-body">d</div><p class="promo" id="footer">e</p></body></html>'
    )
    scope = root.find("body")
    original = list(dict.fromkeys(v.getparent() for v in scope.xpath(".//@class | .//@id") if dom._furniture_tokens(v)))
    found, _ = dom.furniture_candidates(scope)
    assert found == original
    assert [el.text for el in found] == [None, "a", "e"]  # the body itself, then in page order


def test_marked_furniture_candidates_are_the_xpaths_elements_below_the_scope() -> None:
    root = lxml.html.fromstring(
        '<html><body role="main"><div hidden>a</div><p style="x">b<!-- c --><span role="note">d</span></p>'
        '<div class="k" data-x="1">e</div><i>f</i></body></html>'
    )
    scope = root.find("body")
    _, marked = dom.furniture_candidates(scope)
    assert marked == scope.xpath(".//*[@hidden or @role or @style]")
    assert [el.text for el in marked] == ["a", "b", "d"]  # not the body, though it has a role


@pytest.mark.parametrize("value", [
    "post-author avatar", "Product_Card tile", "nav menu", "", "x-y-z", "CART qty-box",
    "posts postal repost post2", "comment_reply--item", "naïve-post\nshare", "ITEM__CARD", "sidebar-widget ad-slot",
    "share-ad", "a", "  post  ",
])
@pytest.mark.parametrize("families", [page_kind.CLASS_FAMILIES, blocks.CLASS_FAMILIES])
def test_class_family_flags_are_the_token_intersections(value: str, families: dict[str, tuple[str, ...]]) -> None:
    tokens = set(TOKEN_SPLIT.split(value.lower()))
    original = tuple(int(bool(tokens.intersection(words))) for words in families.values())
    assert page.class_family_flags(families)(value) == original


def test_a_family_word_that_cannot_be_a_token_never_matches() -> None:
    flags = page.class_family_flags({"shop": ("add-to-cart", "Cart"), "none": ()})
    assert flags("add-to-cart Cart cart") == (0, 0)


# A page of two documents (markup after ``</html>``): ``//`` and ``/descendant::`` reach both.
TWO_DOCUMENTS = """<html><head><link rel="canonical" href="/a"><meta property="og:type" content="article">
<script type="application/ld+json">{}</script></head><body><div class="comments"><p>c</p></div>
<nav class="breadcrumb"><a href="/">Home</a><span><a href="/s">S</a></span></nav><a rel="next" href="/2">2</a>
</body></html><div id="comment-9" class="breadcrumb x"><a rel="author" href="/jo">Jo</a><b itemprop="price">3</b>
<meta name="author" content="Jo"><link rel="next" href="/3"></div>"""


@pytest.mark.parametrize(("fast", "original"), [
    (page_kind._DECLARING, "//meta[@property or @name or @itemprop] | //*[@itemprop='price']"),
    (page_kind._AUTHOR_LINK, "//*[@rel='author']"),
    (page_kind._COMMENTS, "//*[contains(@class,'comment') or contains(@id,'comment')]"),
    (page_kind._BREADCRUMB_LINKS, "//*[contains(@class,'breadcrumb')]//a"),
    (page_kind._CANONICAL, "//link[@rel='canonical']/@href"),
    (page_kind._OPEN_GRAPH, "//meta[starts-with(@property,'og:')]"),
    (page_kind._NEXT_PAGE, "//link[@rel='next'] | //a[@rel='next']"),
    (page_kind._JSON_LD, "//script[@type='application/ld+json']"),
])
def test_descendant_xpaths_select_what_the_double_slash_forms_did(fast: etree.XPath, original: str) -> None:
    root = html_parse.parse_html(TWO_DOCUMENTS)
    assert root is not None and root.getnext() is not None
    inner = root.find("body/div")
    for context in (root, inner):
        found = fast(context)
        assert found == context.xpath(original)
        assert found  # every expression selects something here, in one document or the other


@pytest.mark.parametrize(("body", "expected"), [
    ('<div class="post-byline">By Jo</div>', True),
    ('<span class="Author">Jo</span><a rel="author" href="/jo">Jo</a>', True),  # only the link: no class hit
    ('<span class="Author">Jo</span><a rel="me" href="/jo">Jo</a>', False),  # contains() is case-sensitive
    ('<p class="">x</p><p id="author">y</p>', False),
])
def test_byline_element_test_is_the_original_expression(body: str, expected: bool) -> None:
    root = lxml.html.fromstring(f"<html><body>{body}</body></html>")
    original = bool(root.xpath("//*[contains(@class,'byline') or contains(@class,'author') or @rel='author']"))
    assert page_kind.has_byline_element(root, take_census(root)) is original is expected


def test_a_byline_in_a_second_document_the_census_missed_is_still_found() -> None:
    root = html_parse.parse_html('<html><body><p>x</p></body></html><div class="byline">By Jo</div>')
    assert root is not None and root.getnext() is not None  # markup after </html>: a second top-level element
    assert not take_census(root).classes
    assert page_kind.has_byline_element(root, take_census(root))


# ---------------------------------------------------------------- issue 16, this round


def test_repair_html_was_derived_from_this_trafilatura_function() -> None:
    """A trafilatura release that changes ``repair_faulty_html`` fails here: check ``repair_html``'s
    copy of its doctype and ``<html/>`` repairs, and its character class, against the new code."""
    source = inspect.getsource(repair_faulty_html)
    assert hashlib.sha1(source.encode()).hexdigest() == "e2c5230791ae458204e4238aaca0941a1b438d8f"


@pytest.mark.parametrize("page", [
    "<html><body><p>Plain</p></body></html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd">\n<html><body>a</body></html>',
    "<!doctype html>\n<html/>\n<body>b</body>",  # a self-closing <html/> in the first lines
    "<html><body>tab\tform\x0cfeed\rline\nend</body></html>",  # \x0c: removed, \t \r \n kept
    "<html><body>nul\x00bell\x07esc\x1b</body></html>",
    "<html><body>non\ufffechar\uffff and caf\u00e9 \u4e2d</body></html>",
    "<!DOCTYPE html>\n<html><body>\ud800 lone surrogate</body></html>",
    "",
])
def test_repair_html_is_repair_faulty_html(page: str) -> None:
    beginning = page[:50].lower()
    assert html_parse.repair_html(page, beginning) == repair_faulty_html(page, beginning)
    assert html_parse.has_invalid_xml_chars(page) is bool(INVALID_XML_CHARS.search(page))


def test_every_character_below_0x20_is_tested_as_the_expression_does() -> None:
    for code in [*range(0x20), 0x7F, 0xFFFD, 0xFFFE, 0xFFFF]:
        text = f"a{chr(code)}b"
        assert html_parse.has_invalid_xml_chars(text) is bool(INVALID_XML_CHARS.search(text)), hex(code)


def _original_subtree_words(root: lxml.html.HtmlElement) -> dict[lxml.html.HtmlElement, int]:
    def pieces(text: str | None) -> int:
        return len(text.split()) if text else 0

    words: dict[lxml.html.HtmlElement, int] = {}
    for _event, el in etree.iterwalk(root, events=("end",)):
        if isinstance(el.tag, str):
            words[el] = pieces(el.text) + sum(words.get(child, 0) + pieces(child.tail) for child in el)
    return words


def test_subtree_words_are_the_original_counts() -> None:
    root = lxml.html.fromstring(PAGE.replace("<!-- a comment -->", "<!-- a comment --> after it "))
    found = take_census(root).subtree_words
    assert found == _original_subtree_words(root)
    assert found[root.find(".//div[@id='c1']")] == 2


# Texts everywhere a walk can meet them: head, scripts and styles in the body (and their tails),
# comments and processing instructions with tails, nested inline elements, the body's own tail.
TEXTS_PAGE = """<html><head><title>T</title><script>var h = 1;</script></head><body>lead
<script>var a;</script>after script<style>p {}</style><div>one <!-- c --> two <b>three <i>four</i>
</b>five<?pi no?> six</div><svg><style>.x {}</style><text>drawn</text></svg>last</body></html>"""


def _page_with_tails() -> lxml.html.HtmlElement:
    root = lxml.html.fromstring(TEXTS_PAGE)
    root.find("body").tail = "after the body"
    return root


def test_census_texts_are_what_itertext_and_the_body_walk_read() -> None:
    root = _page_with_tails()
    census = take_census(root)
    assert census.text == " ".join(filter(None, root.itertext()))
    body = root.find("body")
    assert census.body_text == " ".join(page_kind._body_texts(body))
    assert "var a" not in census.body_text and ".x" not in census.body_text and "after the body" not in census.body_text
    assert "after script" in census.body_text and "drawn" in census.body_text and "last" in census.body_text
    assert "var h" in census.text and "after the body" in census.text


LINES_PAGE = """<html><head><title>T</title></head><body>Intro<h2>Head <b>line</b></h2>By <a href="/a">Ann</a>
<br>next<noscript>no <p>script</p></noscript> tail<!-- c --> after<div>in <svg><text>drawn</text></svg>div
<select><option>opt</option></select></div>end<ul><li>one</li><li>two<button>go</button></li></ul></body></html>"""


def test_census_renders_the_body_as_visible_lines_does() -> None:
    root = lxml.html.fromstring(LINES_PAGE)
    root.find("body").tail = "after the body"
    rendering = take_census(root).body_rendering
    assert rendering is not None
    body = root.find("body")
    assert page_lines.visible_lines(body, rendering) == page_lines.visible_lines(body)
    assert page_lines.tree_readings(root, rendering) == page_lines.tree_readings(root)
    # ``visible_lines`` skips a comment with its tail (the clean stage's parser drops comments).
    assert page_lines.visible_lines(body, rendering) == [
        "Intro", page_lines.HEADING_MARK + "Head line", "By Ann", "next tail", "in div", "end", "one", "two"]


def test_visible_text_reads_the_census_only_where_it_walked_the_only_body() -> None:
    root = _page_with_tails()
    expected = " ".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    assert page_kind._visible_text(root, take_census(root)) == expected
    etree.SubElement(root, "body").text = "second body"  # two bodies: the census has no body text
    assert take_census(root).body_text is None
    assert page_kind._visible_text(root, take_census(root)).endswith("second body")
    inner = root.find("body/div")  # a root inside a document: ``//body`` reads the whole document
    assert page_kind._visible_text(inner, take_census(inner)).endswith("second body")


def _original_link_kinds(href: str, url: str | None, host: str | None, path: str, parent: str) -> list[str]:
    try:
        target = urlsplit(href if page_kind._resolved(href) else urljoin(url or "", href))
    except ValueError:
        return []
    link = target.path.rstrip("/")
    segments = [s for s in link.lower().split("/") if s]
    words = set(TOKEN_SPLIT.split(link.lower()))
    tests = {
        "same_host": target.hostname in {host, None},
        "child": bool(path) and link.startswith(path + "/"),
        "sibling": bool(parent) and link.startswith(parent + "/") and link != path
        and not (path and link.startswith(path + "/")),
        "slug": bool(segments) and len([w for w in re.split(r"[-_]", segments[-1]) if w]) >= page_kind.MIN_SLUG_WORDS,
        "dated": bool(page_kind._DATED_PATH.search(link)), "product": bool(words & page_kind._PRODUCT_WORDS),
        "article": bool(words & page_kind._ARTICLE_WORDS), "pages": bool(page_kind._PAGINATION.search(href)),
    }
    return [kind for kind, hit in tests.items() if hit]


LINKS = ["", "/", "//", "/news/world", "/news/world/", "/news/world/harbour-wall-falls-down", "/news/sport",
         "/news", "https://other.example/2024/01/harbour-wall-falls-down", "?page=2", "/page/3", "p/shoe_red-big-one",
         "http://[::1", "//news.example.com/products/x", "/news/world//", "///a-b-c-d", "../blog/post-1", "/./x"]


@pytest.mark.parametrize("url", ["https://news.example.com/news/world", "https://news.example.com/", None])
def test_link_kinds_are_the_original_tests(url: str | None) -> None:
    page_url = urlsplit(url or "")
    path = page_url.path.rstrip("/")
    parent = path.rsplit("/", 1)[0]
    for href in LINKS:
        found = page_kind._link_kinds(href, url, page_url.hostname, path, parent)
        assert sorted(found) == sorted(_original_link_kinds(href, url, page_url.hostname, path, parent)), href
    assert "child" in page_kind._link_kinds("/news/world/harbour-wall-falls-down", url, "news.example.com",
                                            "/news/world", "/news")


def test_headline_index_answers_for_the_lines_it_is_given_now() -> None:
    """The memo of the header search keys on the lines' contents: a list changed between two
    calls is searched again, and a list equal to one seen gets the same answer."""
    lines = ["Home | News", "# Council votes on the budget", "By Jane Doe"]
    assert bylines.headline_index(lines, ["Council votes on the budget"]) == 1
    lines.insert(0, "Weather")
    assert bylines.headline_index(lines, ["Council votes on the budget"]) == 2
    assert bylines.headline_index(list(lines), ["Council votes on the budget"]) == 2
    assert bylines.headline_index(lines, ["Another story"]) is None


def test_load_date_parser_loads_every_language_dateparser_tries() -> None:
    """After it, no page's date expression makes dateparser load a language (seconds, once)."""
    load_date_parser()
    assert set(language_order) <= default_loader._loaded_languages.keys()


# ---------------------------------------------------------------- issue 16 / 12, clean-stage reading


ORIGINAL_DECLARATIONS = (
    "//meta[@property='article:published_time' or @name='article:published_time' or @name='pubdate' "
    "or @name='publish-date' or @name='date' or @itemprop='datePublished']",
    "//meta[@name='author' or @property='article:author' or @name='article:author']",
    "//meta[@property='article:section' or @property='article:tag']",
    "//meta[@property='product:price:amount' or @property='og:price:amount'] | //*[@itemprop='price']",
)


@pytest.mark.parametrize("head", [
    "",
    '<meta name="date" content="x"><meta property="article:tag" content="y">',
    '<meta itemprop="datePublished" content="x"><meta name="article:author" content="y">',
    '<meta property="og:price:amount" content="9"><meta name="description" content="z">',
    '<meta name="Date" content="x"><meta property="article:Section"><meta content="author">',  # case matters
    '<meta property="author" name="pubdate"><meta itemprop="price" content="3">',
])
@pytest.mark.parametrize("body", ["<p>x</p>", '<span itemprop="price">$3</span>', '<meta name="author">'])
def test_declared_meta_is_the_four_original_expressions(head: str, body: str) -> None:
    root = lxml.html.fromstring(f"<html><head>{head}</head><body>{body}</body></html>")
    assert page_kind.declared_meta(root) == [float(bool(root.xpath(x))) for x in ORIGINAL_DECLARATIONS]


def test_pager_links_read_the_whole_text_of_links_with_children() -> None:
    root = lxml.html.fromstring(
        '<html><body><a href="/p/2"> 2 </a><a href="/p/3"><b>3</b></a><a href="/p/4">4<!-- c -->0</a>'
        '<a href="/p/5"><b>1</b>234</a><a href="/x">next</a><a href="/y"></a></body></html>')
    original = sum(text.isdigit() and len(text) <= page_kind.MAX_PAGER_DIGITS
                   for a in root.iter("a") for text in [a.text_content().strip()])
    assert page_kind._hrefs(root)[1] == original == 3


def test_dom_block_words_are_the_word_matches_of_its_text() -> None:
    root = lxml.html.fromstring(PAGE)
    blocks = segment(root)
    assert [b.words for b in blocks] == [re.findall(r"\w+", b.text) for b in blocks]
    assert any(len(b.words) > 1 for b in blocks)


def test_confidence_row_with_the_units_word_counts_is_the_row_without() -> None:
    texts = ["One two three.", "", "Four, five"]
    arguments = {"keep": 0.5, "text": "One two three.", "rule_text": "Four five", "page_type_probability": 0.7,
                 "plain_text": False}
    without = confidence_row(texts, [0.9, 0.2, 0.4], **arguments)  # type: ignore[arg-type]
    given = confidence_row(texts, [0.9, 0.2, 0.4], unit_words=[3, 0, 2], **arguments)  # type: ignore[arg-type]
    assert without.tobytes() == given.tobytes()
    assert without[4] == pytest.approx(0.6)  # kept_word_share: 3 of 5 words


def test_lineage_and_own_family_columns_are_the_original_ancestry() -> None:
    root = lxml.html.fromstring(PAGE.replace("<body>", '<body><article class="story-body"><nav id="menu">')
                                .replace("</body>", "</nav></article></body>"))
    elements = [b.element for b in segment(root)]
    above = blocks.lineages(elements)
    for el in elements:
        lineage = above[el]
        value = f"{el.get('class') or ''} {el.get('id') or ''}"
        original = [float(lineage.depth), *[1.0 if tag in lineage.tags else 0.0 for tag in blocks.ANCESTOR_TAGS],
                    *[float(count) for count in lineage.families],
                    *[float(hit) for hit in blocks.class_families(value)]]
        assert [*blocks.lineage_columns(lineage), *blocks.own_family_columns(value)] == original
    assert any(above[el].families[0] and "nav" in above[el].tags for el in elements)


@pytest.mark.parametrize("words", [[], ["a"], ["a", "b", "b", "zz"], ["zz", "yy"]])
def test_word_share_over_a_set_is_the_counter_lookup(words: list[str]) -> None:
    known = ["a", "b", "c", "a"]
    original = sum(1 for w in words if Counter(known)[w]) / len(words) if words else 0.0
    assert blocks.word_share(words, set(known)) == original


def test_extractor_votes_keep_in_order_and_share_out_of_order_words() -> None:
    found = blocks.extractor_votes([DomBlock(None, t, 0, 0, []) for t in ("Two three", "three one x", "")],  # type: ignore[arg-type]
                                   "One two three.")
    assert found == [1.0, pytest.approx(2 / 3 * 0.9), 0.0]


CHARACTER_TEXTS = ["Plain words, 12 digits.", "", " \t\u00a0\u2003 ", "caf\u00e9 \u0663\u0664 \u00b2 \u2167",
                   "\U0001d7d8 \U0001f600 \U00020000x", "lone \ud800 surrogate", "\u4e2d\u6587\u3002"]


def test_character_classes_are_the_str_tests_of_each_text() -> None:
    found = blocks.char_classes(CHARACTER_TEXTS)
    assert found == [[sum(map(str.isalnum, t)), sum(map(str.isspace, t)), sum(map(str.isdigit, t)),
                      len(re.findall(r"[.!?。！？]", t))] for t in CHARACTER_TEXTS]
    assert found[4] == [3, 2, 1, 0]  # beyond the table: a mathematical digit, an emoji, a CJK ideograph
    assert found[6][3] == 1  # the ideographic full stop ends a sentence
    assert blocks.char_classes([]) == []


@pytest.mark.parametrize("text", [
    "By Jane Doe", " \u200bby Jane Doe", "\xa0\u00adPar Jean Dupont", "\u2060\tVon Jana Novak", "Written by Jane Doe",
    "", "  \n ", "\u200b", "Ärger im Amt", "\u0392y Jane", "\uff22y Jane", "about us", "Toggle menu",
])
def test_byline_prefilter_keeps_exactly_the_texts_whose_cleaned_initial_may_open_a_byline(text: str) -> None:
    cleaned = page_signals.clean_space(text)
    assert bool(html_signals._MAY_BE_BYLINE.match(text)) is (cleaned != "" and cleaned[0].lower() in "bvpdat")


def test_visible_bylines_read_a_byline_behind_invisible_characters() -> None:
    root = lxml.html.fromstring("<html><body><p>Home</p><p>\u200b\xa0By Jane Doe</p></body></html>")
    assert _visible_bylines(root) == ["Jane Doe"]


@pytest.mark.parametrize(("lines", "expected"), [
    (["Jane Doe", "Jane Doe is a reporter at the Courier."], ["Jane Doe"]),
    (["Jane Doe", "Jane is a developer in Oslo."], ["Jane Doe"]),
    (["Jane Doe", "Jane Doe writes about trains."], []),
    (["Jane Doe is a reporter.", "Jane Doe"], []),
    (["Council votes", "The budget is late."], []),
])
def test_bio_names_need_the_name_line_and_the_verb_of_the_line_after(lines: list[str], expected: list[str]) -> None:
    assert bylines.bio_names(lines) == expected


def test_a_label_alone_takes_the_line_after_it_wherever_the_label_repeats() -> None:
    """Each line's label is read once per run: the name a lone "By" takes is still the next line's."""
    lines = ["By", "Jane Doe", "Menu", "By", "John Roe"]
    assert bylines.labelled_bylines(lines) == ["Jane Doe", "John Roe"]
    assert bylines.labelled_bylines(lines[2:]) == ["John Roe"]


def test_category_and_tag_gates_scan_the_source_once(monkeypatch: pytest.MonkeyPatch) -> None:
    scans: list[str] = []
    original = trafilatura_reader.has_invalid_xml_chars
    monkeypatch.setattr(trafilatura_reader, "has_invalid_xml_chars", lambda s: scans.append(s) or original(s))
    source = "<html><head><meta name='sub&#106;ect' content='Trains'></head><body>written for a test</body></html>"
    assert trafilatura_reader.may_find_catstags("category", source)  # "&#106;": "j", as in "subject"
    assert not trafilatura_reader.may_find_catstags("tag", source)
    assert scans == [source]


def test_cached_name_readers_answer_a_second_reading_as_the_first() -> None:
    text = "Mayor Jane Doe met Dr. John Roe in Oslo. Doe said the Oslo plan works."
    names.peel.cache_clear()
    first = entities.extract_entities(text)
    assert names.peel.cache_info().hits > 0  # the runs repeat within one text
    assert entities.extract_entities(text) == first


WORD_TEXTS = [*CHARACTER_TEXTS, "A bb CCC dddd Éé ßtraße x_y 42", "One. Two! Three? Four:"]


def test_word_counts_are_the_per_word_tests_of_each_block() -> None:
    found = blocks.word_counts([re.findall(r"\w+", t) for t in WORD_TEXTS])
    expected = [[len(words), sum(1 for w in words if w[0].isupper()), sum(1 for w in words if len(w) <= 3),
                 sum(map(len, words))] for words in (re.findall(r"\w+", t) for t in WORD_TEXTS)]
    assert found == expected
    assert found[-2] == [8, 3, 6, 23]  # upper: A, CCC, Éé; short: A, bb, CCC, Éé, x_y, 42
    assert blocks.word_counts([]) == []


def _original_text_shape(text: str, words: list[str]) -> list[float]:
    """The block's text shape as it was read before the page-wide counts (``str`` tests, a regex)."""
    n, chars = max(len(words), 1), max(len(text), 1)
    alnum, space, digits = sum(map(str.isalnum, text)), sum(map(str.isspace, text)), sum(map(str.isdigit, text))
    return [float(len(words)), math.log1p(len(text)), 0.0, 0.0, (len(text) - alnum - space) / chars,
            len(re.findall(r"[.!?。！？]", text)) / n, text.count(",") / n, digits / chars,
            sum(1 for w in words if w[0].isupper()) / n, sum(1 for w in words if len(w) <= 3) / n,
            sum(map(len, words)) / n, float(text[-1] in ".!?:;。！？\"”’)")]


def test_text_shape_from_the_page_wide_counts_is_the_original_shape() -> None:
    texts = [t for t in WORD_TEXTS if t]
    dom_blocks = [DomBlock(None, t, 0, 0, re.findall(r"\w+", t)) for t in texts]  # type: ignore[arg-type]
    counts = blocks.text_counts(dom_blocks)
    for block, row in zip(dom_blocks, counts, strict=True):
        assert blocks.text_shape(block.text, row) == _original_text_shape(block.text, block.words)
    assert blocks.text_shape(texts[-1], counts[-1])[5] == 3 / 4  # three sentence ends, four words


def _original_rule_holder(norm: str, dom_texts: list[str], probabilities: list[float]) -> float | None:
    """The test ``merge._rule_verdicts`` ran per DOM block: the probability of the first block whose
    normalised text holds the rule block's."""
    dom_norms = [merge._norm(t) for t in dom_texts]
    return next((p for t, p in zip(dom_norms, probabilities, strict=True) if norm.strip() and norm in t), None)


@pytest.mark.parametrize("rule", [
    "Read more", "more news", "The first", "first paragraph.", "news", "Share", "", "  ", "B. C", "paragraph the",
    "nothing held", "The first paragraph. Read more",
])
def test_rule_block_holders_are_the_blocks_the_original_loop_found(rule: str) -> None:
    dom_texts = ["Menu", "The first paragraph.", "", "Read more news", "Share: read MORE", "b c", "the first"]
    probabilities = [0.1, 0.9, 0.3, 0.2, 0.7, 0.4, 0.6]
    holder = merge._DomHolders(dom_texts).first(merge._norm(rule))
    expected = _original_rule_holder(merge._norm(rule), dom_texts, probabilities)
    assert (None if holder is None else probabilities[holder]) == expected


def test_no_rule_block_is_held_by_a_page_without_blocks() -> None:
    assert merge._DomHolders([]).first(merge._norm("Read more")) is None


def _original_long_tags(content: str) -> list[str]:
    return [m[0] for m in re.finditer(r"<[A-Za-z][^<>]{3000,}>", content)]


@pytest.mark.parametrize("content", [
    "", "<p>short</p>", "<div " + "a=1 " * 800 + ">x</div>", "<div " + "a" * 2999 + ">", "<div " + "a" * 3001 + ">",
    "<1 " + "a" * 4000 + ">", "<b " + "a" * 4000, "<b " + "a" * 2000 + "<i " + "b" * 2000 + ">",
    "<b " + "a" * 2000 + "<i " + "b" * 3000 + "><p>" + "<q " + "c=1 " * 1000 + ">",
    "x < y " + "z" * 5000 + " > w", "<é " + "a" * 4000 + ">", "<p " + "é\u00a0" * 2000 + ">",
    "<b " + "a" * 4000 + "<1>", "<b " + "a" * 4000 + "< " + "b" * 3001 + ">",
    "<b " + "a" * 4000 + "<i" + "b" * 3001 + ">",
    "<a " + "b" * 3000 + "><c " + "d" * 3000 + ">" + "<e " + "f" * 3000 + ">",
])
def test_long_tags_are_the_original_expression_s_matches(content: str) -> None:
    assert guards.long_tags(content) == _original_long_tags(content)


def test_a_long_tag_with_few_equals_signs_is_under_the_attribute_limit() -> None:
    options = StageOptions(max_html_attributes=10)
    guards.check_html_attributes("<div " + "data-x " * 1000 + "a=1 " * 10 + ">x</div>", "clean", options)
    with pytest.raises(StageRejected, match="11 attributes"):
        guards.check_html_attributes("<div " + "data-x " * 1000 + "a=1 " * 11 + ">x</div>", "clean", options)
    with pytest.raises(StageRejected, match="1,001 attributes"):
        guards.check_html_attributes("<div " + "a=1 " * 1001 + ">x</div>", "clean", StageOptions())


def test_the_element_count_is_checked_only_past_the_limit_s_worth_of_brackets() -> None:
    options = StageOptions(max_html_elements=3)
    guards.check_html_size("<p>a</p><p>b</p><p>c</p> 1 < 2 < 3", "clean", options)  # 3 tags, 8 "<"
    with pytest.raises(StageRejected, match="HTML has 4 elements"):
        guards.check_html_size("<p>a<p>b<p>c<p>d", "clean", options)


@pytest.mark.parametrize("text", ["", "plain", "a\x00b\x07c\td\x0c", "x\x7fy", "é\ud800z\x01", "\udfff", "ok\u2028"])
def test_sanitised_text_counts_controls_on_the_one_encoding(text: str) -> None:
    replaced = re.sub("[\ud800-\udfff]", "\ufffd", text)
    expected = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f]", "", replaced)
    assert guards.sanitize_text(text) == expected
    data = replaced.encode("utf-8")
    assert detect.count_control_bytes(data) == detect.count_controls(replaced)


ORIGINAL_PRICE = r"[$€£¥₹\d](?:(?<=[$€£¥₹])\s?\d|(?<=\d)[\d.,]*+\s?(?:€|USD|EUR|GBP|kr|zł))"


def test_the_price_expression_is_the_original_text() -> None:
    assert page.PRICE.pattern == ORIGINAL_PRICE


@pytest.mark.parametrize("text", [
    "", "no price", "$12 and £ 3", "12,50 € and 7 USD", "$5 EUR", "5€5 6", "$56 EUR", "1 200 kr", "9zł", "30 zł",
    "var a=$(x); b = 2;", "¥ 7 ₹8 $ x", "١٢ EUR ٣ $٤", "Ukraine 2024 $3", "12.5.2024 GBP", "$\u00a09",
])
def test_prices_are_counted_as_the_original_expression_finds_them(text: str) -> None:
    assert page.count_prices(text) == len(re.findall(ORIGINAL_PRICE, text))


def test_a_symbol_s_price_and_a_code_s_price_share_no_character() -> None:
    # "$5" takes the 5 from "5 EUR"; "5€" takes the € from "€5"; "$5" leaves "6 EUR" its own.
    assert [page.count_prices(t) for t in ("$5 EUR", "5€5 6", "$56 EUR", "$5")] == [1, 1, 2, 1]


def test_the_segmenter_empties_its_record_for_the_next_block_instead_of_making_one() -> None:
    root = lxml.html.fromstring("<div><p>a</p><p>b</p></div>")
    first_p, second_p = root.findall("p")
    segmenter = _Segmenter()
    segmenter.open(first_p)
    record = segmenter.current
    segmenter.add("x y", linked=True)
    segmenter.open(second_p)
    assert segmenter.current is record
    assert (record.element, record.parts, record.link_chars, record.links) == (second_p, [], 0, 0)
    assert [(b.element, b.text, b.link_chars, b.words) for b in segmenter.blocks] == [(first_p, "x y", 3, ["x", "y"])]
    segmenter.open(None)
    assert segmenter.current is None


def _original_counts(root: lxml.html.HtmlElement) -> tuple[Counter[str], Counter[str], Counter[str], int]:
    """The census's counts as its element-by-element loop took them (round 35)."""
    tags: Counter[str] = Counter()
    classes: Counter[str] = Counter()
    class_ids: Counter[str] = Counter()
    itemprops = 0
    for el in root.iter():
        if isinstance(el.tag, str):
            tags[el.tag] += 1
            value = el.get("class")
            if value:
                classes[value] += 1
            class_ids[f"{value or ''} {el.get('id') or ''}"] += 1
            itemprops += el.get("itemprop") is not None
    return tags, classes, class_ids, itemprops


def test_census_counts_are_the_element_loop_s_in_its_order() -> None:
    root = lxml.html.fromstring(PAGE.replace("<body>", '<body class="" id="b"><?pi x?><b class="card" id="">'))
    census = take_census(root)
    tags, classes, class_ids, itemprops = _original_counts(root)
    for fast, original in ((census.tags, tags), (census.classes, classes), (census.class_ids, class_ids)):
        assert list(fast.items()) == list(original.items())  # most_common breaks ties by this order
    assert census.itemprops == itemprops == 4
    assert census.class_ids[" b"] == 1 and census.class_ids["card "] == 3  # two <p class=card>, the <b>


def _original_prune_link_lists(root: lxml.html.HtmlElement) -> None:
    """``dom.prune_link_lists`` as it was (round 35): every container's links found anew."""
    for el in list(root.iter(*dom.LINK_LIST_TAGS)):
        if el.getparent() is None:
            continue
        links = el.findall(".//a")
        if len(links) < dom.MIN_LINK_LIST_LINKS:
            continue
        text_chars = len(el.text_content())
        link_chars = sum(len(a.text_content()) for a in links)
        if text_chars and link_chars >= dom.MIN_LINK_LIST_SHARE * text_chars and not dom._holds_long_paragraphs(el, 1):
            el.drop_tree()


LINK_LIST_PAGE = """<html><body><div id="wrap"><div id="menus">
<ul id="nav">{links}<li><div id="inner">{links}</div></li></ul><table><tr><td>{links}</td></tr></table></div>
<div id="story"><p>{prose}</p>{links}</div><div id="short">{few}</div><ol>{links}<li>and a line of words</li></ol>
<div id="wordy">{links} {prose}</div><div id="empty">{empty}</div></div></body></html>"""


def test_link_lists_pruned_are_those_the_original_form_prunes() -> None:
    links = "".join(f'<li><a href="/{i}">Link {i}</a></li>' for i in range(12))
    page_html = LINK_LIST_PAGE.format(links=links, prose="A long paragraph of prose. " * 20,
                                      few='<a href="/f">Few</a> links' * 3, empty='<a href="/e"></a>' * 12)
    fast, original = lxml.html.fromstring(page_html), lxml.html.fromstring(page_html)
    fast_elements, original_elements = list(fast.iter()), list(original.iter())
    dom.prune_link_lists(fast)
    _original_prune_link_lists(original)
    assert lxml.html.tostring(fast) == lxml.html.tostring(original)
    # The detached subtrees too: the block features read every element's ancestors afterwards.
    assert [[a.get("id") for a in el.iterancestors()] for el in fast_elements] == [
        [a.get("id") for a in el.iterancestors()] for el in original_elements]
    kept = {el.get("id") for el in fast.iter("div", "ul")}
    assert kept == {"wrap", "story", "short", "wordy", "empty"}  # menus and all it holds dropped


def _original_headline_index(lines: tuple[str, ...], headlines: tuple[str, ...]) -> int | None:
    """``bylines._headline_index`` as it was (round 35): each line squashed again per headline."""
    def prints(line: str, key: str) -> bool:
        found = titles.squash(line.lstrip(bylines.HEADING_MARK))
        shorter, longer = sorted((found, key), key=len)
        return found == key or (len(shorter) >= bylines.MIN_HEADLINE_PREFIX and longer.startswith(shorter))

    for headline in headlines:
        key = titles.squash(headline)
        found = [index for index, line in enumerate(lines if key else ()) if prints(line, key)]
        if found:
            return next((index for index in found if lines[index].startswith(bylines.HEADING_MARK)), found[0])
    return None


@pytest.mark.parametrize("headlines", [
    ("", "!!", "The Made-Up Story"), ("Nothing printed",), ("A made-up story, told at length for the test: part one",),
    ("Menu", "the made-up story"),
])
def test_the_headline_line_is_the_one_the_original_form_finds(headlines: tuple[str, ...]) -> None:
    mark = bylines.HEADING_MARK
    lines = ("Menu", "The made-up story", f"{mark}The Made-Up Story", "By Jane Doe",
             f"{mark}A made-up story, told at length for the test", "Menu")
    assert bylines._headline_index(lines, headlines) == _original_headline_index(lines, headlines)
