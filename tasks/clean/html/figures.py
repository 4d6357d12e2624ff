"""Article images and their captions, found in the page's DOM."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml.etree import XPath
from lxml.html import HtmlElement

from tasks.clean.html import patterns
from tasks.clean.html.dom import attr_tokens, normalize_space
from tasks.common.captions import split_credit
from tasks.models import Figure

# How many ancestors above a loose <img> may hold its caption: <div><div><picture><img> plus
# one wrapper. Deeper, the "caption" found is usually another image's. Hand-set.
CAPTION_SEARCH_DEPTH = 4
# An ancestor with more text than this is a whole article, not a figure wrapper; a long
# caption is ~500 characters, so 1,000 leaves room for caption + credit. Hand-set.
MAX_FIGURE_WRAPPER_CHARS = 1000


_IMAGE_URL = re.compile(r"\.(?:jpe?g|png|gif|webp|avif)(?:[?#]|$)", re.I)
_CAPTION_CANDIDATES = XPath(".//figcaption | .//*[@class or @id]")


@dataclass
class FoundImage:
    """One candidate article image with where it sits in the page."""

    element: HtmlElement
    figure: Figure
    caption_elements: list[HtmlElement]


def image_url(img: HtmlElement, base_url: str | None) -> str | None:
    """The image's real URL: lazy-loading attributes first, then src, then srcset."""
    for attr in patterns.IMAGE_SRC_ATTRS:
        value = str(img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return urljoin(base_url or "", value)
    for attr in ("data-srcset", "srcset"):
        value = str(img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return first_srcset_url(value, base_url)
    return None


def first_srcset_url(srcset: str, base_url: str | None) -> str:
    """The first candidate URL of a srcset ("a.jpg 320w, b.jpg 640w" -> a.jpg), absolute."""
    return urljoin(base_url or "", srcset.split(",", maxsplit=1)[0].split(maxsplit=1)[0])


def _declared_side(img: HtmlElement, attr: str) -> int | None:
    """The declared width or height in pixels, None when absent or relative."""
    value = (img.get(attr) or "").strip().removesuffix("px")
    return int(value) if value.isdigit() else None


def is_decorative(img: HtmlElement, url: str) -> bool:
    """True for icons, logos, avatars, pixels and other images that are not article figures."""
    if img.get("role") == "presentation" or img.get("aria-hidden") == "true":
        return True
    sides = [s for s in (_declared_side(img, "width"), _declared_side(img, "height")) if s is not None]
    if sides and min(sides) < patterns.MIN_FIGURE_SIDE_PX:
        return True
    path = url.split("?", maxsplit=1)[0].split("//", 1)[-1].partition("/")[2]
    hints = f"{path} {img.get('class', '')} {img.get('id', '')}"
    return bool(patterns.DECORATIVE_IMAGE.search(hints)) or url.lower().split("?")[0].endswith(".svg")


def _is_caption(el: HtmlElement) -> bool:
    return el.tag in patterns.CAPTION_TAGS or bool(attr_tokens(el) & patterns.CAPTION_TOKENS)


def caption_elements(img: HtmlElement) -> list[HtmlElement]:
    """The caption (and credit) elements of the wrapper around a loose image, outermost first.

    Climbs at most ``CAPTION_SEARCH_DEPTH`` ancestors and stops at one that holds another
    image or too much text: beyond it, a "caption" belongs to another figure or is prose.
    """
    node = img
    for _ in range(CAPTION_SEARCH_DEPTH):
        node = node.getparent()
        if node is None or node.tag in ("body", "html", "article", "main"):
            return []
        if len(node.text_content()) > MAX_FIGURE_WRAPPER_CHARS or _holds_other_image(node, img):
            return []
        found = [el for el in _CAPTION_CANDIDATES(node) if _is_caption(el)]
        outer = [el for el in found if not any(a in found for a in el.iterancestors())]
        if outer or node.tag == "figure":
            return outer
    return []


def _holds_other_image(node: HtmlElement, img: HtmlElement) -> bool:
    return any(other is not img for other in node.iter("img"))


def _is_credit(el: HtmlElement) -> bool:
    return bool(attr_tokens(el) & patterns.CREDIT_TOKENS) or el.get("itemprop") in patterns.CREDIT_ITEMPROPS


def _credit_elements(caption: HtmlElement) -> list[HtmlElement]:
    """The outermost credit elements inside (or being) a caption element."""
    found = [c for c in caption.iter() if isinstance(c.tag, str) and _is_credit(c)]
    return [c for c in found if not any(a in found for a in c.iterancestors())]


def _spaced_text(el: HtmlElement) -> str:
    """Text with a space between text nodes: a "Credit" label span is not glued to the name."""
    return normalize_space(" ".join(el.itertext()))


def _split_marked_credit(el: HtmlElement) -> tuple[str, list[str]]:
    """A caption element's text without its marked credits, and those credits."""
    text = _spaced_text(el)
    credits: list[str] = []
    for credit in _credit_elements(el):
        credit_text = _spaced_text(credit)
        if not credit_text:
            continue
        credits.append(patterns.CREDIT_LABEL.sub("", credit_text) or credit_text)
        text = "" if credit is el else normalize_space(text.replace(credit_text, " "))
    return text, credits


def caption_and_credit(elements: list[HtmlElement]) -> tuple[str | None, str | None]:
    """Caption text and credit: a credit element if the page marks one, else split from the text."""
    credit_parts: list[str] = []
    caption_parts: list[str] = []
    for el in elements:
        text, credits = _split_marked_credit(el)
        credit_parts += credits
        if text:
            caption_parts.append(text)
    caption = " ".join(caption_parts) or None
    if caption and not credit_parts:
        caption, credit = split_credit(caption)
        return caption or None, credit
    return caption, " ".join(credit_parts) or None


def _figure_url(figure: HtmlElement, base_url: str | None) -> str | None:
    """A <figure>'s image URL: an <img> (lazy or in <noscript>), a <source>, or its itemid."""
    for img in figure.iter("img"):
        url = image_url(img, base_url)
        if url and not is_decorative(img, url):
            return url
    for source in figure.iter("source"):
        srcset = str(source.get("srcset") or source.get("data-srcset") or "").strip()
        if srcset and not srcset.startswith("data:"):
            return first_srcset_url(srcset, base_url)
    itemid = figure.get("itemid") or ""
    return urljoin(base_url or "", itemid) if _IMAGE_URL.search(itemid) else None


def _found(anchor: HtmlElement, url: str, elements: list[HtmlElement], alt: str | None) -> FoundImage:
    caption, credit = caption_and_credit(elements)
    return FoundImage(anchor, Figure(url=url, alt=alt, caption=caption, credit=credit), elements)


def find_images(root: HtmlElement, base_url: str | None) -> list[FoundImage]:
    """Every non-decorative image of the page, with caption, credit and alt, in page order.

    Run while <noscript> copies are still in the tree, so lazy-loaded images are seen; each
    result's ``element`` is its anchor: the <figure>, else the <img>.
    """
    found: list[FoundImage] = []
    seen: set[str] = set()
    for el in root.iter("figure", "img"):
        if el.tag == "img" and next(el.iterancestors("figure"), None) is not None:
            continue  # judged with its <figure>
        if el.tag == "figure":
            url = _figure_url(el, base_url)
            img = next(el.iter("img"), None)
            elements = [c for c in _CAPTION_CANDIDATES(el) if _is_caption(c)]
            elements = [c for c in elements if not any(a in elements for a in c.iterancestors())]
        else:
            url, img = image_url(el, base_url), el
            if url and is_decorative(el, url):
                continue
            elements = caption_elements(el)
        if not url or url in seen:
            continue
        seen.add(url)
        alt = normalize_space(img.get("alt")) if img is not None else ""
        found.append(_found(el, url, elements, alt or None))
    return found

