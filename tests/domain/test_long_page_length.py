"""A long page keeps the reader's part (title to the disclaimer) to what a reader needs:
what is said the same way for every item is said once."""

from __future__ import annotations

import re

import pytest

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
GRADED = "uspstf_breast-cancer-screening_2016.md"


def _page(name: str) -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))


@pytest.fixture(scope="module")
def crps() -> str:
    return _page(CRPS)


def _reader(page: str) -> str:
    return page.split("\n## Disclaimer")[0]


def test_ungraded_page_says_once_that_advice_is_not_graded(crps: str) -> None:
    reader = _reader(crps)
    strength = re.findall(r"\*\*How strong:\*\* (.+)", reader)
    assert len(strength) >= 10
    assert set(strength) <= {"✔ Advice for.", "✖ Advice against."}
    assert reader.count("not grade") == 1  # in the legend, before the first block
    assert reader.index("not grade") < reader.index("#### 1.")


def test_graded_page_keeps_its_full_strength_lines() -> None:
    reader = _reader(_page(GRADED))
    strength = re.findall(r"\*\*How strong:\*\* (.+)", reader)
    assert strength and all(len(s.split()) > 3 for s in strength)
    assert "not grade" not in reader
