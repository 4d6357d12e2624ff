"""Benchmark of the ``extract_metadata`` stage against trafilatura, htmldate and newspaper4k.

Usage (from the repo root)::

    .venv/bin/python benchmarks/metadata.py [--corpora wcxb,meta] [--fold K] [--limit N]
        [--only-copydesk] [--baselines-from DIR] [--dump DIR] [--write-folds] [--errors METRIC]

Two corpora of ``../shared/corpus``, each scored by ``corpus/meta/score_meta.py`` (imported by
path, so the metrics are exactly its own):

- ``wcxb``: 1,355 pages of about 1,200 sites crawled 2025-2026 (WCXB dev split, Murrough Foley,
  CC-BY-4.0) with title, author (as written, several names comma-joined) and date truth;
- ``meta``: 464 pages annotated by the trafilatura and htmldate authors.

Pages are grouped by site into folds (``benchmarks/folds.json``, domain -> fold, kept in the
repo so every run uses the same split; ``--write-folds`` rebuilds it). Each figure is the mean
over folds of the scorer's per-page mean, so a site never weighs on more than one fold. Every
library runs on the same pages in the same run. Site name and language are also scored on the
``readability-`` pages of ``corpus/dev`` (Readability.js' reference metadata). The ``ms`` row is
the median per page: copydesk's metadata stage alone, trafilatura's ``extract_metadata``,
htmldate's ``find_date`` and newspaper4k's ``parse``.

copydesk's authors are scored as ``authors`` plus ``agencies``: the truth is the byline as
written, which names desks and wire services ("Staff", "Reuters") as well as people.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
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
Page = tuple[str, str, str | None]  # (id, html, url)
Scores = dict[str, tuple[float, int]]  # metric -> (mean over folds, pages)

CORPUS_ROOT = REPO / ".." / "shared" / "corpus"
FOLDS_FILE = REPO / "benchmarks" / "folds.json"
# Five folds: each holds ~270 wcxb and ~90 meta pages, enough for a per-fold figure to mean
# something, and a fifth of the sites is what a held-out split usually keeps.
FOLDS = 5

WCXB_FIELDS = [
    ("title_exact", "title exact"),
    ("title_tokF1", "title token F1"),
    ("authors_F1", "authors F1"),
    ("authors_exact", "authors exact"),
    ("date_exact", "date exact day"),
]
META_FIELDS = [
    *WCXB_FIELDS,
    ("description_tokF1", "description token F1"),
    ("categories_F1", "categories F1"),
    ("tags_F1", "tags F1"),
    ("sitename_exact", "site name (meta corpus)"),
]
# The best published figure on corpus/meta for each field (corpus README), for the table.
META_ANCHORS = {
    "title_exact": 65.5, "title_tokF1": 85.4, "authors_F1": 58.9, "date_exact": 88.6,
    "description_tokF1": 83.6, "categories_F1": 34.4, "tags_F1": 74.2,
}
# The targets of issue 13 (fold means).
TARGETS = {
    "wcxb": {"title_exact": 90, "authors_F1": 90, "date_exact": 96},
    "meta": {"title_exact": 85, "authors_F1": 85, "date_exact": 96, "description_tokF1": 85, "sitename_exact": 95},
    "dev": {"sitename_exact": 95, "language_exact": 99},
}


@dataclass
class Corpus:
    """One scored corpus: its truth rows (the scorer's format), pages and each page's site."""

    name: str
    truth: list[dict[str, Any]]
    pages: list[Page]
    domains: dict[str, str]


def load_scorer(corpus_root: Path) -> ModuleType:
    """The corpus' ``score_meta.py``, imported by path so the metrics are exactly its own."""
    spec = importlib.util.spec_from_file_location("score_meta", corpus_root / "meta" / "score_meta.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer in {corpus_root / 'meta'}")
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
        "title": meta.title, "authors": meta.authors + getattr(meta, "agencies", []),
        "byline": getattr(meta, "byline", None), "date": (meta.published_at or "")[:10] or None,
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


def run_system(predict: Predictor, pages: list[Page]) -> dict[str, Prediction]:
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


def decode_page(data: bytes) -> str:
    """A saved page as text: UTF-8, else the encoding it declares or that detection finds
    (as a crawler hands it over; every system gets the same string)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        decoded = decode_file(data)
        return decoded if isinstance(decoded, str) else data.decode("utf-8", errors="replace")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


# A corpus/meta pseudo-URL names its site before the page's own words:
# "hard::mercurynews.com.2023.01.16.letters-1119.html", "hard::larepublica.net-hackers.html".
_PSEUDO_SITE = re.compile(r"^[a-z]+::(?P<site>[\w-]+?(?:\.[a-z]{2,3})+)(?=[.-])")


def site_of(url: str) -> str:
    """The site a page belongs to: its host without ``www.``, or the site a pseudo-URL names."""
    match = re.match(r"^https?://(?:www\d?\.)?([^/:?#]+)", url)
    if match:
        return match[1].lower()
    pseudo = _PSEUDO_SITE.match(url)
    return pseudo["site"].removeprefix("www.").lower() if pseudo else url


def load_wcxb(root: Path) -> Corpus:
    """corpus/wcxb as scorer rows: ``authors`` is the truth string as written, in a list (the
    scorer splits it at commas, "and", "&" like any author string)."""
    truth, pages, domains = [], [], {}
    for row in read_jsonl(root / "truth.jsonl"):
        gold: dict[str, Any] = {"id": row["id"], "title": row["title"]}
        if row.get("author"):
            gold["authors"] = [row["author"]]
        if row.get("publish_date"):
            gold["date"] = row["publish_date"]
        truth.append(gold)
        html = decode_page(gzip.decompress((root / "html" / f"{row['id']}.html.gz").read_bytes()))
        pages.append((row["id"], html, real_url(row.get("url"))))
        domains[row["id"]] = row["domain"].removeprefix("www.").lower()
    return Corpus("wcxb", truth, pages, domains)


def load_meta(root: Path) -> Corpus:
    """corpus/meta: its truth rows as they are."""
    truth = read_jsonl(root / "truth.jsonl")
    pages = [(r["id"], decode_page((root / "pages" / f"{r['id']}.html").read_bytes()), real_url(r.get("url")))
             for r in truth]
    return Corpus("meta", truth, pages, {r["id"]: site_of(r["url"]) for r in truth})


def load_dev(dev: Path) -> Corpus:
    """Truth rows (site name, language) and pages of the dev corpus' ``readability-`` pages."""
    truth, pages = [], []
    for row in read_jsonl(dev / "truth.jsonl"):
        if not str(row.get("id", "")).startswith("readability-"):
            continue
        meta = row.get("meta") or {}
        gold = {"id": row["id"]}
        if meta.get("siteName"):
            gold["sitename"] = meta["siteName"]
        if meta.get("lang"):
            gold["language"] = meta["lang"]
        truth.append(gold)
        pages.append((row["id"], decode_page((dev / "html" / f"{row['id']}.html").read_bytes()),
                      real_url(row.get("url"))))
    return Corpus("dev", truth, pages, {row["id"]: row["id"] for row in truth})


def select(corpus: Corpus, keep: Callable[[str], bool]) -> Corpus:
    """The corpus restricted to the pages whose id ``keep`` accepts."""
    return Corpus(corpus.name, [r for r in corpus.truth if keep(r["id"])],
                  [p for p in corpus.pages if keep(p[0])], corpus.domains)


# ---------------------------------------------------------------- folds


def balanced_folds(domains: list[str], count: int = FOLDS) -> dict[str, int]:
    """Sites to folds: the largest site first, each into the fold with the fewest pages so far
    (ties to the lower fold, sites of equal size by name), so the split is deterministic."""
    sizes: dict[str, int] = {}
    for domain in domains:
        sizes[domain] = sizes.get(domain, 0) + 1
    load = [0] * count
    out: dict[str, int] = {}
    for domain in sorted(sizes, key=lambda d: (-sizes[d], d)):
        fold = min(range(count), key=lambda f: (load[f], f))
        out[domain] = fold
        load[fold] += sizes[domain]
    return out


def write_folds(corpora: list[Corpus]) -> None:
    """Rebuild ``folds.json`` from the corpora's sites."""
    data: dict[str, Any] = {"folds": FOLDS, "grouped_by": "site (host without www.)"}
    for corpus in corpora:
        data[corpus.name] = dict(sorted(balanced_folds(list(corpus.domains.values())).items()))
    FOLDS_FILE.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def fold_of_pages(corpus: Corpus, folds: dict[str, Any]) -> dict[str, int]:
    """Each page's fold (the corpus-wide readability pages are one fold of their own)."""
    if corpus.name not in folds:
        return dict.fromkeys(corpus.domains, 0)
    table = folds[corpus.name]
    missing = sorted({d for d in corpus.domains.values() if d not in table})
    if missing:
        raise SystemExit(f"{len(missing)} {corpus.name} sites have no fold (run --write-folds): {missing[:5]}")
    return {page: table[domain] for page, domain in corpus.domains.items()}


def fold_means(scorer: ModuleType, corpus: Corpus, preds: dict[str, Prediction], fold_of: dict[str, int]) -> Scores:
    """Per metric: the mean over folds of the scorer's per-page mean, and the pages scored."""
    per_fold: dict[str, list[float]] = {}
    pages: dict[str, int] = {}
    for fold in sorted(set(fold_of.values())):
        rows = [r for r in corpus.truth if fold_of[r["id"]] == fold]
        for metric, (value, n) in scorer.evaluate(rows, preds).items():
            per_fold.setdefault(metric, []).append(value)
            pages[metric] = pages.get(metric, 0) + n
    return {m: (statistics.fmean(v), pages[m]) for m, v in per_fold.items()}


# ---------------------------------------------------------------- report


def cell(scores: Scores | None, metric: str) -> str:
    """One table cell: the percentage, or '-' when the system does not produce the metric."""
    value = (scores or {}).get(metric)
    return f"{100 * value[0]:.1f}" if value else "-"


def median_ms(preds: dict[str, Prediction], key: str = "ms") -> str:
    """Median milliseconds per page of one system."""
    values = [p[key] for p in preds.values() if key in p]
    return f"{statistics.median(values):.1f}" if values else "-"


def emitted(preds: dict[str, Prediction], field: str) -> bool:
    """Whether a system returns this field at all (else its cell is '-')."""
    return any(p.get(field) not in (None, "", []) for p in preds.values())


Systems = dict[str, dict[str, Prediction] | None]


def print_rows(scorer: ModuleType, corpus: Corpus, systems: Systems, fields: list[tuple[str, str]],
               fold_of: dict[str, int]) -> None:
    """One row per metric: each system's fold mean, the corpus' published anchor and the target."""
    scores = {n: (fold_means(scorer, corpus, p, fold_of) if p is not None else None) for n, p in systems.items()}
    anchors = META_ANCHORS if corpus.name == "meta" else {}
    for metric, label in fields:
        field = scorer.FIELD_OF[metric]
        n = max((s.get(metric, (0, 0))[1] for s in scores.values() if s), default=0)
        if not n:
            continue
        cells = ["n/a" if preds is None else cell(scores[name], metric) if emitted(preds, field) else "-"
                 for name, preds in systems.items()]
        extra = f"{anchors.get(metric, '')} | {TARGETS.get(corpus.name, {}).get(metric, '')}"
        print(f"| {label} | {n} | " + " | ".join(cells) + f" | {extra} |")


def print_errors(scorer: ModuleType, corpus: Corpus, preds: dict[str, Prediction], metric: str) -> None:
    """Every page whose ``metric`` (e.g. ``date_exact``) is below 1: id, site, truth, prediction."""
    field = scorer.FIELD_OF[metric]
    wrong = [(row, preds.get(row["id"], {})) for row in corpus.truth
             if scorer.evaluate([row], preds).get(metric, (1.0, 0))[0] < 1]
    print(f"\n{len(wrong)} {corpus.name} pages with {metric} below 1 (id | site | truth | copydesk):")
    for row, pred in wrong:
        print(f"{row['id']} | {corpus.domains[row['id']]} | {row.get(field)!r} | {pred.get(field)!r}")


def print_table(scorer: ModuleType, corpus: Corpus, systems: Systems, folds: dict[str, Any]) -> None:
    """The table of one corpus: copydesk beside each library, the anchor and the target."""
    names = list(systems)
    fold_of = fold_of_pages(corpus, folds)
    print(f"\n### {corpus.name}: {len(corpus.pages)} pages, {len(set(corpus.domains[p[0]] for p in corpus.pages))} "
          f"sites, mean over {len(set(fold_of[p[0]] for p in corpus.pages))} site-grouped folds\n")
    print("| field | n | " + " | ".join(names) + " | best anchor | target |")
    print("|---|---:|" + "---:|" * (len(names) + 2))
    if corpus.name == "dev":
        fields = [("sitename_exact", "site name (dev readability)"), ("language_exact", "language (dev readability)")]
    else:
        fields = META_FIELDS if corpus.name == "meta" else WCXB_FIELDS
    print_rows(scorer, corpus, systems, fields, fold_of)
    print("| median ms/page | | " + " | ".join(
        "n/a" if systems[n] is None else median_ms(systems[n]) for n in names) + " | | |")
    print("| errors | | " + " | ".join(
        "n/a" if systems[n] is None else str(sum(1 for p in systems[n].values() if p.get("error")))
        for n in names) + " | | |")
    copy = systems.get("copydesk")
    if copy:
        print(f"\ncopydesk whole pipeline (clean + sections + metadata) median ms/page: {median_ms(copy, 'ms_total')}")


# ---------------------------------------------------------------- main


def predictors(args: argparse.Namespace) -> dict[str, Predictor | None]:
    """The systems to run (None: not installed)."""
    out: dict[str, Predictor | None] = {"copydesk": copydesk}
    if not args.only_copydesk:
        out |= {"trafilatura": trafilatura_meta, "htmldate": htmldate_meta,
                "newspaper4k": newspaper_meta if newspaper_available() else None}
    return out


def run_corpus(corpus: Corpus, args: argparse.Namespace) -> Systems:
    """Every system on one corpus (baselines read back from ``--baselines-from`` when given)."""
    systems: Systems = {}
    for name, predict in predictors(args).items():
        saved = Path(args.baselines_from or "") / f"{corpus.name}-{name}.jsonl"
        if name != "copydesk" and args.baselines_from and saved.exists():
            systems[name] = {p["id"]: p for p in read_jsonl(saved)}
        else:
            systems[name] = run_system(predict, corpus.pages) if predict else None
    if args.dump:
        out = Path(args.dump)
        out.mkdir(parents=True, exist_ok=True)
        for name, preds in systems.items():
            if preds is not None:
                with (out / f"{corpus.name}-{name}.jsonl").open("w", encoding="utf-8") as fh:
                    fh.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in preds.values())
    return systems


