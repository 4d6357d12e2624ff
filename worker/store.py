"""The results store: per-article status with timestamps, stage outputs, results and failures.

``ResultStore`` is the protocol; ``RedisResultStore`` implements it on Redis, and
``InMemoryResultStore`` is the same code on an in-process fake Redis (embedded mode, tests).
Status changes run as Lua scripts so that the status field and the per-status indexes never
disagree, and so that a late or duplicated stage run can never move a finished article back.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from typing import IO, Any, Protocol

import redis
import redis.sentinel
import zstandard
from pydantic import BaseModel, ConfigDict
from redis.exceptions import NoScriptError

from tasks.models import PIPELINE_VERSION, STORED_PAYLOAD, ArticleIn, ArticleResult, ErrorInfo, JobStatus, SourceInfo
from tasks.stages import STORED_OUTPUT_STAGES
from worker.errors import StoreUnavailable
from worker.keys import Keys
from worker.settings import SentinelAddress, Settings, get_settings, sentinel_address

log = logging.getLogger(__name__)

# zstd level 3 (its default): on 20 KB pieces of real HTML it kept 24 % of the bytes in 0.19 ms,
# where zlib's default kept 22 % in 0.82 ms; producer throughput is what this buys.
COMPRESSION_LEVEL = 3
# Ids fetched per round trip when exporting or listing.
SCAN_CHUNK = 500
# Seconds to wait on Redis: long enough for a loaded server, short enough that a dead primary is
# given up on (and, with Sentinel, the new one asked for) within a task's retry budget.
SOCKET_TIMEOUT_S = 10
CONNECT_TIMEOUT_S = 5
# Sends of a script call refused with NOSCRIPT. redis-py loads missing scripts before each
# pipeline, so a second refusal needs a second failover (or SCRIPT FLUSH) within one round trip.
NOSCRIPT_ATTEMPTS = 3

# ARGV: id, now, epoch, payload, payload ttl, pipeline version, prefix. An id already known is
# refused (0), unless its final result came from another pipeline version: that one runs again.
_ACCEPT = """
local old = redis.call('HGET', KEYS[1], 'status')
if old then
  if (old ~= 'done' and old ~= 'failed') or redis.call('HGET', KEYS[1], 'version') == ARGV[6] then
    return 0
  end
  redis.call('SREM', ARGV[7] .. ':status:' .. old, ARGV[1])
  redis.call('DEL', KEYS[1])
end
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'status', 'queued', 'ts:queued', ARGV[2])
redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[5])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[1])
return 1
"""

# ARGV: prefix, id, new status, now, force, result blob, error json, ttl seconds (0: none), epoch,
# pipeline version of a final result.
# 'finishes' counts the final results written (one unless a forced retry ran the article again).
_TRANSITION = """
local old = redis.call('HGET', KEYS[1], 'status')
if not old then return -1 end
local new = ARGV[3]
local final = (new == 'done' or new == 'failed')
if ARGV[5] ~= '1' and (old == 'done' or old == 'failed') then
  -- A final article is written once: a late or duplicated run's result is refused (and counted).
  if final then redis.call('HINCRBY', KEYS[1], 'finishes_refused', 1) end
  return 0
end
if old ~= new then
  redis.call('SREM', ARGV[1] .. ':status:' .. old, ARGV[2])
  redis.call('SADD', ARGV[1] .. ':status:' .. new, ARGV[2])
end
redis.call('HSET', KEYS[1], 'status', new, 'ts:' .. new, ARGV[4])
if not final then
  redis.call('HINCRBY', KEYS[1], 'runs:' .. new, 1)
  redis.call('HDEL', KEYS[1], 'result', 'error')
end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'result', ARGV[6]) end
if ARGV[7] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[7]) end
if final then
  redis.call('HINCRBY', KEYS[1], 'finishes', 1)
  redis.call('HSET', KEYS[1], 'version', ARGV[10])
  redis.call('ZREM', ARGV[1] .. ':inflight', ARGV[2])
else
  redis.call('ZADD', ARGV[1] .. ':inflight', ARGV[9], ARGV[2])
