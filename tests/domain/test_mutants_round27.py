"""Behaviour of the quality and wording checks that the round-27 mutation run found unguarded.

Each test kills one or more mutants of domain/quality.py, domain/source_check.py or
domain/wording_check.py that survived that run (bench/mutation/); the docstring says what
a reader of the patient version or a reviewer of the findings relies on.
"""

from __future__ import annotations

from domain.generation import OfflineProvider
from domain.model import (
    GlossaryEntry,
    PatientVersion,
    PvgSection,
)
from domain.parsing import parse_guideline
from domain.quality import WORDS, _acronyms, check_quality
from domain.source_check import _states
from domain.wording_check import _units, defects, has_finite_verb
from tests.domain.test_mutants_quality import jargon_findings


def _jargon(glossary: str, section: str, recommendation: str = "Walk every day.",
            entries: tuple[GlossaryEntry, ...] = ()) -> list[str]:
    return [f.message for f in jargon_findings(glossary, section, recommendation, entries)]


def _said(text: str, **kinds: bool) -> list[tuple[str, str]]:
    return [(d.rule, d.message) for d in defects(text, **kinds)]


# --- quality: jargon and short forms -------------------------------------------------------

def test_a_type_of_a_defined_short_form_needs_no_definition_of_its_own() -> None:
    """"GSD-II" is a type of GSD (as "CRPS-I" of CRPS): with GSD explained, "GSD-II" is
    not reported as undefined; a short form that is not a type of it still is."""
    glossary = "- GSD: a disease in which the body cannot use its stored sugar"
    assert _jargon(glossary, "GSD-II often weakens the heart.") == []
    assert _jargon(glossary, "GSD-X often weakens the heart.") == [
        "short form 'GSD-X' is not defined in 'Words to know'"]


def test_a_short_form_explained_in_the_word_list_is_not_reported() -> None:
    """A word-list line "LDL: ..." explains the short form "LDL" wherever it is used."""
    assert _jargon("- LDL: the cholesterol that clogs blood vessels",
                   "Your LDL is checked once a year.") == []


def test_only_the_entries_a_words_used_here_line_gives_count_as_explained() -> None:
    """A "Words used here" line explains the entries whose meaning it says, not every entry
    of the glossary: a term whose meaning is printed nowhere is still reported."""
    edema = GlossaryEntry(term="edema", meaning="swelling of the legs")
    hypertension = GlossaryEntry(term="hypertension", meaning="high blood pressure")
    section = ("Edema and hypertension are common.\n\n"
               "**Words used here:** Edema means swelling of the legs.")
    assert _jargon("", section, entries=(edema, hypertension)) == [
        "medical term 'hypertension' is not defined in 'Words to know'"]


def test_a_short_word_in_capitals_six_characters_from_a_stressed_word_is_a_short_form() -> None:
    """A short word in capitals counts as stress only beside another word in capitals at most
    five characters away; "BIG, and RISKY" is six apart, so "BIG" is read as a short form
    (and, five apart, as stress)."""
    assert _acronyms("This is a BIG, and RISKY step.") == ["BIG"]
    assert _acronyms("This is a BIG and RISKY step.") == []


def test_the_word_list_itself_is_not_searched_for_unexplained_words() -> None:
    """The "unexplained word" check reads the page but not the word list: the meanings there
    may use a rarer word without the reviewer being told to explain it; the same word in
    another section is reported."""
    guideline = parse_guideline(
        b"# Guideline\n\n## Recommendations\n\n"
        b"Adults should walk every day (Strong recommendation).\n", "g.md")
    pvg = OfflineProvider().generate(guideline)
    rare = "- Walking aid: a frame or a rollator for getting about."
    in_words = pvg.model_copy(deep=True)
    for section in in_words.sections:
        if section.heading == WORDS:
            section.body += "\n" + rare
            break
    else:
        in_words.sections.append(PvgSection(heading=WORDS, body=rare))

    def unexplained(version: PatientVersion) -> list[tuple[str, str]]:
        return [(f.target, f.message) for f in check_quality(guideline, version).findings
                if f.check == "unexplained" and "rollator" in f.message]

    assert unexplained(in_words) == []
    elsewhere = pvg.model_copy(deep=True)
    elsewhere.sections[0].body += "\n\nA rollator helps."
    assert [t for t, _ in unexplained(elsewhere)] == [elsewhere.sections[0].heading]


# --- source_check: which headings open statements -------------------------------------------

def test_a_roman_numeral_ten_is_read_like_any_other_section_number() -> None:
    """A heading's reading does not depend on the number in front of it: "X." (section ten)
    is no different from "IX." or "XI." (the capital X is not stripped like punctuation)."""
    headings = [f"{n}. Recommendations for research" for n in ("IX", "X", "XI")]
    assert len({_states(h) for h in headings}) == 1


# --- wording: messages a reviewer reads -----------------------------------------------------

def test_a_doubled_preposition_is_named_and_quoted_with_three_words_either_side() -> None:
    """The finding names "of in" and quotes it with three words either side."""
    assert _said("The risk of overdose of in people with pain is high for many weeks.") == [
        ("doubled preposition",
         "doubled preposition 'of in': \"risk of overdose of in people with pain\"")]


