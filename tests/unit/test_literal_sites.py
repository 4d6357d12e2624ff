"""The literal audit (``benchmarks/literal_sites.py``): each list entry's count of sites, on a tiny
corpus of our own, and the audited lists of the code at 3+ sites of ../shared/corpus."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from benchmarks import literal_sites
from benchmarks.literal_sites import LiteralList, alternatives, count_list, load_corpus


def _page(title: str, body: str) -> str:
    return f"<html><head><title>{title}</title></head><body>{body}</body></html>"


def _write_corpus(root: Path) -> None:
    """wcxb: three pages of two sites; dev: one page; meta: one page under a pseudo-URL."""
    wcxb = root / "wcxb"
    (wcxb / "html").mkdir(parents=True)
    pages = {
        "0001": ("https://www.harbour.test/a",
                 _page("Home - Harbour", '<div class="share-bar"><p>Posts: 12</p></div>')),
        "0002": ("https://harbour.test/b", _page("Gates", "<p>Posts: 3</p><p>Join Date: Mar 2016</p>")),
        "0003": ("https://river.test/c", _page("Tides", '<p id="share">Members posts today</p>')),
    }
    rows = []
    for page_id, (url, html) in pages.items():
        (wcxb / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        rows.append({"id": page_id, "url": url, "domain": url.split("/")[2]})
    (wcxb / "truth.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    dev = root / "dev"
    (dev / "html").mkdir(parents=True)
    (dev / "html" / "l3s-1.html").write_text(_page("Quay", "<p>posts: 4</p>"), encoding="utf-8")
    (dev / "truth.jsonl").write_text(json.dumps({"id": "l3s-1", "url": "http://quay.test/x"}), encoding="utf-8")
    meta = root / "meta"
    (meta / "pages").mkdir(parents=True)
    (meta / "pages" / "m1.html").write_text(_page("Home | Dock", "<p>Join Date: May 2020</p>"), encoding="utf-8")
    (meta / "truth.jsonl").write_text(json.dumps({"id": "m1", "url": "hard::dock.net-gates.html"}), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> list[literal_sites.CachedPage]:
    _write_corpus(tmp_path)
    return load_corpus(tmp_path, tmp_path / "cache.json.gz")


def test_a_label_is_counted_once_per_site_in_the_form_the_code_reads(corpus, monkeypatch):
    """Given "Posts:" on two pages of harbour.test and on quay.test, and "posts" in prose on
    river.test, the label with its colon and value counts 2 sites; "Join Date" counts harbour.test
    and the meta page's site."""
    monkeypatch.setattr(literal_sites, "attribute", lambda name: r"(?:posts|join date)")
    spec = LiteralList("fixture:STATS", form=r"^\W*{}\s*:\s*\S", regex=True)
    counts = {c.entry: c.sites for c in count_list(spec, corpus)}
    assert counts == {"posts": ("harbour.test", "quay.test"), "join date": ("dock.net", "harbour.test")}
    assert all(c.breach for c in count_list(spec, corpus))


def test_class_tokens_and_title_parts_are_matched_as_the_code_splits_them(corpus, monkeypatch):
    """"share-bar" and id "share" give the token "share" on two sites; "Home" is a part of two
    declared titles ("Home - Harbour", "Home | Dock")."""
    monkeypatch.setattr(literal_sites, "attribute", lambda name: frozenset({"share", "sharebar", "bar"}))
    tokens = {c.entry: len(c.sites) for c in count_list(LiteralList("fixture:TOKENS", where="class"), corpus)}
    assert tokens == {"bar": 1, "share": 2, "sharebar": 1}
    monkeypatch.setattr(literal_sites, "attribute", lambda name: ["home", "harbour"])
    parts = {c.entry: c.sites for c in count_list(LiteralList("fixture:TITLES", where="title"), corpus)}
    assert parts == {"harbour": ("harbour.test",), "home": ("dock.net", "harbour.test")}


def test_the_cache_gives_the_same_pages(tmp_path: Path):
    _write_corpus(tmp_path)
    first = load_corpus(tmp_path, tmp_path / "cache.json.gz")
    assert (tmp_path / "cache.json.gz").exists()
    assert load_corpus(tmp_path, tmp_path / "cache.json.gz") == first


@pytest.mark.parametrize(("pattern", "entries"), [
    (r"^(?:posts|join date|beitr(?:ä|ae)ge)\s*:", ["posts", "join date", "beitr(?:ä|ae)ge"]),
    (r"(?:watch|video)\s*[|:]", ["watch", "video"]),
    (r"caption|credit", ["caption", "credit"]),
    (r"[|:]x|y", ["[|:]x", "y"]),  # a bar inside a class is not an alternative
])
def test_the_alternatives_of_a_pattern_are_its_entries(pattern, entries):
    assert alternatives(pattern) == entries


@pytest.mark.corpus
@pytest.mark.timeout(15 * 60)  # a cold cache parses 2,072 pages; 33 lists are then counted
def test_the_audited_lists_reach_three_sites_of_the_corpus():
    """Every entry of the audited lists occurs on pages of 3+ sites of ../shared/corpus (the
    house rule; builds ``build/literal_sites/`` the first time, a few minutes)."""
    pages = load_corpus()
    specs = [literal_sites.spec_for(name) for name in literal_sites.AUDITED]
    under = [(c.list_name, c.entry, len(c.sites)) for spec in specs for c in count_list(spec, pages) if c.breach]
    assert under == []
