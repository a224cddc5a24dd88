"""Tests for parser paths that mutation testing showed no test reached: the strength a
NICE-style verb gives an entry listed under "Indications", and the reason a document with
no recommendation fails with (the reason the API and the workflow report to the user)."""

from __future__ import annotations

import pytest

from domain.errors import NoRecommendations
from domain.model import Strength
from domain.parsing import parse_text

RECS = "# Guideline\n\n## Major Recommendations\n\n"
ENTRIES = ("- Offer surgery after 6 weeks of failed care.\n"
           "- Consider injections when pain lasts.\n")


def _strengths(text: str) -> dict[str, Strength]:
    return {r.text: r.strength for r in parse_text(text).recommendations}


@pytest.mark.parametrize("indications", [
    "### Indications\n\n",                                  # a heading over the list
    "Exercise should be used.\n\n**Indications**:\n\n",     # a line over the list
])
def test_a_nice_verb_under_indications_says_how_strong(indications: str) -> None:
    found = _strengths(RECS + indications + ENTRIES)
    assert found["Offer surgery after 6 weeks of failed care."] is Strength.STRONG
    assert found["Consider injections when pain lasts."] is Strength.CONDITIONAL


def test_a_document_without_recommendations_says_so() -> None:
    with pytest.raises(NoRecommendations) as raised:
        parse_text("# Guideline\n\nThis is a report of what was studied.\n")
    assert str(raised.value) == "no recommendation statements were found in the document"
