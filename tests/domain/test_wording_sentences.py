"""Sentence-level defects of the patient versions, each from its source passage: short forms
and terms left unexplained, a meaning given in the wrong sense, a list of lists flattened,
one person called "people" and "you" in the same sentence, and a setting read as an example
of a group."""

from __future__ import annotations

from functools import cache

from domain.generation import OfflineProvider
from domain.glossary import build
from domain.layout import block_title
from domain.model import Direction, PatientVersion
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.quality import check_quality
from domain.reader import patient_to_you
from domain.voice import condition_lead, joined
from tests.domain.conftest import corpus_file


@cache
def corpus_pvg(name: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(name), name))


def _guideline(statement: str) -> bytes:
    return (
        "# Clinical practice guideline for knee pain\n\n"
        "## Population\n\nAdults with knee pain.\n\n"
        "## Recommendations\n\n"
        f"1. {statement} (Strong for)\n"
    ).encode()


def _jargon(statement: str) -> list[str]:
    guideline = parse_guideline(_guideline(statement), "knee.md")
    report = check_quality(guideline, OfflineProvider().generate(guideline))
    return [f.message for f in report.findings if f.check == "jargon"]


def test_any_short_form_the_glossary_does_not_define_is_a_finding() -> None:
    """Quality control looked only for listed terms, so "BA/BT" or "PHQ-9" could stay in
    the advice unexplained and the guideline still passed. Any short form in capitals is now
    a finding when "Words to know" does not define it."""
    messages = _jargon("We recommend offering a QZX program to adults with knee pain.")
    assert any("'QZX'" in m for m in messages), messages


def test_capitals_for_stress_and_spine_levels_are_no_short_forms() -> None:
    """"If you are at HIGH ACUTE-RISK" and "C6-C7" hold no short form to explain."""
    messages = _jargon("We recommend surgery at C6-C7 for adults at HIGH ACUTE-RISK AND with "
                       "knee pain.")
    assert not [m for m in messages if "short form" in m], messages


def test_short_forms_the_guidelines_leave_unexplained_are_defined() -> None:
    """CDC LMBP: "lipoprotein apo B measure", "apo B/apo A-I ratio", "non-HDL-C practices";
    VA/DoD MDD: "(i.e., ACT, BA/BT, CBT …)"; VA/DoD PTSD: "stellate ganglion block" were
    printed with no meaning in "Words to know"."""
    text = ("The blood fat apo B/apo A-I ratio is advised. No advice could be made on "
            "non-HDL-C practices. That is: BA/BT. There is not enough proof for stellate "
            "ganglion block. Use HIV-1 tests and PHQ-9.")
    terms = {e.term: e for e in build(text, {})}
    for term in ("apo B", "apo A-I", "non-HDL-C", "BA/BT", "stellate ganglion block",
                 "HIV-1", "PHQ-9"):
        assert term in terms, term
        assert terms[term].source, term


def test_a_red_cell_antigen_is_not_explained_as_part_of_a_germ() -> None:
    """NHLBI health maintenance: "test her partner for the matching red cell antigen(s)"
    was explained as "a part of a germ that the body's defenses react to"."""
    entries = build("Your care team should test her partner for the matching red cell "
                    "antigen(s).", {})
    meaning = next(e.meaning for e in entries if e.term.startswith("red cell antigen"))
    assert "red blood cells" in meaning
    assert "germ" not in meaning


def test_a_list_of_lists_keeps_its_items_under_their_heading() -> None:
    """VA/DoD MDD recommendation 8: "Evidence-based psychotherapy:" with six therapies
    indented under it, then "Evidence-based pharmacotherapy:" with four medicines, was
    printed as one flat list of twelve, the medicines at the rank of "Proven talk therapy"."""
    text = next(r.text for r in corpus_pvg("va-dod_major-depressive-disorder_2016.md")
                .recommendations if "Mirtazapine" in r.text)
    assert "experts advise one of these treatments:\n- Proven talk therapy:\n  - Acceptance" \
        in text
    assert "\n- Proven medicine:\n  - Selective serotonin" in text
    assert "\n  - Bupropion" in text
    assert "Which one is right for you depends on your wishes" in text


