"""An article result as Markdown: title, dek, byline, sections, figures with their captions."""

from __future__ import annotations

from tasks.models import ArticleResult, FigureRef, Image, ListBlock, Paragraph, Quote, Section, SectionBlock, Table

# Characters that would start Markdown syntax at the beginning of a paragraph line.
_LINE_STARTS = ("#", ">", "-", "+", "*", "|", "=")


def render_markdown(result: ArticleResult) -> str:
    """The article as a Markdown document (a failed one: its title line and the error)."""
    meta = result.metadata
    parts = [f"# {_inline(meta.title or result.id)}"]
    if meta.subtitle:
        parts.append(f"*{_inline(meta.subtitle)}*")
    byline = _byline(result)
    if byline:
        parts.append(byline)
    if result.error is not None:
        parts.append(f"**Failed** in `{result.error.stage}`: {_inline(result.error.message)}")
    for section in result.sections:
        parts.extend(_section(section, meta.images))
    return "\n\n".join(parts) + "\n"


def _byline(result: ArticleResult) -> str:
    meta = result.metadata
    who = f"By {', '.join(meta.authors)}" if meta.authors else ""
    pieces = [p for p in (who, meta.published_at, meta.site_name) if p]
    return " · ".join(_inline(p) for p in pieces)


def _section(section: Section, images: list[Image]) -> list[str]:
    parts = []
    if section.heading:
        parts.append(f"{'#' * min(max(section.level, 2), 6)} {_inline(section.heading)}")
    parts.extend(_block(block, images) for block in section.blocks)
    return [p for p in parts if p]


def _block(block: SectionBlock, images: list[Image]) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block.text)
    if isinstance(block, Quote):
        return "\n".join(f"> {_inline(line)}" for line in block.text.splitlines() if line.strip())
    if isinstance(block, ListBlock):
        return "\n".join(
            f"{f'{n}.' if block.ordered else '-'} {_inline(item)}" for n, item in enumerate(block.items, 1)
        )
    if isinstance(block, Table):
        return _table(block.rows)
    if isinstance(block, FigureRef) and block.image < len(images):
        return _figure(images[block.image])
    return ""


def _paragraph(text: str) -> str:
    lines = [_inline(line) for line in text.splitlines()]
    return "  \n".join("\\" + line if line.startswith(_LINE_STARTS) else line for line in lines)


def _table(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    cells = [[_inline(c).replace("|", "\\|") for c in row] + [""] * (width - len(row)) for row in rows]
    header, body = cells[0], cells[1:]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def _figure(image: Image) -> str:
    alt = _inline(image.alt or image.caption or "")
    lines = [f"![{alt}]({image.url})" if image.url else ""]
    caption = " — ".join(_inline(p) for p in (image.caption, image.credit) if p)
    if caption:
        lines.append(f"*{caption}*")
    return "\n".join(line for line in lines if line)


def _inline(text: str) -> str:
    """One line of text with the characters Markdown would read as emphasis or links escaped."""
    for char in ("\\", "*", "_", "[", "]", "`"):
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())
