"""The results store: per-article status with timestamps, stage outputs, results and failures.

``RedisResultStore`` keeps them in Redis, and ``InMemoryResultStore`` is the same code on an
in-process fake Redis (embedded mode, tests). Every method raises ``StoreUnavailable`` when
Redis cannot be reached.
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
from typing import IO, Any

import redis
import redis.sentinel
import zstandard
from pydantic import BaseModel, ConfigDict
from redis.exceptions import NoScriptError

from tasks.models import PIPELINE_VERSION, STORED_PAYLOAD, ArticleIn, ArticleResult, ErrorInfo, JobStatus, SourceInfo
from tasks.stages import STORED_OUTPUT_STAGES
from worker.errors import StoreUnavailable
from worker.keys import Keys, queue_lists
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

# Every key a script touches comes in KEYS, named by ``worker/keys.py``; the status sets come
# last, in ``JobStatus`` order (``Keys.status_indexes``), and the scripts find one by status name.

# KEYS: article, payload, ids, inflight, expiries, status sets. ARGV: id, now, epoch, payload,
# payload ttl, pipeline version, position of 'queued' among the status sets.
# An id already known is refused (0), unless its final result came from another pipeline
# version: that one runs again. The id leaves every status set first, so one whose record
# expired (and was not pruned yet) is never in two.
_ACCEPT = """
local old = redis.call('HGET', KEYS[1], 'status')
if old then
  if (old ~= 'done' and old ~= 'failed') or redis.call('HGET', KEYS[1], 'version') == ARGV[6] then
    return 0
  end
  redis.call('DEL', KEYS[1])
end
for i = 6, #KEYS do redis.call('SREM', KEYS[i], ARGV[1]) end
redis.call('ZREM', KEYS[5], ARGV[1])
redis.call('HSET', KEYS[1], 'id', ARGV[1], 'status', 'queued', 'ts:queued', ARGV[2])
redis.call('SET', KEYS[2], ARGV[4], 'EX', ARGV[5])
redis.call('SADD', KEYS[5 + tonumber(ARGV[7])], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[1])
return 1
"""

# KEYS: article, inflight, expiries, status sets. ARGV: id, new status, now, force, result blob,
# error json, result ttl seconds (0: none), epoch, pipeline version of a final result, then the
# status names in the order of the status sets.
# 'finishes' counts the final results written (one unless a forced retry ran the article again).
# A final record with a TTL expires at a time taken from Redis's clock and kept in 'expiries',
# so readers can drop exactly the ids whose records are gone.
_TRANSITION = """
local old = redis.call('HGET', KEYS[1], 'status')
if not old then return -1 end
local new = ARGV[2]
local final = (new == 'done' or new == 'failed')
if ARGV[4] ~= '1' and (old == 'done' or old == 'failed') then
  -- A final article is written once: a late or duplicated run's result is refused (and counted).
  if final then redis.call('HINCRBY', KEYS[1], 'finishes_refused', 1) end
  return 0
end
local function status_set(name)
  for i = 10, #ARGV do
    if ARGV[i] == name then return KEYS[i - 6] end
  end
  error('unknown status ' .. name)
end
if old ~= new then
  redis.call('SREM', status_set(old), ARGV[1])
  redis.call('SADD', status_set(new), ARGV[1])
end
redis.call('HSET', KEYS[1], 'status', new, 'ts:' .. new, ARGV[3])
if not final then
  redis.call('HINCRBY', KEYS[1], 'runs:' .. new, 1)
  redis.call('HDEL', KEYS[1], 'result', 'error')
end
if ARGV[5] ~= '' then redis.call('HSET', KEYS[1], 'result', ARGV[5]) end
if ARGV[6] ~= '' then redis.call('HSET', KEYS[1], 'error', ARGV[6]) end
if final then
  redis.call('HINCRBY', KEYS[1], 'finishes', 1)
  redis.call('HSET', KEYS[1], 'version', ARGV[9])
  redis.call('ZREM', KEYS[2], ARGV[1])
  if tonumber(ARGV[7]) > 0 then
    local t = redis.call('TIME')
    local at = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000) + tonumber(ARGV[7]) * 1000
    redis.call('PEXPIREAT', KEYS[1], at)
    redis.call('ZADD', KEYS[3], at, ARGV[1])
  end
else
  redis.call('ZADD', KEYS[2], ARGV[8], ARGV[1])
end
if new == 'queued' then
  redis.call('PERSIST', KEYS[1])
  redis.call('ZREM', KEYS[3], ARGV[1])
