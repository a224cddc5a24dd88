"""Behaviour that the mutation run over the functions changed since ebf0b1c showed no test
checked (bench/mutation/README.md)."""

from __future__ import annotations

import pytest

from domain.direction import text_direction
from domain.grades import classify_label
from domain.model import (
    Direction,
    Finding,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    Strength,
)
from domain.parsing import _sentence_spans, parse_text
from domain.quality import _acronyms, _check_jargon
from domain.source_check import _covered, _Statements, _words

# --- direction: a verdict for want of evidence, less of the care ------------------------------


@pytest.fixture
def fresh_direction():
    """``text_direction`` is cached: a sentence read before (by another test, or by the clean
    run that a mutation run forks its mutants from) is answered from the cache without reading
    it again. These tests read their sentences afresh, so the reading itself is checked."""
    text_direction.cache_clear()
    yield text_direction
    text_direction.cache_clear()


@pytest.mark.parametrize(("text", "expected"), [
    # missing evidence is the only reason: no recommendation either way
    ("Cooled radiofrequency is not recommended due to current lack of evidence.",
     Direction.INSUFFICIENT),
    ("Prolotherapy is not recommended because there are no quality studies demonstrating an "
     "effect on pain.", Direction.INSUFFICIENT),
    # a reason besides the evidence (safety, its effect) keeps it a verdict against
    ("Cooled radiofrequency is not recommended due to lack of evidence and safety concerns.",
     Direction.AGAINST),
    ("Prolotherapy is not recommended because there are no quality studies of its effect on "
     "pain.", Direction.AGAINST),
    ("Opioids are not recommended for acute pain.", Direction.AGAINST),
])
def test_a_verdict_for_want_of_evidence_alone_is_no_recommendation(
        fresh_direction, text: str, expected: Direction) -> None:
    """A patient told "not recommended" for a treatment that is only unproven would read a
    warning the guideline does not give; one with a harm named must still read it."""
    assert fresh_direction(text) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Injections should be minimized for patients under 30 years of age.", Direction.AGAINST),
    ("Use of opioids must be kept to a minimum.", Direction.AGAINST),
    # less of a risk is advice for what lowers it
    ("Exposure to radiation should be minimized.", None),
    ("Offer statins to adults.", None),
])
def test_less_of_the_care_is_advice_against_it(
        fresh_direction, text: str, expected: Direction | None) -> None:
    """"Should be minimized" of a treatment is advice to use less of it; of a risk it is not,
    and reading it as against would turn the advice round."""
    assert fresh_direction(text) is expected


# --- parsing: a list of statements under a lead-in ---------------------------------------------

RECS = "# G\n\n## Major Recommendations\n\n"


def _texts(body: str) -> list[str]:
    return [r.text for r in parse_text(RECS + body).recommendations]


LEAD_IN = """### Therapeutic Procedures

All plans begin with shared decisions. The physician must consider these important issues in the care of the injured worker:

"""  # noqa: E501


def test_a_lead_in_over_two_advice_sentences_leaves_each_its_own_statement() -> None:
    """The shortest list of statements: two entries, the last leading a list of one item,
    and a paragraph after the list. Read as the end of the lead-in, both pieces of advice
    would reach the patient as one run-on statement under the lead-in's words."""
    body = LEAD_IN + (
        "- Psychological screening should be performed on all chronic pain patients.\n"
        "- Continued treatment should be monitored using objective measures such as:\n"
        "    - Return to work\n\n"
        "Sleep is studied.\n")
    assert _texts(body) == [
        "Psychological screening should be performed on all chronic pain patients.",
        "Continued treatment should be monitored using objective measures such as: Return to "
        "work",
    ]


def test_advice_sentences_with_no_list_of_their_own_complete_the_lead_in() -> None:
    """Only an entry that leads a list of its own makes the entries statements; otherwise
    the list completes its lead-in and is read with it as one statement."""
    body = LEAD_IN + (
        "- Psychological screening should be performed on all chronic pain patients.\n"
        "- Reassessment should be documented after each treatment.\n")
    assert _texts(body) == [
        "The physician must consider these important issues in the care of the injured worker: "
        "Psychological screening should be performed on all chronic pain patients. "
        "Reassessment should be documented after each treatment.",
    ]


