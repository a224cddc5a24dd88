"""What one recommendation statement is, as the counting rules of ``bench/labels/README.md``
define it: where it starts and ends, and which sentences of a recommendation section are
advice at all. Each document here is a small hand-made copy of a passage of the corpus.
"""

from __future__ import annotations

import pytest

from domain.model import Direction
from domain.parsing import parse_text


def _parse(body: str) -> list[tuple[str, str | None]]:
    """(statement text, grade) of every recommendation of a one-section guideline."""
    guideline = parse_text(f"# G\n\n## Major Recommendations\n\n{body}")
    return [(r.text, r.grade) for r in guideline.recommendations]


# --- a label that closes a lead-in ending in ":" labels its list too ---------------------


@pytest.mark.parametrize("lead_in", [
    # NHLBI: the label printed after the colon
    "Counsel women with SCD and their partners about the following: (**Consensus–Adapted**)",
    # VA/DoD: the label printed inside the lead-in, before the colon
    "Counsel women with SCD and their partners about such risks as **[B]**:",
])
def test_a_label_closing_a_lead_in_labels_the_lead_in_and_its_list(lead_in: str) -> None:
    body = f"""1. Test women with SCD who have been transfused for red cell alloantibodies. (**Consensus–Panel Expertise**)
2. {lead_in}
    - a. Pregnancy in women with SCD is considered high risk.
    - b. Additional fetal surveillance is required during a pregnancy.
3. Offer hydroxyurea to adults with three or more pain crises a year. (**Strong Recommendation, High-Quality Evidence**)
"""  # noqa: E501
    recs = _parse(body)
    assert len(recs) == 3
    text, _grade = recs[1]
    assert text.startswith("Counsel women with SCD and their partners")
    assert text.endswith("Pregnancy in women with SCD is considered high risk. Additional fetal "
                         "surveillance is required during a pregnancy.")


# --- advice sentences of ungraded prose --------------------------------------------------

ASK = "Clinicians should ask about sleep at every visit."
UNGRADED = f"Disturbances of sleep are common in chronic pain. {ASK} {{sentence}} Sleep is studied."


def _advice(sentence: str) -> list[str]:
    """The statements found around ``sentence`` besides the fixed one."""
    return [text for text, _ in _parse(UNGRADED.format(sentence=sentence)) if text != ASK]


@pytest.mark.parametrize("sentence", [
    # an adverb before the imperative: the verb is not capitalised
    "Closely monitor patients for changes in mood after the dose is changed.",
    "Carefully review all medications used by patients at risk.",
    # "It is important to …" opens a sentence
    "It is important to limit the amount of medication dispensed.",
    # "Physicians may …" opens a sentence
    "Physicians may monitor smoking cessation with laboratory tests such as cotinine levels.",
])
def test_advice_is_found_whatever_the_case_of_its_first_word(sentence: str) -> None:
    assert _advice(sentence) == [sentence]


def _advice_directions(sentence: str) -> list[tuple[str, Direction]]:
    body = UNGRADED.format(sentence=sentence)
    guideline = parse_text(f"# G\n\n## Major Recommendations\n\n{body}")
    return [(r.text, r.direction) for r in guideline.recommendations if r.text != ASK]


@pytest.mark.parametrize(("sentence", "direction"), [
    # permission with an adverb or a negation between "may" and "be"
    ("Some level of immobility may occasionally be appropriate as part of a rest schedule.",
     Direction.FOR),
    ("These modalities may not be appropriate for some Service members.", Direction.AGAINST),
    ("Patients at low acute risk may be followed by their primary care provider.",
     Direction.FOR),
    ("Once the patient is stable, the frequency of follow-up can be decreased.", Direction.FOR),
    ("For patients at intermediate risk, the safety planning process can be abbreviated.",
     Direction.FOR),
    ("Vaccinated workers without antibody results might undergo antibody testing upon hire.",
     Direction.FOR),
    ("However, the use of antiseptics for wound care is not contraindicated.", Direction.FOR),
    # preference, suitability, necessity
    ("A safety plan is a preferred strategy for preventing suicide.", Direction.FOR),
    ("The inpatient setting is particularly suitable for the treatment of acute risk.",
     Direction.FOR),
    ("An essential element of chronic pain treatment is restoration of normal sleep cycles.",
     Direction.FOR),
    ("The treatment goal is to move the patient toward a less restrictive setting.",
     Direction.FOR),
    # obligation
    ("OSHA mandates that vaccination be available for employees within 10 days of hire.",
     Direction.FOR),
    ("It is the responsibility of the healthcare team to update the written safety plan.",
     Direction.FOR),
    ("Any patient who cannot be kept safe in a less restrictive setting requires hospitalization.",
     Direction.FOR),
    ("Patients who miss their follow-up appointment require a reassessment of risk.",
     Direction.FOR),
    ("Young adults who start an antidepressant warrant closer monitoring for suicidal thoughts.",
     Direction.FOR),
    # the indications of a procedure
    ("Indications – Single extremity CRPS-I with distal pain only.", Direction.FOR),
    # a condition before an imperative that starts with "re-"
    ("If the patient is intoxicated, re-evaluate when intoxication has resolved.",
     Direction.FOR),
])
def test_permission_preference_and_obligation_are_advice(sentence: str,
                                                         direction: Direction) -> None:
    assert _advice_directions(sentence) == [(sentence, direction)]


