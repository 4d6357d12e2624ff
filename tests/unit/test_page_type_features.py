"""The page-type classifier's link, furniture and control-word features (own fixtures)."""

from __future__ import annotations

import lxml.html
import numpy as np

from tasks.clean.features.page_kind import PAGE_KIND_FEATURES, page_kind_row
from tasks.clean.features.page_words import (
    TOKEN_GROUPS,
    PageWordModels,
    control_tokens,
    fit_word_models,
    page_tokens,
    split_tokens,
)
from tasks.clean.model import PAGE_TYPE_FEATURES, PAGE_TYPES

LISTING_URL = "https://example.org/news"
LISTING = """<html><head><link rel="canonical" href="https://example.org/news/">
<link rel="next" href="/news?page=2"><meta property="og:title" content="News"></head><body>
<h2><a href="/news/council-votes-to-reopen-the-bridge">Council votes to reopen the bridge</a></h2>
<h2><a href="/news/2026/05/library-gets-a-new-roof">Library gets a new roof</a></h2>
<h2><a href="/news/school-year-starts-early-this-fall">School year starts early this fall</a></h2>
<a href="/about">About</a> <a href="tel:+15550100">Call us</a> <a href="mailto:desk@example.org">Mail</a>
<a href="https://other.example.com/x">Partner</a> <a href="#top">Top</a>
<a href="/news?page=2">2</a> <a href="/news?page=3">3</a></body></html>"""
STORY_URL = "https://example.org/news/council-votes"
STORY = """<html><head><link rel="canonical" href="https://example.org/elsewhere"></head><body>
<h1>Council votes</h1><p>The council voted on Monday to reopen the bridge after two years.</p>
<div class="comments"><p>First comment with five words.</p><p>A reply with four.</p></div>
<a href="/news/library-roof">Library roof</a><img src="a.jpg" alt="The bridge"><img src="b.jpg" alt=" ">
<select><option>1</option></select><textarea></textarea><iframe src="/v"></iframe></body></html>"""


def _kind(html: str, url: str | None) -> dict[str, float]:
    return dict(zip(PAGE_KIND_FEATURES, page_kind_row(lxml.html.fromstring(html), url=url), strict=True))


def test_links_below_the_page_and_its_pager_are_counted() -> None:
    listing = _kind(LISTING, LISTING_URL)
    assert listing["link_children"] == np.float32(np.log1p(3))  # the three stories, not its own next pages
    assert listing["link_slugs"] == np.float32(np.log1p(3)) and listing["link_dated"] == np.float32(np.log1p(1))
    assert listing["link_numbers"] == np.float32(np.log1p(2)) and listing["link_pages"] == np.float32(np.log1p(2))
    assert listing["link_tel"] == listing["link_mailto"] == np.float32(np.log1p(1))
    assert listing["links"] == np.float32(np.log1p(9))  # distinct targets, the in-page anchor left out
    assert listing["link_same_host_share"] == np.float32(6 / 9)  # tel, mailto and the other host are not


def test_a_storys_related_link_is_a_sibling_not_a_child() -> None:
    story = _kind(STORY, STORY_URL)
    assert story["link_siblings"] == np.float32(np.log1p(1)) and story["link_children"] == 0


def test_links_without_the_pages_url_count_no_children_or_siblings() -> None:
    listing = _kind(LISTING, None)
    assert listing["link_children"] == listing["link_siblings"] == 0
    assert listing["link_slugs"] > 0


def test_head_declarations_and_furniture() -> None:
    listing, story = _kind(LISTING, LISTING_URL), _kind(STORY, STORY_URL)
    assert listing["canonical_is_url"] == 1 and story["canonical_is_url"] == 0  # its canonical is another page
    assert listing["rel_next"] == 1 and story["rel_next"] == 0
    assert listing["declares_og"] == 1 and story["declares_og"] == 0
    assert listing["heading_run"] == np.float32(np.log1p(3)) and story["heading_run"] == 0
    assert story["comment_words"] == np.float32(np.log1p(9))
    assert story["images_with_alt"] == np.float32(np.log1p(1))
    assert story["selects"] > 0 and story["textareas"] == 1 and story["iframes"] > 0