# --- quality: short forms in capitals ----------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    # two capitals are enough; as many lower-case letters as capitals still make a short form
    ("Ask about MS.", ["MS"]),
    ("Check your HbA1c.", ["HbA1c"]),
    # a short form that spells a word is still one when no capitals stand beside it
    ("Screen adults for PAD.", ["PAD"]),
    # a name with more small letters than capitals is passed over, and reading goes on
    ("Try McKenzie exercises and check your LDL.", ["LDL"]),
    # capitals for stress: a short word beside other capitals, on either side
    ("If you are at HIGH AND LOW risk.", []),
    ("Both HIGH and LOW doses work.", []),
    ("Check your LDL. Do NOT USE aspirin.", ["LDL"]),
    ("Check your LDL and do not eat TOO MUCH salt.", ["LDL"]),
    ("Your RISK is higher with a high LDL.", ["LDL"]),
    # capitals six characters apart are not beside each other
    ("Screen for PAD, and HIV.", ["PAD", "HIV"]),
    # spine levels are no short forms; a numbered type is
    ("Test for HIV-1 and C6-C7 and L4-5.", ["HIV-1"]),
    ("Surgery at C6-C7 may follow an MRI.", ["MRI"]),
])
def test_short_forms_a_reader_must_have_explained(text: str, expected: list[str]) -> None:
    """Every short form found must be explained in "Words to know", so one missed leaves
    the patient with letters they cannot read, and a word in capitals taken for one sends a
    sound version to review."""
    assert _acronyms(text) == expected


def test_two_short_forms_side_by_side_are_both_short_forms() -> None:
    """"Get a CT or MRI scan": a patient who does not know either needs both explained;
    alone, each is found ("Get an MRI scan"); words in capitals for stress are not."""
    assert _acronyms("Get an MRI scan.") == ["MRI"]
    assert _acronyms("Get a CT or MRI scan.") == ["CT", "MRI"]
    assert _acronyms("The risk is HIGH AND LOW at once.") == []


def _short_forms(words_to_know: str, *advice: str) -> list[tuple[str, str]]:
    """(statement, short form) of each short form quality control reports as not defined,
    for a version whose "Words to know" holds ``words_to_know`` and whose advice is
    ``advice``."""
    pvg = PatientVersion(
        title="Knee pain", generator="test",
        sections=[PvgSection(heading="Words to know", body=words_to_know)],
        recommendations=[
            PvgRecommendation(id=f"R{i}", text=text, strength="Strong", direction=Direction.FOR,
                              source_text=text)
            for i, text in enumerate(advice, 1)])
    findings: list[Finding] = []
    _check_jargon(pvg, findings)
    return [(f.target, f.message.split("'")[1]) for f in findings
            if f.message.startswith("short form")]


def test_a_short_form_is_reported_unless_words_to_know_explains_it() -> None:
    """Quality control must name each short form the patient is left to guess, once, and
    no short form that "Words to know" explains, also when the advice prints it in the
    plural or "Words to know" explains a longer name that starts with it."""
    glossary = "- **MRI**: a scan that uses magnets.\n- **CIWA-Ar**: a list of withdrawal signs."
    assert _short_forms(glossary, "Get MRIs and a QZX test.", "Score it with CIWA.",
                        "Repeat the QZX test.") == [("R1", "QZX")]


def test_a_nested_bullet_that_advises_on_its_own_is_not_joined_to_the_item_above() -> None:
    """Only a bullet without a verb ends the sentence of the item above it; one that says
    "should be offered" is its own statement, and joined it would read "recommends offering
    … naltrexone should be offered"."""
    doc = ("# G\n\n## Recommendations\n\n"
           "11. For patients for whom agonist treatment is contraindicated, the Work Group "
           "recommends offering\n"
           "    - Extended-release injectable naltrexone should be offered (**Strong For**)\n\n"
           "12. We recommend against benzodiazepines. (**Strong Against**)\n")
    assert [r.text for r in parse_text(doc).recommendations] == [
        "Extended-release injectable naltrexone should be offered",
        "We recommend against benzodiazepines.",
    ]


def test_a_labelled_bullet_is_not_joined_to_the_bullet_beside_it() -> None:
    """The sentence a labelled bullet ends is the item's above the list, never a sibling
    bullet's: joined to the bullet before, the patient would read two pieces of advice run
    together as one ("… should be offered first Extended-release …")."""
    doc = ("# G\n\n## Recommendations\n\n"
           "11. For patients with opioid use disorder, the Work Group recommends offering\n"
           "    - Methadone or buprenorphine should be offered first\n"
           "    - Extended-release injectable naltrexone (**Strong For**)\n\n"
           "12. We recommend against benzodiazepines. (**Strong Against**)\n")
    labelled = [r.text for r in parse_text(doc).recommendations if r.grade == "Strong For"]
    assert labelled == ["Extended-release injectable naltrexone"]


