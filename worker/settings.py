"""Every setting copydesk reads from the environment, in one place (prefix ``COPYDESK_``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

SENTINEL_SCHEME = "sentinel"
# Sentinel's own port, used when a sentinel:// address names none (as kombu does).
DEFAULT_SENTINEL_PORT = 26379


class Settings(BaseSettings):
    """Runtime settings. Each duration carries its unit in its name."""

    model_config = SettingsConfigDict(env_prefix="COPYDESK_", extra="ignore", env_ignore_empty=True)

    redis_url: str | None = Field(
        default=None,
        description="Redis for broker and results (redis://, rediss:// for TLS, password in the URL), or "
        "its Sentinels as Celery writes them: sentinel://h1:26379/0;sentinel://h2:26379. "
        "Unset: in-memory broker and store (embedded mode).",
    )
    redis_master_name: str | None = Field(
        default=None,
        description="With sentinel:// addresses: the name the Sentinels monitor the primary under "
        "(Celery's broker_transport_options master_name).",
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
    sweep_interval_s: int = Field(default=60, ge=1, description="How often one worker looks for stale articles.")
    worker_concurrency: int | None = Field(default=None, ge=1, description="Worker processes (default: CPUs).")
    batch_size: int = Field(default=25, ge=1, le=1000, description="Articles per task for submit_many.")

    @model_validator(mode="after")
    def _sentinels_need_a_master_name(self) -> Settings:
        if sentinel_address(self) is not None and not self.redis_master_name:
            msg = "COPYDESK_REDIS_URL names Sentinels: set COPYDESK_REDIS_MASTER_NAME to the primary's name"
            raise ValueError(msg)
        return self


@dataclass(frozen=True, slots=True)
class SentinelAddress:
    """A Sentinel-managed Redis: where the Sentinels listen and what to ask them for.

    The password, username and database are the primary's, read from the first address as kombu's
    sentinel transport reads them; the Sentinels themselves are reached without a password.
    """

    sentinels: tuple[tuple[str, int], ...]
    master_name: str
    db: int
    username: str | None
    password: str | None


def sentinel_address(settings: Settings) -> SentinelAddress | None:
    """The Sentinels named by ``COPYDESK_REDIS_URL``, or None for a plain Redis (or none).

    The URL is Celery's own broker form, ``sentinel://[:password@]host:port/db;sentinel://host:port``,
    so one string serves the broker, the store, the client and Flower.
    """
    url = settings.redis_url
    if not url or not url.startswith(f"{SENTINEL_SCHEME}://"):
        return None
    parts = [urlsplit(part.strip()) for part in url.split(";") if part.strip()]
    if any(part.scheme != SENTINEL_SCHEME or not part.hostname for part in parts):
        msg = f"every address in a Sentinel COPYDESK_REDIS_URL must be sentinel://host:port, got {url!r}"
        raise ValueError(msg)
    first = parts[0]
    db_path = first.path.strip("/") or "0"
    if not db_path.isdigit():
        msg = f"the database in {url!r} must be a number"
        raise ValueError(msg)
    return SentinelAddress(
        sentinels=tuple((p.hostname or "", p.port or DEFAULT_SENTINEL_PORT) for p in parts),
        master_name=settings.redis_master_name or "",
        db=int(db_path),
        username=unquote(first.username) if first.username else None,
        password=unquote(first.password) if first.password else None,
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once."""
    return Settings()
