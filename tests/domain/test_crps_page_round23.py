"""Round-8 findings on the Colorado CRPS page, each as a general rule: a condition for a
treatment said as one, the treatments the evidence supports, the duties on long-term opioids
in the checklist, and thresholds a reader can place."""

from domain.model import Direction, ParsedGuideline
from domain.plain import Rewriter


def test_indicated_when_is_the_condition_for_offering_it_not_a_need() -> None:
    """"X is indicated when …" says when the care team may offer X: "Surgery is needed when"
    made it stronger than the source."""
    out = Rewriter().simplify("Operative treatment is indicated when the natural history of "
                              "surgically treated lesions is better than the natural history "
                              "for non-operatively treated lesions.")
    assert out.startswith("Your care team may offer surgery"), out
    assert "when the problem is likely to turn out better with surgery than without it" in out
    assert "needed" not in out
    only = Rewriter().simplify("Re-operation is indicated only when the functional outcome "
                               "is expected to be better.")
    assert only == ("Your care team may offer re-operation. This applies only when the "
                    "functional outcome is expected to be better."), only


def test_the_terms_for_offering_a_treatment_are_labelled_as_terms_not_advice_for() -> None:
    """A compact point that gives the terms for a treatment reads "✔ When it is advised", not
    "✔ Advice for", so a condition is not taken for advice to have it."""
    from domain.legend import point_label
    from domain.model import Direction, PvgRecommendation

    def point(text: str) -> PvgRecommendation:
        return PvgRecommendation(
            id="R1", text=text, direction=Direction.FOR, source_text=text,
            strength="✔ Advice for. The experts advise this. They did not grade how sure "
                     "they are.")

    assert point_label(point("Your care team may offer surgery. This applies when the "
                             "pain lasts.")) == "✔ When it is advised"
    assert point_label(point("Your care team may offer re-operation. This applies only "
                             "when it helps.")) == "✔ When it is advised"
    assert point_label(point("Your care team may offer a biopsy only in cases of doubt.")) \
        == "✔ When it is advised"
    assert point_label(point("Your care team may offer acupuncture.")) == "✔ Advice for"


def _guideline(sections: list[tuple[str, str]]) -> ParsedGuideline:
    from domain.model import DocumentFormat, Section

    return ParsedGuideline(
        title="Complex regional pain syndrome/reflex sympathetic dystrophy medical treatment "
              "guideline.", format=DocumentFormat.MARKDOWN,
        sections=[Section(heading=h, level=4, text=t) for h, t in sections])


def test_graded_findings_that_a_treatment_helps_the_condition_are_kept_with_their_grade() -> None:
    """The treatments the evidence supports for the reader's own condition are named with
    how good the evidence is; a finding taken back, one about another condition and one about
    a treatment advised against are not."""
    from domain.evidence_found import found_helpful

    g = _guideline([
        ("Evidence Statements Regarding CRPS-Specific Medications: Oral Steroids",
         "Good Evidence\n\nThere is good evidence to support oral steroid use early in the "
         "course of CRPS (Design: **Randomized clinical trials**)."),
        ("Evidence Statements Regarding CRPS-Specific Medications: Bisphosphonates",
         "Good Evidence\n\nUse of bisphosphonates effectively decreases pain (Design: **Randomized"
         " clinical trial**).\n\nSome Evidence\n\nUse of bisphosphonates increases joint motion in"
         " patients with CRPS (Design: **Randomized clinical trial**)."),
        ("Evidence Statements Regarding CRPS-Specific Medications: Ketamine Hydrochloride",
         "Some Evidence\n\nIn CRPS I patients, low dose daily infusions of ketamine can provide "
         "pain relief compared to placebo."),
        ("Evidence Statements Regarding Yoga",
         "Strong Evidence\n\nYoga has small advantages in reducing low back pain."),
        ("Evidence Statements Regarding Epidural Infusions",
         "Some Evidence\n\nThere is high rate of infection (33%)."),
    ])
    found = found_helpful(g, {"CRPS": "complex regional pain syndrome"},
                          ["Experts advise against ketamine since less harmful treatments are "
                           "available."])
    assert found == [
        ("Oral Steroids", "Good",
         "There is good evidence to support oral steroid use early in the course of CRPS."),
        ("Bisphosphonates", "Good", "Use of bisphosphonates effectively decreases pain."),
        ("Bisphosphonates", "Some",
         "Use of bisphosphonates increases joint motion in patients with CRPS."),
    ]


