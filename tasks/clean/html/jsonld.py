"""The page's JSON-LD: every object of every ``application/ld+json`` script, nested ones too."""

from __future__ import annotations

import json
from collections.abc import Iterator

from lxml.html import HtmlElement

from tasks.clean.html.dom import normalize_space

# Types whose ``articleBody`` is the article's text.
_ARTICLE_TYPES = frozenset({"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
                            "BlogPosting", "Report", "OpinionNewsArticle", "LiveBlogPosting"})


def json_ld_objects(root: HtmlElement) -> Iterator[dict[str, object]]:
    """Every JSON object in the page's JSON-LD scripts, depth first; bad JSON is skipped."""
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                yield item
                stack.extend(v for v in item.values() if isinstance(v, dict | list))


def article_body(root: HtmlElement) -> list[str]:
    """The paragraphs of the longest ``articleBody`` of an article object, [] when none."""
    best = ""
    for obj in json_ld_objects(root):
        kind = obj.get("@type")
        kinds = {k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
        body = obj.get("articleBody")
        if kinds & _ARTICLE_TYPES and isinstance(body, str) and len(body) > len(best):
            best = body
    return [p for p in (normalize_space(line) for line in best.splitlines()) if p]
