"""Plain-text payloads that hold no article (``tasks.clean.text.shell``) and the verdicts after the
line model (``tasks.clean.learned.line_verdicts``)."""

from __future__ import annotations

import numpy as np
import pytest

from tasks.clean import learned
from tasks.clean.learned import line_verdicts
from tasks.clean.text.classify import rule_lines
from tasks.clean.text.roles import BODY_ROLES
from tasks.clean.text.shell import NO_ARTICLE_CONFIDENCE, holds_no_article
from tasks.common.blocks import render_text

SHELL = "Help Center\nReturns and refunds\nGift cards\nLanguages\nEnglish, Deutsch, Français\nCareers\n"
ARTICLE = (
    "Harbour ferry returns\n\n"
    "The council voted on Tuesday to reopen the harbour ferry for the summer season.\n\n"
    "The crossing was closed for two years while the old pier was repaired.\n"
)
NOTICE = "You need to enable JavaScript to run this app.\n"
SIGN_UP = "Stay ahead of every sale: sign up for early alerts and members-only deals.\n"


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


def test_a_long_payload_keeping_only_scraps_of_its_menus_holds_no_article() -> None:
    lines, probabilities, _ = _verdict(SHELL * 15, 0.6)  # 180 words of a mega menu and a footer
    kept = [i < 12 for i in range(len(lines))]  # two menus' entries, 24 words
    assert holds_no_article(lines, probabilities, kept)
    kept = [True] * len(lines)  # a listing keeping its 180 words of items
    assert not holds_no_article(lines, probabilities, kept)


def test_a_long_payload_keeping_four_menus_worth_of_short_items_is_kept() -> None:
    """48 words of teaser titles a listing keeps are more than an app shell's scraps."""
    lines, probabilities, _ = _verdict(SHELL * 15, 0.6)
    kept = [i < 24 for i in range(len(lines))]  # four copies: 48 words
    assert not holds_no_article(lines, probabilities, kept)


def test_a_long_payload_keeping_a_short_sentence_is_kept() -> None:
    lines, probabilities, _ = _verdict(SHELL * 14 + ARTICLE, 0.6)
    kept = [line.terminal for line in lines]  # two sentences of 29 words
    assert not holds_no_article(lines, probabilities, kept)


def test_a_sign_up_prompt_the_model_is_sure_of_is_no_proof_of_an_article() -> None:
    lines, probabilities, kept = _verdict(SHELL + SIGN_UP, 0.6)
    probabilities[-1] = 0.95  # the prompt's prose
    kept[-1] = False  # the rules took it for a dek
    assert holds_no_article(lines, probabilities, kept)
    lines, probabilities, kept = _verdict(SHELL + "Careers and jobs at the harbour company\n", 0.6)
    probabilities[-1] = 0.95
    assert not holds_no_article(lines, probabilities, kept)


def test_a_script_notice_alone_holds_no_article_even_when_the_model_is_sure() -> None:
    assert holds_no_article(*_verdict(NOTICE, 0.95))


def test_a_page_printing_the_notice_beside_its_article_is_kept() -> None:
    assert not holds_no_article(*_verdict(ARTICLE + "\n" + NOTICE, 0.95))


def test_nothing_kept_is_not_a_shell() -> None:
    lines, probabilities, _ = _verdict(SHELL, 0.6)
    assert not holds_no_article(lines, probabilities, [False] * len(lines))


def test_line_verdicts_drop_every_body_line_of_a_shell_and_keep_an_articles() -> None:
    shell = rule_lines(SHELL)
    verdicts = line_verdicts(shell, np.full(len(shell), 0.6))
    assert verdicts.no_article
    assert not any(c.role in BODY_ROLES for c in verdicts.lines)
    article = rule_lines(ARTICLE)
    verdicts = line_verdicts(article, np.full(len(article), 0.6))
    assert not verdicts.no_article
    assert sum(c.role in BODY_ROLES for c in verdicts.lines) >= 2


def test_a_sign_up_prompt_alone_holds_no_article() -> None:
    assert holds_no_article(*_verdict(SIGN_UP, 0.7))


def test_an_article_asking_readers_to_subscribe_is_kept() -> None:
    long_article = ARTICLE + "\n" + "The ferry will run every hour from May to September, the council said.\n" * 4
    assert not holds_no_article(*_verdict(long_article + "\n" + SIGN_UP, 0.7))


def test_the_text_path_gives_a_payload_without_article_an_empty_text_and_the_rules_confidence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(learned, "holds_no_article", lambda *_: True)
    verdict = learned.judge_text(ARTICLE)
    assert (render_text(verdict.blocks), verdict.confidence) == ("", NO_ARTICLE_CONFIDENCE)
    monkeypatch.setattr(learned, "holds_no_article", lambda *_: False)
    verdict = learned.judge_text(ARTICLE)
    assert "harbour ferry" in render_text(verdict.blocks)
    assert verdict.confidence != NO_ARTICLE_CONFIDENCE  # the regressor's own estimate



# A layout printed twice (desktop and mobile): short lines the rules' own repeat test passes over.
MENU = "* Plans and pricing for teams\n* Customer stories\n"
MENU_TWICE = ARTICLE + "\n" + MENU + "\n" + MENU


def _kept_texts(probability: float) -> list[str]:
    lines = rule_lines(MENU_TWICE)
    return [c.text for c in line_verdicts(lines, np.full(len(lines), probability)).lines if c.role in BODY_ROLES]


def test_an_unsure_second_copy_of_a_kept_line_is_dropped_and_the_first_kept() -> None:
    kept = _kept_texts(0.6)
    assert [t for t in kept if "pricing" in t or "stories" in t] == MENU.splitlines()
    assert any("harbour ferry" in t for t in kept)


def test_a_repeated_line_the_model_is_sure_of_is_kept_twice() -> None:
    # a documentation page's steps, code and table headers repeat on purpose
    assert sum("pricing" in t for t in _kept_texts(0.95)) == 2
