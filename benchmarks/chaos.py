"""Chaos run: articles flow through real workers while their processes and Redis are killed.

    .venv/bin/python benchmarks/chaos.py [--articles 2000] [--kills 20] [--redis-restarts 1]
                                         [--corpus ../shared/corpus/dev] [--seed N] [--keep]
    .venv/bin/python benchmarks/chaos.py --checks
    .venv/bin/python benchmarks/chaos.py --failover | --hosts   (benchmarks/failover.py)

What it does, all on this machine and on its own Redis (never the one on 6379):

- starts a ``redis-server`` on a free loopback port with ``--appendonly yes --appendfsync
  everysec`` in a temporary directory;
- starts 2 workers (``python -m worker.cli worker --concurrency 1 -n chaosN@%h``: one pool
  process each, 2 in all for 2 cores) with time limits, batch size, visibility timeout and
  sweeper scaled down so that recovery takes minutes, not hours;
- submits N articles (the dev corpus HTML and text, cycled under unique ids, plus hostile
  payloads that must end ``failed``), mostly with ``Client.submit_many`` and every
  ``SINGLE_EVERY``-th batch with ``Client.submit``, paced over ``--submit-s`` seconds. When Redis is
  down the client raises ``StoreUnavailable``: the producer waits and sends the same batch again
  (ids dedupe, so that is safe);
- meanwhile a chaos thread SIGKILLs, at random times, ``--kills`` times in all, a worker's pool
  child (Celery's pool replaces it) or its main process (30 %; its pool dies with it, as Celery
  sets PDEATHSIG on pool processes; it is started again a second later, like compose's
  ``restart:``), and crashes Redis ``--redis-restarts`` times (SIGKILL, restarted from its AOF on
  the same port). A supervisor thread also restarts a worker that exits on its own (stock Celery
  exited with "Could not start worker processes" when a pool child was killed while it booted;
  ``worker/pool.py`` replaces the child instead, and the count printed should stay 0);
- waits (bounded) until every submitted id is ``done`` or ``failed``, then prints the figures.

``--checks`` runs targeted checks instead, on one worker with one pool process unless said: (a)
the pool child SIGKILLed during a batch (the batch is retried, none of its articles fails); (b)
the main process SIGKILLed while it holds a batch, restarted a second later, and again beside a
second worker that stays up while the first stays down (its leases lapse and the articles are
re-sent: seconds, not the visibility timeout); (c) an article whose pool process is SIGKILLed
on every attempt (it ends ``failed``, ``WorkerLostError``, with max_retries + 1 attempts); (d) a
pool child SIGKILLed within 5 s of the pool starting, 10 times (the worker keeps running and
working); (e) SIGTERM during a batch of 25 (the batch goes back to the queue; every article is
done within 30 s of the restart).

Time to recovery is printed per kill (p50 and max): from the kill to the last article it
interrupted being final, that is every article the killed main process held (its leases), or
the batch the killed pool child ran (Celery's ``inspect active``, asked just before the kill).

Durability window: with ``appendfsync everysec`` a crash of the machine loses up to a second of
writes that Redis had acknowledged (a SIGKILL of redis-server alone loses none: the AOF buffer is
in the kernel). The script plays the machine crash: after the SIGKILL it cuts the last
``--aof-tail-loss-bytes`` (default 1 MB, about a second of writes) off the AOF. Messages, status
changes and acks in that tail are gone, and so can be articles accepted just before the crash
(the producer was told they were enqueued). A producer that must not lose any checks its ids after an outage and
re-submits those the store does not know (``Client.status`` is None); this one does, and the
number is printed ("re-submitted after the crash").

Duplicated results are counted from the store's ``finishes`` counter (incremented by the Lua
transition each time a final result is written; a late duplicate is refused and counted in
``finishes_refused`` instead). Exit status 1 if any article is lost or has more than one
final result, or if the counts do not add up.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import psutil  # noqa: E402
import redis  # noqa: E402
from celery.utils.nodenames import host_format  # noqa: E402

from tasks.models import JobStatus  # noqa: E402
from worker.app import check_visibility_timeout  # noqa: E402
from worker.client import Client  # noqa: E402
from worker.errors import PayloadError, StoreUnavailable  # noqa: E402
from worker.keys import lease_parts  # noqa: E402
from worker.settings import Settings  # noqa: E402
from worker.store import RedisResultStore  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
PREFIX = "chaos"
# Scaled-down settings. The per-article soft limit stays at its default: the first article
# that sends dateparser through every locale takes ~10 s in a fresh pool process (regex
# compilation), and every kill makes a fresh pool process.
ARTICLE_SOFT_LIMIT_S = 20
ARTICLE_HARD_LIMIT_S = 25
# Small batches keep a batch's hard limit, hence the visibility timeout, short (~6.5 min:
# 3 hard limits of a batch, for the one it runs and the two it may wait in a prefetch buffer).
BATCH_SIZE = 4
STALE_MARGIN_S = 30
MAX_RETRIES = 3
MAX_PAYLOAD_BYTES = 2_000_000
SWEEP_INTERVAL_S = 5
# Every SINGLE_EVERY-th batch goes through ``submit`` (one chain per article) instead.
SINGLE_EVERY = 10
# Pause before re-sending a batch the client could not enqueue (Redis down).
PRODUCER_RETRY_PAUSE_S = 0.5
# How long a killed main process stays down before its "supervisor" restarts it.
RESTART_DELAY_S = 1.0
REDIS_DOWN_S = 1.0
POLL_S = 2.0
# How often the recovery tracker looks at the articles a killed worker held.
RECOVERY_POLL_S = 0.5
# How long to wait for a worker's answer to "what do your pool processes run?" before a child kill.
INSPECT_TIMEOUT_S = 0.5
# The target: a killed worker's articles all done within this long.
RECOVERY_TARGET_S = 30.0
# (d): tries, and the window after the pool starts in which its child is killed.
STARTUP_KILL_TRIES = 10
STARTUP_KILL_WINDOW_S = 5.0
# (e): a batch of 25 whose articles take ~0.3 s each in clean, so SIGTERM lands inside it.
SIGTERM_BATCH = 25
SIGTERM_PAYLOAD_BYTES = 200_000
READY_TIMEOUT_S = 90.0
# Articles per run: the chaos run, and the two runs of benchmarks/failover.py (whose wall time is
# the failover and the visibility timeout, not the articles).
DEFAULT_ARTICLES = {None: 2000, "failover": 1000, "hosts": 300}


@dataclass
class ChaosConfig:
    """One chaos run's parameters."""

    articles: int = 2000
    kills: int = 20
    main_kill_share: float = 0.3
    redis_restarts: int = 1
    workers: int = 2
    concurrency: int = 1
    corpus: Path = DEFAULT_CORPUS
    submit_s: float = 40.0
    chaos_s: float = 150.0
    wait_s: float = 900.0
    seed: int = 1
    keep: bool = False
    quiet: bool = False
    checks: bool = False
    # "failover" or "hosts": the runs of benchmarks/failover.py instead.
    mode: str | None = None
    # About a second of writes while articles are being submitted (~1 MB/s of payloads).
    aof_tail_loss_bytes: int = 1_000_000


