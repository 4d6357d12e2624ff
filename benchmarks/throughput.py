"""Throughput, overhead and memory of copydesk on Redis + Celery, measured side by side.

    python benchmarks/throughput.py [CORPUS_DIR] [--articles 2000] [--backlog 100000]

Starts its own redis-server (no persistence) on a free port, so the figures are not mixed
with anything else on the machine, and prints:
  P   the in-process pipeline on 2 processes (articles/s)
  Q   end to end through Redis and one Celery worker with 2 processes, from the first
      ``submit_many`` call to the last result stored, with task events on and Flower running;
      the same with ``submit`` in a loop (one chain per article); Q/P for both
      P is measured before and after each Q run (``--rounds``) and Q/P is the ratio of the
      means: this machine's speed drifts by 10 % or more from minute to minute (a shared VM),
      so a single P measured minutes before Q would mostly measure that drift.
  producer rates with 20 KB payloads: ``submit_many``, a ``submit`` loop, raw pipelined LPUSH
  Redis memory per queued article at a backlog, against the raw payload size
  scaling from 1 to 2 worker processes
  what Flower lists for a run, that /metrics answers and that its API wants credentials
  keys without a TTL or an owner
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import redis
import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tasks.models import ArticleIn  # noqa: E402
from worker.client import Client  # noqa: E402
from worker.settings import Settings  # noqa: E402

FLOWER_AUTH = ("bench", "bench-password")
PAYLOAD_BYTES = 20_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def redis_server() -> Iterator[str]:
    """A private redis-server (no persistence) for the duration of the benchmark."""
    port = free_port()
    workdir = tempfile.mkdtemp(prefix="copydesk-bench-redis-")
    proc = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
         "--dir", workdir], stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        shutil.rmtree(workdir, ignore_errors=True)


def load_pages(corpus: Path) -> list[str]:
    """The corpus's HTML pages."""
    return [p.read_text(encoding="utf-8", errors="replace") for p in sorted((corpus / "html").glob("*.html"))]


def payloads_from(pages: list[str], count: int, tag: str) -> list[dict[str, str]]:
    """``count`` payloads cycling through the pages, each with its own id."""
    return [{"id": f"{tag}-{i}", "content": pages[i % len(pages)], "content_type": "html"} for i in range(count)]


def twenty_kb_payloads(pages: list[str], count: int, tag: str) -> list[dict[str, str]]:
    """``count`` payloads of 20 KB cut from real pages (so they compress like real ones)."""
    text = "".join(pages)
    chunks = [text[i : i + PAYLOAD_BYTES] for i in range(0, len(text) - PAYLOAD_BYTES, PAYLOAD_BYTES)]
    return [{"id": f"{tag}-{i}", "content": chunks[i % len(chunks)], "content_type": "html"} for i in range(count)]


# ------------------------------------------------------------------ P: in-process


def _process_one(payload: dict[str, str]) -> str:
    from tasks.pipeline import process  # noqa: PLC0415

    return process(ArticleIn.model_validate(payload)).status.value


def _warm() -> None:
    from tasks.pipeline import warm_up  # noqa: PLC0415 - the same warm-up the workers do

    warm_up()


def in_process_rate(payloads: list[dict[str, str]], processes: int = 2) -> float:
    """Articles/s of the pure pipeline on ``processes`` processes.

    Spawned, not forked: a child forked from this process after a Q run inherits the client's
    kombu connections, and kombu's after-fork hook blocks on them (a BRPOP read) while closing
    them, which halved P in a forked pool.
    """
    with get_context("spawn").Pool(processes, initializer=_warm) as pool:
        pool.map(_process_one, payloads[:processes * 2])  # fork + imports out of the timing
        start = time.perf_counter()
        for _ in pool.imap_unordered(_process_one, payloads, chunksize=4):
            pass
        return len(payloads) / (time.perf_counter() - start)


# ------------------------------------------------------------------ Q: through Celery


