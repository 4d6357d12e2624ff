"""An article result rendered as Markdown, block by block."""

from __future__ import annotations

from tasks.models import (
    ArticleResult,
    ErrorInfo,
    FigureRef,
    Image,
    JobStatus,
    ListBlock,
    Metadata,
    Paragraph,
    Quote,
    Section,
    Table,
)
from worker.markdown import render_markdown


def test_every_part_of_an_article_is_rendered() -> None:
    """Title, dek, byline, headings, paragraphs, quotes, lists, tables and figures with captions."""
    image = Image(url="https://example.com/bridge.jpg", alt="The bridge", caption="The bridge at dawn",
                  credit="Photo: A. Smith", section=1)
    result = ArticleResult(
        id="a", status=JobStatus.DONE,
        metadata=Metadata(title="Bridge reopens", subtitle="Six months late", authors=["Ana Ruiz", "Bo Li"],
                          published_at="2026-03-02", images=[image]),
        sections=[
            Section(blocks=[Paragraph(text="The bridge reopened on *Monday*.")]),
            Section(heading="What changed", level=2, blocks=[
                FigureRef(image=0),
                Quote(text="It is safer now."),
                ListBlock(text="new deck\nnew lights", items=["new deck", "new lights"], ordered=True),
                Table(text="year\tcars\n2025\t100", rows=[["year", "cars"], ["2025", "100"]]),
                Paragraph(text="# not a heading"),
            ]),
        ],
    )
    assert render_markdown(result) == (
        "# Bridge reopens\n\n"
        "*Six months late*\n\n"
        "By Ana Ruiz, Bo Li · 2026-03-02\n\n"
        "The bridge reopened on \\*Monday\\*.\n\n"
        "## What changed\n\n"
        "![The bridge](https://example.com/bridge.jpg)\n*The bridge at dawn — Photo: A. Smith*\n\n"
        "> It is safer now.\n\n"
        "1. new deck\n2. new lights\n\n"
        "| year | cars |\n| --- | --- |\n| 2025 | 100 |\n\n"
        "\\# not a heading\n"
    )


def test_a_failed_article_shows_its_error() -> None:
    """Without a title, the id heads the document; the error follows."""
    result = ArticleResult(id="x1", status=JobStatus.FAILED,
                           error=ErrorInfo(stage="clean", type="StageRejected", message="clean: content is empty"))
    assert render_markdown(result) == "# x1\n\n**Failed** in `clean`: clean: content is empty\n"
