"""Fixtures shared by every ring: global state reset, paths, sample payloads."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from worker.settings import get_settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "action-news-recruiter.txt"
SAMPLES = ROOT / "worker" / "samples"


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
def seed_text() -> str:
    """The real scraped payload of ../shared/seed (skipped when ../shared is absent)."""
    if not SEED.exists():
        pytest.skip(f"seed payload not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def sample_html() -> str:
    """Our own sample HTML article (worker/samples)."""
    return (SAMPLES / "harbour-bridge.html").read_text(encoding="utf-8")


@pytest.fixture
def sample_text() -> str:
    """Our own sample scraped-text article (worker/samples)."""
    return (SAMPLES / "river-festival.txt").read_text(encoding="utf-8")
