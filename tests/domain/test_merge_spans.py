"""Statements found by two readings of a guideline are merged by place in the text.

The merge keeps its places sorted so that a long upload (thousands of statements) is not
compared statement by statement with everything found so far; it must still drop exactly
the statements an all-pairs comparison drops.
"""

from __future__ import annotations

import random

from domain.model import Recommendation
from domain.parsing import _merge


def _rec(location: int, length: int) -> Recommendation:
    return Recommendation(id=f"r{location}-{length}", text="x" * length,
                          source_text="x" * length, location=location)


def _all_pairs(first: list[Recommendation], second: list[Recommendation]) -> list[str]:
    out = list(first)
    for rec in second:
        end = rec.location + len(rec.source_text)
        if not any(o.location < end and rec.location < o.location + len(o.source_text)
                   for o in out):
            out.append(rec)
    return [r.id for r in out]


def test_the_merge_drops_exactly_the_statements_that_share_a_place() -> None:
    rng = random.Random(12)
    for _ in range(300):
        first = [_rec(rng.randrange(0, 400), rng.randrange(0, 60)) for _ in range(rng.randrange(8))]
        second = [_rec(rng.randrange(0, 400), rng.randrange(0, 60))
                  for _ in range(rng.randrange(12))]
        assert [r.id for r in _merge(first, second)] == _all_pairs(first, second)


def test_a_statement_inside_a_long_one_found_earlier_is_dropped() -> None:
    long_one, short_inside, after = _rec(0, 500), _rec(450, 10), _rec(500, 10)
    merged = _merge([long_one], [short_inside, after])
    assert [r.id for r in merged] == [long_one.id, after.id]
