"""Forms of long ungraded prose that the counting rules of ``bench/labels/README.md`` settle
and that a parser tuned on a few guidelines of one agency misreads on others: permissions in
the active voice or with a provider as agent, "the X of choice", indication and
contraindication lists under any kind of heading, documentation duties of the care, "no
longer recommended", and descriptions, provenance and history that only look like advice.
Each sentence is hand-made; each rule has a case that must stay out.
"""

from __future__ import annotations

import pytest

from domain.direction import text_direction
from domain.model import Direction
from domain.parsing import parse_guideline, parse_text
from tests.support.documents import render

RECS = "# G\n\n## Major Recommendations\n\n"
UNGRADED = ("Knee pain is common. Clinicians should ask about knee pain at every visit. {} "
            "Knee pain is studied.")
SURGERY = "#### Knee Arthroscopy\n\nArthroscopy should be performed by a trained surgeon.\n\n"


def _recs(body: str) -> list[tuple[str, Direction]]:
    return [(r.text, r.direction) for r in parse_text(RECS + body).recommendations]


def _texts(body: str) -> list[str]:
    return [text for text, _ in _recs(body)]


def _in_prose(sentence: str) -> bool:
    return sentence in _texts(UNGRADED.format(sentence))


# --- permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    # "may be provided" is "may be given"
    "Vocational counselling may also be provided by a rehabilitation counselor.",
    "Home exercise instruction may be delivered by a physical therapist.",
    "Education can be provided by the nurse at the first visit.",
    # the active voice of "may be utilized"
    "Treatment may utilize manual therapy and graded exercise.",
    "The program may employ relaxation training during the first sessions.",
    "Patients may use ice or heat at home for short periods.",
    # the option to choose first
    "Arthroscopic repair is the procedure of choice for unstable meniscal tears.",
    "Plain radiographs are the imaging study of choice after an acute knee injury.",
    "Acetaminophen is considered first-line treatment for mild pain.",
])
def test_permissions_and_first_choices_are_statements(sentence: str) -> None:
    assert _in_prose(sentence)


@pytest.mark.parametrize("sentence", [
    # a relative clause that only names the care
    "Programs that may utilize group sessions are listed in the appendix.",
    # how often, not whether
    "Ice is the remedy of choice of many athletes.",
])
def test_what_only_names_or_reports_a_choice_stays_out(sentence: str) -> None:
    assert not _in_prose(sentence)


# --- indications and contraindications ---------------------------------------------------------

LOCKING = "Mechanical locking of the knee"
FAILED = "Failure of 6 weeks of conservative care"
INFECTION = "Active infection of the joint"


@pytest.mark.parametrize("body", [
    # a heading of its own
    f"##### Indications\n\n- {LOCKING}\n- {FAILED}\n\n##### Contraindications\n\n- {INFECTION}\n",
    # a bold line, with or without its colon
    f"**Indications:**\n\n- {LOCKING}\n- {FAILED}\n\n**Contraindications**\n\n- {INFECTION}\n",
    # a plain line naming the procedure, with a slash
    f"Surgical Indications/Considerations:\n\n- {LOCKING}\n- {FAILED}\n\n"
    f"Contraindications to surgery:\n\n- {INFECTION}\n",
])
def test_fragments_under_any_indications_line_are_statements(body: str) -> None:
    assert _recs(SURGERY + body)[1:] == [
        (LOCKING, Direction.FOR), (FAILED, Direction.FOR), (INFECTION, Direction.AGAINST)]


@pytest.mark.parametrize("sentence", [
    "Contraindications: active infection; severe arthritis of the joint.",
    "Relative Contraindications – bleeding disorders and allergy to the drug.",
])
def test_a_run_in_contraindications_sentence_is_a_statement_against(sentence: str) -> None:
    assert (sentence, Direction.AGAINST) in _recs(SURGERY + sentence + "\n")


def test_a_list_under_a_heading_that_is_not_about_indications_stays_out() -> None:
    body = f"##### Description\n\n- {LOCKING}\n- {FAILED}\n"
    assert _texts(SURGERY + body)[1:] == []