def test_the_crps_page_names_the_treatments_the_evidence_supports() -> None:
    """Early oral steroids, bisphosphonates and mirror therapy were missing from the page while
    the drugs advised against were on it."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    part = page.split("## What studies found can help", 1)[1].split("\n## ", 1)[0]
    assert "oral steroid use early in the course of complex regional pain syndrome (good " \
           "evidence)" in part
    assert "bisphosphonates effectively decreases pain (good evidence)" in part
    assert "Mirror box treatment 30 minutes per day for 4 weeks" in part
    # preventing CRPS after a broken wrist is for people who do not have it (round 15)
    assert "after a broken wrist" not in part
    assert "ketamine" not in part.lower()
    assert "not advice" in part


_OPIOID_CARE = (
    "Experts suggest this care for long-term opioids:\n"
    "- The medicines should be clearly linked to gain of function, not just pain control\n"
    "- If you are on chronic opioid medicine dosages, you need to sign the right opioid "
    "contract with your doctor for giving the opioids\n"
    "- You must understand that continuing the medicine depends on your cooperation with the "
    "maintenance program. Use of non-prescribed drugs may result in tapering of the medicine. "
    "Your care team should order random drug testing at least every year\n"
    "- If you are on chronic opioid medicine dosages, you must get them through one doctor")


def test_the_readers_duties_in_a_list_are_steps_of_the_checklist() -> None:
    """What a list of care asks of the reader ("you need to sign …", "you must …") is a
    tick-box step each, with its condition, in the advice's own words; it was left out
    because only the words before a list were read."""
    from domain.layout import Item, checklist

    steps = checklist([Item(10, _OPIOID_CARE, Direction.FOR, "Opioid medicine care")], [10])
    cond = "If you are on chronic opioid medicine dosages: "
    assert f"{cond}sign the right opioid contract with your doctor for giving the opioids " \
           "(see 10)." in steps, steps
    duty = next(s for s in steps if "understand that" in s)
    assert "understand that continuing the medicine depends on your cooperation with the " \
           "maintenance program (use of non-prescribed drugs may result in tapering of the " \
           "medicine; your care team should order random drug testing at least every year)" in duty
    assert duty.startswith(cond) and duty.endswith("(see 10).")
    assert any(s.startswith(cond) and "get them through one doctor" in s for s in steps)


def test_what_the_patient_must_understand_is_about_your_cooperation_and_prescriber() -> None:
    """"… depends on their cooperation" had no one for "their" to stand for once "the patient"
    was "you"; "one giving doctor" hid that one doctor prescribes the opioids."""
    rw = Rewriter()
    said = rw.simplify("The patient must understand that continuation of the medication is "
                       "contingent on their cooperation with the maintenance program.")
    assert "depends on your following the long-term treatment plan" in said, said
    said = rw.simplify("Patients on chronic opioid medication dosages must receive them "
                       "through one prescribing physician.")
    assert said == ("If you are taking opioids long-term, you must get them through one "
                    "prescribing doctor."), said


def test_the_crps_checklist_has_the_duties_on_long_term_opioids() -> None:
    """A reader on long-term opioids finds the opioid contract and the one prescriber among
    the steps to tick, as well as the six steps that were there (and, round 29, the step to
    ask about prior authorization)."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    todo = page.split("## What you can do", 1)[1].split("\n## ", 1)[0]
    steps = [line for line in todo.splitlines() if line.startswith("- ☐")]
    assert len(steps) == 10
    duty = " ".join(s for s in steps if "taking opioids long-term" in s)
    assert ("If you are taking opioids long-term: sign the right opioid treatment "
            "agreement") in duty
    assert "depends on your following the long-term treatment plan" in duty
    assert "random drug testing at least every year" in duty
    assert "get them through one prescribing doctor (see 10)." in duty


def test_a_dose_threshold_in_mme_says_the_unit_and_what_it_means_for_the_reader() -> None:
    """"less than 50 morphine milligram equivalents per day" is said as an amount of morphine
    and as what the guideline counts a dose below it: a reader could not place the number."""
    from domain.layout import number_help

    said = number_help("A lower risk opioid medicine plan is defined as less than 50 morphine "
                       "milligram equivalents per day.")
    assert "morphine milligram equivalents (MME) compare the strength of different opioids " \
           "with morphine: 50 MME a day is as strong as 50 milligrams of morphine taken by " \
           "mouth a day." in said, said
    assert "The guideline counts a daily dose of less than 50 MME as a lower risk opioid " \
           "medicine plan." in said
    assert said.endswith("Ask your care team what your daily dose equals in morphine.")


def test_a_temperature_in_celsius_is_given_in_fahrenheit_too() -> None:
    """A reader in the United States reads Fahrenheit: a difference of 1 °C is about 1.8 °F
    (no 32 added), a temperature of 38.5 °C about 101.3 °F; one already given in °F is left."""
    from domain.layout import number_help

    diff = number_help("Results in a temperature difference between the affected and the "
                       "unaffected limb of at least 1 degree Celsius.")
    assert "a difference of 1 degree Celsius (°C) is about 1.8 degrees Fahrenheit (°F)" in diff
    assert "you do not have to work it out" in diff
    fever = number_help("Get help for a temperature of 38.5 °C or more.")
    assert "38.5 degrees Celsius (°C) is about 101.3 degrees Fahrenheit (°F)" in fever
    assert number_help("A temperature of 101.3°F (38.5°C) or more.") == ""
