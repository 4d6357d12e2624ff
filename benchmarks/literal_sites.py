"""On how many sites of ``../shared/corpus`` each entry of the code's literal lists occurs.

Usage (from the repo root)::

    .venv/bin/python benchmarks/literal_sites.py                 # every list of the registry
    .venv/bin/python benchmarks/literal_sites.py tasks.metadata.titles:HOME_LABELS
    .venv/bin/python benchmarks/literal_sites.py --breaches      # only the entries under 3 sites

The house rule: a literal (word, phrase, class name, exception list) earns its place only if it
occurs on pages of at least ``MIN_SITES`` different sites of the corpora. A site is a page's host
without ``www.`` (corpus/meta's pseudo-URLs name theirs), over the HTML pages of wcxb, dev and
meta. Each list is counted the way the code matches it (``LiteralList``): whole words of the
page's visible lines (``tasks.common.page_lines.visible_lines``), case-folded or not, inside a
form such as "label, colon, value"; class/id tokens as ``dom.attr_tokens`` splits them; parts of
the declared title as ``titles`` compares them; or lines of the plain-text renderings. A count
is an upper bound of the code's own matches (the code looks in one region, the count anywhere on
the page): an entry under 3 sites breaches the rule for sure, one over may still need a look.

Each page is parsed once; its lines, tokens and title are cached under ``build/literal_sites/``.
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from lxml import html as lxml_html

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.metadata import site_of as meta_site  # noqa: E402
from tasks.clean.html.dom import attr_tokens  # noqa: E402
from tasks.common.page_lines import HEADING_MARK, visible_lines  # noqa: E402
from tasks.metadata.titles import AFFIX_SEPARATOR, squash  # noqa: E402

CORPUS_ROOT = REPO.parent / "shared" / "corpus"
CACHE_FILE = REPO / "build" / "literal_sites" / "pages.json.gz"
MIN_SITES = 3
# Sites shown beside an entry under the floor (enough to check by hand).
SHOWN_SITES = 4

Where = Literal["text", "class", "title", "plain"]
# A whole word or phrase of a line ("{}" is the entry).
WORD_FORM = r"(?<!\w){}(?!\w)"


@dataclass(frozen=True)
class LiteralList:
    """A list of the code and how the code matches its entries.

    ``where``: ``text`` (visible lines of the HTML), ``class`` (class/id tokens), ``title`` (the
    squashed parts of ``<title>`` and ``og:title``) or ``plain`` (lines of the plain-text
    renderings). ``form``: the regex an entry is put into ("{}"), matched per line. ``regex``:
    the entries are regex fragments (from an alternation), not text to escape. ``entries``:
    named fragments, for a single pattern whose forms are counted apart."""

    name: str  # "module:attribute"
    where: Where = "text"
    form: str = WORD_FORM
    case: bool = False
    regex: bool = False
    entries: dict[str, str] = field(default_factory=dict)

    def values(self) -> list[str]:
        """The entries: the named ones, else those of the attribute (alternatives of a pattern)."""
        if self.entries:
            return list(self.entries)
        return entries_of(attribute(self.name))

    def pattern(self, entry: str) -> re.Pattern[str]:
        """The compiled form of one entry."""
        fragment = self.entries.get(entry) or (entry if self.regex else re.escape(entry))
        return re.compile(self.form.format(fragment), re.M | (0 if self.case else re.I))


def attribute(name: str) -> Any:
    """The object a "module:attribute" name points at."""
    module, _, attr = name.partition(":")
    return getattr(importlib.import_module(module), attr)


def entries_of(value: Any) -> list[str]:
    """The entries of a list, set, tuple, dict (its keys), or the alternatives of a regex."""
    if isinstance(value, re.Pattern):
        value = value.pattern
    if isinstance(value, str):
        return alternatives(value)
    return sorted(str(v) for v in value)


def alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern's first group, or of the whole pattern when it has
    none ("^(?:posts|join date)$" -> posts, join date)."""
    body = pattern.strip().removeprefix("^").removesuffix("$")
    if body.startswith("(") and _closing(body, 0) > 0:
        body = re.sub(r"^\((?:\?:)?", "", body[:_closing(body, 0)])
    parts, depth, start = [], 0, 0
    for index, char in enumerate(body):
        escaped = index and body[index - 1] == "\\"
        if escaped:
            continue
        depth += {"(": 1, ")": -1, "[": 1, "]": -1}.get(char, 0)
        if char == "|" and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return [part for part in parts if part]


def _closing(text: str, opening: int) -> int:
    """Where the bracket opened at ``opening`` closes (-1 when it does not)."""
    depth = 0
    for index in range(opening, len(text)):
        if index and text[index - 1] == "\\":
            continue
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return -1


# ------------------------------------------------------------------ the registry

