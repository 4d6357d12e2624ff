"""The metadata stage's body lines: menus out, credits cut, the same answer on every reading."""

from __future__ import annotations

from tasks.metadata.stage import _own_lines


def test_body_lines_drop_menus_and_cut_credits_on_each_reading() -> None:
    lines = ["Home | News | Sport | Weather", "The ferry left the harbour at noon, the captain said.",
             "Boats in the harbour at dawn. Photo: Jane Doe"]
    want = "The ferry left the harbour at noon, the captain said.\nBoats in the harbour at dawn."
    assert _own_lines(lines) == want
    assert _own_lines([*lines, "A caption of the quay (Jane Doe/Reuters)"]) == f"{want}\nA caption of the quay"
