"""QC's own reading of numbers and negation (domain/fidelity.py), pinned where mutation
testing (``make mutation``) found it unguarded (bench/mutation/)."""

from __future__ import annotations

import pytest

from domain.fidelity import added_numbers, lost_numbers, says_no


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("Do not take aspirin.", True),
        ("Avoiding salt helps.", True),
        ("Get the test without delay.", True),
        ("不建议服用阿司匹林。", True),
        ("Take aspirin every day.", False),
        ("Nothing here is notable.", False),  # "not" inside a word is no negation
    ],
)
def test_says_no_finds_words_of_negation(text: str, negated: bool) -> None:
    assert says_no(text) is negated


@pytest.mark.parametrize(
    ("source", "text", "lost"),
    [
        ("below <150 mmHg", "below >150 mmHg", ["<150"]),  # the comparator turned round
        ("≤ 3 doses", "≥ 3 doses", ["≤3"]),
        ("≥ 160", "≤ 160", ["≥160"]),
        ("≥50 years", "50 years or older", []),  # said in words, the value stays
        ("<5", "<5 and >5", []),  # the original comparator is still there
        ("2 or 2", "2", ["2"]),  # each occurrence counts
        ("twice a year", "2 times", []),  # spelled out is the same value
        ("half a dose", "0.5", []),
        ("1,000 mg", "1000 mg", []),
        ("90 %", "90%", []),
        ("5 mg (see Table 2)", "", ["5"]),  # the table number is a reference, not a value
    ],
)
def test_lost_numbers(source: str, text: str, lost: list[str]) -> None:
    assert lost_numbers(source, text) == lost


@pytest.mark.parametrize(
    ("source", "text", "added"),
    [
        ("every 2 years", "every 2 or 3 years", ["3"]),
        ("≥50", "50 or more", []),
        ("two", "2", []),
        ("", "HbA1c 7%", ["7%"]),  # a name's digit is not a number, the 7% is
        ("x", "step 1\u22122", ["1"]),  # a Unicode minus joins a range like a hyphen
    ],
)
def test_added_numbers(source: str, text: str, added: list[str]) -> None:
    assert added_numbers(source, text) == added


def test_fidelity_counts_each_value_and_reads_past_citations() -> None:
    """A citation glued to a number leaves the number; spelled and comparator forms are
    counted once each; '>' turned into '<' is a change."""
    assert added_numbers("Screen at 50[3] years.", "Screen at 50 years.") == []
    assert lost_numbers("two doses and two shots", "2 doses") == ["2"]
    assert lost_numbers("<5 or 5", "5") == ["5"]
    assert lost_numbers("above >150", "above <150") == [">150"]