@dataclass
class ChaosReport:
    """The figures of one run."""

    submitted: int = 0
    done: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    refused_late_finishes: int = 0
    rerun_articles: int = 0
    hostile: int = 0
    hostile_not_failed: list[str] = field(default_factory=list)
    child_kills: int = 0
    main_kills: int = 0
    redis_restarts: int = 0
    producer_retries: int = 0
    resubmitted_after_crash: int = 0
    sweeper_resent: int = 0
    worker_lost_retries: int = 0
    supervisor_restarts: int = 0
    aof_bytes_lost: int = 0
    # Seconds from a kill to the last article it interrupted being final, per kind: for a main
    # process every article its worker held (running or prefetched), for a pool child its task.
    recovery_s: dict[str, list[float]] = field(default_factory=lambda: {"child": [], "main": []})
    kills_holding_nothing: int = 0
    store_counts: dict[str, int] = field(default_factory=dict)
    counts_add_up: bool = False
    wall_s: float = 0.0
    log_dir: str = ""

    @property
    def ok(self) -> bool:
        """No article lost, none with two results, the counts add up, hostile ones failed."""
        return not self.lost and not self.duplicated and self.counts_add_up and not self.hostile_not_failed

    def recovery_lines(self) -> list[str]:
        """Time to recovery per kill: p50 and max, over all kills and per kind."""
        every = self.recovery_s["child"] + self.recovery_s["main"]
        return [
            f"time to recovery per kill {spread(every)}  (kills that interrupted articles: {len(every)}, "
            f"that hit an idle process: {self.kills_holding_nothing})",
            f"  pool child killed       {spread(self.recovery_s['child'])}",
            f"  main process killed     {spread(self.recovery_s['main'])}",
        ]

    def lines(self) -> list[str]:
        """The figures, one per line."""
        failed_total = sum(self.failed.values())
        by_type = ", ".join(f"{k}: {v}" for k, v in sorted(self.failed.items())) or "-"
        return [
            f"submitted                 {self.submitted}  (of which hostile: {self.hostile})",
            f"done                      {self.done}",
            f"failed                    {failed_total}  ({by_type})",
            f"lost (neither)            {len(self.lost)}  {self.lost[:10]}",
            f"duplicated results        {len(self.duplicated)}  {self.duplicated[:10]}",
            f"late final writes refused {self.refused_late_finishes}",
            f"articles run more than once in a stage  {self.rerun_articles}",
            f"kills                     {self.child_kills + self.main_kills}  "
            f"(pool child: {self.child_kills}, main process: {self.main_kills})",
            *self.recovery_lines(),
            f"redis restarts            {self.redis_restarts}  (AOF tail lost: {self.aof_bytes_lost} bytes)",
            f"workers that exited on their own, restarted  {self.supervisor_restarts}",
            f"producer retries (Redis down)  {self.producer_retries}",
            f"re-submitted after the crash   {self.resubmitted_after_crash}",
            f"sweeper re-sent           {self.sweeper_resent}",
            f"worker-lost retries       {self.worker_lost_retries}",
            f"store counts              {self.store_counts}",
            f"hostile not failed        {self.hostile_not_failed}",
            f"counts add up             {self.counts_add_up}",
            f"wall time                 {self.wall_s:.1f} s",
            f"result                    {'OK' if self.ok else 'FAILED'}",
        ]


def spread(seconds: list[float]) -> str:
    """'p50 X s, max Y s' of some durations ('-' if none)."""
    if not seconds:
        return "-"
    ordered = sorted(seconds)
    return f"p50 {ordered[(len(ordered) - 1) // 2]:.1f} s, max {ordered[-1]:.1f} s"


# ------------------------------------------------------------------ settings


def chaos_settings(redis_url: str, **overrides: Any) -> Settings:
    """Settings scaled down for a run of minutes (``overrides`` on top), valid under the start-up
    visibility check."""
    base = Settings(
        redis_url=redis_url, key_prefix=PREFIX, queue=PREFIX, batch_size=BATCH_SIZE,
        article_soft_limit_s=ARTICLE_SOFT_LIMIT_S, article_hard_limit_s=ARTICLE_HARD_LIMIT_S,
        max_retries=MAX_RETRIES, max_payload_bytes=MAX_PAYLOAD_BYTES, sweep_interval_s=SWEEP_INTERVAL_S,
    ).model_copy(update=overrides)
    visibility = minimal_visibility_timeout(base)
    # Above the visibility timeout (settings.py): a killed worker's messages come back before
    # the sweeper would re-send their articles.
    stale = visibility + STALE_MARGIN_S
    settings = base.model_copy(update={"visibility_timeout_s": visibility, "stale_after_s": stale})
    check_visibility_timeout(settings)
    return settings


