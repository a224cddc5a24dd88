"""Statement forms of long ungraded prose and of VA/DoD-style statements that the parser
misread on guidelines it had not been tuned on, one class per test: permissive and
normative forms, descriptions and pointers that only look like advice, run-in sub-headings
of evidence parts, lists of statements under a lead-in, a lone insufficient-evidence
paragraph, direction phrases, and provenance notes between a statement and its label. Each
document is a small hand-made copy of a corpus passage.
"""

from __future__ import annotations

import pytest

from domain.direction import statement_direction, text_direction
from domain.generation import OfflineProvider
from domain.grades import classify_label
from domain.model import Direction, Strength
from domain.parsing import parse_guideline, parse_text
from domain.source_check import check_source

RECS = "# G\n\n## Major Recommendations\n\n"
UNGRADED = ("Sleep problems are common. Clinicians should ask about sleep at every visit. {} "
            "Sleep is studied.")


def _recs(body: str) -> list[tuple[str, Strength, Direction]]:
    guideline = parse_text(RECS + body)
    return [(r.text, r.strength, r.direction) for r in guideline.recommendations]


def _texts(body: str) -> list[str]:
    return [text for text, *_ in _recs(body)]


# --- direction phrases -----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # "not currently" here negates the advice, not a state of the patient
    ("It is not currently recommended due to lack of availability of pharmaceutical quality.",
     Direction.AGAINST),
    ("Women not currently pregnant should be screened.", None),
    # a clipped ending keeps its meaning
    ("Both ultra-rapid and rapid-detoxification are not recommende due to respiratory "
     "depression.", Direction.AGAINST),
    # less of the care is the advice; less of a risk is advice for what lowers it
    ("Injections should be minimized for patients under 30 years of age.", Direction.AGAINST),
    ("Use of opioids must be kept to a minimum.", Direction.AGAINST),
    ("Exposure to radiation should be minimized.", None),
    # not always needed
    ("Not all peripheral nerve blocks require fluoroscopy.", Direction.AGAINST),
    # avoiding as the recommended action
    ("We suggest avoiding benzodiazepines in patients with PTSD.", Direction.AGAINST),
    ("The Work Group recommends avoidance of long-acting opioids.", Direction.AGAINST),
    ("We recommend that patients avoid alcohol.", Direction.AGAINST),
    ("We recommend that patients with pain who avoid exercise be counseled.", None),
    # inadequate evidence to support: no recommendation either way
    ("There is currently inadequate evidence to support radiofrequency neurotomy for knee "
     "osteoarthritis.", Direction.INSUFFICIENT),
])
def test_direction_phrases_of_unseen_guidelines(text: str, expected: Direction | None) -> None:
    assert text_direction(text) is expected


# --- permissive and normative forms ------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "Treatment modalities may be utilized sequentially or concomitantly depending on chronicity.",
    "Long-term use of benzodiazepines is strongly discouraged.",
    "Routine imaging is not warranted in the first six weeks.",
    "Surgical indications include failure of conservative care and persistent instability.",
    "Factors to consider are job demands, age and the healing stage of the fracture.",
    "These are diagnostic injections that may be used for specific nerve injury syndromes.",
    "No treatment plan is complete without addressing issues of patient education.",
    "Not all peripheral nerve blocks require fluoroscopy.",
    "Both ultra-rapid and rapid-detoxification are not recommende due to respiratory "
    "depression.",
])
def test_permissive_and_normative_forms_are_statements(sentence: str) -> None:
    assert sentence in _texts(UNGRADED.format(sentence))


@pytest.mark.parametrize("sentence", [
    # what a treatment does, listed, is not when to use it
    "Acupuncture can be used to reduce pain, reduce inflammation, increase blood flow, and "
    "promote relaxation.",
    # what happens during a therapy
    "At times a provider may help stabilize the patient but the energy predominately comes "
    "from the patient.",
    # pointers and announcements
    "Also refer to the original guideline for additional information on topical capsaicin.",
    "Before initiation of any therapeutic procedure, the provider, employer, and insurer must "
    "consider these four important issues in the care of the injured worker.",
    # a payer's duty says no care
    "Carriers and adjusters must assure that medical providers can design appropriate "
    "programs.",
])
def test_descriptions_pointers_and_payer_duties_are_not_statements(sentence: str) -> None:
    assert sentence not in _texts(UNGRADED.format(sentence))