end
if final and tonumber(ARGV[8]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[8]) end
if new == 'queued' then redis.call('PERSIST', KEYS[1]) end
return 1
"""


class StatusRecord(BaseModel):
    """What ``status(id)`` answers: the current status, when each was reached, the error."""

    model_config = ConfigDict(frozen=True)

    id: str
    status: JobStatus
    history: dict[str, str]
    runs: dict[str, int]
    error: ErrorInfo | None = None


_codecs = threading.local()  # zstd (de)compressors are not safe to share between threads


def _compressor() -> zstandard.ZstdCompressor:
    if not hasattr(_codecs, "compressor"):
        _codecs.compressor = zstandard.ZstdCompressor(level=COMPRESSION_LEVEL)
        _codecs.decompressor = zstandard.ZstdDecompressor()
    return _codecs.compressor  # type: ignore[no-any-return]


def compress(data: bytes) -> bytes:
    """zstd-compressed bytes."""
    return _compressor().compress(data)


def decompress(blob: bytes) -> bytes:
    """The bytes ``compress`` was given."""
    _compressor()
    return _codecs.decompressor.decompress(blob)  # type: ignore[no-any-return]


def pack(model: BaseModel, exclude: set[str] | None = None) -> bytes:
    """A model as compressed JSON bytes."""
    return compress(model.model_dump_json(exclude=exclude).encode("utf-8"))


def unpack_json(blob: bytes) -> Any:
    """Compressed JSON bytes back to plain JSON data."""
    return json.loads(decompress(blob))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class ResultStore(Protocol):
    """Where articles, their stage outputs and their results live.

    Every method raises ``StoreUnavailable`` when the backing store cannot be reached.
    """

    def accept_many(self, articles: Iterable[ArticleIn]) -> list[bool]:
        """Record new articles as ``queued`` with their payloads.

        Returns:
            One flag per article: False when that id was already known (nothing written), unless
            its final result came from another pipeline version: then it is accepted afresh.
        """

    def payload(self, article_id: str) -> ArticleIn | None:
        """The stored payload of an article, or None if it expired or was never accepted."""

    def mark(self, article_id: str, status: JobStatus, *, force: bool = False) -> bool:
        """Move an article to a non-final status; False if it is unknown or already final."""

    def finish(self, result: ArticleResult) -> bool:
        """Record a final result (done or failed); a done article is never failed later."""

    def put_stage(self, article_id: str, stage: str, output: BaseModel) -> None:
        """Keep a stage's output for the next stage."""

    def get_stage(self, article_id: str, stage: str) -> Any | None:
        """A stage's output as JSON data, or None."""

    def status(self, article_id: str) -> StatusRecord | None:
        """The article's status record, or None if unknown."""

    def get(self, article_id: str) -> ArticleResult | None:
        """The final result (done or failed), or None while in flight or unknown."""

    def stale(self, older_than_s: float, limit: int = 1000, changed_before: float | None = None) -> list[str]:
        """Ids of unfinished articles whose status has not changed for ``older_than_s``
        (and, if given, not since the epoch time ``changed_before``)."""

    def ids(self, status: JobStatus) -> list[str]:
        """Ids currently in ``status``."""

    def counts(self) -> dict[str, int]:
        """Number of articles per status."""

    def export(
        self, out: IO[str], status: JobStatus | None = None, since: float | None = None, until: float | None = None
    ) -> int:
        """Write each final result as one JSON line; returns the number written.

        Parameters:
            status: only results in this status (done or failed).
            since, until: only articles accepted at or after ``since``, before ``until`` (epoch seconds).
        """


