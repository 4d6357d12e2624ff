"""schema.org JSON-LD, the one reader of both stages: the page's scripts parsed once, their
objects (``@graph`` flattened, or every nested object), the article among them and its values.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

# schema.org types that describe the article itself, most specific first in spirit.
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "liveblogposting",
    "scholarlyarticle", "techarticle", "socialmediaposting", "satiricalarticle", "report",
    "advertisercontentarticle", "medicalscholarlyarticle", "posting", "discussionforumposting",
    "askpublicnewsarticle", "creativework", "recipe", "review", "videoobject", "podcastepisode",
})
# Page-level types: a fallback carrier of headline, dates and authors when no article is declared.
PAGE_TYPES = frozenset({"webpage", "itempage", "medicalwebpage", "collectionpage", "aboutpage", "profilepage"})
SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})
# Control characters that some sites leave inside their JSON strings (json.loads refuses them).
_CONTROL = re.compile(r"[\x00-\x1f]")
_CDATA = re.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?://\s*\]\]>|\]\]>|-->)\s*$")

JsonObject = dict[str, Any]


def read_scripts(root: HtmlElement) -> list[Any]:
    """The parsed JSON of each of the page's ``application/ld+json`` scripts (bad JSON skipped)."""
    scripts = (s.text or "" for s in root.xpath("//script[contains(@type,'ld+json')]"))
    return [data for data in map(_loads, scripts) if data is not None]


def parse_blocks(scripts: list[str]) -> list[JsonObject]:
    """Every JSON object of these ``application/ld+json`` script texts, ``@graph`` flattened."""
    return flatten([data for data in map(_loads, scripts) if data is not None])


def flatten(documents: list[Any]) -> list[JsonObject]:
    """The objects the documents declare: top-level ones, ``@graph`` members and main entities."""
    return [obj for data in documents for obj in _flatten(data)]


def walk(documents: list[Any]) -> Iterator[JsonObject]:
    """Every JSON object in the documents, nested ones too: document by document, depth first."""
    for document in documents:
        stack = [document]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, dict | list))


def _loads(text: str) -> Any:
    text = _CDATA.sub("", text.strip())
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        try:
            return json.loads(_CONTROL.sub(" ", text), strict=False)
        except ValueError:
            return None


def _flatten(data: Any) -> Iterator[JsonObject]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _flatten(graph)
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten(main)


def types_of(obj: JsonObject) -> set[str]:
    """The object's ``@type`` values, lowercased, without a schema.org prefix."""
    raw = obj.get("@type")
    values = raw if isinstance(raw, list) else [raw]
    return {str(v).rsplit("/", 1)[-1].lower() for v in values if v}


def find_article(objects: list[JsonObject]) -> JsonObject | None:
    """The object describing the article: an article type, else a web page with a headline."""
    articles = [o for o in objects if types_of(o) & ARTICLE_TYPES]
    if articles:
        return max(articles, key=_article_weight)
    pages = [o for o in objects if types_of(o) & PAGE_TYPES and (o.get("headline") or o.get("datePublished"))]
    return pages[0] if pages else None


def _article_weight(obj: JsonObject) -> int:
    """Prefer the richest article object (a page may also declare related or listed articles)."""
    keys = ("headline", "datePublished", "author", "articleBody", "description", "mainEntityOfPage")
    return sum(1 for key in keys if obj.get(key))


def find_site(objects: list[JsonObject], article: JsonObject | None) -> str | None:
    """The site or publisher name: the article's publisher, else a declared WebSite."""
    if article is not None:
        name = name_of(article.get("publisher"))
        if name:
            return name
    for obj in objects:
        if types_of(obj) & {"website"}:
            name = text_of(obj.get("name"))
            if name:
                return name
    return None


def text_of(value: Any) -> str | None:
    """A plain string from a JSON-LD value (first item of a list, ``@value`` of an object)."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        return text or None
    return None


def name_of(value: Any) -> str | None:
    """The ``name`` of a Person/Organization value (or the string itself)."""
    if isinstance(value, list):
        value = next((v for v in value if v), None)
    if isinstance(value, dict):
        name = text_of(value.get("name"))
        if not name:
            parts = [text_of(value.get(k)) for k in ("givenName", "additionalName", "familyName")]
            name = " ".join(p for p in parts if p) or None
        return name
    return text_of(value)


def resolve(value: Any, objects: list[JsonObject]) -> Any:
    """A value with its ``{"@id": ...}`` references replaced by the objects they name (Yoast and
    other ``@graph`` writers declare the author once and point at it from the article)."""
    if isinstance(value, list):
        return [resolve(item, objects) for item in value]
    if isinstance(value, dict) and value.get("@id") and not value.get("name"):
        target = next((o for o in objects if o.get("@id") == value["@id"] and o is not value), None)
        return target if target is not None else value
    return value


def person_names(value: Any, objects: list[JsonObject] | None = None) -> list[str]:
    """Names of the authors in an ``author`` value (``@id`` references resolved against the
    page's ``objects``): persons first; organisations only if alone."""
    people, orgs = _authors_by_kind(value, objects)
    return people or orgs


def organization_names(value: Any, objects: list[JsonObject] | None = None) -> list[str]:
    """Names of the organisations an ``author`` value declares (``@id`` references resolved)."""
    return _authors_by_kind(value, objects)[1]


def _authors_by_kind(value: Any, objects: list[JsonObject] | None) -> tuple[list[str], list[str]]:
    """The names of an ``author`` value's persons, and of its organisations."""
    items = value if isinstance(value, list) else [value]
    items = resolve(items, objects) if objects else items
    people: list[str] = []
    orgs: list[str] = []
    for item in items:
        name = name_of(item)
        if not name:
            continue
        is_org = isinstance(item, dict) and types_of(item) & SITE_TYPES
        (orgs if is_org else people).append(name)
    return people, orgs


def strings_of(value: Any) -> list[str]:
    """A list of strings from a keywords/articleSection value (a list, or one comma-joined string)."""
    items = value if isinstance(value, list) else [value]
    out: list[str] = []
    for item in items:
        text = text_of(item)
        if text:
            out.extend(p.strip() for p in text.split(",") if p.strip())
    return out
