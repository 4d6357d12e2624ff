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


DEFAULT_OPTIONS = StageOptions()
