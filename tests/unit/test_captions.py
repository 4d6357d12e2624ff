"""Photo credits split from captions."""

from __future__ import annotations

import pytest

from tasks.common.captions import split_credit


@pytest.mark.parametrize(
    ("caption", "want_caption", "want_credit"),
    [
        (
            "Crowds gather in the square. (Jane Doe/The Associated Press)",
            "Crowds gather in the square.",
            "Jane Doe/The Associated Press",
        ),
        (
            "Two leaders shake hands. (Ann Lee, Kremlin Pool Photo/Reuters)",
            "Two leaders shake hands.",
            "Ann Lee, Kremlin Pool Photo/Reuters",
        ),
        ("The harbour at dawn. Photo: Sam Smith", "The harbour at dawn.", "Sam Smith"),
        ("Rescue at the site on Monday. Credit Harry Long", "Rescue at the site on Monday.", "Harry Long"),
        ("Fans outside the stadium. Getty Images", "Fans outside the stadium.", "Getty Images"),
        ("Photo by Joan Bardo", "", "Joan Bardo"),
    ],
)
def test_credit_is_split_from_caption(caption: str, want_caption: str, want_credit: str) -> None:
    """Parenthesised, labelled and agency credits come off the caption."""
    assert split_credit(caption) == (want_caption, want_credit)


@pytest.mark.parametrize(
    "caption",
    [
        "The mayor (left) and her deputy at the opening.",
        "He said the photo was a fake.",
        "Protesters marched through the city (again) on Sunday.",
    ],
)
def test_captions_without_credit_are_left_whole(caption: str) -> None:
    """Asides in parentheses and the word "photo" in a sentence are not credits."""
    assert split_credit(caption) == (caption, None)
