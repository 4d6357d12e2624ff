"""Stage 1, ``clean``: boilerplate out, main text in, for HTML and plain-text payloads alike.

``stage`` is the entry point: it detects the content type (``detect``), admits or refuses the
payload (``guards``), and hands it to the HTML path (``html/``) or the plain-text path
(``text/``, whose ``repair`` mends text broken by scraping).
"""

from tasks.clean.stage import clean

__all__ = ["clean"]
