"""Past one Redis and one host: a Sentinel failover mid-run, and a whole worker host lost.

    .venv/bin/python benchmarks/chaos.py --failover [--articles 1000] [--keep]
    .venv/bin/python benchmarks/chaos.py --hosts [--articles 300] [--keep]

``--failover``, all on loopback with free ports and a temporary directory: a primary and a
replica (``redis-server``, AOF ``everysec``) and three Sentinels (``redis-server --sentinel``,
quorum 2); two ``copydesk worker`` processes and a producer on ``sentinel://`` addresses. While
the articles are submitted, the primary is SIGKILLed and never comes back; the Sentinels promote
the replica. The producer sends a batch again when the client raises (ids dedupe), and after the
run re-submits any id the store does not know (accepted by the old primary, not yet replicated).
Printed: lost, duplicated, how long the promotion took, the time from the kill until articles
are finished again and until the last one is final, and whether the promoted replica had the
store's Lua scripts (it had not: Redis does not replicate its script cache).

``--hosts``: one Redis, three worker "hosts" (each its own process group and ``-n`` name); one
host is SIGKILLed as a whole mid-run and never restarted. The others finish its work once Redis
hands its unacknowledged messages back (the visibility timeout, the smallest the app accepts).
Printed: lost, duplicated, the killed host's unfinished tasks and how many the others ran, and
the time from the kill until the last article is final.

Exit status 1 if an article is lost or has two results.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import redis  # noqa: E402
from flower.utils.broker import Broker  # noqa: E402

from benchmarks.chaos import (  # noqa: E402
    ChaosReport,
    RedisServer,
    Supervisor,
    WorkerProcess,
    account,
    count_log_events,
    free_port,
    minimal_visibility_timeout,
    settings_env,
)
from tasks.models import JobStatus  # noqa: E402
from worker.app import create_app  # noqa: E402
from worker.client import Client  # noqa: E402
from worker.errors import StoreUnavailable  # noqa: E402
from worker.settings import Settings  # noqa: E402
from worker.store import RedisResultStore  # noqa: E402

MASTER_NAME = "copydesk"
SENTINELS = 3
QUORUM = 2
# How long the primary may be silent before a Sentinel calls it down. Redis's default is 30 s;
# 1 s on loopback keeps the run short (the README says what this means for the retry budget).
DOWN_AFTER_MS = 1000
FAILOVER_TIMEOUT_MS = 10_000
PREFIX = "failover"
# The payloads below take milliseconds, so the limits are scaled down to the smallest visibility
# timeout the app's start-up check allows (2 minutes): a lost worker's messages return in minutes.
ARTICLE_SOFT_LIMIT_S = 5.0
ARTICLE_HARD_LIMIT_S = 6.0
BATCH_SIZE = 2
MAX_RETRIES = 3
SWEEP_INTERVAL_S = 5
STALE_MARGIN_S = 30
# Articles per producer call, and its pause before sending a batch again after an error.
PRODUCER_BATCH = 20
PRODUCER_RETRY_PAUSE_S = 0.5
POLL_S = 1.0
# How long Flower's broker view may take to find the new primary before the run says it did not.
FLOWER_WAIT_S = 30.0
HOSTS = ("hostA", "hostB", "hostC")
READY_TIMEOUT_S = 60.0


@dataclass
class RunConfig:
    """One run's parameters (``--failover`` or ``--hosts``)."""

    articles: int = 1000
    workers: int = 2
    concurrency: int = 1
    # Submitting faster than the workers finish (~100 articles/s on 2 cores) builds a backlog,
    # so the kill finds messages queued, prefetched and running.
    submit_s: float = 6.0
    # When the primary (or a host) is killed: this many seconds after submitting began (a host
    # is killed at the first moment after that when its log shows it holding unfinished tasks).
    kill_at_s: float = 3.0
    wait_s: float = 420.0
    keep: bool = False
    quiet: bool = False


