"""'Not acceptable' advises against only as what the statement says of its subject: in a
condition ("when the pain … is unacceptable") it names when the advice applies, and the
advice itself ("should be considered") is for."""

from __future__ import annotations

import pytest

from domain.direction import text_direction
from domain.formats import DocumentFormat
from domain.model import Direction
from domain.parsing import parse_text

CONDITION = ("Operative intervention should be considered and a consultation obtained when "
             "improvement of radicular symptoms has plateaued and the residual symptoms of pain "
             "and functional disability are unacceptable at the end of 6 weeks of treatment.")


@pytest.mark.parametrize("sentence", [
    CONDITION,
    "Surgery is indicated if the pain is unacceptable to the patient.",
    "Referral is appropriate for patients whose function remains unacceptable, until it improves.",
])
def test_unacceptable_in_a_condition_is_not_advice_against(sentence: str) -> None:
    assert text_direction(sentence) is None


@pytest.mark.parametrize("sentence", [
    "Opioid use is not acceptable for mild pain.",
    "Passive modalities alone are unacceptable.",
    "In general, passive modalities used alone are unacceptable.",
])
def test_not_acceptable_said_of_the_subject_is_advice_against(sentence: str) -> None:
    assert text_direction(sentence) is Direction.AGAINST


def test_a_parsed_statement_with_an_unacceptable_condition_is_for() -> None:
    doc = f"# Guideline\n\n## Recommendations\n\n### Operative treatment\n\n{CONDITION}\n"
    recs = parse_text(doc, DocumentFormat.MARKDOWN).recommendations
    assert [r.direction for r in recs] == [Direction.FOR]
