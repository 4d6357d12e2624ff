"""Unit-ring fixtures: a Celery app on the in-memory broker, and reading what it was sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery

from tests.scraped import ARTICLES, ScrapedArticle
from worker.app import create_app
from worker.settings import Settings


@pytest.fixture(scope="module", params=ARTICLES)
def scraped_article(request: pytest.FixtureRequest) -> ScrapedArticle:
    """Each scraped-text article of tests/scraped.py (the seed one only where ../shared is)."""
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def scraped_expected(scraped_article: ScrapedArticle) -> dict[str, Any]:
    """Its expected.json."""
    return scraped_article.expected()


@pytest.fixture
def app(settings: Settings) -> Iterator[Celery]:
    """A Celery app for the test module's ``settings`` fixture (in-memory broker: no Redis URL)."""
    app = create_app(settings)
    yield app
    app.close()


def queued_messages(app: Celery, queue: str) -> list[dict[str, Any]]:
    """Drain the in-memory queue: each message's task name and the article ids it carries."""
    messages = []
    with app.connection_for_read() as conn:
        channel = conn.default_channel
        while (message := channel.basic_get(queue)) is not None:
            messages.append({"task": message.headers["task"], "ids": json.loads(message.body)[0][0]})
    return messages