def test_a_lead_in_paragraph_under_an_indications_heading_keeps_its_own_reading() -> None:
    body = (f"##### Indications\n\nThe knee is examined first. Surgery may be considered when:"
            f"\n\n- {LOCKING}\n- {FAILED}\n")
    assert _texts(SURGERY + body)[1:] == [
        f"Surgery may be considered when: {LOCKING} {FAILED}"]


# --- documentation of the care ---------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "The findings of each examination should be documented in the medical record.",
    "Providers should document the safety plan within the medical record.",
    "Range of motion must be recorded in the patient's medical record at each visit.",
])
def test_documenting_the_care_is_a_statement(sentence: str) -> None:
    assert _in_prose(sentence)


@pytest.mark.parametrize("sentence", [
    # keeping records and registries is paperwork, not care
    "Health-care institutions should maintain records of vaccination in the medical record.",
    "The vaccination information should be entered into an IIS accepting records.",
    "A copy of the report should be sent to the insurer within 10 days.",
])
def test_record_keeping_stays_out(sentence: str) -> None:
    assert not _in_prose(sentence)


# --- no longer recommended -------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "Manipulation under anesthesia is no longer generally recommended.",
    "Routine radiographs are no longer indicated after the first visit.",
    "Bed rest is no longer routinely advised for back pain.",
    "Open repair is no longer considered appropriate for most tears.",
])
def test_no_longer_recommended_is_against(text: str) -> None:
    assert text_direction(text) is Direction.AGAINST
    assert (text, Direction.AGAINST) in _recs(UNGRADED.format(text))


def test_no_longer_inside_a_condition_is_not_against() -> None:
    assert text_direction("Patients who no longer have pain should be discharged.") is None


# --- descriptions, provenance and history ----------------------------------------------------


@pytest.mark.parametrize("sentence", [
    "This procedure involves the removal of bone and may be performed through a small incision.",
    "The technique consists of a series of injections that can be repeated if needed.",
    "The technique was first described in 1950 and may be used by trained providers.",
    "Historically, open repair was considered appropriate for most tears.",
    "The Division recognizes that acceptable practice may include other procedures.",
    "The Division has adopted rules that providers must follow when billing.",
])
def test_descriptions_provenance_and_history_are_not_statements(sentence: str) -> None:
    assert not _in_prose(sentence)


@pytest.mark.parametrize("sentence", [
    # a description that also says what to do stays a statement
    "This procedure involves a needle in the disc, and fluoroscopy must be used to confirm it.",
    "The Division recommends referral to a program within six months.",
    "The Division does not recommend routine imaging in the first six weeks.",
    "Historically, bed rest was prescribed, but it is no longer recommended.",
])
def test_descriptions_that_also_advise_stay_statements(sentence: str) -> None:
    assert _in_prose(sentence)


def test_a_sentence_does_not_end_inside_its_own_brackets() -> None:
    sentence = ('Providers should document the plan within the medical record or the reasons for '
                'not completing it (i.e., "Patient admitted. Inpatient provider to complete the '
                'plan.").')
    assert _in_prose(sentence)


def test_an_unclosed_bracket_does_not_swallow_the_next_sentences() -> None:
    body = ("Braces should be worn at night (for six weeks. Surgery is performed later. "
            "Patients should avoid running.\n")
    assert "Patients should avoid running." in _texts(body)


def test_fragments_nested_under_an_indications_item_are_statements() -> None:
    body = f"- Indications:\n    - {LOCKING}\n    - {FAILED}\n- Arthroscopy should be done early.\n"
    assert _recs(SURGERY + body)[1:3] == [(LOCKING, Direction.FOR), (FAILED, Direction.FOR)]


# --- a verb's word used as a noun --------------------------------------------------------------


