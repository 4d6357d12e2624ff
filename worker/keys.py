"""Every Redis key copydesk writes, named in one place (the Lua scripts receive theirs from here)."""

from __future__ import annotations

from dataclasses import dataclass

from kombu.transport.redis import PRIORITY_STEPS
from kombu.transport.redis import Channel as RedisChannel

from tasks.models import JobStatus


@dataclass(frozen=True, slots=True)
class Keys:
    """Key names under one prefix. Celery's own queue keys are named by Celery (``queue``)."""

    prefix: str

    def article(self, article_id: str) -> str:
        """Hash: status, timestamps per status, attempts, error, result JSON."""
        return f"{self.prefix}:article:{article_id}"

    def payload(self, article_id: str) -> str:
        """The submitted payload (compressed JSON), kept for retries with a TTL."""
        return f"{self.prefix}:payload:{article_id}"

    def stage_output(self, article_id: str, stage: str) -> str:
        """A stage's output (compressed JSON), the next stage's input; TTL'd."""
        return f"{self.prefix}:stage:{stage}:{article_id}"

    def status_index(self, status: JobStatus | str) -> str:
        """Set of the ids currently in ``status``."""
        return f"{self.prefix}:status:{JobStatus(status).value}"

    def inflight(self) -> str:
        """Sorted set of unfinished ids scored by their last status change (the sweeper reads it)."""
        return f"{self.prefix}:inflight"

    def queue_drained(self) -> str:
        """When the sweeper last saw the task queue empty (epoch seconds; the sweeper owns it)."""
        return f"{self.prefix}:queue-drained-at"

    def lock(self, name: str) -> str:
        """A short-lived lock (e.g. one sweeper at a time across workers)."""
        return f"{self.prefix}:lock:{name}"

    def all_ids(self) -> str:
        """Sorted set of every accepted id, scored by acceptance time (export order)."""
        return f"{self.prefix}:ids"

    def status_indexes(self) -> list[str]:
        """Every status set, in ``JobStatus`` order (the Lua scripts move ids between them)."""
        return [self.status_index(status) for status in JobStatus]

    def expiries(self) -> str:
        """Sorted set of final ids whose record expires (``COPYDESK_RESULT_TTL_S``), scored by
        their expiry time in Redis's milliseconds; read to drop expired ids from the indexes."""
        return f"{self.prefix}:expiries"

    def leases(self) -> str:
        """Sorted set of leases (``lease_member``) scored by their expiry (epoch seconds)."""
        return f"{self.prefix}:leases"

    def failure_counts(self) -> str:
        """Hash: failed articles counted by ``stage<TAB>error type`` (a Prometheus counter)."""
        return f"{self.prefix}:metrics:failures"

    def stage_latency(self, stage: str) -> str:
        """Hash: a stage's latency histogram (count per bucket bound, ``sum``, ``count``)."""
        return f"{self.prefix}:metrics:latency:{stage}"


# Separates the parts of a lease member: never in an article id (``ArticleIn.id``'s pattern)
# nor in a Celery task id (a UUID), so the holder between them may contain anything.
LEASE_SEPARATOR = "|"


def lease_member(article_id: str, holder: str, task_id: str) -> str:
    """One worker's hold on one article through one message: released, renewed and recovered alone."""
    return LEASE_SEPARATOR.join((article_id, holder, task_id))


def lease_parts(member: str) -> tuple[str, str]:
    """(article id, holder) of a lease member."""
    article_id, rest = member.split(LEASE_SEPARATOR, 1)
    holder, _task_id = rest.rsplit(LEASE_SEPARATOR, 1)
    return article_id, holder


def queue_lists(queue: str) -> list[str]:
    """The Redis lists of Celery's queue ``queue``, one per priority step, most urgent first.

    kombu names them (``queue`` for priority 0, then ``queue<sep><step>``) and its workers pop
    them in this order: re-sent articles (priority 0) overtake a backlog (see worker/retries.py).
    """
    return [f"{queue}{RedisChannel.sep}{step}" if step else queue for step in PRIORITY_STEPS]
