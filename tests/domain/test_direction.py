"""Direction comes from the recommended action, one test per pattern (patient-versions.md)."""

from __future__ import annotations

import pytest

from domain.direction import statement_direction, text_direction
from domain.model import Direction, Strength
from domain.parsing import parse_text

FOR, AGAINST, INS = None, Direction.AGAINST, Direction.INSUFFICIENT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # advice not to
        ("The USPSTF recommends against screening for COPD.", AGAINST),
        ("Clinicians should not prescribe opioids for acute pain.", AGAINST),
        ("In adults with SCD, do not use meperidine.", AGAINST),
        ("Avoid NSAIDs in patients with kidney disease.", AGAINST),
        ("Benzodiazepines should be avoided in older adults.", AGAINST),
        ("Routine ECG screening is not recommended in children.", AGAINST),
        ("Testing the source patient is unnecessary.", AGAINST),
        ("No postexposure management is necessary.", AGAINST),
        ("Immunocompetent persons do not need further testing.", AGAINST),
        ("Use usually cannot be recommended.", AGAINST),
        # stopping is the advised action
        ("In pregnancy, discontinue warfarin.", FOR),
        ("Stop aspirin 7 days before surgery.", FOR),
        ("Taper opioids when risks exceed benefits.", FOR),
        ("Consider withholding penicillin prophylaxis.", FOR),
        # a negated delay or stop still advises the action
        ("Initiation of antiretroviral therapy should not be delayed.", FOR),
        ("Do not delay treatment with parenteral opioids.", FOR),
        ("Do not withhold vaccination from pregnant women.", FOR),
        ("Give oxygen without delay.", FOR),
        # negations inside conditions do not count
        ("Women who do not have symptoms should be screened.", FOR),
        ("If the patient is not immune, give the vaccine.", FOR),
        ("Give fluids to avoid dehydration.", FOR),
        ("Use X, and do not re-administer it with each dose.", FOR),
        # insufficient evidence wins, whatever verbs follow
        ("The evidence is insufficient to recommend for or against it.", INS),
        ("There is inconclusive evidence for the use of X.", INS),
        ("No recommendation can be made for or against X.", INS),
        ("The panel recommends neither for nor against X.", INS),
        ("Evidence is insufficient; however, clinicians should not stop X.", INS),
        # a choice between options left open is not insufficiency of the action
        ("Tools may be used, although there is insufficient evidence to recommend one tool "
         "over another.", FOR),
        # a concession qualifies the advice without deciding its direction
        ("Despite insufficient evidence of benefit, hospitalization is indicated in X.", FOR),
        ("Monitoring is recommended, although combination products are not recommended.", FOR),
        ("Although X is effective, it is not recommended for children.", AGAINST),
        ("Devices are rarely necessary for these patients.", AGAINST),
        # Chinese
        ("不推荐常规使用某种药物。", AGAINST),
        ("证据不足，无法推荐。", INS),
        ("成人应当每年测量一次血压。", FOR),
    ],
)
def test_direction_follows_the_action(text: str, expected: Direction | None) -> None:
    assert text_direction(text) is expected


def test_the_first_sentence_that_advises_decides() -> None:
    text = ("Give simple blood transfusion to people with ACS. If hemoglobin is 9 g/dL or "
            "higher, transfusion may not be required.")
    assert text_direction(text) is AGAINST  # the words alone
    assert statement_direction(text) is None  # the statement: advice for


@pytest.mark.parametrize(
    ("statement", "label", "direction", "strength"),
    [
        ("Initiation should not be delayed in adults with HIV.", "Strong for",
         Direction.FOR, Strength.STRONG),
        ("There is inconclusive evidence for the use of X.", "Not Applicable",
         Direction.INSUFFICIENT, Strength.INSUFFICIENT),
        ("In pregnancy, discontinue X.", "Strong Recommendation, Low-Quality Evidence",
         Direction.FOR, Strength.STRONG),
        ("The evidence is insufficient to recommend for or against X.",
         "Moderate Recommendation, Low-Quality Evidence", Direction.INSUFFICIENT,
         Strength.INSUFFICIENT),
    ],
)
def test_label_and_action_together(statement: str, label: str, direction: Direction,
                                   strength: Strength) -> None:
    g = parse_text(f"# G\n\n## Recommendations\n\n1. {statement} ({label})\n")
    [rec] = g.recommendations
    assert (rec.direction, rec.strength) == (direction, strength)
