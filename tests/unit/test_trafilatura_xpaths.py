"""The stand-ins for trafilatura's pruning XPaths select exactly what the XPaths select.

Each stand-in is run beside trafilatura's own XPath on small made-up pages that exercise every
term of its predicate: attribute order for ``@id|@class``, anchors, missing attributes, the
``i`` flag, the ``[1]`` forms. A corpus test does the same on every
page's parsed tree."""

from __future__ import annotations

import itertools

import lxml.html
import pytest
import trafilatura.xpaths as txp

from tasks.clean.html.extract import main_text_xml
from tasks.common import trafilatura_xpaths as xpaths

VALUES = ("", "share", "x share", "sharing", "cookie-bar", "comments-title", "reply-box", "a reply-b",
          "hidden", "is-hidden", "display:none", "display: none", "Comment", "comments", "commentary",
          "article-comments", "post-body", "post", "entry", "articleBody", "fulltext", "FullText",
          "story", "primary-col", "article x", "mvp-post-add-box", "infinite-scroll", "nav", "menu",
          "main", "akismet", "noprint", "true", "title", "date", "commentlist", "x print", "meta-date",
          "byline", "Byline", "x byline", "username", "byl", "BBL", "author", "Author", "coauthor", "author-name",
          "postAuthor", "writer", "screenname", "xiaobian", "posted-by", "x channel-name", "teaser", "Teaser-box",
          "x teaser", "caption", "wp-caption-text", "content", "x content", "content-main", "x content__body",
          "Main-Content", "page-Content", "PAGE-CONTENT", "mvp-post-add-wrap", "infinitescroll")
TAGS = ("div", "span", "p", "section", "ol", "ul", "article", "main", "aside", "details", "item", "list", "a",
        "h3", "h4")


def element_html(tag: str, attrs: list[tuple[str, str]], inner: str = "t") -> str:
    rendered = "".join(f' {name}="{value}"' for name, value in attrs)
    return f"<{tag}{rendered}>{inner}</{tag}>"


def made_up_pages() -> list[str]:
    """Pages whose elements carry the values above in every relevant attribute, in both orders."""
    pages = []
    for tag in TAGS:
        rows = []
        for left, right in itertools.product(VALUES[:20], VALUES[::3]):
            rows.append(element_html(tag, [("id", left), ("class", right)]))
            rows.append(element_html(tag, [("class", left), ("id", right)]))
            rows.append(element_html(tag, [("style", left), ("id", right)]))
            rows.append(element_html(tag, [("role", left.title()), ("aria-hidden", right)]))
        for value in VALUES:
            rows.append(element_html(tag, [("class", value)], element_html("div", [("class", value)])))
            rows.append(element_html(tag, [("itemprop", value), ("data-component", "xMostPopularStoriesx")]))
            rows.append(element_html(tag, [("data-component", "aFigure"), ("class", value)]))
            rows.append(element_html(tag, [("data-lp-replacement-content", "")]))
            rows.append(element_html(tag, [("class", value)], "<h1>head</h1>"))
        pages.append("<html><body><div>" + "".join(rows) + "</div><p>plain</p></body></html>")
    return pages


PAGES = made_up_pages()


@pytest.mark.parametrize("key", sorted(xpaths.SELECTORS))
def test_every_stand_in_selects_what_its_xpath_selects(key: tuple[str, int]) -> None:
    selector = xpaths.SELECTORS[key]
    selected = 0
    for page in PAGES:
        tree = lxml.html.fromstring(page)
        expected = list(selector.original(tree))
        assert selector(tree) == expected
        selected += len(expected)
    assert selected  # the pages hold elements the XPath selects


def test_every_listed_xpath_still_has_the_shape_its_stand_in_was_written_for() -> None:
    # trafilatura's XPath text, literals blanked, is pinned by SKELETONS: when an upgrade changes
    # it, its stand-in is dropped (this fails) and trafilatura's XPath runs instead.
    assert sorted(xpaths.SELECTORS) == sorted((name, index) for name, index, *_ in xpaths.SKELETONS)


def test_the_source_first_attribute_decides_an_id_or_class_test() -> None:
    selector = xpaths.SELECTORS["OVERALL_DISCARD_XPATH", 1]
    tree = lxml.html.fromstring('<div><b class="reply-x" id="a">1</b><b id="a" class="reply-x">2</b></div>')
    assert [el.text for el in selector(tree)] == [el.text for el in selector.original(tree)] == ["1"]


