"""The clean stage's trained models applied to the rule-based paths' output.

HTML: the block model judges every DOM block (the rule path's text is one of its features), the
page-type classifier names the kind of page, and ``html.merge`` keeps the rule blocks the model
agrees with and adds the content blocks the rules missed (a comment thread past the article only
on a forum), then leaves out the headline (it is ``metadata.title``). Plain text: the line model judges
every line (the rule passes' roles are features) and overrides the body/boilerplate split.
Both paths end with the confidence regressor's estimate of the text's word F1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from tasks.clean.features.blocks import PageContext, block_matrix
from tasks.clean.features.confidence import confidence_row
from tasks.clean.features.line_words import line_model_matrix
from tasks.clean.features.lines import line_matrix
from tasks.clean.html.extract import ExtractedPage, PageReading
from tasks.clean.html.merge import drop_headline, keep_threshold, merge_blocks
from tasks.clean.model import KEEP_PROBABILITY, line_keep_threshold, models
from tasks.clean.text.classify import BODY_ROLES, apply_line_verdicts, blocks_from_lines, drop_repeats, rule_lines
from tasks.clean.text.lines import TextLine
from tasks.clean.text.shell import NO_ARTICLE_CONFIDENCE, holds_no_article
from tasks.common.blocks import render_text
from tasks.models import BodyBlock, ClassifiedLine, PageType


@dataclass(frozen=True)
class Verdict:
    """A path's output after the models: blocks (and lines for plain text), page type, confidence."""

    blocks: list[BodyBlock]
    lines: list[ClassifiedLine]
    page_type: PageType | None
    confidence: float


def type_page(reading: PageReading) -> tuple[PageType, float]:
    """The page-type classifier's verdict on a page (it reads the unpruned page only) and its probability."""
    return models().page_type_of(reading.page_features, reading.page_kind, reading.page_tokens)


def judge_html(page: ExtractedPage, typed: tuple[PageType, float] | None = None) -> Verdict:
    """The block model's, page-type classifier's and confidence regressor's verdicts on a page
    (``typed``: the classifier's, when the caller has asked it already)."""
    loaded = models()
    rule_text = render_text(page.blocks)
    texts = [b.text for b in page.dom_blocks]
    context = PageContext(rule_text, page.pruned, page.titles, page.page_features)
    probabilities = loaded.block_probabilities(block_matrix(page.dom_blocks, context))
    tags = [str(b.element.tag) for b in page.dom_blocks]
    page_type, type_probability = typed or loaded.page_type_of(page.page_features, page.page_kind, page.page_tokens)
    keep = keep_threshold(page.blocks, texts, probabilities, KEEP_PROBABILITY)
    blocks = merge_blocks(page.blocks, texts, tags, probabilities, keep, forum=page_type == "forum")
    blocks = drop_headline(blocks, page.titles, [t for t, tag in zip(texts, tags, strict=True) if tag == "h1"])
    confidence = loaded.confidence_of(confidence_row(
        texts, probabilities, keep=KEEP_PROBABILITY, text=render_text(blocks), rule_text=rule_text,
        page_type_probability=type_probability, plain_text=False,
        unit_words=[len(b.words) for b in page.dom_blocks],
    ))
    return Verdict(blocks, [], page_type, confidence)


def judge_text(text: str) -> Verdict:
    """Every line of a plain-text payload with its role after the line model, and the blocks."""
    loaded = models()
    lines = rule_lines(text)
    probabilities = loaded.line_probabilities(line_model_matrix(line_matrix(lines), lines, loaded.line_words))
    rule_votes = [float(line.role in BODY_ROLES) for line in lines]
    rule_text = render_text(blocks_from_lines(apply_line_verdicts(lines, rule_votes, KEEP_PROBABILITY)))
    verdicts = line_verdicts(lines, probabilities)
    blocks = blocks_from_lines(verdicts.lines)
    confidence = NO_ARTICLE_CONFIDENCE if verdicts.no_article else loaded.confidence_of(confidence_row(
        [line.body for line in lines], probabilities, keep=verdicts.keep, text=render_text(blocks),
        rule_text=rule_text, page_type_probability=0.0, plain_text=True,
    ))
    return Verdict(blocks, verdicts.lines, None, confidence)


class LineVerdicts(NamedTuple):
    """The lines' roles after the line model, the probability a line needed to be kept, and
    whether the payload was found to hold no article (``text.shell``)."""

    lines: list[ClassifiedLine]
    keep: float
    no_article: bool


def line_verdicts(lines: list[TextLine], probabilities: np.ndarray) -> LineVerdicts:
    """The steps after the line model's probabilities (which ``benchmarks/line_replay.py``
    replays): the keep threshold, the verdicts, no body line for a payload holding no article, and
    the unsure second copies of a kept line dropped."""
    keep = line_keep_threshold(probabilities, [line.words for line in lines])
    classified = apply_line_verdicts(lines, probabilities, keep)
    if holds_no_article(lines, probabilities, [line.role in BODY_ROLES for line in classified]):
        return LineVerdicts(apply_line_verdicts(lines, np.zeros(len(lines)), keep), keep, no_article=True)
    return LineVerdicts(drop_repeats(lines, probabilities, classified), keep, no_article=False)
