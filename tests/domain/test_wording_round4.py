"""Sentence- and word-level defects of the round-3 patient versions, each from its source
passage: named terms swapped word by word or left undefined, harms a patient cannot read,
numbers in units the reader cannot use, and an age table silent about the advice it leaves
out."""

from __future__ import annotations

from functools import cache

from domain import layout
from domain.generation import ABOUT, CONSIDER, KEY, OfflineProvider
from domain.glossary import build
from domain.layout import Item
from domain.model import Direction, PatientVersion
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.reader import patient_to_you
from tests.domain.conftest import corpus_file
from tests.support.documents import render


@cache
def corpus_pvg(name: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(name), name))


def section(pvg: PatientVersion, heading: str) -> str:
    return next(s.body for s in pvg.sections if s.heading == heading)


def glossary_terms(pvg: PatientVersion) -> set[str]:
    return {e.term.lower() for e in pvg.glossary}


# --- VA/DoD opioid therapy --------------------------------------------------------------------

def test_a_named_programme_is_never_swapped_word_by_word() -> None:
    """VA/DoD opioids: "Checking state prescription drug monitoring programs" was printed
    "state prescription drug checking programs", a programme no reader can look up."""
    out = Rewriter().simplify("- Checking state prescription drug monitoring programs")
    assert "prescription drug monitoring programs" in out
    assert "drug checking programs" not in out
    entries = build(out, {})
    assert any(e.term == "prescription drug monitoring programs" for e in entries)


def test_the_opioid_harms_are_listed_in_lay_words() -> None:
    """VA/DoD opioids, harms: "aberrant use; … respiratory depression; … endocrinological
    complications (including impotence); … psychiatric decompensation; psychological symptoms
    (e.g., depression, loss of libido, nightmares)" were printed "Aberrant use", "Breathing
    depression", "Endocrinological problems", "Mental health decompensation"."""
    harms = section(corpus_pvg("va-dod_opioid-therapy-chronic-pain_2017.md"), CONSIDER)
    for lay in ("Using the medicine in ways other than prescribed", "Slowed breathing",
                "Hormone problems (including impotence)", "Mental health getting worse",
                "loss of sex drive"):
        assert lay in harms, lay
    for jargon in ("Aberrant", "decompensation", "Endocrinological", "Breathing depression",
                   "libido"):
        assert jargon not in harms, jargon


def test_the_opioid_terms_a_reader_meets_are_defined() -> None:
    """VA/DoD opioids: "non-opioids" (in the summary), "suicidality", "confirmatory testing"
    and the monitoring programmes were used and never explained."""
    pvg = corpus_pvg("va-dod_opioid-therapy-chronic-pain_2017.md")
    assert "non-opioids over opioids" in pvg.summary
    assert {"non-opioids", "suicidality", "confirmatory testing",
            "prescription drug monitoring programs", "opiates"} <= glossary_terms(pvg)


def test_a_scope_note_says_which_advice_is_about_the_group_it_leaves_out() -> None:
    """VA/DoD opioids: "not intended for … patients with acute pain" sits above a whole group
    "Opioid treatment for short-term pain"; the reader with short-term pain is told which
    advice is theirs."""
    pvg = corpus_pvg("va-dod_opioid-therapy-chronic-pain_2017.md")
    about = section(pvg, ABOUT)
    assert "\n- People with short-term pain\n" in about  # the group, as a reader finds it
    assert "- Advice 22 to 24 are about short-term pain." in about
    assert "#### 22." in section(pvg, KEY).split("### Opioid treatment for short-term pain")[1]


# --- NHLBI health maintenance -----------------------------------------------------------------

def test_a_flow_speed_cut_off_says_what_it_means() -> None:
    """NHLBI: "In children with conditional (170–199 cm/sec) or elevated (>200 cm/sec) TCD
    results" left cm/sec to the reader; the numbers stay and a line says how to read them."""
    help_line = layout.number_help(
        "If your child has conditional (170 to 199 cm/sec) or high (more than 200 cm/sec) "
        "transcranial Doppler results, your care team should refer your child to a specialist.")
    assert "centimeters per second" in help_line
    assert "how fast blood flows" in help_line
    key = section(corpus_pvg("nhlbi_sickle-cell-health-maintenance_2014.md"), KEY)
    assert "170 to 199 cm/sec" in key and "cm/sec (centimeters per second)" in key


def test_a_morning_urine_test_is_said_as_a_test_on_the_first_urine() -> None:
    """NHLBI: "perform a first morning void urine albumin-creatinine ratio" was printed word
    for word; the test keeps its name and is defined."""
    out = Rewriter().simplify(
        "If the result is positive, perform a first morning void urine albumin-creatinine "
        "ratio and if abnormal, consult with or refer to a renal specialist.")
    assert "albumin-creatinine ratio test on the first urine of the morning" in out
    assert "void" not in out
    assert any(e.term == "albumin-creatinine ratio" for e in build(out, {}))


