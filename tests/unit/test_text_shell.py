"""Plain-text payloads that hold no article (``tasks.clean.text.shell``) and the verdicts after the
line model (``tasks.clean.learned.line_verdicts``)."""

from __future__ import annotations

import numpy as np

from tasks.clean.learned import line_verdicts
from tasks.clean.text.classify import rule_lines
from tasks.clean.text.roles import BODY_ROLES
from tasks.clean.text.shell import holds_no_article

SHELL = "Help Center\nReturns and refunds\nGift cards\nLanguages\nEnglish, Deutsch, Français\nCareers\n"
ARTICLE = (
    "Harbour ferry returns\n\n"
    "The council voted on Tuesday to reopen the harbour ferry for the summer season.\n\n"
    "The crossing was closed for two years while the old pier was repaired.\n"
)
NOTICE = "You need to enable JavaScript to run this app.\n"


def _verdict(text: str, probability: float) -> tuple[list, np.ndarray, list[bool]]:
    lines = rule_lines(text)
    probabilities = np.full(len(lines), probability)
    return lines, probabilities, [True] * len(lines)


def test_a_short_payload_of_unsure_chrome_lines_holds_no_article() -> None:
    assert holds_no_article(*_verdict(SHELL, 0.6))


def test_a_line_the_model_is_sure_of_means_an_article() -> None:
    lines, probabilities, kept = _verdict(SHELL, 0.6)
    probabilities[0] = 0.85
    assert not holds_no_article(lines, probabilities, kept)


def test_a_short_plain_text_article_is_never_taken_for_a_shell() -> None:
    assert not holds_no_article(*_verdict(ARTICLE, 0.6))


def test_a_long_payload_is_not_a_shell() -> None:
    assert not holds_no_article(*_verdict(SHELL * 15, 0.6))  # 180 words


def test_a_script_notice_alone_holds_no_article_even_when_the_model_is_sure() -> None:
    assert holds_no_article(*_verdict(NOTICE, 0.95))


def test_a_page_printing_the_notice_beside_its_article_is_kept() -> None:
    assert not holds_no_article(*_verdict(ARTICLE + "\n" + NOTICE, 0.95))


def test_nothing_kept_is_not_a_shell() -> None:
    lines, probabilities, _ = _verdict(SHELL, 0.6)
    assert not holds_no_article(lines, probabilities, [False] * len(lines))


def test_line_verdicts_drop_every_body_line_of_a_shell_and_keep_an_articles() -> None:
    shell = rule_lines(SHELL)
    classified, _ = line_verdicts(shell, np.full(len(shell), 0.6))
    assert not any(c.role in BODY_ROLES for c in classified)
    article = rule_lines(ARTICLE)
    classified, _ = line_verdicts(article, np.full(len(article), 0.6))
    assert sum(c.role in BODY_ROLES for c in classified) >= 2