@pytest.mark.parametrize("sentence", [
    # the word after the opening clause is a noun with its article, not an imperative
    "In 1950, a test was developed to measure nerve conduction.",
    "For most workers, the screen takes about ten minutes to complete.",
    # the first word names a thing the sentence then says something about
    "Report writing is part of every visit.",
    "Repeat surgery rates range from 5% to 20%.",
    "Increase in pain is common after the procedure.",
    "Secure fixation of the graft is the goal of the procedure.",
    # a pointer to the rest of the document
    "Providers are encouraged to read the full guideline before treating.",
])
def test_a_noun_that_looks_like_an_imperative_does_not_make_advice(sentence: str) -> None:
    assert not _in_prose(sentence)


@pytest.mark.parametrize("sentence", [
    "In most cases, test the knee for stability before imaging.",
    "Increase the dose if pain is not controlled.",
    "Ensure the patient is comfortable before the injection.",
    "Test patients who are at high risk every year.",
    "Use the lowest dose that is effective.",
    "Repeat imaging is not indicated in the first six weeks.",
])
def test_imperatives_with_a_clause_after_them_stay_advice(sentence: str) -> None:
    assert _in_prose(sentence)


def test_a_case_of_an_indications_list_keeps_the_conditions_nested_under_it() -> None:
    body = (f"Indications:\n\n- {LOCKING}\n- All of the following:\n    - Pain for 6 weeks\n"
            f"    - A positive MRI\n")
    assert _texts(SURGERY + body)[1:] == [
        LOCKING, "All of the following: Pain for 6 weeks A positive MRI"]


# --- verdicts with an adverb, and options ----------------------------------------------------


@pytest.mark.parametrize(("sentence", "direction"), [
    ("Imaging is rarely indicated in the first four weeks.", Direction.AGAINST),
    ("Bracing is generally not required after this procedure.", Direction.AGAINST),
    ("Ultrasound guidance is acceptable for these injections.", Direction.FOR),
    ("Bed rest is not an acceptable treatment for acute back pain.", Direction.AGAINST),
    ("Surgery is an option for patients who fail six weeks of conservative care.", Direction.FOR),
])
def test_verdicts_with_an_adverb_and_options_are_statements(
        sentence: str, direction: Direction) -> None:
    assert (sentence, direction) in _recs(UNGRADED.format(sentence))


@pytest.mark.parametrize("sentence", [
    # what a payer need not do is not care
    "The state constitution also says that insurers are not required to pay for marijuana.",
    # a side-effect profile and an outcome are findings
    "The starting dose has an acceptable side effect profile in most trials.",
    "Results of the repair are acceptable in 80% of patients at one year.",
])
def test_payer_duties_and_findings_with_those_words_stay_out(sentence: str) -> None:
    assert not _in_prose(sentence)


@pytest.mark.parametrize(("lead", "direction"), [
    ("Indications for surgery include:", Direction.FOR),
    ("Contraindications to surgery include:", Direction.AGAINST),
])
def test_an_indications_lead_in_with_its_verb_is_one_statement_with_its_list(
        lead: str, direction: Direction) -> None:
    body = f"{lead}\n\n- {LOCKING}\n- {FAILED}\n"
    assert _recs(SURGERY + body)[1:] == [(f"{lead} {LOCKING} {FAILED}", direction)]


# --- billing, coding, accreditation and reports to payers ------------------------------------


@pytest.mark.parametrize("sentence", [
    "Providers must be Level II accredited to perform these ratings.",
    "The visit should be billed as a follow-up evaluation.",
    "Dry needling is a separate procedure for coding purposes and should be listed apart.",
    "A copy of each progress note should be sent to the insurer after every visit.",
])
def test_billing_coding_accreditation_and_reports_to_payers_are_not_statements(
        sentence: str) -> None:
    assert not _in_prose(sentence)


def test_a_payer_word_does_not_hide_the_care_said_in_the_sentence() -> None:
    sentence = ("When referring a patient to a program, the Division recommends the program "
                "meets the criteria of the Commission on Accreditation of Rehabilitation "
                "Facilities.")
    assert _in_prose(sentence)


