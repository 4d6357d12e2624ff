"""The clean stage's learned parts: features, the shipped models and how their verdicts apply."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import lxml.html
import numpy as np
import pytest

from tasks.clean import clean, learned
from tasks.clean.features.blocks import (
    ANCESTOR_TAGS,
    BLOCK_FEATURES,
    CLASS_FAMILIES,
    PageContext,
    block_matrix,
    class_families,
    lineages,
)
from tasks.clean.features.census import take_census
from tasks.clean.features.confidence import CONFIDENCE_FEATURES
from tasks.clean.features.line_words import LINE_MODEL_FEATURES
from tasks.clean.features.lines import LINE_FEATURES, line_matrix
from tasks.clean.features.page import PAGE_FEATURES, page_row
from tasks.clean.features.page_kind import PAGE_KIND_FEATURES, _visible_text, page_kind_row
from tasks.clean.features.page_words import fit_word_model, page_tokens
from tasks.clean.features.segment import segment
from tasks.clean.html.dom import page_titles
from tasks.clean.html.extract import extract_page
from tasks.clean.html.merge import (
    MIN_KEPT_WORDS,
    MIN_REPEATED_WORDS,
    MIN_SALVAGED_WORDS,
    RESCUE_KEEP,
    RESCUE_RULE_WORDS,
    RULE_DROP_PROBABILITY,
    SPREAD,
    drop_headline,
    keep_threshold,
    match_blocks,
    merge_blocks,
)
from tasks.clean.model import (
    ARTICLE_WEIGHT,
    EXPECTED_F1_FLOOR,
    KEEP_PROBABILITY,
    MODEL_DIR,
    MODEL_JSON,
    PAGE_TYPE_FEATURES,
    PAGE_TYPES,
    check_features,
    line_keep_threshold,
    models,
    most_likely_type,
)
from tasks.clean.text.classify import BODY_ROLES, apply_line_verdicts, rule_lines
from tasks.errors import ModelMismatch
from tasks.models import ArticleIn, BodyBlock, ContentType, Heading, PageType, Paragraph
from tasks.options import DEFAULT_OPTIONS

MAX_MODEL_BYTES = 20 * 1024 * 1024
_WORDS = re.compile(r"\w+")
STORY = "The old bridge over the river reopened on Monday after two years of repairs."

PAGE = """<html><head><title>Bridge reopens</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge reopens"}</script>
<meta property="og:type" content="article"></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
<article class="story-body"><h1>Bridge reopens</h1>
<p>The old bridge over the river <a href="/r">reopened</a> on Monday after two years of repairs.</p>
<div>Loose text <b>in bold</b><p>A nested paragraph.</p>after it.</div>
</article><footer class="site-footer"><p>Copyright 2026</p></footer></body></html>"""


def test_shipped_model_records_todays_feature_names() -> None:
    record = json.loads((MODEL_DIR / MODEL_JSON).read_text(encoding="utf-8"))
    assert record["block_features"] == list(BLOCK_FEATURES)
    assert record["page_type_features"] == list(PAGE_TYPE_FEATURES)
    assert record["line_features"] == list(LINE_MODEL_FEATURES)
    assert record["confidence_features"] == list(CONFIDENCE_FEATURES)
    assert record["page_types"] == list(PAGE_TYPES)


def test_shipped_models_load_and_fit_the_size_budget() -> None:
    loaded = models()
    assert loaded.blocks.num_feature() == len(BLOCK_FEATURES)
    assert loaded.page_type.num_feature() == len(PAGE_TYPE_FEATURES)
    assert loaded.lines.num_feature() == len(LINE_MODEL_FEATURES)
    assert loaded.confidence.num_feature() == len(CONFIDENCE_FEATURES)
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.suffix in {".txt", ".json"})
    assert size <= MAX_MODEL_BYTES


def test_a_record_with_other_features_is_refused() -> None:
    record = json.loads((MODEL_DIR / MODEL_JSON).read_text(encoding="utf-8"))
    record["block_features"] = [*record["block_features"][:-1], "renamed"]
    with pytest.raises(ModelMismatch, match="block_features"):
        check_features(record)


def test_a_missing_model_folder_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(ModelMismatch, match="cannot load"):
        models(tmp_path)


def test_segment_cuts_blocks_at_block_elements_and_keeps_inline_text_together() -> None:
    root = lxml.html.fromstring(PAGE)
    texts = [b.text for b in segment(root)]
    assert STORY in texts
    assert texts[texts.index("Loose text in bold") + 1 : texts.index("Loose text in bold") + 3] == [
        "A nested paragraph.", "after it."]
    assert not any("NewsArticle" in t for t in texts)  # scripts hold no reader's text


def test_block_features_are_named_columns() -> None:
    root = lxml.html.fromstring(PAGE)
    blocks = segment(root)
    page = page_row(root, None, blocks)
    matrix = block_matrix(blocks, PageContext("The old bridge over the river reopened", [False] * len(blocks),
                                              ["Bridge reopens"], page))
    assert matrix.shape == (len(blocks), len(BLOCK_FEATURES))
    column = {name: matrix[:, i] for i, name in enumerate(BLOCK_FEATURES)}
    home = [b.text for b in blocks].index("Home")
    story = [b.text for b in blocks].index(STORY)
    assert column["link_share"][home] == 1.0
    assert 0 < column["link_share"][story] < 0.2
    assert column["in_nav"][home] == 1.0 and column["in_article"][story] == 1.0
    assert column["class_content"][story] >= 1 and column["class_navigation"][story] == 0
    assert column["after_headline"][story] == 1.0 and column["after_headline"][home] == 0.0
    assert column["pg_schema_article"][home] == column["pg_schema_article"][story] == 1.0


def test_lineages_add_up_each_blocks_ancestors_as_a_walk_up_would() -> None:
    """The shared-ancestor walk gives every block the depth, tags and class families of its own chain."""
    root = lxml.html.fromstring(PAGE)
    elements = [b.element for b in segment(root)]
    found = lineages(elements)
    for el in elements:
        chain = list(el.iterancestors())
        families = [sum(class_families(f"{a.get('class') or ''} {a.get('id') or ''}")[i] for a in chain)
                    for i in range(len(CLASS_FAMILIES))]
        assert found[el].depth == len(chain)
        assert found[el].tags == {a.tag for a in chain} & set(ANCESTOR_TAGS)
        assert list(found[el].families) == families
    assert any(found[el].families != (0,) * len(CLASS_FAMILIES) for el in elements)


def test_page_tokens_name_where_each_word_was_found() -> None:
    root = lxml.html.fromstring(PAGE)
    tokens = page_tokens(root, "https://news.example.com/2026/05/04/bridge-reopens")
    assert {"t:bridge", "h:reopens", "u:bridge", "u:reopens"} <= set(tokens)
    assert not any(t.endswith(":2026") for t in tokens)


def test_word_model_keeps_only_words_of_three_sites() -> None:
    pages = [(["t:shop", "t:brandx"], "a.com", "product"), (["t:shop"], "b.com", "product"),
             (["t:shop"], "c.com", "product"), (["t:news"], "d.com", "article")]
    model = fit_word_model(pages, PAGE_TYPES)
    assert set(model.log_word) == {"t:shop"}
    probabilities = model.probabilities(["t:shop", "t:brandx"])
    assert PAGE_TYPES[int(probabilities.argmax())] == "product"
    assert abs(float(probabilities.sum()) - 1) < 1e-5


def test_page_features_read_the_declared_types_and_url() -> None:
    root = lxml.html.fromstring(PAGE)
    row = page_row(root, "https://news.example.com/2026/05/04/bridge-reopens", segment(root))
    column = dict(zip(PAGE_FEATURES, row, strict=True))
    assert column["schema_article"] == 1 and column["schema_product"] == 0
    assert column["og_type"] == 1
    assert column["url_date"] == 1 and column["url_slug_words"] == 2


def _shop_grid(cards: int) -> str:
    items = "".join(f'<li class="product-card"><a href="/p/{n}"><img src="/{n}.jpg">Blue mug number {n}</a>'
                    f'<span class="price">$1{n}.00</span></li>' for n in range(cards))
    return f'<html><body><h1>Mugs</h1><ul class="grid">{items}</ul><button>Add to cart</button></body></html>'


def test_page_kind_features_see_a_grid_of_priced_cards() -> None:
    grid = dict(zip(PAGE_KIND_FEATURES, page_kind_row(lxml.html.fromstring(_shop_grid(6))), strict=True))
    story = dict(zip(PAGE_KIND_FEATURES, page_kind_row(lxml.html.fromstring(PAGE)), strict=True))
    assert grid["cards"] > story["cards"] == 0
    assert grid["card_image_share"] == 1 and grid["card_price_share"] == 1
    assert grid["class_product"] > story["class_product"]
    assert grid["shop_markers"] >= 1 and story["shop_markers"] == 0
    assert story["prose_container_share"] > 0


def test_subtree_words_count_what_itertext_reads() -> None:
    """Comments and processing instructions hold no words, their tails and scripts do."""
    root = lxml.html.fromstring(
        "<div>two words<!-- a comment -->tail here<p>one <b>bold  word</b>after<?pi skipped?>end</p>"
        "<script>var x = 1;</script>last one</div>" + _shop_grid(4)
    )
    words = take_census(root).subtree_words
    for el in root.iter():
        if isinstance(el.tag, str):
            assert words[el] == len(" ".join(el.itertext()).split())
    assert words[root.find(".//p")] == 5


def test_visible_text_walk_reads_what_the_xpath_selects() -> None:
    root = lxml.html.fromstring(
        "<html><head><title>T</title></head><body>lead<script>var a;</script>after script"
        "<style>p {}</style><p>one <!-- c -->two<b>three</b>four</p>tail</body></html>"
    )
    expected = " ".join(root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style)]"))
    assert _visible_text(root, take_census(root)) == expected == "lead after script one  two three four tail"


def test_too_few_siblings_make_no_cards() -> None:
    row = dict(zip(PAGE_KIND_FEATURES, page_kind_row(lxml.html.fromstring(_shop_grid(3))), strict=True))
    assert row["cards"] == 0 and row["card_runs"] == 0


def test_a_page_no_line_reaches_keep_still_keeps_its_best_lines() -> None:
    assert line_keep_threshold(np.asarray([0.2, 0.9]), [5, 40]) == KEEP_PROBABILITY
    low = np.asarray([0.01, 0.4, 0.38, 0.2])
    threshold = line_keep_threshold(low, [3, 30, 25, 4])
    assert low.max() >= threshold > low.min()
    assert line_keep_threshold(np.zeros(0), []) == KEEP_PROBABILITY
    assert line_keep_threshold(np.asarray([0.01, 0.005]), [9, 9]) == KEEP_PROBABILITY  # sure nothing is content


def test_a_page_whose_best_line_is_under_a_quarter_keeps_nothing() -> None:
    """An app shell's chrome the line model puts at 0.18-0.23 at best is not kept as a fallback."""
    assert line_keep_threshold(np.asarray([0.22, 0.05, 0.18]), [4, 3, 12]) == KEEP_PROBABILITY
    assert line_keep_threshold(np.asarray([0.3, 0.05]), [4, 3]) < 0.3  # unsure, not sure of nothing


