"""The HTML path of the clean stage: parsing, pruning, extraction, figures, embeds."""
