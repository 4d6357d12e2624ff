"""``copydesk demo``: sample payloads through the real Celery tasks with an embedded worker.

Without ``COPYDESK_REDIS_URL`` the broker is Celery's in-memory transport and the store lives
in this process, so nothing but Python is needed. With it set, the same run goes through that
Redis (the worker still runs embedded, in a thread of this process).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from celery.contrib.testing.worker import start_worker

SAMPLES = Path(__file__).parent / "samples"


def run_demo(payloads: Sequence[dict[str, Any]], *, pretty: bool = False, timeout_s: float = 120.0) -> int:
    """Submit the payloads (``SAMPLES`` by default, read by the CLI), run them through an
    embedded worker, print each result."""
    from tasks.celery_tasks import get_store  # noqa: PLC0415 - registers the tasks on the app
    from worker.app import app  # noqa: PLC0415
    from worker.client import Client  # noqa: PLC0415

    client = Client(store=get_store(), app=app)
    with start_worker(app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        ids = [client.submit(p) for p in payloads]
        results = client.wait(ids, timeout=timeout_s)
    for article_id in ids:
        result = results[article_id]
        sys.stdout.write(result.model_dump_json(indent=2 if pretty else None) + "\n")
        record = client.status(article_id)
        sys.stderr.write(
            f"{article_id}: {result.status.value} ({result.metadata.title!r}), "
            f"stages seen: {', '.join(record.history) if record else '-'}\n"
        )
    return 0
