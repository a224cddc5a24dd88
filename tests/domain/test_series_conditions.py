"""A group whose condition holds a series ("family members with breast, ovarian, tubal, or
peritoneal cancer") is one group: its commas do not end it. Cutting at the first comma had
the USPSTF BRCA page say "If you have family members with breast:" and "your care team
should screen you, ovarian, tubal, or peritoneal cancer"."""

from __future__ import annotations

import pytest

from domain.layout import pointer
from domain.plain import Rewriter
from domain.voice import in_a_series

BRCA = ("The USPSTF recommends that primary care providers screen women who have family "
        "members with breast, ovarian, tubal, or peritoneal cancer with 1 of several screening "
        "tools designed to identify a family history that may be associated with an increased "
        "risk for potentially harmful mutations in breast cancer susceptibility genes (BRCA1 or "
        "BRCA2).")


def test_the_whole_series_is_the_readers_condition() -> None:
    said = Rewriter().simplify(BRCA)
    assert said.startswith("If you are a woman who has family members with breast, ovarian, "
                           "tubal, or peritoneal cancer, your care team should screen you with 1 "
                           "of several screening tools designed to find a family history")
    assert "screen you, ovarian" not in said


def test_what_a_tool_is_designed_to_do_is_not_cut_off_as_an_aim() -> None:
    said = Rewriter().simplify(BRCA)
    assert "tools designed." not in said
    assert "The aim is to" not in said


@pytest.mark.parametrize(("from_comma", "in_series", "expected"), [
    (", ovarian, tubal, or peritoneal cancer with", False, True),
    (", or peritoneal cancer with", True, True),
    (", or peritoneal cancer with", False, False),
    (", beginning by age 10, for sickle cell disease", False, False),
    (", and refer them to a specialist", False, False),
])
def test_a_comma_inside_a_series(from_comma: str, in_series: bool, expected: bool) -> None:
    assert in_a_series(from_comma, in_series) is expected


def test_a_pointer_quotes_the_whole_series() -> None:
    said = pointer({"group"}, 1, groups=(
        "If you have family members with breast, ovarian, tubal, or peritoneal cancer, your "
        "care team should screen you with 1 of several screening tools.",))
    assert said == ("There is more advice if you have family members with breast, ovarian, "
                    "tubal, or peritoneal cancer: see advice 1.")
