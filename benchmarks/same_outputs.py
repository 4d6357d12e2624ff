#!/usr/bin/env python3
"""Proof that a speed change changed no output: every model input row and every result, per payload.

``dump`` runs every ``--step``-th page of ``../shared/corpus/wcxb`` and ``dev``: the HTML through
the whole pipeline, the inscriptis and bs4 renderings through the clean stage. Per payload it
writes one JSON line: a hash of each matrix the models were given (block, line, page-type and
confidence rows, in call order) and the result's JSON without its clock fields (``received_at``,
``timings_ms``). ``compare`` reads two such files (base, then the branch, each run from its own
worktree) and prints how many payloads differ, and which: in result, or in the model input rows
taken as a multiset (the order the models are asked in may change, the rows may not).

Usage::

    .venv/bin/python benchmarks/same_outputs.py dump FILE [--step 6]
    .venv/bin/python benchmarks/same_outputs.py compare BASE BRANCH

A benchmark helper, not a test.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

from content_corpus import load_pages  # noqa: E402

from tasks.clean import clean  # noqa: E402
from tasks.clean import model as content_model  # noqa: E402
from tasks.models import ArticleIn, ContentType  # noqa: E402
from tasks.pipeline import process, warm_up  # noqa: E402
from worker.errors import PipelineError  # noqa: E402

CLOCK_FIELDS = frozenset({"received_at", "timings_ms"})
RENDERINGS = ("inscriptis", "bs4")


def digest(value: Any) -> str:
    """A short hash of an array's bytes and shape, or of a JSON value."""
    if isinstance(value, np.ndarray):
        return hashlib.sha1(np.ascontiguousarray(value).tobytes() + str(value.shape).encode()).hexdigest()[:16]
    return hashlib.sha1(json.dumps(value, sort_keys=True).encode()).hexdigest()[:16]


def record_model_inputs(rows: list[list[str]]) -> None:
    """Make every model call append the hashes of its inputs to ``rows``."""
    models = content_model.Models
    for name in ("block_probabilities", "line_probabilities", "confidence_of"):
        original = getattr(models, name)

        def wrapped(self: Any, matrix: np.ndarray, _original: Any = original, _name: str = name) -> Any:
            rows.append([_name, digest(matrix)])
            return _original(self, matrix)

        setattr(models, name, wrapped)
    page_type_of = models.page_type_of

    def page_type(self: Any, row: np.ndarray, kind: np.ndarray, tokens: list[str]) -> Any:
        rows.append(["page_type", digest(row), digest(kind), digest(tokens)])
        return page_type_of(self, row, kind, tokens)

    models.page_type_of = page_type  # type: ignore[method-assign]


def without_clock(value: Any) -> Any:
    """The value with its clock fields dropped, at any depth."""
    if isinstance(value, dict):
        return {k: without_clock(v) for k, v in value.items() if k not in CLOCK_FIELDS}
    if isinstance(value, list):
        return [without_clock(v) for v in value]
    return value


def dump(out: Path, step: int) -> None:
    """Write one line per payload: its model input hashes and its result without clocks."""
    warnings.simplefilter("ignore")
    rows: list[list[str]] = []
    record_model_inputs(rows)
    warm_up()
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for page in load_pages()[::step]:
            payloads = [("html", page.html(), ContentType.HTML)]
            payloads += [(r, page.text(r), ContentType.TEXT) for r in RENDERINGS]
            for kind, content, content_type in payloads:
                if content is None:
                    continue
                rows.clear()
                article = ArticleIn(id=f"{page.corpus}-{page.id}", url=page.url, content=content,
                                    content_type=content_type)
                try:
                    result = process(article) if kind == "html" else clean(article)
                    text = json.dumps(without_clock(result.model_dump(mode="json")), sort_keys=True)
                except PipelineError as exc:
                    text = f"{type(exc).__name__}: {exc}"
                fh.write(json.dumps({"key": f"{page.corpus}/{page.id}/{kind}", "rows": rows, "result": text}) + "\n")
                count += 1
    print(f"{count} payloads written to {out}")


def same_payload(before: dict[str, Any], after: dict[str, Any]) -> bool:
    """The same result from the same model inputs, asked in any order: a change may ask the
    models in another order (the page type before the blocks) and still feed them the same rows."""
    return before["result"] == after["result"] and sorted(map(tuple, before["rows"])) == sorted(
        map(tuple, after["rows"]))


def compare(base: Path, branch: Path) -> None:
    """Print how many payloads differ between two dumps of the same pages."""
    before = [json.loads(line) for line in base.open(encoding="utf-8")]
    after = [json.loads(line) for line in branch.open(encoding="utf-8")]
    if [b["key"] for b in before] != [a["key"] for a in after]:
        sys.exit("same_outputs.py: the dumps hold different payloads (another --step?)")
    differing = [b["key"] for b, a in zip(before, after, strict=True) if not same_payload(b, a)]
    html = sum(b["key"].endswith("/html") for b in before)
    rows = sum(len(b["rows"]) for b in before)
    print(f"{len(before)} payloads ({html} HTML), {rows} model input rows: {len(differing)} differ {differing[:20]}")


def main(argv: list[str] | None = None) -> None:
    """Dump or compare."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    dumping = sub.add_parser("dump")
    dumping.add_argument("out", type=Path)
    dumping.add_argument("--step", type=int, default=6, help="every N-th page (default 6: 761 payloads)")
    comparing = sub.add_parser("compare")
    comparing.add_argument("base", type=Path)
    comparing.add_argument("branch", type=Path)
    args = ap.parse_args(argv)
    if args.command == "dump":
        dump(args.out, args.step)
    else:
        compare(args.base, args.branch)


if __name__ == "__main__":
    main()
