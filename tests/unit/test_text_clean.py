"""The plain-text cleaner on small invented pages: chrome out, article in, structure kept."""

# ruff: noqa: E501 (the fixture pages hold one paragraph per line, as scraped text does)

from __future__ import annotations

import pytest

from tasks.clean import clean
from tasks.clean.html.patterns import CAPTION_TOKENS, PRUNE_TOKENS
from tasks.clean.text.classify import blocks_from_lines, classify_lines
from tasks.clean.text.patterns import (
    AGENCY_SLUG,
    CALL_TO_ACTION,
    CAPTION_PREFIX,
    COMMENT_SIGNATURE,
    COMMENTS_START,
    CREDIT_LINE,
    TEASERS_START,
    UI_LINE,
    VIDEO_LEAD,
    VIDEO_UI,
)
from tasks.clean.text.repair import repair_text
from tasks.common.blocks import render_text
from tasks.common.words import UI_WORDS
from tasks.models import ArticleIn, ContentType, Figure, Heading, ListBlock, Media, Paragraph
from tasks.options import DEFAULT_OPTIONS

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
    for chrome in (
        "Skip to content",
        "Sport",
        "4°C",
        "Related stories",
        "Council approves",
        "Share this",
        "Copyright",
        "Privacy Policy",
    ):
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
    page = NO_HEADINGS.replace("extends its opening hours\n", "extends its opening hours\n\n" + lead + "\n")
    text, _, _ = _clean(page)
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


@pytest.mark.parametrize("text", ["ÉTÉ À PARIS", "écrit parÉmile", "nothing capitalised here.", ""])
def test_lines_without_an_ascii_capital_are_left_as_they_are(text: str) -> None:
    """Both repairs need an ASCII capital (a line with only other capitals is no glued pair)."""
    assert repair_text(text) is text


def test_text_payload_is_auto_detected_and_cleaned() -> None:
    """A text payload sent as ``auto`` is detected as text and cleaned by the text path."""
    cleaned = clean(ArticleIn(content=MENU + "\n" + ARTICLE + FOOTER, content_type=ContentType.AUTO))
    assert cleaned.source.content_type == "text"
    assert cleaned.lines, "the text path records its classified lines"
    assert cleaned.text.startswith("The old stone bridge")
    assert "Skip to content" not in cleaned.text


MODERN = """Menu
Search
Sign in
Climate
Heat pumps outsell gas boilers for the first time
Published 3:45 PM EST, Tue March 4, 2025
5 min read

Sales of heat pumps overtook those of gas boilers last year for the first time, according to figures published by the trade association on Tuesday, as households chased lower bills.

Advertisement
Continue reading below

The association said that most of the pumps were bought by families replacing old boilers, and that grants from the government had paid for about a third of them.

Read more: Why your energy bill is going up again this spring

Installers say that the waiting lists are now shorter than they were two years ago, because many more engineers have finished the training courses that the industry set up.

Sign up for our climate newsletter and get the week's news every Friday

Engineers who fit the pumps told the association that most of the complaints they hear are about noise, and that newer models are much quieter than the ones sold five years ago.

Some councils have started to lend thermal cameras to residents, so that they can find the places where their houses lose heat before they decide which kind of pump to buy.

The trade association expects sales to grow again this year, although it warned that the grants will end in the autumn unless the government decides to extend them.

12 Comments
Joe Bloggs · March 4, 2025 at 4:10 PM
I bought one last winter and my bills are lower than they have ever been, so I would recommend it to anybody who has the space for one.
Anna Smith · March 4, 2025 at 5:02 PM
Mine is noisy at night and the installer has not come back to look at it, which is a shame because it was not cheap at all.
"""


def test_inline_widgets_and_comments_are_left_out() -> None:
    """Ads, "Read more" links, newsletter boxes and the comment thread leave the text."""
    text, roles, _ = _clean(MODERN)
    assert text.startswith("Sales of heat pumps overtook")
    assert text.endswith("unless the government decides to extend them.")
    for chrome in ("Advertisement", "Continue reading", "Read more", "Sign up", "Comments", "bills are lower"):
        assert chrome not in text
    assert text.count("\n\n") == 5, "six article paragraphs"
    assert "dateline" in roles and "title" in roles


def _backwards(word: str) -> str:
    core = word.rstrip(".,")
    return core[::-1] + word[len(core) :]


def _scramble(text: str) -> str:
    """Every word spelled backwards, punctuation kept: a language no stop-word list knows."""
    return "\n".join(" ".join(map(_backwards, line.split(" "))) for line in text.split("\n"))


def test_page_in_an_unlisted_language_is_kept() -> None:
    """Without a stop-word list, sentences still carry the article (nothing is gutted)."""
    text, _, _ = _clean(_scramble(NO_HEADINGS))
    assert text.count("\n\n") == 2, "three paragraphs"
    assert "krow gnirud eht yad" in text


def test_video_found_from_its_running_time_alone() -> None:
    """A blurb without a "WATCH" lead is found from its bare running time."""
    page = ARTICLE.replace(
        "What the repairs changed\n",
        "The bridge seen from above\n2:15\nA drone flies over the repaired bridge at dawn.\n\nWhat the repairs changed\n",
    )
    text, _, blocks = _clean(page)
    media = [b for b in blocks if isinstance(b, Media)]
    assert [(m.title, m.duration_s) for m in media][-1] == ("The bridge seen from above", 135)
    assert "drone" not in text
    assert next(b.text for b in blocks if isinstance(b, Heading)) == "What the repairs changed"


