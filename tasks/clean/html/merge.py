"""The block model's verdicts applied to the rule-based blocks.

The rule-based path's blocks keep their structure (headings, lists, tables, quotes, figures);
the model decides which of them stay, and adds the DOM blocks it judges content that the rule
path missed, in page order. A rule block stays unless the word-weighted mean probability of the
DOM blocks inside it is below ``RULE_DROP_PROBABILITY``; a rule block no DOM block matches (a
JSON-LD body, text the extractor re-flowed) is left to the rules. A DOM block is added when it
reaches the caller's ``keep`` and the rule text does not already hold it re-flowed, a long one once,
and (but on forums) not from a comment thread opened past the rule text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from itertools import accumulate, chain

import numpy as np

from tasks.clean.features.blocks import normalized_words, word_share
from tasks.clean.html.filters import MIN_TITLE_KEY_CHARS, TITLE_SEARCH_BLOCKS
from tasks.clean.html.placement import text_key
from tasks.common.blocks import block_text
from tasks.models import BodyBlock, Heading, Paragraph

_WORD = re.compile(r"\w+")
# A headline is a line, not a paragraph: a longer block that starts like the title is the lead.
MAX_HEADLINE_WORDS = 40
HEADING_TAGS = {"h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# A rule block goes only when the model is fairly sure it is not content: where it is just
# unsure the rules are right more often. Mean over the 5 folds (out-of-fold block probabilities,
# re-flow test on), dropping below 0.5 / 0.45 / 0.4 / 0.3 / 0.1: wcxb 0.8517 / 0.8530 / 0.8534 /
# 0.8551 / 0.8561, dev 0.9643 / 0.9643 / 0.9640 / 0.9631 / 0.9613. Below 0.45 dev starts to lose,
# and the kept boilerplate blocks name places: 0.4 and lower took the held-out place precision
# of test_entities_corpus from 0.863 to 0.77 (under its 0.85 floor).
RULE_DROP_PROBABILITY = 0.45
# A DOM block the rule text lacks verbatim but holds at least this share of the words of is that
# text re-flowed by the extractor (a <pre> re-wrapped, a paragraph split at its <br>s or links):
# adding it would say it twice. Only from MIN_REFLOWED_WORDS words on, where shared words are no
# coincidence. On the folds (wcxb / dev / documentation, rule blocks dropped below 0.5): without
# the test 0.8481 / 0.9581 / 0.9151; share 0.9 from 10 words 0.8517 / 0.9643 / 0.9195 (0.8 or
# 0.95: 0.8510 / 0.8513 on wcxb; 5 or 20 words: within 0.0006 of 10).
REFLOWED_WORD_SHARE = 0.9
MIN_REFLOWED_WORDS = 10
# A page whose rule path found next to nothing (under RESCUE_RULE_WORDS words: a skip link, a
# blog's footer, a form the extractor drops) while the model puts at least RESCUE_UNSURE_FACTOR
# times as many words between RESCUE_KEEP and keep as it is sure of (and RESCUE_MIN_WORDS in
# all): the model is unsure because nothing on the page looks like the rules' article, so its
# blocks are kept down to RESCUE_KEEP. Out-of-fold (shared fold models, 5 folds): 10 pages of
# 10 sites up (articles, collections, listings, a forum, a product, a service), none down; keeping
# down to 0.25 on every page whose rule path is that short instead also took two empty-truth
# listings from 1 to 0, and dropping the rule condition cost dev 0.006.
RESCUE_RULE_WORDS = 30
RESCUE_KEEP = 0.25
RESCUE_MIN_WORDS = 100
RESCUE_UNSURE_FACTOR = 2
# A DOM block the model adds is added once: a repeat of an added block of this many words or
# more (a quoted post, a promo or a card printed twice) is left out. Fold means, wcxb / forum /
# listing / service / documentation: 0.8612 / 0.7611 / 0.6874 / 0.8517 / 0.9212 without; from 10
# words 0.8618 / 0.7643 / 0.6902 / 0.8528 / 0.9211 (47 pages of 44 sites up, 22 of 19 down: truths
# that keep a quote twice); from 5 words 0.8618, collection -0.0010; from 20 0.8616. Leaving out
# the rule blocks' repeats too cost dev 0.0003.
MIN_REPEATED_WORDS = 10
# A rule block the model rejects may wrap a passage it keeps (a listing's entries in a layout
# cell of links, a product's description in its tab bar): such a DOM block (``keep`` and above)
# is salvaged in the rejected block's place from this many words on. Fold means, wcxb / listing
# / product: 0.8612 / 0.6874 / 0.6543 without; from 10 words 0.8615 / 0.6913 / 0.6557, no cell
# down; from 1 word 0.8609 / 0.6834 (a lone name matches inside a long rule text by chance);
# from 5 within 0.0002 of 10; from 20 listing 0.6909, product 0.6543.
MIN_SALVAGED_WORDS = 10
# A page whose rule path found text (RESCUE_RULE_WORDS words or more) that the model's verdicts
# would cut to under MIN_KEPT_WORDS words: the model threw the rules' article out wholesale (a
# product's description, a listing's entries read as furniture), so the rule blocks all stay.
# Fold means, wcxb / product / listing / article: 0.8615 / 0.6557 / 0.6913 / 0.9523 without;
# under 50 words 0.8638 / 0.6648 / 0.7011 / 0.9536, 10 pages of 10 sites up, none down, every
# cell up or level; under 40 / 75 / 100 / 150 / 200: wcxb 0.8630 / 0.8642 / 0.8643 / 0.8645 /
# 0.8647, but from 75 forum -0.0007 (forum.corsair.com), at 200 dev -0.0003.
MIN_KEPT_WORDS = 50
# A block that opens a comment thread ("Comments", "Comments are now closed", "Leave a reply",
# "Post a comment"; not "Comments:" or "Comment choisir", a listing's count or a French word):
# past the rule text, the model adds nothing from it on, as readers' comments are no part of an
# article's text; a forum's truth is its thread, so forums keep it. In DOM blocks of 118 sites of
# ../shared/corpus ("comments" 83, "leave a reply" 26, "leave a comment" 18, "post a comment" 16).
# Fold means (merge_replay), dev 0.9635 -> 0.9672, 6 pages of 6 sites up (ctv.ca 0.31 -> 0.99,
# sfgate.com 0.67 -> 0.97), none down, every other cell the same. Ungated, forum fell 0.7743 ->
# 0.7707 (a Stack Overflow thread's "Comments"): forums keep their threads, as their truths do.
COMMENTS_MARK = re.compile(r"(comments|leave a (reply|comment)|post a comment)\b(?![:\w])", re.IGNORECASE)


def _norm(text: str) -> str:
    return f" {normalized_words(text)} "


# ``match_blocks``'s answer for a DOM block the rule text holds across several of its blocks
# (the extractor split it at line breaks): it is in the text already, and votes for none.
SPREAD = -2


def match_blocks(rule_texts: Sequence[str], dom_texts: Sequence[str]) -> list[int]:
    """Per DOM block, the index of the rule block whose text holds it, ``SPREAD`` when the rule
    blocks hold it only together, -1 when they do not hold it.

    Searched from the last match onwards first: both lists are in page order.
    """
    rules = [_norm(t) for t in rule_texts]
    filled = [i for i, rule in enumerate(rules) if rule.strip()]
    joined = f" {' '.join(rules[i].strip() for i in filled)} "
    rule_words = set(joined.split())
    owners: list[int] = []
    last = 0
    for text in dom_texts:
        norm = _norm(text)
        words = norm.split()
        owner = -1
        # Every filled rule's text (" a b ") is a piece of ``joined``: a text it lacks is in no
        # rule block, so the search of each (most DOM blocks are furniture) is skipped; and a
        # text with a word ``joined`` lacks is not in it, so most are never searched for at all.
        if words and rule_words.issuperset(words) and norm in joined:
            start = bisect_left(filled, last)
            for i in chain(filled[start:], filled[:start]):
                if norm in rules[i]:
                    owner = last = i
                    break
            else:
                owner = SPREAD
        owners.append(owner)
    return owners


def _rule_verdicts(rule_texts: Sequence[str], dom_texts: Sequence[str], owners: Sequence[int],
                   probabilities: Sequence[float] | np.ndarray, drop_below: float) -> list[bool]:
    """Per rule block: does the model keep it? (Unmatched rule blocks: yes, unless a single DOM
    block holds the whole of it and the model drops that block.)"""
    weight = [0.0] * len(rule_texts)
    total = [0.0] * len(rule_texts)
    for text, owner, p in zip(dom_texts, owners, probabilities, strict=True):
        if owner >= 0:
            words = len(_WORD.findall(text)) + 1
            weight[owner] += words
            total[owner] += words * p
    verdicts = []
    holders: _DomHolders | None = None  # the DOM texts normalised once, on the first unmatched rule block
    for i, text in enumerate(rule_texts):
        if weight[i]:
            verdicts.append(total[i] / weight[i] >= drop_below)
            continue
        holders = holders or _DomHolders(dom_texts)
        holder = holders.first(_norm(text))
        verdicts.append(holder is None or probabilities[holder] >= drop_below)
    return verdicts


class _DomHolders:
    """The DOM blocks' normalised texts joined in one string, to find the first block holding a
    rule block's text by one ``str.find`` instead of a Python test of each block (1,578 searches on
    150 wcxb pages cost 3.6 % of the pipeline's profile). A normalised text is words and single
    spaces, so no match can run across the newline between two blocks: the first match in the
    joined string lies in the first block holding the text."""

    def __init__(self, dom_texts: Sequence[str]) -> None:
        norms = [_norm(t) for t in dom_texts]
        self.joined = "\n".join(norms)
        self.starts = list(accumulate((len(n) + 1 for n in norms[:-1]), initial=0))

    def first(self, norm: str) -> int | None:
        """The index of the first DOM block whose text holds ``norm``, None when none does (or
        ``norm`` holds no word)."""
        at = self.joined.find(norm) if norm.strip() else -1
        return bisect_right(self.starts, at) - 1 if at >= 0 else None


def _new_block(text: str, tag: str) -> BodyBlock:
    if tag in HEADING_TAGS:
        return Heading(text=text, level=HEADING_TAGS[tag])
    return Paragraph(text=text)


class _RuleWords:
    """The rule text's words, counted on first use: most pages add no long block."""

    def __init__(self, rule_texts: Sequence[str]) -> None:
        self.rule_texts = rule_texts
        self.rule_words: set[str] | None = None

    def hold_reflowed(self, text: str) -> bool:
        """True when the rule text holds the block's words, out of order or split."""
        words = normalized_words(text).split()
        if len(words) < MIN_REFLOWED_WORDS:
            return False
        if self.rule_words is None:
            self.rule_words = set(normalized_words(" ".join(self.rule_texts)).split())
        return word_share(words, self.rule_words) >= REFLOWED_WORD_SHARE


