"""Heuristic knobs of the stages, passed explicitly (never read from the environment)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class StageOptions:
    """Options shared by the three stages; defaults are what the benchmarks were tuned with."""

    # Words per minute for ``reading_time_minutes``: the common adult silent-reading rate.
    reading_words_per_minute: int = 230
    # Work per article is bounded: characters beyond this are not parsed (a 5 MB page of text
    # is already far beyond any real article; hostile payloads must not stall a worker).
    max_parse_chars: int = 5_000_000
    # Elements (start tags) an HTML page may have. The largest of the 712 real pages of
    # ../shared/corpus has 9,753; at 25,000 short paragraphs the clean stage takes ~6 s on one
    # core, under a third of the default per-article soft limit (tests/hostile.py has the page).
    max_html_elements: int = 25_000
    # Attributes one HTML element may have: the most on one element of the 712 real pages is
    # 168; libxml2's duplicate check is quadratic in them (50,000 on one element: ~6 s a parse).
    max_html_attributes: int = 1_000
    # Lines a plain-text page may have: the longest of the 254 real scraped texts has 758; at
    # 50,000 short lines the clean stage takes ~3 s (per-line heuristics look at neighbours).
    max_text_lines: int = 50_000


DEFAULT_OPTIONS = StageOptions()