def test_a_short_dotted_initialism_does_not_end_the_sentence() -> None:
    sentence = ("Those performing acupuncture must have the appropriate credentials, such as "
                "L.A.c. R.A.c, or a diploma.")
    assert sentence in _texts(UNGRADED.format(sentence))


# --- parts and lists ---------------------------------------------------------------------------


def test_a_run_in_summary_of_evidence_line_leaves_its_paragraph_out() -> None:
    body = """#### Acupuncture

Acupuncture is recommended for chronic pain patients who have an interest in this modality.

#### Evidence Statements Regarding Acupuncture

Good Evidence

- Acupuncture is effective in low back pain (Design: **Randomized clinical trial**).

Summary of Evidence Regarding Acupuncture

Based on the studies listed above, acupuncture may be useful for chronic low back pain, and it should be used accordingly.

Types of opioids:

- Meperidine is ***not recommended*** for chronic pain.
"""  # noqa: E501
    assert _texts(body) == [
        "Acupuncture is recommended for chronic pain patients who have an interest in this "
        "modality.",
        "Meperidine is not recommended for chronic pain.",
    ]


LIST_OF_STATEMENTS = """### Therapeutic Procedures

All plans begin with shared decisions. Before initiation of any procedure, the physician and insurer must consider these important issues in the care of the injured worker:

- Patients should be returned to modified duty at the earliest appropriate time. Refer to "Return to Work" below.
- Reassessment should be documented after each treatment. Continued treatment should be monitored using objective measures such as:
    - Return to work
    - Decrease in usage of medications
- Psychological screening should be performed on all chronic pain patients.

The following should be considered when attempting to return an injured worker to work:

- Job history interview
- Coordination of care
"""  # noqa: E501


def test_a_lead_in_over_a_list_of_advice_sentences_frames_them_and_each_is_a_statement() -> None:
    assert _texts(LIST_OF_STATEMENTS) == [
        "Patients should be returned to modified duty at the earliest appropriate time.",
        "Reassessment should be documented after each treatment.",
        "Continued treatment should be monitored using objective measures such as: Return to "
        "work Decrease in usage of medications",
        "Psychological screening should be performed on all chronic pain patients.",
        # a list that completes its lead-in is one statement with it
        "The following should be considered when attempting to return an injured worker to "
        "work: Job history interview Coordination of care",
    ]


def test_an_entry_in_the_ing_form_among_listed_actions_is_one_more_action() -> None:
    body = """Behavioral modifications are accepted interventions and can include:

- Maintaining a regular sleep schedule.
- Avoiding daytime napping.
- Avoiding caffeinated beverages after lunchtime.
- Associating the bed with sleep only, using other rooms for television and reading.
"""
    assert _texts(body)[-1] == ("Associating the bed with sleep only, using other rooms for "
                                "television and reading.")


def test_a_lone_paragraph_saying_the_evidence_is_inadequate_is_an_insufficient_statement(
) -> None:
    body = """##### Radio Frequency Ablation—Genicular Nerves

There is currently inadequate evidence to support radiofrequency neurotomy for knee osteoarthritis failing conservative therapy.

##### Biofeedback

There is no evidence of the effect of biofeedback on knee OA. Therefore, it is ***not recommended***.

##### Prolotherapy

There is no evidence that prolotherapy helps.

Prolotherapy is ***not recommended***.
"""  # noqa: E501
    assert _recs(body) == [
        ("There is currently inadequate evidence to support radiofrequency neurotomy for knee "
         "osteoarthritis failing conservative therapy.", Strength.INSUFFICIENT,
         Direction.INSUFFICIENT),
        ("Therefore, it is not recommended.", Strength.UNGRADED, Direction.AGAINST),
        ("Prolotherapy is not recommended.", Strength.UNGRADED, Direction.AGAINST),
    ]