def test_a_genotype_written_with_greek_letters_is_defined() -> None:
    """NHLBI: "children with hemoglobin SC (HbSC) disease and HbSβ⁺-thalassemia" — the word
    matcher cannot read β⁺, so the genotype was never defined."""
    entries = build("Think about withholding penicillin from children with HbS\u03b2\u207a-"
                    "thalassemia.", {})
    assert any(e.term == "HbS\u03b2\u207a-thalassemia" and "sickle cell" in e.meaning
               for e in entries)


def test_the_undefined_sickle_cell_terms_are_in_words_to_know() -> None:
    """NHLBI round 3, item 4: terms left undefined on the page."""
    terms = glossary_terms(corpus_pvg("nhlbi_sickle-cell-health-maintenance_2014.md"))
    assert {"albumin-creatinine ratio", "hbs\u03b2\u207a-thalassemia", "hemolytic disease",
            "echo testing", "neuroimaging", "maternal-fetal specialist", "levonorgestrel",
            "restrictive lung disease", "obstructive sleep apnea", "dilated eye exam",
            "growth restriction"} <= terms


def test_the_age_table_names_the_age_advice_it_leaves_out() -> None:
    """NHLBI: penicillin's stop at 5 (with an exception) and the vaccines at birth, 2 and 5
    are not table rows; a line under the table says so (penicillin up to 5 is a row, with
    its dose change at 3 said in it)."""
    key = section(corpus_pvg("nhlbi_sickle-cell-health-maintenance_2014.md"), KEY)
    line = key.split("**Not in the table:**", 1)[1].split("\n\n#", 1)[0].split("\n\n**", 1)[0]
    for said in ("stopping preventive penicillin (advice 3)",
                 "pneumococcal vaccine series (advice 33)"):
        assert said in line, said
    assert "birth control" not in line  # "birth control" is no age


# --- USPSTF breast cancer screening -----------------------------------------------------------

def test_the_40_to_49_choice_is_a_row_with_its_condition_in_words() -> None:
    """USPSTF: "The decision to start screening mammography in women prior to age 50 years
    should be an individual one. Women who place a higher value on the potential benefit than
    the potential harms may choose to begin biennial screening between the ages of 40 and 49
    years." The row was left out while the reading line sent every reader to their row."""
    items = [
        Item(1, "If you are 50 to 74 years old, experts advise a screening mammogram every 2 "
                "years.", Direction.FOR, "Age 50 to 74: a screening mammogram every 2 years"),
        Item(2, "The choice to start a screening mammogram in women before age 50 years should "
                "be a personal one.\nIf you place a higher value on the possible good effect "
                "than the possible harms, you may choose to begin screening every 2 years "
                "between the ages of 40 and 49 years.", Direction.FOR,
             "Age 40 to 49: choosing to begin screening every 2 years"),
    ]
    table = layout.schedule(items, {1: "✔ Advice for", 2: "✔? Weak advice for"})
    rows = [r for r in table.split("\n") if r.startswith("| 40 to 49 |")]
    assert rows == ["| 40 to 49 | You place a higher value on the possible good effect than "
                    "the possible harms | Choosing to begin screening every 2 years | ✔? Weak "
                    "advice for | 2 |"]
    assert table.index("| 40 to 49 |") < table.index("| 50 to 74 |")


def test_invasive_and_noninvasive_breast_cancer_are_defined() -> None:
    """USPSTF: the main harm, "the diagnosis and treatment of noninvasive and invasive breast
    cancer that would otherwise not have become a threat", used both words undefined."""
    pvg = corpus_pvg("uspstf_breast-cancer-screening_2016.md")
    assert "noninvasive and invasive breast cancer" in section(pvg, CONSIDER)
    assert "noninvasive and invasive breast cancer" in glossary_terms(pvg)


# --- VA/DoD COPD ------------------------------------------------------------------------------

COPD_ACRONYMS = {"AAT": "alpha-1 antitrypsin", "ED": "emergency department"}


def test_a_kept_term_holding_a_spelt_out_acronym_stays_whole() -> None:
    """VA/DoD COPD: "patients with AAT deficiency be referred to a pulmonologist for
    management of treatment" was printed "alpha-1 antitrypsin lack … for care of
    treatment"."""
    out = Rewriter(COPD_ACRONYMS).simplify(
        "The guideline panel recommends that patients with AAT deficiency be referred to a "
        "pulmonologist for management of treatment.")
    assert "alpha-1 antitrypsin deficiency" in out
    assert "lack" not in out and "care of treatment" not in out
    assert "referred to a lung doctor for treatment" in out