class Cluster:
    """A worker (``copydesk worker``) and Flower on a private Redis, torn down on exit."""

    def __init__(self, redis_url: str, concurrency: int, tag: str, flower: bool = True) -> None:
        self.settings = Settings(redis_url=redis_url, key_prefix=f"bench-{tag}", queue=f"bench-{tag}")
        self.env = {
            **os.environ, "COPYDESK_REDIS_URL": redis_url, "COPYDESK_KEY_PREFIX": self.settings.key_prefix,
            "COPYDESK_QUEUE": self.settings.queue, "PYTHONPATH": str(ROOT),
            "FLOWER_BASIC_AUTH": ":".join(FLOWER_AUTH),
        }
        self.logs = tempfile.mkdtemp(prefix="copydesk-bench-logs-")
        self.procs: list[subprocess.Popen[bytes]] = []
        self.flower_port = free_port() if flower else None
        self._start([sys.executable, "-m", "worker.cli", "worker", "--concurrency", str(concurrency),
                     "-n", f"bench-{tag}@%h", "--loglevel", "WARNING"], "worker")
        if self.flower_port:
            self._start([sys.executable, "-m", "celery", "-A", "worker.app", "flower",
                         f"--port={self.flower_port}"], "flower")
        self._wait_ready(concurrency)

    def _start(self, argv: list[str], name: str) -> None:
        log = open(Path(self.logs) / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        self.procs.append(subprocess.Popen(argv, env=self.env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                           start_new_session=True))

    def _wait_ready(self, concurrency: int) -> None:
        client = Client(settings=self.settings)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            replies = client.app.control.ping(timeout=0.5)
            if replies:
                break
        else:
            raise RuntimeError(f"worker did not start; logs in {self.logs}")
        if self.flower_port:
            while time.monotonic() < deadline:
                try:
                    requests.get(f"http://127.0.0.1:{self.flower_port}/healthcheck", timeout=1)
                    break
                except requests.ConnectionError:
                    time.sleep(0.2)
        client.app.close()

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + sys) so far of the worker's pool processes, its main process and Flower.

        Pool children are recycled (``worker_max_tasks_per_child``): the CPU of those already
        reaped is in the main process's ``children_*`` times, the live ones are asked directly.
        """
        import psutil  # noqa: PLC0415 - benchmark-only dependency

        roles = ("worker main", "flower")
        total = dict.fromkeys(("pool", *roles), 0.0)
        for proc, role in zip(self.procs, roles, strict=False):
            try:
                parent = psutil.Process(proc.pid)
                own = parent.cpu_times()
                total[role] += own.user + own.system
                children = parent.children(recursive=True)
                pool = "pool" if role == "worker main" else role
                total[pool] += own.children_user + own.children_system
            except psutil.NoSuchProcess:
                continue
            for child in children:
                with contextlib.suppress(psutil.NoSuchProcess):  # recycled while we looked
                    times = child.cpu_times()
                    total[pool] += times.user + times.system
        return total

    def close(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
        shutil.rmtree(self.logs, ignore_errors=True)


def wait_all_final(client: Client, total: int, timeout: float = 1800) -> None:
    """Poll the counts until ``total`` articles are done or failed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = client.counts()
        if counts["done"] + counts["failed"] >= total:
            return
        time.sleep(0.05)
    raise TimeoutError(f"only {client.counts()} after {timeout} s")


def pipeline_rate(redis_url: str, payloads: list[dict[str, str]], *, mode: str, concurrency: int = 2,
                  tag: str, flower: bool = True) -> dict[str, Any]:
    """End-to-end articles/s through Redis and Celery; CPU per article by process; Flower's task count."""
    cluster = Cluster(redis_url, concurrency, tag, flower=flower)
    try:
        client = Client(settings=cluster.settings)
        server = client.store.redis  # the store's own connection to the benchmark's Redis
        cpu0, redis0, start = cluster.cpu_seconds(), redis_cpu_seconds(server), time.perf_counter()
        producer0 = time.process_time()
        if mode == "batch":
            client.submit_many(payloads)
        else:
            for payload in payloads:
                client.submit(payload)
        producer_cpu = time.process_time() - producer0
        wait_all_final(client, len(payloads))
        elapsed = time.perf_counter() - start
        cpu = {role: seconds - cpu0[role] for role, seconds in cluster.cpu_seconds().items()}
        cpu.update({"producer": producer_cpu, "redis": redis_cpu_seconds(server) - redis0})
        per_article = {role: 1000 * seconds / len(payloads) for role, seconds in cpu.items()}
        out = {
            "rate": len(payloads) / elapsed,
            "cpu_ms_per_article": sum(per_article.values()),
            "cpu_ms": per_article,
            "done": client.counts()["done"],
        }
        if cluster.flower_port:
            out.update(flower_figures(cluster.flower_port))
        client.app.close()
        return out
    finally:
        cluster.close()


