"""Defects the generator wrote into corpus guidelines, each from its source passage: brackets
left open, list items printed as sentences without a verb, a number the statement never
gave, and a question turned into an instruction."""

from __future__ import annotations

from domain.fidelity import added_numbers
from domain.generation import OfflineProvider
from domain.model import PatientVersion
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.reader import address
from domain.wording_check import defects


def generated(markdown: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(markdown.encode(), "excerpt.md"))


def rules(text: str) -> list[str]:
    return [d.message for d in defects(text)]


# --- brackets ----------------------------------------------------------------------------

def test_a_bracketed_sentence_keeps_its_closing_bracket() -> None:
    """Colorado cervical spine: "(Mere passage of time … program.)" lost its ")" when the
    sentences were split at the full stop inside the bracket."""
    out = Rewriter().simplify(
        "Operative treatment is indicated when the residual symptoms of pain and functional "
        "disability are unacceptable at the end of 6 to 12 weeks of active therapy and manual "
        "treatment. (Mere passage of time with poorly guided treatment is not considered an "
        "active treatment program.) In cases of myelopathy and some cases of severe nerve root "
        "compression, earlier intervention is indicated.")
    assert out.count("(") == out.count(")"), out
    assert "Mere passage of time with poorly guided treatment is not considered" in out
    assert not [m for m in rules(out) if "unbalanced" in m], out


def test_a_bracket_the_guideline_never_closed_is_closed_where_its_sentence_ends() -> None:
    """VA/DoD lower-limb amputation: the source opens "(For the treatment of chronic pain,
    …" and never closes it; the patient version must not print an open bracket."""
    out = Rewriter({"NGC": "National Guideline Clearinghouse"}).simplify(
        "The Work Group suggests offering a multi-modal, transdisciplinary individualized "
        "approach to pain management including transition to a non-narcotic pharmacological "
        "regimen combined with physical, psychological, and mechanical modalities throughout "
        "the rehabilitation process (For the treatment of chronic pain, the NGC summary of the "
        "2017 VA/DoD clinical practice guideline for the management of opioid therapy for "
        "chronic pain recommends alternatives to opioid therapy such as self-management "
        "strategies, other non-pharmacological treatments, and non-opioids over opioids.")
    assert out.count("(") == out.count(")"), out
    assert not [m for m in rules(out) if "unbalanced" in m], out
    assert "non-opioids over opioids" in out


def test_a_guideline_named_inside_a_noun_phrase_is_not_the_experts() -> None:
    """"the summary of the 2017 guideline recommends" is the summary speaking: it is not
    turned into "the summary of the 2017 experts advise"."""
    out = Rewriter().simplify("For chronic pain, the summary of the 2017 guideline recommends "
                              "alternatives to opioid therapy.")
    assert "2017 experts" not in out and "guideline advise " not in out, out


# --- lists ------------------------------------------------------------------------------

_DESCRIBE = "\n".join([
    "# Wrist pain", "", "## Recommendations", "", "### Informed decision making", "",
    "The provider should clearly describe the following:", "",
    "- The expected functional outcomes from the proposed treatment, or expected results and "
    "plan of action if diagnostic tests are involved.",
    "- Any side effects and risks to the patient.",
    "- Required post treatment rehabilitation time and impact on work, if any.",
    "- Alternative therapies or diagnostic testing.", ""])

_SIGNS = "\n".join([
    "# Low back pain", "", "## Recommendations", "", "### Surgery", "",
    "In order to qualify for surgery for nerve root compression, the patient should exhibit "
    "the following signs of radiculopathy before invasive procedures are considered:", "",
    "- i. Pain in the legs greater than in the low back which interferes with function, return "
    "to work and/or active therapy; **and**",
    "- ii. Physical exam findings of abnormal reflexes, motor weakness or radicular sensation "
    "deficits; **and**",
    "- iii. Findings on the MRI which indicate impingement of nerves or the spinal cord "
    "corresponding to reproducible physical exam findings.", ""])


def test_the_items_of_a_printed_list_stay_list_lines() -> None:
    """Colorado cumulative trauma: the four things the provider describes were run together
    and printed as sentences ("Other treatments or tests." has no verb)."""
    text = generated(_DESCRIBE).recommendations[0].text
    assert text.count("\n- ") == 4, text
    assert text.rstrip().endswith("\n- Other treatments or tests"), text
    assert not rules(text), rules(text)


def test_numbered_items_joined_by_and_lose_their_numbers_and_joiners() -> None:
    """Colorado low back pain: "i. … ; and ii. … ; and iii. Findings on the MRI which …"
    came out as a cut list and a sentence without a verb."""
    text = generated(_SIGNS).recommendations[0].text
    lines = text.split("\n- ")
    assert len(lines) == 4, text
    assert lines[3].startswith("Findings on the MRI which indicate"), text
    assert not any(line.startswith(("i.", "ii", "iii")) for line in lines[1:]), text
    assert not any(line.rstrip().endswith((" and", ";")) for line in lines), text
    assert ":." not in text, text
    assert not rules(text), rules(text)


def test_a_question_for_the_reader_is_not_made_an_instruction() -> None:
    """Colorado shoulder: "Do you have an allergy to metal?" became "Your care team should
    do you have an allergy to metal?"."""
    assert address("Do you have an allergy to metal, such as nickel?") == (
        "Do you have an allergy to metal, such as nickel?")


def test_a_split_never_leaves_even_at_the_end_of_a_sentence() -> None:
    """"…, even if a non-operative program helps" was cut into "… limits, even." and "This
    applies if …"."""
    out = Rewriter().simplify(
        "Earlier intervention is indicated or frequent recurrences of symptoms cause serious "
        "functional limitations, even if a non-operative active treatment program provides "
        "significant improvement of symptoms, and restoration of function on each recurrence.")
    assert "even." not in out and "even if" in out, out


# --- numbers ----------------------------------------------------------------------------

def test_an_acronym_is_not_spelt_out_with_a_number_the_statement_does_not_give() -> None:
    """VA/DoD COPD: "LABAs" spelt out as the document defines it, "long-acting beta
    2-agonists", printed a "2" that the recommendation never gave (a fidelity finding)."""
    source = ("In patients with confirmed, stable COPD who are on inhaled LAMAs (tiotropium) or "
              "inhaled LABAs alone and have persistent dyspnea on monotherapy, the guideline "
              "panel recommends combination therapy with both classes of drugs.")
    rw = Rewriter({"LABA": "long-acting beta 2-agonist", "LAMA": "long-acting antimuscarinic "
                   "agent", "COPD": "chronic obstructive pulmonary disease"})
    out = rw.simplify(source)
    assert not added_numbers(source, out), out
    assert "LABAs" in out and "long-acting antimuscarinic agents" in out, out