def test_more_elderly_individuals_are_older_people() -> None:
    """VA/DoD COPD: "with age adjustment for more elderly individuals" was printed "for more
    older people"."""
    out = Rewriter().simplify(
        "The guideline panel recommends that spirometry, demonstrating airflow obstruction "
        "(post-bronchodilator forced expiratory volume in one second/forced vital capacity "
        "[FEV1/FVC] <70%, with age adjustment for more elderly individuals), be used to "
        "confirm all initial diagnoses of COPD.")
    assert "with age adjustment for older people" in out
    assert "more older" not in out
    assert "70%" in out


def test_how_the_advice_is_done_stays_with_the_advice_not_the_group() -> None:
    """VA/DoD COPD: "investigating additional comorbid diagnoses particularly in patients who
    experience frequent exacerbations (…) using simple tests and decision rules (…)" was
    printed "If you experience frequent flare-ups (…) using simple tests …, experts advise
    investigating extra other diagnoses particularly." — the tests became part of the
    condition, "particularly" ended the sentence, and the advice for everyone became advice
    for some."""
    out = Rewriter(COPD_ACRONYMS).simplify(
        "The guideline panel recommends investigating additional comorbid diagnoses "
        "particularly in patients who experience frequent exacerbations (two or more/year, "
        "defined as prescription of corticosteroids, prescription of antibiotics, "
        "hospitalization, or ED visit) using simple tests and decision rules (cardiac ischemia "
        "[troponin, electrocardiogram], congestive heart failure [B-type natriuretic peptide "
        "(BNP), pro-BNP], pulmonary embolism [D-dimer plus clinical decision rule], and "
        "gastroesophageal reflux).")
    assert out.startswith("Experts advise looking into other health problems you may also "
                          "have, using simple tests")
    assert "This is especially for people who have frequent flare-ups (two or more/year" \
        in out
    assert "particularly." not in out and "extra other" not in out
    assert not out.startswith("If ")


def test_a_process_note_is_said_as_a_note_not_as_advice() -> None:
    """VA/DoD COPD: "*Modified from the 2007 Clinical Practice Guideline (CPG) without an
    updated systematic review of the evidence*." was printed after the advice as if it were
    one more thing to do; the year stays (numbers are never dropped)."""
    out = Rewriter({"CPG": "Clinical Practice Guideline"}).simplify(
        "The guideline panel recommends offering prevention and risk reduction efforts "
        "including smoking cessation and vaccination. *Modified from the 2007 Clinical Practice "
        "Guideline (CPG) without an updated systematic review of the evidence*.")
    assert out.endswith("Note: this advice comes from the 2007 guideline. The studies were not "
                        "reviewed again.")
    assert "Modified from" not in out


# --- CDC health-care personnel ----------------------------------------------------------------

def test_a_guideline_for_staff_speaks_to_staff() -> None:
    """CDC hepatitis B protection of health-care personnel: the target population is
    "Persons working, training, or volunteering in health-care settings", but the page was
    titled "a guide for patients", its summary said "the health workers", and "Health-care
    providers … should get 2 doses" became "Your care team should get 2 doses"."""
    pvg = corpus_pvg("cdc_health-care-personnel-hepatitis-b-protection_2013.md")
    assert pvg.title.endswith(": a guide for health workers")
    assert "occupational health service" in pvg.summary
    # the source person of an exposure is someone else, never "you"
    assert "If you are a source person" not in pvg.summary
    assert not any("If you are a source person" in r.text for r in pvg.recommendations)
    assert not any(r.text.startswith("Your care team should get") or
                   "\n- Your care team should get" in r.text for r in pvg.recommendations)


# --- advice sentences: the group said as "you", the condition first -----------------------------

def test_advice_that_a_group_do_something_is_said_to_the_reader() -> None:
    """USPSTF folic acid: "The USPSTF recommends that all women who are planning or capable
    of pregnancy take a daily supplement containing 0.4 to 0.8 mg (400-800 µg) of folic
    acid." was printed as one 28-word sentence about "all women"; the condition comes first
    and the dose is kept exactly."""
    out = Rewriter().simplify(
        "The USPSTF recommends that all women who are planning or capable of pregnancy take a "
        "daily supplement containing 0.4 to 0.8 mg (400-800 \u00b5g) of folic acid.")
    assert out == ("If you are a woman who is planning or able to get pregnant, experts advise "
                   "that you take a daily supplement with 0.4 to 0.8 mg (400-800 \u00b5g) "
                   "of folic acid.")
    page = corpus_pvg("uspstf_folic-acid-neural-tube-defects_2017.md")
    assert ("If you are planning or able to get pregnant:\n- Experts advise that you take a daily "
            "supplement with 0.4 to 0.8 mg") in page.recommendations[0].text


