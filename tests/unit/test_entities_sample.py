"""The unlabelled-sample benchmark's judgement file (``benchmarks/entities_sample.py``), on a file
written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.entities_sample import load_judged, partly_judged


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_judgements_are_read_per_page_kind_and_verdict(tmp_path: Path) -> None:
    """Each page's names come back as sets under their kind and verdict; a missing list is empty."""
    path = _write(tmp_path / "judged.jsonl", [
        {"key": "wcxb/1", "site": "a.example", "people_right": ["Jane Roe"], "people_wrong": ["Acme Lake"],
         "places_right": ["Oslo"], "places_wrong": [], "places_ignore": ["Toronto"]},
    ])
    judged = load_judged(path)
    assert judged["wcxb/1"]["people"] == {"right": {"Jane Roe"}, "wrong": {"Acme Lake"}, "ignore": set()}
    assert judged["wcxb/1"]["places"]["ignore"] == {"Toronto"}


def test_only_pages_marked_partial_are_judged_in_part(tmp_path: Path) -> None:
    """A page judged only for its wrong names is marked ``partial``; its unjudged names go unlisted."""
    path = _write(tmp_path / "judged.jsonl", [
        {"key": "wcxb/1", "site": "a.example"},
        {"key": "wcxb/2", "site": "b.example", "partial": True, "people_wrong": ["Gen Zers"]},
    ])
    assert partly_judged(path) == {"wcxb/2"}
    assert load_judged(tmp_path / "missing.jsonl") == {}
