"""Issue 13, patient safety: a summary or checklist line never shows part of a piece of advice
as the whole. It carries every group, condition and exception of its advice, or points the
reader to the advice; a condition on someone else (the donor) comes with the step that lets the
reader know it; strong advice against a medicine the reader could take gives a step of its own;
and what the guideline says to take care about is never dropped from the page."""

from __future__ import annotations

import re

import pytest

from domain.generation import OfflineProvider
from domain.layout import (
    Item,
    avoid_steps,
    carry,
    checklist,
    given_steps,
    left_out,
    pointer,
    reader_tests,
    units,
)
from domain.model import Direction, PatientVersion
from domain.page_plan import CARE_TEAM_PART, MORE_ADVICE_FULL
from domain.parsing import parse_guideline
from domain.render import to_markdown
from domain.summary import first_line, summary
from tests.domain.conftest import corpus_file


def _made(name: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(name), name))


def _section(pvg: PatientVersion, heading: str) -> str:
    return next((s.body for s in pvg.sections if s.heading == heading), "")


def _bullets(text: str) -> list[str]:
    return [line[2:].removeprefix("\u2610 ") for line in text.split("\n")
            if line.startswith("- ")]


def _before_disclaimer(pvg: PatientVersion) -> str:
    return to_markdown(pvg).split("## Disclaimer")[0]


@pytest.fixture(scope="module")
def hep_c() -> PatientVersion:
    return _made("uspstf_hepatitis-c-screening_2013.md")


@pytest.fixture(scope="module")
def opioids() -> PatientVersion:
    return _made("va-dod_opioid-therapy-chronic-pain_2017.md")


@pytest.fixture(scope="module")
def transplant() -> PatientVersion:
    return _made("cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md")


# --- the corpus guidelines ------------------------------------------------------------------


def test_hepatitis_c_summary_and_checklist_name_both_groups(hep_c) -> None:
    """USPSTF hepatitis C: advice 1 is for people at high risk and for people born between 1945
    and 1965; the summary and the checklist named only the first group."""
    for line in [*_bullets(hep_c.summary), *_bullets(_section(hep_c, "What you can do"))]:
        if "hepatitis C" in line:
            assert "high risk for infection" in line
            assert "born between 1945 and 1965" in line and "one-time screening" in line


def test_transplant_recipient_checklist_asks_whether_the_donors_conditions_hold(
        transplant) -> None:
    """CDC-PHS: "If you are a recipient, you should get HIV testing after the transplant" read as
    unconditional; the test depends on the donor, which only the care team can tell, so the
    step is to ask them (the donor's conditions are in the advice it points to)."""
    todo = _bullets(_section(transplant, "What you can do"))
    # The recipient's three tests are one line; each depends on the donor, in its advice.
    hiv = next(x for x in todo if "HIV, and hepatitis C testing after the transplant" in x)
    assert "ask your care team if you should get" in hiv
    assert re.search(r"\(see \d+ to \d+\)\.$", hiv)
    candidate = [x for x in todo if x.startswith("If you are a transplant candidate")]
    assert candidate and all("ask your care team if you should get tested" in x
                             for x in candidate)


def test_transplant_stored_vessels_are_kept_whole_with_their_exception(transplant) -> None:
    """The stored-vessels duty is inventory work no reader does; it is printed in the part for
    the care team with its exception about the recipient's first operation, never cut from
    it."""
    page = to_markdown(transplant)
    reader, _, care = page.partition("## For the care team")
    assert "not released for clinical use" not in reader
    assert ("not released for clinical use. The exception is if the HBV- or HCV-infected "
            "donated blood vessels are needed for the first transplant procedure in the "
            "recipient.") in care


def test_opioid_checklist_has_the_readers_own_safety_steps(opioids) -> None:
    """VA/DoD: the checklist held only "ask about" lines; benzodiazepines with opioids and
    abrupt stopping were missing."""
    todo = _bullets(_section(opioids, "What you can do"))
    assert any(x.startswith("Tell your care team if you take benzodiazepines and opioids: "
                            "experts advise against the combined use of benzodiazepines and "
                            "opioids. ") and "tapering one or both" in x for x in todo)
    # The note as the page words it ("… should avoid abrupt stopping unless …"), its
    # exception kept.
    assert any(x.startswith("Talk with your care team before you stop taking opioids: ")
               and "abrupt stopping" in x and "unless needed for immediate safety concerns"
               in x for x in todo), todo
    assert len(todo) <= 6


