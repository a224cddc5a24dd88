"""Defects a reader finds on whole patient pages: a heading that widens its advice, a
timeline table that says one row twice, words left without a meaning, fragments and lines
said of "health workers" to a reader who is one. Each rule is general; the sentences are the
ones that showed the class."""

from __future__ import annotations

from domain.layout import block_title
from domain.model import Direction
from domain.page_plan import merged_rows


def test_age_and_over_leads_the_heading_like_age_and_older() -> None:
    """"This is for people 60 years and over" is an age group: the heading says it, as it
    does for "30 years and older", or it would widen the advice to every age."""
    title = block_title("Experts advise treating to a top blood pressure number goal of less "
                        "than 150 mmHg. This is for people 60 years and over.", Direction.FOR)
    assert title is not None and title.startswith("Age 60 or older:"), title


def test_same_row_at_same_time_is_one_row_even_with_rows_between() -> None:
    """Two pieces of advice that give the same row ("As soon as possible | Testing the
    source person …") with another row between them are one row listing both numbers."""
    rows = [("As soon as possible", "", "Testing the source person for hepatitis B", "4"),
            ("As soon as possible", "", "Giving the first dose", "5"),
            ("As soon as possible", "", "Testing the source person for hepatitis B", "7"),
            ("Later", "", "Testing the source person for hepatitis B", "9")]
    out = merged_rows(rows)
    assert [r[2:] for r in out] == [("Testing the source person for hepatitis B", "4, 7"),
                                    ("Giving the first dose", "5"),
                                    ("Testing the source person for hepatitis B", "9")], out