@dataclass
class RunReport:
    """The figures of one run, with the shared accounting of ``chaos.account``."""

    kind: str
    accounting: ChaosReport = field(default_factory=ChaosReport)
    producer_raised: int = 0
    resubmitted: int = 0
    promotion_s: float | None = None
    resume_s: float | None = None
    first_final_s: float | None = None
    last_final_s: float | None = None
    scripts_on_replica_before_kill: bool | None = None
    noscript_resends: int = 0
    flower_queue_after_failover: int | None = None
    flower_s: float | None = None
    worker_restarts: int = 0
    orphaned_tasks: int = 0
    orphaned_rerun_elsewhere: int = 0
    visibility_timeout_s: int = 0
    wall_s: float = 0.0

    @property
    def recovered_before_redelivery(self) -> bool:
        """Every article was final before Redis could have redelivered the dead host's messages:
        the other hosts re-sent its articles when their leases lapsed (worker/leases.py)."""
        return self.last_final_s is not None and self.last_final_s < self.visibility_timeout_s

    @property
    def ok(self) -> bool:
        """Nothing lost, nothing with two results, counts add up, the dead host's work done."""
        acc = self.accounting
        dead_host_work_done = (self.kind != "hosts" or self.recovered_before_redelivery
                               or self.orphaned_rerun_elsewhere == self.orphaned_tasks)
        return not acc.lost and not acc.duplicated and acc.counts_add_up and dead_host_work_done

    def lines(self) -> list[str]:
        """The figures, one per line."""
        acc = self.accounting
        failed = ", ".join(f"{k}: {v}" for k, v in sorted(acc.failed.items())) or "-"
        lines = [
            f"submitted                 {acc.submitted}",
            f"done                      {acc.done}",
            f"failed                    {sum(acc.failed.values())}  ({failed})",
            f"lost                      {len(acc.lost)}  {acc.lost[:10]}",
            f"duplicated                {len(acc.duplicated)}  {acc.duplicated[:10]}",
            f"articles run twice in a stage  {acc.rerun_articles}",
            f"producer calls that raised (sent again)  {self.producer_raised}",
            f"re-submitted afterwards (unknown to the store)  {self.resubmitted}",
            f"sweeper re-sent           {acc.sweeper_resent}",
        ]
        if self.kind == "failover":
            lines += [
                f"kill -> replica promoted  {_seconds(self.promotion_s)}",
                f"kill -> work resumed      {_seconds(self.resume_s)}  (a worker moved an article; "
                f"first final {_seconds(self.first_final_s)})",
                f"scripts on the replica before the kill  {self.scripts_on_replica_before_kill}",
                f"NOSCRIPT resends          {self.noscript_resends}",
                f"workers that exited on the lost connection, restarted  {self.worker_restarts}",
                f"kill -> Flower's broker view reads the new primary  {_seconds(self.flower_s)}  "
                f"(queue length {self.flower_queue_after_failover})",
            ]
        else:
            lines += [f"killed host's unfinished tasks  {self.orphaned_tasks}, their messages redelivered to the "
                      f"other hosts: {self.orphaned_rerun_elsewhere}; all final before redelivery (leases): "
                      f"{self.recovered_before_redelivery}"]
        return [
            *lines,
            f"kill -> last final        {_seconds(self.last_final_s)}  "
            f"(visibility timeout {self.visibility_timeout_s} s)",
            f"counts add up             {acc.counts_add_up}",
            f"wall time                 {self.wall_s:.1f} s",
            f"result                    {'OK' if self.ok else 'FAILED'}",
        ]


def _seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


# ------------------------------------------------------------------ Redis, Sentinels


class RedisNode:
    """A ``redis-server`` (or Sentinel) on a free loopback port, in its own directory."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory / name
        self.directory.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, argv: list[str]) -> None:
        """Start with ``argv`` and wait until it answers PING."""
        self.proc = subprocess.Popen(argv, cwd=self.directory, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, start_new_session=True)
        client = self.client()
        _wait_until(lambda: _pings(client), 30, f"{self.name} on port {self.port} did not start")
        client.close()

    def client(self) -> redis.Redis:
        """A plain client of this node."""
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5, socket_connect_timeout=1)

    def kill(self) -> None:
        """SIGKILL (no shutdown, no last AOF write beyond what the kernel has)."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _pings(client: redis.Redis) -> bool:
    with contextlib.suppress(redis.ConnectionError):
        return bool(client.ping())
    return False


