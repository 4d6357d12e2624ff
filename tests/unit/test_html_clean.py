"""The HTML cleaner on small invented pages: furniture out, article text in, once."""

# ruff: noqa: E501 (fixture pages hold one paragraph per line)

from __future__ import annotations

import json

from tasks.clean import clean
from tasks.clean.html.convert import Candidate
from tasks.clean.html.dom import is_furniture, unwrap_swallowing_buttons
from tasks.clean.html.extract import extract_html_blocks
from tasks.clean.html.filters import cut_comments, drop_repeats, is_junk
from tasks.common.blocks import render_text
from tasks.common.html_parse import parse_html
from tasks.models import ArticleIn, BodyBlock, ContentType, Figure, Heading, Paragraph, Quote
from tasks.options import DEFAULT_OPTIONS

PARAGRAPHS = [
    "The harbour bridge reopened to traffic on Monday morning after two years of repairs that cost the city far more than first planned.",
    "Engineers replaced the steel deck, repainted the towers and fitted new sensors that report strain and temperature every few seconds.",
    "Commuters who had taken the ferry since the closure said the first crossing felt strange after such a long time away from the road.",
    "The council said the final bill came to forty million euros, about a third more than the estimate approved when the work began.",
    "Officials expect traffic to return to its old level within a month, once the temporary bus lanes on the east shore are removed.",
]

NAV = """<nav class="site-nav"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>"""
COOKIE = """<div class="cookie-banner" id="gdpr-consent"><p>We use cookies to improve your experience on our site and to show you personalised advertising from our partners.</p>
<button>Accept all</button></div>"""
SHARE = """<div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email this story to a friend</a></div>"""
RELATED = """<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Ferry timetable changes from next month across the whole lake network</a></li>
<li><a href="/b">Council approves new budget for the harbour district after a long debate</a></li></ul></aside>"""
TEASERS = """<div class="teaser-rail"><div class="teaser"><a href="/c"><h4>Storm warning issued for the weekend</h4></a>
<p>Forecasters expect winds of up to ninety kilometres an hour along the coast on Saturday night.</p></div></div>
<div class="up-next"><p>Up next: the mayor answers readers' questions about the new tram line in a live chat on Friday.</p></div>
<div class="OUTBRAIN"><p>You may also like: ten tricks that landlords hate and doctors recommend for a longer life in the city.</p></div>"""
NEWSLETTER = """<div class="newsletter-signup"><p>Sign up for our morning newsletter and get the day's top stories delivered to your inbox every weekday.</p></div>"""
FOOTER = """<footer class="site-footer"><p>Copyright 2025 The Lakeside Courier. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>"""


def page(body: str, title: str = "Harbour bridge reopens after two years | The Lakeside Courier") -> str:
    """A whole invented page around an article body, with every kind of furniture."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:title" content="Harbour bridge reopens after two years"></head>
<body>{NAV}{COOKIE}<main><article><h1>Harbour bridge reopens after two years</h1>
<p class="byline">By Maria Keller</p>{SHARE}<div class="article-body">{body}</div>{SHARE}{NEWSLETTER}</article>
{RELATED}{TEASERS}</main>{FOOTER}</body></html>"""


def paragraphs(items: list[str] = PARAGRAPHS) -> str:
    """The article paragraphs as HTML."""
    return "".join(f"<p>{p}</p>" for p in items)


def blocks_of(html: str) -> list[BodyBlock]:
    """The cleaner's blocks for a page."""
    return extract_html_blocks(html, "https://news.example.com/bridge", DEFAULT_OPTIONS)


def text_of(html: str) -> str:
    """The cleaner's article text for a page."""
    return render_text(blocks_of(html))


def test_article_paragraphs_are_kept_in_order() -> None:
    """Every paragraph of the article is in the text, in page order."""
    text = text_of(page(paragraphs()))
    positions = [text.find(p) for p in PARAGRAPHS]
    assert all(pos >= 0 for pos in positions)
    assert positions == sorted(positions)


def test_navigation_and_footer_are_not_in_text() -> None:
    """Menus and the footer stay out of the text."""
    text = text_of(page(paragraphs()))
    assert "Weather" not in text
    assert "Privacy policy" not in text
    assert "All rights reserved" not in text


def test_share_cookie_and_newsletter_widgets_are_not_in_text() -> None:
    """Share bars, the cookie banner and the newsletter prompt stay out of the text."""
    text = text_of(page(paragraphs()))
    assert "Share on Facebook" not in text
    assert "We use cookies" not in text
    assert "Sign up for our morning newsletter" not in text


