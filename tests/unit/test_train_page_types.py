"""The training script's page-type-only mode: the same inputs as the whole path, out-of-fold
scores with a confusion table, and a shipped classifier whose record names today's features."""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import lxml.html
import numpy as np
import pytest

from benchmarks import train_content
from benchmarks.content_corpus import Page
from tasks.clean.features.census import take_census
from tasks.clean.features.page import PAGE_FEATURES
from tasks.clean.features.page_kind import CLASS_FAMILIES, PAGE_KIND_FEATURES, class_families
from tasks.clean.html.extract import extract_page, read_page
from tasks.clean.model import MODEL_DIR, MODEL_JSON, PAGE_TYPE_FEATURES, PAGE_TYPE_MODEL_FILE, PAGE_TYPES
from tasks.options import DEFAULT_OPTIONS

PAGE = """<html><head><title>Bridge reopens</title></head><body><nav><a href="/">Home</a></nav>
<article><h1>Bridge reopens</h1><p>The old bridge over the river reopened on Monday, 4 May 2026.</p>
<ul class="cards"><li class="card"><a href="/a">First story here</a></li><li class="card"><a href="/b">Second
story here</a></li><li class="card"><a href="/c">Third story here</a></li><li class="card"><a href="/d">Fourth
story here</a></li></ul></article></body></html>"""


def test_reading_a_page_gives_the_rows_the_whole_path_gives() -> None:
    url = "https://news.example.com/2026/05/04/bridge-reopens"
    whole = extract_page(PAGE, url, DEFAULT_OPTIONS)
    alone = read_page(lxml.html.fromstring(PAGE), url)
    assert whole is not None
    assert np.array_equal(whole.page_features, alone.page_features)
    assert np.array_equal(whole.page_kind, alone.page_kind)
    assert whole.page_tokens == alone.page_tokens


def _pages(per_type: int = 6) -> list[train_content.PageTypeData]:
    """Pages of every type on every fold, each type told apart by one page feature and its title word."""
    pages = []
    for fold in range(5):
        for t, page_type in enumerate(PAGE_TYPES):
            for n in range(per_type):
                row = np.zeros(len(PAGE_FEATURES), dtype=np.float32)
                row[0] = t + 0.1 * (n % 3)
                pages.append(train_content.PageTypeData(
                    f"x/{fold}-{page_type}-{n}", "wcxb", page_type, fold, f"s{fold}{n}.example",
                    row, np.zeros(len(PAGE_KIND_FEATURES), dtype=np.float32), [f"t:{page_type}"]))
    return pages


def test_page_types_alone_are_cross_validated_and_tabled(capsys: pytest.CaptureFixture[str]) -> None:
    rows = train_content.cross_validate_page_types(_pages(), 5, None)
    assert len(rows) == 5 * 6 * len(PAGE_TYPES)
    assert train_content.page_type_scores(rows)["page_type_accuracy"]["wcxb"] == 1.0
    train_content.print_confusion(rows)
    table = capsys.readouterr().out.splitlines()
    article = next(line for line in table if line.startswith("article"))
    assert article.split()[1:] == ["30", "0", "0", "0", "0", "0", "0"]


def test_shipping_page_types_alone_rewrites_their_files_and_record(tmp_path: Path) -> None:
    shutil.copy(MODEL_DIR / MODEL_JSON, tmp_path / MODEL_JSON)
    record = json.loads((tmp_path / MODEL_JSON).read_text(encoding="utf-8"))
    record["page_type_features"] = ["an", "older", "list"]
    (tmp_path / MODEL_JSON).write_text(json.dumps(record), encoding="utf-8")
    scores = {"page_type_accuracy": {"wcxb": 0.5}}
    train_content.save_page_types_only(_pages(), scores, tmp_path)
    saved = json.loads((tmp_path / MODEL_JSON).read_text(encoding="utf-8"))
    assert saved["page_type_features"] == list(PAGE_TYPE_FEATURES)
    assert saved["fold_scores"]["html"]["page_type_accuracy"] == {"wcxb": 0.5}
    assert saved["block_features"] == record["block_features"]  # the other models' record stays
    assert (tmp_path / PAGE_TYPE_MODEL_FILE).exists()