@pytest.mark.parametrize("sentence", [
    "The goal of prolotherapy is to induce an inflammatory response.",
    "These injections are usually limited to three injections per site per year.",
    "Treatment interventions which may be considered include many kinds of therapy.",
    "The risk of relapse can be high in the first year after treatment.",
    "Pharmacological intervention may be markedly helpful in managing mental disorders.",
    # a table row of indications
    "Indication: Stroke | How to Transfuse: Simple or exchange transfusion | Strength: Moderate.",
])
def test_descriptions_are_not_advice(sentence: str) -> None:
    assert _advice(sentence) == []


@pytest.mark.parametrize(("sentence", "advice"), [
    # care that only mentions records or information
    ("Discuss safety with patients at low risk and consider offering a copy of a Safety Plan "
     "handout.", True),
    ("Gather collateral history from family members, the medical record, and police as "
     "appropriate.", True),
    ("Providers should discuss with Service members their rights to Protected Health "
     "Information.", True),
    # rules about the records themselves
    ("Workers should be provided a copy of their vaccination and testing results.", False),
    ("A check box should be available in the medical record to document understanding.", False),
    ("Providers must limit the disclosure of Protected Health Information to the minimum "
     "necessary.", False),
    ("OSHA mandates that workers who refuse vaccination sign a declination statement.", False),
])
def test_paperwork_rules_are_not_advice_but_care_that_mentions_records_is(
        sentence: str, advice: bool) -> None:
    assert _advice(sentence) == ([sentence] if advice else [])


# --- a lead-in that advises and its list are one statement -------------------------------


@pytest.mark.parametrize("lead_in", [
    # a short lead-in: its list carries the words
    "The framework should:",
    # a lead-in that goes on from the sentence before it
    "Providers should choose a safe setting for the evaluation. And make the appropriate steps to:",
    # "the following" opens it, but it says what is suggested
    "The following management is suggested for maintenance opioids:",
    # indications of a treatment
    "In general, the following conditions increase the indications to use ECT:",
])
def test_an_advising_lead_in_and_its_list_are_one_statement(lead_in: str) -> None:
    body = f"""1. Assessment of risk should use a standard framework. {lead_in}
    - a. Estimate the level of risk
    - b. Support clinical decision-making
2. Document in detail the level of care required and the treatment plan.
"""
    texts = [text for text, _ in _parse(body)]
    last = lead_in.split(". ")[-1]
    # A lead-in that goes on with "And" keeps the sentence it goes on from: the statement is
    # whole, never one that opens "And make …".
    said = lead_in if last.startswith("And ") else last
    assert f"{said} Estimate the level of risk Support clinical decision-making" in texts
    assert len([t for t in texts if "Estimate the level of risk" in t]) == 1


@pytest.mark.parametrize("lead_in", [
    "The following are listed in alphabetical order:",
    "Underlying psychosocial factors may include:",
])
def test_a_lead_in_that_only_introduces_is_no_statement(lead_in: str) -> None:
    body = f"""Clinicians should assess every patient. {lead_in}

- Unemployment
- Homelessness or housing instability
"""
    assert [text for text, _ in _parse(body)] == ["Clinicians should assess every patient."]


def test_a_lead_in_that_names_the_following_leads_its_list_without_a_colon() -> None:
    body = """The following steps are recommended when a worker returns to work.

- Job history interview
- Coordination of care

Other text that only describes.
"""
    assert [text for text, _ in _parse(body)] == [
        "The following steps are recommended when a worker returns to work. "
        "Job history interview Coordination of care",
    ]


# --- where an advice sentence ends --------------------------------------------------------


