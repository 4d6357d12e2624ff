"""Embedded videos, audio and social posts: found in the DOM and in JSON-LD."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urljoin

from lxml.html import HtmlElement

from tasks.clean.html import patterns
from tasks.clean.html.dom import normalize_space
from tasks.common import jsonld
from tasks.models import Media

MediaType = Literal["video", "audio", "social", "other"]
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$", re.I)
_MEDIA_TYPES = {"VideoObject": "video", "AudioObject": "audio", "PodcastEpisode": "audio"}


@dataclass
class FoundMedia:
    """One embed and the element it came from (None for JSON-LD)."""

    element: HtmlElement | None
    media: Media


def provider_of(url: str) -> tuple[str, str] | None:
    """(provider, media_type) for a known embed URL."""
    for pattern, provider, media_type in patterns.MEDIA_PROVIDERS:
        if pattern.search(url):
            return provider, media_type
    return None


def parse_duration(value: object) -> int | None:
    """Seconds from an ISO-8601 duration ("PT1M30S") or a number."""
    if isinstance(value, int | float):
        return int(value)
    match = _ISO_DURATION.match(str(value or "").strip())
    if not match or not any(match.groups()):
        return None
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return int(days * 86400 + hours * 3600 + minutes * 60 + seconds)


def _iframe_media(el: HtmlElement, base_url: str | None) -> Media | None:
    src = urljoin(base_url or "", (el.get("src") or el.get("data-src") or "").strip())
    known = provider_of(src) if src else None
    if known is None:
        return None
    provider, media_type = known
    title = normalize_space(el.get("title")) or None
    return Media(media_type=media_type, url=src, title=title, provider=provider)  # type: ignore[arg-type]


def _video_media(el: HtmlElement, base_url: str | None) -> Media:
    src = el.get("src") or next((s.get("src") for s in el.iter("source") if s.get("src")), None)
    url = urljoin(base_url or "", src) if src else None
    media_type: MediaType = "audio" if el.tag == "audio" else "video"
    title = normalize_space(el.get("title") or el.get("aria-label")) or None
    known = provider_of(url) if url else None
    return Media(media_type=media_type, url=url, title=title, provider=known[0] if known else None)


def _social_media(el: HtmlElement) -> Media:
    link = next((a.get("href") for a in reversed(list(el.iter("a"))) if a.get("href")), None)
    known = provider_of(link or el.get("class", ""))
    text = normalize_space(el.text_content())[:300] or None
    return Media(media_type="social", url=link, description=text, provider=known[0] if known else None)


def find_dom_media(root: HtmlElement, base_url: str | None) -> list[FoundMedia]:
    """Embeds in page order: provider iframes, <video>/<audio>, social-post blockquotes."""
    found: list[FoundMedia] = []
    for el in root.iter("iframe", "video", "audio", "blockquote"):
        media: Media | None
        if el.tag == "iframe":
            media = _iframe_media(el, base_url)
        elif el.tag == "blockquote":
            classes = set((el.get("class") or "").split())
            media = _social_media(el) if classes & patterns.SOCIAL_EMBED_CLASSES else None
        else:
            media = _video_media(el, base_url)
        if media is not None:
            found.append(FoundMedia(el, media))
    return found


def find_json_ld_media(documents: list[Any]) -> list[Media]:
    """VideoObject / AudioObject entries of the page's JSON-LD documents (``jsonld.read_scripts``)."""
    out: list[Media] = []
    for obj in jsonld.walk(documents):
        kind = obj.get("@type")
        kind = kind[0] if isinstance(kind, list) and kind else kind
        if not isinstance(kind, str) or kind not in _MEDIA_TYPES:  # JSON-LD may nest anything here
            continue
        url = obj.get("contentUrl") or obj.get("embedUrl") or obj.get("url")
        url = url if isinstance(url, str) else None
        known = provider_of(url) if url else None
        out.append(Media(
            media_type=_MEDIA_TYPES[kind],  # type: ignore[arg-type]
            title=normalize_space(str(obj.get("name") or "")) or None,
            url=url,
            duration_s=parse_duration(obj.get("duration")),
            description=normalize_space(str(obj.get("description") or ""))[:500] or None,
            provider=known[0] if known else None,
        ))
    return out
