"""Round 27: the clinicians' phrases the round-13 PEMAT-P raters quoted from the Colorado
CRPS page (items 3 and 4) are said whole in a reader's words, a lettered list loses its
letters, and a point against that is a lead-in with its list keeps the list in the short
list against."""

from __future__ import annotations

import pytest

from domain.generation import OfflineProvider
from domain.model import PatientVersion
from domain.page_plan import MORE_ADVICE
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"

RATED = {
    # clinician's words the raters quoted -> what the reader now reads
    "Absolute contraindications of therapeutic injections include (a) bacterial infection - "
    "systemic or localized to region of injection, (b) bleeding diatheses, (c) hematological "
    "conditions, and (d) possible pregnancy.":
        "Firm reasons never to have treatment shots include",
    "Relative contraindications of these injections may include (a) allergy to contrast or "
    "shellfish, (b) poorly controlled diabetes mellitus and/or hypertension.":
        "Reasons these shots may not be safe for you include",
    "Significant renal and hepatic dysfunction requires dosage adjustment.":
        "Serious kidney or liver problems need a change of dose",
    "Buccally absorbed opioids other than buprenorphine are not appropriate for these "
    "non-malignant pain patients.":
        "Opioids held inside the cheek, other than buprenorphine, are not right for people "
        "whose pain is not caused by cancer",
    "The patient should agree to comply with the pre- and post-operative treatment plan "
    "including home exercise.":
        "follow the treatment plan before and after surgery",
    "The clinician should order random drug testing at least annually to monitor medication "
    "compliance.":
        "check that the medicine is taken as prescribed",
    "Operative treatment is indicated when the natural history of surgically treated lesions "
    "is better than the natural history for non-operatively treated lesions.":
        "when the problem is likely to turn out better with surgery than without it",
}


@pytest.mark.parametrize("source", list(RATED))
def test_a_raters_phrase_is_said_whole_in_a_readers_words(source: str) -> None:
    said = Rewriter().simplify(source)
    assert RATED[source] in said, said
    for word in ("contraindication", "systemic", "localized", "renal", "hepatic", "buccal",
                 "malignant", "comply", "compliance", "natural history", "lesion"):
        assert word not in said.lower(), (word, said)


def test_a_lettered_list_loses_its_letters_and_a_numbered_one_keeps_its_numbers() -> None:
    rw = Rewriter()
    lettered = rw.simplify("Firm reasons include: (a) bleeding diatheses, (b) possible "
                           "pregnancy, and (c) a bacterial infection.")
    assert "\n- bleeding disorders" in lettered and "(a)" not in lettered, lettered
    numbered = rw.simplify("The steps are: 1) stop the medicine, 2) call your doctor.")
    assert "\n- 1) stop the medicine" in numbered, numbered


@pytest.fixture(scope="module")
def crps() -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS))


def test_the_crps_reader_part_has_none_of_the_phrases_the_raters_quoted(crps) -> None:
    reader = to_markdown(crps).split("\n## Disclaimer", 1)[0]
    for quoted in ("Absolute medical reasons", "Relative medical reasons", "systemic or "
                   "localized", "Large kidney and liver dysfunction", "sticking to the plan",
                   "diagnostic shots", "natural history", "comply with", "(a) ", "(b) "):
        assert quoted not in reader, quoted
    assert "Firm reasons never to have treatment shots include:" in reader
    assert "  - bleeding disorders" in reader


def test_a_point_against_made_of_a_lead_in_and_its_list_keeps_the_list() -> None:
    """On a compact page's short list against, "Firm reasons never to have treatment shots
    include (58)" said nothing: the lead-in is said with what it lists, on one line, without
    the "and" the sentence left on the item before last."""
    source = corpus_file(CRPS).decode()
    at = source.index("#### Sympathectomy")
    text = (source[:at] + "Absolute contraindications to therapeutic injections include: (a) "
            "bacterial infection, (b) bleeding diatheses, (c) hematological conditions, and (d) "
            "possible pregnancy.\n\n" + source[at:])
    pvg = OfflineProvider().generate(parse_guideline(text.encode(), CRPS))
    more = next(s.body for s in pvg.sections if s.heading == MORE_ADVICE)
    line = next(x for x in more.splitlines() if "Firm reasons never to have treatment" in x)
    assert ("Firm reasons never to have treatment shots include bacterial infection, bleeding "
            "disorders, blood disorders, possible pregnancy (") in line, line


