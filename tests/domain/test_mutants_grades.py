"""Every spelling of every grading scheme, with the scheme it is read as.

tests/domain/test_grades.py checks strength and direction for one label per scheme;
mutation testing (``make mutation``) showed that the other spellings each branch accepts,
and the scheme named on the item, could break unseen. A label read under the wrong scheme
or not at all sends a graded statement to the patient as "not graded" (bench/mutation/).
"""

from __future__ import annotations

import pytest

from domain.grades import classify_label, looks_like_label
from domain.model import Direction, Strength

S, M, C, INSUF, CO, U = (Strength.STRONG, Strength.MODERATE, Strength.CONDITIONAL,
                         Strength.INSUFFICIENT, Strength.CONSENSUS, Strength.UNGRADED)
FOR, AGAINST, INS = Direction.FOR, Direction.AGAINST, Direction.INSUFFICIENT
RNR = "recommended/not recommended"

LABELS = [
    # USPSTF letters, with and without words; a bare letter is the "letter" scheme
    ("A", "letter", S, FOR), ("D", "letter", S, AGAINST), ("**B**", "letter", M, FOR),
    ("C.", "letter", C, FOR),
    ("Grade A", "USPSTF", S, FOR), ("Grade D", "USPSTF", S, AGAINST),
    ("D recommendation", "USPSTF", S, AGAINST), ("A grade", "USPSTF", S, FOR),
    ("I", "USPSTF", INSUF, INS), ("Grade I", "USPSTF", INSUF, INS),
    ("I recommendation", "USPSTF", INSUF, INS), ("i statement", "USPSTF", INSUF, INS),
    # expert opinion and consensus
    ("Expert Opinion", "expert opinion", CO, None), ("Consensus", "expert opinion", CO, None),
    ("Expert consensus", "expert opinion", CO, None),
    ("Good practice point", "expert opinion", CO, None), ("GPP", "expert opinion", CO, None),
    ("Best practice statement", "expert opinion", CO, None),
    ("Ungraded good practice statement", "expert opinion", CO, None),
    ("Consensus - Panel Expertise", "consensus", CO, None),
    ("Consensus panel", "consensus", CO, None),
    # GRADE and VA/DoD
    ("Strong against", "GRADE", S, AGAINST), ("Conditional against", "GRADE", C, AGAINST),
    ("Strong recommendation against", "GRADE", S, AGAINST),
    ("Weak recommendation for", "GRADE", C, FOR),
    ("No recommendation", "GRADE", INSUF, INS),
    ("No recommendation for or against", "GRADE", INSUF, INS),
    ("Insufficient evidence", "GRADE", INSUF, INS), ("Unresolved issue", "GRADE", INSUF, INS),
    ("Category: Unresolved issue", "GRADE", INSUF, INS),
    # NHLBI: strength only, the words decide the direction
    ("Strong recommendation", "GRADE", S, None), ("Moderate recommendation", "GRADE", M, None),
    ("Weak recommendation", "GRADE", C, None), ("Conditional recommendation", "GRADE", C, None),
    ("Strong strength", "GRADE", S, None),
    ("Strong Recommendation, Evidence insufficient", "GRADE", S, None),
    # CDC-PHS and CDC 2016
    ("Category I", "CDC", S, None), ("Category IB", "CDC", S, None),
    ("Category II", "CDC", C, None), ("Category IIA", "CDC", C, None),
    ("Category A", "CDC 2016", S, None), ("Category: B", "CDC 2016", C, None),
    ("Recommendation category: A; evidence type: 2", "CDC 2016", S, None),
    ("recommendation category B, evidence type 4", "CDC 2016", C, None),
    # USPHS/DHHS, either order, with a hyphen or a prefix
    ("A-II", "USPHS/DHHS", S, None), ("II-C", "USPHS/DHHS", C, None),
    ("IIIB", "USPHS/DHHS", M, None), ("Rating: BII", "USPHS/DHHS", M, None),
    ("Strength of recommendation and quality of evidence: AIII", "USPHS/DHHS", S, None),
    # AHA/ACC
    ("Class I", "AHA/ACC", S, FOR), ("Class IIa", "AHA/ACC", M, FOR),
    ("Class IIb", "AHA/ACC", C, FOR), ("Class III", "AHA/ACC", S, AGAINST),
    ("COR I, LOE A", "AHA/ACC", S, FOR), ("Class I; Level of Evidence B", "AHA/ACC", S, FOR),
    ("Class IIa, Level C", "AHA/ACC", M, FOR), ("Class III (Harm)", "AHA/ACC", S, AGAINST),
    ("COR IIb; LOE B-NR", "AHA/ACC", C, FOR), ("IIa", "AHA/ACC", M, FOR),
    ("IIb", "AHA/ACC", C, FOR),
    # recommended / not recommended
    ("Not generally recommended", RNR, U, AGAINST), ("Not routinely recommended", RNR, U, AGAINST),
    ("Recommended against", RNR, U, AGAINST), ("Recommended", RNR, U, FOR),
    # Chinese schemes
    ("A级", "Chinese", S, None), ("A 级推荐", "Chinese", S, None),
    ("推荐等级：B", "Chinese", M, None), ("推荐意见：C级推荐", "Chinese", C, None),
    ("推荐级别: A", "Chinese", S, None), ("B，低质量证据", "Chinese", M, None),
    ("推荐强度：1B", "GRADE", S, None), ("1D", "GRADE", S, None), ("2B", "GRADE", C, None),
    ("I级", "Chinese", INSUF, INS),
    ("Ⅰ类推荐", "Chinese", S, FOR), ("Ⅱa类推荐", "Chinese", M, FOR), ("Ⅱb类", "Chinese", C, FOR),
    ("Ⅲ类推荐", "Chinese", S, AGAINST), ("II类", "Chinese", M, FOR), ("IIa类", "Chinese", M, FOR),
    ("I类推荐", "Chinese", S, FOR), ("III类", "Chinese", S, AGAINST),
    ("Ⅱ级推荐", "Chinese", M, None), ("Ⅲ级推荐", "Chinese", C, None),
    ("II级", "Chinese", M, None), ("III级", "Chinese", C, None),
    ("强烈推荐", "Chinese", S, None), ("强推荐，高质量证据", "Chinese", S, None),
    ("条件推荐", "Chinese", C, None), ("有条件推荐", "Chinese", C, None),
    ("反对", "Chinese", U, AGAINST), ("不推荐，专家共识", "Chinese", U, AGAINST),
    ("专家共识", "Chinese", CO, None),
    # a Chinese label may say "against" beside its strength
    ("专家共识不推荐", "Chinese", CO, AGAINST), ("反对共识", "Chinese", CO, AGAINST),
    ("强推荐反对", "Chinese", S, AGAINST), ("弱推荐反对", "Chinese", C, AGAINST),
]


