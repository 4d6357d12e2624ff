"""The plain-text cleaner on small invented pages: chrome out, article in, structure kept."""

from __future__ import annotations

import pytest

from tasks.blocks import render_text
from tasks.cleaning import clean
from tasks.models import ArticleIn, ContentType, Figure, Heading, ListBlock, Media, Paragraph
from tasks.options import DEFAULT_OPTIONS
from tasks.repair import repair_text
from tasks.text_clean import blocks_from_lines, classify_lines

MENU = """Skip to content
* Home
* News
* Sport
* Weather
* Business
Sign in | Register
Tuesday, March 4, 2025 | 09:15 AM | Lakeside | 4°C | Subscribe
"""

FOOTER = """
Related stories
* Council approves new budget for the harbour district
* Ferry timetable changes from next month
Share this article
Facebook Twitter Email
Copyright © 2025 The Lakeside Courier. All rights reserved.
Privacy Policy | Terms of Use | Contact us
"""

ARTICLE = """Local
Bridge reopens after two years of repairs

By Maria Keller

March 3, 2025

The old stone bridge over the river reopened on Monday morning after two years of repairs, and the first people to walk across it were the children of the primary school on the north bank.

The repairs cost more than the town had planned, because the engineers found that the foundations of two arches had been washed out by the floods of the last winters.

A crowd watches the ribbon being cut on the bridge.
The mayor cuts the ribbon on the repaired bridge on Monday. (Tom Berger/Lakeside Courier)

WATCH | The bridge opens to traffic:

Bridge reopens after long repairs

3 days ago
Duration 1:45
Drivers and walkers crossed the bridge for the first time in two years on Monday.

What the repairs changed

The engineers replaced the old iron railings with steel ones, and they widened the footpath on the east side so that two prams can pass each other without stepping into the road.

They also added lights under the arches, which the council says will make the river path safer at night for the people who walk their dogs there in the evening.

Traffic and buses

The number 4 bus will use the bridge again from next week, and the council expects that the traffic on the ring road will fall by about a fifth once the drivers are used to the old route.
"""

NO_HEADINGS = """News
Library extends its opening hours

The town library will stay open until eight in the evening from April, after a survey showed that most of the people who use it work during the day and can only come after work.

The council has agreed to pay for two more librarians, and the volunteers who run the reading club for children have said that they will add a second meeting on Saturday mornings.

The library will also lend laptops to students who do not have one at home, for up to two weeks at a time, as long as one of their parents signs the form.
"""

FRENCH = """Accueil
* Actualités
* Sport
Le pont rouvre après deux ans de travaux

Le vieux pont de pierre qui traverse la rivière a rouvert lundi matin après deux ans de travaux, et les premiers à le traverser ont été les enfants de l'école primaire de la rive nord.

Les travaux ont coûté plus cher que prévu, car les ingénieurs ont découvert que les fondations de deux arches avaient été emportées par les crues des derniers hivers.

La mairie a annoncé que le bus numéro quatre empruntera de nouveau le pont dès la semaine prochaine, ce qui devrait réduire la circulation sur le boulevard.
Mentions légales | Contact
"""

CHINESE = """首页
新闻
体育
老桥修复后重新开放

经过两年的修复工程，横跨河流的老石桥于周一上午重新开放，第一批走过大桥的是北岸小学的孩子们。

由于工程师发现两座桥拱的地基在过去几个冬天的洪水中被冲毁，修复费用超出了当初的预算。

市政府表示，四路公交车将从下周起恢复经过这座桥，预计环城路的交通流量将因此减少约五分之一。
联系我们
"""


def _clean(text: str) -> tuple[str, list[str], list[object]]:
    lines = classify_lines(text, DEFAULT_OPTIONS)
    blocks = blocks_from_lines(lines)
    return render_text(blocks), [line.role for line in lines], blocks


@pytest.fixture(scope="module")
def page() -> tuple[str, list[str], list[object]]:
    return _clean(MENU + "\n" + ARTICLE + FOOTER)


def test_menus_weather_and_footer_are_left_out(page: tuple[str, list[str], list[object]]) -> None:
    """Navigation, the clock/weather bar, related links and the footer are not in the text."""
    text = page[0]
    for chrome in ("Skip to content", "Sport", "4°C", "Related stories", "Council approves",
                   "Share this", "Copyright", "Privacy Policy"):
        assert chrome not in text


def test_article_paragraphs_are_kept(page: tuple[str, list[str], list[object]]) -> None:
    """The article's paragraphs, first to last, are in the text."""
    text = page[0]
    assert text.startswith("The old stone bridge over the river reopened")
    assert "They also added lights under the arches" in text
    assert text.endswith("once the drivers are used to the old route.")


def test_header_lines_get_their_roles() -> None:
    """Section label, title, byline, dateline and the clock bar are told apart."""
    lines = classify_lines(MENU + "\n" + ARTICLE + FOOTER, DEFAULT_OPTIONS)
    roles = {line.text: line.role for line in lines}
    assert roles["Local"] == "section_label"
    assert roles["Bridge reopens after two years of repairs"] == "title"
    assert roles["By Maria Keller"] == "byline"
    assert roles["March 3, 2025"] == "dateline"
    assert roles["Tuesday, March 4, 2025 | 09:15 AM | Lakeside | 4°C | Subscribe"] == "page_clock"


