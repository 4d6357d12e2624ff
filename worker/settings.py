"""Every setting copydesk reads from the environment, in one place (prefix ``COPYDESK_``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import SplitResult, unquote, urlsplit

from pydantic import Field, ValidationError, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from worker.errors import InvalidSetting

# The largest batch a task may carry: its time limits grow with it, and so does what one lost
# worker takes down.
MAX_BATCH_SIZE = 1000
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
        default=None, validate_default=True,
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
        description="Per article and stage, CPU seconds: past this the article fails with a time-limit error.",
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
    batch_size: int = Field(
        default=25, ge=1, le=MAX_BATCH_SIZE, description="Articles per task for submit_many."
    )

    @field_validator("redis_url")
    @classmethod
    def _sentinel_addresses_are_well_formed(cls, url: str | None) -> str | None:
        if url and is_sentinel_url(url):
            _sentinel_parts(url)
        return url

    @field_validator("redis_master_name")
    @classmethod
    def _sentinels_need_a_master_name(cls, name: str | None, info: ValidationInfo) -> str | None:
        url = info.data.get("redis_url")
        if url and is_sentinel_url(url) and not name:
            msg = "COPYDESK_REDIS_URL names Sentinels: set this to the name they monitor the primary under"
            raise ValueError(msg)
        return name


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


def is_sentinel_url(url: str) -> bool:
    """Whether ``url`` names Sentinels rather than a Redis server."""
    return url.startswith(f"{SENTINEL_SCHEME}://")


def sentinel_address(settings: Settings) -> SentinelAddress | None:
    """The Sentinels named by ``COPYDESK_REDIS_URL``, or None for a plain Redis (or none).

    The URL is Celery's own broker form, ``sentinel://[:password@]host:port/db;sentinel://host:port``,
    so one string serves the broker, the store, the client and Flower.
    """
    url = settings.redis_url
    if not url or not is_sentinel_url(url):
        return None
    parts = _sentinel_parts(url)
    first = parts[0]
    return SentinelAddress(
        sentinels=tuple((p.hostname or "", p.port or DEFAULT_SENTINEL_PORT) for p in parts),
        master_name=settings.redis_master_name or "",
        db=int(first.path.strip("/") or "0"),
        username=unquote(first.username) if first.username else None,
        password=unquote(first.password) if first.password else None,
    )


def _sentinel_parts(url: str) -> list[SplitResult]:
    """The ``;``-separated addresses of a Sentinel URL (ValueError if one is not sentinel://host)."""
    parts = [urlsplit(part.strip()) for part in url.split(";") if part.strip()]
    if any(part.scheme != SENTINEL_SCHEME or not part.hostname for part in parts):
        msg = f"every address in a Sentinel URL must be sentinel://host:port, got {url!r}"
        raise ValueError(msg)
    if not (parts[0].path.strip("/") or "0").isdigit():
        msg = f"the database in {url!r} must be a number"
        raise ValueError(msg)
    return parts


# Settings only a broker and its workers read. Commands that run in-process (``process``,
# ``demo`` on the in-memory transport) fall back to the defaults of these when they are invalid.
BROKER_ONLY_FIELDS = frozenset({
    "batch_size", "visibility_timeout_s", "stale_after_s", "sweep_interval_s", "worker_concurrency",
})
ENV_PREFIX = "COPYDESK_"
# Fields read from their defaults instead of the environment (see ``ignoring_invalid``).
_fallbacks: dict[str, Any] = {}


def settings_error(exc: ValidationError) -> InvalidSetting:
    """One line naming each invalid variable, its value and why it is refused."""
    parts = []
    for error in exc.errors():
        name = ENV_PREFIX + ".".join(str(p) for p in error["loc"]).upper()
        parts.append(f"{name}={error['input']!r}: {error['msg']}")
    return InvalidSetting("invalid setting " + "; ".join(parts))


def invalid_fields(exc: ValidationError) -> set[str]:
    """The names of the fields a settings error is about."""
    return {str(error["loc"][0]) for error in exc.errors() if error["loc"]}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, read from the environment once.

    Raises:
        InvalidSetting: a variable's value is invalid (the message names it).
    """
    try:
        return Settings(**_fallbacks)
    except ValidationError as exc:
        raise settings_error(exc) from None


def with_redis_url(settings: Settings, redis_url: str) -> Settings:
    """``settings`` pointed at another Redis, validated again (Sentinels need a master name).

    Raises:
        InvalidSetting: the URL is malformed, or names Sentinels without a master name.
    """
    try:
        return Settings(**{**settings.model_dump(), "redis_url": redis_url})
    except ValidationError as exc:
        raise settings_error(exc) from None


@contextmanager
def ignoring_invalid(fields: frozenset[str]) -> Iterator[list[str]]:
    """Within the block, invalid values of ``fields`` give way to their defaults.

    Yields the environment variables ignored, for a command that never reads them to say so.
    An invalid value of any other field still raises ``InvalidSetting``.
    """
    try:
        Settings()
        ignored: set[str] = set()
    except ValidationError as exc:
        ignored = invalid_fields(exc)
        if not ignored <= fields:
            raise settings_error(exc) from None
    _fallbacks.update({name: Settings.model_fields[name].default for name in ignored})
    get_settings.cache_clear()
    try:
        yield sorted(ENV_PREFIX + name.upper() for name in ignored)
    finally:
        _fallbacks.clear()
        get_settings.cache_clear()