# --- VA/DoD-style labelled statements ----------------------------------------------------------

VA_DOD = """#### Pharmacotherapy

10. For patients with opioid use disorder for whom buprenorphine is indicated, the Work Group recommends individualizing the treatment setting. (**Strong For; Reviewed, New-replaced**)

11. For patients for whom agonist treatment is contraindicated, the Work Group recommends offering
    - Extended-release injectable naltrexone (**Strong For; Reviewed, New-replaced**)

12. The guideline panel recommends offering smoking cessation and vaccination. *Modified from the 2007 Clinical Practice Guideline (CPG) without an updated systematic review of the evidence*. (**Strong For**)

13. In adults with SCD and a VOC:
    - Rapidly initiate analgesics within 30 minutes of triage. (**Consensus–Panel Expertise**)
    - Use an individualized prescribing protocol. (**Consensus–Panel Expertise**)
"""  # noqa: E501


def test_a_lone_labelled_bullet_that_ends_its_items_sentence_is_one_statement_with_it() -> None:
    recs = parse_text(RECS + VA_DOD).recommendations
    texts = [r.text for r in recs]
    assert ("For patients for whom agonist treatment is contraindicated, the Work Group "
            "recommends offering Extended-release injectable naltrexone") in texts
    assert "Extended-release injectable naltrexone" not in texts
    # bullets that advise on their own keep their lead-in as context
    assert "Rapidly initiate analgesics within 30 minutes of triage." in texts
    assert len(recs) == 5


def test_a_provenance_note_before_the_label_is_neither_text_nor_source_of_the_statement() -> None:
    guideline = parse_text(RECS + VA_DOD)
    rec = next(r for r in guideline.recommendations if "smoking cessation" in r.text)
    assert rec.text == "The guideline panel recommends offering smoking cessation and vaccination."
    assert rec.source_text == rec.text
    assert (rec.grade, rec.strength) == ("Strong For", Strength.STRONG)
    # quality control's own reading classes the note instead of calling it a missed statement
    pvg = OfflineProvider().generate(guideline)
    verdicts = [v for v in check_source(guideline, pvg) if "Modified from" in v.candidate.text]
    assert verdicts and all(v.not_advice == "provenance note" for v in verdicts)


def test_statement_direction_keeps_the_first_advising_sentence() -> None:
    assert statement_direction(
        "It is not currently recommended. It may be considered in rare cases.") is Direction.AGAINST


def test_a_summary_of_evidence_heading_leaves_only_its_paragraph_out() -> None:
    body = """#### Opioids

##### Summary of Evidence Regarding Opioids and Adverse Events

Based on the studies above, there is strong evidence that doses above 50 MME per day should be avoided.

Types of opioids:

- Meperidine is ***not recommended*** for chronic pain.
"""  # noqa: E501
    assert _texts(body) == ["Meperidine is not recommended for chronic pain."]


TEXT_EXPORT = """GUIDELINE

MAJOR RECOMMENDATIONS

Due to the combination of possible adverse side effects, time limited
effectiveness, and mixed study results, this treatment is not recommended.

Radio Frequency Ablation of the Genicular Nerves for Painful Knee Joints

There is currently inadequate evidence to support radiofrequency neurotomy
for knee osteoarthritis failing conservative therapy.

Radio Frequency Denervation—Medical Branch Neurotomy/Facet Rhizotomy

Cooled radiofrequency is generally not recommended due to current lack of
evidence in the published studies of this procedure for chronic back pain.
"""


def test_a_long_title_case_line_of_a_text_export_is_a_heading() -> None:
    guideline = parse_guideline(TEXT_EXPORT.encode(), filename="g.txt")
    by_text = {r.text: (r.section, r.direction) for r in guideline.recommendations}
    assert by_text["There is currently inadequate evidence to support radiofrequency neurotomy "
                   "for knee osteoarthritis failing conservative therapy."] == (
        "Radio Frequency Ablation of the Genicular Nerves for Painful Knee Joints",
        Direction.INSUFFICIENT)
    cooled = ("Cooled radiofrequency is generally not recommended due to current lack of "
              "evidence in the published studies of this procedure for chronic back pain.")
    assert by_text[cooled][0] == (
        "Radio Frequency Denervation—Medical Branch Neurotomy/Facet Rhizotomy")


