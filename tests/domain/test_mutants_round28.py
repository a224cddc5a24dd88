"""Behaviour of the guideline parser that the round-28 mutation run found unguarded.

Each test kills one or more mutants of domain/parsing.py that survived that run
(bench/mutation/): cases under "Indications", sentences with brackets, a labelled bullet
that ends the document, a lead-in that goes on from the sentence before it, unlabelled
numbered items in a graded guideline, and recommendation tables. The docstring says what a
reader of the patient version or a reviewer of the statements relies on.
"""

from __future__ import annotations

import pytest

from domain.model import Direction, Recommendation, Strength
from tests.support.parsed import GRADED, TITLE
from tests.support.parsed import recs as _recs
from tests.support.parsed import texts as _texts

# --- cases under "Indications" -------------------------------------------------------------

def test_cases_under_indications_whose_lines_end_in_blanks_keep_their_cases() -> None:
    """Exports leave blanks at the end of lines (a Markdown line break): the quote of a case
    ends at its last word, and "All of the following:  " still takes the cases under it
    into one case instead of standing alone as "All of the following:"."""
    doc = TITLE + ("## Indications\n\n- Severe leg pain lasting 3 months.  \n"
                   "- All of the following:  \n  - Pain for 6 weeks.\n"
                   "  - Failed physical therapy.\n")
    recs = _recs(doc)
    assert [r.text for r in recs] == [
        "Severe leg pain lasting 3 months.",
        "All of the following: Pain for 6 weeks. Failed physical therapy."]
    assert recs[0].source_text == "Severe leg pain lasting 3 months."
    assert recs[1].source_text == ("All of the following:  \n  - Pain for 6 weeks.\n"
                                   "  - Failed physical therapy.")


def test_a_heading_naming_indications_run_into_the_paragraph_above_still_heads_its_cases(
        ) -> None:
    """"Surgery helps some adults with sciatica. Indications for surgery" over a list of
    cases: a heading line run into the paragraph above it (a PDF or TXT page loses the break).
    Each case is a statement of when to have the care; the parser found none of them before
    (`_ungraded`'s mutant 132 of the round-28 run read it rightly, and is now the code)."""
    recs = _recs(TITLE + "## Recommendations\n\n### Surgery\n\n"
                 "Surgery helps some adults with sciatica. Indications for surgery\n\n"
                 "- Failure of conservative care for 6 weeks\n"
                 "- Progressive weakness in the leg\n")
    assert [r.text for r in recs] == ["Failure of conservative care for 6 weeks",
                                      "Progressive weakness in the leg"]
    assert all(r.direction is Direction.FOR for r in recs)


def test_a_case_with_a_single_case_of_its_own_under_indications_is_one_statement() -> None:
    """A case ending in ":" over one nested case ("… including:" / "Physical therapy …")
    is one case with it: the nested words are what the case asks for."""
    doc = TITLE + ("## Indications\n\n- Failure of conservative care, including:\n"
                   "  - Physical therapy for six weeks.\n"
                   "- Severe leg pain lasting 3 months.\n")
    recs = _recs(doc)
    assert [r.text for r in recs] == [
        "Failure of conservative care, including: Physical therapy for six weeks.",
        "Severe leg pain lasting 3 months."]
    assert recs[0].source_text == ("Failure of conservative care, including:\n"
                                   "  - Physical therapy for six weeks.")


def test_a_reference_in_a_contraindications_list_is_no_case() -> None:
    """"See Appendix B …" in a list of contraindications points elsewhere: it is not a
    case in which not to give the care."""
    doc = TITLE + ("## Contraindications\n\n- Active infection at the injection site.\n"
                   "- See Appendix B for the imaging criteria.\n")
    assert [(r.text, r.direction) for r in _recs(doc)] == [
        ("Active infection at the injection site.", Direction.AGAINST)]


