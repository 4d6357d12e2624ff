"""Every Redis key copydesk writes, named in one place."""

from __future__ import annotations

from dataclasses import dataclass

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
