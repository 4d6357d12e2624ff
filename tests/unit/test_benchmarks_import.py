"""Benchmarks are run on demand, not by the suite: at least check that each one still imports
against today's tree (a moved module would otherwise break them silently)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.paths import ROOT

BENCHMARKS = sorted((ROOT / "benchmarks").glob("*.py"))


@pytest.mark.parametrize("path", [p for p in BENCHMARKS if p.name != "__init__.py"], ids=lambda p: p.stem)
def test_benchmark_module_imports(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Importing the benchmark (its ``main`` is not run) raises nothing."""
    name = f"benchmarks_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)  # dataclasses look their module up there
    spec.loader.exec_module(module)
    assert callable(getattr(module, "main", None))
