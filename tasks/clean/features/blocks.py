"""The block model's features: one row per DOM block, columns named by ``BLOCK_FEATURES``.

Families (each a plain function of a block and its page): the block's own text shape, its
links, its tag and ancestors (tags and class/id tokens), its place in the page and relative to
the headline, its container's share of the page's text, its neighbours, and two votes from the
rule-based path: whether the furniture pruning removed it and how much of it that path kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from operator import itemgetter

import numpy as np
from lxml.html import HtmlElement

from tasks.clean.features.page import PAGE_FEATURES, class_family_flags
from tasks.clean.features.segment import DomBlock

# Block tags the model tells apart (everything else is 0).
TAG_CODES = {"p": 1, "h1": 2, "h2": 3, "h3": 4, "h4": 5, "h5": 6, "h6": 6, "li": 7, "td": 8, "th": 8,
             "div": 9, "pre": 10, "blockquote": 11, "dd": 12, "dt": 12, "figcaption": 13, "section": 14,
             "article": 14, "main": 14, "header": 15, "footer": 16, "nav": 17, "aside": 17, "body": 18}
# Ancestor tags counted as flags.
ANCESTOR_TAGS = ("article", "main", "nav", "header", "footer", "aside", "form", "li", "table", "figure", "a")
# Class/id token families, matched as whole tokens of the ancestors' class and id values. Each
# word is common web vocabulary, found on pages of many sites of the corpora.
CLASS_FAMILIES = {
    "content": ("article", "content", "post", "entry", "story", "body", "text", "main", "prose", "blog"),
    "navigation": ("nav", "menu", "navbar", "breadcrumb", "breadcrumbs", "header", "footer", "masthead",
                   "toolbar", "topbar", "pagination", "pager"),
    "aside": ("sidebar", "aside", "widget", "related", "recommended", "promo", "ad", "ads", "advert",
              "sponsor", "banner", "popup", "modal", "cookie", "consent", "newsletter", "subscribe", "signup"),
    "social": ("share", "social", "comment", "comments", "reply", "author", "byline", "meta", "tags",
               "tag", "date", "caption", "credit", "rating", "review", "reviews"),
}
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "body", "ul", "ol", "table", "form"})
# Characters that end a sentence (counted per block).
SENTENCE_END_CHARS = ".!?。！？"
_WORD = re.compile(r"\w+")

_OWN = ("words", "log_chars", "link_share", "links_per_word", "punct_per_char", "sentence_ends_per_word",
        "commas_per_word", "digit_share", "upper_initial_share", "short_word_share", "mean_word_len",
        "ends_with_punct", "tag", "depth")
_NEIGHBOUR_SOURCES = ("words", "link_share", "extractor_kept", "tag")
_BLOCK_OWN_FEATURES: tuple[str, ...] = (
    *_OWN,
    *(f"in_{tag}" for tag in ANCESTOR_TAGS),
    *(f"class_{family}" for family in CLASS_FAMILIES),
    *(f"own_class_{family}" for family in CLASS_FAMILIES),
    "position", "char_position", "after_headline", "from_headline", "headline_found",
    "parent_word_share", "container_word_share", "container_link_share", "container_blocks",
    "pruned", "extractor_kept", "container_kept_share", "since_heading", "heading_kept",
    *(f"{side}_{name}" for side in ("prev", "next") for name in _NEIGHBOUR_SOURCES),
    "page_log_words", "page_log_blocks", "page_extracted_share",
)
# The neighbourhood: these columns averaged over the blocks within each radius (in page order).
CONTEXT_SOURCES = ("words", "link_share", "extractor_kept", "pruned", "ends_with_punct")
CONTEXT_RADII = (3, 10)
_CONTEXT_FEATURES = tuple(f"around{r}_{name}" for r in CONTEXT_RADII for name in CONTEXT_SOURCES)
# Every block row ends with its page's row: what is content differs by kind of page (a forum's
# long posts are its content, an article's long comments are not).
BLOCK_FEATURES: tuple[str, ...] = (
    *_BLOCK_OWN_FEATURES, *_CONTEXT_FEATURES, *(f"pg_{name}" for name in PAGE_FEATURES),
)


@dataclass(frozen=True)
class PageContext:
    """What the block features need to know of the page beyond its blocks."""

    extracted_text: str  # the rule-based path's text (a vote)
    pruned: Sequence[bool]  # per block: removed by the furniture pruning
    titles: Sequence[str]  # the page's title candidates, to find the headline
    page_row: np.ndarray  # the page's features (``features.page``)


def text_shape(text: str, counts: Sequence[int]) -> list[float]:
    """Words, length, punctuation and capitalisation of one block's text (``counts``: its row of
    ``text_counts``, found for all the page's blocks at once)."""
    alnum, space, digits, sentence_ends, words, upper_initials, short_words, word_chars = counts
    n = max(words, 1)
    chars = max(len(text), 1)
    punct = len(text) - alnum - space  # the two are disjoint
    return [
        float(words), math.log1p(len(text)), 0.0, 0.0, punct / chars,
        sentence_ends / n, text.count(",") / n,
        digits / chars,
        upper_initials / n,
        short_words / n,
        word_chars / n,
        float(text[-1] in ".!?:;。！？\"”’)"),
    ]