def test_a_medicines_cautions_are_said_as_what_may_apply_to_the_reader(crps) -> None:
    """"Tell your care team if any of these apply to you" was followed by the care team's
    own instructions ("Your care team should use cautiously in people who …"): each is now
    something a reader can check, one thing a line."""
    consider = next(s.body for s in crps.sections if s.heading == "Things to consider")
    block = consider.split("If you are offered tramadol", 1)[1].split("\n- ", 1)[0]
    for line in ("  - You have a history of seizures\n",
                 "  - You are taking medicine that may make seizures more likely\n",
                 "  - You are taking medicines that act on the brain chemical serotonin",
                 "  - You are taking other medicines that can change the heart's rhythm\n",
                 "  - You have had opioid addiction (then tramadol is not advised)\n",
                 "  - You have an emotional disturbance or also use alcohol or other opioids "
                 "(tramadol has been linked to deaths in such cases)\n",
                 "  - You have serious kidney or liver problems (you need a different dose)"):
        assert line in block, (line, block)
    assert "Your care team should use" not in block and "in people" not in block, block


def test_a_harm_labelled_as_a_reason_against_is_said_as_the_harm() -> None:
    """"Medical reasons against ketamine hydrochloride: can cause large elevations in blood
    pressure" named a harm as a reason."""
    said = Rewriter().simplify("Contraindications for ketamine hydrochloride: can cause "
                               "significant elevations in blood pressure.")
    assert said == "Ketamine can cause a big rise in blood pressure.", said


def test_a_topic_list_does_not_keep_a_headings_capitals() -> None:
    from domain.overview import lower_first

    assert lower_first("Intrathecal Drug Delivery") == "intrathecal drug delivery"
    assert lower_first("Radiofrequency Denervation–Medial branch") == (
        "radiofrequency denervation–medial branch")
    assert lower_first("Return-to-Work") == "Return-to-Work"
    assert lower_first("IV blocks") == "IV blocks"


def test_on_a_page_for_health_workers_the_health_workers_are_the_reader() -> None:
    from domain.voice import AUDIENCE, to_reader

    token = AUDIENCE.set(frozenset({"health worker"}))
    try:
        assert to_reader(
            "All health workers whose work-, training-, and volunteer-related activities "
            "involve reasonably expected risk for exposure to blood or body fluids should be "
            "vaccinated with a complete, ≥3-dose hepatitis B vaccine series.") == (
            "If your work-, training-, and volunteer-related activities involve reasonably "
            "expected risk for exposure to blood or body fluids, you should be vaccinated with "
            "a complete, ≥3-dose hepatitis B vaccine series.")
        assert to_reader(
            "All health workers, including those who have shown protection against hepatitis "
            "B, should be advised to report exposures.") == (
            "Even if you have shown protection against hepatitis B, you should report "
            "exposures.")
        assert to_reader("Health workers who work with blood should be vaccinated.") == (
            "If you work with blood, you should be vaccinated.")
    finally:
        AUDIENCE.reset(token)
    # on a page for patients, health workers are the care team, not the reader
    said = "All health workers should wash their hands."
    assert to_reader(said) == said


HBV = "cdc_health-care-personnel-hepatitis-b-protection_2013.md"


def test_the_hepatitis_b_summary_leads_with_what_the_health_worker_does() -> None:
    """The summary said "the source person should be tested" and what an exposure's tests
    "should consist of"; the reader's own steps are to report exposures at once and to get
    vaccinated (the purpose of a line with its own condition gives way to a second line),
    and two lines for the same readers ("If your anti-HBs remains less than 10 mIU/mL, …"
    twice) are one."""
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(HBV), HBV))
    lines = [x for x in pvg.summary.splitlines() if x.startswith("- ")]
    assert lines[0] == ("- Even if you have shown protection against hepatitis B, you should "
                        "right away report blood or body fluid exposures to work health for a "
                        "check of the right measures."), lines
    assert lines[1].startswith("- If your work-, training-, and volunteer-related activities "
                               "involve reasonably expected risk for exposure to blood or body "
                               "fluids, you should get vaccinated"), lines
    leads = [x.split(",")[0] for x in lines if x.startswith("- If ")]
    assert len(leads) == len(set(leads)), lines
    md = to_markdown(pvg)
    assert "#### 3. Reporting blood or body fluid exposures" in md
    assert ("Even if you have shown protection against hepatitis B, you should right away "
            "report blood or body fluid exposures") in md


def test_a_step_to_tick_says_what_to_do() -> None:
    from domain.layout import _as_step

    assert _as_step("If your anti-HBs remains less than 10 mIU/mL, you should get 2 extra "
                    "vaccine doses (see 4).") == (
        "If your anti-HBs remains less than 10 mIU/mL: get 2 extra vaccine doses (see 4).")
    # a passive, a condition and a state are no action to tick: kept
    for kept in ("If you are exposed, you should be tested (see 2).",
                 "If you smoke, you must also have a scan (see 3).",
                 "Ask your care team about screening (see 1)."):
        assert _as_step(kept) == kept
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(HBV), HBV))
    todo = next(s.body for s in pvg.sections if s.heading == "What you can do")
    assert ("- ☐ If your anti-HBs remains less than 10 mIU/mL: get 2 extra vaccine doses "
            "(usually 6 doses total) (see ") in todo, todo
    assert ("- ☐ Even if you have shown protection against hepatitis B: right away report blood "
            "or body fluid exposures") in todo, todo
    assert ", you should " not in todo, todo