# --- soft permissions and needs of long ungraded prose -----------------------------------------


@pytest.mark.parametrize("sentence", [
    "This may be attempted for a maximum of 3 sessions spaced at least a week apart.",
    "Night splinting may be incorporated as a part of the stretching protocol.",
    "Ergonomic changes may be made to modify the hazards identified.",
    "In rare cases a patient who does not qualify for surgery may try viscosupplementation.",
    "The patient may choose to have repeat injections when the first injection was successful.",
    "Those with risk factors for secondary osteoporosis may require further workup.",
    "Any of the acupuncture treatments may extend longer if functional gains are documented.",
    "On occasion, specific diagnoses may warrant durations of treatment beyond the maximum.",
    "In mild cases, they may be the only drugs required for analgesia.",
    "There are circumstances where prolonged use of opioids is justified based upon diagnosis.",
    "Oral steroids have limited use but are accepted in cases requiring a potent effect.",
    "Peripheral vascular disease, neuropathy, and diabetes are all relative contraindications.",
    "It is imperative to rule out non-operative conditions mimicking operative conditions.",
    "Risk factors to be addressed include repetitive work, lifting, and forces on the knee.",
    "In some cases, this requires a jobsite evaluation.",
    # a payer rule does not hide the care said in the same sentence
    "BMP should only be used for long bone nonunion and requires prior authorization.",
])
def test_soft_permissions_and_needs_are_statements(sentence: str) -> None:
    assert sentence in _texts(UNGRADED.format(sentence))


def test_an_opinion_a_provider_may_hold_is_not_a_statement() -> None:
    sentence = "If unusual circumstances arise, a provider may feel that a patient will benefit."
    assert sentence not in _texts(UNGRADED.format(sentence))


def test_a_pointer_does_not_hide_the_advice_after_it_in_its_paragraph() -> None:
    body = ('Refer to "Therapeutic Procedures" for the time frames. Return-to-work restrictions '
            'should be specific according to the "Return to work" section.\n')
    assert _texts(body) == ['Return-to-work restrictions should be specific according to the '
                            '"Return to work" section.']


def test_an_evidence_bullet_is_left_out_whatever_its_first_sentence_says() -> None:
    body = """Some Evidence

- After 6 weeks of conservative therapy, an epidural injection may be considered. One half of the patients did not have surgery (Design: **Randomized clinical trial**).

Epidural injections should be reserved for radicular pain.
"""  # noqa: E501
    assert _texts(body) == ["Epidural injections should be reserved for radicular pain."]


@pytest.mark.parametrize(("text", "expected"), [
    ("The evidence in support of prolotherapy is insufficient and therefore, its use is not "
     "recommended in lower extremity injuries.", Direction.INSUFFICIENT),
    ("Peripheral vascular disease and diabetes are all relative contraindications.",
     Direction.AGAINST),
])
def test_more_direction_phrases_of_ungraded_prose(text: str, expected: Direction) -> None:
    assert text_direction(text) is expected


# --- grade labels with provenance or a field name ----------------------------------------------


@pytest.mark.parametrize(("label", "strength", "direction"), [
    ("Weak for (Reviewed, New-added)", Strength.CONDITIONAL, Direction.FOR),
    ("Weak for, Reviewed, New-replaced", Strength.CONDITIONAL, Direction.FOR),
    ("Strong against/Reviewed", Strength.STRONG, Direction.AGAINST),
    ("Grade: Strong For", Strength.STRONG, Direction.FOR),
    ("Insufficient", Strength.INSUFFICIENT, Direction.INSUFFICIENT),
])
def test_grade_labels_with_provenance_or_a_field_name_are_understood(
        label: str, strength: Strength, direction: Direction) -> None:
    found = classify_label(label)
    assert found is not None and (found.strength, found.direction) == (strength, direction)
    assert found.grade == label  # printed as it stands


