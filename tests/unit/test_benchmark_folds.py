"""The metadata benchmark's site-grouped folds: deterministic, balanced, one fold per site."""

from __future__ import annotations

import json

import pytest

from benchmarks.metadata import CORPUS_ROOT, FOLDS, FOLDS_FILE, balanced_folds, read_jsonl, site_of


def test_folds_are_balanced_and_do_not_depend_on_page_order():
    domains = ["a.org"] * 5 + ["b.org"] * 3 + ["c.org"] * 3 + ["d.org", "e.org", "f.org"]
    folds = balanced_folds(domains, count=3)
    assert folds == balanced_folds(list(reversed(domains)), count=3)
    sizes = [sum(domains.count(d) for d, f in folds.items() if f == fold) for fold in range(3)]
    assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://www.example.de/2020/01/story/", "example.de"),
        ("hard::example.com.2023.01.16.letters-1119.html", "example.com"),
        ("recall::example.com.pa-story.html", "example.com.pa"),
    ],
)
def test_pages_are_grouped_by_their_site(url, site):
    assert site_of(url) == site


@pytest.mark.corpus
def test_every_wcxb_site_has_one_of_the_recorded_folds():
    recorded = json.loads(FOLDS_FILE.read_text(encoding="utf-8"))
    sites = {row["domain"].removeprefix("www.").lower() for row in read_jsonl(CORPUS_ROOT / "wcxb" / "truth.jsonl")}
    assert sites <= set(recorded["wcxb"])
    assert set(recorded["wcxb"].values()) == set(range(FOLDS))