class RedisResultStore:
    """``ResultStore`` on Redis (see the module docstring for the guarantees)."""

    def __init__(
        self,
        client: redis.Redis,
        prefix: str = "copydesk",
        result_ttl_s: int | None = None,
        payload_ttl_s: int = 7 * 24 * 3600,
        pipeline_version: str = PIPELINE_VERSION,
    ) -> None:
        # Typed loosely on purpose: redis-py types every reply as a union over decode modes,
        # and this client never decodes (replies are bytes).
        self.redis: Any = client
        self.keys = Keys(prefix)
        self.result_ttl_s = result_ttl_s
        self.payload_ttl_s = payload_ttl_s
        self.pipeline_version = pipeline_version
        self._accept = client.register_script(_ACCEPT)
        self._transition = client.register_script(_TRANSITION)

    @classmethod
    def from_settings(cls, settings: Settings) -> RedisResultStore:
        """A store on ``COPYDESK_REDIS_URL`` (a plain Redis or its Sentinels) with the settings' TTLs."""
        if not settings.redis_url:
            msg = "no Redis URL: set COPYDESK_REDIS_URL"
            raise ValueError(msg)
        return cls(
            redis_client(settings), prefix=settings.key_prefix,
            result_ttl_s=settings.result_ttl_s, payload_ttl_s=settings.payload_ttl_s,
        )

    @classmethod
    def from_url(cls, url: str, **kwargs: Any) -> RedisResultStore:
        """A store on the Redis at ``url`` (redis://, rediss://, unix://)."""
        return cls(redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT_S,
                                        socket_connect_timeout=CONNECT_TIMEOUT_S), **kwargs)

    # ----------------------------------------------------------- writes

    def accept_many(self, articles: Iterable[ArticleIn]) -> list[bool]:
        """Record new articles as ``queued`` in one round trip (see ``ResultStore``)."""
        now, score = _now(), time.time()
        calls: list[tuple[list[str], list[Any]]] = [
            (
                [self.keys.article(article.id), self.keys.payload(article.id),
                 self.keys.status_index(JobStatus.QUEUED), self.keys.all_ids(), self.keys.inflight()],
                [article.id, now, score, pack(article), self.payload_ttl_s, self.pipeline_version, self.keys.prefix],
            )
            for article in articles
        ]
        return [bool(flag) for flag in self._eval_many(self._accept, calls)]

    def record_rejected(self, result: ArticleResult) -> bool:
        """Record an article refused before it was enqueued (invalid, too large) as failed.

        An id that is already known keeps its record; returns whether one was written.
        """
        placeholder = ArticleIn(id=result.id, content="")
        if not self.accept_many([placeholder])[0]:
            return False
        with _Translated():
            self.redis.delete(self.keys.payload(result.id))  # nothing to retry: keep no payload
        return self.finish(result)

    def forget(self, article_ids: Iterable[str]) -> None:
        """Remove articles entirely (used to roll back an accept whose enqueue failed)."""
        with _Translated():
            pipe = self.redis.pipeline(transaction=True)
            for article_id in article_ids:
                pipe.delete(self.keys.article(article_id), self.keys.payload(article_id))
                for status in JobStatus:
                    pipe.srem(self.keys.status_index(status), article_id)
                pipe.zrem(self.keys.all_ids(), article_id)
                pipe.zrem(self.keys.inflight(), article_id)
            pipe.execute()

    def mark(self, article_id: str, status: JobStatus, *, force: bool = False) -> bool:
        """Move an article to a non-final status (see ``ResultStore``)."""
        return self.mark_many([article_id], status, force=force)[0]

    def mark_many(self, article_ids: list[str], status: JobStatus, *, force: bool = False) -> list[bool]:
        """``mark`` for many articles in one round trip."""
        moves = [(i, status, b"", "", "") for i in article_ids]
        return [flag == 1 for flag in self._move_many(moves, force=force)]

    def finish(self, result: ArticleResult) -> bool:
        """Record a final result (see ``ResultStore``)."""
        return self.finish_many([result])[0]

    def finish_many(self, results: list[ArticleResult]) -> list[bool]:
        """``finish`` for many articles in one round trip; stage outputs of done ones go."""
        if not results:
            return []
        results = self._with_sources(results)
        moves = [
            (r.id, r.status, pack(r), r.error.model_dump_json() if r.error else "", r.pipeline_version)
            for r in results
        ]
        flags = [flag == 1 for flag in self._move_many(moves)]
        done = [r.id for r, moved in zip(results, flags, strict=True) if moved and r.status is JobStatus.DONE]
        if done:
            with _Translated():
                self.redis.delete(*(self.keys.stage_output(i, s) for i in done for s in STORED_OUTPUT_STAGES))
        return flags

    def _with_sources(self, results: list[ArticleResult]) -> list[ArticleResult]:
        """The results, failed ones without a ``source`` given the one their stored payload declares.

        A stage that fails an article may not have read its payload (or fails before it could
        say how it read it): the failure still says which file or url it was.
        """
        missing = [r.id for r in results if r.source is None and r.status is JobStatus.FAILED]
        if not missing:
            return results
        with _Translated():
            blobs = self.redis.mget([self.keys.payload(i) for i in missing])
        sources = {
            article_id: SourceInfo.of(ArticleIn.model_validate_json(decompress(blob), context=STORED_PAYLOAD))
            for article_id, blob in zip(missing, blobs, strict=True) if blob is not None
        }
        return [r.model_copy(update={"source": sources[r.id]}) if r.id in sources else r for r in results]

    def _move_many(self, moves: list[tuple[str, JobStatus, bytes, str, str]], *, force: bool = False) -> list[int]:
        now, epoch = _now(), time.time()
        calls: list[tuple[list[str], list[Any]]] = [
            (
                [self.keys.article(article_id)],
                [self.keys.prefix, article_id, status.value, now, "1" if force else "0",
                 blob, error, self.result_ttl_s or 0, epoch, version],
            )
            for article_id, status, blob, error, version in moves
        ]
        return [int(flag) for flag in self._eval_many(self._transition, calls)]

    def _eval_many(self, script: Any, calls: list[tuple[list[str], list[Any]]]) -> list[Any]:
        """Run ``script`` once per (keys, args) in one pipeline; the replies, in order.

        A replica promoted by a failover starts with an empty script cache. redis-py loads
        missing scripts before each pipeline, but a failover between that check and the pipeline
        gets NOSCRIPT: those calls did not run, so they are sent again (scripts reloaded), and
        the others, which ran, are not.
        """
        replies: list[Any] = [None] * len(calls)
        pending = list(range(len(calls)))
        for _ in range(NOSCRIPT_ATTEMPTS):
            with _Translated():
                pipe = self.redis.pipeline(transaction=False)
                for index in pending:
                    keys, args = calls[index]
                    script(keys=keys, args=args, client=pipe)
                answers = pipe.execute(raise_on_error=False) if pending else []
            for index, answer in zip(pending, answers, strict=True):
                replies[index] = answer
            pending = [i for i in pending if isinstance(replies[i], NoScriptError)]
            if not pending:
                break
            log.warning("store: %d script call(s) refused with NOSCRIPT; scripts reloaded, sent again", len(pending))
        errors = [reply for reply in replies if isinstance(reply, Exception)]
        if errors:
            with _Translated():
                raise errors[0]
        return replies

    def put_stage(self, article_id: str, stage: str, output: BaseModel) -> None:
        """Keep a stage's output for the next stage (TTL: the payload TTL)."""
        self.put_stages(stage, {article_id: pack(output)})

    def put_stages(self, stage: str, blobs: dict[str, bytes]) -> None:
        """Keep packed stage outputs, one round trip."""
        if not blobs:
            return
        with _Translated():
            pipe = self.redis.pipeline(transaction=False)
            for article_id, blob in blobs.items():
                pipe.set(self.keys.stage_output(article_id, stage), blob, ex=self.payload_ttl_s)
            pipe.execute()

    def load_inputs(
        self, article_ids: list[str], stage: str | None, *, with_payload: bool = True
    ) -> list[tuple[bytes | None, bytes | None]]:
        """(payload JSON bytes, ``stage``'s output JSON bytes) for each id, one round trip.

        None where a key is missing, and for every payload when ``with_payload`` is False.
        Bytes, not parsed data: the caller validates them straight into its model
        (``model_validate_json`` parses JSON in pydantic-core, ~2x faster than ``json.loads``).
        """
        none: list[bytes | None] = [None] * len(article_ids)
        keys = [self.keys.payload(i) for i in article_ids] if with_payload else []
        if stage is not None:
            keys += [self.keys.stage_output(i, stage) for i in article_ids]
        with _Translated():
            blobs = self.redis.mget(keys) if keys else []
        data = [None if b is None else decompress(b) for b in blobs]
        payloads = data[: len(article_ids)] if with_payload else none
        outputs = data[len(article_ids) if with_payload else 0 :] if stage is not None else none
        return list(zip(payloads, outputs, strict=True))

    # ----------------------------------------------------------- reads

    def payload(self, article_id: str) -> ArticleIn | None:
        """The stored payload (see ``ResultStore``)."""
        with _Translated():
            blob = self.redis.get(self.keys.payload(article_id))
        return None if blob is None else ArticleIn.model_validate(unpack_json(blob))

    def get_stage(self, article_id: str, stage: str) -> Any | None:
        """A stage's output as JSON data (see ``ResultStore``)."""
        with _Translated():
            blob = self.redis.get(self.keys.stage_output(article_id, stage))
        return None if blob is None else unpack_json(blob)

    def status(self, article_id: str) -> StatusRecord | None:
        """The status record (see ``ResultStore``)."""
        with _Translated():
            fields = self.redis.hgetall(self.keys.article(article_id))
        if not fields:
            return None
        decoded = {k.decode(): v for k, v in fields.items() if k != b"result"}
        return StatusRecord(
            id=article_id,
            status=JobStatus(decoded["status"].decode()),
            history=dict(sorted(
                ((k[3:], v.decode()) for k, v in decoded.items() if k.startswith("ts:")), key=lambda kv: kv[1]
            )),
            runs={k[5:]: int(v) for k, v in decoded.items() if k.startswith("runs:")},
            error=ErrorInfo.model_validate_json(decoded["error"]) if "error" in decoded else None,
        )

    def statuses(self, article_ids: list[str]) -> dict[str, JobStatus | None]:
        """The current status of many articles in one round trip (None: unknown)."""
        with _Translated():
            pipe = self.redis.pipeline(transaction=False)
            for article_id in article_ids:
                pipe.hget(self.keys.article(article_id), "status")
            raw = pipe.execute()
        return {i: JobStatus(v.decode()) if v else None for i, v in zip(article_ids, raw, strict=True)}

    def get(self, article_id: str) -> ArticleResult | None:
        """The final result (see ``ResultStore``)."""
        with _Translated():
            blob = self.redis.hget(self.keys.article(article_id), "result")
        return None if blob is None else ArticleResult.model_validate(unpack_json(blob))

    def stale(self, older_than_s: float, limit: int = 1000, changed_before: float | None = None) -> list[str]:
        """Ids of unfinished articles whose status has not changed for ``older_than_s``
        (and, if given, not since the epoch time ``changed_before``)."""
        cutoff = time.time() - older_than_s
        if changed_before is not None:
            cutoff = min(cutoff, changed_before)
        with _Translated():
            raw = self.redis.zrangebyscore(self.keys.inflight(), "-inf", cutoff, start=0, num=limit)
        return [i.decode() for i in raw]

    def queue_drained_at(self, queue: str) -> float:
        """The last time the Celery queue ``queue`` was seen empty: now if it is empty now, else
        when a previous call saw it empty (0 if never).

        Messages leave that Redis list in order, so an article whose status has not changed since
        the queue was last empty is not waiting behind a backlog: its message was taken by a
        worker (and is covered by the visibility timeout) or is gone.
        """
        now = time.time()
        with _Translated():
            if self.redis.llen(queue) == 0:
                self.redis.set(self.keys.queue_drained(), now)
                return now
            seen = self.redis.get(self.keys.queue_drained())
        return float(seen) if seen else 0.0

    def try_lock(self, name: str, ttl_s: int) -> bool:
        """Take a named lock for ``ttl_s`` seconds unless someone holds it (no release: it expires)."""
        with _Translated():
            return bool(self.redis.set(self.keys.lock(name), b"1", nx=True, ex=ttl_s))

    def ids(self, status: JobStatus) -> list[str]:
        """Ids currently in ``status``, sorted."""
        with _Translated():
            members = self.redis.smembers(self.keys.status_index(status))
        return sorted(m.decode() for m in members)

    def counts(self) -> dict[str, int]:
        """Number of articles per status (every status listed, zeros included)."""
        with _Translated():
            pipe = self.redis.pipeline(transaction=False)
            for status in JobStatus:
                pipe.scard(self.keys.status_index(status))
            return {s.value: int(n) for s, n in zip(JobStatus, pipe.execute(), strict=True)}

    def iter_result_json(
        self, status: JobStatus | None = None, since: float | None = None, until: float | None = None
    ) -> Iterator[str]:
        """Every stored final result as a JSON string, in acceptance order.

        Only those in ``status`` (done or failed), if given, and accepted at or after the epoch
        time ``since`` and before ``until``.
        """
        low, high = "-inf" if since is None else since, "+inf" if until is None else f"({until}"
        offset = 0
        while True:
            with _Translated():
                chunk = self.redis.zrangebyscore(self.keys.all_ids(), low, high, start=offset, num=SCAN_CHUNK)
                if not chunk:
                    return
                pipe = self.redis.pipeline(transaction=False)
                for raw_id in chunk:
                    pipe.hmget(self.keys.article(raw_id.decode()), "status", "result")
                rows = pipe.execute()
            for current, blob in rows:
                if blob is not None and (status is None or current == status.value.encode()):
                    yield decompress(blob).decode("utf-8")
            offset += SCAN_CHUNK

    def export(
        self, out: IO[str], status: JobStatus | None = None, since: float | None = None, until: float | None = None
    ) -> int:
        """Write the final results as JSONL (see ``ResultStore``)."""
        written = 0
        for line in self.iter_result_json(status, since, until):
            out.write(line + "\n")
            written += 1
        return written