def minimal_visibility_timeout(settings: Settings) -> int:
    """The smallest visibility timeout (s) the workers accept at start-up, plus a margin."""
    for seconds in range(60, 100_000, 5):
        try:
            check_visibility_timeout(settings.model_copy(update={"visibility_timeout_s": seconds}))
        except ValueError:
            continue
        return seconds + 5
    msg = "no visibility timeout fits"
    raise ValueError(msg)


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment of a worker running with ``settings``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPYDESK_")}
    for name, value in settings.model_dump().items():
        if value is not None:
            env[f"COPYDESK_{name.upper()}"] = str(value)
    env["PYTHONPATH"] = str(ROOT)
    return env


# ------------------------------------------------------------------ processes


def free_port() -> int:
    """A TCP port free on loopback right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """Our own redis-server with AOF on, which can be crashed and restarted on its port."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        """Start (or restart from the AOF) and wait until it answers PING."""
        self.starts += 1
        argv = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
                "--logfile", str(self.directory / "redis.log")]
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.ConnectionError, redis.exceptions.BusyLoadingError):
                if client.ping():
                    client.close()
                    return
            time.sleep(0.05)
        msg = f"redis-server on port {self.port} did not start"
        raise RuntimeError(msg)

    def crash(self, lose_tail_bytes: int = 0) -> int:
        """SIGKILL, then cut ``lose_tail_bytes`` off the AOF's end; returns the bytes cut.

        SIGKILL alone loses nothing Redis acknowledged: it writes its AOF buffer to the kernel
        before answering, and ``everysec`` only leaves the last second unsynced on disk, lost when
        the machine itself goes down. Cutting the tail is that power cut.
        """
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
        increments = sorted((self.directory / "appendonlydir").glob("*.incr.aof"), key=lambda p: p.stat().st_mtime)
        if not lose_tail_bytes or not increments:
            return 0
        last = increments[-1]
        size = last.stat().st_size
        with last.open("r+b") as aof:
            aof.truncate(max(0, size - lose_tail_bytes))
        return size - max(0, size - lose_tail_bytes)

    def stop(self) -> None:
        """Kill it for good."""
        self.crash()


class WorkerProcess:
    """One ``copydesk worker`` (its own session), restartable like a supervised service."""

    def __init__(self, name: str, env: dict[str, str], log_dir: Path, concurrency: int) -> None:
        self.name = name
        self.env = env
        self.log_path = log_dir / f"{name}.log"
        self.concurrency = concurrency
        self.proc: subprocess.Popen[bytes] | None = None
        self.log_offset = 0
        self.lock = threading.Lock()

    def start(self) -> None:
        """Start the worker (its log is appended to)."""
        argv = [sys.executable, "-m", "worker.cli", "worker", "--concurrency", str(self.concurrency),
                "-n", f"{self.name}@%h"]
        self.log_offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        with self.log_path.open("ab") as log:
            self.proc = subprocess.Popen(argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)

    def wait_ready(self, timeout: float = READY_TIMEOUT_S) -> None:
        """Wait for this incarnation's pool to be up (Celery logs 'ready.')."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.log_path.open("rb") as log:
                log.seek(self.log_offset)
                if b" ready." in log.read():
                    return
            if self.proc is None or self.proc.poll() is not None:
                break
            time.sleep(0.2)
        msg = f"worker {self.name} not ready; see {self.log_path}"
        raise RuntimeError(msg)

    def children(self) -> list[psutil.Process]:
        """The live pool processes (a killed one stays a zombie until the pool reaps it)."""
        if self.proc is None:
            return []
        alive = []
        with contextlib.suppress(psutil.NoSuchProcess):
            for child in psutil.Process(self.proc.pid).children():
                with contextlib.suppress(psutil.NoSuchProcess):
                    if child.status() != psutil.STATUS_ZOMBIE:
                        alive.append(child)
        return alive

    def kill_child(self, rng: random.Random, before: Callable[[int], None] | None = None) -> bool:
        """SIGKILL one pool process (``before(pid)`` is called first); False if there was none to kill."""
        with self.lock:
            children = self.children()
            if not children:
                return False
            victim = rng.choice(children)
            if before is not None:
                before(victim.pid)
            with contextlib.suppress(psutil.NoSuchProcess):
                victim.send_signal(signal.SIGKILL)
                return True
            return False

    def kill_main_and_restart(self) -> bool:
        """SIGKILL the main process (its pool dies with it), restart it a second later."""
        with self.lock:
            if self.proc is None:
                return False
            self._kill_main()
            time.sleep(RESTART_DELAY_S)
            self.start()
            return True

    def restart_if_exited(self) -> str | None:
        """What a supervisor does: start the worker again if its main process has exited.

        Returns why it exited (exit code and last log line), or None if it had not.
        """
        with self.lock:
            if self.proc is None or (code := self.proc.poll()) is None:
                return None
            why = f"exit code {code}; last log line: {self.last_log_line()!r}"
            for child in self.orphans():
                with contextlib.suppress(psutil.NoSuchProcess):
                    child.send_signal(signal.SIGKILL)
            time.sleep(RESTART_DELAY_S)
            self.start()
            return why

    def last_log_line(self) -> str:
        """The last non-empty line this incarnation logged."""
        with self.log_path.open("rb") as log:
            log.seek(self.log_offset)
            lines = [line for line in log.read().decode("utf-8", "replace").splitlines() if line.strip()]
        return lines[-1][:300] if lines else ""

    def orphans(self) -> list[psutil.Process]:
        """Processes left in the exited worker's session (its pool, if it outlived it)."""
        if self.proc is None:
            return []
        found = []
        for proc in psutil.process_iter(["pid"]):
            with contextlib.suppress(psutil.Error):
                if os.getsid(proc.pid) == self.proc.pid:
                    found.append(proc)
        return found

    def stop(self) -> None:
        """Stop for good (TERM, then KILL), pool included."""
        with self.lock:
            if self.proc is None:
                return
            procs = [psutil.Process(self.proc.pid), *self.children()] if self.proc.poll() is None else []
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGTERM)
            _, alive = psutil.wait_procs(procs, timeout=15)
            for proc in alive:
                with contextlib.suppress(psutil.NoSuchProcess):
                    proc.kill()
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop_now(self) -> None:
        """SIGKILL the main process and its pool, not restarted."""
        with self.lock:
            if self.proc is not None:
                self._kill_main()

    def _kill_main(self) -> None:
        """SIGKILL the main process, then its pool (as PDEATHSIG would)."""
        assert self.proc is not None
        children = self.children()
        self.proc.kill()
        self.proc.wait()
        for child in children:
            with contextlib.suppress(psutil.NoSuchProcess):
                child.send_signal(signal.SIGKILL)
        psutil.wait_procs(children, timeout=10)

    def log(self) -> str:
        """The worker's whole log (every incarnation)."""
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path.exists() else ""