def test_two_part_labels_still_keep_their_evidence_part() -> None:
    found = classify_label("Strong Recommendation, High-Quality Evidence")
    assert found is not None and found.strength is Strength.STRONG and found.direction is None


@pytest.mark.parametrize("text", [
    "The Division does not recommend for or against the use of spinal cord stimulation.",
    "The Work Group neither recommends for nor against offering yoga.",
])
def test_declining_to_advise_either_way_is_insufficient(text: str) -> None:
    assert text_direction(text) is Direction.INSUFFICIENT


@pytest.mark.parametrize("sentence", [
    "Postoperative therapy will frequently require a repeat of the therapy provided before.",
    "Those with a higher risk for bleeding may alter thromboprophylaxis protocols.",
])
def test_what_the_care_will_need_or_may_change_is_a_statement(sentence: str) -> None:
    assert sentence in _texts(UNGRADED.format(sentence))


# --- how well it works, and verdicts for want of evidence (bench/labels/README.md) -------------


@pytest.mark.parametrize("sentence", [
    "However, trigger point injections may be occasionally effective in acute onset of pain.",
    "Psychotropic agents may be useful for treatment of mild and chronic pain and depression.",
])
def test_a_claim_of_how_well_something_works_is_not_a_statement(sentence: str) -> None:
    assert sentence not in _texts(UNGRADED.format(sentence))


def test_a_use_in_a_named_case_stays_a_statement() -> None:
    sentence = "Specific devices may be useful in rare cases to aid in return-to-work duties."
    assert sentence in _texts(UNGRADED.format(sentence))


@pytest.mark.parametrize(("text", "expected"), [
    ("Cooled radiofrequency is generally not recommended due to current lack of evidence.",
     Direction.INSUFFICIENT),
    ("It is not recommended due to lack of published data demonstrating effectiveness.",
     Direction.INSUFFICIENT),
    ("These steroid injections are not recommended because there is no evidence to support an "
     "advantage.", Direction.INSUFFICIENT),
    # a reason that also names harm, cost or effect keeps the verdict against
    ("These devices are not recommended due to lack of evidence and safety concerns.",
     Direction.AGAINST),
    ("Tapentadol is not recommended due to the cost and lack of superiority over others.",
     Direction.AGAINST),
    ("Intravenous blocks are not recommended due to lack of effect in small studies.",
     Direction.AGAINST),
    ("Due to lack of efficacy, viscosupplementation is not recommended.", Direction.AGAINST),
])
def test_a_verdict_for_want_of_evidence_alone_makes_no_recommendation(
        text: str, expected: Direction) -> None:
    assert text_direction(text) is expected


def test_an_ungraded_verdict_for_want_of_evidence_is_an_insufficient_statement() -> None:
    sentence = ("Cooled radiofrequency is generally ***not recommended*** due to current lack of "
                "evidence.")
    assert _recs(UNGRADED.format(sentence))[1] == (
        "Cooled radiofrequency is generally not recommended due to current lack of evidence.",
        Strength.INSUFFICIENT, Direction.INSUFFICIENT)


def test_fragments_under_an_indications_line_are_statements_of_when_to_use_it() -> None:
    body = """#### Sympathectomy

Indications:

- Single extremity CRPS-I with a positive response to sympathetic blocks
- Failure of conservative treatment

Relative contraindications:

- Active infection
"""
    assert [(t, d) for t, _s, d in _recs(body)] == [
        ("Single extremity CRPS-I with a positive response to sympathetic blocks", Direction.FOR),
        ("Failure of conservative treatment", Direction.FOR),
        ("Active infection", Direction.AGAINST),
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("The use of benzodiazepines should be limited.", Direction.AGAINST),
    ("Exposure to radiation should be limited.", None),
    ("Use should be limited to patients with severe pain.", None),
])
def test_should_be_limited_is_less_of_the_care(text: str, expected: Direction | None) -> None:
    assert text_direction(text) is expected
