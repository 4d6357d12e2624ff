"""Named features of the learned parts of ``clean``: one function per family, the same code for
training (``benchmarks/train_content.py``) and serving, so the two cannot drift.

- ``segment``: a page's DOM cut into text blocks (the units the block model labels);
- ``blocks``: the block matrix (``BLOCK_FEATURES`` names its columns);
- ``page``: the page matrix row (``PAGE_FEATURES``) for the page-type classifier (the block
  model reads it too);
- ``page_kind``: the row only the page-type classifier reads (``PAGE_KIND_FEATURES``);
- ``census``: one walk over the page's elements counting tags and class/id values, read by
  ``page`` and ``page_kind``.
"""