def test_teasers_of_other_stories_are_not_in_text() -> None:
    """Related-story lists and teaser rails stay out of the text."""
    text = text_of(page(paragraphs()))
    assert "Ferry timetable changes" not in text
    assert "Storm warning issued" not in text
    assert "Forecasters expect winds" not in text
    assert "the mayor answers readers' questions" not in text
    assert "ten tricks that landlords hate" not in text


def test_lead_shown_twice_appears_once() -> None:
    """A lead paragraph repeated as a summary above the body is in the text once."""
    body = f'<p class="summary">{PARAGRAPHS[0]}</p>' + paragraphs()
    text = text_of(page(body))
    assert text.count(PARAGRAPHS[0]) == 1


def test_photo_caption_and_credit_are_not_in_text() -> None:
    """A figure's caption and credit go to the Figure block, never into the text."""
    figure = """<figure><img src="/img/bridge-deck-1200.jpg" alt="The new deck" width="1200" height="800">
<figcaption>Workers on the new deck of the harbour bridge last spring. (Jane Doe/Reuters)</figcaption></figure>"""
    blocks = blocks_of(page(paragraphs(PARAGRAPHS[:2]) + figure + paragraphs(PARAGRAPHS[2:])))
    text = render_text(blocks)
    assert "Workers on the new deck" not in text
    assert "Reuters" not in text
    figures = [b for b in blocks if isinstance(b, Figure)]
    assert len(figures) == 1
    assert figures[0].caption == "Workers on the new deck of the harbour bridge last spring."
    assert figures[0].credit == "Jane Doe/Reuters"


def test_video_player_strings_are_not_in_text() -> None:
    """A video player's control strings do not leak into the text."""
    player = """<div class="video-player"><p>Now playing</p><p>This is a modal window. This modal can be closed by pressing the Escape key.</p>
<video src="https://cdn.example.com/v/bridge.mp4"></video></div>"""
    text = text_of(page(paragraphs(PARAGRAPHS[:3]) + player + paragraphs(PARAGRAPHS[3:])))
    assert "modal window" not in text
    assert "Now playing" not in text


def test_reader_comments_after_the_article_are_cut() -> None:
    """Unmarked reader comments after a "Comments" line are not article text."""
    comments = "<h3>Comments (2)</h3><p>Great news, I have waited for this for years and my commute will be shorter again.</p><p>Far too expensive for what it is, the council should explain the overrun to every taxpayer.</p>"
    text = text_of(page(paragraphs() + comments))
    assert PARAGRAPHS[-1] in text
    assert "waited for this for years" not in text


def test_layout_table_menu_cells_are_dropped() -> None:
    """On a page laid out with a table, the menu cell is dropped and the article cell kept."""
    menu = "".join(f'<a href="/s{i}">Section {i}</a><br>' for i in range(12))
    html = f"""<html><head><title>Harbour bridge reopens</title></head><body><table><tr>
<td class="left">{menu}</td><td class="main"><h2>Harbour bridge reopens</h2>{paragraphs()}</td></tr></table></body></html>"""
    text = text_of(html)
    assert PARAGRAPHS[2] in text
    assert "Section 7" not in text


def test_clean_stage_renders_text_from_blocks() -> None:
    """The clean stage's text is exactly the rendering of its blocks, as later stages expect."""
    article = ArticleIn(id="t1", url="https://news.example.com/bridge", content=page(paragraphs()), content_type=ContentType.HTML)
    cleaned = clean(article)
    assert cleaned.text == render_text(cleaned.blocks)
    assert any(isinstance(b, Paragraph) and b.text == PARAGRAPHS[1] for b in cleaned.blocks)


def test_page_without_article_gives_no_blocks_rather_than_failing() -> None:
    """A page with nothing but furniture yields no text instead of raising."""
    html = f"<html><head><title>Home</title></head><body>{NAV}{FOOTER}</body></html>"
    assert text_of(html) == ""


def test_drop_repeats_keeps_the_first_copy_of_a_paragraph() -> None:
    """A paragraph repeated later (summary + body, whitespace or case aside) is kept once."""
    blocks: list[BodyBlock] = [Paragraph(text=PARAGRAPHS[0]), Heading(text="Costs"), Paragraph(text=PARAGRAPHS[0].upper()),
                               Quote(text="It felt strange."), Quote(text="It  felt strange.")]
    assert drop_repeats(blocks) == [blocks[0], blocks[1], blocks[3]]


