"""Every setting copydesk reads from the environment, in one place (prefix ``COPYDESK_``)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Runtime settings. Each duration carries its unit in its name."""

    model_config = SettingsConfigDict(env_prefix="COPYDESK_", extra="ignore", env_ignore_empty=True)

    redis_url: str | None = Field(
        default=None,
        description="Redis for broker and results (redis://, rediss:// for TLS, password in the URL). "
        "Unset: in-memory broker and store (embedded mode).",
    )
    key_prefix: str = Field(default="copydesk", description="Prefix of every Redis key copydesk writes.")
    queue: str = Field(default="copydesk", description="Celery queue the stage tasks run on.")
    result_ttl_s: int | None = Field(
        default=None, ge=1, description="Seconds to keep results; unset keeps them forever."
    )
    payload_ttl_s: int = Field(
        default=7 * 24 * 3600, ge=60,
        description="Seconds a stored payload and stage outputs live (enough to retry failed articles).",
    )
    max_payload_bytes: int = Field(default=5_000_000, ge=1, description="Largest accepted payload content.")
    max_retries: int = Field(default=5, ge=0, description="Retries of a transient error or a lost worker.")
    article_soft_limit_s: float = Field(
        default=20.0, gt=0,
        description="Per article and stage: past this the article fails with a time-limit error.",
    )
    article_hard_limit_s: float = Field(
        default=30.0, gt=0,
        description="Per article and stage: past this the worker process is killed and replaced.",
    )
    visibility_timeout_s: int = Field(
        default=3600, ge=60,
        description="Redis redelivers an unacked message after this; must exceed the hard limit "
        "plus the time a message waits in a worker's prefetch buffer.",
    )
    stale_after_s: int = Field(
        default=3900, ge=10,
        description="An unfinished article whose status has not changed for this long, nor since the "
        "queue was last empty, is re-sent by the workers' sweeper (covers messages lost with a Redis "
        "crash); above the visibility timeout plus ~10 s, when a dead worker's messages come back.",
    )
    lease_s: int = Field(
        default=10, ge=2,
        description="A worker renews the leases of the articles it holds every lease_s / 5; once one "
        "lapses (its worker died), any worker re-sends the article within about lease_s / 5.",
    )
    soft_shutdown_s: float = Field(
        default=5.0, ge=0,
        description="On SIGTERM a worker lets running batches finish for this long, then hands "
        "them back to the queue (Celery's soft shutdown); keep compose's stop_grace_period above it.",
    )
    sweep_interval_s: int = Field(default=60, ge=1, description="How often one worker looks for stale articles.")
    worker_concurrency: int | None = Field(default=None, ge=1, description="Worker processes (default: CPUs).")
    batch_size: int = Field(default=25, ge=1, le=1000, description="Articles per task for submit_many.")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