def test_an_unsure_page_keeps_its_long_likely_lines_but_not_its_unlikely_chrome() -> None:
    probabilities = np.asarray([0.45, 0.44, 0.9, 0.05, 0.1])
    threshold = line_keep_threshold(probabilities, [40, 35, 3, 2, 2])
    assert 0.44 >= threshold >= EXPECTED_F1_FLOOR
    assert line_keep_threshold(np.asarray([0.9, 0.3]), [40, 2]) == KEEP_PROBABILITY  # a short unsure line waits


def test_line_features_are_named_columns() -> None:
    lines = rule_lines("Home\nNews\n\nThe council voted on Monday to approve the budget, said its chair, who "
                       "has led it for years.\n\nShare this")
    matrix = line_matrix(lines)
    assert matrix.shape == (len(lines), len(LINE_FEATURES))
    words = matrix[:, LINE_FEATURES.index("words")]
    assert words.argmax() == 2


def test_match_blocks_finds_each_dom_block_in_its_rule_block_across_blocks_or_nowhere() -> None:
    rule = ["The harbour opened in May.", "", "Ferries run hourly. Tickets cost two euros."]
    dom = ["the harbour OPENED", "Ferries run hourly.", "in May. Ferries run", "Sign up for our newsletter", "",
           "harbour opened in May"]
    assert match_blocks(rule, dom) == [0, 2, SPREAD, -1, -1, 0]