def _wait_until(check: Callable[[], bool], timeout: float, error: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise RuntimeError(error)


def data_node_argv(node: RedisNode, replica_of: RedisNode | None = None) -> list[str]:
    """A primary or replica with AOF on, as the README recommends."""
    argv = ["redis-server", "--port", str(node.port), "--bind", "127.0.0.1", "--dir", str(node.directory),
            "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
            "--logfile", str(node.directory / "redis.log")]
    if replica_of is not None:
        argv += ["--replicaof", "127.0.0.1", str(replica_of.port)]
    return argv


def sentinel_config(node: RedisNode, primary: RedisNode) -> Path:
    """A sentinel.conf monitoring ``primary`` (Sentinel rewrites it, so each has its own)."""
    path = node.directory / "sentinel.conf"
    path.write_text("\n".join([
        f"port {node.port}", "bind 127.0.0.1", f"dir {node.directory}", f"logfile {node.directory / 'sentinel.log'}",
        f"sentinel monitor {MASTER_NAME} 127.0.0.1 {primary.port} {QUORUM}",
        f"sentinel down-after-milliseconds {MASTER_NAME} {DOWN_AFTER_MS}",
        f"sentinel failover-timeout {MASTER_NAME} {FAILOVER_TIMEOUT_MS}",
        f"sentinel parallel-syncs {MASTER_NAME} 1", "",
    ]))
    return path


class SentinelGroup:
    """A primary, a replica and three Sentinels watching them."""

    def __init__(self, directory: Path) -> None:
        self.primary = RedisNode(directory, "primary")
        self.replica = RedisNode(directory, "replica")
        self.sentinels = [RedisNode(directory, f"sentinel{n + 1}") for n in range(SENTINELS)]

    def start(self) -> None:
        """Start everything and wait until the replica is in sync and the Sentinels know each other."""
        self.primary.start(data_node_argv(self.primary))
        self.replica.start(data_node_argv(self.replica, replica_of=self.primary))
        primary = self.primary.client()
        _wait_until(lambda: primary.info("replication").get("slave0", {}).get("state") == "online", 30,
                    "the replica did not sync")
        for node in self.sentinels:
            node.start(["redis-server", str(sentinel_config(node, self.primary)), "--sentinel"])
        _wait_until(self._sentinels_ready, 60, "the Sentinels did not find each other and the replica")

    def _sentinels_ready(self) -> bool:
        for node in self.sentinels:
            client = node.client()
            try:
                others = client.execute_command("SENTINEL", "SENTINELS", MASTER_NAME)
                replicas = client.execute_command("SENTINEL", "REPLICAS", MASTER_NAME)
            finally:
                client.close()
            if len(others) < SENTINELS - 1 or not replicas:
                return False
        return True

    def url(self) -> str:
        """``COPYDESK_REDIS_URL`` for these Sentinels (Celery's broker form)."""
        return ";".join(f"sentinel://127.0.0.1:{node.port}" for node in self.sentinels) + "/0"

    def primary_port(self) -> int | None:
        """The primary's port as the first Sentinel that answers reports it."""
        for node in self.sentinels:
            client = node.client()
            with contextlib.suppress(redis.ConnectionError):
                host_port = client.execute_command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME)
                return int(host_port[1])
            client.close()
        return None

    def stop(self) -> None:
        """Kill every process."""
        for node in [*self.sentinels, self.replica, self.primary]:
            node.kill()


# ------------------------------------------------------------------ payloads and settings


def payloads(count: int, tag: str) -> list[dict[str, Any]]:
    """``count`` small news pages of our own, each different, under unique ids."""
    topics = ["harbour", "library", "tram line", "school roof", "river bank", "market hall", "bridge", "park"]
    pages = []
    for n in range(count):
        topic = topics[n % len(topics)]
        paragraphs = "".join(
            f"<p>Paragraph {p} about the {topic} (story {n}): the council met on Tuesday and agreed to spend "
            f"{n % 9 + 1}.{p} million euros on repairs, which residents had asked for since {2000 + n % 20}.</p>"
            for p in range(1, 5)
        )
        html = (f"<!DOCTYPE html><html><head><title>Council backs {topic} repairs | Town Gazette</title>"
                f'<meta property="article:published_time" content="2026-0{n % 9 + 1}-1{n % 10}T08:00:00Z">'
                f"</head><body><nav><a href='/'>Home</a></nav><article><h1>Council backs {topic} repairs</h1>"
                f"<p class='byline'>By Ada Reporter</p>{paragraphs}</article><footer>Town Gazette</footer>"
                "</body></html>")
        pages.append({"id": f"{tag}-{n:05d}", "content": html, "url": f"https://gazette.test/{tag}/{n}"})
    return pages