def test_an_unbalanced_quote_mark_is_quoted_with_four_words_either_side() -> None:
    """The quote of a lone '"' has at most four words before it, not the whole line."""
    assert _said('Then the nurse said to him "take it with food and water every day.') == [
        ("unbalanced",
         'unbalanced \'"\': "nurse said to him " take it with food"')]


def test_an_unclosed_bracket_is_quoted_at_the_first_one() -> None:
    """With nothing closing, the first opening bracket is the one quoted."""
    assert _said("Take (a and (b daily with food and water.") == [
        ("unbalanced", "unbalanced '()': \"Take ( a and (b daily\"")]


def test_the_person_in_text_said_to_you_is_quoted_where_it_stands() -> None:
    """The finding quotes "the person" with three words either side, from the middle of a
    line too."""
    assert _said("Check your feet daily. The person with diabetes should rest often.") == [
        ("the person", "'The person' in text addressed to 'you': "
                       "\"your feet daily. The person with diabetes should\"")]


def test_the_person_after_a_bold_label_or_in_bold_is_found() -> None:
    """A bold label ("**Note:**") or bold type around "Person" does not hide it."""
    assert ("the person", "'Person' in text addressed to 'you': "
                          "\"Person with diabetes should\"") in _said(
        "**Note:** Person with diabetes should check feet. You can rest.")
    assert ("the person", "'Person' in text addressed to 'you': \"Person with diabetes should\""
            ) in _said("**Person** with diabetes should check feet. You can rest.")


def test_you_at_the_end_of_a_wrapped_line_is_still_you() -> None:
    """A list item wrapped after "you" still speaks to the reader."""
    text = ("- Person with diabetes should check the feet daily. Ask what suits you\n"
            "  best.")
    assert [r for r, _ in _said(text)] == ["the person"]


# --- wording: fragments in and out of quotations --------------------------------------------

def test_a_verbless_sentence_after_a_closed_curly_quotation_is_reported() -> None:
    """A closing curly quote ends the quotation: what follows is checked again."""
    assert _said("The nurse wrote \u201cPatient seen.\u201d A good plan for the week.") == [
        ("fragment", 'sentence without a verb: "A good plan for the week."')]


def test_a_verbless_sentence_inside_a_curly_quotation_is_left_alone() -> None:
    """A note quoted as written, opened by a curly quote, may be in note style."""
    assert _said("The note said \u201cPatient seen. A good plan for the week.\u201d") == []


def test_a_quotation_over_three_sentences_is_left_alone_to_its_end() -> None:
    """The count of quote marks runs over the whole line: the third sentence of a quoted
    note is still inside the quotation."""
    assert _said('The note said "Patient seen. A good plan. A good week for rest."') == []


def test_the_count_of_quote_marks_is_odd_inside_and_even_outside() -> None:
    """After five quote marks a sentence is inside a quotation; after four, outside."""
    assert _said('He said "yes" and "no" then "Patient seen. A good plan for the week."') == []
    assert _said('He said "yes" and "no" then. A good plan for the week.') == [
        ("fragment", 'sentence without a verb: "A good plan for the week."')]


def test_sentences_after_a_quotation_are_still_checked() -> None:
    """A quoted note does not end the checks of the line: a verbless sentence after it is
    reported."""
    assert _said('The note said "Patient seen. A good plan." A good day for the heart.') == [
        ("fragment", 'sentence without a verb: "A good day for the heart."')]


def test_a_sentence_ending_in_an_exclamation_mark_is_a_closed_sentence() -> None:
    """In a section, a line's sentence ending in "!" is prose and needs a verb, as one
    ending in a full stop does."""
    assert _said("You can do it. Great news for the heart!", markdown=True) == [
        ("fragment", 'sentence without a verb: "Great news for the heart!"')]


def test_a_relative_clause_does_not_hide_the_main_verb_after_it() -> None:
    """"HCP whose anti-HBs remains <10 mIU/mL should undergo ..." has its verb: "should
    undergo" after the clause."""
    assert has_finite_verb(
        "HCP whose anti-HBs remains <10 mIU/mL should undergo revaccination with 2 more doses.")


# --- wording: the units "the person" and "you" are read together in ---------------------------

def test_list_items_are_units_of_their_own_with_their_sub_items() -> None:
    """Each list item is one unit with its indented sub-items; the list goes on after them."""
    assert list(_units("- a\n- b")) == ["- a", "- b"]
    assert list(_units("- a\n  - sub\n- b")) == ["- a\n  - sub", "- b"]


def test_a_lead_in_ending_in_a_colon_takes_its_list() -> None:
    """A lead-in ending in ":" (trailing spaces or not) is one unit with its list; a sentence
    ending in a full stop is not."""
    assert list(_units("Do this:  \n- item")) == ["Do this:  \n- item"]
    assert list(_units("Para.\n- item")) == ["Para.", "- item"]


def test_blank_lines_end_a_unit_and_are_no_unit() -> None:
    """A blank line, empty or of spaces, ends a paragraph and is not a unit itself."""
    assert list(_units("A\n\nB")) == ["A", "B"]
    assert list(_units("A.\n   \nB.")) == ["A.", "B."]


def test_an_indented_line_continues_the_unit_before() -> None:
    """A line indented by one space or more goes on the unit before it; an indented first
    line opens one."""
    assert list(_units("Para\n continued")) == ["Para\n continued"]
    assert list(_units("  indented\nnext")) == ["  indented", "next"]
