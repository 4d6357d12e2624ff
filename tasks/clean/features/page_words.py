"""The words a page names itself with (its ``<title>``, ``h1``-``h3`` headings and URL path) and
the words of its short links and buttons ("Add to cart", "Reply", "Read more", "Get a quote"),
and one word model per group of them whose page-type probabilities feed the page-type
classifier: a softmax regression over which words a page holds, which beat naive Bayes
(``fit_word_model``, kept for the comparison) on the domain-grouped folds (CHANGELOG, round 34).

The vocabulary is learned, and kept only for words found on pages of at least ``MIN_SITES``
different sites of the training corpus: no word of a single site decides a page's type.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import numpy as np
from lxml.html import HtmlElement

MIN_SITES = 3
# Add-half smoothing of the per-type word counts (naive Bayes).
SMOOTHING = 0.5
# The softmax regression's L2 penalty (round 30's fold means: 0.5 0.8959, 1.0 0.8973, 3.0 0.8928)
# and its optimiser's iteration cap.
L2_PENALTY = 1.0
MAX_ITERATIONS = 500
MAX_HEADING_CHARS = 3000
# A link or button of at most this many words is a control ("Add to cart", "Load more posts"),
# not a teaser's headline: its words are the page's control vocabulary.
MAX_CONTROL_WORDS = 4
_WORD = re.compile(r"[^\W\d_]{3,}")
# The token groups (by prefix) and the model each feeds: the naming words and the control words
# apart, as one model over both let the many control words drown the naming ones (fold means,
# CHANGELOG).
TOKEN_GROUPS = {"words": ("t", "h", "u"), "links": ("l",)}


def page_tokens(root: HtmlElement, url: str | None) -> list[str]:
    """The page's naming words, each prefixed by where it was found (``t:`` title, ``h:``
    headings, ``u:`` URL path), once each."""
    title = " ".join(t.text_content() for t in root.iterfind(".//title"))
    headings = " ".join(h.text_content() for tag in ("h1", "h2", "h3") for h in root.iter(tag))[:MAX_HEADING_CHARS]
    path = urlsplit(url or "").path
    tokens = {f"{prefix}:{w}" for prefix, text in (("t", title), ("h", headings), ("u", path))
              for w in _WORD.findall(text.lower())}
    return sorted(tokens | control_tokens(root))


def control_tokens(root: HtmlElement) -> set[str]:
    """The words (``l:``) of the page's links and buttons of at most ``MAX_CONTROL_WORDS`` words."""
    tokens: set[str] = set()
    for el in root.iter("a", "button"):
        text = el.text_content() if len(el) else el.text or ""  # childless (most): its text is all
        words = _WORD.findall(text.lower())
        if len(words) <= MAX_CONTROL_WORDS:
            tokens.update(words)
    return {f"l:{w}" for w in tokens}


@dataclass(frozen=True)
class WordModel:
    """Per-type log-probabilities of the vocabulary's words (Bernoulli-style presence counts)."""

    types: tuple[str, ...]
    log_prior: list[float]
    log_word: dict[str, list[float]]

    def probabilities(self, tokens: Iterable[str]) -> np.ndarray:
        """The page-type probabilities of a page's tokens (the prior for a page without known words)."""
        score = np.asarray(self.log_prior, dtype=np.float64)
        for token in tokens:
            values = self.log_word.get(token)
            if values is not None:
                score = score + np.asarray(values)
        score -= score.max()
        exp = np.exp(score)
        probabilities: np.ndarray = (exp / exp.sum()).astype(np.float32)
        return probabilities

    def to_json(self) -> dict[str, object]:
        """A JSON-ready record (rounded: the file is shipped in the package)."""
        return {"types": list(self.types), "log_prior": [round(v, 5) for v in self.log_prior],
                "log_word": {w: [round(v, 4) for v in vs] for w, vs in sorted(self.log_word.items())}}

    @classmethod
    def from_json(cls, record: dict[str, object]) -> WordModel:
        """The model back from ``to_json``'s record."""
        return cls(tuple(record["types"]), list(record["log_prior"]), dict(record["log_word"]))  # type: ignore[call-overload, arg-type]


def fit_word_model(pages: Sequence[tuple[list[str], str, str]], types: Sequence[str]) -> WordModel:
    """A word model from (tokens, site, page type) triples."""
    sites: dict[str, set[str]] = defaultdict(set)
    for tokens, site, _ in pages:
        for token in tokens:
            sites[token].add(site)
    vocabulary = sorted(t for t, s in sites.items() if len(s) >= MIN_SITES)
    index = {t: i for i, t in enumerate(vocabulary)}
    counts = np.full((len(vocabulary), len(types)), SMOOTHING)
    prior = np.ones(len(types))
    for tokens, _, page_type in pages:
        column = types.index(page_type)
        prior[column] += 1
        for token in tokens:
            row = index.get(token)
            if row is not None:
                counts[row, column] += 1
    totals = counts.sum(axis=0)
    log_word = {t: [math.log(c / total) for c, total in zip(counts[i], totals, strict=True)]
                for t, i in index.items()}
    return WordModel(tuple(types), [math.log(p / prior.sum()) for p in prior], log_word)