@pytest.mark.parametrize("sentence", [
    "Providers should follow the rules of Sec. 7 of the fee schedule when treating.",
    "Patients should be seen by Prof. Lee's team or a team like it within a week.",
    "Education should cover the changes made in Sept. 2014 to the return-to-work form.",
])
def test_a_common_abbreviation_does_not_end_the_sentence(sentence: str) -> None:
    assert _in_prose(sentence)


def test_a_short_case_after_a_run_in_label_is_a_statement() -> None:
    body = f"- Indications: {LOCKING}.\n- Contraindications: Active infection.\n"
    assert _recs(SURGERY + body)[1:] == [
        (f"Indications: {LOCKING}.", Direction.FOR),
        ("Contraindications: Active infection.", Direction.AGAINST)]


FORMATS_DOC = f"""# Knee Guideline

## Major Recommendations

{SURGERY}##### Indications

- {LOCKING}
- {FAILED}

##### Contraindications

- {INFECTION}

Manipulation under anesthesia is no longer generally recommended. Vocational counselling may \
also be provided by a rehabilitation counselor.

## Definitions

Words.
"""


@pytest.mark.parametrize(("fmt", "suffix"), [
    ("markdown", ".md"), ("pdf", ".pdf"), ("docx", ".docx"), ("html", ".html"), ("text", ".txt")])
def test_every_format_reads_these_forms_alike(fmt: str, suffix: str) -> None:
    data = FORMATS_DOC.encode() if fmt == "markdown" else render(FORMATS_DOC, fmt, name="k")
    recs = parse_guideline(data, filename="k" + suffix).recommendations
    assert [(r.text, r.direction) for r in recs][1:] == [
        (LOCKING, Direction.FOR), (FAILED, Direction.FOR), (INFECTION, Direction.AGAINST),
        ("Manipulation under anesthesia is no longer generally recommended.", Direction.AGAINST),
        ("Vocational counselling may also be provided by a rehabilitation counselor.",
         Direction.FOR)]


# --- contraindicated, inadvisable, seldom ------------------------------------------------------


@pytest.mark.parametrize(("sentence", "direction"), [
    ("Steroid injections are contraindicated in patients with active infection.",
     Direction.AGAINST),
    ("Surgery is relatively contraindicated in smokers with poor healing.", Direction.AGAINST),
    ("Use of opioids is not advisable in the acute phase of the injury.", Direction.AGAINST),
    ("Surgery is seldom indicated for this condition.", Direction.AGAINST),
    ("Imaging is not usually necessary in the first month.", Direction.AGAINST),
    ("Open repair is not the treatment of choice for small tears.", Direction.AGAINST),
    # a condition, not the advice
    ("Injections may be considered for patients in whom surgery is contraindicated.",
     Direction.FOR),
])
def test_contraindicated_and_inadvisable_are_statements_against(
        sentence: str, direction: Direction) -> None:
    assert (sentence, direction) in _recs(UNGRADED.format(sentence))


def test_rarely_contraindicated_is_a_claim_not_advice() -> None:
    sentence = ("Modified duty is almost always more efficacious and rarely contraindicated in "
                "injured workers.")
    assert not _in_prose(sentence)


def test_an_advice_sentence_in_a_contraindications_list_keeps_its_own_direction() -> None:
    body = ("##### Contraindications\n\n- Active infection of the joint\n"
            "- Patients with pacemakers should be evaluated one by one.\n")
    assert _recs(SURGERY + body)[1:] == [
        (INFECTION, Direction.AGAINST),
        ("Patients with pacemakers should be evaluated one by one.", Direction.FOR)]


def test_a_verbless_paragraph_under_an_indications_heading_is_a_case() -> None:
    body = (f"##### Surgical Indications\n\n{FAILED}.\n\nThe knee is examined before surgery.\n\n"
            f"##### Contraindications\n\n{INFECTION}.\n")
    assert _recs(SURGERY + body)[1:] == [
        (f"{FAILED}.", Direction.FOR), (f"{INFECTION}.", Direction.AGAINST)]
