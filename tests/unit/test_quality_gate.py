"""The quality gate: the clean stage on ~100 corpus pages its models never trained on.

The pages (one fold of ``benchmarks/content_folds.json``, named in ``tasks/clean/model/gate.json``)
were left out of the shipped models' training; ``make train`` recorded the mean word F1 of the
HTML path and of both plain-text renderings on them. A change that loses more than the recorded
tolerance fails here. Needs ``../shared/corpus`` (skipped without it).
"""

from __future__ import annotations

import json
import statistics

import pytest

from benchmarks.content_corpus import load_pages, word_f1
from tasks.clean import clean
from tasks.clean.model import MODEL_DIR
from tasks.models import ArticleIn, ContentType

GATE = json.loads((MODEL_DIR / "gate.json").read_text(encoding="utf-8"))

# Deselected with one printed line when ../shared is absent, and required under CI (tests/suite_policy.py).
pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def gate_pages() -> list:
    pages = {p.key: p for p in load_pages()}
    return [pages[key] for key in GATE["pages"]]


@pytest.mark.parametrize("path", ["html", "inscriptis", "bs4"])
def test_gate_pages_keep_their_recorded_f1(gate_pages: list, path: str) -> None:
    scores = []
    for page in gate_pages:
        content = page.html() if path == "html" else page.text(path)
        if content is None:
            continue
        content_type = ContentType.HTML if path == "html" else ContentType.TEXT
        text = clean(ArticleIn(id="gate", url=page.url, content=content, content_type=content_type)).text
        scores.append(word_f1(text, page.truth, page.corpus))
    assert len(scores) >= 50
    assert statistics.mean(scores) >= GATE["f1"][path] - GATE["tolerance"]


def test_gate_pages_were_never_trained_on() -> None:
    record = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    trained = sum(record["training_data"]["pages"].values())
    assert trained + len(GATE["pages"]) == len(load_pages())
    assert len(GATE["pages"]) == len(set(GATE["pages"])) >= 90
