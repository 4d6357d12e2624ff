"""The pages one metadata field gets wrong, for error analysis: copydesk on the pages whose truth
holds the field (or its predictions read back from a ``metadata.py --dump``), each fold's figure
and their mean (as ``metadata.py`` computes them), then one line per page that scores below 1.

    python benchmarks/metadata_misses.py --corpus wcxb --field authors [--fold K] [--from DIR] [--save DIR]
        [--payload html|text|text-bs4]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import metadata as bench

from tasks.models import ArticleIn
from tasks.pipeline import process

# The plain-text renderings of each wcxb page (inscriptis, BeautifulSoup).
RENDERINGS = ("text", "text-bs4")
# The field of the truth and the per-page metrics the scorer gives it.
METRICS = {
    "authors": ("authors_F1", "authors_exact"),
    "title": ("title_exact", "title_tokF1"),
    "date": ("date_exact",),
}
SHOWN = {"authors": ("authors", "byline"), "title": ("title",), "date": ("date",)}


def main() -> None:
    """Score one field on one corpus, print the fold figures and the pages it misses."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(bench.CORPUS_ROOT))
    parser.add_argument("--corpus", default="wcxb", choices=("wcxb", "meta"))
    parser.add_argument("--field", default="authors", choices=tuple(METRICS))
    parser.add_argument("--fold", type=int, default=None, help="only the pages of this fold")
    parser.add_argument("--from", dest="source", default=None, help="read copydesk's predictions from a --dump")
    parser.add_argument("--save", default=None, help="write copydesk's predictions as JSONL here")
    parser.add_argument("--payload", default="html", choices=("html", *RENDERINGS),
                        help="wcxb only: the page, or one of its plain-text renderings (the text path)")
    args = parser.parse_args()
    root = Path(args.root).resolve()
    corpus = bench.load_wcxb(root / "wcxb") if args.corpus == "wcxb" else bench.load_meta(root / "meta")
    folds = json.loads(bench.FOLDS_FILE.read_text(encoding="utf-8"))
    fold_of = bench.fold_of_pages(corpus, folds)
    keep = {r["id"] for r in corpus.truth if args.field in r and (args.fold is None or fold_of[r["id"]] == args.fold)}
    corpus = bench.select(corpus, keep.__contains__)
    if args.payload != "html":
        corpus = _rendered(corpus, root / "wcxb" / args.payload)
    preds = _predictions(corpus, args)
    scorer = bench.load_scorer(root)
    _print_folds(scorer, corpus, preds, fold_of, METRICS[args.field])
    _print_misses(scorer, corpus, preds, fold_of, args.field)


def _rendered(corpus: bench.Corpus, folder: Path) -> bench.Corpus:
    """The corpus with each page's plain-text rendering as its payload."""
    pages = [(pid, (folder / f"{pid}.txt").read_text(encoding="utf-8"), url) for pid, _, url in corpus.pages]
    return bench.Corpus(corpus.name, corpus.truth, pages, corpus.domains)


def copydesk_text(text: str, url: str | None) -> dict[str, Any]:
    """copydesk's whole pipeline on a plain-text payload: its authors and agencies."""
    meta = process(ArticleIn(content=text, url=url, content_type="text")).metadata
    return {"authors": meta.authors + meta.agencies, "byline": meta.byline, "title": meta.title,
            "date": (meta.published_at or "")[:10] or None}


def _predictions(corpus: bench.Corpus, args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    if args.source:
        saved = bench.read_jsonl(Path(args.source) / f"{corpus.name}-copydesk.jsonl")
        return {p["id"]: p for p in saved}
    preds = bench.run_system(bench.copydesk if args.payload == "html" else copydesk_text, corpus.pages)
    if args.save:
        out = Path(args.save)
        out.mkdir(parents=True, exist_ok=True)
        with (out / f"{corpus.name}-copydesk.jsonl").open("w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in preds.values())
    return preds


def _print_folds(scorer: Any, corpus: bench.Corpus, preds: dict[str, Any], fold_of: dict[str, int],
                 metrics: tuple[str, ...]) -> None:
    for metric in metrics:
        per_fold = []
        for fold in sorted({fold_of[r["id"]] for r in corpus.truth}):
            rows = [r for r in corpus.truth if fold_of[r["id"]] == fold]
            per_fold.append(100 * scorer.evaluate(rows, preds)[metric][0])
        cells = " / ".join(f"{v:.1f}" for v in per_fold)
        print(f"{metric}: folds {cells}, mean {statistics.fmean(per_fold):.1f} ({len(corpus.truth)} pages)")


def _print_misses(scorer: Any, corpus: bench.Corpus, preds: dict[str, Any], fold_of: dict[str, int],
                  field: str) -> None:
    metric = METRICS[field][0]
    for row in corpus.truth:
        pred = preds.get(row["id"], {})
        score = scorer.score_page(row, pred).get(metric, 0.0)
        if score < 1:
            shown = " ".join(f"{k}={pred.get(k)!r}" for k in SHOWN[field])
            print(f"{row['id']}\t{corpus.domains[row['id']]}\tfold {fold_of[row['id']]}\t{score:.2f}\t"
                  f"truth={row[field]!r}\t{shown}")


if __name__ == "__main__":
    main()