def test_in_a_graded_guideline_an_indications_list_gets_no_nice_strength() -> None:
    """A guideline that grades its advice gives strength by its labels: "Offer …" and
    "Consider …" in a list under an "Indications" heading stay ungraded, as any unlabelled
    advice there (not NICE strong and conditional)."""
    doc = GRADED + ("Patients should walk every day for thirty minutes.\n\n"
                    "Patients should avoid bed rest for back pain.\n\n"
                    "Clinicians should review the care after four weeks.\n\n"
                    "### Indications\n\n- Offer physiotherapy for six weeks.\n"
                    "- Consider surgery after three months of leg pain.\n")
    cases = [r for r in _recs(doc) if r.section == "Indications"]
    assert [(r.text, r.strength, r.scheme) for r in cases] == [
        ("Offer physiotherapy for six weeks.", Strength.UNGRADED, "ungraded"),
        ("Consider surgery after three months of leg pain.", Strength.UNGRADED, "ungraded")]


# --- sentences -----------------------------------------------------------------------------

def test_a_bracket_closed_within_its_sentence_does_not_join_the_next_sentence() -> None:
    """Only a bracket still open at a full stop holds the sentence open; two sentences
    that each close their own bracket are two statements."""
    doc = TITLE + ("## Recommendations\n\nAdults should walk (or cycle) every day. "
                   "Clinicians should check the blood pressure (at each visit) of adults "
                   "with diabetes.\n")
    assert _texts(doc) == [
        "Adults should walk (or cycle) every day.",
        "Clinicians should check the blood pressure (at each visit) of adults with diabetes."]


def test_a_labelled_bullet_that_ends_the_document_completes_the_item_above() -> None:
    """"… the Work Group recommends offering" over one labelled bullet is one statement also
    when that bullet is the last line of the document."""
    doc = ("# G\n\n## Recommendations\n\n"
           "12. We recommend against benzodiazepines. (**Strong Against**)\n\n"
           "11. For patients for whom agonist treatment is contraindicated, the Work Group "
           "recommends offering\n"
           "    - Extended-release injectable naltrexone (**Strong For**)\n")
    assert _texts(doc)[-1] == (
        "For patients for whom agonist treatment is contraindicated, the Work Group "
        "recommends offering Extended-release injectable naltrexone")


LEAD_IN = ("Most back pain gets better within six weeks. Then follow these steps:\n\n"
           "- keep moving at home\n- return to work early\n")


@pytest.mark.parametrize("before", [
    "Adults should walk for thirty minutes every day.\n\n", ""], ids=["after-advice", "first"])
def test_a_lead_in_going_on_from_a_sentence_that_advises_nothing_takes_only_that(
        before: str) -> None:
    """"… Then follow these steps:" takes the sentence it goes on from into its statement;
    when that sentence was no statement of its own, the statement found before it (another
    paragraph's advice) stays, and with none before the document is still read."""
    texts = _texts(TITLE + "## Recommendations\n\n" + before + LEAD_IN)
    assert texts == [before.strip()] * bool(before) + [
        "Most back pain gets better within six weeks. Then follow these steps: keep moving "
        "at home return to work early"]


# --- unlabelled items of a graded guideline --------------------------------------------------

def test_unlabelled_items_around_a_lead_in_of_labelled_items_are_statements() -> None:
    """In a graded list, "For adults with a positive screen:" only leads its labelled item;
    the unlabelled numbered items before and after it still advise, each a statement."""
    doc = ("# G\n\n## Treatment of depression\n\n"
           "1. Clinicians should screen adults for depression once a year.\n"
           "2. For adults with a positive screen:\n"
           "   - Offer cognitive behavioural therapy (Strong recommendation).\n"
           "3. Clinicians should review the treatment after eight weeks.\n")
    assert [(r.text, r.context) for r in _recs(doc)] == [
        ("Clinicians should screen adults for depression once a year.", None),
        ("Offer cognitive behavioural therapy", "For adults with a positive screen"),
        ("Clinicians should review the treatment after eight weeks.", None)]


# --- recommendation tables -----------------------------------------------------------------

# A labelled statement makes the guideline graded (tables are read only then); its nested
# details are no table rows, and the reading of the tables after them goes on.
SICKLE = ("# G\n\n## Recommendations\n\n#### Consensus Recommendations\n\n"
          "1. Counsel women with SCD about contraception. (**Consensus\u2013Panel Expertise**)\n"
          "    - a. Progestin-only methods\n    - b. Barrier methods\n\n")
