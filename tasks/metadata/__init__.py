"""Stage 3, ``extract_metadata`` (``stage``), and its parts: one module per kind of evidence or field.

``html_signals`` reads what a page declares (the clean stage's ``PageSignals``, with the tree
readings it did for the fallbacks; JSON-LD through ``tasks.common.jsonld``), ``titles``,
``authors``, ``dates``, ``sites`` and ``language`` choose and clean one field each, ``html_meta`` and ``text_meta`` put
them together for HTML pages and plain-text payloads, and ``quotes`` and ``entities`` read the
body. Everything here is pure: strings and trees in, values out.
"""

from tasks.metadata.stage import extract_metadata

__all__ = ["extract_metadata"]