def test_an_absolute_stand_in_reads_the_root_element_too() -> None:
    selector = xpaths.SELECTORS["AUTHOR_XPATHS", 2]
    tree = lxml.html.fromstring('<html class="writer"><body><p class="byline">1</p></body></html>')
    assert selector(tree) == list(selector.original(tree)) == [tree, tree.find(".//p")]


def test_every_stand_in_called_on_an_inner_element_reads_its_axis() -> None:
    # Relative stand-ins read below the element only (never the element, or the rest of the
    # page); absolute ones read the whole page.
    tree = lxml.html.fromstring(
        '<html class="author"><body><div class="comments" id="comments">'
        '<!-- a comment --><section class="comments post-body" id="story-author">x</section>'
        '<div class="byline">y</div></div><p class="author byline" itemprop="author">z</p></body></html>'
    )
    inner = tree.find(".//div")
    selected = 0
    for selector in xpaths.SELECTORS.values():
        found = selector(inner)
        assert found == list(selector.original(inner))
        assert selector.absolute or all(inner in el.iterancestors() for el in found)
        selected += len(found)
    assert selected
    page_wide = [el.tag for el in xpaths.SELECTORS["AUTHOR_XPATHS", 2](inner)]
    assert page_wide == ["html", "section", "div", "p"]
    assert [el.tag for el in xpaths.SELECTORS["REMOVE_COMMENTS_AND_LISTS_XPATH", 0](inner)] == ["section"]


def test_a_changed_xpath_keeps_trafilatura_s_own() -> None:
    original = txp.BODY_XPATH[1]
    assert xpaths.skeleton(original) == "(.//article)[1]"
    assert ("BODY_XPATH", 1) not in xpaths.SELECTORS


def test_the_swap_lasts_only_for_the_block() -> None:
    before = [list(getattr(txp, name)) for name, *_ in xpaths.SKELETONS]
    with xpaths.faster_xpaths():
        assert txp.OVERALL_DISCARD_XPATH[0] is xpaths.SELECTORS["OVERALL_DISCARD_XPATH", 0]
    assert [list(getattr(txp, name)) for name, *_ in xpaths.SKELETONS] == before


def test_the_extraction_is_the_same_with_the_stand_ins() -> None:
    page = ("<html><body><div class='sidebar'>Menu one two</div><article><div class='post-body'>"
            "<p>The first paragraph of a made-up article, long enough to count as text here.</p>"
            "<p class='hidden'>gone</p><div id='comments'>A reader's comment, long enough too.</div>"
            "<p>A second paragraph of the made-up article, also long enough to be kept.</p></div>"
            "</article></body></html>")

    def extracted(fast: bool) -> bytes:
        tree = lxml.html.fromstring(page)
        if fast:
            body = main_text_xml(tree)
        else:
            import trafilatura

            from tasks.clean.html.extract import _EXTRACTOR

            document = trafilatura.bare_extraction(tree, options=_EXTRACTOR)
            body = document.body if document is not None else None
        assert body is not None
        return lxml.html.tostring(body)

    assert extracted(True) == extracted(False)
    assert b"first paragraph" in extracted(True)


@pytest.mark.corpus
def test_stand_ins_select_what_the_xpaths_select_on_corpus_pages() -> None:
    from benchmarks.content_corpus import load_pages
    from tasks.common.html_parse import parse_html

    for page in load_pages()[::8]:
        tree = parse_html(page.html())
        if tree is None:
            continue
        for selector in xpaths.SELECTORS.values():
            assert selector(tree) == list(selector.original(tree)), page.id


def test_a_stand_in_judges_each_element_by_the_attributes_its_xpath_reads_in_source_order() -> None:
    # Elements with none of them (no attribute, or others only) are never judged; the rest are
    # judged once per tag and attribute values, the attributes the XPath ignores left out.
    judged: list[tuple[str, xpaths.Items]] = []

    def judge(tag: str, items: xpaths.Items, literals: object) -> bool:
        judged.append((tag, items))
        return dict(items).get("class") == "x"

    original = xpaths.SELECTORS["REMOVE_COMMENTS_AND_LISTS_XPATH", 0].original
    selector = xpaths.Selector(original, ("div",), ("id", "class"), judge)
    judged.clear()  # the constructor's own check of an element without attributes
    tree = lxml.html.fromstring(
        '<html><body><div>0</div><div title="t" lang="en">1</div><div lang="en" class="x" title="t" id="i">2</div>'
        '<div id="i" class="x">3</div><div class="x" id="i">4</div><div title="u" class="x" id="i">5</div>'
        "</body></html>")
    assert [el.text for el in selector(tree)] == ["2", "3", "4", "5"]
    assert judged == [("div", (("class", "x"), ("id", "i"))), ("div", (("id", "i"), ("class", "x")))]
