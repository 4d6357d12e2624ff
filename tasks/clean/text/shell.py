"""A plain-text payload that holds no article: the chrome of a page its browser builds by script.

An app shell's text rendering is its menus and footer, or a notice (scripts are off, a sign-up
prompt); its truth is empty, and the HTML path keeps nothing of it. The line model is unsure of
such lines rather than sure they are chrome, so its likeliest ones were kept (issue 12: such
pages scored 0 on the text path and 1 on the HTML path).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from tasks.clean.text.lines import TextLine

# What an app shell's text holds when scripts are off: a notice to turn them on ("You need to
# enable JavaScript to run this app.") or the sign-up prompt of its footer ("Stay ahead of every
# sale: sign up for alerts"). Sites of ../shared/corpus whose plain-text renderings hold each:
# "enable javascript" 45, "newsletter(s)" 405, "sign up" 385, "subscribe" 397.
NOTICE = re.compile(r"\b(?:enable javascript|newsletters?|sign up|subscribe)\b", re.IGNORECASE)
# Kept text of up to this many words holding a notice is the notice alone, not a page that
# prints one in a corner. Fold means, inscriptis / bs4, of the sign-up prompts by limit (without
# the share below): 30 words +0.0007 / 0 (1 rendering emptied), 60 +0.0015 / +0.0007 (3, none
# down), 100 +0.0012 / +0.0007 (4; inscriptis collection -0.0034).
NOTICE_MAX_WORDS = 60
# ... and when the lines holding a notice are at least this share of its words, so that a short
# article printing a notice below it is kept (60 words with it: +0.0015 / 0, 2 emptied).
NOTICE_SHARE = 0.5
# A payload this short, none of whose kept lines is a sentence and none of whose lines the
# model is sure of, is a shell. Fold means, inscriptis / bs4, by limit (before the notices):
# 100 words +0.0007 / +0.0008 (4 renderings emptied); 150 +0.0026 / +0.0029 (11; product +0.037
# / +0.043, no cell down by more than 0.0001); 200 +0.0026 / +0.0028 (12; bs4 listing -0.0008).
SHELL_MAX_WORDS = 150
# ... or a longer payload of which the model keeps only this many words, none a sentence: the
# scraps of a mega menu or a footer, where the truth is empty (a page holding an article or a
# listing keeps more). Fold means, bs4 (inscriptis unchanged), with notices not counted as sure
# below: 45 words +0.0007 (1 rendering emptied), 60 +0.0015 (2, and one listing at 0.09 -> 0),
# 75 the same, 90 +0.0014 (a product page at 0.12 -> 0 too); without that, 60: +0.0007. Round
# 36's line model with word features (fallback floor 0.25): 60 -> 45 words gives bs4 0.8362 ->
# 0.8367, inscriptis and dev unchanged; one rendering moves, a listing's 0 -> 0.63.
SCRAPS_MAX_WORDS = 45
# The model is sure of a line from here: a payload holding one is not a shell. A notice does
# not count: the model is sure of a sign-up prompt's prose, which is no article.
SURE_PROBABILITY = 0.8
# The confidence of the empty text such a payload gives: the confidence regressor never saw
# one, and on the folds 12 of the 15 renderings these rules empty have an empty truth.
NO_ARTICLE_CONFIDENCE = 0.8


def holds_no_article(lines: Sequence[TextLine], probabilities: np.ndarray, kept: Sequence[bool]) -> bool:
    """True when the kept lines of the payload are an app shell's chrome or its notice."""
    kept_lines = [line for line, k in zip(lines, kept, strict=True) if k]
    if not kept_lines:
        return False
    return _is_notice(kept_lines) or _is_shell(lines, probabilities, kept_lines)


def _is_notice(kept_lines: Sequence[TextLine]) -> bool:
    words = sum(line.words for line in kept_lines)
    notice_words = sum(line.words for line in kept_lines if NOTICE.search(line.body))
    return words <= NOTICE_MAX_WORDS and notice_words >= NOTICE_SHARE * words > 0


def _is_shell(lines: Sequence[TextLine], probabilities: np.ndarray, kept_lines: Sequence[TextLine]) -> bool:
    small = (sum(line.words for line in lines) <= SHELL_MAX_WORDS
             or sum(line.words for line in kept_lines) <= SCRAPS_MAX_WORDS)
    return small and not _sure_of_any(lines, probabilities) and not any(line.terminal for line in kept_lines)


def _sure_of_any(lines: Sequence[TextLine], probabilities: np.ndarray) -> bool:
    """True when the model is sure of a line that is not a notice."""
    return any(p >= SURE_PROBABILITY and not NOTICE.search(line.body)
               for line, p in zip(lines, probabilities, strict=True))
