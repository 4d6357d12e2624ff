"""The article's language as an ISO 639-1 code: declared by the page, else detected."""

from __future__ import annotations

import re

# Enough text for the detector to be reliable (py3langid is right on >95 % of 200-char samples).
MIN_DETECT_CHARS = 200
# Text beyond this does not change the detector's answer, only its cost.
MAX_DETECT_CHARS = 3000
_CODE = re.compile(r"^([a-zA-Z]{2,3})(?:[-_][a-zA-Z0-9]+)*$")


def normalize(code: str | None) -> str | None:
    """``en-US`` -> ``en``; None for values that are not language tags."""
    match = _CODE.match((code or "").strip())
    if not match:
        return None
    primary = match[1].lower()
    return primary if len(primary) == 2 else None


def detect(text: str) -> str | None:
    """The language of a text by py3langid, None when the text is too short to tell."""
    sample = " ".join(text.split())[:MAX_DETECT_CHARS]
    if len(sample) < MIN_DETECT_CHARS:
        return None
    from py3langid.langid import classify  # noqa: PLC0415 - lazy: loading the model costs ~0.2 s

    code, _score = classify(sample)
    return normalize(code)


def choose_language(declared: list[str | None], text: str) -> str | None:
    """The first well-formed declared language, else the detected one."""
    for value in declared:
        code = normalize(value)
        if code:
            return code
    return detect(text)
