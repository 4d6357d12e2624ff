"""The page-type seed experiment (``benchmarks/page_type_seeds.py``) and the softmax word model
it measured (shipped in ``page_words``): the model, the article weight when types are ranked, and
how the weight is chosen on half of corpus/meta."""

from __future__ import annotations

import numpy as np
import pytest

from benchmarks.page_type_seeds import (
    ARTICLE,
    MetaPage,
    SeedRun,
    chosen_weight,
    fold_accuracies,
    meta_article_counts,
    ranked_types,
    served_reading,
    site_half,
)
from tasks.clean.features.page import PAGE_FEATURES
from tasks.clean.features.page_words import fit_softmax_word_model
from tasks.clean.html.extract import read_page
from tasks.clean.model import PAGE_TYPES
from tasks.common.html_parse import parse_html

TYPES = ("article", "listing")


def _pages() -> list[tuple[list[str], str, str]]:
    """Articles say "story", listings "archive", on three sites each; "lonely" is on one site only."""
    pages = [(["t:story", "t:lonely"], "a.example", "article")]
    pages += [(["t:story"], f"{s}.example", "article") for s in "bcd"]
    pages += [(["t:archive"], f"{s}.example", "listing") for s in "efg"]
    return pages


def test_the_softmax_model_learns_which_words_mark_a_type() -> None:
    model = fit_softmax_word_model(_pages(), TYPES)
    story, archive = model.probabilities(["t:story"]), model.probabilities(["t:archive"])
    assert story[0] > 0.6 > story[1]
    assert archive[1] > 0.6 > archive[0]
    assert story.sum() == pytest.approx(1.0)


def test_the_softmax_model_keeps_only_words_of_three_sites() -> None:
    model = fit_softmax_word_model(_pages(), TYPES)
    assert set(model.log_word) == {"t:story", "t:archive"}
    assert model.probabilities(["t:lonely"]) == pytest.approx(model.probabilities([]))
    assert fit_softmax_word_model(_pages(), TYPES).log_word == model.log_word  # L-BFGS from zeros: repeatable


def test_a_stronger_penalty_gives_less_sure_probabilities() -> None:
    loose = fit_softmax_word_model(_pages(), TYPES, l2=0.1).probabilities(["t:story"])[0]
    tight = fit_softmax_word_model(_pages(), TYPES, l2=10.0).probabilities(["t:story"])[0]
    assert loose > tight > 0.5


def test_the_article_weight_turns_a_close_call_only() -> None:
    close = np.zeros(len(PAGE_TYPES))
    close[ARTICLE], close[PAGE_TYPES.index("listing")] = 0.45, 0.55
    clear = np.zeros(len(PAGE_TYPES))
    clear[ARTICLE], clear[PAGE_TYPES.index("listing")] = 0.2, 0.8
    probabilities = np.vstack([close, clear])
    assert list(ranked_types(probabilities, 1.0)) == [PAGE_TYPES.index("listing")] * 2
    assert list(ranked_types(probabilities, 1.3)) == [ARTICLE, PAGE_TYPES.index("listing")]


def test_the_smallest_weight_reaching_the_floor_is_chosen() -> None:
    assert chosen_weight({1.0: 198.0, 1.2: 201.5, 1.5: 204.0}, 201.2) == 1.2
    assert chosen_weight({1.0: 198.0, 1.2: 199.0}, 201.2) is None


def test_a_site_falls_in_one_half_always() -> None:
    halves = {site_half(f"site{n}.example") for n in range(40)}
    assert halves == {0, 1}
    assert site_half("news.example") == site_half("news.example")


def test_fold_accuracies_and_meta_counts() -> None:
    rows = [{"fold": 0, "type": "article", "predicted_type": "article"},
            {"fold": 0, "type": "listing", "predicted_type": "article"},
            {"fold": 1, "type": "listing", "predicted_type": "listing"}]
    assert fold_accuracies(rows, 2) == [0.5, 1.0]
    sites = ["site0.example", "site1.example", "site2.example", "site3.example"]
    meta = [MetaPage(s, np.zeros(1), np.zeros(1), []) for s in sites]
    article, listing = np.zeros(len(PAGE_TYPES)), np.zeros(len(PAGE_TYPES))
    article[ARTICLE], listing[PAGE_TYPES.index("listing")] = 1.0, 1.0
    run = SeedRun([], [np.vstack([article, article, listing, article])])
    assert [site_half(s) for s in sites] == [1, 0, 1, 1]
    # site1 (tuning half) an article; site0 and site3 (check half) articles, site2 a listing
    assert meta_article_counts(meta, run, 1.0) == [(1, 2)]


def test_the_served_reading_sees_a_story_a_menu_button_swallowed() -> None:
    paragraphs = "".join(f"<p>{'A sentence of the story goes on here. ' * 6}</p>" for _ in range(4))
    html = f"<html><body><nav><button>Menu<div>{paragraphs}</button></nav></body></html>"
    log_words = PAGE_FEATURES.index("log_words")
    served = served_reading(html, "https://news.example/story")
    root = parse_html(html)
    assert served is not None and root is not None
    assert served.page_features[log_words] > read_page(root, "https://news.example/story").page_features[log_words]