def test_opioid_page_keeps_the_dose_note_the_contraindication_and_the_pregnancy_caution(
        opioids) -> None:
    """The note under "**Note**:" was a list in the next paragraph; the Contraindications
    sentence shared no words with any advice; the pregnancy caution sat in the target
    population's note. All three were dropped."""
    page = _before_disclaimer(opioids)
    assert "Risks for overdose and death greatly increase at a range of 20-50 mg morphine " \
           "equivalent daily dose." in page
    assert "drug diversion is a crime" in page
    assert "for pregnant women should be made with care, keeping in mind the FDA's official " \
           "information on the medicine" in page


def test_sickle_cell_page_says_hydroxyurea_is_no_drug_for_breastfeeding_mothers() -> None:
    pvg = _made("nhlbi_sickle-cell-health-maintenance_2014.md")
    page = _before_disclaimer(pvg)
    assert "current maternal use of hydroxyurea" in page and "breastfeeding" in page
    assert "chronic opioid treatment during pregnancy, there is a higher risk of drug " \
           "withdrawal in their newborn babies" in page


def test_crps_fluoroscopy_statement_is_not_read_as_against_nerve_blocks_and_keeps_its_limit() \
        -> None:
    """Colorado CRPS: "✖ Advice against: Not all peripheral nerve blocks need fluoroscopy" read
    as advice against nerve blocks; "usually limited to 3 injections per site per year" was
    dropped."""
    pvg = _made("colorado-dowc_complex-regional-pain-syndrome_2017.md")
    page = _before_disclaimer(pvg)
    # which imaging guides the needle is the clinician's technique: in the part for the care
    # team, with its note, never as a ✖ on the reader's page
    assert "Not all peripheral nerve blocks need fluoroscopy." not in page
    care = next(s.body for s in pvg.sections if s.heading == CARE_TEAM_PART)
    at = care.index("Not all peripheral nerve blocks need fluoroscopy.")
    assert "It is not advice against peripheral nerve blocks." in care[at:at + 300]
    # the reader's own advice: on the page, or in full after the disclaimer (a long page's
    # "More advice" is an overview there)
    full = next((s.body for s in pvg.sections if s.heading == MORE_ADVICE_FULL), "")
    assert "Peripheral nerve blocks are test shots" in page + full
    assert "limited to 3 shots per site per year" in page + full


def test_lung_cancer_summary_points_to_the_smoking_conditions() -> None:
    """USPSTF lung cancer: "If you are 55 to 80 years old, experts advise yearly screening"
    without the smoking history it requires."""
    pvg = _made("uspstf_lung-cancer-screening_2014.md")
    line = next(x for x in _bullets(pvg.summary) if "lung cancer" in x)
    assert line.endswith("This applies only in some cases: see advice 1.")
    todo = next(x for x in _bullets(_section(pvg, "What you can do")) if "lung cancer" in x)
    assert "30 pack-year smoking history" in todo and todo.endswith("see advice 1.")


@pytest.mark.parametrize("name", [
    "uspstf_hepatitis-c-screening_2013.md",
    "uspstf_abdominal-aortic-aneurysm-screening_2014.md",
    "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md",
    "va-dod_substance-use-disorders_2015.md",
    "nhlbi_sickle-cell-health-maintenance_2014.md",
    "va-dod_suicide-risk_2013.md",
])
def test_no_summary_or_checklist_line_shows_part_of_its_advice_as_the_whole(name) -> None:
    """Every checklist line names the advice it stands for; each either says every group,
    condition and exception of that advice, points to it, or asks the care team whether the
    advice is the reader's (its conditions on someone else are in the advice)."""
    pvg = _made(name)
    by_number = {}
    key = _section(pvg, "Key recommendations")
    for n, block in re.findall(r"^#### (\d+)\. [^\n]*\n\n(.*?)(?=\n\*\*How strong)", key,
                               re.MULTILINE | re.DOTALL):
        by_number[int(n)] = block
    for line in _bullets(_section(pvg, "What you can do")):
        # "(see 1; see 3 for when to keep going)": its own advice first, then where the
        # exceptions at its end are.
        if re.search(r", ask your care team if you should [^()]+ \(see \d+(?: (?:and|to) \d+)?\)"
                     r"\.$", line):
            continue
        m = re.search(r"\(see (\d+)(?:; see \d+(?: and \d+)* for [^()]+)?\)\.$"
                      r"|see advice (\d+)(?:(?:, \d+)* (?:and|to) \d+)?\.$", line)
        assert m, line
        number = int(m.group(1) or m.group(2))
        if number in by_number and m.group(1):
            advice = by_number[number].replace("**Part of the advice:** ", "")
            first = units(advice)[0]  # the sentence the line is made from
            assert not [u for u in left_out(line, advice) if u.kind in ("group", "exception")
                        and u != first and not u.text.startswith("Note")], line