def run_settings(redis_url: str, master_name: str | None = None) -> Settings:
    """Settings scaled to millisecond articles: the smallest visibility timeout the workers accept."""
    base = Settings(
        redis_url=redis_url, redis_master_name=master_name, key_prefix=PREFIX, queue=PREFIX,
        batch_size=BATCH_SIZE, article_soft_limit_s=ARTICLE_SOFT_LIMIT_S,
        article_hard_limit_s=ARTICLE_HARD_LIMIT_S, max_retries=MAX_RETRIES, sweep_interval_s=SWEEP_INTERVAL_S,
    )
    visibility = minimal_visibility_timeout(base)
    return base.model_copy(update={"visibility_timeout_s": visibility, "stale_after_s": visibility + STALE_MARGIN_S})


# ------------------------------------------------------------------ producer, waiting, timing


@dataclass
class Producer:
    """Submits every payload, sending a batch again whenever the client raises."""

    client: Client
    pages: list[dict[str, Any]]
    pace_s: float
    raised: int = 0
    thread: threading.Thread | None = None

    def run(self) -> None:
        """Submit in ``PRODUCER_BATCH`` batches spread over ``pace_s`` seconds."""
        batches = [self.pages[i : i + PRODUCER_BATCH] for i in range(0, len(self.pages), PRODUCER_BATCH)]
        start = time.monotonic()
        for number, batch in enumerate(batches):
            time.sleep(max(0.0, start + self.pace_s * number / len(batches) - time.monotonic()))
            while True:
                try:
                    self.client.submit_many(batch)
                    break
                except StoreUnavailable:
                    self.raised += 1
                    time.sleep(PRODUCER_RETRY_PAUSE_S)


def wait_final(client: Client, pages: list[dict[str, Any]], wait_s: float, say: Callable[[str], None]) -> int:
    """Poll until every id is final; ids the store does not know are submitted again (returns how many)."""
    by_id = {p["id"]: p for p in pages}
    resubmitted = 0
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        try:
            statuses = client.store.statuses(sorted(by_id))
            unknown = [by_id[i] for i, s in statuses.items() if s is None]
            if unknown:
                client.submit_many(unknown)
                resubmitted += len(unknown)
        except StoreUnavailable:
            time.sleep(POLL_S)
            continue
        pending = sum(1 for s in statuses.values() if s not in {JobStatus.DONE, JobStatus.FAILED})
        if not pending:
            return resubmitted
        say(f"waiting: {pending} not final")
        time.sleep(POLL_S)
    return resubmitted


def status_times(store: RedisResultStore, ids: list[str]) -> tuple[list[float], list[float]]:
    """(when a worker moved an article, when an article became final), epoch seconds, from the store."""
    pipe = store.redis.pipeline(transaction=False)
    for article_id in ids:
        pipe.hgetall(store.keys.article(article_id))
    moved, final = [], []
    for fields in pipe.execute():
        for name, value in fields.items():
            status = name.decode().removeprefix("ts:")
            if not name.startswith(b"ts:") or status == JobStatus.QUEUED:
                continue  # the producer's own writes are not work
            stamp = datetime.fromisoformat(value.decode()).timestamp()
            moved.append(stamp)
            if status in {JobStatus.DONE, JobStatus.FAILED}:
                final.append(stamp)
    return moved, final


def seconds_after(times: list[float], since: float) -> list[float]:
    """``times`` after ``since``, in seconds from it, in order."""
    return sorted(t - since for t in times if t >= since)


def flower_queue_length(settings: Settings) -> int | None:
    """The task queue's length as Flower's broker view reads it (its code, our app's config), or None."""
    app = create_app(settings)
    try:
        with app.connection() as conn:
            uri = conn.as_uri(include_password=True)
        broker = Broker(uri, broker_options=app.conf.broker_transport_options, broker_use_ssl=None)
        queues = asyncio.run(_queues_then_close(broker, [settings.queue]))
    finally:
        app.close()
    return next((int(q["messages"]) for q in queues if q["name"] == settings.queue), None)