# ------------------------------------------------------------------ payloads


def corpus_payloads(corpus: Path, count: int) -> list[dict[str, Any]]:
    """``count`` payloads: the corpus's HTML and text files cycled, each under a unique id."""
    files = sorted((corpus / "html").glob("*.html")) + sorted((corpus / "text").glob("*.txt"))
    if not files:
        msg = f"no .html or .txt files under {corpus}/html and {corpus}/text"
        raise FileNotFoundError(msg)
    contents = [(p, p.read_bytes().decode("utf-8", errors="replace")) for p in files]
    payloads = []
    for i in range(count):
        path, content = contents[i % len(contents)]
        payloads.append({
            "id": f"chaos-{i:06d}", "content": content, "url": f"https://chaos.test/{i}/{path.stem}",
            "content_type": "html" if path.suffix == ".html" else "text",
        })
    return payloads


def hostile_payloads() -> list[dict[str, Any]]:
    """Payloads that must end ``failed`` (in the workers, or refused at submit)."""
    binary = bytes(range(256)).decode("latin-1") * 100
    return [
        {"id": "hostile-binary", "content": "\x00\x01\x02" * 400},
        {"id": "hostile-binary-as-text", "content": binary, "content_type": "text"},
        {"id": "hostile-empty", "content": "   \n\t  "},
        {"id": "hostile-content-type", "content": "<p>x</p>", "content_type": "xml"},
        {"id": "hostile-no-content", "url": "https://chaos.test/none"},
        {"id": "hostile-too-large", "content": "<p>" + "a" * (MAX_PAYLOAD_BYTES + 10) + "</p>"},
    ]


def mixed_payloads(corpus: Path, count: int, rng: random.Random) -> list[dict[str, Any]]:
    """Corpus payloads with the hostile ones spread among them (``count`` in all)."""
    hostile = hostile_payloads()
    payloads = corpus_payloads(corpus, count - len(hostile))
    for item in hostile:
        payloads.insert(rng.randrange(len(payloads) + 1), item)
    return payloads


# ------------------------------------------------------------------ producer and chaos


