"""Past one Redis and one host (``benchmarks/failover.py``): a Sentinel failover and a lost worker
host, on real processes, lose and double nothing.

Each run has its own ``redis-server`` processes on free loopback ports (not the shared Redis) and
waits out the visibility timeout once (2 minutes, the smallest the app accepts for these limits).
"""

from __future__ import annotations

import pytest

from benchmarks.failover import RunConfig, RunReport, run_failover, run_host_loss

# Its own redis-server processes (one killed on purpose); no session Redis.
pytestmark = [pytest.mark.slow, pytest.mark.redis_server]

# Start-up (~20 s), the articles, the failover and one visibility timeout (120 s), with margin.
RUN_TIMEOUT_S = 6 * 60


def _assert_nothing_lost_or_doubled(report: RunReport) -> None:
    figures = "\n".join(report.lines())
    acc = report.accounting
    assert acc.submitted == 1000 if report.kind == "failover" else acc.submitted == 300, figures
    assert acc.lost == [], figures
    assert acc.duplicated == [], figures
    assert acc.counts_add_up, figures
    # Every article ends done, or failed with a reason (stage and error type).
    assert acc.done + sum(acc.failed.values()) == acc.submitted, figures
    assert "?" not in acc.failed, figures


@pytest.mark.timeout(RUN_TIMEOUT_S)
def test_sentinel_failover_mid_run_loses_and_doubles_nothing() -> None:
    """Given a primary, a replica, three Sentinels and two workers on sentinel:// addresses,
    when the primary is SIGKILLed while 1,000 articles flow, then the replica is promoted, work
    resumes on it, Flower's broker view follows it, and every article is final exactly once."""
    report = run_failover(RunConfig(articles=1000, quiet=True))
    figures = "\n".join(report.lines())
    print(figures)  # noqa: T201 - the figures the README quotes, visible with -s
    _assert_nothing_lost_or_doubled(report)
    assert report.promotion_s is not None and report.promotion_s < 30, figures
    assert report.resume_s is not None, figures  # a worker moved an article after the kill
    assert report.last_final_s is not None, figures
    # Redis does not replicate its script cache: the store ran its scripts on a server that
    # had never seen them, and no article failed for it.
    assert report.scripts_on_replica_before_kill is False, figures
    assert report.flower_queue_after_failover is not None, figures


@pytest.mark.timeout(RUN_TIMEOUT_S)
def test_a_lost_worker_host_has_its_work_finished_by_the_others() -> None:
    """Given three worker hosts (process groups, ``-n`` names) on one Redis, when one host is
    SIGKILLed for good holding tasks, then the other hosts finish its articles (re-sent when their
    leases lapse, long before Redis would redeliver its messages) and every article is final
    exactly once."""
    report = run_host_loss(RunConfig(articles=300, quiet=True, submit_s=2.0, kill_at_s=1.0))
    figures = "\n".join(report.lines())
    print(figures)  # noqa: T201
    _assert_nothing_lost_or_doubled(report)
    assert report.orphaned_tasks >= 1, figures
    assert report.recovered_before_redelivery, figures