def flower_after_failover(settings: Settings, killed_at: float) -> tuple[int | None, float | None]:
    """(queue length, seconds from the kill) when Flower's broker view first reads the new primary.

    Flower asks only the first Sentinel of the URL, which may still be settling on the new primary.
    """
    deadline = time.monotonic() + FLOWER_WAIT_S
    while time.monotonic() < deadline:
        with contextlib.suppress(redis.ConnectionError, redis.ResponseError):
            length = flower_queue_length(settings)
            return length, time.time() - killed_at
        time.sleep(0.5)
    return None, None


async def _queues_then_close(broker: Any, names: list[str]) -> list[dict[str, Any]]:
    # Flower closes its client of the primary but not its connections to the Sentinels.
    try:
        return await broker.queues(names)  # type: ignore[no-any-return]
    finally:
        for sentinel in broker.redis.connection_pool.sentinel_manager.sentinels:
            await sentinel.aclose()


def scripts_loaded(client: redis.Redis, store: RedisResultStore) -> bool:
    """Whether ``client``'s server has the store's Lua scripts in its cache."""
    shas = [store._accept.sha, store._transition.sha]  # the registered scripts' hashes
    return all(client.script_exists(*shas))


# ------------------------------------------------------------------ the runs


@contextlib.contextmanager
def workers_on(
    settings: Settings, directory: Path, names: list[str], concurrency: int
) -> Iterator[tuple[list[WorkerProcess], Supervisor]]:
    """Started ``copydesk worker`` processes (each its own process group and ``-n`` name), stopped after.

    A supervisor thread restarts one that exits on its own, as compose's ``restart:`` or systemd
    would: on a lost broker connection, kombu sometimes fails to hand back its unacknowledged
    messages (AttributeError in ``restore_unacked``) and the worker stops.
    """
    workers = [WorkerProcess(name, settings_env(settings), directory, concurrency) for name in names]
    supervisor = Supervisor(list(workers))
    try:
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.wait_ready(READY_TIMEOUT_S)
        threading.Thread(target=supervisor.run, name="supervisor", daemon=True).start()
        yield workers, supervisor
    finally:
        supervisor.stop.set()
        for worker in workers:
            worker.stop()


def run_failover(config: RunConfig) -> RunReport:
    """Kill the primary mid-run; Sentinel promotes the replica. See the module docstring."""
    report = RunReport(kind="failover")
    tmp = Path(tempfile.mkdtemp(prefix="copydesk-failover-"))
    group = SentinelGroup(tmp)
    started = time.monotonic()
    try:
        group.start()
        settings = run_settings(group.url(), MASTER_NAME)
        report.visibility_timeout_s = settings.visibility_timeout_s
        names = [f"failover{n + 1}" for n in range(config.workers)]
        with workers_on(settings, tmp, names, config.concurrency) as (workers, supervisor):
            client, pages = Client(settings=settings), payloads(config.articles, "fo")
            started = time.monotonic()
            producer = start_producer(client, pages, config.submit_s)
            time.sleep(config.kill_at_s)
            report.scripts_on_replica_before_kill = scripts_loaded(group.replica.client(), client.store)
            old_port, killed_at = group.primary.port, time.time()
            group.primary.kill()
            _say(config, f"primary (port {old_port}) SIGKILLed")
            _wait_until(lambda: group.primary_port() not in {None, old_port}, 60, "no replica was promoted")
            report.promotion_s = time.time() - killed_at
            _say(config, f"replica promoted after {report.promotion_s:.1f} s")
            report.flower_queue_after_failover, report.flower_s = flower_after_failover(settings, killed_at)
            settle(report, config, client, producer, workers, killed_at=killed_at, started=started)
            report.noscript_resends = sum(w.log().count("refused with NOSCRIPT") for w in workers)
            report.worker_restarts = supervisor.restarts
        return report
    finally:
        group.stop()
        _clean_up(tmp, config)