# The lists the audit counts. Word lists of the code's heuristics; the fixed vocabularies of
# HTML, schema.org, ARIA, calendars and languages are facts of those standards, not fitted to
# pages, and are left out.
_POSTER_STAT = r"^\W*{}\s*:\s*\S"
REGISTRY: tuple[LiteralList, ...] = (
    # metadata: bylines, authors, titles
    LiteralList("tasks.metadata.bylines:_POSTER_STAT_LABELS", form=_POSTER_STAT, regex=True),
    # ``credit_parts`` cuts an author string there; counted on any line (an upper bound)
    LiteralList("tasks.metadata.authors:_FILED_IN", entries={
        "In (after a name)": r"\S[^\S\n]+(?:[·•|][^\S\n]*)?(?-i:In)[^\S\n]+[A-ZÀ-ÖØ-Þ]",
        "a labelled field after a mark": r"\S[^\S\n]+[·•|][^\S\n]*[^\W\d_]+(?:[^\S\n][^\W\d_]+)?[^\S\n]*:[^\S\n]*\S",
    }, form="{}", case=True),
    LiteralList("tasks.metadata.titles:HOME_LABELS", where="title"),
    LiteralList("tasks.common.bylinetext:WRITTEN_BY_LABELS"),
    LiteralList("tasks.common.bylinetext:BY_WORDS", form=r"^\W*{}\W*$"),
    LiteralList("tasks.common.bylinetext:CREDIT_LEADS"),
    LiteralList("tasks.metadata.authors:WIRE_SERVICES"),
    LiteralList("tasks.metadata.authors:DESK_WORDS"),
    LiteralList("tasks.metadata.authors:ROLE_WORDS"),
    LiteralList("tasks.metadata.authors:NOT_NAMES"),
    LiteralList("tasks.metadata.authors:CREDENTIALS", form=r",\s*{}(?!\w)"),
    LiteralList("tasks.metadata.names:TITLE_WORDS"),
    LiteralList("tasks.metadata.names:LEADING_WORDS"),
    LiteralList("tasks.metadata.names:ORG_WORDS"),
    LiteralList("tasks.metadata.names:NOT_PERSON_WORDS"),
    LiteralList("tasks.metadata.entities:HONORIFICS"),
    LiteralList("tasks.metadata.entities:SENTENCE_WORDS"),
    # cleaning: class/id tokens, the text path's words
    LiteralList("tasks.clean.html.patterns:PRUNE_TOKENS", where="class"),
    LiteralList("tasks.clean.html.patterns:HARD_PRUNE_TOKENS", where="class"),
    LiteralList("tasks.clean.html.patterns:KEEP_TOKENS", where="class"),
    LiteralList("tasks.clean.html.patterns:CAPTION_TOKENS", where="class"),
    LiteralList("tasks.clean.html.patterns:CREDIT_TOKENS", where="class"),
    LiteralList("tasks.common.words:_UI_WORDS_OTHER"),
    LiteralList("tasks.clean.text.patterns:TEASERS_START", where="plain", form=r"^\W*(?:{})\W*$", regex=True),
    LiteralList("tasks.clean.text.patterns:COMMENTS_START", where="plain", form=r"^\W*(?:{})\W*$", regex=True),
    LiteralList("tasks.clean.text.patterns:VIDEO_LEAD", where="plain", form=r"^\W*(?:{})\s*[|:–—-]\s*", regex=True),
    # The text path's line vocabularies, counted on the HTML's visible lines (the text any
    # renderer of the page prints; the corpora's plain renderings cover fewer pages).
    LiteralList("tasks.clean.text.patterns:UI_LINE", form=r"^\s*(?:{})\s*$", regex=True),
    LiteralList("tasks.clean.text.patterns:CALL_TO_ACTION", form=r"^\s*(?:{})", regex=True),
    LiteralList("tasks.clean.text.patterns:LEGAL_LINE", form=r"(?:{})", regex=True),
    LiteralList("tasks.clean.text.patterns:CAPTION_PREFIX", form=r"^\s*(?:{})\s*[:|–—-]\s*\S", regex=True),
    LiteralList("tasks.clean.text.patterns:VIDEO_UI", form=r"^\s*(?:{})\s*$", regex=True),
    LiteralList("tasks.clean.text.patterns:CREDIT_LINE", form=r"(?<!\w){}(?!\w)\s*$", entries={
        name: name for name in ("getty images", "reuters", "ap", "afp", "shutterstock", "the associated press", "pa")
    }),
    LiteralList("tasks.clean.text.patterns:AGENCY_SLUG", form=r"^[A-Z][\w .,'\-]{{2,40}}\({}\)\s*[-—–]", case=True,
                entries={"AP": "AP", "Reuters": "Reuters"}),
    LiteralList("tasks.clean.text.patterns:COMMENT_SIGNATURE", form=r"^{} (?:by|from)\s*:?", entries={
        "posted": "posted", "written": "written"}),
)