def load_corpora(args: argparse.Namespace) -> list[Corpus]:
    """The corpora asked for, plus the dev readability pages when ``meta`` is asked."""
    root = Path(args.root).resolve()
    names = args.corpora.split(",")
    loaders = {"wcxb": lambda: load_wcxb(root / "wcxb"), "meta": lambda: load_meta(root / "meta")}
    corpora = [loaders[name]() for name in names]
    if "meta" in names and (root / "dev").exists() and not args.write_folds:
        corpora.append(load_dev(root / "dev"))
    return corpora


def main() -> None:
    """Run every system on the corpora and print one table per corpus."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=str(CORPUS_ROOT), help="the shared corpus folder")
    parser.add_argument("--corpora", default="wcxb,meta", help="comma-separated: wcxb, meta")
    parser.add_argument("--fold", type=int, default=None, help="only the pages of this fold")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each corpus")
    parser.add_argument("--only-copydesk", action="store_true", help="skip the other libraries")
    parser.add_argument("--baselines-from", default=None, help="read the libraries' predictions from a --dump")
    parser.add_argument("--dump", default=None, help="write each system's predictions as JSONL here")
    parser.add_argument("--write-folds", action="store_true", help=f"rebuild {FOLDS_FILE.name} and stop")
    parser.add_argument("--errors", default=None, metavar="METRIC",
                        help="list copydesk's pages below 1 on this metric (date_exact, title_exact, ...)")
    args = parser.parse_args()
    corpora = load_corpora(args)
    if args.write_folds:
        write_folds(corpora)
        return
    scorer = load_scorer(Path(args.root).resolve())
    folds = json.loads(FOLDS_FILE.read_text(encoding="utf-8"))
    for corpus in corpora:
        chosen = corpus
        if args.fold is not None and corpus.name in folds:
            fold_of = fold_of_pages(corpus, folds)
            chosen = select(corpus, lambda page, f=fold_of: f[page] == args.fold)
        if args.limit:
            kept = {p[0] for p in chosen.pages[: args.limit]}
            chosen = select(chosen, kept.__contains__)
        systems = run_corpus(chosen, args)
        print_table(scorer, chosen, systems, folds)
        copy = systems.get("copydesk")
        if args.errors and copy and corpus.name != "dev":
            print_errors(scorer, chosen, copy, args.errors)


if __name__ == "__main__":
    main()