# Per code point of the Basic Multilingual Plane, str's own tests: isalnum (1), isspace (2),
# isdigit (4), and whether it is one of ``SENTENCE_END_CHARS`` (8, all in the plane).
_ALNUM, _SPACE, _DIGIT, _END = 1, 2, 4, 8
_BMP_CLASSES = np.fromiter(
    (c.isalnum() * _ALNUM | c.isspace() * _SPACE | c.isdigit() * _DIGIT for c in map(chr, range(0x10000))),
    dtype=np.uint8, count=0x10000,
)
_BMP_CLASSES[list(map(ord, SENTENCE_END_CHARS))] |= _END
# Words of at most this many characters count as short.
SHORT_WORD_CHARS = 3


def _sums_per_text(values: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Sums of ``values`` over consecutive spans (``ends``: the spans' cumulative lengths from 0)."""
    running: np.ndarray = np.concatenate([[0], np.cumsum(values)])
    sums: np.ndarray = running[ends[1:]] - running[ends[:-1]]
    return sums


def char_classes(texts: Sequence[str]) -> list[list[int]]:
    """Per text, how many of its characters are alphanumeric, white space and digits (``str``'s
    tests) and end a sentence, all texts counted in one pass: a ``map`` of the three tests over
    every block's characters took a seventh of the block rows' time (1.1 -> 0.2 ms a page)."""
    codes = np.frombuffer("".join(texts).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags = _BMP_CLASSES[np.minimum(codes, 0xFFFF)]
    for i in np.flatnonzero(codes > 0xFFFF):  # beyond the table: emoji, rare scripts
        c = chr(codes[i])
        flags[i] = c.isalnum() * _ALNUM | c.isspace() * _SPACE | c.isdigit() * _DIGIT
    ends = np.cumsum([0, *map(len, texts)])
    counts = [_sums_per_text((flags & bit) != 0, ends) for bit in (_ALNUM, _SPACE, _DIGIT, _END)]
    return np.stack(counts, axis=1).tolist() if texts else []


def word_counts(found: Sequence[Sequence[str]]) -> list[list[int]]:
    """Per list of words, how many there are, start upper-case, are short, and their characters
    in all, every block's words counted in one pass (per-word generators were a fifth of the
    block rows' time)."""
    words = list(chain.from_iterable(found))
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    upper = np.fromiter(map(str.isupper, map(itemgetter(0), words)), dtype=bool, count=len(words))
    ends = np.cumsum([0, *map(len, found)])
    counts = [np.diff(ends), _sums_per_text(upper, ends), _sums_per_text(lengths <= SHORT_WORD_CHARS, ends),
              _sums_per_text(lengths, ends)]
    return np.stack(counts, axis=1).tolist() if found else []


def text_counts(blocks: Sequence[DomBlock]) -> list[list[int]]:
    """Per block, ``char_classes`` of its text followed by ``word_counts`` of its words."""
    return [chars + words for chars, words in zip(
        char_classes([b.text for b in blocks]), word_counts([b.words for b in blocks]), strict=True)]


# Which token families a class/id value names (1/0 per family).
class_families = class_family_flags(CLASS_FAMILIES)


def _class_value(el: HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''}"


@dataclass(frozen=True)
class Lineage:
    """An element and its ancestors taken together: how many they are, which ``ANCESTOR_TAGS``
    they hold, and their class-family counts (a block reads its parent's)."""

    depth: int
    tags: frozenset[str]
    families: tuple[int, ...]


_ROOTLESS = Lineage(0, frozenset(), (0,) * len(CLASS_FAMILIES))


def lineages(elements: Sequence[HtmlElement]) -> dict[HtmlElement, Lineage]:
    """The lineage of each element's parent, each ancestor visited once for the whole page
    (blocks share most of their ancestors: walking each chain anew repeated the shared part)."""
    known: dict[HtmlElement | None, Lineage] = {None: _ROOTLESS}
    for el in elements:
        chain = []
        node = el.getparent()
        while node not in known:
            chain.append(node)
            node = node.getparent()
        below = known[node]
        for ancestor in reversed(chain):
            tags = below.tags | {ancestor.tag} if ancestor.tag in ANCESTOR_TAGS else below.tags
            hits = class_families(_class_value(ancestor))
            below = Lineage(below.depth + 1, tags, tuple(a + b for a, b in zip(below.families, hits, strict=True)))
            known[ancestor] = below
    return {el: known[el.getparent()] for el in elements}


def lineage_columns(above: Lineage) -> list[float]:
    """The depth, ancestor-tag flags and ancestors' class-family counts of a block whose parent's
    lineage is ``above``."""
    return [float(above.depth), *(1.0 if tag in above.tags else 0.0 for tag in ANCESTOR_TAGS),
            *(float(count) for count in above.families)]


@lru_cache(maxsize=8192)
def own_family_columns(class_value: str) -> tuple[float, ...]:
    """The class families an element's own class/id value names, 1.0/0.0 each."""
    return tuple(float(hit) for hit in class_families(class_value))


def headline_index(blocks: Sequence[DomBlock], titles: Sequence[str]) -> int:
    """The first block that is an ``h1`` or reads as the page's title; -1 when none does."""
    wanted = {t.strip().lower() for t in titles if t.strip()}
    for i, block in enumerate(blocks):
        if block.element.tag == "h1" or block.text.lower() in wanted:
            return i
    return -1


def _container(el: HtmlElement) -> HtmlElement | None:
    for ancestor in el.iterancestors():
        if ancestor.tag in CONTAINER_TAGS:
            return ancestor
    return None


# Texts whose normal form is kept: more than a page's blocks and rule blocks (a few hundred to a
# few thousand), so the merge finds a page's texts the block features normalised; a page with
# more just normalises some of them twice.
NORMALISED_TEXTS = 8192


@lru_cache(maxsize=NORMALISED_TEXTS)
def normalized_words(text: str) -> str:
    """The text's words, lower-cased, one space apart: the form in which the rule path's text and
    the DOM blocks' texts are compared (here for the extractor's vote, in ``html.merge`` for the
    model's verdicts on the rule blocks; the same texts, normalised once)."""
    return " ".join(_WORD.findall(text.lower()))


def word_share(words: Sequence[str], known: Collection[str]) -> float:
    """The share of ``words`` (normalised) that occur in ``known`` at all, in any order (a set: a
    Counter's lookup of a missing word is a Python call; ``map`` of its test: no Python loop)."""
    return sum(map(known.__contains__, words)) / len(words) if words else 0.0


def extractor_votes(blocks: Sequence[DomBlock], extracted_text: str) -> list[float]:
    """Per block, the share of its words the rule-based path kept: 1 when the block's words
    occur in its text in order, else the share of its words found in it at all."""
    kept_norm = f" {normalized_words(extracted_text)} "
    kept_words = set(kept_norm.split())
    votes = []
    for block in blocks:
        norm = normalized_words(block.text)
        share = word_share(norm.split(), kept_words)
        # Words in order in the text are each one of its words: the search of the whole text is
        # left to the blocks whose words it all holds (most blocks are furniture it lacks).
        votes.append(1.0 if share == 1.0 and f" {norm} " in kept_norm else share * 0.9)
    return votes


def block_matrix(blocks: Sequence[DomBlock], page: PageContext) -> np.ndarray:
    """The feature matrix of a page's blocks, columns in ``BLOCK_FEATURES`` order."""
    return with_page_row(own_block_matrix(blocks, page), page.page_row)


def with_page_row(matrix: np.ndarray, page_row: np.ndarray) -> np.ndarray:
    """The blocks' own columns, their neighbourhood's, and the page's row on every block."""
    return np.hstack([matrix, context_columns(matrix), np.tile(page_row.astype(np.float32), (len(matrix), 1))])


def context_columns(own: np.ndarray) -> np.ndarray:
    """Means of ``CONTEXT_SOURCES`` over the blocks within each of ``CONTEXT_RADII`` (page edges: what there is)."""
    n = len(own)
    if not n:
        return np.zeros((0, len(_CONTEXT_FEATURES)), dtype=np.float32)
    source = own[:, [_BLOCK_OWN_FEATURES.index(name) for name in CONTEXT_SOURCES]].astype(np.float64)
    sums = np.vstack([np.zeros((1, source.shape[1])), np.cumsum(source, axis=0)])
    idx = np.arange(n)
    columns = []
    for radius in CONTEXT_RADII:
        lo, hi = np.maximum(idx - radius, 0), np.minimum(idx + radius + 1, n)
        columns.append((sums[hi] - sums[lo]) / (hi - lo)[:, None])
    return np.hstack(columns).astype(np.float32)


def container_kept_shares(containers: Sequence[object], words: Sequence[int], votes: Sequence[float]) -> list[float]:
    """Per block, the rule path's word-weighted vote over the other blocks of its container (-1
    when they hold no words): a block among kept siblings is likely content too. A one-pass proxy
    of a second model reading its siblings' first-pass probabilities."""
    kept: defaultdict[object, float] = defaultdict(float)
    total: Counter[object] = Counter()
    for container, w, vote in zip(containers, words, votes, strict=True):
        kept[container] += w * vote
        total[container] += w
    return [(kept[c] - w * vote) / (total[c] - w) if total[c] > w else -1.0
            for c, w, vote in zip(containers, words, votes, strict=True)]


def heading_context(blocks: Sequence[DomBlock], votes: Sequence[float]) -> tuple[list[float], list[float]]:
    """Per block, the blocks since the last heading before it (log) and the rule path's vote on
    that heading (both -1 before any heading): a kept heading's section is likely content."""
    last = -1
    since, kept = [], []
    for i, block in enumerate(blocks):
        since.append(math.log1p(i - last) if last >= 0 else -1.0)
        kept.append(votes[last] if last >= 0 else -1.0)
        if block.element.tag in HEADING_TAGS:
            last = i
    return since, kept


def own_block_matrix(blocks: Sequence[DomBlock], page: PageContext) -> np.ndarray:
    """The block-only columns (``BLOCK_FEATURES`` up to the page's)."""
    n = len(blocks)
    if not n:
        return np.zeros((0, len(_BLOCK_OWN_FEATURES)), dtype=np.float32)
    counts = text_counts(blocks)
    words = [len(b.words) for b in blocks]
    page_words = max(sum(words), 1)
    chars_before = np.cumsum([0] + [len(b.text) for b in blocks])
    total_chars = max(int(chars_before[-1]), 1)
    headline = headline_index(blocks, page.titles)
    votes = extractor_votes(blocks, page.extracted_text)
    parents = [b.element.getparent() for b in blocks]  # kept alive: lxml proxies stay the same objects
    containers = [_container(b.element) for b in blocks]
    parent_words: Counter[object] = Counter()
    container_words: Counter[object] = Counter()
    container_links: Counter[object] = Counter()
    container_count: Counter[object] = Counter()
    for b, parent, container, w in zip(blocks, parents, containers, words, strict=True):
        parent_words[parent] += w
        container_words[container] += w
        container_links[container] += b.link_chars
        container_count[container] += 1
    container_chars: Counter[object] = Counter()
    for b, container in zip(blocks, containers, strict=True):
        container_chars[container] += len(b.text)
    above = lineages([b.element for b in blocks])
    by_lineage: dict[int, list[float]] = {}  # blocks of one parent share its lineage's columns
    own_rows = []
    for i, block in enumerate(blocks):
        shape = text_shape(block.text, counts[i])
        shape[2] = block.link_chars / max(len(block.text), 1)
        shape[3] = block.links / max(words[i], 1)
        lineage = above[block.element]
        ancestors = by_lineage.get(id(lineage))  # every lineage stays alive in ``above``: ids stay unique
        if ancestors is None:
            ancestors = by_lineage[id(lineage)] = lineage_columns(lineage)
        container = containers[i]
        own_rows.append([
            *shape, float(TAG_CODES.get(str(block.element.tag), 0)), *ancestors,
            *own_family_columns(_class_value(block.element)),
            i / n, chars_before[i] / total_chars,
            float(headline >= 0 and i > headline), (i - headline) / n if headline >= 0 else 0.0, float(headline >= 0),
            parent_words[parents[i]] / page_words, container_words[container] / page_words,
            container_links[container] / max(container_chars[container], 1), math.log1p(container_count[container]),
            float(page.pruned[i]), votes[i],
        ])
    since_heading, heading_kept = heading_context(blocks, votes)
    matrix = np.hstack([np.asarray(own_rows, dtype=np.float32), np.asarray(
        [container_kept_shares(containers, words, votes), since_heading, heading_kept],
        dtype=np.float32).T])
    neighbour_columns = [BLOCK_FEATURES.index(name) for name in _NEIGHBOUR_SOURCES]
    source = matrix[:, neighbour_columns]
    prev = np.vstack([np.full((1, len(neighbour_columns)), -1, dtype=np.float32), source[:-1]])
    nxt = np.vstack([source[1:], np.full((1, len(neighbour_columns)), -1, dtype=np.float32)])
    extracted_words = len(_WORD.findall(page.extracted_text))
    page_columns = np.tile(np.asarray(
        [math.log1p(page_words), math.log1p(n), extracted_words / page_words], dtype=np.float32), (n, 1))
    return np.hstack([matrix, prev, nxt, page_columns])
