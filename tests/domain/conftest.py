"""Shared helpers: where the guideline corpus lives, and reading a corpus file."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared/corpus/guidelines"


def corpus_file(name: str) -> bytes:
    """Bytes of one corpus guideline; skips the test when the corpus is not available."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {name} not available at {CORPUS}")
    return path.read_bytes()


def corpus_names() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.glob("*.md"))
