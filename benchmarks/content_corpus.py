"""The content-extraction corpora (``../shared/corpus/wcxb`` and ``../shared/corpus/dev``) as one
list of pages, their domain-grouped folds, and each corpus's own word-F1.

Shared by ``benchmarks/quality.py`` (the benchmark) and ``benchmarks/train_content.py`` (the
training script), so both judge on the same folds with the same metric.

The folds live in ``benchmarks/content_folds.json`` (site -> fold): every run uses the same
ones, and no site is ever on both sides of a split. ``--make-folds`` rebuilds the file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO.parent / "shared" / "corpus"
FOLDS_FILE = REPO / "benchmarks" / "content_folds.json"
K_FOLDS = 5

# Second-level labels under which a country code is the public suffix (bbc.co.uk, abc.net.au).
_SECOND_LEVEL = {"co", "com", "net", "org", "gov", "ac", "edu", "ne", "or"}


@dataclass(frozen=True)
class Page:
    """One page of either corpus, with where its payloads are and what its truth says."""

    corpus: str  # "wcxb" or "dev"
    id: str
    url: str | None
    site: str  # the grouping key of the folds
    page_type: str  # wcxb's type; every dev page is a (news) article
    truth: str

    @property
    def key(self) -> str:
        """The page's name across corpora: ``wcxb/0001``, ``dev/l3s-...``."""
        return f"{self.corpus}/{self.id}"

    def html(self, root: Path = SHARED_CORPUS) -> str:
        """The page's HTML (UTF-8, undecodable bytes replaced, as the scorers read text)."""
        if self.corpus == "wcxb":
            data = gzip.decompress((root / "wcxb" / "html" / f"{self.id}.html.gz").read_bytes())
            return data.decode("utf-8", errors="replace")
        return (root / "dev" / "html" / f"{self.id}.html").read_text(encoding="utf-8", errors="replace")

    def text(self, rendering: str, root: Path = SHARED_CORPUS) -> str | None:
        """The plain-text rendering (``inscriptis`` or ``bs4``), or None when the corpus has none."""
        folder = {"inscriptis": "text", "bs4": "text-bs4"}[rendering]
        path = root / self.corpus / folder / f"{self.id}.txt"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else None


def site_of(url: str | None, fallback: str) -> str:
    """The registered domain of a URL (``news.bbc.co.uk`` -> ``bbc.co.uk``), or the fallback."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [label for label in host.lower().split(".") if label]
    if len(labels) < 2:
        return fallback
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_pages(root: Path = SHARED_CORPUS) -> list[Page]:
    """Every page of wcxb and dev, sorted by key (training reads them in this order)."""
    pages = [
        Page("wcxb", row["id"], row.get("url"), site_of(row.get("url"), row["domain"]),
             row["page_type"], row["main_content"])
        for row in _read_jsonl(root / "wcxb" / "truth.jsonl")
    ]
    pages += [
        # A dev page without a URL is its own site, its trailing number dropped (webmd-1, webmd-2).
        Page("dev", row["id"], row.get("url"), site_of(row.get("url"), re.sub(r"-\d+$", "", row["id"])),
             "article", row["body"])
        for row in _read_jsonl(root / "dev" / "truth.jsonl")
    ]
    return sorted(pages, key=lambda p: p.key)


def make_folds(pages: list[Page], k: int = K_FOLDS) -> dict[str, int]:
    """Sites dealt to k folds, biggest first, each to the fold with fewest pages so far."""
    sizes = Counter(p.site for p in pages)
    load = [0] * k
    folds: dict[str, int] = {}
    for site, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        fold = min(range(k), key=lambda f: (load[f], f))
        folds[site] = fold
        load[fold] += size
    return folds


def read_folds(path: Path = FOLDS_FILE) -> dict[str, int]:
    """The recorded site -> fold assignment."""
    return dict(json.loads(path.read_text(encoding="utf-8"))["sites"])


def fold_of(page: Page, folds: dict[str, int]) -> int:
    """The page's fold; a site the file does not know is refused rather than guessed."""
    return folds[page.site]


# ------------------------------------------------------------------ metrics


_WCXB_WORD = re.compile(r"\w+")
_CJK = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DEV_TOKEN = re.compile(rf"[{_CJK}]|[^\W_{_CJK}]+")


def tokens(text: str, corpus: str) -> list[str]:
    """The corpus scorer's tokens: wcxb lowercases ``\\w+``; dev also NFKC-normalises and
    splits CJK ideographs one per token (``corpus/score.py``)."""
    if corpus == "wcxb":
        return _WCXB_WORD.findall(text.lower())
    return _DEV_TOKEN.findall(unicodedata.normalize("NFKC", text).lower())


def word_f1(pred: str, truth: str, corpus: str) -> float:
    """Bag-of-words F1 of a prediction against the truth (0 for an empty prediction)."""
    p, t = Counter(tokens(pred, corpus)), Counter(tokens(truth, corpus))
    if not t:
        return 1.0 if not p else 0.0
    overlap = sum((p & t).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def print_word_misses(heading: str, f1: float, fold: int, text: str, truth: str, corpus: str) -> None:
    """One low page of a replay's ``worst`` list: its F1 and the truth words it misses and the
    words it adds, most frequent first."""
    got, want = Counter(tokens(text, corpus)), Counter(tokens(truth, corpus))
    missing, extra = want - got, got - want
    print(f"\n== {heading} f1 {f1:.3f} fold {fold}  words: got {sum(got.values())} truth {sum(want.values())}"
          f"  missing {sum(missing.values())} extra {sum(extra.values())}")
    print("  missing:", " ".join(w for w, _ in missing.most_common(25)))
    print("  extra:  ", " ".join(w for w, _ in extra.most_common(25)))


def fold_means(rows: Iterable[dict]) -> dict[str, float]:
    """Per group, the mean over folds of the fold's macro F1 (rows hold ``groups``, ``fold``, ``f1``)."""
    by: dict[str, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        for group in row["groups"]:
            by[group][row["fold"]].append(row["f1"])
    return {g: statistics.mean(statistics.mean(v) for v in folds.values()) for g, folds in by.items()}


def type_f1(rows: list[dict], page_type: str) -> float:
    """F1 of a page-type classifier on one type, over rows holding ``type`` and ``predicted_type``."""
    hits = sum(1 for r in rows if r["type"] == page_type and r["predicted_type"] == page_type)
    claimed = sum(1 for r in rows if r["predicted_type"] == page_type)
    actual = sum(1 for r in rows if r["type"] == page_type)
    return 2 * hits / max(claimed + actual, 1)


def main() -> None:
    """``--make-folds``: write ``content_folds.json`` from the corpora (deterministic)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--make-folds", action="store_true")
    args = ap.parse_args()
    pages = load_pages()
    if args.make_folds:
        folds = make_folds(pages)
        record = {
            "about": "site -> fold for benchmarks/quality.py and benchmarks/train_content.py; "
                     "sites of wcxb and dev dealt biggest first to the fold with fewest pages",
            "k": K_FOLDS,
            "sites": dict(sorted(folds.items())),
        }
        FOLDS_FILE.write_text(json.dumps(record, indent=0, sort_keys=False) + "\n", encoding="utf-8")
    folds = read_folds()
    per_fold = Counter(fold_of(p, folds) for p in pages)
    print(f"{len(pages)} pages, {len(folds)} sites, pages per fold: {dict(sorted(per_fold.items()))}")


if __name__ == "__main__":
    main()