def redis_cpu_seconds(server: redis.Redis) -> float:
    """CPU time (user + sys) of the Redis server so far."""
    info = server.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


def cpu_breakdown(runs: list[dict[str, Any]]) -> str:
    """Mean CPU ms per article of each process role over ``runs``."""
    roles = runs[0]["cpu_ms"]
    return ", ".join(f"{role} {statistics.mean(r['cpu_ms'][role] for r in runs):.2f}" for role in roles)


def flower_figures(port: int) -> dict[str, float]:
    """Stage tasks Flower lists, and that its API and /metrics want credentials."""
    base = f"http://127.0.0.1:{port}"
    time.sleep(1.0)  # the last events are in flight
    tasks = requests.get(f"{base}/api/tasks", auth=FLOWER_AUTH, timeout=30).json()
    names = [t["name"] for t in tasks.values()]
    return {
        "flower_tasks": len(names),
        "flower_stage_tasks": sum(1 for n in names if n and n.startswith("copydesk.")),
        "flower_unauthenticated_status": requests.get(f"{base}/api/tasks", timeout=10).status_code,
        "flower_metrics_status": requests.get(f"{base}/metrics", auth=FLOWER_AUTH, timeout=10).status_code,
    }


# ------------------------------------------------------------------ producer rates


def producer_rates(redis_url: str, payloads: list[dict[str, str]]) -> dict[str, float]:
    """Payloads/s: submit_many, a submit loop (first 1,000) and raw pipelined LPUSH."""
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    client = Client(settings=Settings(redis_url=redis_url, key_prefix="bench-prod", queue="bench-prod"))
    start = time.perf_counter()
    client.submit_many(payloads)
    many = len(payloads) / (time.perf_counter() - start)
    server.flushdb()
    loop_payloads = payloads[:1000]
    start = time.perf_counter()
    for payload in loop_payloads:
        client.submit(payload)
    loop = len(loop_payloads) / (time.perf_counter() - start)
    server.flushdb()
    bodies = [json.dumps(p).encode() for p in payloads]
    start = time.perf_counter()
    for i in range(0, len(bodies), 500):
        pipe = server.pipeline(transaction=False)
        for body in bodies[i : i + 500]:
            pipe.lpush("bench-raw", body)
        pipe.execute()
    raw = len(bodies) / (time.perf_counter() - start)
    server.flushdb()
    client.app.close()
    return {"submit_many": many, "submit_loop": loop, "raw_lpush": raw}


def backlog_memory(redis_url: str, payloads: list[dict[str, str]]) -> dict[str, float]:
    """Redis bytes per queued article (no workers running) against the raw payload bytes."""
    server = redis.Redis.from_url(redis_url)
    server.flushdb()
    before = int(server.info("memory")["used_memory"])
    client = Client(settings=Settings(redis_url=redis_url, key_prefix="bench-mem", queue="bench-mem"))
    client.submit_many(payloads)
    after = int(server.info("memory")["used_memory"])
    raw = statistics.mean(len(p["content"].encode()) for p in payloads)
    per_article = (after - before) / len(payloads)
    orphans = keys_without_ttl_or_owner(server, "bench-mem", "bench-mem")
    server.flushdb()
    client.app.close()
    return {"bytes_per_article": per_article, "raw_bytes": raw, "ratio": per_article / raw, "orphans": orphans}


def keys_without_ttl_or_owner(server: redis.Redis, prefix: str, queue: str) -> int:
    """Keys that neither expire nor belong to a known owner (index, id set, article record, queue)."""
    owned_prefixes = (f"{prefix}:article:", f"{prefix}:status:", f"{prefix}:ids", f"{prefix}:inflight")
    celery_keys = {queue, "unacked", "unacked_index", "unacked_mutex", f"_kombu.binding.{queue}"}
    orphans = 0
    for key in server.scan_iter(count=1000):
        name = key.decode()
        if name in celery_keys or name.startswith(("_kombu.", "celeryev")) or name.startswith(owned_prefixes):
            continue
        if server.ttl(key) < 0:
            orphans += 1
    return orphans


