"""Block kinds of the HTML cleaner on small invented pages: headings, quotes, lists, tables,
figures and embeds, and how the sections stage groups them."""

# ruff: noqa: E501 (fixture pages hold one paragraph per line)

from __future__ import annotations

from tasks.clean import clean
from tasks.clean.html.extract import extract_html_blocks
from tasks.clean.html.media import parse_duration
from tasks.common.blocks import render_text
from tasks.models import (
    ArticleIn,
    BodyBlock,
    ContentType,
    Figure,
    Heading,
    ListBlock,
    Media,
    Paragraph,
    Quote,
    Table,
)
from tasks.options import DEFAULT_OPTIONS
from tasks.sections import split_sections

P = [
    "The city council voted on Tuesday to extend the night bus network to the northern suburbs from next spring.",
    "The new lines will run every twenty minutes between midnight and five in the morning on weekdays and weekends.",
    "Residents of the northern districts had asked for night buses for years, saying taxis were too expensive for shift workers.",
    "The transport authority will hire forty new drivers and lease twelve electric buses to run the extra services.",
    "Opposition members said the plan was welcome but asked how the city would pay for it after the current budget year.",
    "A first review of passenger numbers is planned for the autumn, when the council will decide whether to add more lines.",
]


def page(body: str, head: str = "") -> str:
    """A whole invented page around an article body."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Night buses for the north | City Times</title>
{head}</head><body><nav><a href="/">Home</a> <a href="/city">City</a></nav><main><article>
<h1>Night buses for the north</h1><div class="article-body">{body}</div></article></main>
<footer><p>City Times, all rights reserved.</p></footer></body></html>"""


def p(*indexes: int) -> str:
    """Some of the paragraphs as HTML."""
    return "".join(f"<p>{P[i]}</p>" for i in indexes)


def blocks_of(html: str) -> list[BodyBlock]:
    """The cleaner's blocks for a page."""
    return extract_html_blocks(html, "https://news.example.com/night-buses", DEFAULT_OPTIONS)


def of_kind(blocks: list[BodyBlock], kind: type) -> list:
    """The blocks of one kind."""
    return [b for b in blocks if isinstance(b, kind)]


def test_html_headings_become_heading_blocks_with_their_level() -> None:
    """<h2>/<h3> inside the article are Heading blocks, levels kept, in page order."""
    blocks = blocks_of(page(p(0, 1) + "<h2>What changes for riders</h2>" + p(2, 3) + "<h3>Costs</h3>" + p(4, 5)))
    headings = of_kind(blocks, Heading)
    assert [(h.text, h.level) for h in headings] == [("What changes for riders", 2), ("Costs", 3)]
    kinds = [type(b).__name__ for b in blocks]
    assert kinds.index("Heading") == 2


def test_headline_h1_is_not_a_section_heading() -> None:
    """The article's <h1> headline belongs to the metadata, not to the sections."""
    blocks = blocks_of(page(p(0, 1, 2, 3)))
    assert "Night buses for the north" not in [h.text for h in of_kind(blocks, Heading)]


def test_bold_only_short_paragraph_is_a_sub_head() -> None:
    """A short paragraph that is one bold run, between paragraphs, is a Heading."""
    blocks = blocks_of(page(p(0, 1) + "<p><strong>Who pays for it</strong></p>" + p(2, 3, 4)))
    assert [h.text for h in of_kind(blocks, Heading)] == ["Who pays for it"]


def test_bold_sentence_and_bold_label_are_not_sub_heads() -> None:
    """Bold prose ending like a sentence, or a "Read more:" label, is not a heading."""
    body = p(0) + "<p><b>The vote was close.</b></p>" + p(1) + "<p><b>Read more:</b></p>" + p(2, 3)
    assert of_kind(blocks_of(page(body)), Heading) == []


def test_blockquote_is_a_quote_block() -> None:
    """A <blockquote> becomes a Quote and its words are part of the text."""
    quote = "We have waited for this for a very long time and it will change how people get home."
    blocks = blocks_of(page(p(0, 1) + f"<blockquote><p>{quote}</p></blockquote>" + p(2, 3)))
    assert [q.text for q in of_kind(blocks, Quote)] == [quote]
    assert quote in render_text(blocks)