def test_a_group_that_ends_in_a_modal_is_no_condition() -> None:
    """VA/DoD pregnancy: "… suggests that patients who have undergone bariatric surgery should
    be evaluated for nutritional deficiencies" must not become "If you have undergone
    bariatric surgery should:"."""
    out = Rewriter().simplify(
        "The Work Group suggests that patients who have undergone bariatric surgery should be "
        "evaluated for nutritional deficiencies and need for nutritional supplements.")
    assert "surgery should:" not in out and "surgery should," not in out


def test_a_block_said_to_you_is_titled_by_what_is_done() -> None:
    """VA/DoD COPD: "If you have COPD and signs or symptoms of a sleep disorder, experts
    suggest that you have a diagnostic sleep check." is titled by the action, not "Have a
    diagnostic sleep check"."""
    assert layout.block_title("If you have COPD and signs or symptoms of a sleep disorder, "
                              "experts suggest that you have a diagnostic sleep check.",
                              Direction.FOR) == "Having a diagnostic sleep check"


# --- phrases a patient cannot read, replaced whole ------------------------------------------

def test_breast_screening_phrases_are_said_in_everyday_words() -> None:
    """USPSTF breast cancer, round 3 item 3: "as a primary screening method", "on an
    otherwise negative screening mammogram", "deaths averted", "unnecessary and sometimes
    invasive follow-up testing", "familial breast cancer syndrome", "high risk breast
    lesion"."""
    text = (section(corpus_pvg("uspstf_breast-cancer-screening_2016.md"), ABOUT)
            + section(corpus_pvg("uspstf_breast-cancer-screening_2016.md"), KEY)
            + section(corpus_pvg("uspstf_breast-cancer-screening_2016.md"), CONSIDER))
    for plain in ("as the main screening test", "on a screening mammogram with no other "
                  "findings", "deaths prevented", "some of which (such as a biopsy) go into "
                  "the body", "inherited condition that raises the risk of breast cancer",
                  "breast change with a high risk of becoming cancer"):
        assert plain in text, plain
    for jargon in ("primary screening method", "otherwise negative", "averted",
                   "invasive check-up", "family breast cancer", "sore or growth"):
        assert jargon not in text, jargon


def test_a_group_presenting_with_a_problem_is_a_reader_who_has_it() -> None:
    """VA/DoD opioids: "for patients presenting with high risk and/or aberrant behavior" was
    printed "This is for people presenting with high risk or warning signs of misuse"."""
    out = Rewriter().simplify(
        "The Work Group recommends interdisciplinary care that addresses pain, substance use "
        "disorders, and/or mental health problems for patients presenting with high risk "
        "and/or aberrant behavior.")
    assert out.startswith("If you have high risk or warning signs of misuse, experts advise")
    assert "presenting" not in out


def test_the_stroke_caution_reads_in_everyday_words() -> None:
    """NHLBI: "approximately 11 percent of untreated women with SCD have had a clinically
    apparent stroke; this statistic increases to 24 percent by age 45"."""
    key = section(corpus_pvg("nhlbi_sickle-cell-health-maintenance_2014.md"), KEY)
    assert "about 11 percent" in key and "this rises to 24 percent by age 45" in key
    assert "clinically apparent" not in key and "statistic" not in key


def test_an_adjective_that_looks_like_a_verb_starts_no_instruction() -> None:
    """USPSTF lung cancer: "Direct evidence from a large, well-conducted, randomized,
    controlled trial provides moderate certainty …" was printed "Your care team should direct
    proof from a large … trial provides …"."""
    out = Rewriter().simplify(
        "Direct evidence from a large, well-conducted, randomized, controlled trial provides "
        "moderate certainty of the benefit of lung cancer screening with LDCT in this "
        "population.")
    assert out.startswith("Direct proof from a large")
    assert "care team" not in out


def test_you_after_a_preposition_keeps_the_verb_of_its_subject() -> None:
    """USPSTF lung cancer: "The magnitude of benefit to the person depends on that person's
    risk" was printed "The magnitude of benefit to you depend on your risk"."""
    assert Rewriter().simplify("The benefit to the person depends on that person's risk.") == (
        "The benefit to you depends on your risk.")
    out = Rewriter().simplify(
        "The magnitude of benefit to the person depends on that person's risk for lung cancer "
        "because those who are at highest risk are most likely to benefit.")
    assert out.startswith("How much you gain depends on your risk for lung cancer.")
    assert "you depend " not in out


def test_an_appropriate_check_is_the_right_check() -> None:
    """VA/DoD depression: "an appropriate evaluation that includes …" was printed "a right
    check that includes …"; "the use of shared decision-making principles" was printed
    "using deciding together with your clinician principles"."""
    out = Rewriter().simplify(
        "For patients with suspected depression, the Work Group recommends an appropriate "
        "evaluation that includes a determination of functional status and medical history.")
    assert "the right check" in out and "a right check" not in out
    out = Rewriter().simplify(
        "The individualized treatment plan should be developed using shared decision making "
        "principles.")
    assert "developed by deciding together with you" in out
    assert "clinician principles" not in out


