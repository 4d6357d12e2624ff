"""The seed article's metadata checks (shared/seed/*.expected.json) through the whole pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tasks.models import ArticleIn, ArticleResult, JobStatus
from tasks.pipeline import process

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed"
NAME = "action-news-recruiter"

pytestmark = pytest.mark.skipif(
    not (SEED / f"{NAME}.txt").exists(), reason=f"seed article {NAME}.txt not found in {SEED}"
)


@pytest.fixture(scope="module")
def expected() -> dict:
    return json.loads((SEED / f"{NAME}.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> ArticleResult:
    raw = (SEED / f"{NAME}.txt").read_text(encoding="utf-8")
    out = process(ArticleIn(content=raw, content_type="text"))
    assert out.status is JobStatus.DONE
    return out


def test_title_is_the_headline_without_site_suffix(result, expected):
    assert result.metadata.title == expected["title"]


def test_site_name_comes_from_the_title_suffix(result, expected):
    assert result.metadata.site_name == expected["site_name"]


def test_section_is_the_category_label(result, expected):
    assert result.metadata.section == expected["section_or_category"]


def test_dek_is_the_subtitle(result, expected):
    assert result.metadata.subtitle == expected["subtitle_or_dek"]


def test_language_is_detected(result, expected):
    assert result.metadata.language == expected["language"]


def test_header_clock_is_seen_date_not_publication_date(result, expected):
    assert expected["published_date"]["expected"] is None
    assert result.metadata.published_at is None
    assert result.metadata.seen_at is not None
    assert result.metadata.seen_at.startswith("2024-11-22")


def test_quotes_have_their_speakers(result, expected):
    quotes = result.metadata.quotes
    for want in expected["quotes_with_speakers"]:
        matching = [q for q in quotes if q.text.startswith(want["starts"])]
        assert matching, f"quote not found: {want['starts']!r}"
        assert matching[0].speaker == want["speaker"], want["starts"]


def test_people_mentioned_are_found(result, expected):
    people = {p.name for p in result.metadata.people}
    missing = set(expected["people_mentioned_include"]) - people
    assert not missing


def test_places_mentioned_are_found(result, expected):
    places = {p.name for p in result.metadata.places}
    missing = set(expected["places_mentioned_include"]) - places
    assert not missing


def test_places_in_the_page_chrome_are_not_article_places(result, expected):
    places = {p.name for p in result.metadata.places}
    assert not places & set(expected["places_not_from_article"])
