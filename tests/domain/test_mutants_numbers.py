"""The numbers of a statement, as generation and QC compare them (domain/numbers.py).

Pinned where mutation testing (``make mutation``) found them unguarded: a number counted
once when it is said twice, a comparator or percent sign dropped, a name read as a number
or a reference read as advice all let a changed number through (bench/mutation/).
"""

from __future__ import annotations

import pytest

from domain.numbers import clinical_numbers, missing_numbers, strip_references


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("ages 1,2 and 3", ["1", "2", "3"]),  # a list, not a decimal comma
        ("1,5,", ["1", "5"]),
        ("1,000,000 people", ["1000000"]),  # thousands separators go
        ("≥ 160 mmHg", ["≥160"]),  # a comparator belongs to its number
        ("< 150", ["<150"]),
        ("90 %", ["90%"]),
        ("10\u00a0% of adults", ["10%"]),
        ("2.5 mg", ["2.5"]),
        ("１２ months", ["12"]),  # full-width digits are digits
        ("HIV\u22121 and PHQ\u22129", []),  # a Unicode minus still glues a name to its digit
        ("HbA1c below 7%", ["7%"]),
        ("Thirty or Forty", ["30", "40"]),  # spelled out is the same value as digits
        ("twice a day, half a dose", ["twice", "half"]),
        ("Do X (see Table 2 [3]) at 50", ["50"]),  # references are not advice
    ],
)
def test_clinical_numbers(text: str, numbers: list[str]) -> None:
    assert clinical_numbers(text) == numbers


def test_nested_references_are_stripped_from_the_inside_out() -> None:
    assert strip_references("Do X (see Table 2 [3]) now") == "Do X now"
    assert strip_references("Do X (see Table 2) and (Figure 3) now [12]") == "Do X and now"
    assert strip_references("Give 5 mg (adapted from Smith) daily") == "Give 5 mg daily"


@pytest.mark.parametrize(
    ("source", "target", "missing"),
    [
        ("2 or 2", "2", ["2"]),  # each occurrence counts
        ("3, 3 and 3", "3 and 3", ["3"]),
        ("2", "2 or 2", []),
        ("5 and 6", "6 and 5", []),  # order does not matter
        ("twenty", "20", []),
        ("Thirty", "30", []),
        ("2,000 mg", "2000 mg", []),
        ("at 50 or 60", "at 50", ["60"]),
        ("at 50 or 60", "at 60", ["50"]),
    ],
)
def test_missing_numbers_is_a_multiset_difference(
    source: str, target: str, missing: list[str]
) -> None:
    assert missing_numbers(source, target) == missing


def test_a_number_after_a_unicode_minus_is_kept() -> None:
    """'−5 points' (U+2212) is read like '-5': the 5 is a number, not part of a name."""
    assert clinical_numbers("a change of \u22125 points") == ["5"]
