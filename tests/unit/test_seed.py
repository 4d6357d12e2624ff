"""The seed article (``../shared/seed``) through the whole pipeline: every check of its
expected.json that concerns the body, its sections, images, video and repairs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tasks.clean import clean
from tasks.models import ArticleIn, ArticleResult, FigureRef, JobStatus
from tasks.pipeline import process

SEED_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "seed"
SEED_TEXT = SEED_DIR / "action-news-recruiter.txt"
SEED_EXPECTED = SEED_DIR / "action-news-recruiter.expected.json"

pytestmark = pytest.mark.skipif(
    not (SEED_TEXT.exists() and SEED_EXPECTED.exists()),
    reason=f"seed article not found in {SEED_DIR} (the shared folder beside the repo is absent)",
)


@pytest.fixture(scope="module")
def expected() -> dict[str, Any]:
    return json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result() -> ArticleResult:
    content = SEED_TEXT.read_text(encoding="utf-8")
    return process(ArticleIn(content=content, content_type="auto"))


def _first_text(blocks: list[Any]) -> str:
    return next(b.text for b in blocks if not isinstance(b, FigureRef))


def test_seed_is_processed_as_text(result: ArticleResult) -> None:
    """The seed is detected as plain text and goes through all stages."""
    assert result.status is JobStatus.DONE
    assert result.source is not None and result.source.content_type == "text"


def test_body_contains_the_article(result: ArticleResult, expected: dict[str, Any]) -> None:
    """Every ``body_must_contain`` string is in the text."""
    for needle in expected["body_must_contain"]:
        assert needle in result.text


def _must_not_contain() -> list[str]:
    """The seed's chrome strings, read at collection time (none when the seed is absent)."""
    if not SEED_EXPECTED.exists():
        return []
    return list(json.loads(SEED_EXPECTED.read_text(encoding="utf-8"))["body_must_not_contain"])


@pytest.mark.parametrize("needle", _must_not_contain())
def test_body_leaves_out_chrome(result: ArticleResult, needle: str) -> None:
    """Each ``body_must_not_contain`` string (menus, weather, video, captions) is out of the text."""
    assert needle not in result.text


def test_lead_paragraph_occurs_once(result: ArticleResult, expected: dict[str, Any]) -> None:
    """The lead shown as summary and again as first paragraph is kept once."""
    assert result.text.count(expected["body_lead_paragraph_occurs_once"]) == 1


def test_scrape_artifacts_are_repaired(result: ArticleResult, expected: dict[str, Any]) -> None:
    """Words glued by lost markup are separated in the text."""
    for broken, fixed in expected["scrape_artifacts_repaired"].items():
        assert broken not in result.text
        assert fixed in result.text


def test_sections_have_the_expected_headings(result: ArticleResult, expected: dict[str, Any]) -> None:
    """Four sections: the lead (no heading) and three sub-headed ones, each starting as expected."""
    want = expected["sections"]
    assert [s.heading for s in result.sections] == [w["heading"] for w in want]
    for section, wanted in zip(result.sections, want, strict=True):
        assert _first_text(section.blocks).startswith(wanted["first_words"])


def test_images_have_alt_caption_and_credit(result: ArticleResult, expected: dict[str, Any]) -> None:
    """Three images, each with its alt text, caption and the credit split from the caption."""
    want = expected["images"]
    images = result.metadata.images
    assert len(images) == len(want)
    for image, wanted in zip(images, want, strict=True):
        assert image.alt == wanted["alt"]
        assert image.caption is not None and image.caption.startswith(wanted["caption_starts"])
        assert image.credit == wanted["credit"]
        assert wanted["credit"] not in image.caption


def test_embedded_video_is_recorded(result: ArticleResult, expected: dict[str, Any]) -> None:
    """The video blurb becomes one media entry with its title and duration in seconds."""
    want = expected["embedded_video"]
    videos = [m for m in result.media if m.media_type == "video"]
    assert len(videos) == 1
    assert videos[0].title == want["title"]
    assert videos[0].duration_s == want["duration_seconds"]


def test_header_lines_get_header_roles(expected: dict[str, Any]) -> None:
    """Title, section label, dek and the site's clock line are told apart for metadata."""
    # The roles are on the cleaned lines, which the final result does not carry.
    cleaned = clean(ArticleIn(content=SEED_TEXT.read_text(encoding="utf-8"), content_type="text"))
    by_role: dict[str, list[str]] = {}
    for line in cleaned.lines:
        by_role.setdefault(line.role, []).append(line.text)
    assert by_role["title"][0].startswith(expected["title"])
    assert expected["site_name"] in by_role["title"][0]
    assert by_role["section_label"] == [expected["section_or_category"]]
    assert by_role["dek"] == [expected["subtitle_or_dek"]]
    assert any("-11.5°C" in text for text in by_role["page_clock"])
    assert "dateline" not in by_role