def test_merge_drops_rule_blocks_the_model_rejects_and_adds_what_it_found() -> None:
    rule = [Heading(text="Intro", level=2), Paragraph(text="Body one here."), Paragraph(text="Share on social")]
    dom = ["Intro", "Body one here.", "Missed body text.", "Share on social"]
    merged = merge_blocks(rule, dom, ["h2", "p", "p", "div"], [0.9, 0.9, 0.8, 0.1], keep=0.5)
    assert [b.text for b in merged] == ["Intro", "Body one here.", "Missed body text."]  # type: ignore[union-attr]


def test_merge_keeps_a_rule_block_the_model_is_unsure_of() -> None:
    rule = [Paragraph(text="Body one here."), Paragraph(text="A borderline line."), Paragraph(text="Share on social")]
    dom = ["Body one here.", "A borderline line.", "Share on social"]
    unsure = (RULE_DROP_PROBABILITY + 0.5) / 2
    merged = merge_blocks(rule, dom, ["p", "p", "div"], [0.9, unsure, 0.2], keep=0.5)
    assert [b.text for b in merged] == ["Body one here.", "A borderline line."]  # type: ignore[union-attr]


def test_merge_does_not_add_a_block_the_rule_text_holds_reflowed() -> None:
    words = "the tool reads every file named on its command line and prints the lines that match"
    rule = [Paragraph(text="Usage."), Paragraph(text=words.replace("prints", "then prints"))]  # one word more
    dom = ["Usage.", words, "A missed closing paragraph with enough words to count as a block of its own."]
    merged = merge_blocks(rule, dom, ["p", "pre", "p"], [0.9, 0.9, 0.9], keep=0.5)
    assert sorted(b.text for b in merged) == sorted(["Usage.", rule[1].text, dom[2]])  # type: ignore[union-attr]
    short = merge_blocks([Paragraph(text="prints the lines")], ["the lines prints"], ["p"], [0.9], keep=0.5)
    assert len(short) == 2  # under MIN_REFLOWED_WORDS: shared words may be chance