@pytest.mark.parametrize(("label", "scheme", "strength", "direction"), LABELS)
def test_each_spelling_is_read_under_its_scheme(
    label: str, scheme: str, strength: Strength, direction: Direction | None
) -> None:
    found = classify_label(label)
    assert found is not None, label
    assert (found.scheme, found.strength, found.direction) == (scheme, strength, direction)
    assert found.grade == label.replace("*", "").strip(" .")  # the label as printed


def test_a_label_is_at_most_110_characters() -> None:
    """A longer bracket is running text, even when it opens like a label."""
    base = "Strong Recommendation, low-quality evidence and" + " x" * 31
    label = base + "e" * (110 - len(base))
    assert len(label) == 110
    assert classify_label(label) is not None
    assert classify_label(label + "e") is None


@pytest.mark.parametrize(
    "label",
    ["a", "Grade E", "consensusx", "Category III", "Category A, evidence type: 5", "DI", "AIV",
     "Class IV", "iia", "3A", "", "   ", "x" * 111, "x" * 109],
)
def test_near_misses_are_not_labels(label: str) -> None:
    """Close to a scheme but not one of its labels: the statement is not graded by it."""
    assert classify_label(label) is None


def test_the_printed_label_is_kept_clean() -> None:
    """Bold, stray punctuation and extra spaces go; the words stay as printed."""
    found = classify_label("  **Strong   for**;  ")
    assert found is not None and found.grade == "Strong for"
    found = classify_label("Grade\u00a0B.")
    assert found is not None and found.grade == "Grade B"


@pytest.mark.parametrize(
    ("text", "looks"),
    [
        ("A+", True), ("E-", True), ("4d", True), ("IVc", True), ("B-IV", True),
        ("Level 2", True), ("level of evidence: 2", True), ("Certainty: low", True),
        ("class 2", True), ("quality of evidence low", True), ("high-quality evidence", True),
        ("evidence type 3", True), ("I statement pending", True), ("推荐", True),
        ("证据", True), ("共识", True), ("grades", True), ("**Grade X**", True),
        ("strength: high", True),
        ("F", False), ("5A", False), ("VVVVV", False), ("x" * 81, False),
        ("a note about recommendation words one two three four five six seven eight", False),
        ("recommendation, see text", False), ("2019 grade", False),
    ],
)
def test_unknown_notes_that_look_like_labels(text: str, looks: bool) -> None:
    """A label printed but not understood goes to review; a note that is not a label does
    not."""
    assert looks_like_label(text) is looks


@pytest.mark.parametrize(
    ("text", "looks"),
    [
        ("Strength " + "x" * 71, True), ("Strength " + "x" * 72, False),  # 80 characters at most
        ("grade " + "a " * 9, True), ("grade " + "a " * 10, False),  # ten words at most
    ],
)
def test_a_note_that_looks_like_a_label_is_short(text: str, looks: bool) -> None:
    assert looks_like_label(text) is looks


@pytest.mark.parametrize(
    ("raw", "strength", "direction"),
    [
        ("COR III; Harm", S, AGAINST),  # a semicolon before the class's qualifier
        ("Class III; No Benefit", S, AGAINST),
        ("COR IIa; LOE B - NR", M, FOR),  # spaces around the dash of a level, as PDFs print it
        ("Class I, LOE C \u2013 LD", S, FOR),
    ],
)
def test_aha_labels_with_semicolons_and_spaced_dashes(raw: str, strength: Strength,
                                                      direction: Direction) -> None:
    label = classify_label(raw)
    assert label is not None
    assert (label.scheme, label.strength, label.direction) == ("AHA/ACC", strength, direction)


@pytest.mark.parametrize("raw", ["A, B", "B, C", "B; see above"])
def test_letters_listed_in_english_text_are_not_a_chinese_grade(raw: str) -> None:
    """A bare letter is a Chinese grade only with 级 or Chinese text in the label: "(A, B)"
    in an English sentence lists things, it does not grade them."""
    assert classify_label(raw) is None
