"""Scraped-text articles' metadata checks (tests/scraped.py: our own, and the real seed where
../shared is) through the whole pipeline."""

from __future__ import annotations

from typing import Any

import pytest

from tasks.models import ArticleIn, ArticleResult, JobStatus
from tasks.pipeline import process
from tests.scraped import ScrapedArticle


@pytest.fixture(scope="module")
def result(scraped_article: ScrapedArticle) -> ArticleResult:
    out = process(ArticleIn(content=scraped_article.text(), content_type="text"))
    assert out.status is JobStatus.DONE
    return out


def test_title_is_the_headline_without_site_suffix(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    assert result.metadata.title == scraped_expected["title"]


def test_site_name_comes_from_the_title_suffix(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    assert result.metadata.site_name == scraped_expected["site_name"]


def test_section_is_the_category_label(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    assert result.metadata.section == scraped_expected["section_or_category"]


def test_dek_is_the_subtitle(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    assert result.metadata.subtitle == scraped_expected["subtitle_or_dek"]


def test_language_is_detected(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    assert result.metadata.language == scraped_expected["language"]


def test_header_clock_is_seen_date_not_publication_date(
    scraped_article: ScrapedArticle, result: ArticleResult, scraped_expected: dict[str, Any]
) -> None:
    assert scraped_expected["published_date"]["expected"] is None
    assert result.metadata.published_at is None
    assert result.metadata.seen_at is not None
    assert result.metadata.seen_at.startswith(scraped_article.seen_date)


def test_quotes_have_their_speakers(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    quotes = result.metadata.quotes
    for want in scraped_expected["quotes_with_speakers"]:
        matching = [q for q in quotes if q.text.startswith(want["starts"])]
        assert matching, f"quote not found: {want['starts']!r}"
        assert matching[0].speaker == want["speaker"], want["starts"]


def test_people_mentioned_are_found(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    people = {p.name for p in result.metadata.people}
    missing = set(scraped_expected["people_mentioned_include"]) - people
    assert not missing


def test_places_mentioned_are_found(result: ArticleResult, scraped_expected: dict[str, Any]) -> None:
    places = {p.name for p in result.metadata.places}
    missing = set(scraped_expected["places_mentioned_include"]) - places
    assert not missing


def test_places_in_the_page_chrome_are_not_article_places(
    result: ArticleResult, scraped_expected: dict[str, Any]
) -> None:
    places = {p.name for p in result.metadata.places}
    assert not places & set(scraped_expected["places_not_from_article"])