# --- source check: a statement that lacks one of the candidate's long words --------------------


def test_a_statement_missing_one_condition_does_not_cover_the_sentence() -> None:
    """"… have diabetes …" and "… have obesity …" are different advice, word for word
    alike but for the condition. The index of long words must find no statement that holds
    both "smoking" and "diabetes", although each is held by some statement; otherwise the
    sentence about diabetes is taken as covered and its loss goes unreported."""
    sentence = ("Offer a statin to adults aged 40 to 75 years who quit smoking and have diabetes "
                "and one or more other risks for a heart attack")
    statements = _Statements([
        ("R1", _words(sentence.replace("diabetes", "obesity"))),
        ("R2", _words("Check the feet of adults with diabetes every year")),
        ("R3", _words("Offer diabetes education at the first visit")),
    ])
    assert _covered(_words(sentence), _words(sentence), statements) is None
    alike = _words(sentence.replace("diabetes", "obesity"))
    assert _covered(alike, alike, statements) == "R1"


def test_an_ing_entry_is_one_more_action_only_where_most_entries_are_actions() -> None:
    """"Associating the bed with sleep only, …" is read as an action because the list
    around it is a list of actions; where half the entries are things ("Sleep diaries …",
    "Light therapy …"), an entry opening in -ing is not enough to make it advice."""
    body = ("Behavioral modifications are accepted interventions and can include:\n\n"
            "- Maintaining a regular sleep schedule.\n"
            "- Avoiding daytime napping.\n"
            "- Sleep diaries kept for two weeks.\n"
            "- Light therapy in the morning.\n"
            "- Associating the bed with sleep only, using other rooms for television and "
            "reading.\n")
    assert _texts(body) == ["Maintaining a regular sleep schedule.", "Avoiding daytime napping."]


@pytest.mark.parametrize(("entries", "expected"), [
    # two actions around it: it is a third
    (["Avoiding daytime napping.", "Avoiding caffeinated beverages after lunchtime."],
     ["Avoiding daytime napping.", "Avoiding caffeinated beverages after lunchtime.",
      "Associating the bed with sleep only, using other rooms for television and reading."]),
    # one action and one thing: no majority of actions
    (["Avoiding daytime napping.", "Sleep diaries kept for two weeks."],
     ["Avoiding daytime napping."]),
])
def test_an_ing_entry_in_a_short_list(entries: list[str], expected: list[str]) -> None:
    """The shortest lists the rule reads: two other entries, both actions or only one."""
    body = ("Behavioral modifications are accepted interventions and can include:\n\n"
            + "".join(f"- {e}\n" for e in entries)
            + "- Associating the bed with sleep only, using other rooms for television and "
              "reading.\n")
    assert _texts(body) == expected


@pytest.mark.parametrize(("text", "sentences"), [
    ("Walk daily. Sleep well.", ["Walk daily.", "Sleep well."]),
    # the third quotation mark is still open at the stop: the mark after it closes it
    ('Say "no" to smoking and "stop now." Next, walk daily.',
     ['Say "no" to smoking and "stop now."', "Next, walk daily."]),
])
def test_a_sentence_ends_at_its_stop_or_the_quotation_mark_that_closes_it(
        text: str, sentences: list[str]) -> None:
    """Sentences are the statements' and the quotes' units: a blank taken into one, or a
    closing quotation mark left out, shows in what the patient and the reviewer read."""
    assert [text[a:b] for a, b in _sentence_spans(text)] == sentences


# --- grades: the provenance after a VA/DoD grade ------------------------------------------------


def test_a_grade_with_a_doubled_separator_before_its_provenance_is_still_read() -> None:
    """"Weak for, (Reviewed, New-added)": the comma left before the bracket is not part of
    the grade; kept, the label would not be understood and the statement would lose its
    strength and direction."""
    label = classify_label("Weak for, (Reviewed, New-added)")
    assert label is not None
    assert (label.strength, label.direction) == (Strength.CONDITIONAL, Direction.FOR)