def run_host_loss(config: RunConfig) -> RunReport:
    """Kill one of three worker hosts for good mid-run; the others finish its work."""
    report = RunReport(kind="hosts")
    tmp = Path(tempfile.mkdtemp(prefix="copydesk-hosts-"))
    server = RedisServer(tmp)
    started = time.monotonic()
    try:
        server.start()
        settings = run_settings(server.url)
        report.visibility_timeout_s = settings.visibility_timeout_s
        with workers_on(settings, tmp, list(HOSTS), config.concurrency) as (workers, supervisor):
            client, pages = Client(settings=settings), payloads(config.articles, "host")
            started = time.monotonic()
            producer = start_producer(client, pages, config.submit_s)
            time.sleep(config.kill_at_s)
            victim = workers[0]
            _wait_until(lambda: bool(unfinished_tasks(victim.log())), 60, f"{victim.name} never held a task")
            supervisor.workers.remove(victim)  # a dead host stays dead
            killed_at = time.time()
            kill_host(victim)
            _say(config, f"{victim.name} SIGKILLed as a whole (process group), not restarted")
            settle(report, config, client, producer, workers, killed_at=killed_at, started=started)
            orphaned = unfinished_tasks(victim.log())
            elsewhere = set().union(*(received_tasks(w.log()) for w in workers[1:]))
            report.orphaned_tasks = len(orphaned)
            report.orphaned_rerun_elsewhere = len(orphaned & elsewhere)
        return report
    finally:
        server.stop()
        _clean_up(tmp, config)


def kill_host(worker: WorkerProcess) -> None:
    """SIGKILL a worker's whole process group, as when its machine dies; it stays down."""
    with worker.lock:
        if worker.proc is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(worker.proc.pid, signal.SIGKILL)
            worker.proc.wait()


def start_producer(client: Client, pages: list[dict[str, Any]], pace_s: float) -> Producer:
    """A ``Producer`` submitting ``pages`` in a thread of its own."""
    producer = Producer(client, pages, pace_s)
    producer.thread = threading.Thread(target=producer.run, name="producer", daemon=True)
    producer.thread.start()
    return producer


def settle(report: RunReport, config: RunConfig, client: Client, producer: Producer, workers: list[WorkerProcess],
           *, killed_at: float, started: float) -> None:
    """Wait for the producer and for every article to be final, then fill in the figures."""
    if producer.thread is not None:
        producer.thread.join()
    report.resubmitted = wait_final(client, producer.pages, config.wait_s, lambda text: _say(config, text))
    report.wall_s = time.monotonic() - started
    report.producer_raised = producer.raised
    finish_report(report, client, producer.pages, killed_at)
    count_log_events(workers, report.accounting)


def finish_report(report: RunReport, client: Client, pages: list[dict[str, Any]], killed_at: float) -> None:
    """Fill in the accounting and the times after the kill from the store."""
    ids = sorted(p["id"] for p in pages)
    report.accounting.submitted = len(ids)
    account(client, ids, set(), report.accounting)
    moved, final = (seconds_after(times, killed_at) for times in status_times(client.store, ids))
    report.resume_s = moved[0] if moved else None
    report.first_final_s = final[0] if final else None
    report.last_final_s = final[-1] if final else None


# Celery's log lines for a task: "received", then "succeeded in", "retry:" or "raised ...".
TASK_LINE = re.compile(r"Task copydesk\.\w+\[([0-9a-f-]{36})\] (\w+)")


def received_tasks(log: str) -> set[str]:
    """Ids of the tasks a worker's log says it received."""
    return {m.group(1) for m in TASK_LINE.finditer(log) if m.group(2) == "received"}


def unfinished_tasks(log: str) -> set[str]:
    """Tasks a worker received and never finished (it was killed holding them)."""
    ended = {m.group(1) for m in TASK_LINE.finditer(log) if m.group(2) != "received"}
    return received_tasks(log) - ended


def _say(config: RunConfig, text: str) -> None:
    if not config.quiet:
        sys.stderr.write(f"[{time.strftime('%H:%M:%S')}] {text}\n")


def _clean_up(tmp: Path, config: RunConfig) -> None:
    if config.keep:
        sys.stderr.write(f"logs kept in {tmp}\n")
    else:
        shutil.rmtree(tmp, ignore_errors=True)


def main(kind: str, articles: int, keep: bool) -> int:
    """Run ``--failover`` or ``--hosts`` and print the figures; 1 if anything was lost or doubled."""
    config = RunConfig(articles=articles, keep=keep)
    report = run_failover(config) if kind == "failover" else run_host_loss(config)
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1
