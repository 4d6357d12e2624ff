"""Scraped-text articles with the checks a careful editor would make (``*.expected.json``).

``OWN`` is written for these tests (tests/data/scraped) and runs everywhere. ``SEED`` is the
real scraped page of ../shared/seed and runs only where ../shared is (marker ``corpus``).
Both carry what makes scraped text hard: site chrome with a clock and weather line, a section
label, a dek, the lead shown twice, photos with alt text and credited captions, a WATCH video
blurb, sub-headings, and words glued by lost markup.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.paths import DATA, SHARED


@dataclass(frozen=True)
class ScrapedArticle:
    """A scraped payload, its expected checks, and two facts of its header the file does not key."""

    text_path: Path
    expected_path: Path
    header_weather: str  # the temperature in the page header's clock line
    seen_date: str  # the header clock's date, ISO

    def text(self) -> str:
        return self.text_path.read_text(encoding="utf-8")

    def expected(self) -> dict[str, Any]:
        return json.loads(self.expected_path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


OWN = ScrapedArticle(DATA / "scraped" / "ferry-strike.txt", DATA / "scraped" / "ferry-strike.expected.json",
                     header_weather="-4.0°C", seen_date="2025-02-10")
SEED = ScrapedArticle(SHARED / "seed" / "action-news-recruiter.txt",
                      SHARED / "seed" / "action-news-recruiter.expected.json",
                      header_weather="-11.5°C", seen_date="2024-11-22")
# Parameters for a fixture or test: the seed case carries the ``corpus`` marker.
ARTICLES = [pytest.param(OWN, id="own"), pytest.param(SEED, id="seed", marks=pytest.mark.corpus)]