@lru_cache(maxsize=1)
def get_store() -> RedisResultStore:
    """This process's store: Redis (or its Sentinels) when ``COPYDESK_REDIS_URL`` is set, else in memory."""
    settings = get_settings()
    if settings.redis_url:
        return RedisResultStore.from_settings(settings)
    return InMemoryResultStore(
        prefix=settings.key_prefix, result_ttl_s=settings.result_ttl_s, payload_ttl_s=settings.payload_ttl_s
    )


def InMemoryResultStore(prefix: str = "copydesk", **kwargs: Any) -> RedisResultStore:  # noqa: N802
    """A ``ResultStore`` held in this process (embedded mode and tests): same code, fake Redis."""
    import fakeredis  # noqa: PLC0415 - only embedded mode and tests need it

    return RedisResultStore(fakeredis.FakeRedis(), prefix=prefix, **kwargs)


def redis_client(settings: Settings) -> redis.Redis:
    """A client of ``COPYDESK_REDIS_URL``: the current primary when it names Sentinels.

    A Sentinel-managed client asks the Sentinels for the primary on each new connection and
    drops connections to a primary that was demoted, so it follows a failover by itself.
    """
    address = sentinel_address(settings)
    if address is None:
        return redis.Redis.from_url(settings.redis_url or "", socket_timeout=SOCKET_TIMEOUT_S,
                                    socket_connect_timeout=CONNECT_TIMEOUT_S)
    return sentinel_client(address)