CARDS = """<html><head><title>News | Example</title></head><body><h1>News</h1>
<div class="card"><h3><a href="/a">Bridge reopens</a></h3><p>The bridge opens again on Monday.</p></div>
<div class="card"><h3><a href="/b">Roof repaired</a></h3><p>The library roof is fixed at last.</p></div>
<div class="card"><h3><a href="/c">School starts</a></h3><p><a href="/c">Classes begin a week early.</a></p></div>
</body></html>"""
ESSAY = """<html><head><title>Why the bridge reopens after two years | Example</title></head><body>
<h1>Why the bridge reopens after two years</h1><p>The council voted on Monday to reopen it.</p>
<p>Engineers say the repairs are done and the deck is safe again.</p>
<h2>What changed</h2><p>New cables were strung over the winter by two crews.</p></body></html>"""


def test_a_story_has_a_sentence_headline_and_a_lead_a_listing_teasers() -> None:
    cards, essay = _kind(CARDS, LISTING_URL), _kind(ESSAY, STORY_URL)
    assert cards["headline_log_words"] == np.float32(np.log1p(1))
    assert essay["headline_log_words"] == np.float32(np.log1p(7)) and essay["headline_in_title"] == 1
    assert cards["headlines"] == essay["headlines"] == 1
    assert cards["lead_log_words"] == 0  # the first card's heading follows the headline at once
    assert essay["lead_log_words"] == np.float32(np.log1p(20))
    assert cards["sections"] == np.float32(np.log1p(3)) and essay["sections"] == np.float32(np.log1p(1))
    assert cards["median_section_log_words"] == np.float32(np.log1p(6))
    assert cards["teaser_paragraph_share"] == 1 and essay["teaser_paragraph_share"] == 0
    assert cards["linked_paragraph_share"] == np.float32(5 / 18) and essay["linked_paragraph_share"] == 0


def test_control_tokens_are_the_words_of_short_links_and_buttons() -> None:
    root = lxml.html.fromstring(
        "<div><a href='/c'>Add to cart</a><button>Load more posts</button>"
        "<a href='/s'>A long teaser headline about the bridge</a><a href='/2'>2</a>"
        "<a href='/r'><i>Read</i> on</a><a href='/t'>A <b>long</b> teaser <b>with</b> bold words</a></div>")
    # a link's words are its whole text, its children's included ("Read on"; the teaser is too long)
    assert control_tokens(root) == {"l:add", "l:cart", "l:load", "l:more", "l:posts", "l:read"}
    assert "l:cart" in page_tokens(root, None)


def test_each_token_group_has_its_own_word_model() -> None:
    pages = [([f"t:shop{n % 2}", "l:cart"], f"s{n}.com", "product") for n in range(3)]
    pages += [(["t:news", "l:reply"], f"n{n}.com", "forum") for n in range(3)]
    models = fit_word_models(pages, PAGE_TYPES)
    assert set(models.groups) == set(TOKEN_GROUPS)
    assert set(models.groups["links"].log_word) == {"l:cart", "l:reply"}
    assert "l:cart" not in models.groups["words"].log_word
    probabilities = models.probabilities(["l:cart"])
    assert probabilities.shape == (len(TOKEN_GROUPS) * len(PAGE_TYPES),)
    words, links = probabilities[: len(PAGE_TYPES)], probabilities[len(PAGE_TYPES):]
    assert np.allclose(words, models.groups["words"].probabilities([]))  # the prior: no naming word
    assert PAGE_TYPES[int(links.argmax())] == "product"
    again = PageWordModels.from_json(models.to_json())
    assert np.allclose(again.probabilities(["l:cart", "t:news"]), models.probabilities(["l:cart", "t:news"]), atol=1e-4)


def test_tokens_split_by_their_prefix() -> None:
    assert split_tokens(["t:a", "l:b", "u:c", "h:d"]) == {"words": ["t:a", "u:c", "h:d"], "links": ["l:b"]}


def test_the_classifier_reads_both_groups_probabilities() -> None:
    assert PAGE_TYPE_FEATURES[-2 * len(PAGE_TYPES):] == (
        *(f"words_{t}" for t in PAGE_TYPES), *(f"links_{t}" for t in PAGE_TYPES))
