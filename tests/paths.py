"""Where the tests find their files: the repo, its own test data, and ../shared when present."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Our own fixtures, written for the tests (never copied from ../shared).
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "worker" / "samples"
# The shared corpus and seed beside the repo; COPYDESK_SHARED_DIR points elsewhere.
SHARED = Path(os.environ.get("COPYDESK_SHARED_DIR") or ROOT.parent / "shared")
