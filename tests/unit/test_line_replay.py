"""The replay of the plain-text path's steps after the line model (``benchmarks/line_replay.py``)."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from benchmarks.line_replay import Rendering, fold_means, groups, load, lost, replay
from tasks.clean.text.classify import rule_lines

STORY = ("The council voted on Tuesday to reopen the harbour ferry for the summer season, "
         "after two years in which the crossing was closed for repairs to the old pier.")
PAYLOAD = f"Home\nNews\nSport\n\n{STORY}\n\nShare on Facebook\n"


def _rendering(probabilities: list[float], corpus: str = "wcxb", fold: int = 0) -> Rendering:
    lines = rule_lines(PAYLOAD)
    assert len(lines) == len(probabilities)
    return Rendering(f"{corpus}/1", corpus, "article", "bs4", fold, STORY, lines, np.asarray(probabilities))


def test_replay_keeps_the_lines_the_model_accepts() -> None:
    assert replay(_rendering([0.05, 0.05, 0.05, 0.97, 0.1])) == STORY


def test_replay_keeps_the_best_lines_of_a_page_the_model_is_unsure_of() -> None:
    # no line reaches 0.5: the lines above a share of the best are kept, not nothing
    assert replay(_rendering([0.01, 0.01, 0.01, 0.3, 0.01])) == STORY


def test_groups_name_the_rendering_with_its_corpus_and_type() -> None:
    assert groups(_rendering([0.0] * 5)) == ["bs4 wcxb", "bs4 article"]
    assert groups(_rendering([0.0] * 5, corpus="dev")) == ["bs4 dev"]


def test_fold_means_average_each_folds_mean() -> None:
    rows = [{"fold": 0, "groups": ["bs4 dev"], "f1": 1.0}, {"fold": 0, "groups": ["bs4 dev"], "f1": 0.0},
            {"fold": 1, "groups": ["bs4 dev"], "f1": 1.0}]
    assert fold_means(rows) == {"bs4 dev": pytest.approx(0.75)}  # not the renderings' mean, 2/3


def test_lost_counts_zeros_only_where_the_html_path_reached_half() -> None:
    rows = [{"key": "wcxb/1", "rendering": "bs4", "f1": 0.0}, {"key": "wcxb/2", "rendering": "bs4", "f1": 0.0},
            {"key": "wcxb/3", "rendering": "inscriptis", "f1": 0.4}]
    assert lost(rows, {"wcxb/1": 0.5, "wcxb/2": 0.49, "wcxb/3": 1.0}) == {"bs4": ["wcxb/1"]}


def test_the_cache_loads_back_what_a_dump_writes(tmp_path: Path) -> None:
    rendering = _rendering([0.05, 0.05, 0.05, 0.97, 0.1])
    (tmp_path / "fold0.pkl").write_bytes(pickle.dumps([vars(rendering)]))
    (loaded,) = load(tmp_path)
    assert (loaded.key, loaded.rendering, replay(loaded)) == (rendering.key, "bs4", STORY)