def test_list_is_a_list_block_with_its_items() -> None:
    """An <ol> becomes one ordered ListBlock holding its items."""
    items = ["Line N1 from the station to Northgate", "Line N2 from the harbour to the hospital", "Line N3 around the ring road"]
    body = p(0, 1) + "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>" + p(2, 3)
    lists = of_kind(blocks_of(page(body)), ListBlock)
    assert len(lists) == 1
    assert lists[0].items == items
    assert lists[0].ordered is True


def test_data_table_is_a_table_block_with_rows() -> None:
    """A small data table becomes a Table with its cells, not a layout to flatten."""
    table = "<table><tr><th>Line</th><th>Buses</th></tr><tr><td>N1</td><td>5</td></tr><tr><td>N2</td><td>7</td></tr></table>"
    tables = of_kind(blocks_of(page(p(0, 1) + table + p(2, 3))), Table)
    assert len(tables) == 1
    assert tables[0].rows == [["Line", "Buses"], ["N1", "5"], ["N2", "7"]]


def test_figure_with_credit_element_splits_caption_and_credit() -> None:
    """A figure whose credit has its own element: caption and credit apart, both out of the text."""
    figure = """<figure><img src="/img/night-bus-1600.jpg" alt="An electric bus at night" width="1600" height="900">
<figcaption><span class="caption-text">One of the new electric buses at the depot.</span> <span class="credit">Photo: Anna Berg</span></figcaption></figure>"""
    blocks = blocks_of(page(p(0, 1) + figure + p(2, 3)))
    figures = of_kind(blocks, Figure)
    assert len(figures) == 1
    assert figures[0].url == "https://news.example.com/img/night-bus-1600.jpg"
    assert figures[0].alt == "An electric bus at night"
    assert figures[0].caption == "One of the new electric buses at the depot."
    assert figures[0].credit == "Anna Berg"  # the "Photo:" label is not part of the credit
    assert "electric buses at the depot" not in render_text(blocks)


def test_microdata_credit_is_split_and_its_label_dropped() -> None:
    """A credit marked with itemprop=copyrightHolder is the credit, without its "Credit" label."""
    figure = """<figure><img src="/img/drivers.jpg" width="800" height="600"><figcaption><span>New drivers in training.</span>
<span itemprop="copyrightHolder"><span class="label">Credit</span><span>Jo Lee for City Times</span></span></figcaption></figure>"""
    figures = of_kind(blocks_of(page(p(0, 1) + figure + p(2, 3))), Figure)
    assert [(f.caption, f.credit) for f in figures] == [("New drivers in training.", "Jo Lee for City Times")]


def test_figure_without_credit_has_caption_only() -> None:
    """A caption with no credit keeps its whole text and credit None."""
    figure = """<figure><img src="/img/map.png" width="800" height="600"><figcaption>The three new night lines.</figcaption></figure>"""
    figures = of_kind(blocks_of(page(p(0, 1) + figure + p(2, 3))), Figure)
    assert [(f.caption, f.credit) for f in figures] == [("The three new night lines.", None)]


def test_figure_sits_between_the_paragraphs_around_it() -> None:
    """A figure is placed in page order among the text blocks."""
    figure = """<figure><img src="/img/depot.jpg" width="800" height="600"><figcaption>The depot.</figcaption></figure>"""
    blocks = blocks_of(page(p(0, 1) + figure + p(2, 3)))
    index = next(i for i, b in enumerate(blocks) if isinstance(b, Figure))
    assert isinstance(blocks[index - 1], Paragraph) and blocks[index - 1].text == P[1]
    assert isinstance(blocks[index + 1], Paragraph) and blocks[index + 1].text == P[2]