REPEATED_POSTS = """<html><body><article><p>Has anyone fitted the new rack to a 2019 frame?</p></article>
<div class="post"><blockquote>Has anyone fitted the rear rack from the spring catalogue
to the old 2019 frame yet?</blockquote>
<p>Yes, it fits with the longer bolts.</p></div>
<div class="post"><blockquote>Has anyone fitted the rear rack from the spring catalogue
to the old 2019 frame yet?</blockquote>
<p>Mine needed a spacer.</p></div></body></html>"""


def test_merge_adds_a_long_block_the_model_finds_twice_once() -> None:
    dom = segment(lxml.html.fromstring(REPEATED_POSTS))
    texts, tags = [b.text for b in dom], [str(b.element.tag) for b in dom]
    quote = texts[1]
    assert texts.count(quote) == 2 and len(_WORDS.findall(quote)) >= MIN_REPEATED_WORDS
    merged = merge_blocks([Paragraph(text=texts[0])], texts, tags, [0.9] * len(texts), keep=0.5)
    answers = ["Yes, it fits with the longer bolts.", "Mine needed a spacer."]
    assert [b.text for b in merged] == [texts[0], quote, *answers]  # type: ignore[union-attr]
    # short blocks repeat: a "Reply" under every post is each post's own
    replies = merge_blocks([], ["Reply", "Reply"], ["p", "p"], [0.9, 0.9], keep=0.5)
    assert [b.text for b in replies] == ["Reply", "Reply"]  # type: ignore[union-attr]


