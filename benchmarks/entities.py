"""Benchmark of ``metadata.people``, ``places`` and ``organizations`` against hand labels.

Usage (from the repo root)::

    .venv/bin/python benchmarks/entities.py [--split tune|heldout|all] [--errors] [--limit N]

The labels (``tests/data/entities/labels.jsonl``, how they were made in the README beside them)
name the people, places and organisations of 100 article pages of ``../shared/corpus`` (wcxb and
dev), from 100 sites, split by site into a tuning half and a held-out half. Each page's HTML goes
through the whole pipeline (``tasks.pipeline.process``); its entity lists are scored per kind:
precision, recall and F1, micro over entities and macro over pages, for each half. The held-out
half is the result; tune on the other (``--errors`` lists misses and false hits of the tuning
half only). The ``ms`` line is the median time per page of the entity step alone
(``extract_entities`` on the body text), measured inside the same pipeline runs.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.content_corpus import SHARED_CORPUS, Page  # noqa: E402
from tasks.metadata import entities  # noqa: E402
from tasks.models import ArticleIn, ArticleResult, ContentType  # noqa: E402
from tasks.pipeline import process, warm_up  # noqa: E402

LABELS_FILE = REPO / "tests" / "data" / "entities" / "labels.jsonl"
KINDS = ("people", "places", "organizations")
SPLITS = ("tune", "heldout")
_NOT_WORD = re.compile(r"[^\w\s&]+")


@dataclass(frozen=True)
class Labelled:
    """One labelled page: its entities per kind (each a set of accepted spellings)."""

    corpus: str
    id: str
    url: str
    site: str
    split: str
    truth: dict[str, list[frozenset[str]]]
    ignore: frozenset[str]

    def html(self, root: Path = SHARED_CORPUS) -> str:
        """The page's HTML, read as the other benchmarks read it."""
        return Page(self.corpus, self.id, self.url, "", "article", "").html(root)


@dataclass
class Tally:
    """Counts of one kind over pages: micro sums and the per-page scores for the macro means."""

    hits: int = 0
    predicted: int = 0
    labelled: int = 0
    page_precision: list[float] = field(default_factory=list)
    page_recall: list[float] = field(default_factory=list)
    page_f1: list[float] = field(default_factory=list)

    def add(self, hits: int, predicted: int, labelled: int) -> None:
        """Add one page's counts."""
        self.hits += hits
        self.predicted += predicted
        self.labelled += labelled
        if predicted:
            self.page_precision.append(hits / predicted)
        if labelled:
            self.page_recall.append(hits / labelled)
        self.page_f1.append(f1(hits, predicted, labelled) if predicted or labelled else 1.0)

    @property
    def precision(self) -> float:
        """Micro precision (1.0 when nothing was predicted)."""
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        """Micro recall (1.0 when nothing was labelled)."""
        return self.hits / self.labelled if self.labelled else 1.0

    @property
    def f1(self) -> float:
        """Micro F1."""
        return f1(self.hits, self.predicted, self.labelled)

    def macro(self) -> tuple[float, float, float]:
        """Mean precision, recall and F1 over the pages that have each."""
        return tuple(statistics.fmean(v) if v else 1.0 for v in (self.page_precision, self.page_recall, self.page_f1))  # type: ignore[return-value]


def f1(hits: int, predicted: int, labelled: int) -> float:
    """F1 of hits among predicted and labelled counts."""
    return 2 * hits / (predicted + labelled) if predicted + labelled else 1.0


def normalise(name: str) -> str:
    """A name for matching: accents, case, punctuation, possessive and a leading "the" dropped."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"'s\b", "", text)
    text = " ".join(_NOT_WORD.sub(" ", text).split())
    return re.sub(r"^the ", "", text)


def _without_initials(name: str) -> str:
    return " ".join(w for w in name.split() if len(w) > 1)


def load_labels(path: Path = LABELS_FILE) -> list[Labelled]:
    """Every labelled page, in file order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        truth = {kind: [frozenset(normalise(s) for s in entry.split("|")) for entry in row[kind]] for kind in KINDS}
        ignore = frozenset(normalise(n) for n in row.get("ignore", []))
        out.append(Labelled(row["corpus"], row["id"], row["url"], row["site"], row["split"], truth, ignore))
    return out


