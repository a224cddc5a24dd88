"""A reviewer's correction replaces the advice on the page, however the page lays it out.

A page prints a group's advice as a lead-in, its items and a condition with blank lines
between them; the stored advice has single line breaks. The correction must still replace
the printed advice, or the reader sees the old wording while the JSON says the new.
"""

from __future__ import annotations

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.review import apply_corrections
from tests.domain.conftest import corpus_file

NAME = "uspstf_abdominal-aortic-aneurysm-screening_2014.md"


def test_a_correction_replaces_the_advice_as_the_page_prints_it() -> None:
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(NAME), NAME))
    first = next(r for r in pvg.recommendations if "\n" in r.text)
    corrected = "Men aged 65 to 75 who have ever smoked: ask about a one-time ultrasound."
    fixed = apply_corrections(pvg, {first.id: corrected})
    page = "\n".join(s.body for s in fixed.sections)
    assert corrected in page
    assert first.text.split("\n")[0] not in page  # the old wording is gone from the page
    assert next(r for r in fixed.recommendations if r.id == first.id).text == corrected


def test_an_empty_or_unknown_correction_changes_nothing() -> None:
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(NAME), NAME))
    assert apply_corrections(pvg, {"no-such-id": "x", pvg.recommendations[0].id: "  "}) == pvg