# The lists whose every entry reaches ``MIN_SITES`` (``tests/unit/test_literal_sites.py`` keeps
# them so). The registry's others hold entries under the floor, listed by ``--breaches``, or are
# counted where the code does not read them: ``WRITTEN_BY_LABELS`` is matched in Twitter card
# labels (``twitter:labelN``), which the cache does not keep, so its visible-text count is no
# audit of it (its 3+ sites were counted in the card labels by hand, round 33).
AUDITED = (
    "tasks.metadata.bylines:_POSTER_STAT_LABELS", "tasks.metadata.authors:_FILED_IN",
    "tasks.metadata.titles:HOME_LABELS", "tasks.metadata.authors:ROLE_WORDS", "tasks.metadata.authors:NOT_NAMES",
    "tasks.metadata.names:LEADING_WORDS", "tasks.metadata.names:NOT_PERSON_WORDS",
    "tasks.metadata.entities:SENTENCE_WORDS", "tasks.clean.html.patterns:HARD_PRUNE_TOKENS",
    "tasks.clean.html.patterns:KEEP_TOKENS", "tasks.clean.html.patterns:CREDIT_TOKENS",
    "tasks.clean.html.patterns:PRUNE_TOKENS", "tasks.clean.html.patterns:CAPTION_TOKENS",
    "tasks.common.words:_UI_WORDS_OTHER", "tasks.clean.text.patterns:TEASERS_START",
    "tasks.clean.text.patterns:COMMENTS_START", "tasks.clean.text.patterns:VIDEO_LEAD",
    "tasks.common.bylinetext:BY_WORDS",
    "tasks.common.bylinetext:CREDIT_LEADS", "tasks.metadata.authors:WIRE_SERVICES",
    "tasks.metadata.authors:DESK_WORDS", "tasks.metadata.authors:CREDENTIALS", "tasks.metadata.names:TITLE_WORDS",
    "tasks.metadata.names:ORG_WORDS", "tasks.metadata.entities:HONORIFICS",
    "tasks.clean.text.patterns:UI_LINE", "tasks.clean.text.patterns:CALL_TO_ACTION",
    "tasks.clean.text.patterns:LEGAL_LINE", "tasks.clean.text.patterns:CAPTION_PREFIX",
    "tasks.clean.text.patterns:VIDEO_UI", "tasks.clean.text.patterns:CREDIT_LINE",
    "tasks.clean.text.patterns:AGENCY_SLUG", "tasks.clean.text.patterns:COMMENT_SIGNATURE",
)


# ------------------------------------------------------------------ the corpus, read once


@dataclass(frozen=True)
class CachedPage:
    """What the audit reads of one page: its site and the texts each ``Where`` looks at."""

    site: str
    text: str  # visible lines, one per line
    tokens: frozenset[str]  # class/id tokens
    titles: tuple[str, ...]  # <title>, og:title
    plain: str  # the plain-text rendering ("" when the corpus has none)

    def folded(self, where: Where, case: bool) -> str:
        """The text a ``where`` looks in, lowercased unless ``case`` (memoised: read per entry)."""
        text = self.plain if where == "plain" else self.text
        if case:
            return text
        key = f"_lower_{where}"
        if key not in self.__dict__:
            object.__setattr__(self, key, text.lower())
        return str(self.__dict__[key])


def site_of(url: str | None, fallback: str) -> str:
    """A page's host without ``www.``; a corpus/meta pseudo-URL's own site; else the fallback."""
    return meta_site(url) if url else fallback


def _corpus_rows(root: Path) -> Iterator[tuple[str, str, bytes, Path | None]]:
    """(site, url, html bytes, plain-text path) of every page of wcxb, dev and meta."""
    for row in _jsonl(root / "wcxb" / "truth.jsonl"):
        html = gzip.decompress((root / "wcxb" / "html" / f"{row['id']}.html.gz").read_bytes())
        yield site_of(row.get("url"), row["domain"].removeprefix("www.")), row["id"], html, \
            root / "wcxb" / "text" / f"{row['id']}.txt"
    for row in _jsonl(root / "dev" / "truth.jsonl"):
        html = (root / "dev" / "html" / f"{row['id']}.html").read_bytes()
        yield site_of(row.get("url"), re.sub(r"-\d+$", "", row["id"])), row["id"], html, \
            root / "dev" / "text" / f"{row['id']}.txt"
    for row in _jsonl(root / "meta" / "truth.jsonl"):
        html = (root / "meta" / "pages" / f"{row['id']}.html").read_bytes()
        yield site_of(row["url"], row["id"]), row["id"], html, None


