"""Helpers that more than one stage uses: how blocks render to ``text``, and caption credits."""