def test_caption_and_credit_go_to_a_figure(page: tuple[str, list[str], list[object]]) -> None:
    """The alt line and the caption leave the text and make one figure with the credit split off."""
    text, _, blocks = page
    assert "ribbon" not in text
    figures = [b for b in blocks if isinstance(b, Figure)]
    assert len(figures) == 1
    assert figures[0].alt == "A crowd watches the ribbon being cut on the bridge."
    assert figures[0].caption == "The mayor cuts the ribbon on the repaired bridge on Monday."
    assert figures[0].credit == "Tom Berger/Lakeside Courier"


def test_video_blurb_becomes_media(page: tuple[str, list[str], list[object]]) -> None:
    """The "WATCH |" blurb leaves the text and is recorded with its title and duration."""
    text, _, blocks = page
    for part in ("WATCH |", "3 days ago", "Duration", "Drivers and walkers"):
        assert part not in text
    media = [b for b in blocks if isinstance(b, Media)]
    assert len(media) == 1
    assert media[0].title == "Bridge reopens after long repairs"
    assert media[0].duration_s == 105
    assert media[0].description is not None and media[0].description.startswith("Drivers and walkers")


def test_sub_headings_are_found(page: tuple[str, list[str], list[object]]) -> None:
    """Short unpunctuated lines above paragraphs become headings, in order."""
    headings = [b.text for b in page[2] if isinstance(b, Heading)]
    assert headings == ["What the repairs changed", "Traffic and buses"]


def test_text_without_headings_gets_none() -> None:
    """An article with no sub-heads yields paragraphs only, no invented heading."""
    text, roles, blocks = _clean(NO_HEADINGS)
    assert not any(isinstance(b, Heading) for b in blocks)
    assert [type(b) for b in blocks] == [Paragraph, Paragraph, Paragraph]
    assert text.startswith("The town library will stay open")
    assert roles[1] == "title"


def test_lists_inside_the_article_are_kept() -> None:
    """Bulleted sentences between article paragraphs make one list block."""
    body = NO_HEADINGS.replace(
        "\nThe library will also",
        "\n* Opening until eight in the evening on every weekday from the first of April\n"
        "* Two more librarians paid for by the council from the culture budget\n"
        "\nThe library will also",
    )
    _, _, blocks = _clean(body)
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert len(lists) == 1
    assert lists[0].items[1].startswith("Two more librarians")


def test_french_page_is_kept() -> None:
    """A page in French keeps its paragraphs (its own stop words are used)."""
    text, _, _ = _clean(FRENCH)
    assert "Le vieux pont de pierre" in text
    assert "bus numéro quatre" in text
    assert "Mentions légales" not in text
    assert "Actualités" not in text


def test_chinese_page_is_kept() -> None:
    """A CJK page, which has no spaces between words, keeps its paragraphs."""
    text, _, _ = _clean(CHINESE)
    assert "经过两年的修复工程" in text
    assert "市政府表示" in text
    assert "联系我们" not in text


def test_repeated_lead_is_kept_once() -> None:
    """A lead shown as a summary and again as the first paragraph appears once."""
    lead = NO_HEADINGS.split("\n\n")[1]
    text, _, _ = _clean(NO_HEADINGS.replace("extends its opening hours\n", "extends its opening hours\n\n" + lead + "\n"))
    assert text.count("The town library will stay open") == 1


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("the Kremlin spokespersonDmitry Peskov said", "the Kremlin spokesperson Dmitry Peskov said"),
        ("she said on Monday.The council agreed", "she said on Monday. The council agreed"),
        ("the presidentSaid nothing", "the president Said nothing"),
    ],
)
def test_glued_words_are_repaired(broken: str, fixed: str) -> None:
    """Words glued where markup was lost are separated."""
    assert repair_text(broken) == fixed


@pytest.mark.parametrize(
    "text",
    [
        "She bought an iPhone and an iPad on eBay.",
        "They met at McDonald's and watched YouTube on a PlayStation.",
        "Governor DeSantis uses JavaScript and PowerPoint.",
        "Read it on example.com or Node.js; the U.S. Senate agreed.",
        "The macOS update and the jQuery plugin ship today.",
    ],
)
def test_names_and_brands_are_not_split(text: str) -> None:
    """camelCase names, brands, domains and abbreviations are left alone."""
    assert repair_text(text) == text


def test_text_payload_is_auto_detected_and_cleaned() -> None:
    """A text payload sent as ``auto`` is detected as text and cleaned by the text path."""
    cleaned = clean(ArticleIn(content=MENU + "\n" + ARTICLE + FOOTER, content_type=ContentType.AUTO))
    assert cleaned.source.content_type == "text"
    assert cleaned.lines, "the text path records its classified lines"
    assert cleaned.text.startswith("The old stone bridge")
    assert "Skip to content" not in cleaned.text