@pytest.mark.parametrize(("paragraph", "statement"), [
    # a reference in parentheses, printed as a sentence of its own, belongs to the advice
    ("A risk assessment should first evaluate suicidal thoughts and intent. (See Annotation C.) "
     "Risk factors are many.",
     "A risk assessment should first evaluate suicidal thoughts and intent. (See Annotation C.)"),
    # an example given after the advice is part of it
    ("Care may need to be modified to address the risk of suicide. For example, limiting the "
     "quantities of medications dispensed at any one time. Risk factors are many.",
     "Care may need to be modified to address the risk of suicide. For example, limiting the "
     "quantities of medications dispensed at any one time."),
    # a finding inside a condition does not make the advice a finding
    ("When suicide risk is associated with a psychiatric illness then that illness needs to be "
     "identified and treated. Risk factors are many.",
     "When suicide risk is associated with a psychiatric illness then that illness needs to be "
     "identified and treated."),
])
def test_an_advice_sentence_keeps_what_belongs_to_it(paragraph: str, statement: str) -> None:
    assert [text for text, _ in _parse(paragraph)] == [statement]


def test_a_heading_inside_a_list_item_is_a_heading_not_a_statement() -> None:
    """VA/DoD: '##### M8. Use of Methadone …' stands indented inside a lettered item."""
    text = """# G

## Major Recommendations

- M. **Pharmacological Treatment**

    ##### M8. Use of Methadone and Naloxone to Reduce Death from Opioid Overdose

    1. Methadone substitution therapy should be considered in opiate dependent patients.
"""
    recs = parse_text(text).recommendations
    assert [(r.text, r.section) for r in recs] == [
        ("Methadone substitution therapy should be considered in opiate dependent patients.",
         "M8. Use of Methadone and Naloxone to Reduce Death from Opioid Overdose"),
    ]


def test_an_unlabelled_item_among_labelled_items_is_a_statement() -> None:
    """VA/DoD: in a list of follow-up programmes each labelled [I], one item has no label;
    it stands in the list of recommendations as an item of its own, also where most of the
    guideline's advice is unlabelled and read sentence by sentence."""
    text = """# G

## Major Recommendations

- Q. **Adherence**
    1. A follow-up care plan should be developed with input from the patient.
    2. Follow-up care should be coordinated by an interdisciplinary team.
    3. Prevent suicide with the help of follow-up programs that include the use of:
        - a. Telecommunications (phone, web based, v-tel) **[I]**
        - b. Mailing multiple "caring letters" **[I]**
        - c. Community workers reaching out to those at high acute risk
        - d. Home visits to support engagement **[I]**
    4. Patients who miss their follow-up appointment should be assessed again.
    5. Consider the use of caring letters for suicide attempters who refuse treatment.
    6. Clinicians should call patients who miss their appointment on the same day.
    7. Clinicians should write to patients who do not answer the call within a week.
    8. Clinicians should visit patients at high risk who cannot be reached at home.
    9. Clinicians should review the safety plan at every follow-up visit.
    10. Clinicians should involve the family when the patient consents.
    11. Clinicians should record each contact with the patient in the plan.
"""
    recs = parse_text(text).recommendations
    workers = [r for r in recs if r.text.startswith("Community workers")]
    assert len(workers) == 1
    assert workers[0].context == (
        "Prevent suicide with the help of follow-up programs that include the use of")


def test_items_of_another_list_are_not_siblings_of_labelled_items() -> None:
    """A list of related guidelines under its own heading, right above labelled items,
    and a lead-in over labelled items are not statements."""
    text = """# G

## Major Recommendations

### Related guidelines

- Managing acute complications of sickle cell disease
- Managing chronic complications of sickle cell disease

### Recommendations

1. Test women with SCD who have been transfused for red cell alloantibodies. (**Consensus–Panel Expertise**)
2. Test the partner of a woman with red cell alloantibodies. (**Consensus–Panel Expertise**)
3. In adults and children with SCD and pain
    - Administer parenteral opioids when IV access is difficult. (**Consensus–Panel Expertise**)
"""  # noqa: E501
    texts = [r.text for r in parse_text(text).recommendations]
    assert len(texts) == 3
    assert not any(t.startswith(("Managing", "In adults")) for t in texts)


def test_roman_numbered_items_of_an_advising_lead_in_lose_their_numbers() -> None:
    """Colorado low back pain: "- i. … ; **and**", "- ii. …", "- iii. …" under a lead-in
    that advises: the statement kept "ii." and "iii." inside its text, so the patient
    version printed "ii" as a list line of its own."""
    text = "\n".join([
        "# Low back pain", "", "## Recommendations", "",
        "To qualify for surgery, the patient should exhibit the following signs:", "",
        "- i. Pain in the legs; **and**",
        "- ii. Abnormal reflexes; **and**",
        "- iii. Findings on the MRI which indicate impingement of nerves.", ""])
    (rec,) = parse_text(text).recommendations
    assert "Pain in the legs" in rec.text and rec.text.endswith("impingement of nerves.")
    assert not any(mark in rec.text for mark in ("i. ", "ii.", "iii.")), rec.text