def test_testing_that_should_be_done_is_said_of_who_gets_it() -> None:
    """CDC-PHS organ transplant: "Post-transplant HBV testing of recipients should be
    performed when the donor …" and "Testing of transplant candidates pre-transplant for HIV,
    HBV, and HCV should be performed when …" were printed in the passive; who is tested is
    the subject, and the condition and its list stay as they were."""
    rw = Rewriter({"HBV": "hepatitis B virus", "HCV": "hepatitis C virus"})
    out = rw.simplify(
        "Post-transplant HBV testing of recipients should be performed when the donor (living "
        "or deceased) meets any of the following criteria: (1) identified as being at "
        "increased risk for HBV infection, (2) screening specimens are hemodiluted.")
    assert out.startswith("If you are a recipient, you should get hepatitis B testing after "
                          "the transplant. This applies when the donor (living or deceased) "
                          "meets any of")
    assert "\n- (1) found to be at higher risk for hepatitis B infection" in out
    out = rw.simplify("Testing of transplant candidates pre-transplant for HIV, HBV, and HCV "
                      "should be performed when the donor is known to be infected.")
    assert out == ("If you are a transplant candidate, you should get tested before the "
                   "transplant for HIV, hepatitis B, and hepatitis C. This applies when the donor "
                   "is known to be infected.")


def test_routinely_before_a_verb_stays_an_adverb() -> None:
    """VA/DoD COPD: "suggests against routinely prescribing outpatient long-term oxygen
    therapy" was printed "against as a routine giving outpatient long-term oxygen
    therapy"."""
    out = Rewriter().simplify(
        "The guideline panel suggests against routinely prescribing outpatient long-term "
        "oxygen therapy for patients with chronic stable isolated exercise hypoxemia.")
    assert "against routinely giving outpatient long-term oxygen" in out
    assert "as a routine" not in out


def test_two_list_items_that_start_alike_are_two_lines() -> None:
    """VA/DoD COPD: "classification of patients with COPD into two groups: Patients who
    experience frequent exacerbations (…) Patients without frequent exacerbations." lost its
    line breaks and was printed as one run-on sentence."""
    out = Rewriter({"ED": "emergency department"}).simplify(
        "The guideline panel suggests classification of patients with COPD into two groups: "
        "Patients who experience frequent exacerbations (two or more/year, defined as "
        "prescription of corticosteroids, prescription of antibiotics, hospitalization, or ED "
        "visit) Patients without frequent exacerbations.")
    assert out.endswith("into two groups:\n- People who have frequent flare-ups (two or "
                        "more/year, defined as prescription of steroid medicines, prescription "
                        "of germ-killing medicines, hospital care, or emergency room visit)\n"
                        "- People without frequent flare-ups")


def test_pain_patients_are_people_with_pain() -> None:
    """Colorado CRPS: "Acupuncture is recommended for subacute or chronic pain patients" was
    printed "for subacute or long-term pain people"."""
    out = Rewriter().simplify("Acupuncture is recommended for subacute or chronic pain patients "
                              "who are trying to increase function.")
    assert ("If you have subacute or long-term pain and are trying to increase function, "
            "experts advise acupuncture.") in out
    assert "pain people" not in out


def test_an_ing_word_takes_its_object_without_of() -> None:
    """VA/DoD opioids: "Provision of naloxone rescue" was printed "Giving of naloxone
    rescue", and "starting with an informed consent conversation" ran on in a 30-word
    sentence; "abrupt stopping of opioids" keeps its "of"."""
    assert Rewriter().simplify("Provision of naloxone rescue and accompanying education") == (
        "Giving naloxone rescue and accompanying teaching.")
    out = Rewriter().simplify(
        "The Work Group recommends implementing risk mitigation strategies upon initiation of "
        "long-term opioid therapy, starting with an informed consent conversation covering the "
        "risks and benefits of opioid therapy as well as alternative therapies.")
    assert ". This starts with an informed consent conversation" in out
    assert "Abrupt stopping of opioids" in Rewriter().simplify(
        "Abrupt stopping of opioids is not recommended.")


def test_the_client_is_you_and_a_summary_list_keeps_its_colon() -> None:
    """CDC/OPA family planning: "take steps either to provide or to refer the client for the
    appropriate further tests" kept "the client" in text addressed to "you", and the summary
    printed "… include these screening care reproductive life plan; medical history; …"."""
    pvg = corpus_pvg("cdc-opa_quality-family-planning-services_2014.md")
    assert "Preconception health care for women includes screening for these: reproductive life "\
        "plan; medical history;" in pvg.summary
    assert not any("the client" in r.text for r in pvg.recommendations)
    assert any("to refer you for the right further tests" in r.text for r in pvg.recommendations)


