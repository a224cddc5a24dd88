"""Tests for the unlabelled-advice reader (`_ungraded`) and its use in `parse_text`, on
paths that mutation testing showed no test reached: lists and cases under an "Indications"
heading, notes, the strength NICE-style verbs give only where a guideline has no labels,
Chinese prose in a graded guideline, and the source quote of a statement."""

from __future__ import annotations

import pytest

from domain.model import Strength
from tests.support.parsed import GRADED, TITLE
from tests.support.parsed import recs as _recs
from tests.support.parsed import texts as _texts


def test_every_case_of_a_list_under_an_indications_heading_is_a_statement() -> None:
    """The list opens the region and runs to the end of the document: its first case is the
    first block and its last case the last block, and both are statements of when to use
    the care (cases without a verb are not read as advice otherwise)."""
    doc = TITLE + ("## Indications\n\n- Failure of conservative care for 6 weeks.\n"
                   "- Severe leg pain lasting 3 months.\n")
    assert _texts(doc) == ["Failure of conservative care for 6 weeks.",
                           "Severe leg pain lasting 3 months."]


def test_a_case_with_cases_of_its_own_under_indications_is_one_statement() -> None:
    """"All of the following:" over its cases is one case: its quote runs over them."""
    doc = TITLE + ("## Indications\n\n- All of the following:\n  - Pain for 6 weeks.\n"
                   "  - Failed physical therapy.\n- Severe leg pain lasting 3 months.\n")
    recs = _recs(doc)
    assert [r.text for r in recs] == [
        "All of the following: Pain for 6 weeks. Failed physical therapy.",
        "Severe leg pain lasting 3 months."]
    assert recs[0].source_text == ("All of the following:\n  - Pain for 6 weeks.\n"
                                   "  - Failed physical therapy.")


def test_a_case_alone_under_indications_takes_the_strength_of_its_nice_verb() -> None:
    """In a guideline without labels, "Offer …" says the advice is strong, also for a case
    printed as a paragraph of its own under an "Indications" heading."""
    doc = TITLE + ("## Indications\n\nOffer physiotherapy for six weeks.\n\n"
                   "## Treatment\n\nPatients should walk every day.\n")
    found = {r.text: r for r in _recs(doc)}
    assert found["Offer physiotherapy for six weeks."].strength is Strength.STRONG
    assert found["Offer physiotherapy for six weeks."].scheme == "NICE"


PROSE = ("Patients should walk every day for thirty minutes.\n\n"
         "Patients should avoid bed rest for back pain.\n\n"
         "Clinicians should review the care after four weeks.\n\n")


@pytest.mark.parametrize("doc", [
    # "Recommendation:" paragraphs outnumber the labels three to one: all are read
    GRADED + "".join(f"Recommendation: Offer {what}.\n\n" for what in (
        "physiotherapy to adults with back pain", "advice on staying active at work",
        "heat for acute back pain episodes", "a review after four weeks of care")),
    # unlabelled prose outnumbers the label, and a case stands alone under "Indications"
    GRADED + PROSE + "### Indications\n\nOffer physiotherapy for six weeks.\n",
], ids=["recommendation-paragraphs", "indications-case"])
def test_in_a_graded_guideline_a_nice_verb_says_nothing_of_strength(doc: str) -> None:
    """A guideline that grades its advice gives strength by its labels; "Offer" in its
    unlabelled advice is not a NICE strong recommendation."""
    offers = [r for r in _recs(doc) if r.text.startswith("Offer")]
    assert offers
    assert all(r.strength is Strength.UNGRADED and r.scheme == "ungraded" for r in offers)


def test_a_note_paragraph_gives_no_statement_even_when_it_advises() -> None:
    """A note comments on the advice above it; its later sentences ("… after it") do not
    stand alone, whether "Note" is printed plain or bold."""
    for note in ("**Note:** Sedation is given for the injection.",
                 "Note: sedation is given for the injection."):
        doc = TITLE + ("## Recommendations\n\nPatients should walk every day.\n\n"
                       f"{note} Patients should not drive for 24 hours after it.\n")
        assert _texts(doc) == ["Patients should walk every day."]


def test_chinese_prose_advice_in_a_graded_chinese_guideline_is_read() -> None:
    """One graded statement among four unlabelled ones: the guideline is read sentence by
    sentence, and a Chinese sentence is advice without the English four-word minimum."""
    doc = ("# 成人高血压管理指南\n\n## 推荐意见\n\n建议所有成人每年至少测量一次血压（1A）。\n\n"
           "成人应当每天步行三十分钟。\n\n成人应当减少食盐的摄入。\n\n成人应当戒烟。\n\n"
           "患者应当定期复查血压。\n")
    texts = _texts(doc)
    assert len(texts) == 5
    assert "成人应当戒烟。" in texts


@pytest.mark.parametrize("doc, quote", [
    (TITLE + "## Recommendations\n\nRecommendation: Offer physiotherapy to adults\n"
             "with back pain.  \n",
     "Offer physiotherapy to adults\nwith back pain."),
    (TITLE + "## Indications\n\nFailure of conservative care\nfor six weeks.  \n",
     "Failure of conservative care\nfor six weeks."),
], ids=["recommendation-paragraph", "indications-case"])
def test_the_source_quote_ends_at_the_last_word_of_a_wrapped_paragraph(doc: str, quote: str
                                                                        ) -> None:
    """The blanks a line ends with (a Markdown line break) are not part of the quote the
    reviewer reads beside the statement."""
    assert [r.source_text for r in _recs(doc)] == [quote]


def test_a_bullet_that_only_names_indications_gives_its_cases_as_statements() -> None:
    """"- Indications" with its cases nested under it says when to use the care, as the
    same word on a line of its own does; the bullet itself advises nothing."""
    doc = TITLE + ("## Surgery\n\n- Surgery should be offered to adults with severe pain.\n"
                   "- Indications\n  - Failure of conservative care for 6 weeks.\n"
                   "  - Severe leg pain lasting 3 months.\n")
    assert _texts(doc) == ["Surgery should be offered to adults with severe pain.",
                           "Failure of conservative care for 6 weeks.",
                           "Severe leg pain lasting 3 months."]