@dataclass(frozen=True)
class PageWordModels:
    """One word model per token group (``TOKEN_GROUPS``); their probabilities side by side."""

    groups: dict[str, WordModel]

    def probabilities(self, tokens: Iterable[str]) -> np.ndarray:
        """Each group's page-type probabilities of the page's tokens of that group, in group order."""
        by_group = split_tokens(tokens)
        return np.concatenate([model.probabilities(by_group[name]) for name, model in self.groups.items()])

    def to_json(self) -> dict[str, object]:
        """A JSON-ready record: each group's model."""
        return {name: model.to_json() for name, model in self.groups.items()}

    @classmethod
    def from_json(cls, record: dict[str, dict[str, object]]) -> PageWordModels:
        """The models back from ``to_json``'s record."""
        return cls({name: WordModel.from_json(record[name]) for name in TOKEN_GROUPS})


def split_tokens(tokens: Iterable[str]) -> dict[str, list[str]]:
    """The tokens of each group of ``TOKEN_GROUPS``, by their prefix."""
    group_of = {prefix: name for name, prefixes in TOKEN_GROUPS.items() for prefix in prefixes}
    by_group: dict[str, list[str]] = {name: [] for name in TOKEN_GROUPS}
    for token in tokens:
        by_group[group_of[token.split(":", 1)[0]]].append(token)
    return by_group


def fit_softmax_word_model(pages: Sequence[tuple[list[str], str, str]], types: Sequence[str],
                           l2: float = L2_PENALTY) -> WordModel:
    """A word model whose probabilities are a softmax regression over the presence of the words
    found on pages of at least ``MIN_SITES`` sites: biases in ``log_prior``, weights in
    ``log_word``, so ``WordModel.probabilities`` is the regression's softmax. L-BFGS from zeros:
    deterministic, no seed."""
    # Training only, so the workers never pay scipy's import (a quarter second).
    from scipy import sparse  # noqa: PLC0415

    sites: dict[str, set[str]] = defaultdict(set)
    for tokens, site, _ in pages:
        for token in tokens:
            sites[token].add(site)
    index = {t: i for i, t in enumerate(sorted(t for t, s in sites.items() if len(s) >= MIN_SITES))}
    present = [(row, index[t]) for row, (tokens, _, _) in enumerate(pages) for t in set(tokens) if t in index]
    x = sparse.csr_matrix((np.ones(len(present)), ([r for r, _ in present], [c for _, c in present])),
                          shape=(len(pages), len(index)))
    truth = np.zeros((len(pages), len(types)))
    truth[np.arange(len(pages)), [types.index(page_type) for _, _, page_type in pages]] = 1.0
    weights, bias = _fit_softmax(x, truth, l2)
    return WordModel(tuple(types), [float(b) for b in bias],
                     {t: [float(w) for w in weights[i]] for t, i in index.items()})


def _fit_softmax(x: Any, truth: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Word weights (words x types) and biases minimising the cross-entropy plus ``l2`` times half
    the squared weights (``x``: a sparse pages x words presence matrix)."""
    from scipy import optimize  # noqa: PLC0415 (training only, as above)

    words, width = x.shape[1], truth.shape[1]

    def loss_and_gradient(theta: np.ndarray) -> tuple[float, np.ndarray]:
        weights, bias = theta[: words * width].reshape(words, width), theta[words * width:]
        scores = x @ weights + bias
        scores -= scores.max(axis=1, keepdims=True)
        log_p = scores - np.log(np.exp(scores).sum(axis=1, keepdims=True))
        error = np.exp(log_p) - truth
        loss = -float((truth * log_p).sum()) + 0.5 * l2 * float((weights * weights).sum())
        gradient = np.asarray(x.T @ error) + l2 * weights
        return loss, np.concatenate([gradient.ravel(), error.sum(axis=0)])

    fitted = optimize.minimize(loss_and_gradient, np.zeros(words * width + width), jac=True, method="L-BFGS-B",
                               options={"maxiter": MAX_ITERATIONS})
    return fitted.x[: words * width].reshape(words, width), fitted.x[words * width:]


WordFit = Callable[[Sequence[tuple[list[str], str, str]], Sequence[str]], WordModel]


def fit_word_models(pages: Sequence[tuple[list[str], str, str]], types: Sequence[str],
                    fit: WordFit = fit_softmax_word_model) -> PageWordModels:
    """One word model per token group from (tokens, site, page type) triples, each fitted by ``fit``."""
    split = [(split_tokens(tokens), site, page_type) for tokens, site, page_type in pages]
    return PageWordModels({name: fit([(groups[name], site, page_type) for groups, site, page_type in split], types)
                           for name in TOKEN_GROUPS})