LISTING_CELL = """<html><body><p>Our walks this spring: each one starts at the station car park at nine, with a
guide who knows the hills, and ends back there by the late afternoon, whatever the weather does.</p><table><tr><td>
<a href="/a">Home</a> <a href="/b">Walks</a> <a href="/c">Tours</a> <a href="/d">Guides</a> <a href="/e">Maps</a>
<a href="/f">Events</a> <a href="/g">Blog</a> <a href="/h">Contact</a> <a href="/i">Shop</a> <a href="/j">Login</a>
<div>Ridge loop: a four hour walk along the ridge above the lake, with lunch at the hut.</div>
<div>Book now</div><a href="/k">Terms</a> <a href="/l">Privacy</a> <a href="/m">Jobs</a> <a href="/n">Press</a>
<a href="/o">Partners</a> <a href="/p">Sitemap</a> <a href="/q">Cookies</a>
</td></tr></table><p>Ask us about group rates for clubs and schools, and about the winter walks.</p>
</body></html>"""


def test_merge_salvages_a_long_kept_dom_block_out_of_a_rule_block_it_rejects() -> None:
    dom = segment(lxml.html.fromstring(LISTING_CELL))
    texts, tags = [b.text for b in dom], [str(b.element.tag) for b in dom]
    # the rule path read the whole layout cell as one paragraph
    cell = Paragraph(text=" ".join(t for t in texts[1:-1]))
    rule = [Paragraph(text=texts[0]), cell, Paragraph(text=texts[-1])]
    entry = next(i for i, t in enumerate(texts) if t.startswith("Ridge loop"))
    book = texts.index("Book now")
    # the links outweigh the entry and "Book now": the cell's word-weighted mean is under the drop line
    probabilities = [0.9 if i in (0, book, len(texts) - 1) else 0.7 if i == entry else 0.02 for i in range(len(texts))]
    merged = merge_blocks(rule, texts, tags, probabilities, keep=0.5)
    assert len(_WORDS.findall(texts[entry])) >= MIN_SALVAGED_WORDS > len(_WORDS.findall(texts[book]))
    # the cell goes, its entry stays in the cell's place; "Book now" is too short to salvage
    assert [b.text for b in merged] == [texts[0], texts[entry], texts[-1]]  # type: ignore[union-attr]
    kept_cell = merge_blocks(rule, texts, tags, [0.9] * len(texts), keep=0.5)
    assert [b.text for b in kept_cell] == [b.text for b in rule]  # type: ignore[union-attr]  # not said twice


def test_merge_keeps_the_rule_text_the_model_would_throw_out_wholesale() -> None:
    entries = ["Ridge loop, four hours along the ridge above the lake with lunch at the hut.",
               "Lake shore path, two easy hours past the boat houses and the old water mill."]
    rule = [Paragraph(text=t) for t in entries]
    assert RESCUE_RULE_WORDS <= sum(len(_WORDS.findall(t)) for t in entries) < MIN_KEPT_WORDS
    merged = merge_blocks(rule, entries, ["div", "div"], [0.1, 0.2], keep=0.5)
    assert [b.text for b in merged] == entries  # type: ignore[union-attr]
    # the model keeps a long enough text of its own: its verdicts on the rule blocks stand
    story = " ".join(["The walking club met on Sunday to plan the summer routes for the new members."] * 4)
    merged = merge_blocks(rule, [*entries, story], ["div", "div", "p"], [0.1, 0.2, 0.9], keep=0.5)
    assert [b.text for b in merged] == [story]  # type: ignore[union-attr]
    # a rule text too short to be an article the model missed goes as the model says
    short = [Paragraph(text="Skip to content"), Paragraph(text="Sign in to book a walk")]
    texts = [b.text for b in short]
    assert merge_blocks(short, texts, ["a", "div"], [0.1, 0.1], keep=0.5) == []


