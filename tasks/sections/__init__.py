"""Stage 2, ``split_sections``: the cleaned blocks grouped under their headings, with figures
and media placed where they stand in the article."""

from tasks.sections.stage import split_sections

__all__ = ["split_sections"]
