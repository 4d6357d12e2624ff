"""Benchmark of the ``extract_metadata`` stage against trafilatura, htmldate and newspaper4k.

Usage (from the repo root)::

    .venv/bin/python benchmarks/metadata.py [CORPUS_META_DIR] [--dev DEV_DIR] [--limit N] [--dump DIR]

Runs copydesk's in-process stages (``tasks.pipeline.process``) on every page of ``corpus/meta``
and scores them with the corpus' own scorer (``score_meta.py``, imported by path), beside the
other libraries run on the same pages in the same process. Site name and language are also
scored on the ``readability-`` pages of ``corpus/dev`` (Readability.js' reference metadata).
The ``ms`` rows are medians per page: copydesk's metadata stage alone and its whole pipeline,
trafilatura's ``extract_metadata``, htmldate's ``find_date`` and newspaper4k's ``parse``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from htmldate import find_date  # noqa: E402
from trafilatura.metadata import extract_metadata  # noqa: E402
from trafilatura.utils import decode_file  # noqa: E402

from tasks.models import ArticleIn  # noqa: E402
from tasks.pipeline import process  # noqa: E402

Prediction = dict[str, Any]
Predictor = Callable[[str, str | None], Prediction]

FIELDS = [
    ("title_exact", "title exact"),
    ("title_tokF1", "title token F1"),
    ("authors_F1", "authors F1"),
    ("authors_exact", "authors exact"),
    ("date_exact", "date exact day"),
    ("description_tokF1", "description token F1"),
    ("categories_F1", "categories F1"),
    ("tags_F1", "tags F1"),
    ("sitename_exact", "site name (meta corpus)"),
]
# The best published figure on corpus/meta for each field (corpus README), for the table.
ANCHORS = {
    "title_exact": 65.5, "title_tokF1": 85.4, "authors_F1": 58.9, "authors_exact": None,
    "date_exact": 88.6, "description_tokF1": 83.6, "categories_F1": 34.4, "tags_F1": 74.2,
    "sitename_exact": None,
}


def load_scorer(corpus: Path) -> ModuleType:
    """The corpus' ``score_meta.py``, imported by path so the metrics are exactly its own."""
    spec = importlib.util.spec_from_file_location("score_meta", corpus / "score_meta.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer in {corpus}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def real_url(url: str | None) -> str | None:
    """The page URL, or None for the corpus' pseudo-URLs (``hard::...``)."""
    return url if url and url.startswith(("http://", "https://")) else None


# ---------------------------------------------------------------- the systems


def copydesk(html: str, url: str | None) -> Prediction:
    """copydesk's whole pipeline; ``ms`` is the metadata stage alone."""
    start = time.perf_counter()
    result = process(ArticleIn(content=html, url=url, content_type="html"))
    total = (time.perf_counter() - start) * 1000
    meta = result.metadata
    return {
        "title": meta.title, "authors": meta.authors, "date": (meta.published_at or "")[:10] or None,
        "sitename": meta.site_name, "language": meta.language, "description": meta.description,
        "categories": meta.categories, "tags": meta.tags,
        "ms": result.timings_ms.get("extract_metadata", total), "ms_total": total,
    }


def trafilatura_meta(html: str, url: str | None) -> Prediction:
    """trafilatura's ``extract_metadata`` on the raw page."""
    start = time.perf_counter()
    doc = extract_metadata(html, default_url=url)
    ms = (time.perf_counter() - start) * 1000
    if doc is None:
        return {"ms": ms}
    return {
        "title": doc.title, "authors": [a for a in (doc.author or "").split("; ") if a],
        "date": doc.date, "sitename": doc.sitename, "language": doc.language,
        "description": doc.description, "categories": doc.categories or [], "tags": doc.tags or [],
        "ms": ms,
    }


def htmldate_meta(html: str, url: str | None) -> Prediction:
    """htmldate's original publication date (its default extensive search)."""
    start = time.perf_counter()
    date = find_date(html, url=url, original_date=True)
    return {"date": date, "ms": (time.perf_counter() - start) * 1000}


def newspaper_available() -> bool:
    """True when newspaper4k is installed (it is a benchmark-only dependency)."""
    return importlib.util.find_spec("newspaper") is not None


def newspaper_meta(html: str, url: str | None) -> Prediction:
    """newspaper4k's ``Article.parse`` on the saved page (no download, no NLP)."""
    import newspaper  # noqa: PLC0415 - optional: installed for the benchmark only

    start = time.perf_counter()
    art = newspaper.Article(url or "http://example.invalid/", fetch_images=False)
    art.download(input_html=html)
    art.parse()
    ms = (time.perf_counter() - start) * 1000
    date = art.publish_date.date().isoformat() if art.publish_date else None
    return {
        "title": art.title, "authors": list(art.authors), "date": date,
        "sitename": art.meta_site_name or None, "language": art.meta_lang or None,
        "description": art.meta_description or None, "categories": [],
        "tags": sorted(art.tags) if art.tags else [], "ms": ms,
    }


def run_system(predict: Predictor, pages: list[tuple[str, str, str | None]]) -> dict[str, Prediction]:
    """Predictions of one system for (id, html, url) pages; an exception is a miss with ``error``."""
    out: dict[str, Prediction] = {}
    for page_id, html, url in pages:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                pred = predict(html, url)
        except Exception as exc:  # noqa: BLE001 - a library failing on a page is a miss, not a crash
            pred = {"error": f"{type(exc).__name__}: {exc}"}
        out[page_id] = {"id": page_id, **pred}
    return out


# ---------------------------------------------------------------- corpora


def read_page(path: Path) -> str:
    """A saved page as text: UTF-8, else the encoding it declares or that detection finds
    (as a crawler hands it over; every system gets the same string)."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_file(data)
        return decoded if isinstance(decoded, str) else data.decode("utf-8", errors="replace")


def load_meta_pages(corpus: Path, limit: int | None) -> tuple[list[dict[str, Any]], list[tuple[str, str, str | None]]]:
    """The truth rows and (id, html, url) pages of corpus/meta."""
    truth = [json.loads(line) for line in (corpus / "truth.jsonl").read_text().splitlines() if line.strip()]
    truth = truth[:limit] if limit else truth
    pages = [
        (row["id"], read_page(corpus / "pages" / f"{row['id']}.html"),
         real_url(row.get("url")))
        for row in truth
    ]
    return truth, pages


def load_dev_pages(dev: Path) -> tuple[list[dict[str, Any]], list[tuple[str, str, str | None]]]:
    """Truth rows (site name, language) and pages of the dev corpus' ``readability-`` pages."""
    truth, pages = [], []
    for line in (dev / "truth.jsonl").read_text().splitlines():
        row = json.loads(line) if line.strip() else {}
        if not str(row.get("id", "")).startswith("readability-"):
            continue
        meta = row.get("meta") or {}
        gold = {"id": row["id"]}
        if meta.get("siteName"):
            gold["sitename"] = meta["siteName"]
        if meta.get("lang"):
            gold["language"] = meta["lang"]
        truth.append(gold)
        html = read_page(dev / "html" / f"{row['id']}.html")
        pages.append((row["id"], html, real_url(row.get("url"))))
    return truth, pages


# ---------------------------------------------------------------- report


def cell(scores: dict[str, tuple[float, int]], metric: str) -> str:
    """One table cell: the percentage, or '-' when the system does not produce the metric."""
    value = scores.get(metric)
    return f"{100 * value[0]:.1f}" if value else "-"


def median_ms(preds: dict[str, Prediction], key: str = "ms") -> str:
    """Median milliseconds per page of one system."""
    values = [p[key] for p in preds.values() if key in p]
    return f"{statistics.median(values):.1f}" if values else "-"


def emitted(preds: dict[str, Prediction], field: str) -> bool:
    """Whether a system returns this field at all (else its cell is '-')."""
    return any(p.get(field) not in (None, "", []) for p in preds.values())


def print_table(scorer: ModuleType, truth: list[dict[str, Any]], systems: dict[str, dict[str, Prediction] | None],
                dev_truth: list[dict[str, Any]], dev: dict[str, dict[str, Prediction] | None]) -> None:
    """The per-field table: copydesk beside each library and the best published anchor."""
    names = list(systems)
    head = "| field | n | " + " | ".join(names) + " | best anchor |"
    print(head + "\n|---|---:|" + "---:|" * (len(names) + 1))
    scores = {n: (scorer.evaluate(truth, p) if p is not None else None) for n, p in systems.items()}
    for metric, label in FIELDS:
        field = scorer.FIELD_OF[metric]
        n = max((s.get(metric, (0, 0))[1] for s in scores.values() if s), default=0)
        cells = []
        for name in names:
            preds, s = systems[name], scores[name]
            ok = preds is not None and s is not None and emitted(preds, field if field != "date" else "date")
            cells.append(cell(s, metric) if ok else "n/a" if preds is None else "-")
        anchor = ANCHORS.get(metric)
        print(f"| {label} | {n} | " + " | ".join(cells) + f" | {anchor if anchor is not None else ''} |")
    dev_scores = {n: (scorer.evaluate(dev_truth, p) if p is not None else None) for n, p in dev.items()}
    for metric, label in (("sitename_exact", "site name (dev readability)"),
                          ("language_exact", "language (dev readability)")):
        field = scorer.FIELD_OF[metric]
        n = max((s.get(metric, (0, 0))[1] for s in dev_scores.values() if s), default=0)
        cells = [
            "n/a" if dev[name] is None else cell(dev_scores[name], metric)
            if emitted(dev[name], field) else "-" for name in names
        ]
        print(f"| {label} | {n} | " + " | ".join(cells) + " | |")
    print("| median ms/page | | " + " | ".join(
        "n/a" if systems[n] is None else median_ms(systems[n]) for n in names) + " | |")
    print("| errors | | " + " | ".join(
        "n/a" if systems[n] is None else str(sum(1 for p in systems[n].values() if p.get("error")))
        for n in names) + " | |")


def main() -> None:
    """Run every system on both corpora and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(REPO / ".." / "shared" / "corpus" / "meta"))
    parser.add_argument("--dev", default=None, help="corpus/dev directory (default: beside CORPUS)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N meta pages")
    parser.add_argument("--dump", default=None, help="write each system's predictions as JSONL here")
    parser.add_argument("--only-copydesk", action="store_true", help="skip the other libraries")
    args = parser.parse_args()
    corpus = Path(args.corpus).resolve()
    dev_dir = Path(args.dev).resolve() if args.dev else corpus.parent / "dev"
    scorer = load_scorer(corpus)
    truth, pages = load_meta_pages(corpus, args.limit)
    dev_truth, dev_pages = load_dev_pages(dev_dir) if dev_dir.exists() else ([], [])

    predictors: dict[str, Predictor | None] = {"copydesk": copydesk}
    if not args.only_copydesk:
        predictors |= {"trafilatura": trafilatura_meta, "htmldate": htmldate_meta,
                       "newspaper4k": newspaper_meta if newspaper_available() else None}
    systems = {n: (run_system(p, pages) if p else None) for n, p in predictors.items()}
    dev = {n: (run_system(p, dev_pages) if p else None) for n, p in predictors.items()}
    print(f"corpus/meta: {len(pages)} pages; dev readability: {len(dev_pages)} pages\n")
    print_table(scorer, truth, systems, dev_truth, dev)
    print(f"\ncopydesk whole pipeline (clean + sections + metadata) median ms/page: "
          f"{median_ms(systems['copydesk'] or {}, 'ms_total')}")
    if args.dump:
        out = Path(args.dump)
        out.mkdir(parents=True, exist_ok=True)
        for name, preds in systems.items():
            if preds is not None:
                with (out / f"{name}.jsonl").open("w") as fh:
                    fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in preds.values())


if __name__ == "__main__":
    main()
