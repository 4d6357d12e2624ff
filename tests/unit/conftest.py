"""Unit-ring fixtures: a Celery app on the in-memory broker, and reading what it was sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
from celery import Celery

from worker.app import create_app
from worker.settings import Settings


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
