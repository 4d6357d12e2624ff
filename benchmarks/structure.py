#!/usr/bin/env python3
"""Headings and figures of copydesk's HTML path against the corpus's ``structure.jsonl``.

For each page listed in ``structure.jsonl`` (the 50 ``readability-`` pages), runs the
in-process ``tasks.clean.clean`` on ``html/<id>.html`` and ``tasks.sections.split_sections``,
then compares:

- headings: section headings vs the reference headings, matched on normalised text
  (NFKC, lower case, letters and digits only) as multisets; precision, recall and F1 pooled
  over all pages;
- figures: reference figures that have a caption, found when one of copydesk's images has
  a caption (caption + credit, as the page shows them together) matching it: equal after
  normalisation, one containing the other, or token F1 >= CAPTION_MATCH_F1. Also reported:
  image recall by URL.

Usage::

    .venv/bin/python benchmarks/structure.py [CORPUS_DIR] [--verbose]

This is a benchmark, not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
import warnings
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tasks.clean import clean  # noqa: E402
from tasks.models import ArticleIn, ContentType, SectionedArticle  # noqa: E402
from tasks.sections import split_sections  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "dev"
# Token F1 at which two captions are the same caption told slightly differently (a credit
# glued on, a trailing "Photo:" label): 0.8 tolerates a credit of a few words.
CAPTION_MATCH_F1 = 0.8
_WORD = re.compile(r"[^\W_]+")


def words(text: str | None) -> list[str]:
    """Lower-case letter/digit tokens after NFKC normalisation."""
    return _WORD.findall(unicodedata.normalize("NFKC", text or "").lower())


def norm(text: str | None) -> str:
    """Normalised text for exact matching."""
    return " ".join(words(text))


def token_f1(a: str, b: str) -> float:
    """Bag-of-words F1 between two texts."""
    ta, tb = collections.Counter(words(a)), collections.Counter(words(b))
    overlap = sum((ta & tb).values())
    if not overlap:
        return 0.0
    p, r = overlap / sum(ta.values()), overlap / sum(tb.values())
    return 2 * p * r / (p + r)


def captions_match(truth: str, predicted: str) -> bool:
    """True when a predicted caption is the reference caption."""
    t, p = norm(truth), norm(predicted)
    if not t or not p:
        return False
    return t == p or t in p or p in t or token_f1(truth, predicted) >= CAPTION_MATCH_F1


def url_key(url: str | None) -> str:
    """An image URL's path, unquoted, for matching across scheme, host and query changes."""
    return unquote(urlsplit(url or "").path).rstrip("/").lower()


def process(corpus: Path, doc_id: str, url: str | None) -> SectionedArticle:
    """The sectioned article of one HTML page."""
    html = (corpus / "html" / f"{doc_id}.html").read_text(encoding="utf-8", errors="replace")
    article = ArticleIn(id=doc_id, url=url, content=html, content_type=ContentType.HTML)
    return split_sections(clean(article))


def compare_headings(truth: list[dict], sections: SectionedArticle) -> tuple[int, int, int, list[str]]:
    """(matched, predicted, reference, unmatched texts) for one page's headings."""
    predicted = collections.Counter(norm(s.heading) for s in sections.sections if s.heading)
    reference = collections.Counter(norm(h["text"]) for h in truth)
    matched = sum((predicted & reference).values())
    misses = [f"-{t}" for t in (reference - predicted).elements()]
    misses += [f"+{t}" for t in (predicted - reference).elements()]
    return matched, sum(predicted.values()), sum(reference.values()), misses


def compare_figures(truth: list[dict], sections: SectionedArticle) -> tuple[int, int, int, int, list[str]]:
    """(captions found, reference captions, urls found, reference figures, missed captions)."""
    predicted = [" ".join(filter(None, (im.caption, im.credit))) for im in sections.images]
    urls = {url_key(im.url) for im in sections.images}
    with_caption = [f for f in truth if (f.get("caption") or "").strip()]
    found = [f for f in with_caption if any(captions_match(f["caption"], p) for p in predicted)]
    missed = [f["caption"][:80] for f in with_caption if f not in found]
    url_hits = sum(1 for f in truth if url_key(f.get("src")) in urls)
    return len(found), len(with_caption), url_hits, len(truth), missed


def prf(matched: int, predicted: int, reference: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts."""
    p = matched / predicted if predicted else 0.0
    r = matched / reference if reference else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv: list[str] | None = None) -> None:
    """Run the comparison over every page of structure.jsonl and print the figures."""
    warnings.simplefilter("ignore")
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    ap.add_argument("--verbose", action="store_true", help="list unmatched headings and captions per page")
    args = ap.parse_args(argv)
    corpus = Path(args.corpus)
    corpus = corpus if corpus.is_absolute() else (REPO / corpus).resolve()
    truth = {json.loads(line)["id"]: json.loads(line) for line in (corpus / "truth.jsonl").open(encoding="utf-8")}
    totals = collections.Counter()
    pages = 0
    for line in (corpus / "structure.jsonl").open(encoding="utf-8"):
        ref = json.loads(line)
        sections = process(corpus, ref["id"], truth.get(ref["id"], {}).get("url"))
        pages += 1
        h_match, h_pred, h_ref, h_miss = compare_headings(ref.get("headings", []), sections)
        c_found, c_ref, u_found, u_ref, c_miss = compare_figures(ref.get("figures", []), sections)
        totals.update(h_match=h_match, h_pred=h_pred, h_ref=h_ref, c_found=c_found, c_ref=c_ref,
                      u_found=u_found, u_ref=u_ref, images=len(sections.images), media=len(sections.media))
        if args.verbose and (h_miss or c_miss):
            print(f"{ref['id']}: headings {h_match}/{h_pred}/{h_ref}  captions {c_found}/{c_ref}")
            for miss in h_miss:
                print(f"    heading {miss[:90]}")
            for miss in c_miss:
                print(f"    caption -{miss}")
    p, r, f = prf(totals["h_match"], totals["h_pred"], totals["h_ref"])
    print(f"pages: {pages}")
    print(f"headings: predicted {totals['h_pred']}  reference {totals['h_ref']}  matched {totals['h_match']}")
    print(f"heading precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")
    c_recall = totals["c_found"] / totals["c_ref"] if totals["c_ref"] else 0.0
    print(f"figure captions: reference {totals['c_ref']}  found {totals['c_found']}  caption recall {c_recall:.3f}")
    u_recall = totals["u_found"] / totals["u_ref"] if totals["u_ref"] else 0.0
    print(f"figures by url: reference {totals['u_ref']}  found {totals['u_found']}  recall {u_recall:.3f}"
          f"   (copydesk images {totals['images']}, media {totals['media']})")


if __name__ == "__main__":
    main()