@pytest.mark.parametrize("mode", ["--page-types-only", "--lines-only"])
def test_a_partial_retrain_refuses_a_folder_that_holds_no_whole_model(tmp_path: Path, mode: str,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """These modes update one model inside a whole folder: pointed at an empty one they say so
    before the minutes of feature extraction, not in a LightGBM error at the end."""
    with pytest.raises(SystemExit) as stop:
        train_content.main([mode, "--out", str(tmp_path / "empty")])
    assert stop.value.code == 2
    assert "holds no model.json" in capsys.readouterr().err


def test_class_families_count_each_element_once_per_family() -> None:
    root = lxml.html.fromstring('<div><p class="price cart" id="product-7">x</p><p id="Comments">y</p>'
                                '<p class="pricey">z</p></div>')
    row = class_families(take_census(root))
    counts = {family: round(math.expm1(v)) for family, v in zip(CLASS_FAMILIES, row, strict=True)}
    assert counts["product"] == 1  # three product words, one element
    assert counts["card"] == 1  # "product" is a card word too
    assert counts["forum"] == 1  # ids count, case aside
    assert counts["docs"] == counts["service"] == 0  # "pricey" is no word of any family


@pytest.mark.parametrize(
    ("attribute", "old", "new"),
    [
        # a feature changed under an unchanged name
        ("_feature_sources", lambda: "old code", lambda: "new code"),
        # the rows hold their labels: a new content threshold
        ("CONTENT_TRIGRAM_SHARE", 0.5, 0.6),
    ],
)
def test_cached_block_rows_are_rebuilt_when_their_code_or_label_rule_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, attribute: str, old: object, new: object
) -> None:
    """What the cached rows were computed by must not be read stale from the cache."""
    built: list[str] = []

    def extract(page: Page, folds: dict[str, int]) -> None:
        built.append(page.key)

    monkeypatch.setattr(train_content, "read_folds", dict)
    monkeypatch.setattr(train_content, "extract", extract)
    monkeypatch.setattr(train_content, "_feature_sources", lambda: "same code")
    pages = [Page("wcxb", "0001", None, "example.com", "article", "truth")]
    for value, expected in ((old, 1), (old, 1), (new, 2)):
        monkeypatch.setattr(train_content, attribute, value)
        train_content.extract_all(pages, tmp_path)
        assert len(built) == expected



def test_cached_line_features_are_rebuilt_when_the_code_changes(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The line rows are keyed on the code too: a changed line feature or rule pass under
    unchanged feature names must not be read stale from the cache."""
    built: list[str] = []

    def rule_lines(text: str) -> list[object]:
        built.append(text)
        return []

    class Rendered(Page):
        def text(self, rendering: str) -> str | None:
            return "one line" if rendering == "inscriptis" else None

    monkeypatch.setattr(train_content, "read_folds", dict)
    monkeypatch.setattr(train_content, "fold_of", lambda page, folds: 0)
    monkeypatch.setattr(train_content, "rule_lines", rule_lines)
    monkeypatch.setattr(train_content, "line_matrix", lambda lines: np.zeros((0, 1)))
    pages = [Rendered("wcxb", "0001", None, "example.com", "article", "truth")]
    for sources, expected in (("old code", 1), ("old code", 1), ("new code", 2)):
        monkeypatch.setattr(train_content, "_feature_sources", lambda sources=sources: sources)
        train_content.extract_lines(pages, tmp_path)
        assert len(built) == expected


def test_the_cache_key_digests_the_rule_passes_as_well_as_the_features(tmp_path: Path) -> None:
    """A change anywhere in tasks/clean or tasks/common changes the digest; other stages' code not."""
    for folder, name in (("clean/features", "lines.py"), ("clean/text", "classify.py"), ("common", "datetext.py"),
                         ("metadata", "titles.py")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / name).write_text("X = 1\n")
    first = train_content._feature_sources(tmp_path)
    (tmp_path / "metadata" / "titles.py").write_text("X = 2\n")
    assert train_content._feature_sources(tmp_path) == first
    for changed in ("clean/text/classify.py", "common/datetext.py", "clean/features/lines.py"):
        (tmp_path / changed).write_text("X = 3\n")
        assert train_content._feature_sources(tmp_path) != first
        first = train_content._feature_sources(tmp_path)


def test_page_type_rows_are_read_as_the_clean_stage_reads_the_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """``--page-types-only`` trains on the rows the served page gives: a story that a menu
    button swallowed is read after the button repair, as ``extract_page`` reads it."""
    paragraphs = "".join(f"<p>{'A sentence of the story goes on here. ' * 6}</p>" for _ in range(4))
    html = f"<html><body><nav><button>Menu<div>{paragraphs}</button></nav></body></html>"

    class Served(Page):
        def html(self) -> str:
            return html

    monkeypatch.setattr(train_content, "read_folds", dict)
    monkeypatch.setattr(train_content, "fold_of", lambda page, folds: 0)
    [row] = train_content.extract_page_types([Served("wcxb", "0001", "https://news.example/story", "news.example",
                                                     "article", "truth")], None)
    served = extract_page(html, "https://news.example/story", DEFAULT_OPTIONS)
    unrepaired = read_page(lxml.html.fromstring(html), "https://news.example/story")
    assert served is not None
    log_words = PAGE_FEATURES.index("log_words")
    assert row.page[log_words] == served.page_features[log_words] > unrepaired.page_features[log_words]