def _jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def read_page(site: str, html: bytes, plain: str = "") -> CachedPage:
    """One page's visible lines, class/id tokens and declared titles, as the code reads them."""
    try:
        root = lxml_html.document_fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return CachedPage(site, "", frozenset(), (), plain)
    tokens: set[str] = set()
    for el in root.iter():
        if isinstance(el.tag, str) and (el.get("class") or el.get("id")):
            tokens |= attr_tokens(el)
    titles = [*root.xpath("//head/title/text()"), *root.xpath("//meta[@property='og:title']/@content")]
    lines = "\n".join(line.lstrip(HEADING_MARK) for line in visible_lines(root))
    return CachedPage(site, lines, frozenset(tokens), tuple(str(t).strip() for t in titles), plain)


def load_corpus(root: Path = CORPUS_ROOT, cache: Path | None = CACHE_FILE) -> list[CachedPage]:
    """Every page of the corpora, from the cache when it is there."""
    if cache is not None and cache.exists():
        rows = json.loads(gzip.decompress(cache.read_bytes()))
        return [CachedPage(r[0], r[1], frozenset(r[2]), tuple(r[3]), r[4]) for r in rows]
    pages = [
        read_page(site, html, plain.read_text(encoding="utf-8", errors="replace") if plain and plain.exists() else "")
        for site, _, html, plain in _corpus_rows(root)
    ]
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        rows_out = [[p.site, p.text, sorted(p.tokens), list(p.titles), p.plain] for p in pages]
        cache.write_bytes(gzip.compress(json.dumps(rows_out, ensure_ascii=False).encode("utf-8")))
    return pages


# ------------------------------------------------------------------ counting


def sites_with(entry: str, spec: LiteralList, pages: Iterable[CachedPage]) -> set[str]:
    """The sites with a page where ``entry`` occurs the way ``spec`` matches it."""
    if spec.where == "class":
        token = entry.lower()
        return {p.site for p in pages if token in p.tokens}
    if spec.where == "title":
        wanted = squash(entry)
        return {p.site for p in pages
                if any(squash(part) == wanted for t in p.titles for part in AFFIX_SEPARATOR.split(t))}
    pattern = spec.pattern(entry)
    needle = "" if spec.regex or spec.entries else entry if spec.case else entry.lower()
    # A plain entry's own text must be in the page: a substring test spares most regex searches.
    return {p.site for p in pages if needle in p.folded(spec.where, spec.case)
            and pattern.search(p.plain if spec.where == "plain" else p.text)}


@dataclass(frozen=True)
class Count:
    """One entry of one list and the sites it occurs on."""

    list_name: str
    entry: str
    sites: tuple[str, ...]

    @property
    def breach(self) -> bool:
        """Under the house rule's floor."""
        return len(self.sites) < MIN_SITES


def count_list(spec: LiteralList, pages: list[CachedPage]) -> list[Count]:
    """Every entry of a list with its sites."""
    return [Count(spec.name, entry, tuple(sorted(sites_with(entry, spec, pages)))) for entry in spec.values()]


def print_counts(counts: list[Count], breaches_only: bool) -> None:
    """A table: list, entry, sites, and a flag with a few of the sites under the floor."""
    print("| list | entry | sites | |")
    print("|---|---|---:|---|")
    for c in counts:
        if breaches_only and not c.breach:
            continue
        flag = f"**under {MIN_SITES}**: {', '.join(c.sites[:SHOWN_SITES])}" if c.breach else ""
        print(f"| {c.list_name} | {c.entry!r} | {len(c.sites)} | {flag} |")
    breaches = sum(c.breach for c in counts)
    print(f"\n{breaches} of {len(counts)} entries under {MIN_SITES} sites")


def spec_for(name: str) -> LiteralList:
    """The registry's spec of a list, or a plain word list in the visible text."""
    return next((s for s in REGISTRY if s.name == name), LiteralList(name))


def main() -> None:
    """Count the lists asked for (default: the registry) and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("lists", nargs="*", help="module:attribute names (default: every list of the registry)")
    parser.add_argument("--root", default=str(CORPUS_ROOT), help="the shared corpus folder")
    parser.add_argument("--breaches", action="store_true", help=f"print only the entries under {MIN_SITES} sites")
    parser.add_argument("--no-cache", action="store_true", help="read the pages again (and do not write the cache)")
    args = parser.parse_args()
    pages = load_corpus(Path(args.root), None if args.no_cache else CACHE_FILE)
    print(f"{len(pages)} pages of {len({p.site for p in pages})} sites\n")
    specs = [spec_for(name) for name in args.lists] if args.lists else list(REGISTRY)
    print_counts([c for spec in specs for c in count_list(spec, pages)], args.breaches)


if __name__ == "__main__":
    main()
