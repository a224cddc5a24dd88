"""Access to the shared guideline corpus next to the repository."""

from __future__ import annotations

from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "guidelines"


def corpus_file(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.fail(f"corpus file {name} is missing at {CORPUS}: the suite needs ../shared/corpus")
    return path


SMALL_GUIDELINE = "uspstf_abdominal-aortic-aneurysm-screening_2014.md"
