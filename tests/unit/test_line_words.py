"""The line model's word features: a table of word weights learned across sites."""

from __future__ import annotations

import numpy as np

from benchmarks import train_content
from tasks.clean.features.line_words import LINE_WORD_FEATURES, LineWordTable, TrainingRendering, line_words
from tasks.clean.text.classify import rule_lines

STORY = "The harbour reopened on Monday after the storm.\n\nPrivacy policy\n\nFerries will run every hour again.\n"
CHROME_LABELS = [1.0, 0.0, 1.0]


def _rendering(site: str, text: str = STORY, labels: list[float] = CHROME_LABELS) -> TrainingRendering:
    return TrainingRendering(site, rule_lines(text), labels)


def _column(table: LineWordTable, text: str, name: str) -> np.ndarray:
    return table.columns(rule_lines(text))[:, LINE_WORD_FEATURES.index(name)]


def test_line_words_are_distinct_lowercased_letters_only() -> None:
    assert line_words("Add to Cart - add 2 for $9.99") == {"add", "to", "cart", "for"}


def test_a_word_of_fewer_sites_than_the_minimum_is_not_learned() -> None:
    table = LineWordTable.fit([_rendering("a.example"), _rendering("a.example"), _rendering("b.example")])
    assert table.weights == {}


def test_chrome_words_weigh_less_than_content_words() -> None:
    table = LineWordTable.fit([_rendering(site) for site in ("a.example", "b.example", "c.example")])
    assert table.weights["privacy"] < 0 < table.weights["harbour"]
    mean = _column(table, "Privacy policy\n\nThe harbour is busy.\n", "word_mean")
    assert mean[0] < mean[1]


def test_a_line_without_known_words_has_zero_weights_and_no_known_share() -> None:
    table = LineWordTable.fit([_rendering(site) for site in ("a.example", "b.example", "c.example")])
    columns = table.columns(rule_lines("Zebra quokka\n"))
    assert columns.shape == (1, len(LINE_WORD_FEATURES))
    assert not columns.any()


def test_the_table_survives_its_json_form() -> None:
    table = LineWordTable.fit([_rendering(site) for site in ("a.example", "b.example", "c.example")])
    assert LineWordTable.from_json(table.to_json()) == table
    assert list(table.to_json()) == sorted(table.weights)


def test_training_rows_read_word_weights_fitted_without_their_own_fold() -> None:
    """A word seen in the other folds on three sites is weighed; one only its own fold holds is not."""
    sites = ("a.example", "b.example", "c.example", "d.example")
    data = []
    for fold in range(len(sites)):
        text = STORY if fold < len(sites) - 1 else "Privacy policy\n\nKiwi wombat numbat\n\nFerries run again today.\n"
        lines = rule_lines(text)
        data.append(train_content.RenderingData(
            f"wcxb/{fold}", "wcxb", "article", "inscriptis", fold, "truth", lines,
            np.zeros((len(lines), 1), dtype=np.float32), np.asarray(CHROME_LABELS), np.ones(len(lines))))
    fitted = train_content.cross_fitted(data, {d.key: site for d, site in zip(data, sites, strict=True)})
    last = fitted[3].matrix
    assert last.shape == (3, 1 + len(LINE_WORD_FEATURES))
    known = LINE_WORD_FEATURES.index("word_known_share") + 1
    assert last[0, known] == 1.0  # "privacy", "policy": three other sites hold them
    assert last[1, known] == 0.0  # words of its own site alone
    assert fitted[0].matrix[0, known] == 0.0  # without fold 0 only two sites hold the harbour's words
