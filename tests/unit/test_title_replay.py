"""The replay of the title choice on cached page signals (``benchmarks/title_replay.py``)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from benchmarks.title_replay import (
    Cached,
    CachedText,
    changes,
    fold_means,
    page_signals,
    replay_title,
    replay_titles,
    text_lines,
)
from tasks.metadata.html_meta import read_html_fields
from tasks.models import ArticleIn
from tasks.pipeline import process

PAGE = """<html><head><title>Harbour ferry returns for the summer | Coast Times</title>
<meta property="og:title" content="Ferry back: the harbour line reopens in June">
<meta property="og:site_name" content="Coast Times"></head>
<body><nav><a href="/">Coast Times</a></nav><article><h1>Harbour ferry returns for the summer</h1>
<p>The council voted on Tuesday to reopen the harbour ferry for the summer season.</p></article></body></html>"""
URL = "https://coast.example/news/harbour-ferry-returns-for-the-summer"


def test_the_replay_chooses_the_title_the_metadata_stage_chooses() -> None:
    signals = page_signals(PAGE, URL)
    assert replay_title(signals, URL) == read_html_fields(PAGE, URL).title == "Harbour ferry returns for the summer"
    assert replay_title(None, URL) is None  # a payload that is no HTML has no title


def test_the_text_replay_chooses_the_title_the_pipeline_chooses() -> None:
    """The text path: the lines every stage before the metadata stage classified, and the title
    ``text_meta`` chooses from them, as the whole pipeline does."""
    body = " ".join(["The council voted on Tuesday to reopen the harbour ferry for the summer season."] * 5)
    text = f"Skip to main content\n\nMy account Login\n\nHarbour ferry returns for the summer\n\n{body}"
    lines = text_lines(text, URL)
    assert any(line.role == "paragraph" for line in lines)
    cached = CachedText([{"id": "a", "title": "Harbour ferry returns for the summer"}], {"a": 0}, {"a": (lines, URL)})
    pipeline = process(ArticleIn(content=text, url=URL, content_type="text")).metadata.title
    assert replay_titles(cached) == {"a": pipeline} == {"a": "Harbour ferry returns for the summer"}


def _exact_scorer() -> Any:
    def evaluate(rows: list[dict[str, Any]], preds: dict[str, dict[str, Any]]) -> dict[str, tuple[float, int]]:
        hits = [float(preds[r["id"]]["title"] == r["title"]) for r in rows]
        return {"title_exact": (sum(hits) / len(hits), len(hits)), "title_tokF1": (0.0, len(hits))}
    return SimpleNamespace(evaluate=evaluate)


def test_fold_means_score_each_fold_apart() -> None:
    truth = [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}, {"id": "c", "title": "C"}]
    cached = Cached(truth, {"a": 0, "b": 0, "c": 1}, {})
    folds = fold_means(_exact_scorer(), cached, {"a": "A", "b": "wrong", "c": "C"})
    assert folds["title_exact"] == pytest.approx([0.5, 1.0])  # their mean is 0.75, not the pages' 2/3


def test_changes_mark_pages_won_lost_and_still_wrong() -> None:
    before = {"a": ["X", 0.0], "b": ["B", 1.0], "c": ["Y", 0.0], "d": ["D", 1.0]}
    after = {"a": ["A", 1.0], "b": ["Z", 0.0], "c": ["W", 0.0], "d": ["D", 1.0]}
    assert changes(before, after) == [("+", "a"), ("-", "b"), ("=", "c")]