COMMENTED_STORY = """<html><body><p>Comments</p><p>The ferry to the island runs again from Monday, after a winter
of repairs to the pier and the ticket hall.</p><p>Crossings leave the harbour every hour from seven until nine at
night.</p><h4>Comments</h4><p>Finally! We waited all winter for this and the kids can visit their gran again.</p>
<p>Hourly is not enough in August, the queues last summer went round the car park twice.</p></body></html>"""


def test_merge_adds_no_comment_thread_past_the_article_but_on_a_forum() -> None:
    dom = segment(lxml.html.fromstring(COMMENTED_STORY))
    texts, tags = [b.text for b in dom], [str(b.element.tag) for b in dom]
    story = [Paragraph(text=t) for t in texts[1:3]]  # the rule path's article; the model likes everything
    thread = texts.index("Comments", 1)
    merged = merge_blocks(story, texts, tags, [0.9] * len(texts), keep=0.5, forum=False)
    # a "Comments" bar above the article is no thread; the one after it opens the readers' comments
    assert [b.text for b in merged] == texts[:thread]  # type: ignore[union-attr]
    on_forum = merge_blocks(story, texts, tags, [0.9] * len(texts), keep=0.5, forum=True)
    assert [b.text for b in on_forum] == texts  # type: ignore[union-attr]
    # a count or a label that goes on ("Comments: 10 pages") opens no thread
    labelled = [t.replace("Comments", "Comments: 10 pages") if i == thread else t for i, t in enumerate(texts)]
    kept = merge_blocks(story, labelled, tags, [0.9] * len(texts), keep=0.5, forum=False)
    assert [b.text for b in kept] == labelled  # type: ignore[union-attr]