def match(predicted: str, truth: list[frozenset[str]], kind: str) -> int | None:
    """The index of the labelled entity a predicted name stands for, or None.

    A name matches a label by any of its spellings; for people also with initials dropped
    ("Brian X. Chen" = "Brian Chen"), or as a lone surname when one labelled person bears it.
    """
    name = normalise(predicted)
    for i, spellings in enumerate(truth):
        if name in spellings:
            return i
    if kind != "people":
        return None
    for i, spellings in enumerate(truth):
        if len(name.split()) > 1 and _without_initials(name) in {_without_initials(s) for s in spellings}:
            return i
    owners = [i for i, spellings in enumerate(truth) if any(s.split()[-1] == name for s in spellings)]
    return owners[0] if len(owners) == 1 and " " not in name else None


def score_page(
    predicted: Iterable[str], truth: list[frozenset[str]], ignore: frozenset[str], kind: str
) -> tuple[int, int, list[str]]:
    """Hits, counted predictions and the false hits of one kind on one page.

    A prediction named in the page's ``ignore`` list (a team called by its city, a product)
    counts neither way; a second prediction of an entity already found is a false hit.
    """
    found: set[int] = set()
    counted = 0
    false_hits = []
    for name in predicted:
        if normalise(name) in ignore:
            continue
        counted += 1
        index = match(name, truth, kind)
        if index is None or index in found:
            false_hits.append(name)
        else:
            found.add(index)
    return len(found), counted, false_hits


def run_page(page: Labelled, timings: list[float]) -> ArticleResult:
    """The page through the whole pipeline; the entity step's time is appended to ``timings``."""
    original = entities.extract_entities

    def timed(text: str, asides: str = "") -> entities.Entities:
        start = time.perf_counter()
        try:
            return original(text, asides)
        finally:
            timings.append((time.perf_counter() - start) * 1000)

    entities.extract_entities = timed  # type: ignore[assignment]
    try:
        return process(ArticleIn(id=page.id, url=page.url, content=page.html(), content_type=ContentType.HTML))
    finally:
        entities.extract_entities = original  # type: ignore[assignment]


def predictions(result: ArticleResult) -> dict[str, list[str]]:
    """The entity names of a result, per kind."""
    meta = result.metadata
    if meta is None:
        return {kind: [] for kind in KINDS}
    return {kind: [m.name for m in getattr(meta, kind)] for kind in KINDS}


PageHook = Callable[[Labelled, str, list[str], list[str]], None]


Tallies = dict[tuple[str, str], Tally]


def evaluate(pages: list[Labelled], on_page: PageHook | None = None) -> tuple[Tallies, list[float]]:
    """Tallies per (split, kind) and the entity step's ms per page; ``on_page`` sees each page's
    kind, false hits and misses."""
    tallies = {(split, kind): Tally() for split in SPLITS for kind in KINDS}
    timings: list[float] = []
    for page in pages:
        found = predictions(run_page(page, timings))
        for kind in KINDS:
            hits, counted, false_hits = score_page(found[kind], page.truth[kind], page.ignore, kind)
            tallies[page.split, kind].add(hits, counted, len(page.truth[kind]))
            if on_page:
                matched = {match(n, page.truth[kind], kind) for n in found[kind]}
                misses = ["|".join(sorted(s)) for i, s in enumerate(page.truth[kind]) if i not in matched]
                on_page(page, kind, false_hits, misses)
    return tallies, timings


def print_table(tallies: Tallies, timings: list[float]) -> None:
    """The scores as a Markdown table, then the entity step's median ms."""
    print("| half | kind | labels | predicted | P | R | F1 | macro P | macro R | macro F1 |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for (split, kind), t in tallies.items():
        if not t.page_f1:
            continue
        mp, mr, mf = t.macro()
        print(f"| {split} | {kind} | {t.labelled} | {t.predicted} | {t.precision:.3f} | {t.recall:.3f} | "
              f"{t.f1:.3f} | {mp:.3f} | {mr:.3f} | {mf:.3f} |")
    if timings:
        print(f"\nentity step, median ms per page: {statistics.median(timings):.2f} ({len(timings)} pages)")


def _print_errors(page: Labelled, kind: str, false_hits: list[str], misses: list[str]) -> None:
    if page.split == "tune" and (false_hits or misses):
        print(f"{page.corpus}/{page.id} {kind}: false {false_hits} missed {misses}")


def main() -> None:
    """Score the pipeline's entities on the labelled pages and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=[*SPLITS, "all"], default="all")
    parser.add_argument("--errors", action="store_true", help="list false hits and misses (tuning half only)")
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    args = parser.parse_args()
    pages = [p for p in load_labels() if args.split in ("all", p.split)]
    if args.limit:
        pages = pages[: args.limit]
    warm_up()  # the gazetteer loads once per process, not on the first page's clock
    tallies, timings = evaluate(pages, _print_errors if args.errors else None)
    print_table(tallies, timings)


if __name__ == "__main__":
    main()
