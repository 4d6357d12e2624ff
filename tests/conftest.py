"""Fixtures shared by every ring: global state reset, sample payloads, the suite's policy plugin."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.paths import SAMPLES
from worker.settings import get_settings

# Deselects tests whose needs (../shared, a Redis of their own) are unmet, with one line each.
pytest_plugins = ["tests.suite_policy"]


@pytest.fixture(autouse=True)
def _reset_global_state(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test starts from the environment it sets: no cached settings or stores."""
    from tasks import celery_tasks

    get_settings.cache_clear()
    celery_tasks.get_store.cache_clear()
    yield
    get_settings.cache_clear()
    celery_tasks.get_store.cache_clear()


@pytest.fixture
def sample_html() -> str:
    """Our own sample HTML article (worker/samples)."""
    return (SAMPLES / "harbour-bridge.html").read_text(encoding="utf-8")


@pytest.fixture
def sample_text() -> str:
    """Our own sample scraped-text article (worker/samples)."""
    return (SAMPLES / "river-festival.txt").read_text(encoding="utf-8")