# --- small hand-made cases -------------------------------------------------------------------


def test_a_second_group_is_said_whole_when_it_fits() -> None:
    advice = ("If you are at high risk:\n- Experts advise screening.\nIf you were born before "
              "1965:\n- Experts also advise one-time screening.")
    assert carry("If you are at high risk, experts advise screening.", advice, 3) == (
        "If you are at high risk, experts advise screening. If you were born before 1965, "
        "experts also advise one-time screening.")


def test_what_does_not_fit_is_pointed_to_by_kind() -> None:
    advice = ("Experts advise a yearly check. This applies when you are 65 or older. The "
              "exception is if you had one in the last month.")
    said = carry("Experts advise a yearly check.", advice, 7, limit=8)
    assert said == ("Experts advise a yearly check. This applies only in some cases, and there "
                    "are exceptions: see advice 7.")
    assert carry("Experts advise a yearly check.", advice, 7, limit=40) == advice


def test_a_condition_on_someone_else_comes_with_the_step_to_ask() -> None:
    advice = ("You should get a blood test. This applies when the donor meets any of these "
              "conditions:\n- (1) found to be at higher risk\n- (2) history unknown")
    assert carry("You should get a blood test.", advice, 5, limit=60) == (
        "You should get a blood test. It applies only when the donor meets any of these "
        "conditions: (1) found to be at higher risk; (2) history unknown. Ask your care team "
        "if this is the case.")
    assert carry("You should get a blood test.", advice, 5, limit=20, listed=False) == (
        "You should get a blood test. It applies only when the donor meets any of the "
        "conditions in advice 5. Ask your care team if this is the case.")


def test_a_sentence_that_leans_on_another_is_pointed_to_never_said_alone() -> None:
    """"They must also be at higher risk", after "ask your care team about …", would read as
    if the care team must be at risk."""
    advice = "Experts advise counseling for teens. They must also be at higher risk."
    assert carry("Ask your care team about counseling", advice, 2, source=advice.split(". ")[0]
                 ) == "Ask your care team about counseling. This applies only in some cases: " \
                      "see advice 2."


def test_a_summary_line_with_a_condition_it_cannot_name_points_or_is_left_out() -> None:
    long_condition = "This applies when " + "you have one of many rare conditions " * 6 + "."
    advice = f"You should get a flu shot every year. {long_condition}"
    assert first_line(advice, 4) == ("You should get a flu shot every year. This applies only "
                                     "in some cases: see advice 4.")
    assert first_line(advice) == ""  # nothing to point to: not in the summary at all
    text = summary(["Adults."], "flu shots", [advice], [4])
    assert "see advice 4." in text


def test_a_checklist_line_carries_the_advice_lead_in_and_exception() -> None:
    items = [Item(1, "Experts advise a vaccine.", Direction.FOR, "A vaccine",
                  lead="If you have sickle cell disease",
                  more=("The exception: It may be skipped only if you are allergic.",),
                  strength="strong")]
    assert checklist(items, [1]) == [
        "If you have sickle cell disease: ask your care team about a vaccine. The exception: It "
        "may be skipped only if you are allergic (see 1)."]


def test_steps_from_strong_advice_against_use_the_advices_own_words_only() -> None:
    items = [
        Item(8, "Experts advise against the combined use of benzodiazepines and opioids.",
             Direction.AGAINST, "Not advised: combined use", strength="strong"),
        Item(9, "Experts advise against bed rest.", Direction.AGAINST, "Not advised: bed rest",
             strength="strong"),
        Item(10, "Experts advise against fentanyl.", Direction.AGAINST, "Not advised: fentanyl",
             strength="conditional"),
        Item(18, "Experts advise tapering opioids when risks outweigh good effects.",
             Direction.FOR, "Tapering", strength="strong",
             notes=("Abrupt stopping should be avoided.",)),
    ]
    steps = avoid_steps(items)
    assert steps == [
        "Tell your care team if you take benzodiazepines and opioids: experts advise against "
        "the combined use of benzodiazepines and opioids (see 8).",
        "Talk with your care team before you stop taking opioids: abrupt stopping should be "
        "avoided (see 18)."]
    # nothing for advice that names no medicine, nor for weaker advice
    assert not any("(see 9)" in s or "(see 10)" in s for s in steps)


# --- round 6: a reader's tests, and pointers that say what they point to ----------------------


