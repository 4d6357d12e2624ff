#!/usr/bin/env python3
"""Each stage's and the whole pipeline's CPU time on two checkouts asked page by page in turn (issue 16's speed rounds).

Two long-lived worker processes, one per checkout (``PYTHONPATH`` set to it), load the same
``ArticleIn`` lines (``metadata_speed.py prepare ARTICLES --stage clean`` writes them) and warm up;
then the driver asks each in turn for one page's CPU milliseconds in each stage (the pipeline run
stage after stage, as ``tasks.pipeline.process`` runs it), alternating which goes first, so only
one computes at a time and a swing of the machine's load falls on both. After each round it prints,
per stage and for the whole pipeline, each side's median and mean (each page's fastest run so far;
the whole pipeline's fastest run is its fastest sum, not the sum of the fastest stages), their
ratios and the median per-page ratio. On a shared machine this shows a cut of a few percent that separate
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
from typing import IO, Any


class Side:
    """One checkout's worker process: asked a page's index, it answers that page's CPU ms per stage."""

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

    def ask(self, index: int) -> list[float]:
        assert self.process.stdin is not None
        self.process.stdin.write(f"{index}\n")
        self.process.stdin.flush()
        return [float(ms) for ms in self._read().split()]

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def _lines(articles: Path) -> list[str]:
    """The file's JSON lines, cut at newlines only: ``splitlines`` also cuts at the U+2028, U+0085
    and the like a page's text may hold, which JSON leaves unescaped."""
    return [line for line in articles.read_text(encoding="utf-8").split("\n") if line.strip()]


def serve(articles: Path, requests: IO[str]) -> None:
    """The worker: warm up, then time each stage on each requested page. Not
    ``metadata_speed.time_stage``: importing that module puts this repo's ``tasks`` first on
    ``sys.path``, and each side must run its own checkout's."""
    warnings.simplefilter("ignore")
    import tasks  # noqa: PLC0415 - imported from the checkout PYTHONPATH names
    from tasks.errors import PipelineError  # noqa: PLC0415
    from tasks.models import ArticleIn  # noqa: PLC0415
    from tasks.options import DEFAULT_OPTIONS  # noqa: PLC0415
    from tasks.pipeline import warm_up  # noqa: PLC0415
    from tasks.stages import STAGES  # noqa: PLC0415

    pages = [ArticleIn.model_validate_json(line) for line in _lines(articles)]
    warm_up()
    print("ready", tasks.__file__, flush=True)
    for line in requests:
        value: Any = pages[int(line)]
        spent = []
        for stage in STAGES:
            start = time.process_time()
            try:
                value = stage.run(value, DEFAULT_OPTIONS)
            except PipelineError:  # rejected (``process`` fails it there): no later stage runs
                value = None
            spent.append(f"{(time.process_time() - start) * 1000:.3f}")
            if value is None:
                break
        spent += ["0.000"] * (len(STAGES) - len(spent))
        print(" ".join(spent), flush=True)


def _stages() -> list[Any]:
    """The stages in order (their names, for the report; this checkout's registry)."""
    from tasks.stages import STAGES  # noqa: PLC0415

    return list(STAGES)


def report(done: int, what: str, base: list[float], branch: list[float]) -> None:
    ratios = [b / a for a, b in zip(base, branch, strict=True) if a > 0]
    print(
        f"after round {done}, {what}: base median {statistics.median(base):.1f} mean {statistics.mean(base):.1f} ms"
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
    count = len(_lines(args.articles))
    # Warmed up one after the other, then asked in turn: only one computes at a time.
    articles = args.articles.resolve()
    base, branch = Side("base", args.base.resolve(), articles), Side("branch", args.branch.resolve(), articles)
    # Per side, per page: the fastest run of each stage, then of the whole pipeline.
    fastest: dict[str, list[list[float]]] = {"base": [], "branch": []}
    for done in range(args.rounds):
        for index in range(count):
            order = (base, branch) if (index + done) % 2 == 0 else (branch, base)
            for side in order:
                spent = side.ask(index)
                runs = fastest[side.name]
                if len(runs) <= index:
                    runs.append([float("inf")] * (len(spent) + 1))
                runs[index] = [min(a, b) for a, b in zip(runs[index], [*spent, sum(spent)], strict=True)]
        names = [*(stage.name for stage in _stages()), "whole pipeline"]
        for column, name in enumerate(names):
            report(done + 1, name, [row[column] for row in fastest["base"]], [row[column] for row in fastest["branch"]])
    base.close()
    branch.close()


if __name__ == "__main__":
    main()