def test_an_empty_bullet_in_a_list_under_a_lead_in_does_not_stop_the_parse() -> None:
    """A stray "- " line (an export that lost an entry) is an entry with no sentence; the
    list is still read and its advice kept, rather than the whole guideline failing."""
    body = LEAD_IN + (
        "- Psychological screening should be performed on all chronic pain patients.\n"
        "- \n"
        "- Continued treatment should be monitored using objective measures such as:\n"
        "    - Return to work\n")
    assert any("Psychological screening should be performed" in t for t in _texts(body))


# --- parsing: a sub-heading printed as a plain line ---------------------------------------------


def test_a_twelve_word_summary_line_is_a_sub_heading_and_its_paragraph_is_left_out() -> None:
    """Twelve words is the longest line read as a sub-heading: the paragraph under "Summary
    of Evidence Regarding …" sums up evidence and is no statement of its own."""
    body = ("#### Acupuncture\n\n"
            "Summary of Evidence Regarding Acupuncture for Chronic Low Back Pain in Adults\n\n"
            "Based on the studies above, acupuncture should be used for chronic pain.\n\n"
            "Acupuncture should be offered to adults with chronic pain.\n")
    assert _texts(body) == ["Acupuncture should be offered to adults with chronic pain."]


def test_a_sentence_that_starts_like_a_summary_heading_is_no_heading() -> None:
    """A line that ends in a stop is a sentence, even when it opens with "Summary of
    evidence regarding": taken for a sub-heading it would drop the advice after it."""
    body = ("#### Acupuncture\n\n"
            "Summary of evidence regarding acupuncture is limited.\n\n"
            "Acupuncture should be offered to adults with chronic pain.\n")
    assert "Acupuncture should be offered to adults with chronic pain." in _texts(body)


def test_a_provenance_note_after_the_second_statement_of_a_paragraph_is_left_out() -> None:
    """The note "Modified from the 2007 CPG …" belongs to the label, not to the advice; for
    the second statement of a paragraph (which starts after ". ") the statement must still
    end where the note begins, or the patient reads part of the note."""
    doc = ("# G\n\n## Recommendations\n\n"
           "12. We recommend offering smoking cessation (**Strong For**). We suggest offering "
           "vaccination. *Modified from the 2007 Clinical Practice Guideline (CPG) without an "
           "updated systematic review of the evidence*. (**Weak For**)\n")
    second = parse_text(doc).recommendations[1]
    assert (second.text, second.source_text, second.grade) == (
        "We suggest offering vaccination.", "We suggest offering vaccination.", "Weak For")


def test_a_bullet_that_ends_the_item_above_quotes_both_as_its_source() -> None:
    """The statement joined from an unfinished item and its labelled bullet is checked
    against its source quote, which must run from the item's first word to the label."""
    doc = ("# G\n\n## Recommendations\n\n"
           "11. For patients for whom agonist treatment is contraindicated, the Work Group "
           "recommends offering\n"
           "    - Extended-release injectable naltrexone (**Strong For**)\n\n"
           "12. We recommend against benzodiazepines. (**Strong Against**)\n")
    rec = parse_text(doc).recommendations[0]
    assert rec.source_text == (
        "For patients for whom agonist treatment is contraindicated, the Work Group recommends "
        "offering\n    - Extended-release injectable naltrexone (**Strong For**)")


def test_a_lead_in_entry_with_a_blank_after_its_colon_still_leads_its_own_list() -> None:
    """Exports leave blanks at the end of lines; "such as: " still leads the list under it,
    so the entries stay statements of their own."""
    body = LEAD_IN + (
        "- Psychological screening should be performed on all chronic pain patients.\n"
        "- Continued treatment should be monitored using objective measures such as:  \n"
        "    - Return to work\n")
    assert _texts(body)[0] == (
        "Psychological screening should be performed on all chronic pain patients.")


def test_a_list_with_an_entry_that_is_no_advice_completes_its_lead_in() -> None:
    """Every entry must be advice for the list to be a list of statements; one that only
    states a fact ("Sleep is studied.") makes it the end of the lead-in's sentence."""
    body = LEAD_IN + (
        "- Psychological screening should be performed on all chronic pain patients.\n"
        "- Sleep is studied in many trials.\n"
        "- Continued treatment should be monitored using objective measures such as:\n"
        "    - Return to work\n")
    texts = _texts(body)
    assert len(texts) == 1
    assert texts[0].startswith("The physician must consider these important issues")
