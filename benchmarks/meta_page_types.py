"""How many corpus/meta pages (articles with annotated metadata, never in the page-type training)
the page-type classifier calls each type: the check a page-type change must pass besides the
wcxb folds, as the date search is kept for dated types only, so an article called a listing
loses its date.

    python benchmarks/meta_page_types.py [--fold-models DIR] [--every N]

Without ``--fold-models``, the shipped models; with it, each fold's models in turn (none of them
saw a meta page either), and their mean.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import metadata as bench

from tasks.clean.html.extract import PageReading, parse_page, read_page
from tasks.clean.model import MODEL_DIR, PAGE_TYPES, models


def read_meta(every: int) -> list[PageReading]:
    """Every ``every``-th meta page's page-type inputs (pages that do not parse left out)."""
    readings = []
    for _page_id, html, url in bench.load_meta(bench.CORPUS_ROOT / "meta").pages[::every]:
        root = parse_page(html)
        if root is not None:
            readings.append(read_page(root, url))
    return readings


def type_counts(readings: list[PageReading], folder: Path) -> Counter[str]:
    """The pages per predicted type, by the models in ``folder``."""
    loaded = models(folder)
    return Counter(loaded.page_type_of(r.page_features, r.page_kind, r.page_tokens)[0] for r in readings)


def main() -> None:
    """Classify the meta pages and print the counts per type (per fold model and their mean)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--fold-models", type=Path, help="each fold's models in turn (e.g. build/fold_models)")
    ap.add_argument("--every", type=int, default=1, help="every Nth page only")
    args = ap.parse_args()
    readings = read_meta(args.every)
    folders = sorted(args.fold_models.iterdir()) if args.fold_models else [MODEL_DIR]
    counts = {folder.name: type_counts(readings, folder) for folder in folders}
    print(f"{len(readings)} meta pages, all annotated as articles")
    print(f"{'models':<10}" + "".join(f"{t[:6]:>8}" for t in PAGE_TYPES))
    for name, count in counts.items():
        print(f"{name:<10}" + "".join(f"{count[t]:>8}" for t in PAGE_TYPES))
    if len(counts) > 1:
        print(f"{'mean':<10}" + "".join(f"{statistics.mean(c[t] for c in counts.values()):>8.1f}" for t in PAGE_TYPES))


if __name__ == "__main__":
    main()
