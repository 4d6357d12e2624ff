"""A plain-text payload that holds no article: the chrome of a page its browser builds by script.

An app shell's text rendering is its menus and footer, or a notice that scripts are off; its
truth is empty, and the HTML path keeps nothing of it. The line model is unsure of such lines
rather than sure they are chrome, so its likeliest ones were kept (issue 12: five app shells
scored 0 on the text path and 1 on the HTML path).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from tasks.clean.text.lines import TextLine

# The notice an app shell prints without scripts ("You need to enable JavaScript to run this
# app."): in the plain-text renderings of 45 sites of ../shared/corpus (wcxb and dev).
SCRIPT_NOTICE = re.compile(r"\benable javascript\b", re.IGNORECASE)
# Kept text of up to this many words holding the notice is the notice alone, not a page that
# prints it in a corner.
SCRIPT_NOTICE_MAX_WORDS = 30
# A payload this short, none of whose kept lines is a sentence and none of whose lines the
# model is sure of, is a shell. Fold means, inscriptis / bs4, by limit: 100 words +0.0007 /
# +0.0008 (4 renderings emptied); 150 +0.0026 / +0.0029 (11; product +0.037 / +0.043, no cell
# down); 200 +0.0026 / +0.0028 (12; bs4 listing -0.0008).
SHELL_MAX_WORDS = 150
# The model is sure of a line from here: a payload holding one is not a shell.
SURE_PROBABILITY = 0.8


def holds_no_article(lines: Sequence[TextLine], probabilities: np.ndarray, kept: Sequence[bool]) -> bool:
    """True when the kept lines of the payload are an app shell's chrome or its script notice."""
    kept_lines = [line for line, k in zip(lines, kept, strict=True) if k]
    if not kept_lines:
        return False
    return _is_script_notice(kept_lines) or _is_shell(lines, probabilities, kept_lines)


def _is_script_notice(kept_lines: Sequence[TextLine]) -> bool:
    words = sum(line.words for line in kept_lines)
    return words <= SCRIPT_NOTICE_MAX_WORDS and any(SCRIPT_NOTICE.search(line.body) for line in kept_lines)


def _is_shell(lines: Sequence[TextLine], probabilities: np.ndarray, kept_lines: Sequence[TextLine]) -> bool:
    return (
        float(probabilities.max()) < SURE_PROBABILITY
        and sum(line.words for line in lines) <= SHELL_MAX_WORDS
        and not any(line.terminal for line in kept_lines)
    )