def test_one_person_is_not_called_people_and_you_in_one_sentence() -> None:
    """VA/DoD MDD 14: "monitoring patients at least monthly until the patient achieves
    remission" was printed "checking people at least monthly until you achieve remission"."""
    said = patient_to_you("Experts advise checking people at least monthly until the patient "
                          "achieves remission.")
    assert said == "Experts advise checking you at least monthly until you achieve remission."
    # A group described as such stays the group.
    assert patient_to_you("Screen patients with diabetes until the patient is stable.") \
        .startswith("Screen people with diabetes")


def test_a_setting_is_not_listed_as_an_example_of_a_group() -> None:
    """CDC LMBP: "(e.g., men >35 years, women >45 years, and younger adults ≥20 years old …,
    in ambulatory and inpatient settings)" was printed as a list whose last item was "in
    clinics and hospitals", a fragment among groups of people."""
    out = Rewriter().simplify(
        "Lipoprotein apo B measure is recommended to improve the risk prediction for "
        "cardiovascular events when added to other traditional risk factors for the "
        "populations at risk (e.g., men >35 years, women >45 years, and younger adults ≥20 "
        "years old with multiple risk factors for cardiovascular disease [CVD], in ambulatory "
        "and inpatient settings).")
    items = [line for line in out.split("\n") if line.startswith("- ")]
    assert items and not any(i.startswith("- in ") for i in items), out
    assert "This applies in" in out


# --- Long advice sentences: the group is the reader, lists are lines ----------------------------

def test_a_group_with_a_list_of_signs_is_the_reader_and_the_signs_a_list() -> None:
    """NHLBI acute complications: "In patients with SCD who present with severe headache,
    altered level of consciousness, seizures, speech problems, or paralysis, evaluate for
    acute stroke …" was one sentence of 48 words, about "people" rather than the reader."""
    out = Rewriter().simplify(
        "In patients with sickle cell disease who present with severe headache, altered level "
        "of consciousness, seizures, speech problems, or paralysis, evaluate for acute stroke "
        "by performing an urgent head CT scan.")
    lines = out.split("\n")
    assert lines[0] == "If you have sickle cell disease and any of these:"
    assert lines[1:6] == ["- severe headache", "- altered level of consciousness",
                          "- seizures", "- speech problems", "- paralysis"]
    assert lines[6].startswith("Your care team should check for acute stroke")


def test_a_list_whose_last_item_carries_a_complement_is_left_whole() -> None:
    """VA/DoD hip and knee: "who have contraindications, poor response, or intolerable side
    effects with non-opioid treatments and tramadol": "with non-opioid treatments" may
    belong to every item, so the list is not cut into lines that would say otherwise."""
    out = Rewriter().simplify(
        "For patients with persistent severe osteoarthritis pain who have contraindications, "
        "poor response, or intolerable side effects with non-opioid therapies and tramadol, "
        "providers may consider non-tramadol opioids.")
    assert "\n- poor response" not in out


def test_a_group_named_after_the_verb_is_said_as_the_reader_first() -> None:
    """USPSTF breast cancer medications: "engage in shared, informed decision making with
    women who are at increased risk for breast cancer about medications to reduce their
    risk" spoke of women in the third person inside the advice."""
    from domain.voice import to_reader

    said = to_reader("Your care team should engage in shared, informed choice making with "
                     "women who are at higher risk for breast cancer about medicines to lower "
                     "their risk.")
    assert said == ("If you are a woman who is at higher risk for breast cancer, your care team "
                    "should engage in shared, informed choice making with you about medicines "
                    "to lower your risk.")


def test_a_list_of_groups_inside_the_advice_is_a_list() -> None:
    """USPSTF skin cancer: "counseling young adults, adolescents, children, and parents of
    young children about minimizing exposure to ultraviolet (UV) radiation for persons aged 6
    months to 24 years with fair skin types to reduce their risk of skin cancer" was one
    sentence with four groups inside it."""
    out = Rewriter().simplify(
        "The USPSTF recommends counseling young adults, adolescents, children, and parents of "
        "young children about minimizing exposure to ultraviolet (UV) radiation for persons "
        "aged 6 months to 24 years with fair skin types to reduce their risk of skin cancer.")
    lines = out.split("\n")
    assert lines[0] == ("If you are aged 6 months to 24 years with fair skin types, experts "
                        "advise counseling about minimizing exposure to ultraviolet radiation "
                        "for these people:")
    assert lines[1:5] == ["- young adults", "- teens", "- children",
                          "- parents of young children"]
    assert lines[5] == "The aim is to lower their risk of skin cancer."