end
return 1
"""

# KEYS: expiries, ids, inflight, the status sets, then one article record per id. ARGV: the
# number of status sets, then the ids. Drops from every index each id whose record has expired.
_PRUNE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local sets = tonumber(ARGV[1])
local pruned = 0
for j = 2, #ARGV do
  local id = ARGV[j]
  local at = redis.call('ZSCORE', KEYS[1], id)
  if at and tonumber(at) <= now and redis.call('EXISTS', KEYS[2 + sets + j]) == 0 then
    for i = 4, 3 + sets do redis.call('SREM', KEYS[i], id) end
    redis.call('ZREM', KEYS[1], id)
    redis.call('ZREM', KEYS[2], id)
    redis.call('ZREM', KEYS[3], id)
    pruned = pruned + 1
  end
end
return pruned
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


_STATUS_NAMES = [status.value for status in JobStatus]
# 1-based, as Lua counts: where the 'queued' set is among ``Keys.status_indexes``.
_QUEUED_POSITION = _STATUS_NAMES.index(JobStatus.QUEUED.value) + 1

# Upper bounds (seconds) of the stage latency histogram: a stage takes ~2-50 ms on a typical
# article and up to the soft limit (20 s) on a hostile one.
LATENCY_BUCKETS_S = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


def latency_bucket(seconds: float) -> str:
    """The histogram field a latency is counted in: its bucket's upper bound, or '+Inf'."""
    return next((repr(bound) for bound in LATENCY_BUCKETS_S if seconds <= bound), "+Inf")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class RedisResultStore:
    """The results store on Redis (see the module docstring for the guarantees)."""

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
        self._prune = client.register_script(_PRUNE)
        self._status_sets = self.keys.status_indexes()

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
        """Record new articles as ``queued`` with their payloads, in one round trip.

        Returns:
            One flag per article: False when that id was already known (nothing written), unless
            its final result came from another pipeline version: then it is accepted afresh.
        """
        now, score = _now(), time.time()
        calls: list[tuple[list[str], list[Any]]] = [
            (
                [self.keys.article(article.id), self.keys.payload(article.id), self.keys.all_ids(),
                 self.keys.inflight(), self.keys.expiries(), *self._status_sets],
                [article.id, now, score, pack(article), self.payload_ttl_s, self.pipeline_version, _QUEUED_POSITION],
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
                pipe.zrem(self.keys.expiries(), article_id)
            pipe.execute()

    def mark(self, article_id: str, status: JobStatus, *, force: bool = False) -> bool:
        """Move an article to a non-final status; False if it is unknown or already final."""
        return self.mark_many([article_id], status, force=force)[0]

    def mark_many(self, article_ids: list[str], status: JobStatus, *, force: bool = False) -> list[bool]:
        """``mark`` for many articles in one round trip."""
        moves = [(i, status, b"", "", "") for i in article_ids]
        return [flag == 1 for flag in self._move_many(moves, force=force)]

    def finish(self, result: ArticleResult) -> bool:
        """Record a final result (done or failed); a done article is never failed later."""
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
        written = [r for r, moved in zip(results, flags, strict=True) if moved]
        done = [r.id for r in written if r.status is JobStatus.DONE]
        with _Translated():
            pipe = self.redis.pipeline(transaction=False)
            if done:
                pipe.delete(*(self.keys.stage_output(i, s) for i in done for s in STORED_OUTPUT_STAGES))
            self._count_finished(pipe, written)
            pipe.execute()
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

    def _count_finished(self, pipe: Any, results: list[ArticleResult]) -> None:
        """Add final results to the metrics: failures by stage and error type, stage latencies."""
        for result in results:
            if result.error is not None:
                pipe.hincrby(self.keys.failure_counts(), f"{result.error.stage}\t{result.error.type}", 1)
            for stage, ms in result.timings_ms.items():
                key = self.keys.stage_latency(stage)
                pipe.hincrby(key, latency_bucket(ms / 1000), 1)
                pipe.hincrbyfloat(key, "sum", ms / 1000)
                pipe.hincrby(key, "count", 1)

    def _move_many(self, moves: list[tuple[str, JobStatus, bytes, str, str]], *, force: bool = False) -> list[int]:
        now, epoch = _now(), time.time()
        calls: list[tuple[list[str], list[Any]]] = [
            (
                [self.keys.article(article_id), self.keys.inflight(), self.keys.expiries(), *self._status_sets],
                [article_id, status.value, now, "1" if force else "0",
                 blob, error, self.result_ttl_s or 0, epoch, version, *_STATUS_NAMES],
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
        """The stored payload of an article, or None if it expired or was never accepted."""
        with _Translated():
            blob = self.redis.get(self.keys.payload(article_id))
        return None if blob is None else ArticleIn.model_validate(unpack_json(blob))

    def status(self, article_id: str) -> StatusRecord | None:
        """The article's status record, or None if unknown."""
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
        """The final result (done or failed), or None while in flight or unknown."""
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
            if self.queue_depth(queue) == 0:
                self.redis.set(self.keys.queue_drained(), now)
                return now
            seen = self.redis.get(self.keys.queue_drained())
        return float(seen) if seen else 0.0

    def try_lock(self, name: str, ttl_s: int) -> bool:
        """Take a named lock for ``ttl_s`` seconds unless someone holds it (no release: it expires)."""
        with _Translated():
            return bool(self.redis.set(self.keys.lock(name), b"1", nx=True, ex=ttl_s))

    # ----------------------------------------------------------- leases (worker/leases.py)

    def hold(self, members: Iterable[str], until: float) -> None:
        """Take or renew leases (``keys.lease_member``) until the epoch time ``until``."""
        mapping = dict.fromkeys(members, until)
        if mapping:
            with _Translated():
                self.redis.zadd(self.keys.leases(), mapping)

    def release(self, members: Iterable[str]) -> None:
        """Give leases up: their messages were acknowledged or handed back."""
        members = list(members)
        if members:
            with _Translated():
                self.redis.zrem(self.keys.leases(), *members)

    def expired_leases(self, now: float, limit: int = SCAN_CHUNK) -> list[str]:
        """Leases nobody renewed before ``now`` (epoch seconds)."""
        with _Translated():
            raw = self.redis.zrangebyscore(self.keys.leases(), "-inf", now, start=0, num=limit)
        return [m.decode() for m in raw]

    def claim(self, members: list[str]) -> list[str]:
        """Remove expired leases; returns those this call removed, so each is recovered once."""
        with _Translated():
            pipe = self.redis.pipeline(transaction=False)
            for member in members:
                pipe.zrem(self.keys.leases(), member)
            return [m for m, removed in zip(members, pipe.execute(), strict=True) if removed]

    def leases(self) -> dict[str, float]:
        """Every lease with its expiry (epoch seconds)."""
        with _Translated():
            raw = self.redis.zrange(self.keys.leases(), 0, -1, withscores=True)
        return {m.decode(): float(score) for m, score in raw}

    # ----------------------------------------------------------- metrics (worker/metrics.py)

    def failure_counts(self) -> dict[tuple[str, str], int]:
        """Failed articles counted by (stage, error type) since the store began."""
        with _Translated():
            raw = self.redis.hgetall(self.keys.failure_counts())
        counts = {}
        for field, count in raw.items():
            stage, _, error_type = field.decode().partition("\t")
            counts[stage, error_type] = int(count)
        return counts

    def stage_latencies(self, stages: Iterable[str]) -> dict[str, dict[str, float]]:
        """Per stage: the latency histogram's fields (bucket bound -> count, 'sum', 'count')."""
        stages = list(stages)
        with _Translated():
            pipe = self.redis.pipeline(transaction=False)
            for stage in stages:
                pipe.hgetall(self.keys.stage_latency(stage))
            raw = pipe.execute()
        return {
            stage: {k.decode(): float(v) for k, v in fields.items()} for stage, fields in zip(stages, raw, strict=True)
        }

    def queue_depth(self, queue: str) -> int:
        """Messages waiting in the Celery queue ``queue``, every priority (not those held by workers)."""
        with _Translated():
            pipe = self.redis.pipeline(transaction=False)
            for key in queue_lists(queue):
                pipe.llen(key)
            return sum(int(n) for n in pipe.execute())

    def oldest_inflight_age_s(self) -> float:
        """Seconds the unfinished article longest without a status change has waited (0: none)."""
        with _Translated():
            oldest = self.redis.zrange(self.keys.inflight(), 0, 0, withscores=True)
        return max(0.0, time.time() - float(oldest[0][1])) if oldest else 0.0

    def prune_expired(self) -> int:
        """Drop from the status sets and indexes every id whose record has expired; returns how many.

        Called before the reads that list ids, so that they agree with ``get``.
        """
        pruned = 0
        with _Translated():
            seconds, micros = self.redis.time()
            now_ms = seconds * 1000 + micros // 1000
            while due := [m.decode() for m in self.redis.zrangebyscore(
                self.keys.expiries(), "-inf", now_ms, start=0, num=SCAN_CHUNK
            )]:
                keys = [self.keys.expiries(), self.keys.all_ids(), self.keys.inflight(), *self._status_sets,
                        *(self.keys.article(i) for i in due)]
                removed = int(self._prune(keys=keys, args=[len(self._status_sets), *due]))
                pruned += removed
                if removed < len(due):  # the rest were re-accepted or not yet expired by Redis's clock
                    break
        return pruned

    def ids(self, status: JobStatus) -> list[str]:
        """Ids currently in ``status``, sorted."""
        self.prune_expired()
        with _Translated():
            members = self.redis.smembers(self.keys.status_index(status))
        return sorted(m.decode() for m in members)

    def counts(self) -> dict[str, int]:
        """Number of articles per status (every status listed, zeros included)."""
        self.prune_expired()
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
        self.prune_expired()
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
        """Write each final result as one JSON line; returns the number written.

        Parameters:
            status: only results in this status (done or failed).
            since, until: only articles accepted at or after ``since``, before ``until`` (epoch seconds).
        """
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