# ------------------------------------------------------------------ main


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(ROOT.parent / "shared" / "corpus" / "dev"))
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=2, help="Q runs, each between two P runs")
    parser.add_argument("--single-articles", type=int, default=500, help="articles for the submit-loop chain")
    parser.add_argument("--producer-payloads", type=int, default=5000)
    parser.add_argument("--backlog", type=int, default=100_000)
    parser.add_argument("--scaling-articles", type=int, default=600)
    args = parser.parse_args()

    pages = load_pages(Path(args.corpus))
    payloads = payloads_from(pages, args.articles, "q")
    print(f"corpus: {len(pages)} HTML pages, {args.articles} articles per run, 2 cores: {os.cpu_count()}")

    with redis_server() as url:
        p_rates, q_runs = [in_process_rate(payloads)], []
        for round_ in range(args.rounds):  # P, Q, P, Q, P: each Q between two P
            q_runs.append(pipeline_rate(url, payloads, mode="batch", tag=f"batch{round_}"))
            p_rates.append(in_process_rate(payloads))
        p_rate = statistics.mean(p_rates)
        q_rates = [q["rate"] for q in q_runs]
        q_rate = statistics.mean(q_rates)
        batch = q_runs[-1]
        print(f"P  in-process pipeline, 2 processes:          {p_rate:7.1f} articles/s   "
              f"(runs: {', '.join(f'{r:.1f}' for r in p_rates)})")
        print(f"Q  submit_many -> Redis -> 2 worker processes: {q_rate:7.1f} articles/s   "
              f"Q/P = {q_rate / p_rate:.3f}   (runs: {', '.join(f'{r:.1f}' for r in q_rates)})   "
              f"CPU {statistics.mean(q['cpu_ms_per_article'] for q in q_runs):.1f} ms/article   "
              f"Flower lists {batch['flower_stage_tasks']:.0f} stage tasks")
        single = pipeline_rate(url, payloads_from(pages, args.single_articles, "s"), mode="single", tag="single")
        print(f"Q1 submit loop (chain per article):           {single['rate']:7.1f} articles/s   "
              f"Q/P = {single['rate'] / p_rate:.3f}   CPU {single['cpu_ms_per_article']:.1f} ms/article   "
              f"Flower lists {single['flower_stage_tasks']:.0f} stage tasks")
        print(f"   CPU ms per article, submit_many: {cpu_breakdown(q_runs)}")
        print(f"   CPU ms per article, submit loop: {cpu_breakdown([single])};  P: {2000 / p_rate:.1f} "
              "(2 processes' wall time per article)")
        print(f"Flower: API without credentials -> {batch['flower_unauthenticated_status']:.0f}, "
              f"/metrics with credentials -> {batch['flower_metrics_status']:.0f}")

        scaling_payloads = payloads_from(pages, args.scaling_articles, "sc")
        one = pipeline_rate(url, scaling_payloads, mode="batch", concurrency=1, tag="sc1", flower=False)
        two = pipeline_rate(url, scaling_payloads, mode="batch", concurrency=2, tag="sc2", flower=False)
        print(f"scaling: 1 process {one['rate']:.1f}/s, 2 processes {two['rate']:.1f}/s, "
              f"x{two['rate'] / one['rate']:.2f}")

        rates = producer_rates(url, twenty_kb_payloads(pages, args.producer_payloads, "p"))
        print(f"producer, 20 KB payloads: submit_many {rates['submit_many']:.0f}/s, "
              f"submit loop {rates['submit_loop']:.0f}/s, raw pipelined LPUSH {rates['raw_lpush']:.0f}/s")

        if args.backlog:
            memory = backlog_memory(url, twenty_kb_payloads(pages, args.backlog, "m"))
            print(f"backlog of {args.backlog}: {memory['bytes_per_article']:.0f} Redis bytes per article for "
                  f"{memory['raw_bytes']:.0f} raw bytes: ratio {memory['ratio']:.3f}; "
                  f"keys without TTL or owner: {memory['orphans']:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