@pytest.mark.parametrize(("page_type", "forum"), [("forum", True), ("article", False)])
def test_judge_html_tells_the_merge_whether_the_page_is_a_forum(page_type: PageType, forum: bool,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    page = extract_page(COMMENTED_STORY, "https://example.org/ferry", DEFAULT_OPTIONS)
    assert page is not None
    told: list[bool] = []

    def merge(*args: Any, **kwargs: Any) -> list[BodyBlock]:
        told.append(kwargs.get("forum", True))
        return merge_blocks(*args, **kwargs)

    monkeypatch.setattr(learned, "merge_blocks", merge)
    assert learned.judge_html(page, (page_type, 0.9)).page_type == page_type
    assert told == [forum]


def test_keep_threshold_drops_to_the_rescue_where_the_rules_found_nothing_and_the_model_is_unsure() -> None:
    prose = " ".join(["the ferry leaves the harbour at nine and comes back by noon"] * 4)  # 48 words
    skip_link = [Paragraph(text="Skip to content")]
    unsure = (RESCUE_KEEP + 0.5) / 2
    assert keep_threshold(skip_link, [prose, prose, prose], [0.9, unsure, unsure], 0.5) == RESCUE_KEEP
    # the model is sure of most of what it would keep: its verdict stands
    assert keep_threshold(skip_link, [prose, prose, prose], [0.9, 0.9, unsure], 0.5) == 0.5
    # too few words in all to be an article the rules missed (an empty listing's labels)
    assert keep_threshold(skip_link, ["Sort by price", "Filter"], [unsure, unsure], 0.5) == 0.5
    # the rule path found an article: its text, not the unsure blocks, decides
    assert keep_threshold([Paragraph(text=prose)], [prose, prose], [unsure, unsure], 0.5) == 0.5


def test_clean_names_the_page_type_and_its_confidence() -> None:
    html = clean(ArticleIn(id="a", content=PAGE, content_type=ContentType.HTML,
                           url="https://news.example.com/2026/05/04/bridge-reopens"))
    assert html.page_type in PAGE_TYPES
    assert html.extraction_confidence is not None and 0 <= html.extraction_confidence <= 1
    assert "reopened on Monday" in html.text
    assert "Copyright 2026" not in html.text
    text = clean(ArticleIn(id="t", content=html.text, content_type=ContentType.TEXT))
    assert text.page_type is None
    assert text.extraction_confidence is not None and 0 <= text.extraction_confidence <= 1


def test_models_predict_probabilities_for_every_row() -> None:
    root = lxml.html.fromstring(PAGE)
    blocks = segment(root)
    context = PageContext("", [False] * len(blocks), [], page_row(root, None, blocks))
    probabilities = models().block_probabilities(block_matrix(blocks, context))
    assert probabilities.shape == (len(blocks),)
    assert np.all((probabilities >= 0) & (probabilities <= 1))


def test_headline_leaves_the_text_for_metadata() -> None:
    blocks = [Paragraph(text="Bridge reopens after two years"), Paragraph(text="The old bridge reopened on Monday.")]
    titles = page_titles(lxml.html.fromstring("<title>Bridge reopens after two years - Example News</title>"))
    kept = drop_headline(blocks, titles, [])
    assert [b.text for b in kept] == ["The old bridge reopened on Monday."]  # type: ignore[union-attr]
    by_h1 = drop_headline(blocks, [], ["Bridge reopens after two years"])
    assert len(by_h1) == 1
    lead = [Paragraph(text="Bridge reopens after two years " + "of repairs and delays " * 10)]
    assert drop_headline(lead, [], ["Bridge reopens after two years"]) == lead  # a lead paragraph stays
    # a post whose title is all of it keeps it: an empty body is never the page's text
    alone = [Paragraph(text="Bridge reopens after two years"), Heading(text="", level=2)]
    assert drop_headline(alone, titles, []) == alone


def test_a_promoted_line_must_add_text_the_body_lacks() -> None:
    lines = rule_lines("Menu\n\nThe council voted on Monday to approve the budget.\n\n"
                       "The council voted on Monday to approve the budget. It starts in May, said its chair.")
    verdicts = apply_line_verdicts(lines, [0.9] * len(lines), keep=0.5)
    body = [line.text for line in verdicts if line.role in BODY_ROLES]
    assert body.count("The council voted on Monday to approve the budget.") <= 1
    assert any("It starts in May" in text for text in body)


class _FixedBooster:
    """A stand-in booster that rates every row with the same probabilities."""

    def __init__(self, probabilities: list[float]) -> None:
        self.probabilities = probabilities

    def predict(self, rows: np.ndarray, num_threads: int = 1) -> np.ndarray:
        return np.asarray([self.probabilities] * len(rows))


def test_the_article_probability_counts_more_when_the_types_are_ranked() -> None:
    article, listing = PAGE_TYPES.index("article"), PAGE_TYPES.index("listing")
    close = [0.0] * len(PAGE_TYPES)
    close[article], close[listing] = 0.40, 0.40 * ARTICLE_WEIGHT - 0.01
    assert most_likely_type(_FixedBooster(close), np.zeros(3)) == ("article", 0.40)  # type: ignore[arg-type]
    clear = [0.0] * len(PAGE_TYPES)
    clear[article], clear[listing] = 0.30, 0.30 * ARTICLE_WEIGHT + 0.01
    page_type, probability = most_likely_type(_FixedBooster(clear), np.zeros(3))  # type: ignore[arg-type]
    assert page_type == "listing" and probability == clear[listing]  # the type's own probability


DESK = "The desk comes in walnut and black oak, with a steel frame."
WORKSHOP = "Our team builds every desk by hand in the workshop. It ships the same day, said its owner."


def _promoted_body(text: str) -> list[str]:
    """The body lines when the line model keeps every line; the first line is the rules' boilerplate."""
    lines = rule_lines(text)
    assert lines[0].role == "boilerplate"  # the rules' verdict the model overrides: a promoted line
    return [line.text for line in apply_line_verdicts(lines, [0.9] * len(lines), keep=0.5) if line.role in BODY_ROLES]


def test_a_promoted_short_line_found_inside_a_longer_body_line_is_new_text() -> None:
    # bs4 breaks a paragraph at every link, and the fragment's words occur in other body lines
    assert "black oak" in _promoted_body(f"black oak\n\n{DESK}\n\n{WORKSHOP}")


def test_a_promoted_short_line_repeating_a_whole_body_line_is_dropped() -> None:
    assert _promoted_body(f"black oak\n\n{DESK}\n\nblack oak\n\n{WORKSHOP}").count("black oak") == 1
