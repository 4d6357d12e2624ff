#!/usr/bin/env python3
"""Peak resident memory of one worker process (issue 12): after start-up, after ``warm_up`` (models,
word lists, gazetteers and dateparser's locales loaded, as a Celery worker does before it forks),
and after running every ``--step``-th page of ``../shared/corpus/wcxb`` through the whole pipeline.

    python benchmarks/memory.py [--step 13]

Peak RSS is the kernel's ``ru_maxrss`` (never falls); the current RSS is read from
``/proc/self/statm`` where there is one. A benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from content_corpus import load_pages  # noqa: E402

from tasks.models import ArticleIn  # noqa: E402
from tasks.pipeline import process, warm_up  # noqa: E402

MIB = 1024 * 1024


def peak_mib() -> float:
    """The process's peak resident set so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / MIB


def current_mib() -> float | None:
    """The resident set now, or None where /proc is missing."""
    statm = Path("/proc/self/statm")
    if not statm.exists():
        return None
    return int(statm.read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / MIB


def report(label: str) -> None:
    now = current_mib()
    shown = f"{now:7.1f}" if now is not None else "      -"
    print(f"{label:<34} peak {peak_mib():7.1f} MiB   now {shown} MiB", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--step", type=int, default=13, help="every Nth wcxb page (default 13)")
    args = parser.parse_args()
    report("imported")
    warm_up()
    report("after warm_up")
    pages = [p for p in load_pages() if p.corpus == "wcxb"][:: args.step]
    for page in pages:
        process(ArticleIn(id=page.key.replace("/", "-"), content=page.html(), url=page.url, content_type="html"))
    report(f"after {len(pages)} wcxb pages (HTML)")


if __name__ == "__main__":
    main()