def test_a_caution_to_prescribers_asks_the_reader_to_tell_them(crps) -> None:
    """Round-14 rater P: "Extreme caution should be used in giving controlled substances for
    workers with …" never asked the reader to mention past substance misuse, benzodiazepines
    or sleep apnea."""
    consider = next(s.body for s in crps.sections if s.heading == "Things to consider")
    assert ("- If you are offered controlled substances, tell your care team if any of these "
            "apply to you (extreme caution is needed then):\n  - History of alcohol or other "
            "substance abuse") in consider
    assert "Extreme caution" not in consider
    assert "higher risk for addiction" in consider and "addition" not in consider


def test_operative_is_said_as_surgery() -> None:
    rw = Rewriter()
    assert rw.simplify("Operative intervention is indicated.").startswith("Surgery")
    assert "surgical" in rw.simplify("These are the operative options.")
    md = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS)))
    assert "Treatments — surgical" in md and "operative" not in md.split("## Disclaimer")[0]


def test_a_condition_of_several_parts_stays_one_condition() -> None:
    """"If you have anti-HBs of less than 10 mIU/mL, or you are unvaccinated …, and you
    sustain an exposure …, you should have baseline testing": cut at ", and you" it read
    "If you have anti-HBs …, or you are unvaccinated. Also, you sustain …", and its heading
    named only the first part."""
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(HBV), HBV))
    md = to_markdown(pvg)
    assert ("If you have anti-HBs of less than 10 mIU/mL, or you are unvaccinated or "
            "incompletely vaccinated, and you sustain a percutaneous, mucosal, or nonintact skin "
            "exposure to a source person") in md
    assert "Also, you sustain" not in md
    assert "### If you have anti-HBs of less than 10 mIU/mL\n" not in md
    key = md.split("## Key recommendations")[1].split("\n## ")[0]
    assert "you should have baseline testing for hepatitis B infection" in key


def test_a_whole_page_read_through_of_the_depression_page() -> None:
    """Read as a patient would (VA/DoD major depressive disorder, from its PDF): block titles
    cut at "along" and "either alone", "should do stopping …", "to make sure better
    outcomes", "photosensitivity"."""
    name = "va-dod_major-depressive-disorder_2016.md"
    md = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    assert "Monoamine oxidase inhibitors or tricyclic antidepressants\n" in md
    assert "antidepressants along\n" not in md and "either alone\n" not in md
    assert "#### 32. Not sure yet: acupuncture\n" in md
    assert "should do stopping" not in md and "photosensitivity" not in md
    from domain.layout import _shorten

    # "alone" is what a point against is about: it stays
    assert _shorten("the use of estrogen alone") == "estrogen alone"
    assert _shorten("acupuncture either alone") == "acupuncture"
    rw = Rewriter()
    assert rw.simplify("Discontinuation of antidepressant therapy should be done with a slow "
                       "taper.").startswith("Your care team should stop antidepressant treatment")
    assert "to make sure of better outcomes" in rw.simplify(
        "Offer specialty care to ensure better outcomes.")
    assert "sensitivity to sunlight" in rw.simplify("It raises the risk of photosensitivity.")
    assert "other problems found by chance" in rw.simplify(
        "Harms include false-positive results and incidental findings.")
    # a gerund that is no action on a thing stays as it was
    said = rw.simplify("Teaching for you and your family should be done with empathy.")
    assert "should teach for" not in said, said


def test_words_the_round_14_raters_found_unexplained_or_unnatural() -> None:
    rw = Rewriter()
    assert "since not moving will harm" in rw.simplify(
        "Bed rest is not recommended since immobility will negatively affect rehabilitation.")
    assert "You should avoid stopping work completely" in rw.simplify(
        "Complete work cessation should be avoided, if possible.")
    said = rw.simplify("Use it only when most of the pain is clearly in a nerve distribution.")
    assert "in the area a single nerve serves" in said, said
    assert "systemic" not in rw.simplify("Amputation carries the risk of systemic sepsis.")
    from domain.lay_terms import KEEP

    assert KEEP["detox"] == KEEP["detoxification"]


def test_a_short_line_against_with_six_names_or_more_counts_them() -> None:
    """All four round-14 raters quoted "IV blocks with guanethidine, ketanserin, beryllium
    phentolamine, reserpine, droperidol and atropine" (PEMAT items 2 and 4)."""
    from domain.generation import _fewer_names

    assert _fewer_names("IV blocks with guanethidine, ketanserin, beryllium phentolamine, "
                        "reserpine, droperidol and atropine") == (
        "IV blocks with guanethidine or 5 others")
    # five names or fewer: each may be the one a reader is offered
    five = "Magnesium, benzodiazepines, neostigmine, tramadol, and ketamine"
    assert _fewer_names(five) == five
