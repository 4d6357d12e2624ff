"""The stage-boundary models: ids, validation messages, JSON only, stable schema."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from tasks.models import ArticleIn, ArticleResult, ContentType, JobStatus, stable_article_id
from worker.errors import InvalidPayload, PayloadTooLarge
from worker.payloads import to_article


def test_id_defaults_to_a_stable_hash_of_url_and_content() -> None:
    """Same url + content gives the same id; another url gives another."""
    a = ArticleIn(url="https://a.example/x", content="body")
    b = ArticleIn(url="https://a.example/x", content="body")
    c = ArticleIn(url="https://a.example/y", content="body")
    assert a.id == b.id == stable_article_id("https://a.example/x", "body")
    assert a.id != c.id


def test_given_id_is_kept() -> None:
    """A producer's own id wins over the hash."""
    assert ArticleIn(id="feed-42", content="x").id == "feed-42"


def test_validation_error_names_field_and_reason() -> None:
    """A wrong content_type and a missing content are both named."""
    with pytest.raises(InvalidPayload) as info:
        to_article({"content_type": "pdf"}, max_bytes=100)
    message = str(info.value)
    assert "content_type" in message
    assert "content: Field required" in message


def test_payload_over_the_limit_is_refused_with_sizes() -> None:
    """The size limit applies to the encoded content and says both numbers."""
    with pytest.raises(PayloadTooLarge, match="payload is 11 bytes, over the limit of 10 bytes"):
        to_article({"content": "é" * 5 + "x"}, max_bytes=10)


def test_models_are_frozen_and_forbid_unknown_fields() -> None:
    """A typo in a producer fails loudly; stage outputs cannot be mutated."""
    with pytest.raises(ValidationError, match="extra"):
        ArticleIn.model_validate({"content": "x", "contnet_type": "html"})
    article = ArticleIn(content="x")
    with pytest.raises(ValidationError):
        article.content = "y"  # type: ignore[misc]


def test_article_round_trips_through_json() -> None:
    """Messages are JSON: what goes in comes back equal."""
    article = ArticleIn(content="<p>x</p>", content_type=ContentType.HTML, extra={"feed": "f"})
    assert ArticleIn.model_validate_json(article.model_dump_json()) == article


def test_result_schema_has_the_documented_fields() -> None:
    """The result JSON keeps its documented top-level and metadata fields."""
    schema = ArticleResult.model_json_schema()
    assert {"id", "status", "source", "text", "sections", "metadata", "error", "pipeline_version",
            "timings_ms"} <= set(schema["properties"])
    metadata = schema["$defs"]["Metadata"]["properties"]
    assert {"title", "subtitle", "authors", "published_at", "site_name", "section", "language",
            "images", "word_count"} <= set(metadata)
    assert set(schema["$defs"]["JobStatus"]["enum"]) == {s.value for s in JobStatus}


def test_a_url_urllib_cannot_split_is_refused_as_a_payload_error() -> None:
    """An unsplittable URL fails validation at the boundary instead of crashing a stage later."""
    with pytest.raises(ValidationError, match="Invalid IPv6 URL"):
        ArticleIn(id="bad-url", content="<p>text</p>", url="http://[::1")
    assert ArticleIn(id="ok-url", content="<p>text</p>", url="https://example.org/a/b").url == "https://example.org/a/b"
