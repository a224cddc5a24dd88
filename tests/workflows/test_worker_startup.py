"""What the worker does once at start so that every workflow run is cheaper."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import workflows
from worker import precompile_workflow_modules


def test_workflow_modules_get_bytecode_even_when_python_writes_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Where bytecode goes is redirected, so the test neither needs nor touches the tree's.
    monkeypatch.setattr("sys.pycache_prefix", str(tmp_path))
    monkeypatch.setattr("sys.dont_write_bytecode", True)
    sources = sorted(Path(workflows.__file__).parent.glob("*.py"))
    precompile_workflow_modules()
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        assert cached.is_relative_to(tmp_path) and cached.exists(), source.name