def merge_blocks(rule_blocks: Sequence[BodyBlock], dom_texts: Sequence[str], dom_tags: Sequence[str],
                 probabilities: Sequence[float] | np.ndarray, keep: float,
                 *, drop_below: float = RULE_DROP_PROBABILITY, forum: bool = True) -> list[BodyBlock]:
    """The rule blocks the model does not reject (below ``drop_below``), with the content blocks
    (``keep`` and above) it found that they lack or that sit in a rule block it rejects; on a page
    that is no ``forum``, none from a comment thread opened past the rule text."""
    texts = [block_text(b) for b in rule_blocks]
    owners = match_blocks(texts, dom_texts)
    verdicts = _rule_verdicts(texts, dom_texts, owners, probabilities, drop_below)
    rule_words = _RuleWords(texts)
    added: dict[int, list[BodyBlock]] = {}  # rule index after which they go (-1: before all)
    added_texts: set[str] = set()
    anchor = -1
    last_kept = max((i for i, text in enumerate(texts) if text and verdicts[i]), default=-1)
    for text, tag, owner, p in zip(dom_texts, dom_tags, owners, probabilities, strict=True):
        if owner >= 0:
            anchor = owner
            if not verdicts[owner] and p >= keep and len(_WORD.findall(text)) >= MIN_SALVAGED_WORDS:
                added.setdefault(anchor, []).append(_new_block(text, tag))
        elif not forum and anchor >= last_kept >= 0 and COMMENTS_MARK.match(text.strip()):
            break  # the readers' comments begin: nothing after them is the article's
        elif owner == -1 and p >= keep and not rule_words.hold_reflowed(text) and _first_time(text, added_texts):
            added.setdefault(anchor, []).append(_new_block(text, tag))
    merged: list[BodyBlock] = list(added.get(-1, []))
    for i, block in enumerate(rule_blocks):
        if not texts[i] or verdicts[i]:
            merged.append(block)
        merged.extend(added.get(i, []))
    if drop_below > 0 and not _holds_words(map(block_text, merged), MIN_KEPT_WORDS) \
            and _holds_words(texts, RESCUE_RULE_WORDS):
        return merge_blocks(rule_blocks, dom_texts, dom_tags, probabilities, keep, drop_below=0.0, forum=forum)
    return merged


