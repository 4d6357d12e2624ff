#!/usr/bin/env python3
"""The clean stage's CPU time on two checkouts asked page by page in turn (issue 16's speed rounds).

Two long-lived worker processes, one per checkout (``PYTHONPATH`` set to it), load the same
``ArticleIn`` lines (``metadata_speed.py prepare ARTICLES --stage clean`` writes them) and warm up;
then the driver asks each in turn for one page's clean-stage CPU milliseconds, alternating which
goes first, so only one computes at a time and a swing of the machine's load falls on both. After
each round it prints each side's median and mean (each page's fastest run so far), their ratios and
the median per-page ratio. On a shared machine this shows a cut of a few percent that separate
timed runs (``metadata_speed.py time``) cannot. Outputs are not compared: ``same_outputs.py`` does.

    python benchmarks/speed_ab.py ARTICLES BASE_CHECKOUT BRANCH_CHECKOUT [--rounds 3]

A benchmark helper, not a test.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path
from typing import IO


class Side:
    """One checkout's worker process: asked a page's index, it answers that page's CPU ms."""

    def __init__(self, name: str, checkout: Path, articles: Path) -> None:
        self.name = name
        env = dict(os.environ, PYTHONPATH=str(checkout))
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--worker", str(articles)],
            cwd=checkout, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1,
        )
        print(f"{name}: {self._read()}", flush=True)  # "ready <where tasks was imported from>"

    def _read(self) -> str:
        assert self.process.stdout is not None
        return self.process.stdout.readline().strip()

    def ask(self, index: int) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{index}\n")
        self.process.stdin.flush()
        return float(self._read())

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def serve(articles: Path, requests: IO[str]) -> None:
    """The worker: warm up, then time the clean stage on each requested page. Not
    ``metadata_speed.time_stage``: importing that module puts this repo's ``tasks`` first on
    ``sys.path``, and each side must run its own checkout's."""
    warnings.simplefilter("ignore")
    import tasks  # noqa: PLC0415 - imported from the checkout PYTHONPATH names
    from tasks.models import ArticleIn  # noqa: PLC0415
    from tasks.options import DEFAULT_OPTIONS  # noqa: PLC0415
    from tasks.pipeline import warm_up  # noqa: PLC0415
    from tasks.stages import STAGES  # noqa: PLC0415

    pages = [ArticleIn.model_validate_json(line) for line in articles.read_text(encoding="utf-8").splitlines()]
    warm_up()
    run = STAGES[0].run
    print("ready", tasks.__file__, flush=True)
    for line in requests:
        article = pages[int(line)]
        start = time.process_time()
        run(article, DEFAULT_OPTIONS)
        print(f"{(time.process_time() - start) * 1000:.3f}", flush=True)


def report(done: int, base: list[float], branch: list[float]) -> None:
    ratios = [b / a for a, b in zip(base, branch, strict=True) if a > 0]
    print(
        f"after round {done}: base median {statistics.median(base):.1f} mean {statistics.mean(base):.1f} ms"
        f" | branch median {statistics.median(branch):.1f} mean {statistics.mean(branch):.1f} ms"
        f" | median ratio {statistics.median(branch) / statistics.median(base):.3f}"
        f" mean ratio {statistics.mean(branch) / statistics.mean(base):.3f}"
        f" median per-page ratio {statistics.median(ratios):.3f}",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--worker":
        serve(Path(sys.argv[2]), sys.stdin)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path, help="ArticleIn JSON lines (metadata_speed.py prepare --stage clean)")
    parser.add_argument("base", type=Path, help="the base checkout (a worktree of main)")
    parser.add_argument("branch", type=Path, help="the branch's checkout")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    count = sum(1 for line in args.articles.read_text(encoding="utf-8").splitlines() if line.strip())
    # Warmed up one after the other, then asked in turn: only one computes at a time.
    articles = args.articles.resolve()
    base, branch = Side("base", args.base.resolve(), articles), Side("branch", args.branch.resolve(), articles)
    fastest = {"base": [float("inf")] * count, "branch": [float("inf")] * count}
    for done in range(args.rounds):
        for index in range(count):
            order = (base, branch) if (index + done) % 2 == 0 else (branch, base)
            for side in order:
                fastest[side.name][index] = min(fastest[side.name][index], side.ask(index))
        report(done + 1, fastest["base"], fastest["branch"])
    base.close()
    branch.close()


if __name__ == "__main__":
    main()
