"""The whole article in-process, through the same functions the workers call."""

from __future__ import annotations

import gc

from tasks.common.blocks import block_text
from tasks.metadata.gazetteers import dictionary_words
from tasks.models import ArticleIn, ArticleResult, JobStatus
from tasks.pipeline import process, warm_up


def _section_text(result: ArticleResult) -> str:
    parts = []
    for section in result.sections:
        if section.heading:
            parts.append(section.heading)
        parts.extend(t for t in map(block_text, section.blocks) if t)
    return "\n\n".join(parts)


def test_html_article_is_processed_end_to_end(sample_html: str) -> None:
    """Text, sections and timings for an HTML page; chrome is not in the text."""
    result = process(ArticleIn(content=sample_html))
    assert result.status is JobStatus.DONE
    assert result.source is not None and result.source.content_type == "html"
    assert "4.2 million euros" in result.text
    assert "Accept all" not in result.text and "All rights reserved" not in result.text
    assert result.metadata.word_count > 50
    assert set(result.timings_ms) == {"clean", "split_sections", "extract_metadata"}


def test_text_article_is_processed_end_to_end(sample_text: str) -> None:
    """A scraped text gives a done result with body paragraphs."""
    result = process(ArticleIn(content=sample_text))
    assert result.status is JobStatus.DONE
    assert result.source is not None and result.source.content_type == "text"
    assert "More than 40,000 people came to the riverside" in result.text


def test_sections_hold_exactly_the_text(sample_html: str, sample_text: str) -> None:
    """Headings and blocks of all sections, joined, equal the text: nothing lost or doubled."""
    for content in (sample_html, sample_text):
        result = process(ArticleIn(content=content))
        assert _section_text(result) == result.text


def test_failure_becomes_a_failed_result() -> None:
    """A rejected payload is a failed result naming the stage, not an exception."""
    result = process(ArticleIn(content="\x00" * 10))
    assert result.status is JobStatus.FAILED
    assert result.error is not None and result.error.stage == "clean"


def test_warm_up_freezes_what_it_loaded_out_of_the_collector() -> None:
    """After warm-up the loaded data sits in the collector's permanent generation, the word
    list that only some plain-text bylines read among it."""
    gc.unfreeze()
    dictionary_words.cache_clear()
    try:
        warm_up()
        assert gc.get_freeze_count() > 10_000  # the parsers', gazetteers' and modules' objects
        assert dictionary_words.cache_info().currsize == 1
    finally:
        gc.unfreeze()  # the rest of the suite runs with a normal collector


def test_an_article_failed_in_clean_keeps_its_source() -> None:
    """The failed result carries the url, path and declared type it was submitted with."""
    article = ArticleIn(content="", url="https://example.com/e", content_type="html", extra={"path": "in/e.html"})
    result = process(article)
    assert result.status is JobStatus.FAILED and result.source is not None
    assert (result.source.url, result.source.path, result.source.declared_content_type) == (
        "https://example.com/e", "in/e.html", "html")


def test_an_article_whose_text_is_mostly_replacement_characters_fails_with_the_reason() -> None:
    """Cyrillic read with the wrong charset: ASCII markup dilutes U+FFFD in the page, not in the text."""
    garbled = "\ufffd\ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd. " * 8
    page = ("<html><head><title>News</title><style>" + "p { margin: 0 }\n" * 600 + "</style></head><body>"
            f"<article><h1>News</h1><p>{garbled}</p><p>{garbled}</p></article></body></html>")
    result = process(ArticleIn(content=page))
    assert result.status is JobStatus.FAILED and result.error is not None
    assert result.error.stage == "clean" and "replacement characters (U+FFFD)" in result.error.message
    readable = process(ArticleIn(content=page.replace(garbled, "Le caf\ufffd de la gare a rouvert hier matin. " * 8)))
    assert readable.status is JobStatus.DONE