def test_a_recipient_finds_all_three_of_their_tests_in_the_checklist_and_summary(
        transplant) -> None:
    """CDC-PHS round 6: the checklist had only the recipient's HIV test and the summary none;
    a recipient working from the list would miss the hepatitis B tests (1-3 and 12 months)
    and the hepatitis C test. One line names all three and points to their advice."""
    todo = _bullets(_section(transplant, "What you can do"))
    assert len(todo) <= 6
    line = next(x for x in todo if x.startswith("If you are a recipient"))
    assert "if you should get hepatitis B, HIV, and hepatitis C testing after the transplant" \
        in line
    key = _section(transplant, "Key recommendations")
    numbers = [int(n) for n, t in re.findall(r"^#### (\d+)\. (.+)$", key, re.MULTILINE)
               if re.match(r"Getting (?:hepatitis B|HIV|hepatitis C) testing", t)]
    assert len(numbers) == 3 and f"(see {numbers[0]} to {numbers[-1]})." in line
    assert [b for b in _bullets(transplant.summary) if b.startswith("If you are a recipient")
            and f"advice {numbers[0]} to {numbers[-1]}" in b]


def test_one_readers_tests_at_one_time_are_found_together() -> None:
    """Said either way round ("If you are a recipient, you should get …", "After the
    transplant, recipients should get …"), the same reader's tests at the same time are one
    set; a test at another time, or for another reader, is not part of it."""
    found = reader_tests([
        (4, "After the transplant, recipients should get hepatitis B testing."),
        (5, "If you are a recipient, you should get HIV testing after the transplant."),
        (6, "Before the transplant, candidates should get HIV testing."),
        (7, "After the transplant, recipients should get hepatitis C testing. This applies "
            "when the donor is infected."),
    ])
    assert [(f.reader, f.when, f.tests, f.numbers) for f in found] == [
        ("recipient", "after the transplant", ("hepatitis B", "HIV", "hepatitis C"), (4, 5, 7))]
    assert found[0].line() == ("If you are a recipient, you should get hepatitis B, HIV, and "
                               "hepatitis C testing after the transplant.")
    assert found[0].said_at() == "4, 5 and 7"


def test_a_pointer_to_more_advice_says_whom_it_is_for() -> None:
    """USPSTF round 6: "There is more advice for other groups: see advice 2" pointed to advice
    for the same women (those who value the good effect more): the pointer says the advice's
    own condition, or only that there is more."""
    assert pointer({"group"}, 2, groups=(
        "If you place a higher value on the possible good effect than the possible harms, you "
        "may choose to begin screening every 2 years.",)) == (
        "There is more advice if you place a higher value on the possible good effect than the "
        "possible harms: see advice 2.")
    assert pointer({"group"}, 3, groups=("If you are older, a.", "If you are younger, b.")) == (
        "There is more to this advice: see advice 3.")


@pytest.mark.parametrize("name", [
    "uspstf_breast-cancer-screening_2016.md",
    "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md",
])
def test_no_page_points_to_other_groups(name: str) -> None:
    """The summary and checklist never say "more advice for other groups": it was said of
    advice for the same readers."""
    pvg = _made(name)
    assert "other groups" not in pvg.summary
    assert "other groups" not in _section(pvg, "What you can do")


def test_a_rescue_medicine_in_a_strong_advices_list_is_the_readers_to_ask_for(opioids) -> None:
    """VA/DoD round 6: naloxone was only inside the care team's list ("Giving naloxone rescue
    and accompanying teaching"); nothing told a reader on opioids to ask for it."""
    todo = _bullets(_section(opioids, "What you can do"))
    key = _section(opioids, "Key recommendations")
    number = next(int(n) for n, block in re.findall(r"^#### (\d+)\. [^\n]*\n\n(.*?)(?=\n\*\*How)",
                                                    key, re.MULTILINE | re.DOTALL)
                  if "Giving naloxone rescue" in block)
    assert f"Ask your care team about naloxone rescue and teaching (see {number})." in todo
    assert len(todo) <= 6


def test_only_a_named_medicine_given_in_strong_advice_becomes_a_step() -> None:
    """Teaching or checks in the list are the care team's; weak advice gives no step; the
    medicine is named only in the advice's own words."""
    text = ("Experts advise ways to lower risks. They include:\n- Providing overdose teaching"
            "\n- Giving naloxone rescue and accompanying teaching\n- Checking urine drug tests")
    strong = Item(4, text, Direction.FOR, "Ways to lower risks", strength="strong")
    weak = Item(5, text, Direction.FOR, "Ways to lower risks", strength="weak")
    assert given_steps([strong]) == ["Ask your care team about naloxone rescue and teaching "
                                     "(see 4)."]
    assert given_steps([weak]) == []
    assert given_steps([Item(6, "Experts advise care:\n- Providing overdose teaching",
                             Direction.FOR, "Care", strength="strong")]) == []
