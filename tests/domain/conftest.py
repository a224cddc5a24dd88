"""Shared helpers: where the guideline corpus lives, and reading a corpus file."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared/corpus/guidelines"


def corpus_file(name: str) -> bytes:
    """Bytes of one corpus guideline; a missing corpus fails the test (it never skips)."""
    path = CORPUS / name
    if not path.is_file():
        pytest.fail(f"corpus file {name} is missing at {CORPUS}: the suite needs ../shared/corpus")
    return path.read_bytes()


def corpus_names() -> list[str]:
    if not CORPUS.is_dir():
        return []
    return sorted(p.name for p in CORPUS.glob("*.md"))