def test_offer_to_prescribe_is_not_offer_you_to_prescribe() -> None:
    """USPSTF breast cancer medications: "offer to prescribe risk-reducing medications" was
    printed "Your care team should offer you to prescribe risk-reducing medicines"."""
    pvg = corpus_pvg("uspstf_breast-cancer-risk-reduction-medications_2013.md")
    text = "\n".join(r.text for r in pvg.recommendations)
    assert "offer you to" not in text
    assert "offer to prescribe risk-reducing medicines" in text


def test_of_the_patient_is_your_not_of_you() -> None:
    """VA/DoD amputation and suicide risk: "the reintegration of the patient to the unit" was
    printed "the reintegration of you to the unit"."""
    said = patient_to_you("The aim is to help in the recovery and the reintegration of the "
                          "patient to the unit.")
    assert said.endswith("your reintegration to the unit.")
    # Joined to someone else, the person is left as said: no "your safety and the staff".
    assert "your safety" not in patient_to_you(
        "The aim is to make sure the safety of the patient and the clinical staff.")


def test_one_health_worker_takes_a_verb_for_one() -> None:
    """CDC health-care personnel hepatitis B: "If the HCP has anti-HBs <10 mIU/mL" was
    printed "If the health workers has anti-HBs of less than 10 mIU/mL"."""
    rw = Rewriter(Rewriter.acronyms_from("health-care personnel (HCP)"))
    out = rw.simplify("If the HCP has anti-HBs <10 mIU/mL, give HBIG. If an exposed HCP is "
                      "breast feeding, she does not need to stop.")
    assert "If the health worker has" in out
    assert "If an exposed health worker is breast feeding" in out
    assert "health workers has" not in out and "health workers is" not in out
    # "between the X and the other providers is": the verb is not theirs.
    said = Rewriter().simplify("Coordination between the biofeedback provider and the other "
                               "providers is strongly encouraged.")
    assert "the other health workers is" in said


def test_family_planning_wording_agrees_and_speaks_to_the_reader() -> None:
    """CDC/OPA family planning: "Preconception health services for women include …" was
    printed "health care for women include"; "testing and or treatment" kept "and or"; "the
    most effective … method for her or him" kept "her or him" in advice said to "you"."""
    out = Rewriter().simplify(
        "Preconception health services for women include the following screening services: "
        "reproductive life plan; medical history; tobacco use; depression. When screening "
        "results indicate the presence of a health condition, the provider should take steps "
        "either to provide or to refer the client for the appropriate further diagnostic "
        "testing and or treatment. Providers should work with the client interactively to "
        "select the most effective method for her or him.")
    assert "health care for women includes" in out
    assert "and or" not in out
    assert "her or him" not in out and "method for you" in out


def test_the_reader_is_engaged_not_people() -> None:
    """VA/DoD PTSD 1: "engage patients in shared decision making" was printed "Experts advise
    engaging people in deciding together with your clinician": two persons for one reader."""
    said = patient_to_you("Experts advise engaging people in deciding together with your "
                          "clinician.")
    assert said == "Experts advise engaging you in deciding together with your clinician."


def test_when_a_measure_is_used_is_no_item_of_its_examples() -> None:
    """VA/DoD PTSD 5: "such as the PTSD Checklist for DSM, fifth edition (DSM-5) (PCL-5), in
    the initial treatment planning and to monitor treatment progress" was printed as a list
    of "the PTSD Checklist for DSM", "fifth edition" and "in the first treatment planning …"."""
    out = Rewriter().simplify(
        "For patients with a diagnosis of PTSD, the Work Group suggests using a quantitative "
        "self-report measure of PTSD severity, such as the PTSD Checklist for DSM, fifth "
        "edition (DSM-5) (PCL-5), in the initial treatment planning and to monitor treatment "
        "progress.")
    assert "\n- fifth edition" not in out
    assert "\n- in the first" not in out


