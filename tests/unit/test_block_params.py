"""The block-model labels (``train_content.trigram_shares``) and the hyper-parameter experiment's
settings (``benchmarks/block_params.py``)."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks import train_content
from benchmarks.block_params import Setting, parse_setting

TRUTH = "The council approved the new budget on Tuesday after a long debate."
TEXTS = [
    "The council approved the new budget on Tuesday",  # every trigram in the truth
    "approved the new budget but readers can subscribe here",  # 2 of 7 trigrams
    "new budget",  # under three words, in the truth
    "Subscribe now",  # under three words, not in the truth
    "",
]


def test_trigram_shares_count_trigrams_and_match_short_blocks_whole() -> None:
    shares = train_content.trigram_shares(TEXTS, TRUTH, "wcxb")
    assert shares == pytest.approx([1.0, 2 / 7, 1.0, 0.0, 0.0])


def test_block_labels_are_the_shares_at_the_threshold_and_weigh_by_words() -> None:
    labels, weights = train_content.block_labels(TEXTS, TRUTH, "wcxb")
    assert labels.tolist() == [1.0, 0.0, 1.0, 0.0, 0.0]
    assert weights.sum() == pytest.approx(1.0)
    assert weights.tolist() == pytest.approx(np.array([9, 10, 3, 3, 1]) / 26)


def test_a_setting_reads_booster_params_and_how_it_is_trained() -> None:
    setting = parse_setting("deep:num_leaves=127,lambda_l2=10,rounds=600,scored=400/600,share=0.4")
    assert setting.name == "deep"
    assert setting.params == {"num_leaves": 127, "lambda_l2": 10.0}
    assert isinstance(setting.params["num_leaves"], int)
    assert (setting.rounds, setting.scored_rounds, setting.share, setting.soft) == (600, (400, 600), 0.4, False)


def test_an_empty_setting_is_the_shipped_training() -> None:
    setting = parse_setting("base:")
    assert setting.params == {}
    assert setting.scored_rounds == (train_content.BLOCK_ROUNDS,)
    assert setting.share == train_content.CONTENT_TRIGRAM_SHARE


def test_soft_labels_are_the_shares_and_hard_ones_their_threshold() -> None:
    shares = np.array([0.0, 0.45, 0.55, 1.0])
    soft = parse_setting("soft:objective=cross_entropy,labels=soft")
    assert soft.params == {"objective": "cross_entropy"}
    assert soft.labels(shares).tolist() == pytest.approx(shares.tolist())
    assert Setting("low", share=0.4).labels(shares).tolist() == [0.0, 1.0, 1.0, 1.0]
    assert Setting("high", share=0.6).labels(shares).tolist() == [0.0, 0.0, 0.0, 1.0]
