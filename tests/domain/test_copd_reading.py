"""Found reading the VA/DoD COPD page whole, as a patient would."""

from __future__ import annotations

from domain.plain import Rewriter


def test_what_care_lowers_is_the_list_not_whom_it_is_for() -> None:
    """"… in patients with acute COPD exacerbations to reduce intubation, mortality, and length
    of hospital stay" had become a list of whom it is for: "people with: … death"."""
    said = Rewriter().simplify(
        "The guideline panel recommends the early use of non-invasive ventilation (NIV) in "
        "patients with acute COPD exacerbations to reduce intubation, mortality, and length of "
        "hospital stay.")
    lead, *items = said.split("\n- ")
    assert lead.endswith("in people with acute COPD flare-ups to lower:"), lead
    assert items == ["intubation", "death", "length of hospital stay"], items


def test_a_comparison_is_not_doubled() -> None:
    """"significantly greater" had become "greatly greater"."""
    said = Rewriter().simplify("Patients receiving theophylline had a significantly greater "
                               "risk of nausea than patients receiving placebo.")
    assert "much greater risk" in said and "greatly greater" not in said, said
    assert "greatly increase" in Rewriter().simplify("Risks significantly increase at 50 mg.")