def test_question_heads_are_headings_and_dates_are_not() -> None:
    """A short question above a paragraph is a heading; a date line between paragraphs is not."""
    page = ARTICLE.replace("Traffic and buses\n", "What about the buses?\n").replace(
        "They also added lights", "July 25, 2024\n\nThey also added lights"
    )
    _, _, blocks = _clean(page)
    headings = [b.text for b in blocks if isinstance(b, Heading)]
    assert headings == ["What the repairs changed", "What about the buses?"]
    assert "July 25, 2024" not in headings


def test_brief_of_short_sentences_is_not_emptied() -> None:
    """A news brief whose paragraphs are all short sentences keeps them."""
    brief = "Home\nNews\n\nThe bridge is open again.\n\nBuses will use it from Monday.\n\nThe work cost two million.\n"
    text, _, _ = _clean(brief)
    assert text == "The bridge is open again.\n\nBuses will use it from Monday.\n\nThe work cost two million."


def test_list_interrupted_by_an_ad_stays_one_list() -> None:
    """An ad line between two items does not split the list."""
    body = NO_HEADINGS.replace(
        "\nThe library will also",
        "\n* Opening until eight in the evening on every weekday from the first of April\n"
        "Advertisement\n"
        "* Two more librarians paid for by the council from the culture budget\n"
        "\nThe library will also",
    )
    _, _, blocks = _clean(body)
    lists = [b for b in blocks if isinstance(b, ListBlock)]
    assert [len(b.items) for b in lists] == [2]


def test_photo_gallery_slides_are_left_out() -> None:
    """A gallery's numbered slides and their captions do not outweigh the article."""
    slides = "".join(
        f"* {n}/12 Scene from the reopening day number {n}\n"
        f"Crowds of people from the town walked over the bridge on the first day, some of them for the first time in years, and stopped to take photos number {n}.\n"
        for n in range(1, 13)
    )
    text, _, _ = _clean(NO_HEADINGS + "\nIn pictures\n" + slides)
    assert text.startswith("The town library will stay open")
    assert "Crowds of people" not in text
    assert "/12" not in text


def test_comment_count_under_the_lead_does_not_end_the_article() -> None:
    """A "12 Comments" share bar under the first paragraphs is chrome, not the article's end."""
    page = MODERN.replace("Sign up for our climate newsletter and get the week's news every Friday", "12 Comments", 1)
    text, _, _ = _clean(page)
    assert "Installers say that the waiting lists are now shorter" in text
    assert text.endswith("unless the government decides to extend them.")


@pytest.mark.parametrize(("glued", "split"), [("the camelCase name", "the camel Case name"),
                                             ("an ebookReader app", "an ebook Reader app")])
def test_glued_words_are_split_by_their_shape_with_no_exceptions(glued: str, split: str) -> None:
    """The glued-word repair reads only the shape (a lowercase word of 3+ letters, then a
    capitalised one): no list of spellings is exempt, so these split like "spokespersonDmitry"."""
    assert repair_text(glued) == split


_LINE_PATTERNS = {
    "teasers": TEASERS_START,
    "comments": COMMENTS_START,
    "video": VIDEO_LEAD,
    "ui": UI_LINE,
    "call": CALL_TO_ACTION,
    "caption": CAPTION_PREFIX,
    "credit": CREDIT_LINE,
    "player": VIDEO_UI,
    "slug": AGENCY_SLUG,
    "signature": COMMENT_SIGNATURE,
}


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        ("teasers", "Lire aussi"),
        ("teasers", "Mehr zum Thema"),
        ("teasers", "Recommended by Outbrain"),
        ("comments", "What do readers say?"),
        ("video", "Now playing: the harbour at dawn"),
        ("video", "Play video - the harbour at dawn"),
        ("ui", "Story continues below advertisement"),
        ("ui", "Listen to this article"),
        ("ui", "Gift this article"),
        ("call", "We welcome your comments on the harbour"),
        ("call", "Leer más: el puerto al amanecer"),
        ("caption", "Image caption: the harbour at dawn"),
        ("caption", "Pictured: the harbour at dawn"),
        ("credit", "Jane Doe/EPA"),
        ("credit", "Alamy"),
        ("player", "Now playing"),
        ("player", "Unmute"),
        ("slug", "OSLO (AFP) - The harbour reopened on Monday."),
        ("signature", "Submitted by Jane on March 3, 2025"),
    ],
)
def test_phrases_on_fewer_than_three_sites_are_not_read(pattern: str, line: str) -> None:
    """Box titles and video leads found on fewer than 3 sites of the corpora are no rule."""
    assert not _LINE_PATTERNS[pattern].match(line)


@pytest.mark.parametrize(
    ("pattern", "line"),
    [
        ("teasers", "Related Stories"),
        ("comments", "12 Comments"),
        ("video", "WATCH | Waves at the quay"),
        ("ui", "Continue reading below"),
        ("call", "Lesen Sie auch: der Hafen"),
        ("caption", "Photo: the harbour at dawn"),
        ("credit", "Jane Doe/Getty Images"),
        ("player", "Replay"),
        ("slug", "OSLO (Reuters) - The harbour reopened on Monday."),
        ("signature", "Posted by: Jane | March 3, 2025 at 9:15 AM"),
    ],
)
def test_phrases_on_three_or_more_sites_are_still_read(pattern: str, line: str) -> None:
    assert _LINE_PATTERNS[pattern].match(line)


@pytest.mark.parametrize("word", ["chiudi", "condividi", "compartilhar", "sesión"])
def test_menu_words_on_fewer_than_three_sites_are_no_ui_words(word: str) -> None:
    assert word not in UI_WORDS
    assert "compartir" in UI_WORDS


@pytest.mark.parametrize(("tokens", "token"), [(PRUNE_TOKENS, "nowwatching"), (CAPTION_TOKENS, "cutline")])
def test_class_tokens_on_one_site_are_no_rule(tokens: frozenset[str], token: str) -> None:
    assert token not in tokens
