"""People and places stay precise on the held-out half of the hand-labelled pages.

The labels (``tests/data/entities/labels.jsonl``) name the people, places and organisations of
100 corpus articles; the extractor was tuned on the ``tune`` half only. This runs the whole
pipeline on the ``heldout`` half, as ``benchmarks/entities.py`` does, and fails when precision
falls below the floor measured when the extractor was tuned. Needs ``../shared/corpus``.
"""

from __future__ import annotations

import pytest

from benchmarks.entities import Tally, evaluate, load_labels

pytestmark = pytest.mark.corpus

# Held-out micro precision may not fall below issue 13's target. Measured by benchmarks/entities.py
# (see the README's Entities paragraph): people 0.917, places 0.960 when the extractor was last
# tuned; 0.902 / 0.923 on the bodies of the block model with context features (3 more names
# read from text it keeps), the extractor unchanged.
PRECISION_FLOORS = {"people": 0.90, "places": 0.90}


@pytest.fixture(scope="module")
def heldout_tallies() -> dict[tuple[str, str], Tally]:
    tallies, _ = evaluate([page for page in load_labels() if page.split == "heldout"])
    return tallies


@pytest.mark.parametrize("kind", sorted(PRECISION_FLOORS))
def test_heldout_precision_stays_above_its_floor(heldout_tallies: dict[tuple[str, str], Tally], kind: str) -> None:
    """Micro precision over the held-out pages' entities of this kind."""
    tally = heldout_tallies["heldout", kind]
    assert tally.predicted > 0
    assert tally.precision >= PRECISION_FLOORS[kind]
