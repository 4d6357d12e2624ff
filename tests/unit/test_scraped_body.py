"""Scraped-text articles through the whole pipeline (tests/scraped.py: our own, and the real
seed where ../shared is): every check of their expected.json that concerns the body, its
sections, images, video and repairs."""

from __future__ import annotations

from typing import Any

import pytest

from tasks.clean import clean
from tasks.models import ArticleIn, ArticleResult, FigureRef, JobStatus
from tasks.pipeline import process
from tests.scraped import ScrapedArticle


@pytest.fixture(scope="module")
def result(scraped_article: ScrapedArticle) -> ArticleResult:
    return process(ArticleIn(content=scraped_article.text(), content_type="auto"))


def _first_text(blocks: list[Any]) -> str:
    return next(b.text for b in blocks if not isinstance(b, FigureRef))


def test_scraped_article_is_processed_as_text(result: ArticleResult) -> None:
    """The payload is detected as plain text and goes through all stages."""
    assert result.status is JobStatus.DONE
    assert result.source is not None and result.source.content_type == "text"


def test_body_contains_the_article(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    """Every ``body_must_contain`` string is in the text."""
    for needle in scraped_expected["body_must_contain"]:
        assert needle in result.text


def test_body_leaves_out_chrome(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    """No ``body_must_not_contain`` string (menus, weather, video, captions) is in the text."""
    leaked = [needle for needle in scraped_expected["body_must_not_contain"] if needle in result.text]
    assert leaked == []


def test_lead_paragraph_occurs_once(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    """The lead shown as summary and again as first paragraph is kept once."""
    assert result.text.count(scraped_expected["body_lead_paragraph_occurs_once"]) == 1


def test_scrape_artifacts_are_repaired(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    """Words glued by lost markup are separated in the text."""
    for broken, fixed in scraped_expected["scrape_artifacts_repaired"].items():
        assert broken not in result.text
        assert fixed in result.text


def test_sections_have_the_expected_headings(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    """Four sections: the lead (no heading) and three sub-headed ones, each starting as expected."""
    want = scraped_expected["sections"]
    assert [s.heading for s in result.sections] == [w["heading"] for w in want]
    for section, wanted in zip(result.sections, want, strict=True):
        assert _first_text(section.blocks).startswith(wanted["first_words"])


def test_images_have_alt_caption_and_credit(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    """Three images, each with its alt text, caption and the credit split from the caption."""
    want = scraped_expected["images"]
    images = result.metadata.images
    assert len(images) == len(want)
    for image, wanted in zip(images, want, strict=True):
        assert image.alt == wanted["alt"]
        assert image.caption is not None and image.caption.startswith(wanted["caption_starts"])
        assert image.credit == wanted["credit"]
        assert wanted["credit"] not in image.caption


def test_embedded_video_is_recorded(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    """The video blurb becomes one media entry with its title and duration in seconds."""
    want = scraped_expected["embedded_video"]
    videos = [m for m in result.media if m.media_type == "video"]
    assert len(videos) == 1
    assert videos[0].title == want["title"]
    assert videos[0].duration_s == want["duration_seconds"]


def test_header_lines_get_header_roles(scraped_article: ScrapedArticle, scraped_expected: dict[str, Any]) -> None:
    """Title, section label, dek and the site's clock line are told apart for metadata."""
    # The roles are on the cleaned lines, which the final result does not carry.
    cleaned = clean(ArticleIn(content=scraped_article.text(), content_type="text"))
    by_role: dict[str, list[str]] = {}
    for line in cleaned.lines:
        by_role.setdefault(line.role, []).append(line.text)
    assert by_role["title"][0].startswith(scraped_expected["title"])
    assert scraped_expected["site_name"] in by_role["title"][0]
    assert by_role["section_label"] == [scraped_expected["section_or_category"]]
    assert by_role["dek"] == [scraped_expected["subtitle_or_dek"]]
    assert any(scraped_article.header_weather in text for text in by_role["page_clock"])
    assert "dateline" not in by_role