def _chunks(items: Sequence[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


def send_batch(client: Client, batch: list[dict[str, Any]], single: bool) -> None:
    """One batch through ``submit_many``, or each article through ``submit``."""
    if not single:
        client.submit_many(batch)
        return
    for payload in batch:
        with contextlib.suppress(PayloadError):  # recorded as failed by the client
            client.submit(payload)


def produce(client: Client, payloads: list[dict[str, Any]], pace_s: float, report: ChaosReport) -> None:
    """Submit every payload, re-sending a batch whenever Redis is down."""
    batches = list(_chunks(payloads, client.settings.batch_size * 4))
    start = time.monotonic()
    for number, batch in enumerate(batches):
        due = start + pace_s * number / max(len(batches), 1)
        time.sleep(max(0.0, due - time.monotonic()))
        while True:
            try:
                send_batch(client, batch, single=number % SINGLE_EVERY == SINGLE_EVERY - 1)
                break
            except StoreUnavailable:
                report.producer_retries += 1
                time.sleep(PRODUCER_RETRY_PAUSE_S)


def held_by(store: RedisResultStore, worker_name: str) -> set[str]:
    """The ids of the articles a worker holds leases on (its running and prefetched batches)."""
    try:
        members = store.leases()
    except StoreUnavailable:
        return set()
    return {article for article, holder in map(lease_parts, members) if holder.startswith(f"{worker_name}@")}


def running_articles(control: Any, worker_name: str, pid: int) -> set[str]:
    """The ids of the stage task pool process ``pid`` of a worker runs now (Celery's ``inspect active``)."""
    # Only this worker, and back as soon as it answers (a batch runs in a fraction of a second).
    nodename = host_format(f"{worker_name}@%h")
    try:
        replies = control.inspect(destination=[nodename], limit=1, timeout=INSPECT_TIMEOUT_S).active() or {}
    except Exception:  # noqa: BLE001 - Redis down or no reply: count the kill as hitting nothing known
        return set()
    running = set()
    for hostname, tasks in replies.items():
        if hostname.startswith(f"{worker_name}@"):
            for task in tasks:
                if task.get("worker_pid") == pid and task.get("args"):
                    running.update(task["args"][0])
    return running


@dataclass
class RecoveryTracker:
    """Times each kill's recovery: from the kill to the last article it interrupted being final."""

    store: RedisResultStore
    report: ChaosReport
    pending: list[tuple[str, float, set[str]]] = field(default_factory=list)
    # Per pending kill: its articles not final at the last poll; and one line per recovered kill.
    last_unfinished: dict[int, set[str]] = field(default_factory=dict)
    log: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)

    def track(self, kind: str, killed_at: float, held: set[str]) -> None:
        """Follow the articles a worker held when it was killed at ``killed_at`` (monotonic)."""
        with self.lock:
            if held:
                self.pending.append((kind, killed_at, held))
            else:
                self.report.kills_holding_nothing += 1

    def run(self) -> None:
        """Poll twice a second until stopped and nothing is pending."""
        while not (self.stop.is_set() and not self.pending):
            self.poll()
            time.sleep(RECOVERY_POLL_S)

    def poll(self) -> None:
        """Record the kills whose articles are now all final."""
        with self.lock:
            pending = list(self.pending)
        for entry in pending:
            kind, killed_at, held = entry
            try:
                statuses = self.store.statuses(sorted(held))
            except StoreUnavailable:
                return
            unfinished = {i for i, s in statuses.items() if s not in {JobStatus.DONE, JobStatus.FAILED}}
            if unfinished:
                self.last_unfinished[id(entry)] = unfinished
                continue
            seconds = time.monotonic() - killed_at
            self.report.recovery_s[kind].append(seconds)
            slowest = sorted(self.last_unfinished.pop(id(entry), held))[:3]
            self.log.append(f"{kind} kill: {len(held)} article(s) held, all final {seconds:.1f} s later "
                            f"(last: {', '.join(slowest)})")
            with self.lock:
                self.pending.remove(entry)


@dataclass
class Supervisor:
    """Restarts a worker whose main process exited on its own (compose's ``restart: unless-stopped``)."""

    workers: list[WorkerProcess]
    stop: threading.Event = field(default_factory=threading.Event)
    restarts: int = 0

    def run(self) -> None:
        """Check every half second until stopped."""
        while not self.stop.wait(0.5):
            for worker in self.workers:
                if why := worker.restart_if_exited():
                    self.restarts += 1
                    sys.stderr.write(f"[chaos {time.strftime('%H:%M:%S')}] {worker.name} had exited ({why}): "
                                     "restarted\n")


@dataclass
class Chaos:
    """The chaos thread: kills at random times, and Redis restarts."""

    workers: list[WorkerProcess]
    redis_server: RedisServer
    config: ChaosConfig
    rng: random.Random
    report: ChaosReport
    tracker: RecoveryTracker
    control: Any  # the Celery app's remote control, to ask a worker what its pool runs
    stop: threading.Event = field(default_factory=threading.Event)
    error: BaseException | None = None

    def schedule(self) -> list[tuple[float, str]]:
        """(seconds from start, action) for every kill and Redis restart, in time order."""
        cfg = self.config
        mains = round(cfg.kills * cfg.main_kill_share)
        actions = ["main"] * mains + ["child"] * (cfg.kills - mains)
        self.rng.shuffle(actions)
        plan = [(self.rng.uniform(2.0, cfg.chaos_s), action) for action in actions]
        # Redis goes down while articles are still being submitted, so the producer sees it.
        plan += [(self.rng.uniform(0.3, 0.7) * cfg.submit_s, "redis") for _ in range(cfg.redis_restarts)]
        return sorted(plan)

    def run(self) -> None:
        """Carry out the schedule (in a thread); errors are kept for the main thread."""
        try:
            start = time.monotonic()
            for when, action in self.schedule():
                if self.stop.wait(max(0.0, start + when - time.monotonic())):
                    return
                self.act(action)
        except Exception as exc:  # noqa: BLE001 - re-raised by the main thread
            self.error = exc

    def act(self, action: str) -> None:
        """One kill or restart."""
        if action == "redis":
            cut = self.redis_server.crash(self.config.aof_tail_loss_bytes)
            self.report.aof_bytes_lost += cut
            time.sleep(REDIS_DOWN_S)
            self.redis_server.start()
            self.report.redis_restarts += 1
            self.say(f"redis crashed (SIGKILL, last {cut} bytes of its AOF lost) and restarted from its AOF")
            return
        if action == "main":
            worker = self.rng.choice(self.workers)
            held, killed_at = held_by(self.tracker.store, worker.name), time.monotonic()
            worker.kill_main_and_restart()
            self.tracker.track("main", killed_at, held)
            self.report.main_kills += 1
            self.say(f"SIGKILL {worker.name} main process (restarted)")
            return
        for _ in range(300):  # pool children may be between lives: try again shortly
            worker = self.rng.choice(self.workers)
            running: set[str] = set()

            def note_running(pid: int, worker: WorkerProcess = worker, running: set[str] = running) -> None:
                running.update(running_articles(self.control, worker.name, pid))

            if worker.kill_child(self.rng, before=note_running):
                self.tracker.track("child", time.monotonic(), running)
                self.report.child_kills += 1
                self.say(f"SIGKILL a pool child of {worker.name}")
                return
            time.sleep(0.2)
        msg = "no pool child to kill for a minute"
        raise RuntimeError(msg)

    def say(self, text: str) -> None:
        """Progress on stderr."""
        if not self.config.quiet:
            sys.stderr.write(f"[chaos {time.strftime('%H:%M:%S')}] {text}\n")


# ------------------------------------------------------------------ accounting


def wait_final(client: Client, payloads: dict[str, dict[str, Any]], config: ChaosConfig,
               report: ChaosReport) -> None:
    """Poll until every id is final or the wait is over; re-submit ids Redis forgot in a crash."""
    deadline = time.monotonic() + config.wait_s
    ids = sorted(payloads)
    while time.monotonic() < deadline:
        try:
            statuses = client.store.statuses(ids)
        except StoreUnavailable:
            time.sleep(POLL_S)
            continue
        unknown = [i for i, s in statuses.items() if s is None]
        if unknown:
            # Accepted, then lost with the unsynced tail of the AOF: the producer sends them again.
            report.resubmitted_after_crash += len(unknown)
            with contextlib.suppress(StoreUnavailable):
                for batch in _chunks([payloads[i] for i in unknown], client.settings.batch_size):
                    send_batch(client, batch, single=False)
        pending = sum(1 for s in statuses.values() if s not in {JobStatus.DONE, JobStatus.FAILED})
        if not pending:
            return
        if not config.quiet:
            sys.stderr.write(f"[chaos {time.strftime('%H:%M:%S')}] waiting: {pending} not final\n")
        time.sleep(POLL_S)


def account(client: Client, ids: list[str], hostile: set[str], report: ChaosReport) -> None:
    """Fill in the figures from the store."""
    store = client.store
    pipe = store.redis.pipeline(transaction=False)
    for article_id in ids:
        pipe.hgetall(store.keys.article(article_id))
    records = dict(zip(ids, pipe.execute(), strict=True))
    for article_id, raw in records.items():
        fields = {k.decode(): v for k, v in raw.items() if k != b"result"}
        status = fields.get("status", b"").decode()
        if status == JobStatus.DONE:
            report.done += 1
        elif status == JobStatus.FAILED:
            error = store.status(article_id).error  # type: ignore[union-attr]
            report.failed[f"{error.stage}/{error.type}" if error else "?"] += 1
        else:
            report.lost.append(article_id)
        if int(fields.get("finishes", b"0")) > 1:
            report.duplicated.append(article_id)
        report.refused_late_finishes += int(fields.get("finishes_refused", b"0"))
        if any(int(v) > 1 for k, v in fields.items() if k.startswith("runs:") and k != "runs:queued"):
            report.rerun_articles += 1
        if article_id in hostile and status != JobStatus.FAILED:
            report.hostile_not_failed.append(f"{article_id}={status or 'unknown'}")
    report.store_counts = store.counts()
    report.counts_add_up = (
        report.done + sum(report.failed.values()) + len(report.lost) == report.submitted
        and sum(report.store_counts.values()) == report.submitted
        and report.store_counts["done"] == report.done
        and report.store_counts["failed"] == sum(report.failed.values())
    )


def count_log_events(workers: list[WorkerProcess], report: ChaosReport) -> None:
    """Sweeper re-sends and worker-lost retries, from the workers' logs."""
    for worker in workers:
        text = worker.log()
        report.sweeper_resent += sum(int(n) for n in re.findall(r"sweeper: \d+ stale article\(s\), (\d+) re-sent",
                                                                 text))
        report.worker_lost_retries += len(re.findall(r"retry: Retry in .*WorkerLostError", text))


# ------------------------------------------------------------------ the run


def run_chaos(config: ChaosConfig) -> ChaosReport:
    """Run one chaos experiment end to end; every process and file it made is gone afterwards."""
    report = ChaosReport()
    rng = random.Random(config.seed)
    tmp = Path(tempfile.mkdtemp(prefix="copydesk-chaos-"))
    report.log_dir = str(tmp)
    redis_server = RedisServer(tmp)
    workers: list[WorkerProcess] = []
    chaos: Chaos | None = None
    supervisor: Supervisor | None = None
    thread: threading.Thread | None = None
    started = time.monotonic()
    try:
        redis_server.start()
        settings = chaos_settings(redis_server.url)
        env = settings_env(settings)
        workers = [WorkerProcess(f"chaos{n + 1}", env, tmp, config.concurrency) for n in range(config.workers)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.wait_ready()
        client = Client(settings=settings)
        payloads = mixed_payloads(config.corpus, config.articles, rng)
        by_id = {p["id"]: p for p in payloads}
        hostile = {p["id"] for p in hostile_payloads()}
        report.submitted, report.hostile = len(by_id), len(hostile)
        started = time.monotonic()
        supervisor = Supervisor(workers)
        threading.Thread(target=supervisor.run, name="supervisor", daemon=True).start()
        tracker = RecoveryTracker(client.store, report)
        tracker_thread = threading.Thread(target=tracker.run, name="recovery", daemon=True)
        tracker_thread.start()
        chaos = Chaos(workers, redis_server, config, rng, report, tracker, client.app.control)
        thread = threading.Thread(target=chaos.run, name="chaos", daemon=True)
        thread.start()
        produce(client, payloads, config.submit_s, report)
        thread.join()  # every kill and restart happens before the final wait starts
        if chaos.error is not None:
            raise chaos.error
        wait_final(client, by_id, config, report)
        tracker.stop.set()
        tracker_thread.join(timeout=10)
        for line in tracker.log:
            chaos.say(line)
        report.wall_s = time.monotonic() - started
        account(client, sorted(by_id), hostile, report)
        count_log_events(workers, report)
        report.supervisor_restarts = supervisor.restarts
        return report
    finally:
        if supervisor is not None:
            supervisor.stop.set()
        if chaos is not None:
            chaos.stop.set()
        if thread is not None:
            thread.join(timeout=120)
        for worker in workers:
            worker.stop()
        redis_server.stop()
        if config.keep:
            sys.stderr.write(f"logs and AOF kept in {tmp}\n")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


# ------------------------------------------------------------------ targeted kill checks
#
# ``--checks``: one worker, one pool process, one kind of kill each, every figure printed.


@contextlib.contextmanager
def check_workers(count: int = 1, **overrides: Any) -> Iterator[tuple[Client, list[WorkerProcess], Settings]]:
    """Our own Redis and ``count`` ``--concurrency 1`` workers (started, ready), gone afterwards."""
    tmp = Path(tempfile.mkdtemp(prefix="copydesk-chaos-check-"))
    redis_server = RedisServer(tmp)
    workers: list[WorkerProcess] = []
    try:
        redis_server.start()
        settings = chaos_settings(redis_server.url, **overrides)
        workers = [WorkerProcess(f"check{n + 1}", settings_env(settings), tmp, 1) for n in range(count)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.wait_ready()
        yield Client(settings=settings), workers, settings
    finally:
        for worker in workers:
            worker.stop()
        redis_server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


@contextlib.contextmanager
def one_worker() -> Iterator[tuple[Client, WorkerProcess, Settings]]:
    """Our own Redis and a single ``--concurrency 1`` worker, gone afterwards."""
    with check_workers(1) as (client, workers, settings):
        yield client, workers[0], settings


def wait_for_status(client: Client, article_id: str, statuses: set[JobStatus], timeout: float) -> float:
    """Seconds until the article reaches one of ``statuses`` (TimeoutError after ``timeout``)."""
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        record = client.status(article_id)
        if record is not None and record.status in statuses:
            return time.monotonic() - start
        time.sleep(0.01)
    msg = f"{article_id} not in {sorted(statuses)} after {timeout:g} s"
    raise TimeoutError(msg)


def describe(client: Client, ids: list[str]) -> list[str]:
    """One line per article: status, runs per stage, error type and attempts."""
    lines = []
    for article_id in ids:
        record = client.status(article_id)
        if record is None:
            lines.append(f"  {article_id}: unknown")
            continue
        error = record.error
        why = f" {error.type} in {error.stage}, attempts {error.attempts}" if error else ""
        lines.append(f"  {article_id}: {record.status.value}{why}; runs {record.runs}")
    return lines


def sized_payloads(corpus: Path, count: int, tag: str, size: int) -> list[dict[str, Any]]:
    """Payloads of about ``size`` characters (a corpus text repeated): the bigger, the slower in ``clean``."""
    text = max((corpus / "text").glob("*.txt"), key=lambda p: p.stat().st_size).read_text(errors="replace")
    body = "\n\n".join([text] * max(1, size // max(len(text), 1)))
    return [{"id": f"{tag}-{n}", "content": body + f"\n\n{tag} {n}", "content_type": "text"} for n in range(count)]


def slow_payloads(corpus: Path, count: int, tag: str) -> list[dict[str, Any]]:
    """Payloads that take seconds each in ``clean``, so a kill lands inside."""
    return sized_payloads(corpus, count, tag, 1_500_000)


def check_child_kill(corpus: Path) -> bool:
    """(a) SIGKILL the pool child during a batch: the batch is retried, no article fails."""
    with one_worker() as (client, worker, settings):
        ids = client.submit_many(slow_payloads(corpus, settings.batch_size, "child"))
        wait_for_status(client, ids[0], {JobStatus.CLEANING}, 60)
        time.sleep(0.5)
        worker.kill_child(random.Random(0))
        results = client.wait(ids, timeout=300)
        retried = len(re.findall(r"retry: Retry in \d+s: WorkerLostError", worker.log()))
        ok = all(r.status is JobStatus.DONE for r in results.values()) and retried >= 1
        print(f"(a) pool child SIGKILLed during a batch of {len(ids)}: worker-lost retries {retried}, "
              f"{'OK' if ok else 'FAILED'}", *describe(client, ids), sep="\n")
        return ok


def check_main_kill(corpus: Path, *, second_worker: bool) -> tuple[bool, float]:
    """(b) SIGKILL a worker's main process (its pool dies with it) while it holds a batch.

    Alone, it is restarted a second later (compose's ``restart:``) and recovers its own leases;
    with a second worker, it stays down and the other one re-sends its articles. Returns
    (whether every held article ended done, seconds from the kill to the last of them final).
    """
    with check_workers(2 if second_worker else 1) as (client, workers, settings):
        # Two batches with two workers: each takes one; the one holding the first is killed.
        batches = 2 if second_worker else 1
        ids = client.submit_many(slow_payloads(corpus, settings.batch_size * batches, "main"))
        wait_for_status(client, ids[0], {JobStatus.CLEANING}, 60)
        time.sleep(0.5)
        victim = next(w for w in workers if ids[0] in held_by(client.store, w.name))
        held = held_by(client.store, victim.name)
        killed = time.monotonic()
        if second_worker:
            victim.stop_now()
        else:
            victim.kill_main_and_restart()
        results = client.wait(sorted(held), timeout=settings.visibility_timeout_s + 120)
        elapsed = time.monotonic() - killed
        done = all(r.status is JobStatus.DONE for r in results.values())
        ok = done and elapsed <= RECOVERY_TARGET_S
        client.wait(ids, timeout=settings.visibility_timeout_s + 120)
        how = "the second worker re-sent them" if second_worker else "restarted a second later"
        print(f"(b) main process SIGKILLed holding {len(held)} article(s) ({how}): all done {elapsed:.1f} s "
              f"after the kill (lease {settings.lease_s} s, visibility timeout {settings.visibility_timeout_s} s), "
              f"{'OK' if ok else 'FAILED'}", *describe(client, sorted(held)), sep="\n")
        return done, elapsed


def check_startup_kills(tries: int = STARTUP_KILL_TRIES) -> bool:
    """(d) A pool child SIGKILLed within 5 s of the pool starting leaves the worker running and working."""
    survived = 0
    rng = random.Random(7)
    with check_workers(1) as (client, workers, _):
        worker = workers[0]
        for attempt in range(tries):
            worker.stop()
            worker.start()
            first_child = wait_for(lambda: bool(worker.children()), 60)
            delay = rng.uniform(0, STARTUP_KILL_WINDOW_S)
            time.sleep(max(0.0, first_child + delay - time.monotonic()))
            worker.kill_child(rng)
            with contextlib.suppress(RuntimeError):
                worker.wait_ready()
            article_id = client.submit({"id": f"startup-{attempt}", "content": "<p>" + "Words here. " * 50 + "</p>"})
            try:
                done = client.wait([article_id], timeout=60)[article_id].status is JobStatus.DONE
            except TimeoutError:
                done = False
            running = worker.proc is not None and worker.proc.poll() is None
            survived += running and done
            print(f"  try {attempt + 1}: child killed {delay:.1f} s after the pool started; worker "
                  f"{'running' if running else 'EXITED'}, next article {'done' if done else 'NOT done'}")
    ok = survived == tries
    print(f"(d) pool child killed during start-up: worker kept running and working {survived}/{tries}, "
          f"{'OK' if ok else 'FAILED'}")
    return ok


def check_sigterm(corpus: Path) -> tuple[bool, float]:
    """(e) SIGTERM (``docker compose stop``) during a batch of 25: the batch goes back to the queue
    and every article is done within 30 s of the restart."""
    with check_workers(1, batch_size=SIGTERM_BATCH) as (client, workers, settings):
        worker = workers[0]
        ids = client.submit_many(sized_payloads(corpus, SIGTERM_BATCH, "term", SIGTERM_PAYLOAD_BYTES))
        wait_for_status(client, ids[0], {JobStatus.CLEANING}, 60)
        time.sleep(1.0)
        stopping = time.monotonic()
        worker.stop()
        stop_s = time.monotonic() - stopping
        finished_before = sum(s in {JobStatus.DONE, JobStatus.FAILED} for s in client.store.statuses(ids).values())
        handed_back, leases_left = client.store.queue_depth(settings.queue), len(client.store.leases())
        restarted = time.monotonic()
        worker.start()
        results = client.wait(ids, timeout=settings.visibility_timeout_s + 120)
        elapsed = time.monotonic() - restarted
        ok = all(r.status is JobStatus.DONE for r in results.values()) and elapsed <= RECOVERY_TARGET_S
        print(f"(e) SIGTERM during a batch of {len(ids)}: stopped in {stop_s:.1f} s (soft shutdown "
              f"{settings.soft_shutdown_s:g} s) with {finished_before} done, {handed_back} message(s) back in the "
              f"queue and {leases_left} lease(s) left; after the restart all done in "
              f"{elapsed:.1f} s, {'OK' if ok else 'FAILED'}")
        return ok, elapsed


def wait_for(condition: Any, timeout: float) -> float:
    """Poll ``condition()`` until true; returns the monotonic time it became true."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.02)
    msg = f"condition not met in {timeout:g} s"
    raise TimeoutError(msg)


def check_poison(corpus: Path) -> bool:
    """(c) An article that kills its worker on every attempt ends failed with its attempts."""
    with one_worker() as (client, worker, settings):
        article_id = client.submit(slow_payloads(corpus, 1, "poison")[0])
        kills = 0
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            record = client.status(article_id)
            if record is None or record.status in {JobStatus.DONE, JobStatus.FAILED}:
                break
            if record.runs.get("cleaning", 0) > kills and record.status is JobStatus.CLEANING:
                kills += worker.kill_child(random.Random(kills))  # inside the attempt that just started
            time.sleep(0.005)
        record = client.status(article_id)
        error = record.error if record else None
        ok = (error is not None and error.type == "WorkerLostError"
              and error.attempts == settings.max_retries + 1)
        print(f"(c) poison article (its pool process SIGKILLed on each attempt, {kills} kills, "
              f"max_retries {settings.max_retries}): {'OK' if ok else 'FAILED'}", *describe(client, [article_id]),
              sep="\n")
        return ok


def within_target(done: bool, elapsed_s: float) -> bool:
    """All done, within the 30 s target."""
    return done and elapsed_s <= RECOVERY_TARGET_S


def run_checks(corpus: Path) -> bool:
    """The targeted kill checks; True if all passed."""
    results = [
        check_child_kill(corpus),
        check_poison(corpus),
        within_target(*check_main_kill(corpus, second_worker=False)),
        within_target(*check_main_kill(corpus, second_worker=True)),
        check_startup_kills(),
        check_sigterm(corpus)[0],
    ]
    return all(results)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def parse_args(argv: Sequence[str] | None) -> ChaosConfig:
    """The command line as a ``ChaosConfig``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=None, help="default 2000 (--failover 1000, --hosts 300)")
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--redis-restarts", type=int, default=1)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--submit-s", type=float, default=40.0, help="spread submissions over this long")
    parser.add_argument("--chaos-s", type=float, default=150.0, help="spread the kills over this long")
    parser.add_argument("--wait-s", type=float, default=900.0, help="longest wait for every article")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    parser.add_argument("--aof-tail-loss-bytes", type=int, default=1_000_000,
                        help="bytes cut off the AOF at each Redis crash (the unsynced second)")
    parser.add_argument("--keep", action="store_true", help="keep logs and the AOF")
    parser.add_argument("--checks", action="store_true",
                        help="instead: the targeted checks (pool child kill, poison article, main kill)")
    parser.add_argument("--failover", action="store_const", const="failover", dest="mode",
                        help="instead: Sentinel promotes a replica mid-run (benchmarks/failover.py)")
    parser.add_argument("--hosts", action="store_const", const="hosts", dest="mode",
                        help="instead: one of three worker hosts dies for good mid-run (benchmarks/failover.py)")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time())
    return ChaosConfig(articles=args.articles or DEFAULT_ARTICLES[args.mode], mode=args.mode,
                       kills=args.kills, redis_restarts=args.redis_restarts,
                       corpus=args.corpus, submit_s=args.submit_s, chaos_s=args.chaos_s, wait_s=args.wait_s,
                       seed=seed, keep=args.keep, checks=args.checks, aof_tail_loss_bytes=args.aof_tail_loss_bytes)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the chaos experiment and print its figures; 1 if anything was lost or doubled."""
    config = parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # clean up on kill as on Ctrl-C
    if config.mode is not None:
        from benchmarks import failover  # noqa: PLC0415 - it imports this module's helpers

        try:
            return failover.main(config.mode, config.articles, keep=config.keep)
        except KeyboardInterrupt:
            return 130
    if config.checks:
        try:
            return 0 if run_checks(config.corpus) else 1
        except KeyboardInterrupt:
            return 130
    print(f"chaos: {config.articles} articles, {config.workers} workers x concurrency {config.concurrency}, "
          f"{config.kills} kills, {config.redis_restarts} Redis restart(s), seed {config.seed}", flush=True)
    try:
        report = run_chaos(config)
    except KeyboardInterrupt:
        print("interrupted: workers, Redis and temporary files cleaned up", file=sys.stderr)
        return 130
    for line in report.lines():
        print(line)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