def test_what_a_test_does_is_a_sentence_of_its_own() -> None:
    """CDC/APHL HIV testing: "… with an FDA-approved antigen/antibody combination (4th
    generation) immunoassay that detects HIV-1 and HIV-2 antibodies and HIV-1 p24 antigen to
    screen for …" was one sentence of 40 words."""
    out = Rewriter().simplify(
        "Laboratories should conduct initial testing for HIV with an FDA-approved "
        "antigen/antibody combination (4th generation) immunoassay that detects HIV-1 and "
        "HIV-2 antibodies and HIV-1 p24 antigen to screen for established infection with HIV-1 "
        "or HIV-2 and for acute HIV-1 infection.")
    assert "(4th generation) immunoassay. It detects HIV-1 and HIV-2 antibodies" in out


def test_a_short_group_at_the_end_is_said_as_the_reader_first() -> None:
    """USPSTF celiac disease and VA/DoD kidney disease: "… screening for celiac disease in
    asymptomatic persons" and "not giving phosphate binders to patients with stage 3 and 4
    CKD …" kept the group at the end of one long sentence."""
    out = Rewriter().simplify(
        "The USPSTF concludes that the current evidence is insufficient to assess the balance "
        "of benefits and harms of screening for celiac disease in asymptomatic persons.")
    assert out.startswith("If you have no symptoms, there is not enough proof")
    out = Rewriter().simplify(
        "The Work Group suggests not giving phosphate binders to patients with stage 3 and 4 "
        "chronic kidney disease with normal serum phosphorous.")
    assert out.startswith("Experts suggest not giving phosphate binders. This is for people "
                          "with stage 3 and 4 chronic kidney disease")
    # What follows the group belongs to the giving: "for rescue" is no part of the group.
    said = Rewriter().simplify("The Work Group recommends giving inhaled short-acting beta "
                               "2-agonists to patients with confirmed COPD for rescue therapy "
                               "as needed.")
    assert "This is for" not in said and "If you have confirmed COPD for rescue" not in said
    # "to people" after anything but giving is no group the advice is for.
    said = Rewriter().simplify("Explain the results to people with diabetes and their "
                               "families.")
    assert "This is for" not in said


def test_an_agency_that_also_found_is_not_renamed_word_by_word() -> None:
    """USPSTF breast cancer medications, harms: "The U.S. Preventive Services Task Force also
    found adequate evidence …" was printed "The U.S. Preventive care Task Force also found",
    the agency's name changed word by word."""
    out = Rewriter().simplify("The U.S. Preventive Services Task Force also found adequate "
                              "evidence that tamoxifen but not raloxifene increases risk for "
                              "endometrial cancer.")
    assert out.startswith("Experts also found enough proof that tamoxifen")
    assert "Preventive care" not in out
    said = Rewriter().simplify("The USPSTF also recommends one-time screening for HCV "
                               "infection for adults born between 1945 and 1965.")
    assert said == ("If you are an adult born between 1945 and 1965, experts also advise "
                    "one-time screening for HCV infection.")
    said = Rewriter().simplify("The U.S. Preventive Services Task Force (USPSTF) determined "
                               "that there is adequate evidence to bound the magnitude of harms "
                               "of behavioral interventions as small to none.")
    assert said.startswith("Experts found that there is enough proof") and "care Task" not in said
    said = Rewriter().simplify("The USPSTF previously found adequate evidence that intensive "
                               "behavioral counseling interventions have moderate benefits.")
    assert said.startswith("Earlier, experts found enough proof") and "care Task" not in said


def test_considered_susceptible_is_seen_as_at_risk() -> None:
    """CDC health-care personnel hepatitis B: "should be considered susceptible to HBV
    infection" was printed "You should be thought about at risk of hepatitis B infection",
    which says something else."""
    out = Rewriter({"HBV": "hepatitis B virus"}).simplify(
        "Those determined not to be HBV infected (vaccine nonresponders) should be considered "
        "susceptible to HBV infection.")
    assert "should be seen as at risk of hepatitis B infection" in out
    assert "thought about at risk" not in out