NOT_INDICATED = "Graded Recommendations When Transfusion Is Not Indicated"


def _rows(doc: str) -> list[Recommendation]:
    return [r for r in _recs(doc) if r.section != "Consensus Recommendations"]


def test_a_two_column_header_names_the_strength_column_of_the_rows_under_it() -> None:
    """"Indication | Strength of Recommendation" is the table's header, not a statement, and
    the rows under it take their strength from the second column; a row stands under its
    table's title (the section it is shown under), and a table after the nested details of
    a statement is read too."""
    doc = SICKLE + (f"#### {NOT_INDICATED}\n\n"
                    "- **Indication** | **Strength of Recommendation**\n- Priapism | Moderate\n")
    assert [(r.text, r.grade, r.strength, r.direction, r.section) for r in _rows(doc)] == [
        ("Transfusion is not indicated for priapism.", "Moderate", Strength.MODERATE,
         Direction.AGAINST, NOT_INDICATED)]


def test_a_row_without_a_label_is_graded_as_its_table_title_says() -> None:
    """A row of a "Consensus Recommendations" table is consensus advice under the same
    scheme as a statement labelled "Consensus"; a row of another recommendations table is
    ungraded under the same scheme as any unlabelled statement."""
    doc = SICKLE + ("#### Consensus Recommendations to Transfuse\n\n"
                    "- Indication: Aplastic crisis | How to Transfuse: Simple transfusion\n\n"
                    "#### Recommendations for Follow-up\n\n"
                    "- Indication: Stroke | How to Transfuse: Exchange transfusion\n\n"
                    "#### Other care\n\n"
                    "2. Clinicians should review the transfusion plan every year.\n")
    recs = {r.text: r for r in _recs(doc)}
    labelled = recs["Counsel women with SCD about contraception."]
    unlabelled = recs["Clinicians should review the transfusion plan every year."]
    consensus = recs["Transfuse for aplastic crisis: simple transfusion."]
    follow_up = recs["Transfuse for stroke: exchange transfusion."]
    assert (consensus.strength, consensus.scheme) == (Strength.CONSENSUS, labelled.scheme)
    assert (follow_up.strength, follow_up.scheme) == (Strength.UNGRADED, unlabelled.scheme)


def test_a_row_that_says_not_indicated_is_advice_against() -> None:
    """"How to Transfuse: Not indicated" advises against transfusing for that case, though
    the table's title does not say so."""
    doc = SICKLE + ("#### Graded Recommendations for Transfusion\n\n"
                    "- Indication: Priapism | How to Transfuse: Not indicated | "
                    "Strength of Recommendation: Moderate\n")
    assert [(r.text, r.direction) for r in _rows(doc)] == [
        ("Transfuse for priapism: not indicated.", Direction.AGAINST)]


def test_a_table_of_recommendations_against_gives_advice_against() -> None:
    """A table titled "Recommendations Against …" lists what not to do, although its rows
    only name the thing."""
    doc = GRADED + ("#### Table 2. Recommendations Against Routine Screening\n\n"
                    "- Vitamin D levels in adults without symptoms | "
                    "Strength of Recommendation: Weak\n")
    rows = [r for r in _recs(doc) if r.text.startswith("Vitamin D")]
    assert [(r.direction, r.strength) for r in rows] == [(Direction.AGAINST, Strength.CONDITIONAL)]


def test_a_lead_in_bullet_with_blanks_after_its_colon_is_no_table_row() -> None:
    """"For adults with SCD and a VOC:  " leads the labelled item under it (its context);
    with or without blanks after the colon it is no row of the consensus table."""
    doc = GRADED + ("#### Consensus Recommendations\n\n- For adults with SCD and a VOC:  \n"
                    "  - Counsel adults about the use of hydroxyurea. "
                    "(**Consensus\u2013Panel Expertise**)\n")
    assert [(r.text, r.context) for r in _recs(doc)][1:] == [
        ("Counsel adults about the use of hydroxyurea.", "For adults with SCD and a VOC")]