def test_a_named_device_keeps_patient_in_its_name() -> None:
    """NHLBI acute complications: "If demand dosing only is ordered via the PCA" was printed
    "via you-controlled analgesia" ("the patient" read as the reader inside a name)."""
    out = Rewriter({"PCA": "patient-controlled analgesia"}).simplify(
        "If demand dosing only is ordered via the PCA, continue use of long-acting oral "
        "opioids.")
    assert "via patient-controlled analgesia" in out and "you-controlled" not in out


def test_checked_again_keeps_its_object_first() -> None:
    """NHLBI acute complications: "reassess pain and re-administer opioids" was printed
    "check again pain and re-administer opioids"; "reassess after each dose" stays."""
    out = Rewriter().simplify("In adults and children with sickle cell disease and severe pain, "
                              "reassess pain and re-administer opioids every 15 to 30 minutes.")
    assert "check pain again and re-administer opioids" in out
    assert "check again after each dose" in Rewriter().simplify(
        "Reassess after each dose for pain relief and side effects.")


def test_a_step_followed_by_a_test_is_two_sentences() -> None:
    """CDC health-care personnel: "should receive 2 additional vaccine doses (usually 6 doses
    total), followed by repeat anti-HBs testing 1 to 2 months after the last dose" is one
    long sentence with two steps; each step is its own sentence, every number kept."""
    out = Rewriter().simplify(
        "HCP whose anti-HBs remains <10 mIU/mL should receive 2 additional vaccine doses "
        "(usually 6 doses total), followed by repeat anti-HBs testing 1 to 2 months after the "
        "last dose.")
    assert out.endswith("should get 2 extra vaccine doses (usually 6 doses total). After that "
                        "comes repeat anti-HBs testing 1 to 2 months after the last dose.")


def test_a_stress_and_a_reason_after_advice_are_sentences_of_their_own() -> None:
    """VA/DoD pregnancy and PTSD: "…, particularly in facilities where the result might affect
    management of delivery." and "… for the treatment of PTSD due to low quality evidence or
    the absence of studies …" ran on in 45- and 35-word sentences."""
    out = Rewriter().simplify(
        "The Work Group recommends considering the use of fetal fibronectin testing as a part "
        "of the evaluation strategy in women between 24 and 34 6/7 weeks gestation with signs "
        "and symptoms of preterm labor, particularly in facilities where the result might "
        "affect management of delivery.")
    assert out.endswith(". This applies especially in facilities where the result might "
                        "affect care of delivery.")
    assert "24 and 34 6/7 weeks" in out
    out = Rewriter().simplify(
        "The Work Group recommends against using atypical antipsychotics, benzodiazepines, and "
        "divalproex as augmentation treatment for the treatment of PTSD due to low quality "
        "evidence or the absence of studies.")
    assert ". This is due to low quality proof or the absence of studies." in out
    assert "pain due to low back strain" in Rewriter().simplify(
        "Ice may help pain due to low back strain.")


def test_a_group_lead_before_any_statement_is_said_as_the_reader_first() -> None:
    """VA/DoD hip and knee osteoarthritis: "In patients with hip or knee osteoarthritis, there
    is insufficient evidence …" and "For patients with osteoarthritis of the knee, the
    addition of manual physical therapy … can improve …" kept "people with …" as a lead the
    reader must translate; the group is said as "you", first, and laid out as a lead-in."""
    out = Rewriter().simplify(
        "In patients with hip or knee osteoarthritis, there is insufficient evidence to "
        "recommend for or against the use of dietary supplements for relief of pain and "
        "improved function.")
    assert out.startswith("If you have hip or knee osteoarthritis, there is not enough proof "
                          "to advise for or against")
    pvg = corpus_pvg("va-dod_hip-knee-osteoarthritis_2014.md")
    assert any(r.text.startswith("If you have osteoarthritis of the knee:\n- Adding "
                                 "manual physical therapy") for r in pvg.recommendations)


def test_a_shared_lead_in_names_the_reader() -> None:
    """NHLBI acute complications: the lead-in shared by a list of advice, "In adults and
    children with SCD and a VOC associated with severe pain:", was printed "Part of the
    advice: In adults and children with sickle cell disease and a pain crisis linked to
    severe pain:" above advice said to "you"."""
    key = section(corpus_pvg("nhlbi_sickle-cell-acute-complications_2014.md"), KEY)
    assert ("If you or your child has sickle cell disease and a pain crisis linked to severe "
            "pain:") in key
    assert "In adults and children with sickle cell disease and a pain crisis" not in key