def test_widget_strings_are_junk_and_prose_is_not() -> None:
    """Player and share-bar strings are junk; a sentence that merely mentions them is not."""
    assert is_junk(Paragraph(text="Now watching"))
    assert is_junk(Paragraph(text="Next video starts in : 7"))
    assert is_junk(Paragraph(text="Share this article"))
    assert not is_junk(Paragraph(text="Now watching the bridge reopen, residents cheered from the shore."))


def test_comments_marker_cuts_only_after_enough_article_text() -> None:
    """A "Comments" line ends the article; one above the story (a header link) does not."""
    head = [Candidate(Paragraph(text="Comments"), 0.0), Candidate(Paragraph(text=PARAGRAPHS[0]), 0.0)]
    assert cut_comments(head) == head
    tail = [Candidate(Paragraph(text=p), 0.0) for p in PARAGRAPHS] + [Candidate(Paragraph(text="12 comments"), 0.0),
                                                                   Candidate(Paragraph(text="First!"), 0.0)]
    assert [c.block.text for c in cut_comments(tail)] == PARAGRAPHS


def test_furniture_classes_match_whole_tokens_only() -> None:
    """'share' and 'ad' are matched as class tokens, not inside 'shareholders' or 'header'."""
    root = parse_html("""<html><body><div class="social-share">x</div><div class="shareholders-report">x</div>
<div id="ad-slot-3">x</div><div class="header">x</div><div class="article-share comments">x</div></body></html>""")
    assert root is not None
    verdicts = [is_furniture(div) for div in root.iter("div")]
    assert verdicts == [True, False, True, False, False]


def test_json_ld_article_body_fills_in_when_the_page_renders_text_by_script() -> None:
    """A page whose article is only in JSON-LD (rendered by script) gets its text from there."""
    body = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Bridge reopens",
                       "articleBody": "\n".join(PARAGRAPHS)})
    html = f"""<html><head><title>Bridge reopens</title><script type="application/ld+json">{body}</script></head>
<body>{NAV}<main><div id="app">Loading…</div></main>{FOOTER}</body></html>"""
    assert [b.text for b in blocks_of(html) if isinstance(b, Paragraph)] == PARAGRAPHS


def test_more_stories_heading_ends_the_article_only_below_the_story() -> None:
    """A "More stories" heading after the story cuts the rail; one above the story does not."""
    story = [Candidate(Paragraph(text=p), 0.0) for p in PARAGRAPHS]
    rail = [Candidate(Heading(text="More stories"), 0.0), Candidate(Paragraph(text="Storm warning for the weekend, forecasters say."), 0.0)]
    assert [c.block for c in cut_comments(story + rail)] == [c.block for c in story]
    # 3 paragraphs (over the 300 characters a cut needs) above the rail, 5 below it
    top = [*story[:3], Candidate(Heading(text="Latest headlines"), 0.0), *story]
    assert cut_comments(top) == top


LONG_PARAGRAPHS = [
    "The ferry company said on Tuesday that it would keep two of its boats on the harbour route through the winter, "
    "although the number of passengers has fallen by half since the bridge reopened last week.",
    "Its chief executive told reporters that the boats were still full at weekends, when visitors take the slower "
    "crossing for the view of the old town, and that the timetable would be reviewed again in the spring.",
    "Staff who worked on the route during the closure will be offered places on the lake services, the union said, "
    "and nobody will lose their job before the end of the season, whatever the review decides in April.",
]


def test_article_swallowed_by_an_unclosed_menu_button_is_still_found() -> None:
    """A menu button with an unclosed <div> makes libxml2 nest the rest of the page in the
    button; the article inside it is still the text."""
    broken_button = '<header><button class="menu-button"><div class="menu-button-inner"><div></button></header>'
    html = page(paragraphs(LONG_PARAGRAPHS)).replace("<main>", broken_button + "<main>")
    root = parse_html(html)
    assert root is not None and any(LONG_PARAGRAPHS[0] in b.text_content() for b in root.iter("button"))
    text = text_of(html)
    assert all(p in text for p in LONG_PARAGRAPHS)


def test_only_buttons_holding_several_long_paragraphs_are_unwrapped() -> None:
    """A button around a label, or around one long paragraph, stays a button."""
    root = parse_html(f"""<html><body><button id="menu">Menu</button>
<button id="card"><p>{LONG_PARAGRAPHS[0]}</p></button>
<button id="swallowed"><div>{paragraphs(LONG_PARAGRAPHS)}</div></button></body></html>""")
    assert root is not None
    unwrap_swallowing_buttons(root)
    assert [b.get("id") for b in root.iter("button")] == ["menu", "card"]
    assert LONG_PARAGRAPHS[2] in root.text_content()
