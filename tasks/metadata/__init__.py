"""Stage 3, ``extract_metadata`` (``stage``), and its parts: one module per kind of evidence or field.

``html_signals`` reads what a page declares (the clean stage's ``PageSignals``, with the tree
readings it did for the fallbacks; JSON-LD through ``tasks.common.jsonld``), ``titles``,
``authors``, ``dates``, ``sites`` and ``language`` choose and clean one field each, ``html_meta`` and ``text_meta`` put
them together for HTML pages and plain-text payloads, and ``quotes`` and ``entities`` read the
body. ``read_fallbacks`` is what the clean stage reads of the page's tree for this stage (the
registry, ``tasks/stages.py``, hands it to that stage: no stage imports another). Everything here
is pure: strings and trees in, values out.
"""

from tasks.metadata.html_meta import read_fallbacks
from tasks.metadata.stage import extract_metadata

__all__ = ["extract_metadata", "read_fallbacks"]