def _first_time(text: str, seen: set[str]) -> bool:
    """False for a repeat of a text in ``seen`` (of ``MIN_REPEATED_WORDS`` or more words); a
    long text seen for the first time joins it."""
    words = normalized_words(text)
    if words in seen:
        return False
    if len(words.split()) >= MIN_REPEATED_WORDS:
        seen.add(words)
    return True


def _holds_words(texts: Iterable[str], at_least: int) -> bool:
    """True when the texts hold ``at_least`` words (counted only that far: most pages hold many)."""
    count = 0
    for text in texts:
        count += len(_WORD.findall(text))
        if count >= at_least:
            return True
    return False


def keep_threshold(rule_blocks: Sequence[BodyBlock], dom_texts: Sequence[str],
                   probabilities: Sequence[float] | np.ndarray, keep: float) -> float:
    """``keep``, or ``RESCUE_KEEP`` on a page the rule path all but missed and the model is unsure of."""
    if _holds_words(map(block_text, rule_blocks), RESCUE_RULE_WORDS):
        return keep
    sure = unsure = 0
    for text, p in zip(dom_texts, probabilities, strict=True):
        if p >= keep:
            sure += len(_WORD.findall(text))
        elif p >= RESCUE_KEEP:
            unsure += len(_WORD.findall(text))
    rescued = sure + unsure >= RESCUE_MIN_WORDS and sure + unsure >= RESCUE_UNSURE_FACTOR * sure
    return RESCUE_KEEP if rescued else keep


def drop_headline(blocks: list[BodyBlock], titles: Sequence[str], h1_texts: Sequence[str]) -> list[BodyBlock]:
    """The blocks without the headline: the first of the top ``TITLE_SEARCH_BLOCKS`` text blocks
    that repeats a title of the page (``<title>``, ``og:title``) or its first ``<h1>``. The
    headline is ``metadata.title``; ``text`` is the body, as both benchmarks' truths have it. A
    text that is the headline alone keeps it: an empty body is never the page's text."""
    keys = {text_key(t) for t in [*titles, *h1_texts[:1]] if len(text_key(t)) >= MIN_TITLE_KEY_CHARS}
    seen = 0
    for index, block in enumerate(blocks):
        text = block_text(block)
        if not text:
            continue
        if text_key(text) in keys and len(_WORD.findall(text)) <= MAX_HEADLINE_WORDS:
            rest = [*blocks[:index], *blocks[index + 1 :]]
            # Fold means: forum 0.7643 -> 0.7743, wcxb +0.0007 (a post whose title is all of it), no cell down.
            return rest if any(map(block_text, rest)) else blocks
        seen += 1
        if seen >= TITLE_SEARCH_BLOCKS:
            break
    return blocks