def test_the_following_management_is_this_care() -> None:
    """Colorado CRPS: "The following management is suggested for maintenance opioids:" was
    printed "These care is suggested for long-term opioids:"."""
    out = Rewriter().simplify("The following management is suggested for maintenance "
                              "opioids: a; b; c.")
    assert "These care" not in out and out.startswith("Experts suggest this care")


def test_a_short_form_spelt_out_only_in_a_heading_is_explained() -> None:
    """VA/DoD suicide risk as a PDF: "Antiepileptic Drugs (AEDs)" is spelt out only in the
    heading "M6. Use of Antiepileptic Drugs (AEDs) and the Risk of Suicide", so "after an AED
    is initiated" was left unexplained."""
    text = (b"# Guideline for suicide risk\n\n## Population\n\nAdults at risk for suicide.\n\n"
            b"## Use of Antiepileptic Drugs (AEDs) and the Risk of Suicide\n\n"
            b"1. We recommend that clinicians monitor patients for changes in behavior after an "
            b"AED is started for any reason. (Strong for)\n")
    guideline = parse_guideline(text, "aed.md")
    pvg = OfflineProvider().generate(guideline)
    advice = " ".join(r.text for r in pvg.recommendations)
    defined = {e.term for e in pvg.glossary}
    assert "antiepileptic drug" in advice.lower() or "AED" in defined, (advice, defined)
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if "'AED'" in f.message]


def test_the_group_after_an_aim_is_said_as_the_reader_first() -> None:
    """USPSTF hormone therapy: "… against the use of estrogen alone for the primary prevention
    of chronic conditions in postmenopausal women who have had a hysterectomy" ended with
    "The aim is to prevent chronic conditions in women after menopause who have had a
    hysterectomy": the reader learnt last whether it was for them."""
    out = Rewriter().simplify(
        "The USPSTF recommends against the use of estrogen alone for the primary prevention of "
        "chronic conditions in postmenopausal women who have had a hysterectomy.")
    assert out == ("If you are a woman after menopause who has had a hysterectomy, experts "
                   "advise against the use of estrogen alone. The aim is to prevent chronic "
                   "conditions.")


def test_a_group_with_two_who_clauses_is_the_reader_and_one_line_a_condition() -> None:
    """VA/DoD hip and knee: "For patients with OA of the hip and/or knee, who experience …,
    and who have not benefited from …, clinicians may offer referral …" was one sentence of
    46 words; the group is the reader, each "who" a line, both still required."""
    out = Rewriter().simplify(
        "For patients with osteoarthritis of the hip or knee, who experience joint symptoms "
        "with substantial impact on their quality of life, and who have not benefited from "
        "the core non-surgical therapies, clinicians may offer referral for joint "
        "replacement surgery.")
    assert out.split("\n") == [
        "If you have osteoarthritis of the hip or knee and you:",
        "- have joint symptoms with large impact on your quality of life",
        "- have not benefited from the core non-surgical treatments",
        "Your care team may offer referral for joint replacement surgery.",
    ]


def test_one_who_clause_is_no_list() -> None:
    """A single "who" clause is the group itself: no one-line list is made of it."""
    out = Rewriter().simplify(
        "For patients with osteoarthritis of the knee, who experience joint symptoms, "
        "clinicians may offer physical therapy.")
    assert "and you:" not in out


def test_an_example_of_one_listed_condition_stays_on_its_line() -> None:
    """"who experience joint symptoms (such as pain, stiffness, …)": the example goes with
    the condition it explains, not between the list and the advice after it."""
    out = Rewriter().simplify(
        "For patients with osteoarthritis of the hip or knee, who experience joint symptoms "
        "(such as pain, stiffness, and reduced function) with substantial impact on their "
        "quality of life, and who have not benefited from the core non-surgical therapies, "
        "clinicians may offer referral for joint replacement surgery.")
    lines = out.split("\n")
    assert lines[1].startswith("- have joint symptoms")
    assert "For example: pain, stiffness" in lines[1]
    assert lines[-1] == "Your care team may offer referral for joint replacement surgery."


