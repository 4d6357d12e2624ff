"""The page-type experiment's block view (``benchmarks/page_type_block_view.py``): what the block
model kept, how big, how spread."""

from __future__ import annotations

import math

import lxml.html
import numpy as np
import pytest

from benchmarks.page_type_block_view import VIEW_FEATURES, view_row
from tasks.clean.features.blocks import BLOCK_FEATURES, TAG_CODES, PageContext, block_matrix
from tasks.clean.features.page import PAGE_FEATURES
from tasks.clean.features.segment import segment


def _matrix(words: list[int], tags: list[str], link_share: list[float] | None = None) -> np.ndarray:
    """Block rows with only the columns the view reads set."""
    matrix = np.zeros((len(words), len(BLOCK_FEATURES)), dtype=np.float32)
    matrix[:, BLOCK_FEATURES.index("words")] = words
    matrix[:, BLOCK_FEATURES.index("tag")] = [TAG_CODES[t] for t in tags]
    matrix[:, BLOCK_FEATURES.index("link_share")] = link_share or [0.0] * len(words)
    return matrix


def _view(matrix: np.ndarray, probabilities: list[float]) -> dict[str, float]:
    row = view_row(matrix, np.asarray(probabilities))
    assert row.shape == (len(VIEW_FEATURES),)
    return dict(zip(VIEW_FEATURES, row.tolist(), strict=True))


def test_an_article_keeps_one_run_of_long_blocks() -> None:
    view = _view(_matrix([5, 60, 80, 70, 4], ["nav", "p", "p", "p", "footer"]), [0.1, 0.9, 0.95, 0.9, 0.05])
    assert view["kept_word_share"] == pytest.approx(210 / 219)
    assert view["log_kept_runs"] == pytest.approx(math.log1p(1))
    assert view["kept_span"] == pytest.approx(3 / 5)
    assert view["first_kept"] == pytest.approx(1 / 5)
    assert view["kept_short_share"] == 0.0
    assert view["longest_kept_share"] == pytest.approx(80 / 210)


def test_a_listing_keeps_many_short_linked_items_apart() -> None:
    words, tags, probs = [], [], []
    for _ in range(6):
        words += [6, 3]
        tags += ["li", "div"]
        probs += [0.8, 0.1]
    view = _view(_matrix(words, tags, [0.9, 0.0] * 6), probs)
    assert view["log_kept_runs"] == pytest.approx(math.log1p(6))
    assert view["kept_short_share"] == 1.0
    assert view["kept_list_share"] == 1.0
    assert view["kept_link_share"] == pytest.approx(0.9)
    assert view["kept_size_spread"] == 0.0  # every item the same size


def test_nothing_kept_and_no_blocks_give_defined_rows() -> None:
    view = _view(_matrix([10, 20], ["p", "p"]), [0.1, 0.2])
    assert view["kept_word_share"] == view["log_kept_blocks"] == 0.0
    assert view["first_kept"] == 1.0
    empty = view_row(np.zeros((0, len(BLOCK_FEATURES)), dtype=np.float32), np.zeros(0))
    assert not empty.any()


def test_the_view_reads_the_matrix_the_block_features_build() -> None:
    items = "<li><a href='/a'>One item here</a></li><li><a href='/b'>Two items here</a></li>"
    root = lxml.html.fromstring(f"<html><body><ul>{items}</ul><p>{'word ' * 40}</p></body></html>")
    blocks = segment(root)
    context = PageContext("", [False] * len(blocks), [], np.zeros(len(PAGE_FEATURES), dtype=np.float32))
    view = _view(block_matrix(blocks, context), [1.0] * (len(blocks) - 1) + [0.0])
    assert view["kept_list_share"] == 1.0
    assert view["kept_link_share"] == 1.0
    assert view["kept_word_share"] == pytest.approx(6 / 46)
