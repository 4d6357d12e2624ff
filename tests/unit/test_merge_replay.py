"""The replay of the steps after the block model (``benchmarks/merge_replay.py``)."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from benchmarks import merge_replay
from benchmarks.merge_replay import Cached, apply_settings, fold_means, load, replay
from tasks.clean.html import merge
from tasks.models import Paragraph

STORY = "The council voted on Tuesday to reopen the harbour ferry for the summer season."


def _page(probabilities: list[float], fold: int = 0, corpus: str = "wcxb") -> Cached:
    rule = [Paragraph(text="Harbour ferry returns"), Paragraph(text=STORY), Paragraph(text="Share on social")]
    texts = ["Harbour ferry returns", STORY, "Share on social"]
    return Cached(f"{corpus}/{fold}", corpus, "article", fold, STORY, rule, texts, ["h1", "p", "div"],
                  [("body",)] * 3, np.asarray(probabilities), ["Harbour ferry returns"])


def test_replay_keeps_what_the_model_accepts_and_leaves_the_headline_out() -> None:
    assert replay(_page([0.9, 0.95, 0.1])) == STORY


def test_a_setting_changes_the_merge_constant_it_names(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(merge, "RULE_DROP_PROBABILITY", merge.RULE_DROP_PROBABILITY)
    apply_settings(["RULE_DROP_PROBABILITY=0.05"])
    assert replay(_page([0.9, 0.95, 0.1])).endswith("Share on social")  # the share bar is no longer rejected
    with pytest.raises(SystemExit):
        apply_settings(["NO_SUCH_CONSTANT=1"])


def test_fold_means_average_each_folds_mean() -> None:
    rows = [{"fold": 0, "groups": ["dev"], "f1": 1.0}, {"fold": 0, "groups": ["dev"], "f1": 0.0},
            {"fold": 1, "groups": ["dev"], "f1": 1.0}]
    assert fold_means(rows) == {"dev": pytest.approx(0.75)}  # not the pages' mean, 2/3


def test_the_cache_loads_back_what_a_dump_writes(tmp_path: Path) -> None:
    page = _page([0.9, 0.95, 0.1])
    (tmp_path / "fold0.pkl").write_bytes(pickle.dumps([vars(page)]))
    (loaded,) = load(tmp_path)
    assert (loaded.key, loaded.texts, replay(loaded)) == (page.key, page.texts, STORY)
    assert merge_replay.groups(loaded) == ["wcxb all", "article"]
