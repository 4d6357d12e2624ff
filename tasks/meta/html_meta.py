"""Metadata of an HTML page: declared signals first, trafilatura's reading as the fallback."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement
from trafilatura.metadata import extract_metadata as trafilatura_metadata
from trafilatura.settings import Document
from trafilatura.utils import load_html

from tasks.meta import authors, dates, jsonld, language, sites, titles
from tasks.meta.html_signals import PageSignals, read_signals


@dataclass
class HtmlFields:
    """The fields read from an HTML page (the stage turns them into ``Metadata``)."""

    title: str | None = None
    subtitle: str | None = None
    description: str | None = None
    authors: list[str] = field(default_factory=list)
    published_at: str | None = None
    modified_at: str | None = None
    site_name: str | None = None
    section: str | None = None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    language: str | None = None
    canonical_url: str | None = None
    image: str | None = None


def parse_page(raw: str) -> HtmlElement | None:
    """The page's lxml tree (trafilatura's tolerant loader), None when it is not HTML at all."""
    return load_html(raw)


def read_html_fields(raw: str, url: str | None, text: str = "") -> HtmlFields:
    """Every metadata field of the page."""
    tree = parse_page(raw)
    if tree is None:
        return HtmlFields()
    signals = read_signals(tree)
    doc = trafilatura_metadata(tree, default_url=url) or Document()
    site = _site_name(signals, doc)
    return HtmlFields(
        title=_title(signals, doc, site, url),
        description=_description(signals, doc),
        authors=_authors(signals, doc, [site, doc.sitename]),
        published_at=dates.choose_published(signals, doc.date, url),
        modified_at=dates.declared_modified(signals),
        site_name=site,
        categories=_first_list(
            signals.rel_categories, jsonld.strings_of(signals.ld("articleSection")),
            signals.all("article:section"), list(doc.categories or []),
        ),
        tags=_first_list(
            signals.all("article:tag"), jsonld.strings_of(signals.ld("keywords")), signals.rel_tags,
            list(doc.tags or []),
        ),
        language=language.choose_language(
            [signals.lang, jsonld.text_of(signals.ld("inLanguage")), signals.first("og:locale"),
             signals.first("content-language", "language", "dc.language")],
            text,
        ),
        canonical_url=doc.url,
        image=doc.image,
    )


def _site_name(signals: PageSignals, doc: Document) -> str | None:
    return (signals.first("og:site_name") or jsonld.find_site(signals.objects, signals.article)
            or doc.sitename)


def _description(signals: PageSignals, doc: Document) -> str | None:
    """The page's own summary: ``<meta name=description>`` beats OpenGraph (on corpus/meta the
    plain description matched the annotators' better: token F1 77 % against 65 %)."""
    return (
        signals.first("description", "og:description", "twitter:description")
        or jsonld.text_of(signals.ld("description")) or doc.description
    )


def _first_list(*candidates: list[str]) -> list[str]:
    """The first non-empty list among sources ranked from most to least specific."""
    for values in candidates:
        cleaned = [v for v in dict.fromkeys(" ".join(v.split()) for v in values) if v]
        if cleaned:
            return cleaned
    return []


def _authors(signals: PageSignals, doc: Document, site_names: list[str | None]) -> list[str]:
    """Declared persons (JSON-LD) first, then trafilatura's reading, then visible bylines."""
    names = [n for n in site_names if n]
    publisher = jsonld.name_of(signals.ld("publisher"))
    if publisher:
        names.append(publisher)
    for values in (
        jsonld.person_names(signals.ld("author")),
        (doc.author or "").split(";"),
        signals.bylines[:1],
        signals.visible_bylines[:1],
    ):
        found = authors.clean_authors([v for v in values if v], names)
        if found:
            return found
    return []


def _title(signals: PageSignals, doc: Document, site: str | None, url: str | None) -> str | None:
    declared = [
        signals.first("og:title"), jsonld.text_of(signals.ld("headline")),
        signals.first("twitter:title"), signals.title_tag, doc.title,
    ]
    names = sites.site_aliases([site, signals.first("application-name"), doc.sitename], url)
    return titles.choose_title(signals.h1, [d for d in declared if d], names)
