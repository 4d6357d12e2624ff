"""Article images and their captions, found in the page's DOM."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from lxml.etree import XPath
from lxml.html import HtmlElement

from tasks import patterns
from tasks.captions import split_credit
from tasks.html.dom import attr_tokens, normalize_space
from tasks.models import Figure

# How many ancestors above an <img> may hold its caption: <figure><div><picture><img> plus
# one wrapper. Deeper, the "caption" found is usually another image's.
CAPTION_SEARCH_DEPTH = 4
# An ancestor with more text than this is a whole article, not a figure wrapper; a long
# caption is ~500 characters, so 1,000 leaves room for caption + credit + alt text.
MAX_FIGURE_WRAPPER_CHARS = 1000


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
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return urljoin(base_url or "", value)
    for attr in ("data-srcset", "srcset"):
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return urljoin(base_url or "", value.split(",")[0].split()[0])
    return None


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
    path = url.split("?")[0].split("//", 1)[-1].partition("/")[2]
    hints = f"{path} {img.get('class', '')} {img.get('id', '')}"
    return bool(patterns.DECORATIVE_IMAGE.search(hints)) or url.lower().split("?")[0].endswith(".svg")


def _is_caption(el: HtmlElement) -> bool:
    return el.tag in patterns.CAPTION_TAGS or bool(attr_tokens(el) & patterns.CAPTION_TOKENS)


def caption_elements(img: HtmlElement) -> list[HtmlElement]:
    """The caption (and credit) elements of the figure wrapping the image, outermost first."""
    node = img
    for _ in range(CAPTION_SEARCH_DEPTH):
        node = node.getparent()
        if node is None or node.tag in ("body", "html", "article", "main"):
            return []
        found = [el for el in _CAPTION_CANDIDATES(node) if _is_caption(el)]
        outer = [el for el in found if not any(a in found for a in el.iterancestors())]
        if outer:
            return outer
        if node.tag == "figure" or len(node.text_content()) > MAX_FIGURE_WRAPPER_CHARS:
            return []
    return []


def caption_and_credit(elements: list[HtmlElement]) -> tuple[str | None, str | None]:
    """Caption text and credit: a credit element if the page marks one, else split from the text."""
    credit_parts: list[str] = []
    caption_parts: list[str] = []
    for el in elements:
        credits = [c for c in el.iter() if isinstance(c.tag, str) and attr_tokens(c) & patterns.CREDIT_TOKENS]
        text = normalize_space(el.text_content())
        for credit in credits:
            credit_text = normalize_space(credit.text_content())
            if credit_text and credit_text != text:
                credit_parts.append(credit_text)
                text = normalize_space(text.replace(credit_text, " "))
            elif credit_text and credit is el:
                credit_parts.append(credit_text)
                text = ""
        if text:
            caption_parts.append(text)
    caption = " ".join(caption_parts) or None
    if caption and not credit_parts:
        caption, credit = split_credit(caption)
        return caption or None, credit
    return caption, " ".join(credit_parts) or None


def find_images(root: HtmlElement, base_url: str | None) -> list[FoundImage]:
    """Every non-decorative image of the (pruned) page, with caption, credit and alt."""
    found: list[FoundImage] = []
    seen: set[str] = set()
    for img in root.iter("img"):
        url = image_url(img, base_url)
        if not url or url in seen or is_decorative(img, url):
            continue
        seen.add(url)
        elements = caption_elements(img)
        caption, credit = caption_and_credit(elements)
        alt = normalize_space(img.get("alt")) or None
        found.append(FoundImage(img, Figure(url=url, alt=alt, caption=caption, credit=credit), elements))
    return found