def test_lazy_and_noscript_images_are_found() -> None:
    """A lazy image's data-src, and an image only present in <noscript>, are real figures."""
    lazy = """<figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/lazy-bus.jpg" width="800" height="500"><figcaption>Lazy loaded.</figcaption></figure>"""
    noscript = """<figure><div class="lazy-placeholder"></div><noscript><img src="/img/noscript-bus.jpg"></noscript><figcaption>Only in noscript.</figcaption></figure>"""
    figures = of_kind(blocks_of(page(p(0, 1) + lazy + p(2, 3) + noscript + p(4, 5))), Figure)
    assert [f.url for f in figures] == ["https://news.example.com/img/lazy-bus.jpg", "https://news.example.com/img/noscript-bus.jpg"]


def test_decorative_images_are_dropped() -> None:
    """Logos, icons, avatars, tracking pixels and tiny images are not figures."""
    decorative = """<img src="/static/logo.png" width="200" height="60"><img src="/icons/share.svg">
<img src="/img/author-avatar.jpg" class="avatar" width="48" height="48"><img src="https://track.example.com/pixel.gif?id=1" width="1" height="1">
<img src="/img/spacer.gif"><img src="/img/thumb.jpg" width="40" height="40">"""
    blocks = blocks_of(page(p(0, 1) + decorative + p(2, 3)))
    assert of_kind(blocks, Figure) == []


def test_video_iframe_is_a_media_block_not_text() -> None:
    """A YouTube iframe is a Media block with provider and URL; its title is not text."""
    iframe = '<iframe src="https://www.youtube.com/embed/abc123" title="Night bus test drive" width="640" height="360"></iframe>'
    blocks = blocks_of(page(p(0, 1) + iframe + p(2, 3)))
    media = of_kind(blocks, Media)
    assert [(m.media_type, m.provider, m.url) for m in media] == [("video", "YouTube", "https://www.youtube.com/embed/abc123")]
    assert "test drive" not in render_text(blocks)


def test_json_ld_video_object_is_a_media_block_with_duration() -> None:
    """A VideoObject in JSON-LD is recorded with its name and duration in seconds."""
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@type": "VideoObject",
"name": "Night bus explainer", "contentUrl": "https://cdn.example.com/v/explainer.mp4", "duration": "PT1M30S"}</script>"""
    media = of_kind(blocks_of(page(p(0, 1, 2, 3), head=head)), Media)
    assert [(m.title, m.duration_s, m.url) for m in media] == [("Night bus explainer", 90, "https://cdn.example.com/v/explainer.mp4")]


def test_parse_duration_reads_iso_8601_and_numbers() -> None:
    """ISO-8601 durations and plain numbers become seconds; junk is None."""
    assert parse_duration("PT2M5S") == 125
    assert parse_duration("PT1H") == 3600
    assert parse_duration(42) == 42
    assert parse_duration("soon") is None


def test_sections_follow_the_headings_and_collect_figures() -> None:
    """clean + split_sections: one lead section, one per heading; figures become images."""
    figure = """<figure><img src="/img/depot.jpg" width="800" height="600"><figcaption>The depot. (Anna Berg/City Times)</figcaption></figure>"""
    body = p(0, 1) + "<h2>What changes for riders</h2>" + p(2) + figure + p(3) + "<h2>Costs</h2>" + p(4, 5)
    article = ArticleIn(id="s1", url="https://news.example.com/night-buses", content=page(body), content_type=ContentType.HTML)
    sectioned = split_sections(clean(article))
    assert [s.heading for s in sectioned.sections] == [None, "What changes for riders", "Costs"]
    assert [(im.caption, im.credit, im.section) for im in sectioned.images] == [("The depot.", "Anna Berg/City Times", 1)]


def test_json_ld_with_nested_type_lists_does_not_crash() -> None:
    """A JSON-LD ``@type`` holding a list inside a list is skipped, not a crash."""
    from tasks.models import ArticleIn
    from tasks.pipeline import process

    page = (
        '<html><head><script type="application/ld+json">{"@type": [["VideoObject"]], "name": "x"}</script>'
        "</head><body><article><h1>Ferry timetable changes</h1><p>The ferry company said on Monday that "
        "its summer timetable starts two weeks early this year, with extra crossings at weekends.</p>"
        "</article></body></html>"
    )
    result = process(ArticleIn(content=page))
    assert result.status.value == "done"
    assert "summer timetable" in result.text