def test_a_whole_phrase_holding_a_spelt_out_acronym_is_swapped_whole() -> None:
    """CPSTF team-based care: "improving the proportion of patients with controlled BP and
    reducing systolic BP (SBP) and diastolic BP (DBP)" was printed "improving the proportion
    of people with controlled blood pressure and reducing top-number blood pressure and
    bottom-number blood pressure": the spelt-out "blood pressure" was held as a name, so only
    the words around it were swapped."""
    rw = Rewriter({"BP": "blood pressure", "SBP": "systolic blood pressure",
                   "DBP": "diastolic blood pressure"})
    out = rw.simplify(
        "The Community Preventive Services Task Force recommends team-based care to improve "
        "blood pressure (BP) control on the basis of strong evidence of effectiveness in "
        "improving the proportion of patients with controlled BP and reducing systolic BP (SBP) "
        "and diastolic BP (DBP).")
    assert out.endswith("helping more people get their blood pressure under control and "
                        "reducing both blood pressure numbers (top and bottom).")
    assert "top-number" not in out


def test_advice_that_a_thing_be_done_is_said_actively() -> None:
    """VA/DoD hypertension and kidney disease: "recommends that blood pressure be measured
    with a technique …", "that sodium intake be limited to …" and "suggests that periodic
    screening … be considered" were passive; what is done comes first. A group of people
    ("that medicines should be reviewed", "be provided by the rehab team") is left alone."""
    assert Rewriter().simplify(
        "The Work Group recommends that sodium intake be limited to 2,300 mg per day.") == (
        "Experts advise limiting salt intake to 2,300 mg per day.")
    assert Rewriter().simplify(
        "The Work Group suggests that periodic screening for chronic kidney disease be "
        "considered.") == ("Experts suggest thinking about regular screening for chronic "
                           "kidney disease.")
    kept = Rewriter().simplify("The Work Group suggests that education be provided by the "
                               "rehabilitation team.")
    assert "that teaching be provided by" in kept



# --- harms and conditions said in the source but left off the page --------------------------

def _pvg_of(markdown: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(markdown.encode(), "guideline.md"))


_SCREENING = "\n\n".join([
    "# Breast cancer screening",
    "## Major Recommendations",
    "The USPSTF recommends biennial screening mammography for women aged 50 to 74 years. "
    "(**B recommendation**)",
    "## Benefits, Harms and Qualifying Statements",
    "### Potential Harms",
    "#### Harms of Screening and Early Treatment",
    "The U.S. Preventive Services Task Force (USPSTF) found adequate evidence that screening for "
    "breast cancer with mammography results in harms for women aged 40 to 74 years. The most "
    "important harm is the diagnosis and treatment of noninvasive and invasive breast cancer "
    "that would otherwise not have become a threat to a woman's health, or even apparent, "
    "during her lifetime (that is, overdiagnosis and overtreatment). False-positive results are "
    "common and lead to unnecessary and sometimes invasive follow-up testing, with the "
    "potential for psychological harms (such as anxiety). False-negative results (that is, "
    "missed cancer) also occur and may provide false reassurance. Radiation-induced breast "
    "cancer and resulting death can also occur, although the number of both of these events is "
    "predicted to be low.",
]) + "\n"


def test_every_harm_sentence_of_the_harms_text_is_on_the_page() -> None:
    """USPSTF breast cancer screening, Potential Harms: the fourth and fifth harm sentences
    (missed cancer that may give false reassurance; radiation-induced cancer) were cut by a
    limit of three items, so "Possible harms" told of false positives only."""
    harms = section(_pvg_of(_SCREENING), CONSIDER)
    assert "missed cancer" in harms
    assert "false reassurance" in harms
    assert "Radiation-induced breast cancer and resulting death can also occur" in harms
    assert "False-positive results are common" in harms


_SYMPATHECTOMY = "\n\n".join([
    "# Complex regional pain syndrome",
    "## Major Recommendations",
    "#### Sympathectomy, Including Use of Phenol or Radiofrequency",
    "This procedure is generally ***not recommended*** and requires prior authorization. It may "
    "be considered for patients who are unable to return to normal activities of daily living "
    "when using the other non-operative treatments and who meet the strict indications.",
    "Indications – Single extremity CRPS-I with a significant amount of sympathetically "
    "mediated ischemia and distal pain only. The procedure should not be done if the proximal "
    "extremity is involved. Local anesthetic stellate ganglion block or lumbar sympathetic "
    "block consistently gives 90% to 100% relief each time a technically good block is "
    "performed and results in a temperature difference between the affected and the "
    "unaffected extremity of at least 1 degree Celsius. The procedure may be considered for "
    "individuals who have limited duration of relief from blocks. Permanent neurological "
    "complications are common.",
]) + "\n"


def test_a_harm_and_a_condition_said_after_advice_stay_with_it() -> None:
    """Colorado CRPS, sympathectomy: "Permanent neurological complications are common." and
    the block-response conditions (90% to 100% relief, at least 1 degree Celsius) sit between
    and after the recommendations of the indications paragraph, and none reached the page."""
    pvg = _pvg_of(_SYMPATHECTOMY)
    page = section(pvg, KEY)
    assert "90% to 100%" in page
    assert "at least 1 degree Celsius" in page
    assert "Permanent" in page and "common" in page
    block = page[page.index("limited length of time"):]
    assert "Take care:" in block.split("How strong")[0]


