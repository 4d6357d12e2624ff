"""Prometheus metrics, read from the store at each scrape by one small exporter.

    python -m worker.metrics [--port 9808] [--addr 0.0.0.0]     (compose: the ``metrics`` service)

The figures live in Redis, written by every worker (the store's Lua scripts and
``finish_many``), so one exporter sees the whole deployment: scraping each worker instead
would count every article once per worker, and pool processes cannot serve HTTP. Exposed:

- ``copydesk_articles{status,stage}``: articles per status now (in-flight statuses name their stage);
- ``copydesk_failures_total{stage,error_type}``: failed articles since the store began;
- ``copydesk_stage_seconds{stage}``: histogram of each stage's wall time per finished article;
- ``copydesk_queue_depth``: messages waiting in the Celery queue;
- ``copydesk_oldest_inflight_age_seconds``: how long the unfinished article longest without a
  status change has waited (a stuck pipeline grows it);
- ``copydesk_leases``: article leases held by live workers; ``copydesk_store_up``: 0 if Redis is down.
"""

from __future__ import annotations

import argparse
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from prometheus_client import start_http_server
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.registry import Collector, CollectorRegistry

from tasks.stages import STAGE_NAMES, STAGES
from worker.errors import StoreUnavailable
from worker.settings import Settings, get_settings
from worker.store import LATENCY_BUCKETS_S, RedisResultStore, get_store

DEFAULT_PORT = 9808
# The stage an article is in while it has each in-flight status ('' for queued and final ones).
STAGE_OF_STATUS = {stage.status.value: stage.name for stage in STAGES}


class StoreCollector(Collector):
    """Reads copydesk's figures from the store at each scrape."""

    def __init__(self, store: RedisResultStore, queue: str) -> None:
        self.store = store
        self.queue = queue

    def collect(self) -> Iterator[Metric]:
        """Every metric of the module docstring; only ``copydesk_store_up 0`` while Redis is down."""
        try:
            metrics = list(self._read())
        except StoreUnavailable:
            yield GaugeMetricFamily("copydesk_store_up", "1 if the store (Redis) answered this scrape.", value=0)
            return
        yield GaugeMetricFamily("copydesk_store_up", "1 if the store (Redis) answered this scrape.", value=1)
        yield from metrics

    def _read(self) -> Iterator[Metric]:
        articles = GaugeMetricFamily("copydesk_articles", "Articles per status now.", labels=["status", "stage"])
        for status, count in self.store.counts().items():
            articles.add_metric([status, STAGE_OF_STATUS.get(status, "")], count)
        yield articles
        failures = CounterMetricFamily(
            "copydesk_failures", "Failed articles by stage and error type.", labels=["stage", "error_type"]
        )
        for (stage, error_type), count in sorted(self.store.failure_counts().items()):
            failures.add_metric([stage, error_type], count)
        yield failures
        yield self._latencies()
        yield GaugeMetricFamily("copydesk_queue_depth", "Messages waiting in the Celery queue.",
                                value=self.store.queue_depth(self.queue))
        yield GaugeMetricFamily("copydesk_oldest_inflight_age_seconds",
                                "Seconds the unfinished article longest without a status change has waited.",
                                value=self.store.oldest_inflight_age_s())
        yield GaugeMetricFamily("copydesk_leases", "Article leases held by live workers.",
                                value=len(self.store.leases()))

    def _latencies(self) -> HistogramMetricFamily:
        histogram = HistogramMetricFamily(
            "copydesk_stage_seconds", "Wall time of each stage per finished article.", labels=["stage"]
        )
        for stage, fields in self.store.stage_latencies(STAGE_NAMES).items():
            histogram.add_metric([stage], cumulative_buckets(fields), sum_value=fields.get("sum", 0.0))
        return histogram


def cumulative_buckets(fields: dict[str, float]) -> list[tuple[str, float]]:
    """Prometheus's cumulative (le, count) pairs from per-bucket counts keyed by upper bound."""
    buckets, total = [], 0.0
    for bound in [*(repr(b) for b in LATENCY_BUCKETS_S), "+Inf"]:
        total += fields.get(bound, 0.0)
        buckets.append((bound, total))
    return buckets


def registry_for(store: RedisResultStore, settings: Settings) -> CollectorRegistry:
    """A registry holding only copydesk's collector."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(StoreCollector(store, settings.queue))
    return registry


def serve(port: int = DEFAULT_PORT, addr: str = "0.0.0.0", settings: Settings | None = None,  # noqa: S104
          store: RedisResultStore | None = None) -> Any:
    """Serve /metrics on ``addr:port`` in a daemon thread; returns the HTTP server."""
    settings = settings or get_settings()
    server, _thread = start_http_server(port, addr, registry=registry_for(store or get_store(), settings))
    return server


def main(argv: Sequence[str] | None = None) -> int:
    """Run the exporter until killed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument("--addr", default="0.0.0.0")  # noqa: S104 - inside a container; compose maps it
    args = parser.parse_args(argv)
    serve(args.port, args.addr)
    threading.Event().wait()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
