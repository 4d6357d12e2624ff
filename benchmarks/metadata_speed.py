#!/usr/bin/env python3
"""CPU time of one stage alone (``extract_metadata`` by default, or ``clean``), per page, and its
outputs, for before/after pairs.

``prepare`` runs the stages before the timed one once on every ``--step``-th page of
``../shared/corpus/wcxb`` and ``meta`` and stores each page's input to it as a JSON line (for the
metadata stage a ``SectionedArticle``: the same for both sides when only the metadata stage
changed; for ``--stage clean`` the ``ArticleIn`` itself). ``time`` loads them, warms the pipeline
up and writes, per page, the CPU milliseconds of the stage and a hash of its result without clocks.
``compare`` reads two ``time`` files of the same pages (base, then branch): differing outputs, and
median, mean, p90, p99 and max CPU ms per page of each side. Run ``time`` from each worktree in
alternating pairs (base, branch, base, branch) so that a change in the machine's load falls on
both sides; ``compare`` takes several files per side and keeps each page's fastest run.

Usage::

    .venv/bin/python benchmarks/metadata_speed.py prepare ARTICLES [--step 5] [--stage clean]
    .venv/bin/python benchmarks/metadata_speed.py time ARTICLES OUT [--stage clean]
    .venv/bin/python benchmarks/metadata_speed.py compare BASE[,BASE2...] BRANCH[,BRANCH2...]

A benchmark helper, not a test.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from metadata import decode_page, real_url  # noqa: E402
from pydantic import BaseModel  # noqa: E402

from tasks.models import ArticleIn, ContentType, SectionedArticle  # noqa: E402
from tasks.options import DEFAULT_OPTIONS  # noqa: E402
from tasks.pipeline import warm_up  # noqa: E402
from tasks.stages import STAGES  # noqa: E402
from worker.errors import PipelineError  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
CLOCK_FIELDS = frozenset({"received_at", "timings_ms"})
# The stages that can be timed alone: each one's place in ``STAGES`` and the model of its input.
TIMED_STAGES: dict[str, tuple[int, type[BaseModel]]] = {
    "metadata": (len(STAGES) - 1, SectionedArticle),
    "clean": (0, ArticleIn),
}


def corpus_pages(step: int) -> list[tuple[str, str, str | None]]:
    """(key, html, url) of every ``step``-th page of wcxb and of meta, read as
    ``benchmarks/metadata.py`` reads them."""
    pages = []
    for row in _jsonl(CORPUS / "wcxb" / "truth.jsonl")[::step]:
        html = decode_page(gzip.decompress((CORPUS / "wcxb" / "html" / f"{row['id']}.html.gz").read_bytes()))
        pages.append((f"wcxb:{row['id']}", html, real_url(row.get("url"))))
    for row in _jsonl(CORPUS / "meta" / "truth.jsonl")[::step]:
        html = decode_page((CORPUS / "meta" / "pages" / f"{row['id']}.html").read_bytes())
        pages.append((f"meta:{row['id']}", html, real_url(row.get("url"))))
    return pages


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def prepare(out: Path, step: int, stage: str = "metadata") -> None:
    """Write the timed stage's input of each page (pages an earlier stage rejects are left out)."""
    warnings.simplefilter("ignore")
    before = STAGES[:TIMED_STAGES[stage][0]]
    with out.open("w", encoding="utf-8") as fh:
        for key, html, url in corpus_pages(step):
            value = ArticleIn(id=key, content=html, url=url, content_type=ContentType.HTML)
            try:
                for stage in before:
                    value = stage.run(value, DEFAULT_OPTIONS)
            except PipelineError:
                continue
            fh.write(value.model_dump_json() + "\n")


def time_stage(articles: Path, out: Path, stage: str = "metadata") -> None:
    """Write each page's CPU ms in the stage and a hash of its result."""
    warnings.simplefilter("ignore")
    warm_up()
    place, model = TIMED_STAGES[stage]
    run = STAGES[place].run
    with out.open("w", encoding="utf-8") as fh:
        for line in articles.open(encoding="utf-8"):
            article = model.model_validate_json(line)
            start = time.process_time()
            result = run(article, DEFAULT_OPTIONS)
            cpu_ms = (time.process_time() - start) * 1000
            dumped = {k: v for k, v in result.model_dump(mode="json").items() if k not in CLOCK_FIELDS}
            digest = hashlib.sha1(json.dumps(dumped, sort_keys=True).encode()).hexdigest()
            fh.write(json.dumps({"key": article.id, "cpu_ms": round(cpu_ms, 3), "result": digest}) + "\n")


def _fastest(paths: str) -> tuple[dict[str, float], dict[str, str]]:
    """Each page's least CPU ms over the runs, and its result hash (the same in every run)."""
    cpu: dict[str, float] = {}
    results: dict[str, str] = {}
    for path in paths.split(","):
        for row in _jsonl(Path(path)):
            cpu[row["key"]] = min(cpu.get(row["key"], float("inf")), row["cpu_ms"])
            if results.setdefault(row["key"], row["result"]) != row["result"]:
                sys.exit(f"metadata_speed.py: {row['key']} differs between runs of {path}")
    return cpu, results


def summary(cpu: dict[str, float]) -> str:
    """Median, mean, p90, p99 and max of the CPU ms per page."""
    values = sorted(cpu.values())
    cuts = statistics.quantiles(values, n=100)
    return (f"median {statistics.median(values):.1f}  mean {statistics.fmean(values):.1f}  "
            f"p90 {cuts[89]:.1f}  p99 {cuts[98]:.1f}  max {values[-1]:.1f}  (ms CPU, {len(values)} pages)")


def compare(base: str, branch: str) -> None:
    """Print the differing outputs and both sides' CPU ms per page."""
    base_cpu, base_results = _fastest(base)
    branch_cpu, branch_results = _fastest(branch)
    if base_results.keys() != branch_results.keys():
        sys.exit("metadata_speed.py: the files hold different pages")
    differing = [key for key in base_results if base_results[key] != branch_results[key]]
    print(f"{len(base_results)} pages: {len(differing)} outputs differ {differing[:20]}")
    print("base   ", summary(base_cpu))
    print("branch ", summary(branch_cpu))


def main(argv: list[str] | None = None) -> None:
    """Prepare, time or compare."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    preparing = sub.add_parser("prepare")
    preparing.add_argument("articles", type=Path)
    preparing.add_argument("--step", type=int, default=5, help="every N-th page (default 5)")
    timing = sub.add_parser("time")
    timing.add_argument("articles", type=Path)
    timing.add_argument("out", type=Path)
    for parser in (preparing, timing):
        parser.add_argument("--stage", choices=TIMED_STAGES, default="metadata",
                            help="the stage timed (default: metadata)")
    comparing = sub.add_parser("compare")
    comparing.add_argument("base", help="base runs, comma-separated")
    comparing.add_argument("branch", help="branch runs, comma-separated")
    args = ap.parse_args(argv)
    if args.command == "prepare":
        prepare(args.articles, args.step, args.stage)
    elif args.command == "time":
        time_stage(args.articles, args.out, args.stage)
    else:
        compare(args.base, args.branch)


if __name__ == "__main__":
    main()
