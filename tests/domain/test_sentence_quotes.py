"""A quotation that closes after a sentence's full stop belongs to that sentence.

'… beyond those listed as "maximum." Active therapy …' had been cut before the closing
mark, so the statement and the patient's sentence carried an unbalanced quotation mark,
and the next sentence did not start cleanly.
"""

from __future__ import annotations

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline

DOCUMENT = """# Neck injury

## Major Recommendations

### Therapy

On occasion, specific diagnoses and post-surgical conditions may warrant durations of \
treatment beyond those listed as "maximum." Active therapy should be used for workers with \
neck pain.

Tapering should follow the plan called \u201cslow and steady.\u201d Such plans should be \
written down.
""".encode()


def _statements() -> list[tuple[str, str]]:
    guideline = parse_guideline(DOCUMENT, "neck-injury.md")
    pvg = OfflineProvider().generate(guideline)
    return [(r.source_text, r.text) for r in pvg.recommendations]


def test_the_closing_quotation_mark_stays_with_its_sentence() -> None:
    statements = _statements()
    sources = [source for source, _ in statements]
    assert any(s.endswith('listed as "maximum."') for s in sources), sources
    assert "Active therapy should be used for workers with neck pain." in sources
    for source, text in statements:
        assert source.count('"') % 2 == 0, source
        assert text.count('"') % 2 == 0, text
        assert not text.endswith('".'), text  # no second full stop after the quotation


def test_a_curly_closing_quotation_mark_stays_with_its_sentence_too() -> None:
    sources = [source for source, _ in _statements()]
    assert "Tapering should follow the plan called \u201cslow and steady.\u201d" in sources, sources
    assert "Such plans should be written down." in sources, sources


def test_a_credential_abbreviation_does_not_end_the_sentence() -> None:
    """'… credentials, such as L.Ac., R.Ac, or Dipl. Ac.' had been cut after 'Dipl.', so the
    reader got 'or Dipl.' and QC a sentence without a verb."""
    document = (b"# Acupuncture\n\n## Major Recommendations\n\nThose performing acupuncture must "
                b"have the appropriate credentials, such as L.A.c. R.A.c, or Dipl. Ac.\n")
    sources = [r.source_text for r in parse_guideline(document, "acupuncture.md").recommendations]
    assert sources == ["Those performing acupuncture must have the appropriate credentials, "
                       "such as L.A.c. R.A.c, or Dipl. Ac."], sources


def test_examples_of_one_item_are_not_split_into_items_of_their_own() -> None:
    """USPSTF hepatitis C harms: 'a high rate of harms, such as tiredness, headache, …' had
    become a list whose items were 'harms' and 'such as tiredness'."""
    from domain.lists import as_list

    sentence = ("Experts found enough proof that virus-fighting treatment plans are linked to a "
                "high rate of harms, such as tiredness, headache, flu-like symptoms, hematologic "
                "events, and rash.")
    items = as_list(sentence) or []
    assert not any(item.startswith("such as") for item in items), items
    assert items == [] or "harms" not in items, items
