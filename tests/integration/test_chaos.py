"""A smaller chaos run (``benchmarks/chaos.py``): kills and a Redis crash lose and double nothing."""

from __future__ import annotations

import pytest

from benchmarks.chaos import ChaosConfig, check_main_kill, run_chaos
from tests.paths import SHARED

CORPUS = SHARED / "corpus" / "dev"

# Its own redis-server (crashed on purpose) and the corpus of ../shared; no session Redis.
pytestmark = [pytest.mark.slow, pytest.mark.redis_server, pytest.mark.corpus]

# 300 articles, 6 kills (2 of them main processes, whose articles come back when their leases
# lapse) and 1 Redis crash: a few minutes on 2 cores.
CHAOS_TIMEOUT_S = 11 * 60
# The bound for a main process killed while it holds a batch (measured: ~15 s).
MAIN_KILL_RECOVERY_S = 60.0


@pytest.mark.timeout(5 * 60)
@pytest.mark.parametrize("second_worker", [False, True], ids=["alone-restarted", "with-a-second-worker"])
def test_main_process_kill_recovers_within_a_minute(second_worker: bool) -> None:
    """Given a worker holding a batch, when its main process is SIGKILLed (restarted like compose's
    ``restart:``, or left dead beside a second worker), then every article of the batch is done
    within 60 s: its leases lapse and are re-sent, instead of waiting out the visibility timeout."""
    done, elapsed = check_main_kill(CORPUS, second_worker=second_worker)
    assert done
    assert elapsed < MAIN_KILL_RECOVERY_S


@pytest.mark.timeout(CHAOS_TIMEOUT_S)
def test_chaos_loses_and_doubles_nothing() -> None:
    """Given workers SIGKILLed 6 times and Redis crashed once while 300 articles flow,
    when every article has settled, then none is lost, none has two results, and the counts add up."""
    assert (CORPUS / "html").is_dir(), f"no corpus at {CORPUS}"
    config = ChaosConfig(articles=300, kills=6, main_kill_share=1 / 3, redis_restarts=1, submit_s=15,
                         chaos_s=40, wait_s=CHAOS_TIMEOUT_S - 150, seed=20241124, quiet=True, corpus=CORPUS)
    report = run_chaos(config)
    figures = "\n".join(report.lines())
    assert report.lost == [], figures
    assert report.duplicated == [], figures
    assert report.counts_add_up, figures
    assert report.hostile_not_failed == [], figures
    assert report.child_kills + report.main_kills == 6, figures
    assert report.redis_restarts == 1, figures
