"""``benchmarks/same_outputs.py compare``: what counts as the same output of a payload."""

from __future__ import annotations

from benchmarks.same_outputs import same_payload

BASE = {"key": "wcxb/1/html", "rows": [["page_type", "a1", "b1", "c1"], ["block_probabilities", "d1"]],
        "result": '{"text": "body"}'}


def test_the_same_rows_asked_in_another_order_are_the_same_output() -> None:
    reordered = {**BASE, "rows": list(reversed(BASE["rows"]))}
    assert same_payload(BASE, reordered)


def test_a_changed_row_or_result_or_a_missing_row_differs() -> None:
    assert not same_payload(BASE, {**BASE, "rows": [["page_type", "a1", "b1", "c1"], ["block_probabilities", "d2"]]})
    assert not same_payload(BASE, {**BASE, "rows": BASE["rows"][:1]})
    assert not same_payload(BASE, {**BASE, "result": '{"text": "other"}'})
