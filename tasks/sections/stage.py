"""Stage 2, ``split_sections``: the cleaned blocks grouped into sections under their headings."""

from __future__ import annotations

from tasks.common.blocks import render_text
from tasks.models import (
    BodyBlock,
    CleanedArticle,
    EmbeddedMedia,
    Figure,
    FigureRef,
    Heading,
    Image,
    Media,
    Section,
    SectionBlock,
    SectionedArticle,
)


class _SectionBuilder:
    """Accumulates blocks into sections, figures into images and embeds into media."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self.images: list[Image] = []
        self.media: list[EmbeddedMedia] = []
        self._heading: Heading | None = None
        self._blocks: list[SectionBlock] = []

    def add(self, block: BodyBlock) -> None:
        if isinstance(block, Heading):
            self._close()
            self._heading = block
        elif isinstance(block, Figure):
            self._add_figure(block)
        elif isinstance(block, Media):
            fields = block.model_dump(exclude={"kind"})
            self.media.append(EmbeddedMedia(**fields, section=len(self.sections)))
        else:
            self._blocks.append(block)

    def _add_figure(self, figure: Figure) -> None:
        image = Image(**figure.model_dump(exclude={"kind"}), section=len(self.sections))
        self._blocks.append(FigureRef(text=figure.caption or "", image=len(self.images)))
        self.images.append(image)

    def _close(self) -> None:
        heading = self._heading
        if heading is None and not self._blocks:
            return
        self.sections.append(
            Section(
                heading=heading.text if heading else None,
                level=heading.level if heading else 0,
                blocks=self._blocks,
            )
        )
        self._heading, self._blocks = None, []

    def finish(self) -> list[Section]:
        self._close()
        return self.sections


def split_sections(article: CleanedArticle) -> SectionedArticle:
    """Group the cleaned article's blocks into sections; collect its images and media."""
    builder = _SectionBuilder()
    for block in article.blocks:
        builder.add(block)
    sections = builder.finish()
    return SectionedArticle(
        id=article.id,
        source=article.source,
        raw=article.raw,
        text=render_text(article.blocks),
        sections=sections,
        images=builder.images,
        media=builder.media,
        lines=article.lines,
        signals=article.signals,
        timings_ms=article.timings_ms,
        page_type=article.page_type,
        extraction_confidence=article.extraction_confidence,
    )