def sentinel_client(address: SentinelAddress) -> redis.Redis:
    """The primary of ``address``, found through its Sentinels."""
    timeouts = {"socket_timeout": SOCKET_TIMEOUT_S, "socket_connect_timeout": CONNECT_TIMEOUT_S}
    sentinels = redis.sentinel.Sentinel(
        list(address.sentinels), sentinel_kwargs=timeouts, socket_timeout=SOCKET_TIMEOUT_S,
        socket_connect_timeout=CONNECT_TIMEOUT_S, db=address.db, username=address.username, password=address.password,
    )
    client: redis.Redis = sentinels.master_for(address.master_name)
    return client


# Errors that go away on their own: lost connections, timeouts, a replica promoted mid-write,
# a server still loading its AOF, a script cache emptied by a failover (if NOSCRIPT outlasts
# ``_eval_many``'s resends). Other Redis errors are bugs and must not be retried forever.
_TRANSIENT_REDIS_ERRORS = (
    redis.ConnectionError, redis.TimeoutError, redis.exceptions.ReadOnlyError, redis.exceptions.TryAgainError,
    NoScriptError,
)


class _Translated:
    """Turn redis-py connection and server errors into ``StoreUnavailable`` (transient)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> None:
        if exc is not None and isinstance(exc, _TRANSIENT_REDIS_ERRORS):
            raise StoreUnavailable(f"Redis unavailable: {exc}") from exc