def test_the_patient_and_their_doctor_become_you_and_your_doctor() -> None:
    """Colorado CRPS: "the patient and treating physician should identify functional
    operative goals" was printed "you and treating doctor should find …"."""
    said = patient_to_you("Prior to surgical intervention, the patient and treating physician "
                          "should identify functional operative goals.")
    assert said == ("Prior to surgical intervention, you and your treating physician should "
                    "identify functional operative goals.")
    pvg = corpus_pvg("colorado-dowc_complex-regional-pain-syndrome_2017.md")
    page = "\n".join([pvg.summary, *(s.body for s in pvg.sections)])
    assert "you and your treating doctor should find" in page
    assert "you and treating doctor" not in page


def test_two_adjectives_before_a_group_keep_the_group_phrase() -> None:
    """USPSTF hepatitis B: "asymptomatic, nonpregnant adolescents and adults" was printed
    "It is for without symptoms, nonpregnant teens and adults": the comma hid the group
    phrase, so the adjective alone was swapped in front of it."""
    out = Rewriter().simplify("Asymptomatic, nonpregnant adolescents and adults at high risk.")
    assert out == "Nonpregnant teens and adults without symptoms at high risk."
    pvg = corpus_pvg("uspstf_hepatitis-b-screening_2014.md")
    assert "for without symptoms" not in pvg.summary


def test_a_fronted_frame_is_no_title() -> None:
    """CDC-LMBP lipoprotein biomarkers: "According to the LMBP methods, based on the moderate
    evidence of effectiveness the lipoprotein apo B/apo A-I ratio is recommended …" was titled
    "By the Laboratory Medicine Best Practices methods", and its tick box read "Ask your care
    team about by the Laboratory Medicine Best Practices methods"."""
    pvg = corpus_pvg("cdc-lmbp_lipoprotein-biomarkers-cvd-risk_2016.md")
    page = "\n".join(s.body for s in pvg.sections)
    assert "apo B/apo A-I ratio" in section(pvg, KEY).split("#### 3.", 1)[1].split("\n", 1)[0]
    assert "about by the" not in page and "Are by the" not in page


def test_a_sentence_of_the_next_recommendation_is_no_caution_of_this_one() -> None:
    """VA/DoD depression laid out as a PDF: the lead-in of advice 8 ("As first-line treatment
    … experts advise one of these treatments. This is based on … safety/side effects …") was
    also printed under advice 7 as "Take care:", because in the PDF's lines advice 8 was not
    found in place and its sentence named side effects."""
    name = "va-dod_major-depressive-disorder_2016"
    data = render(corpus_file(f"{name}.md").decode("utf-8"), "pdf", name=name)
    pvg = OfflineProvider().generate(parse_guideline(data, f"{name}.pdf"))
    key = section(pvg, KEY)
    assert "**Take care:** As first-line treatment" not in key
    assert key.count("As first-line treatment for uncomplicated mild to moderate") == 1


def test_a_title_for_what_the_care_team_does_to_you_says_what_you_get() -> None:
    """"Your care team should tell you about X" is titled by what the reader gets ("Being told
    about X"), never "Telling about X", which reads as the reader's own task."""
    assert layout.block_title("If you are a transplant candidate, your care team should tell "
                              "you about the risk of HIV from the organ.", Direction.FOR) \
        == "Being told about the risk of HIV"
    assert layout.block_title("Your care team should teach you about the detrimental effects "
                              "of immobility.", Direction.FOR) \
        == "Being taught about the detrimental effects of immobility"
    assert layout.block_title("Your care team should release or return you to modified or "
                              "restricted duty during your rehab.", Direction.FOR) \
        == "Being released or returned to modified or restricted duty"


def test_a_do_not_use_verdict_is_titled_by_the_medicine() -> None:
    """"Do not use meperidine for long-term pain." is titled as "Meperidine is not advised
    for long-term pain." was: by the medicine, not by the heading of its section."""
    assert layout.block_title("Do not use meperidine for long-term pain.", Direction.AGAINST) \
        == "Not advised: meperidine"
    assert layout.block_title("Do not use calcitonin.", Direction.AGAINST) \
        == "Not advised: calcitonin"


def test_being_told_that_names_what_the_reader_is_told() -> None:
    """CDC-PHS: "Your care team should tell you that although all donors are screened …,
    donor screening has limits …" was titled "Being told" (of what?)."""
    assert layout.block_title(
        "Your care team should tell you that although all donors are screened for HIV, "
        "hepatitis B, and hepatitis C, donor screening has limits and no screening question "
        "or lab test can completely eliminate the risk.", Direction.FOR) \
        == "Being told that donor screening has limits"