def test_a_lead_in_over_a_list_of_conditions_is_not_joined_to_its_first_line() -> None:
    """Joined, "If you have X and you:" read "If you have X and you, have A" with B left
    hanging as a list line of its own."""
    text = ("If you have osteoarthritis of the hip or knee and you:\n- have joint symptoms\n"
            "- have not benefited from the core treatments\nYour care team may offer surgery.")
    assert joined(text) == text
    assert joined("If you have asthma:\n- Get a flu shot.") == "If you have asthma, get a flu shot."


def test_a_list_of_conditions_takes_its_title_from_the_advice_after_it() -> None:
    text = ("If you have osteoarthritis of the hip or knee and you:\n- have joint symptoms\n"
            "- have not benefited from the core treatments\n"
            "Your care team may offer referral for joint replacement surgery.")
    assert block_title(text, Direction.FOR) == "Offering referral for joint replacement surgery"


def test_an_example_whose_words_two_list_lines_share_is_not_put_on_the_first() -> None:
    """VA/DoD suicide risk: "(e.g., firearms, medications, knives, or razor blades)" follows
    "means of self-harm" in item f; item a says "self-harm" too, and is no place for it."""
    out = Rewriter().simplify(
        "At a minimum, patient and family education should include: a. The nature of "
        "self-harm or suicide behaviors b. The importance of removing potentially lethal "
        "means of self-harm (e.g., firearms, knives, or razor blades) from the home "
        "environment c. Risk factors associated with suicide")
    first = next(line for line in out.split("\n") if "nature of" in line)
    assert "razor" not in first


def test_the_majority_of_patients_is_most_people() -> None:
    """Colorado chronic pain: "as the majority of patients with SI joint dysfunction will do
    well …" read "most of people with …"."""
    out = Rewriter().simplify(
        "Experts suggest against routine referral to specialty care in the majority of "
        "patients with a history of concussion.")
    assert "most of people" not in out and "most people with a history" in out
    assert "Most of the people" in Rewriter().simplify(
        "The majority of the patients recovered within three months.")


def test_a_group_said_first_is_the_readers_condition() -> None:
    """VA/DoD hip and knee: "For patients with OA of the knee or hip, the prescription and
    training of walking aids should be carried out by …" spoke of "people" to the reader."""
    out = Rewriter().simplify(
        "For patients with osteoarthritis of the knee or hip, the prescription and training "
        "of walking aids should be carried out by a physical therapist.")
    assert out.startswith("If you have osteoarthritis of the knee or hip, the prescription")
    # An order to a clinician is not turned into one to the reader: it stays the care
    # team's, with the group said as the reader.
    kept = "For patients with a high jet velocity, consult a heart specialist before surgery."
    assert Rewriter().simplify(kept) == ("If you have a high jet velocity, your care team "
                                         "should consult a heart specialist before surgery.")


def test_a_misspelt_verdict_is_said_and_its_reason_apart() -> None:
    """Colorado chronic pain prints "are not recommende due to possible respiratory
    depression …": the page kept the misspelling and one 24-word sentence."""
    out = Rewriter().simplify(
        "Both ultra-rapid and rapid-detoxification are not recommende due to possible "
        "respiratory depression and death.")
    assert out.startswith("Both ultra-rapid and rapid-detoxification are not advised. ")


def test_a_condition_before_a_two_word_subject_is_a_lead_in() -> None:
    """VA/DoD hip and knee: "If you have mild to moderate pain linked to osteoarthritis of
    the knee, skin capsaicin can be an option …" was one 26-word sentence."""
    text = ("If you have mild to moderate pain linked to osteoarthritis of the knee, skin "
            "capsaicin can be an option as first line treatment or extra treatment.")
    assert condition_lead(text).split("\n") == [
        "If you have mild to moderate pain linked to osteoarthritis of the knee:",
        "- Skin capsaicin can be an option as first line treatment or extra treatment."]
    kept = ("At the time of writing, marijuana use is illegal under federal law and cannot be "
            "advised for use in this guideline.")
    assert condition_lead(kept) == kept
