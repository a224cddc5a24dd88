"""A sentence shorter than 22 words that says it "include(s)" three or more things is a
lead-in and one line a thing; when a sentence follows the list, it is said in one line."""

from domain.lists import as_list, inline, rejoin_short
from domain.readability import score

REASONS = ("Reasons include joint pain, joint stiffness, soft tissue pain and inflammation, "
           "paresthesia, post-surgical pain relief, muscle spasm, and scar tissue pain.")


def test_a_short_sentence_that_includes_things_is_a_lead_in_and_one_line_a_thing() -> None:
    assert as_list(REASONS) == [
        "Reasons include:", "joint pain", "joint stiffness", "soft tissue pain and inflammation",
        "paresthesia", "post-surgical pain relief", "muscle spasm", "scar tissue pain"]
    assert as_list("Teaching should include the proposed goals of the surgery, expected gains, "
                   "risks or problems, and other treatment.") == [
        "Teaching should include:", "the proposed goals of the surgery", "expected gains",
        "risks or problems", "other treatment"]


def test_the_list_lines_read_at_a_lower_grade_than_the_one_sentence() -> None:
    listed = as_list(REASONS)
    assert listed is not None
    lines = "\n".join([listed[0], *(f"- {i}" for i in listed[1:])])
    assert score(lines).fkgl < score(REASONS).fkgl - 3


def test_no_short_list_without_a_verb_in_its_lead_or_with_a_clause_as_an_item() -> None:
    # "Other care, including …, may be employed": the lead has no verb, the last item does.
    assert as_list("Other care, including mental health check or treatment, jobsite analysis, "
                   "and vocational assistance may be employed.") is None
    # "or" joins choices, not the parts of one thing: left as the guideline wrote it.
    assert as_list("Check should include check of protective factors, their reason for "
                   "living, or other factors that mitigate the risk for suicide.") is None


def test_a_short_list_with_a_sentence_after_it_is_said_in_one_line_again() -> None:
    lines = ["Donors should be told about the check.", "This includes:",
             "- the review of medical and behavioral history", "- physical exam", "- lab tests",
             "The aim is to find infections that could be spread."]
    assert rejoin_short(lines) == [
        "Donors should be told about the check.",
        "This includes the review of medical and behavioral history, physical exam, and "
        "lab tests.", "The aim is to find infections that could be spread."]
    assert rejoin_short(lines[:5]) == lines[:5]  # the list ends the advice: it stays


def test_a_short_list_inside_a_one_line_bullet_keeps_its_commas() -> None:
    assert inline("Possible harms of screening include:",
                  ["false-positive results", "anxiety", "cost"]) == (
        "Possible harms of screening include false-positive results, anxiety, and cost.")
    assert inline("Experts advise these:", ["a", "b", "c"]) is None
