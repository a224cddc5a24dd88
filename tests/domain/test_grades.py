"""Every grading scheme of patient-versions.md, label by label as guidelines print them."""

from __future__ import annotations

import pytest

from domain.grades import classify_label, looks_like_label
from domain.model import Direction, Strength
from domain.parsing import parse_text

S, M, C, INSUF, CO, U = (Strength.STRONG, Strength.MODERATE, Strength.CONDITIONAL,
                     Strength.INSUFFICIENT, Strength.CONSENSUS, Strength.UNGRADED)
FOR, AGAINST, INS = Direction.FOR, Direction.AGAINST, Direction.INSUFFICIENT


@pytest.mark.parametrize(
    ("label", "strength", "direction"),
    [
        # USPSTF
        ("A recommendation", S, FOR), ("B recommendation", M, FOR),
        ("C recommendation", C, FOR), ("D recommendation", S, AGAINST),
        ("I statement", INSUF, INS), ("Grade B", M, FOR),
        # GRADE, VA/DoD
        ("Strong for", S, FOR), ("Weak for", C, FOR), ("Weak against", C, AGAINST),
        ("Strong Against; Reviewed, New-replaced", S, AGAINST),
        ("Neither for nor against", INSUF, INS), ("Not applicable", INSUF, INS),
        ("N/A", INSUF, INS),
        ("Conditional recommendation for", C, FOR),
        # NHLBI 2014 two-part labels and consensus
        ("Strong Recommendation, High-Quality Evidence", S, None),
        ("Moderate Recommendation, Low-Quality Evidence", M, None),
        ("Weak Recommendation, Moderate-Quality Evidence", C, None),
        ("Consensus–Panel Expertise", CO, None), ("Consensus—Adapted", CO, None),
        ("EO", CO, None), ("Expert opinion", CO, None),
        # CDC-PHS categories and CDC 2016
        ("Category IA", S, None), ("Category ID", S, None), ("Category IIB", C, None),
        ("recommendation category: A, evidence type: 3", S, None),
        ("Recommendation category: B, evidence type: 4", C, None),
        # USPHS/DHHS: the letter is the strength, the numeral the evidence
        ("AI", S, None), ("BII", M, None), ("CIII", C, None),
        ("IA", S, None), ("IIB", M, None), ("IIIA", S, None),
        # AHA/ACC class and level
        ("Class I, Level of Evidence A", S, FOR), ("COR IIa, LOE B-R", M, FOR),
        ("Class IIb; LOE C-LD", C, FOR), ("Class III: Harm", S, AGAINST),
        ("Class III: No Benefit, LOE A", S, AGAINST),
        # Chinese
        ("A级推荐", S, None), ("B级推荐", M, None), ("C级推荐", C, None),
        ("D级推荐", S, AGAINST), ("I级推荐", INSUF, INS), ("1A", S, None), ("2C", C, None),
        ("强推荐", S, None), ("弱推荐，低质量证据", C, None), ("不推荐", U, AGAINST),
        ("证据不足", INSUF, INS), ("推荐强度：A", S, None), ("专家共识", CO, None),
        ("Ⅰ级推荐", S, None),
        # recommended / not recommended (Colorado)
        ("not recommended", U, AGAINST), ("generally not recommended", U, AGAINST),
    ],
)
def test_every_scheme_maps_to_one_strength_level(
    label: str, strength: Strength, direction: Direction | None
) -> None:
    found = classify_label(label)
    assert found is not None, label
    assert (found.strength, found.direction) == (strength, direction)
    assert found.grade == label.strip()


@pytest.mark.parametrize(
    "text", ["see Table 2", "e.g., aspirin", "HIV", "n = 12", "2012", "Note", "MI",
             "vs. graduate-level education", "a", "CVD"])
def test_bracketed_notes_are_not_labels(text: str) -> None:
    assert classify_label(text) is None
    assert not looks_like_label(text)


@pytest.mark.parametrize("text", ["Grade 2+", "Level III-B", "Recommendation grade: X",
                                  "Evidence level 4", "E"])
def test_unknown_labels_look_like_labels(text: str) -> None:
    assert classify_label(text) is None
    assert looks_like_label(text)


def test_a_printed_label_not_understood_is_flagged_not_called_ungraded() -> None:
    g = parse_text("# G\n\n## Recommendations\n\n- Adults should be screened yearly. (Grade 2+)\n")
    [rec] = g.recommendations
    assert rec.label_understood is False and rec.grade == "Grade 2+"
    assert rec.strength is Strength.UNGRADED


def test_one_label_per_population_is_one_statement_with_groups() -> None:
    g = parse_text(
        "# G\n\n## Recommendations\n\n1. Screen for anemia at every visit in children "
        "(Strong Recommendation, Moderate-Quality Evidence) and in adults (Consensus–Panel "
        "Expertise).\n"
    )
    [rec] = g.recommendations
    assert [(x.strength, x.grade) for x in rec.groups] == [
        (S, "Strong Recommendation, Moderate-Quality Evidence"),
        (CO, "Consensus–Panel Expertise"),
    ]
    assert "in adults" in rec.text and rec.strength is S


def test_labels_without_bold_close_statements_like_bold_ones() -> None:
    bold = parse_text("# G\n\n## Recommendations\n\nThe panel recommends X for adults. "
                      "(**Strong for**)\n\nAvoid Y in children. (**Weak against**)\n")
    plain = parse_text("# G\n\n## Recommendations\n\nThe panel recommends X for adults. "
                       "(Strong for)\n\nAvoid Y in children. (Weak against)\n")
    assert [(r.text, r.strength, r.direction) for r in bold.recommendations] == [
        (r.text, r.strength, r.direction) for r in plain.recommendations]
    assert [r.direction for r in plain.recommendations] == [FOR, AGAINST]
