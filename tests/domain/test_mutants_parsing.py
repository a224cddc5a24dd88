"""Parser behaviour that mutation testing (``make mutation``) found unguarded.

Each test states what a reader of the guideline would expect; they were written to kill
mutants of domain/parsing.py that the corpus tests let through (bench/mutation/).
"""

from __future__ import annotations

import pytest

from domain.model import Direction, DocumentFormat, Strength
from domain.parsing import PEEK_BYTES, parse_guideline, parse_text, peek_title

# --- plain text: headings from layout -----------------------------------------------------

PLAIN = """Screening for Things
====================

Background
----------
Some text here.

RECOMMENDATIONS

1. Clinicians should offer the test to adults aged 50 to 75 years (Grade A).
2. Clinicians should not offer the test to adults older than 85 years (Grade D).

Short heading alone

More text that ends with a bracket (see above)
A line that ends with a full stop.

lowercase line alone

Twelve words or more are too many for a heading to have in it now

Ends with a colon:

"""


def _headings(text: str) -> list[tuple[str, int]]:
    return [(s.heading, s.level) for s in parse_text(text, DocumentFormat.TEXT).sections]


def test_plain_text_headings_come_from_underlines_capitals_and_lone_short_lines() -> None:
    """TXT has no heading marks: '=' underlines give the title, '-' underlines, capitals and
    short lines alone between blank lines give sections; prose lines never do."""
    guideline = parse_text(PLAIN, DocumentFormat.TEXT)
    assert guideline.title == "Screening for Things"
    assert _headings(PLAIN) == [
        ("Screening for Things", 1),
        ("Background", 2),
        ("RECOMMENDATIONS", 2),
        ("Short heading alone", 2),
    ]
    assert [r.direction for r in guideline.recommendations] == [Direction.FOR, Direction.AGAINST]
    assert [r.grade for r in guideline.recommendations] == ["Grade A", "Grade D"]


def test_plain_text_first_lone_line_is_the_title_and_capitals_head_a_section() -> None:
    """Without underlines the first short line is the title (level 1); a line in capitals
    is a heading even when text follows it directly."""
    text = (
        "Guideline on Testing\n\nSUMMARY OF ADVICE\nClinicians should test adults aged 40 years"
        " (Grade B).\n"
    )
    assert _headings(text) == [("Guideline on Testing", 1), ("SUMMARY OF ADVICE", 2)]


def test_plain_text_underline_needs_three_marks_and_a_short_line() -> None:
    """'--' is not an underline, and a line over 120 characters is never a heading."""
    long_line = "Clinicians should test adults " + "and more adults " * 7 + "(Grade B)."
    text = (f"Title Here\n\n{long_line}\n===\n\nNotes\n--\n"
            "Clinicians should test all adults (Grade A).\n")
    headings = _headings(text)
    assert ("Title Here", 1) in headings
    assert all(h != long_line for h, _ in headings)
    assert ("Notes", 2) not in headings


def test_markdown_is_not_given_plain_text_headings() -> None:
    """A document that already has Markdown headings keeps its own structure."""
    text = ("# Title\n\nSHOUTED LINE\n\n## Recommendations\n\n"
            "Clinicians should test adults (Grade A).\n")
    assert _headings(text) == [("Title", 1), ("Recommendations", 2)]


# --- a cheap look at the title ------------------------------------------------------------


def test_peek_title_of_html_uses_title_or_h1_without_tags_and_entities() -> None:
    assert peek_title(b"<html><TITLE>A &amp; B <b>x</b></TITLE><h1>H</h1>", DocumentFormat.HTML) \
        == "A & B x"
    assert peek_title(b"<h1 class=x>Big\n title</h1>", DocumentFormat.HTML) == "Big title"
    assert peek_title(b"<p>no title here</p>", DocumentFormat.HTML) is None
    long = b"<title>" + b"word " * 100 + b"</title>"
    assert len(peek_title(long, DocumentFormat.HTML) or "") == 300


def test_peek_title_of_text_documents() -> None:
    assert peek_title(b"Intro line\n# Real title\n", DocumentFormat.MARKDOWN) == "Real title"
    assert peek_title(b"Title: The **x** one\nfoo", DocumentFormat.TEXT) == "The x one"
    assert peek_title(b"\n\n", DocumentFormat.MARKDOWN) is None
    assert peek_title(b"", DocumentFormat.TEXT) is None
    assert peek_title(b"# A title\n", DocumentFormat.PDF) is None
    assert peek_title(b"# A title\n", DocumentFormat.DOCX) is None


def test_peek_title_reads_only_the_head_of_the_document() -> None:
    """A title beyond the peeked bytes is not seen (the full parse finds it)."""
    late = b"\n" * PEEK_BYTES + b"# Late title\n"
    assert peek_title(late, DocumentFormat.MARKDOWN) is None
    html = b" " * PEEK_BYTES + b"<title>Late</title>"
    assert peek_title(html, DocumentFormat.HTML) is None
    assert len(peek_title(b"x" * 20000, DocumentFormat.TEXT) or "") == 300


# --- a label alone under a list labels its lead-in and items ------------------------------


def test_lone_label_under_a_paragraph_and_its_list_labels_the_whole_list() -> None:
    text = """# G

## Recommendations

Clinicians should offer the vaccine to all adults:

- adults aged 65 years or older
- adults with chronic lung disease

Note: adapted from the 2010 guideline.

(Grade B)
"""
    (rec,) = parse_text(text).recommendations
    assert rec.text == (
        "Clinicians should offer the vaccine to all adults: adults aged 65 years or older"
        " adults with chronic lung disease"
    )
    assert rec.source_text.startswith("Clinicians should offer")
    assert rec.source_text.endswith("(Grade B)")
    assert rec.grade == "Grade B" and rec.strength is Strength.MODERATE


def test_lone_label_under_a_nested_list_labels_its_lead_in_item() -> None:
    text = """# G

## Recommendations

Adults at high risk:

- Clinicians should offer the vaccine to adults:
  - aged 65 years or older
  - with chronic lung disease

Note: adapted from the 2010 guideline.

(Grade A)
"""
    (rec,) = parse_text(text).recommendations
    assert rec.text == (
        "Clinicians should offer the vaccine to adults: aged 65 years or older with chronic"
        " lung disease"
    )
    assert rec.source_text.startswith("Clinicians should offer the vaccine to adults:")
    assert rec.grade == "Grade A" and rec.strength is Strength.STRONG


def test_lone_label_under_a_list_at_the_start_of_the_section() -> None:
    """The lead-in may be the first block of the recommendation section."""
    text = """# G

## Recommendations

- Clinicians should offer the vaccine to adults:
  - aged 65 years or older
  - with chronic lung disease

(Grade A)
"""
    (rec,) = parse_text(text).recommendations
    assert rec.grade == "Grade A"
    assert rec.text.endswith("with chronic lung disease")


def test_lone_label_under_a_list_after_a_full_sentence_labels_nothing() -> None:
    """A lead-in that ends in a full stop is a statement of its own, not the list's stem."""
    text = """# G

## Recommendations

Clinicians should offer the vaccine to all adults.

- adults aged 65 years or older
- adults with chronic lung disease

(Grade B)
"""
    recs = parse_text(text).recommendations
    assert [r.grade for r in recs] == [None]
    assert recs[0].text == "Clinicians should offer the vaccine to all adults."


def test_lone_label_under_a_top_level_list_after_an_item_labels_nothing() -> None:
    """Top-level items whose lead-in is itself a list item are not one statement."""
    text = """# G

## Recommendations

Intro paragraph here.

- Clinicians should offer the vaccine to adults:
- adults aged 65 years or older
- adults with chronic lung disease

(Grade B)
"""
    recs = parse_text(text).recommendations
    assert all(r.grade != "Grade B" for r in recs)


# --- one statement graded per group --------------------------------------------------------


def test_one_statement_with_a_grade_per_group() -> None:
    """'… in children (B); in adults (A)' stays one item carrying both groups."""
    text = """# G

## Recommendations

Clinicians should screen for hypertension in children (Grade B); in adults (Grade A).
"""
    (rec,) = parse_text(text).recommendations
    assert rec.text == "Clinicians should screen for hypertension in children in adults"
    assert rec.source_text == (
        "Clinicians should screen for hypertension in children (Grade B); in adults (Grade A)"
    )
    assert [(g.population, g.grade, g.strength) for g in rec.groups] == [
        ("hypertension in children", "Grade B", Strength.MODERATE),
        ("adults", "Grade A", Strength.STRONG),
    ]


def test_group_population_falls_back_to_the_start_of_the_text() -> None:
    """A statement without 'in/for/among' is named by its first 60 characters; a group's
    population is found whatever the case of its preposition."""
    text = """# G

## Recommendations

Clinicians should screen every single adult patient who attends primary care clinics today (Grade B); AMONG pregnant women (Grade A).
"""  # noqa: E501
    (rec,) = parse_text(text).recommendations
    assert rec.groups[0].population == (
        "Clinicians should screen every single adult patient who atte"
    )
    assert rec.groups[1].population == "pregnant women"


# --- what a numbered item must say to count ------------------------------------------------


@pytest.mark.parametrize(
    ("item", "kept"),
    [
        ("Clinicians should test every adult.", True),
        ("Test adults yearly.", False),  # three words say too little
        ("Refer to table 3 for the doses.", False),  # points elsewhere
        ("Clinicians should test every adult (Design: RCT).", False),  # evidence, not advice
    ],
)
def test_a_recommendation_paragraph_keeps_only_sentences_that_advise(item: str, kept: bool) -> None:
    """In a 'Recommendation:' paragraph every sentence that says something is advice;
    short fragments, pointers and evidence notes are not."""
    text = f"""# G

## Recommendations

Recommendation: Clinicians should screen adults for diabetes. {item}
"""
    texts = [r.text for r in parse_text(text).recommendations]
    assert texts[0] == "Clinicians should screen adults for diabetes."
    assert (len(texts) == 2) is kept


# --- a lead-in and its list are one statement ---------------------------------------------


def _recs(body: str) -> list[tuple[str, int]]:
    return [(r.source_text, r.location) for r in parse_text(f"# G\n\n## Recommendations\n\n{body}")
            .recommendations]


def test_a_lead_in_paragraph_and_its_list_are_one_statement() -> None:
    """The statement ends with the list: a later item is a statement of its own."""
    body = """Clinicians should offer these tests to adults:

- a blood pressure check every year
- a cholesterol test every five years

Other text that is not advice here.

- Clinicians should refer adults with diabetes to a dietitian.
"""
    assert _recs(body) == [
        ("Clinicians should offer these tests to adults:\n\n- a blood pressure check every year\n"
         "- a cholesterol test every five years", 25),
        ("Clinicians should refer adults with diabetes to a dietitian.", 187),
    ]


def test_a_lead_in_item_and_its_nested_items_are_one_statement() -> None:
    body = """- Clinicians should check the following in adults:
  - blood pressure every year
  - cholesterol every five years
- Clinicians should refer adults with diabetes to a dietitian.
"""
    assert _recs(body) == [
        ("Clinicians should check the following in adults:\n  - blood pressure every year\n"
         "  - cholesterol every five years", 27),
        ("Clinicians should refer adults with diabetes to a dietitian.", 141),
    ]


def test_a_neutral_lead_in_leaves_each_advising_item_to_stand_alone() -> None:
    """A lead-in that only introduces its list is not advice; the entry that advises is."""
    body = """The following tests are described here:

- a blood pressure check every year
- Clinicians should offer a cholesterol test every five years
"""
    texts = [text for text, _ in _recs(body)]
    assert texts == ["Clinicians should offer a cholesterol test every five years"]


def test_a_lead_in_without_a_list_is_a_statement_alone() -> None:
    body = "Clinicians should offer these tests to adults who ask for them:\n"
    assert _recs(body) == [("Clinicians should offer these tests to adults who ask for them:", 25)]


# --- plain text: the limits of a heading -----------------------------------------------------

REC = "Clinicians should test adults aged 40 years (Grade B)."


def _plain(text: str) -> tuple[str, list[tuple[str, int, str]]]:
    guideline = parse_text(text, DocumentFormat.TEXT)
    return guideline.title, [(s.heading, s.level, s.text) for s in guideline.sections]


def test_an_underline_is_not_left_in_the_section_text() -> None:
    _, sections = _plain(PLAIN)
    assert sections[1] == ("Background", 2, "Some text here.")


def test_a_line_right_under_the_first_line_is_not_a_heading() -> None:
    """A heading needs a blank line above it (or capitals); the title's second line is not."""
    title, sections = _plain(f"Title Line\nSubtitle words here\n\n{REC}\n")
    assert title == "Title Line"
    assert sections == []


def test_the_first_heading_after_blank_lines_is_the_title() -> None:
    title, sections = _plain(f"\n\nTitle After Blanks\n\n{REC}\n")
    assert title == "Title After Blanks"
    assert sections == [("Title After Blanks", 1, REC)]


def test_a_heading_in_capitals_after_prose_is_a_section_not_the_title() -> None:
    title, sections = _plain(f"Intro text line.\nSUMMARY\n{REC}\n")
    assert title == "Intro text line."
    assert sections == [("", 1, "Intro text line."), ("SUMMARY", 2, REC)]


def test_lines_ending_in_punctuation_are_not_headings_but_the_last_line_can_be() -> None:
    text = (f"T\n\n{REC}\n\nEnds with comma,\n\nEnds with semicolon;\n\nEnds with bracket (x)\n\n"
            "Ends with colon:\n\nFinal Words")
    _, sections = _plain(text)
    assert [(h, level) for h, level, _ in sections] == [("T", 1), ("Final Words", 2)]


@pytest.mark.parametrize(("line", "heading"), [
    ("A" + "b" * 89, True), ("A" + "b" * 90, False),  # at most 90 characters
    (" ".join(["Word"] * 12), True), (" ".join(["Word"] * 13), False),  # at most 12 words
])
def test_a_lone_line_is_a_heading_only_when_short(line: str, heading: bool) -> None:
    _, sections = _plain(f"T\n\n{REC}\n\n{line}\n\nMore text follows here.\n")
    assert ((line, 2) in [(h, level) for h, level, _ in sections]) is heading


@pytest.mark.parametrize(("length", "heading"), [(120, True), (121, False)])
def test_an_underlined_line_is_a_heading_up_to_120_characters(length: int, heading: bool) -> None:
    line = "A" + "b" * (length - 1)
    _, sections = _plain(f"T\n\n{REC}\n\n{line}\n---\n")
    assert ((line, 2) in [(h, level) for h, level, _ in sections]) is heading


def test_peek_title_survives_bytes_that_are_not_utf8() -> None:
    """The peek cuts documents at a byte count, so a broken character must not fail it."""
    assert peek_title(b"<title>Bad \xff byte</title>", DocumentFormat.HTML) == "Bad \ufffd byte"


def test_a_list_item_that_starts_with_note_is_still_part_of_the_list() -> None:
    text = """# G

## Recommendations

Clinicians should offer the vaccine to all adults:

- adults aged 65 years or older
- note that this includes nursing home residents

(Grade B)
"""
    (rec,) = parse_text(text).recommendations
    assert rec.text.endswith("note that this includes nursing home residents")
    assert rec.grade == "Grade B"


def test_a_lone_label_does_not_relabel_a_lead_in_that_has_its_own() -> None:
    text = """# G

## Recommendations

Clinicians should offer the vaccine to adults (Grade A):

- aged 65 years or older
- with chronic lung disease

(Grade B)
"""
    # The label inside the lead-in closes the lead-in and its list (one statement).
    assert [(r.text, r.grade) for r in parse_text(text).recommendations] == [
        ("Clinicians should offer the vaccine to adults: aged 65 years or older with chronic"
         " lung disease", "Grade A"),
    ]


def test_a_lone_label_under_a_paragraph_without_a_list_labels_nothing() -> None:
    """Only a list above a lone label makes a statement of it; a paragraph keeps its own
    (missing) label."""
    text = """# G

## Recommendations

Clinicians should offer the vaccine to all adults.

(Grade B)
"""
    assert [r.grade for r in parse_text(text).recommendations] == [None]


def test_a_wrapped_lead_in_with_trailing_spaces_still_leads_its_list() -> None:
    text = ("# G\n\n## Recommendations\n\nClinicians should offer the vaccine\n"
            "to all adults:   \n\n- adults aged 65 years or older\n"
            "- adults with chronic lung disease\n\n(Grade B)\n")
    (rec,) = parse_text(text).recommendations
    assert rec.grade == "Grade B"
    assert rec.text.endswith("adults with chronic lung disease")


def test_sub_items_indented_by_one_space_are_nested() -> None:
    text = """# G

## Recommendations

- Clinicians should offer the vaccine to adults:
 - aged 65 years or older
 - with chronic lung disease

(Grade A)
"""
    (rec,) = parse_text(text).recommendations
    assert rec.grade == "Grade A"
    assert rec.text == (
        "Clinicians should offer the vaccine to adults: aged 65 years or older with chronic"
        " lung disease"
    )


def test_a_four_word_sentence_of_a_recommendation_paragraph_is_advice() -> None:
    text = ("# G\n\n## Recommendations\n\nRecommendation: Clinicians should screen adults for"
            " diabetes. Test adults every year.\n")
    assert [r.text for r in parse_text(text).recommendations] == [
        "Clinicians should screen adults for diabetes.", "Test adults every year.",
    ]


def test_a_lead_in_and_a_single_item_list_are_one_statement() -> None:
    body = "Clinicians should offer this test to adults:\n\n- a blood pressure check every year\n"
    assert _recs(body) == [
        ("Clinicians should offer this test to adults:\n\n- a blood pressure check every year", 25),
    ]


def test_sibling_items_are_not_the_list_of_an_item_ending_in_a_colon() -> None:
    body = ("- Clinicians should check these in adults:\n"
            "- Clinicians should refer adults with diabetes to a dietitian.\n"
            "- Clinicians should offer statins to adults with diabetes.\n")
    assert _recs(body) == [
        ("Clinicians should check these in adults:", 27),
        ("Clinicians should refer adults with diabetes to a dietitian.", 70),
        ("Clinicians should offer statins to adults with diabetes.", 133),
    ]


def test_an_unlabelled_numbered_item_ending_in_a_colon_keeps_its_words() -> None:
    """In a graded list, an unlabelled numbered item is a statement of its own, even when it
    ends in a colon and no list follows it."""
    body = ("1. Clinicians should screen adults for diabetes (Grade B).\n"
            "2. Clinicians should screen adults for hypertension (Grade A).\n"
            "3. Clinicians should offer these tests to pregnant women:\n"
            "4. Clinicians should test adults for HIV (Grade A).\n")
    assert _recs(body) == [
        ("Clinicians should screen adults for diabetes (Grade B)", 28),
        ("Clinicians should screen adults for hypertension (Grade A)", 87),
        ("Clinicians should offer these tests to pregnant women:", 150),
        ("Clinicians should test adults for HIV (Grade A)", 208),
    ]


def test_a_lead_in_of_labelled_items_is_their_context_not_a_statement() -> None:
    """NHLBI: 'In adults and children with SCD and pain' over labelled sub-items gives each
    item its population; the lead-in alone says nothing to do."""
    text = """# G

## Recommendations

1. Clinicians should offer hydroxyurea to adults with SCD (Strong Recommendation, High-Quality Evidence).
2. In adults and children with SCD and pain
   - When indicated, initiate diagnostic evaluation of causes of pain other than a VOC while beginning to treat pain. (**Consensus–Adapted**)
   - Administer parenteral opioids using the subcutaneous route when IV access is difficult. (**Consensus–Panel Expertise**)
"""  # noqa: E501
    recs = parse_text(text).recommendations
    assert [(r.grade, r.context) for r in recs] == [
        ("Strong Recommendation, High-Quality Evidence", None),
        ("Consensus–Adapted", "In adults and children with SCD and pain"),
        ("Consensus–Panel Expertise", "In adults and children with SCD and pain"),
    ]


def test_unlabelled_bullets_that_advise_count_in_a_graded_guideline() -> None:
    """NHLBI transfusion: after the labelled statements, bulleted steps ('Obtain …',
    'Inform …') are advice too; a bullet that only describes a test is not, and does not
    stop the reading of the bullets after it."""
    text = """# G

## Recommendations

1. Clinicians should offer hydroxyurea to adults with SCD (Strong Recommendation, High-Quality Evidence).
2. Clinicians should offer transfusions to children with SCD and stroke (Strong Recommendation, Moderate-Quality Evidence).

### Suggested Evaluation Before Each Transfusion

- Type and screen—This is done to assess whether the patient has developed any new RBC antibodies.

### At Initiation

- Obtain a RBC phenotype, type and screen, and reticulocyte count.
- Inform the patient if he or she is alloimmunized.
"""  # noqa: E501
    assert [(r.grade, r.section) for r in parse_text(text).recommendations] == [
        ("Strong Recommendation, High-Quality Evidence", "Recommendations"),
        ("Strong Recommendation, Moderate-Quality Evidence", "Recommendations"),
        (None, "At Initiation"),
        (None, "At Initiation"),
    ]


def test_a_nested_lead_in_followed_by_siblings_keeps_its_context() -> None:
    body = """- In adults with diabetes
  - Clinicians should check these every year:
  - Clinicians should refer adults to a dietitian.
"""
    recs = parse_text(f"# G\n\n## Recommendations\n\n{body}").recommendations
    assert [(r.text, r.context) for r in recs] == [
        ("Clinicians should check these every year:", "In adults with diabetes"),
        ("Clinicians should refer adults to a dietitian.", "In adults with diabetes"),
    ]


def test_a_list_item_ending_in_a_colon_can_close_the_document() -> None:
    assert _recs("- Clinicians should offer these tests to adults:\n") == [
        ("Clinicians should offer these tests to adults:", 27),
    ]


# --- hard-wrapped text: the statement a label closes starts at its own paragraph -------------

WRAPPED = ("Screening adults for high blood pressure is part of routine care in\n"
           "most clinics and is covered by most insurance plans in the country.\n")
STATEMENT = ("Clinicians should screen adults aged 18 years or older for high blood\n"
             "pressure every year at routine visits (Grade A).\n")
CLOSED = ("Clinicians should screen adults aged 18 years or older for high blood pressure every"
          " year at routine visits")


@pytest.mark.parametrize(
    ("between", "starts_own_paragraph"),
    [
        ("This ends here.\n", True),  # a short line that ends a sentence
        ("Half width line ends here, mostly.\n", True),
        ("Blood pressure screening\n", True),  # a short heading-like line
        ("Blood pressure,\n", False),  # a short line that does not end anything
        ("Blood pressure screening for all the adults\n", False),  # too long for a heading
        ("This is a long line that ends a sentence at the right margin too.\n", False),
    ],
)
def test_a_label_in_wrapped_text_closes_only_the_last_paragraph(
    between: str, starts_own_paragraph: bool
) -> None:
    text = f"# G\n\n## Recommendations\n\n{WRAPPED}{between}{STATEMENT}"
    (rec,) = parse_text(text).recommendations
    assert rec.grade == "Grade A"
    assert (rec.text == CLOSED) is starts_own_paragraph
    if starts_own_paragraph:
        assert rec.source_text.startswith("Clinicians should screen")
    else:
        assert rec.text.startswith("Screening adults for high blood pressure")


def test_a_new_paragraph_in_wrapped_text_starts_with_a_capital_or_a_quote() -> None:
    lower = STATEMENT.replace("Clinicians", "clinicians")
    (rec,) = parse_text(f"# G\n\n## Recommendations\n\n{WRAPPED}This ends here.\n{lower}"
                        ).recommendations
    assert rec.text.startswith("Screening adults")
    (rec,) = parse_text(f'# G\n\n## Recommendations\n\n{WRAPPED}This ends here.\n"{STATEMENT}'
                        ).recommendations
    assert rec.text == '"' + CLOSED


def test_two_wrapped_lines_are_one_paragraph() -> None:
    (rec,) = parse_text(f"# G\n\n## Recommendations\n\nThis ends here.\n{STATEMENT}"
                        ).recommendations
    assert rec.text == CLOSED
    assert rec.location == len("# G\n\n## Recommendations\n\nThis ends here.\n")


def test_a_paragraph_between_graded_statements_is_not_a_statement() -> None:
    """USPSTF dental caries: in a graded guideline only unlabelled list items can be extra
    statements; a paragraph that explains a term ('can be considered') is not one."""
    text = """# G

## Recommendations

1. Clinicians should apply fluoride varnish to the teeth of all infants (B recommendation).
2. Clinicians should prescribe oral fluoride supplementation for children aged 6 months (B recommendation).

Although dentists can be considered primary care providers of oral health needs, a primary care clinician is defined here as a nondental professional.

- Clinicians should ask parents about the water supply.
"""  # noqa: E501
    assert [r.grade for r in parse_text(text).recommendations] == [
        "B recommendation", "B recommendation", None,
    ]


# --- every field of a recommendation --------------------------------------------------------

GRADED = """# G

## Recommendations

### Adults

Clinicians should screen adults aged 50 to 75 years for colon cancer. (A recommendation)

- Adults should be screened yearly for diabetes. (Grade 2+)
- Evidence is insufficient to assess screening for thyroid disease. (Grade 2+)

Iontophoresis (not recommended)

Recommended exercise programs (recommended)
"""
UNGRADED = """# G

## Recommendations

Offer statins to adults with diabetes.

Consider aspirin for adults aged 50 to 59 years.

Note: clinicians should check local rules.

Refer to the table for doses, which clinicians should follow.

Based on strong evidence, the task force recommends team-based care to improve blood pressure.

Clinicians should ask about smoking at every visit.

  Clinicians should ask about alcohol at every visit.
"""


def _fields(text: str) -> list[tuple[object, ...]]:
    recs = parse_text(text).recommendations
    for rec in recs:  # the location is where the source text stands in the document
        assert text[rec.location: rec.location + len(rec.source_text)] == rec.source_text
    return [(r.id, r.text, r.grade, r.scheme, r.strength, r.direction, r.section,
             r.label_understood) for r in recs]


def test_every_field_of_graded_statements() -> None:
    """Understood labels give scheme and strength; a label printed but not understood is
    kept as printed, flagged, and leaves the strength to the words; 'not recommended' after
    a bare noun is the advice itself."""
    assert _fields(GRADED) == [
        ("R1", "Clinicians should screen adults aged 50 to 75 years for colon cancer.",
         "A recommendation", "USPSTF", Strength.STRONG, Direction.FOR, "Adults", True),
        ("R2", "Adults should be screened yearly for diabetes.", "Grade 2+", "unknown",
         Strength.UNGRADED, Direction.FOR, "Adults", False),
        ("R3", "Evidence is insufficient to assess screening for thyroid disease.", "Grade 2+",
         "unknown", Strength.INSUFFICIENT, Direction.INSUFFICIENT, "Adults", False),
        ("R4", "Iontophoresis (not recommended)", "not recommended",
         "recommended/not recommended", Strength.UNGRADED, Direction.AGAINST, "Adults", True),
        ("R5", "Recommended exercise programs", "recommended", "recommended/not recommended",
         Strength.UNGRADED, Direction.FOR, "Adults", True),
    ]


def test_every_field_of_unlabelled_statements() -> None:
    """Without any label: NICE verbs give the strength, so do CPSTF words; notes and
    pointers are not statements; an indented paragraph keeps its exact place."""
    assert _fields(UNGRADED) == [
        ("R1", "Offer statins to adults with diabetes.", None, "NICE", Strength.STRONG,
         Direction.FOR, "Recommendations", True),
        ("R2", "Consider aspirin for adults aged 50 to 59 years.", None, "NICE",
         Strength.CONDITIONAL, Direction.FOR, "Recommendations", True),
        ("R3", "Based on strong evidence, the task force recommends team-based care to improve"
         " blood pressure.", None, "worded", Strength.STRONG, Direction.FOR, "Recommendations",
         True),
        ("R4", "Clinicians should ask about smoking at every visit.", None, "ungraded",
         Strength.UNGRADED, Direction.FOR, "Recommendations", True),
        ("R5", "Clinicians should ask about alcohol at every visit.", None, "ungraded",
         Strength.UNGRADED, Direction.FOR, "Recommendations", True),
    ]


def test_nice_verbs_grade_nothing_in_a_guideline_with_labels() -> None:
    """'Offer' and 'Consider' carry NICE's strengths only where no statement is labelled."""
    text = GRADED + "\n- Offer statins to adults with diabetes.\n- Consider aspirin for adults.\n"
    extra = [r for r in parse_text(text).recommendations if r.grade is None]
    assert [(r.text, r.scheme, r.strength) for r in extra] == [
        ("Offer statins to adults with diabetes.", "ungraded", Strength.UNGRADED),
        ("Consider aspirin for adults.", "ungraded", Strength.UNGRADED),
    ]


# --- which part of the document is read -------------------------------------------------------


def _texts(text: str) -> list[tuple[str, str | None]]:
    return [(r.text, r.section) for r in parse_text(text).recommendations]


def test_the_recommendation_section_is_read_without_its_explanations() -> None:
    """The section named 'Recommendations' (even with a colon) is read up to the next
    heading of its level; a rationale inside it and grade definitions after it are not."""
    text = """# G

Clinicians should read this introduction first.

## Recommendations:

Clinicians should screen adults for diabetes every year.

### Rationale

Clinicians should consider the cost of screening.

### Adults

Clinicians should treat adults with hypertension.

**Definitions**

Clinicians should use these grade definitions.

## Other

Clinicians should ignore this section.
"""
    assert _texts(text) == [
        ("Clinicians should screen adults for diabetes every year.", "Recommendations:"),
        ("Clinicians should treat adults with hypertension.", "Adults"),
    ]


def test_a_grade_definitions_heading_ends_the_recommendations() -> None:
    text = """# G

## Recommendations

Clinicians should screen adults for diabetes every year.

### Grade definitions

Clinicians should use these grade definitions.
"""
    assert _texts(text) == [
        ("Clinicians should screen adults for diabetes every year.", "Recommendations")]


def test_without_a_recommendation_heading_definitions_still_end_the_reading() -> None:
    text = """# G

Clinicians should screen adults for diabetes every year.

Definitions:

Clinicians should use these grade definitions.
"""
    assert _texts(text) == [("Clinicians should screen adults for diabetes every year.", "G")]


def test_an_empty_recommendation_section_falls_back_to_the_whole_document() -> None:
    """When the named section holds nothing, the rest of the document is read; its
    explaining parts are still skipped."""
    text = """# G

## Intro

Clinicians should check blood pressure at every visit.

## Recommendations

### Rationale

Clinicians should consider the cost of screening.
"""
    assert _texts(text) == [("Clinicians should check blood pressure at every visit.", "Intro")]


def test_a_lead_in_gives_its_context_without_the_colon_and_a_sentence_gives_none() -> None:
    text = """# G

## Recommendations

1. Clinicians should offer hydroxyurea to adults with SCD (Strong Recommendation, High-Quality Evidence).
2. In adults and children with SCD and pain:
   - Administer parenteral opioids using the subcutaneous route when IV access is difficult. (**Consensus–Panel Expertise**)
3. Clinicians should screen adults with SCD for retinopathy every year.
   - Refer adults with retinopathy to an ophthalmologist within a month. (**Consensus–Panel Expertise**)
"""  # noqa: E501
    assert [r.context for r in parse_text(text).recommendations] == [
        None, "In adults and children with SCD and pain", None,
    ]


def test_a_short_unlabelled_sentence_advises_only_when_it_says_recommended() -> None:
    body = "Aspirin is recommended.\n\nScreen all adults.\n\nScreen all adults yearly.\n"
    assert [source for source, _ in _recs(body)] == [
        "Aspirin is recommended.", "Screen all adults yearly.",
    ]


# --- what is not advice, and labels the parser only half understands ------------------------


def _graded_texts(body: str) -> list[tuple[str, str | None]]:
    text = f"# G\n\n## Recommendations\n\n{body}"
    return [(r.text, r.grade) for r in parse_text(text).recommendations]


def test_findings_and_paperwork_are_not_advice_unless_they_also_advise() -> None:
    body = ("Studies show that aspirin may be used safely in adults.\n\n"
            "Clinicians should keep a copy of the consent form in the records.\n\n"
            "Screening is recommended and needs prior authorization from the insurer.\n\n"
            "Clinicians should screen adults for diabetes every year.\n")
    assert _graded_texts(body) == [
        ("Screening is recommended and needs prior authorization from the insurer.", None),
        ("Clinicians should screen adults for diabetes every year.", None),
    ]


def test_a_recommendation_paragraph_drops_findings_and_paperwork_but_not_after_dr() -> None:
    body = ("Recommendation: Ask Dr. Smith about diabetes screening. Clinicians should test"
            " adults every year. Studies show that aspirin may be used safely in adults."
            " Clinicians should keep a copy of the consent form in the records.\n")
    assert _graded_texts(body) == [
        ("Ask Dr. Smith about diabetes screening.", None),
        ("Clinicians should test adults every year.", None),
    ]


def test_an_unknown_label_counts_only_where_a_statement_ends() -> None:
    """A label printed but not understood closes a sentence (bold, a ';' or spaces after it
    change nothing); inside a sentence, or after too few words, it is no label."""
    body = ("- Adults should be screened yearly. (Grade 2+)\n"
            "- Adults should be screened yearly (Grade 2+) by their doctor.\n"
            "- Adults should be screened for lipids. **(Grade 2+)**  \n"
            "- Adults should be screened for obesity. (Grade 2+);\n"
            "- Screen. (Grade 2+)\n"
            "- Adults should be screened for anemia. [*Grade 2+*]\n")
    assert _graded_texts(body) == [
        ("Adults should be screened yearly.", "Grade 2+"),
        ("Adults should be screened yearly (Grade 2+) by their doctor.", None),
        ("Adults should be screened for lipids.", "Grade 2+"),
        ("Adults should be screened for obesity.", "Grade 2+"),
        ("Adults should be screened for anemia.", "Grade 2+"),
    ]


def test_a_label_needs_three_words_before_it() -> None:
    assert _graded_texts("- Screen adults yearly (Grade A)\n- Screen adults (Grade B)\n") == [
        ("Screen adults yearly", "Grade A")]


def test_a_second_statement_after_a_semicolon_starts_after_it() -> None:
    body = "Clinicians should screen adults (Grade A); screen children yearly for lead (Grade B).\n"
    assert _fields(f"# G\n\n## Recommendations\n\n{body}")[1][1:3] == (
        "screen children yearly for lead", "Grade B")


@pytest.mark.parametrize(("group", "one_statement"), [
    ("in adults aged 18 to 39 years old", True),  # eight words: a group of the statement
    ("in adults aged 18 to 39 years and older", False),  # nine: a statement of its own
])
def test_a_group_after_a_label_is_at_most_eight_words(group: str, one_statement: bool) -> None:
    body = f"Clinicians should screen adults for diabetes (Grade B); {group} (Grade A).\n"
    assert (len(_graded_texts(body)) == 1) is one_statement


def test_a_note_on_how_grades_are_defined_labels_nothing() -> None:
    """Alone in its block it is skipped; sharing a block with a statement, only the labels
    on its own line are."""
    body = ("Recommendations are graded as defined at the end (Grade A means strong).\n"
            "Clinicians should screen adults for diabetes (Grade B).\n\n"
            "Grades are defined at the end of this document (Grade A).\n")
    assert [grade for _, grade in _graded_texts(body)] == ["Grade B"]


def test_sentences_split_after_an_abbreviation_that_ends_one() -> None:
    body = ("Recommendation: Clinicians should offer aspirin, e.g. 81 mg. Clinicians should"
            " test adults every year.\n")
    assert [text for text, _ in _graded_texts(body)] == [
        "Clinicians should offer aspirin, e.g. 81 mg.",
        "Clinicians should test adults every year.",
    ]


@pytest.mark.parametrize("where", ["first", "last"])
def test_an_unlabelled_item_at_either_end_of_a_labelled_list_is_a_statement(where: str) -> None:
    """The list that holds the unlabelled item is read to its first and its last item, so
    an unlabelled item opening or closing a list of labelled ones is still found."""
    labelled = ["- Clinicians should screen adults aged 50 to 75 years for colon cancer"
                " **[A]**",
                "- Clinicians should offer statins to adults with diabetes **[B]**"]
    plain = "- Community workers reaching out to those at high acute risk"
    items = [plain, *labelled] if where == "first" else [*labelled, plain]
    text = "# G\n\n## Recommendations\n\n" + "\n".join(items) + "\n"
    recs = parse_text(text).recommendations
    assert [r.text for r in recs if r.text.startswith("Community workers")] == [
        "Community workers reaching out to those at high acute risk"]


@pytest.mark.parametrize(
    ("items", "texts"),
    [
        # two labelled items among six: the list is mostly unlabelled, its other items are
        # notes, not statements
        (["- Community workers reaching out to those at high acute risk",
          "- Screening of adults aged 50 to 75 years **[A]**",
          "- Home visits to support engagement",
          "- Statins for adults with diabetes **[B]**",
          "- Phone calls after a missed visit",
          "- Letters to patients who refuse treatment"],
         ["Screening of adults aged 50 to 75 years", "Statins for adults with diabetes"]),
        # an unlabelled lead-in (a space after its colon) is context, not a statement
        (["- Screening of adults aged 50 to 75 years **[A]**",
          "- Statins for adults with diabetes **[B]**",
          "- Programs that include the use of: ",
          "- Letters to patients who refuse treatment **[C]**"],
         ["Screening of adults aged 50 to 75 years", "Statins for adults with diabetes",
          "Letters to patients who refuse treatment"]),
    ],
)
def test_unlabelled_items_of_a_labelled_list_that_are_not_statements(
        items: list[str], texts: list[str]) -> None:
    text = "# G\n\n## Recommendations\n\n" + "\n".join(items) + "\n"
    assert [r.text for r in parse_text(text).recommendations] == texts


@pytest.mark.parametrize(
    "text",
    [
        # the label after a bold lead-in closes it: the list under it is its statement
        "# G\n\n## Recommendations\n\n**Clinicians should offer these tests to adults:**"
        " (Grade B)\n\n- blood pressure\n- cholesterol\n",
        # the label inside a bold lead-in item, before its colon
        "# G\n\n## Recommendations\n\n- **Clinicians should offer these tests to adults"
        " (Grade B):**\n    - blood pressure\n    - cholesterol\n",
    ],
)
def test_a_bold_lead_in_with_its_label_takes_its_list(text: str) -> None:
    [rec] = parse_text(text).recommendations
    assert (rec.text, rec.grade) == (
        "Clinicians should offer these tests to adults: blood pressure cholesterol", "Grade B")


def test_a_cross_reference_item_and_a_sibling_section_are_not_statements() -> None:
    """An item that only sends the reader elsewhere ("Refer to the appendix ...") is not
    advice, and the recommendation part ends at the next heading of its own level."""
    items = ("# G\n\n## Recommendations\n\n"
             "- Clinicians should screen all adults for hypertension every year.\n"
             "- Refer to the appendix for the doses that clinicians should use.\n")
    assert [r.text for r in parse_text(items).recommendations] == [
        "Clinicians should screen all adults for hypertension every year."]
    sibling = ("# G\n\n# Recommendations\n\n"
               "Clinicians should screen all adults for hypertension every year.\n\n"
               "# Methods\n\nThe panel should meet every year to update the advice.\n")
    assert [r.text for r in parse_text(sibling).recommendations] == [
        "Clinicians should screen all adults for hypertension every year."]


def test_the_language_the_caller_gives_is_kept() -> None:
    """A submission that names its language is parsed in that language, not the detected
    one (the API passes the language of the request through)."""
    text = (b"# G\n\n## Recommendations\n\n"
            b"Clinicians should screen all adults for hypertension every year (Grade A).\n")
    assert parse_guideline(text, "g.md", language="zh").language == "zh"
    assert parse_guideline(text, "g.md").language == "en"


# --- lists: which items stand as statements -------------------------------------------------

RECS = "# G\n\n## Recommendations\n\n"
LABELLED_A = "- Clinicians should offer A to adults (Grade A).\n"
LABELLED_B = "- Clinicians should offer B to adults (Grade B).\n"


def _yearly(letter: str) -> str:
    return f"Yearly screening {letter} for all adults at risk."


def _statements(text: str) -> list[str]:
    return [r.text for r in parse_text(text).recommendations]


def test_an_unlabelled_item_counts_when_half_of_its_list_is_labelled() -> None:
    """Two labelled items of five make the three others statements too: each of them has
    two labelled siblings of four. A paragraph above or below is not part of the list."""
    text = (RECS + "An opening paragraph.\n\n" + LABELLED_A + LABELLED_B
            + "".join(f"- {_yearly(x)}\n" for x in "CDE") + "\nA closing paragraph.\n")
    assert _statements(text) == ["Clinicians should offer A to adults",
                                 "Clinicians should offer B to adults",
                                 _yearly("C"), _yearly("D"), _yearly("E")]


def test_the_list_of_an_unlabelled_item_reaches_back_over_its_labelled_siblings() -> None:
    """The list is every item above and below at the same depth, up to the paragraph that
    opens it: the last items of a list that alternates labelled and unlabelled count."""
    text = (RECS + "An opening paragraph.\n\n" + LABELLED_A + f"- {_yearly('C')}\n"
            + LABELLED_B + f"- {_yearly('D')}\n- {_yearly('E')}\n")
    assert _statements(text) == ["Clinicians should offer A to adults", _yearly("C"),
                                 "Clinicians should offer B to adults", _yearly("D"),
                                 _yearly("E")]


def test_a_list_ends_at_a_paragraph_between_its_items() -> None:
    """An unlabelled item with one labelled sibling is not a statement, even when a second
    labelled item follows after a paragraph: that is another list."""
    text = (RECS + "An opening paragraph.\n\n" + f"- {_yearly('U')}\n" + LABELLED_A
            + "\nA paragraph between.\n\n" + LABELLED_B)
    assert _statements(text) == ["Clinicians should offer A to adults",
                                 "Clinicians should offer B to adults"]


def test_a_paragraph_after_a_labelled_list_is_not_one_of_its_items() -> None:
    text = RECS + LABELLED_A + LABELLED_B + f"\n{_yearly('C')}\n"
    assert _statements(text) == ["Clinicians should offer A to adults",
                                 "Clinicians should offer B to adults"]


def test_an_unlabelled_item_keeps_its_source_without_trailing_spaces() -> None:
    """The source quote of an item is its text as printed, without the spaces after it."""
    text = RECS + LABELLED_A + LABELLED_B + f"- {_yearly('C')}   \n"
    assert parse_text(text).recommendations[-1].source_text == _yearly("C")
    numbered = (RECS + "1. Clinicians should offer A to adults (Grade A).\n"
                "2. Clinicians should ask adults about smoking every year.   \n")
    assert parse_text(numbered).recommendations[-1].source_text == (
        "Clinicians should ask adults about smoking every year.")


def test_a_label_under_nested_items_without_a_lead_in_labels_nothing() -> None:
    """A lone label under a list that opens the section has no lead-in to close: nothing is
    made of the items."""
    from domain.errors import NoRecommendations

    with pytest.raises(NoRecommendations):
        parse_text(RECS + "  - sub a for adults\n  - sub b for adults\n\n(Grade A)\n")


@pytest.mark.parametrize("indent", [" ", "  "])
def test_a_lone_label_does_not_label_a_list_with_nested_items(indent: str) -> None:
    """A lone label closes a flat list and its lead-in; under a list with nested items
    (indented by one space or more) it labels nothing, and the lead-in stands ungraded."""
    text = (RECS + "Clinicians should offer the following:\n\n- test A for adults\n"
            f"{indent}- sub item a1\n- test B for adults\n\n(Grade A)\n")
    [rec] = parse_text(text).recommendations
    assert rec.text == ("Clinicians should offer the following: test A for adults sub item a1"
                        " test B for adults")
    assert rec.grade is None


def test_the_context_of_an_item_is_the_lead_in_item_above_it() -> None:
    """Items nested (by one space too) under "In adults with …:" have it as context; a
    paragraph under an item and items above a lead-in have none."""
    one_space = (RECS + "- In adults with high blood pressure:\n"
                 " - Clinicians should offer drug A to them (Grade A).\n"
                 " - Clinicians should offer drug B to them (Grade B).\n")
    assert [r.context for r in parse_text(one_space).recommendations] == [
        "In adults with high blood pressure"] * 2
    paragraph = (RECS + "- In adults with high blood pressure:\n\n"
                 "  Clinicians should offer drug A to adults (Grade A).\n")
    assert [r.context for r in parse_text(paragraph).recommendations] == [None]
    after = (RECS + "  - Clinicians should offer drug A to them (Grade A).\n"
             "  - Clinicians should offer drug B to them (Grade B).\n"
             "- In adults with high blood pressure:\n")
    assert [r.context for r in parse_text(after).recommendations] == [None, None]


ASKS = "Clinicians should ask adults about smoking every year."


@pytest.mark.parametrize(
    "before",
    [
        # a list that a lone label closes
        "Clinicians should offer the following:\n\n1. test A for adults\n2. test B for adults"
        "\n\n(Grade A)\n\n",
        # an item that only points elsewhere
        "1. Clinicians should offer A to adults (Grade A).\n2. See section 3.\n",
        # a lead-in of labelled items
        "1. In adults with high blood pressure:\n"
        "   - Clinicians should offer drug A to them (Grade A).\n",
    ],
)
def test_an_unlabelled_numbered_item_after_items_that_are_not_statements(before: str) -> None:
    """Items skipped as statements do not end the reading of the list."""
    assert _statements(RECS + before + f"3. {ASKS}\n")[-1] == ASKS


def test_a_labelled_sub_item_belongs_to_its_own_item_only() -> None:
    """An item whose own sub-item carries a label is that label's lead-in; the items before
    and after it are statements of their own."""
    below = (RECS + "1. Clinicians should offer A to adults:\n"
             "   - in adults over 50 years of age (Grade A)\n" + f"2. {ASKS}\n")
    assert _statements(below) == ["in adults over 50 years of age", ASKS]
    above = (RECS + f"1. {ASKS}\n" + "2. Clinicians should offer A to adults:\n"
             "   - in adults over 50 years of age (Grade A)\n")
    assert _statements(above) == [ASKS, "in adults over 50 years of age"]


def test_an_unlabelled_item_ending_in_a_colon_takes_its_sub_items_and_context() -> None:
    lead_in = (RECS + "1. Clinicians should offer A to adults (Grade A).\n"
               "2. Clinicians should ask adults about:\n   - smoking\n   - drinking\n")
    rec = parse_text(lead_in).recommendations[-1]
    assert (rec.text, rec.source_text) == (
        "Clinicians should ask adults about: smoking drinking",
        "Clinicians should ask adults about:\n   - smoking\n   - drinking")
    nested = (RECS + "1. Clinicians should offer A to adults (Grade A).\n"
              "2. In adults with high blood pressure:\n"
              "   - Clinicians should ask them about smoking every year.\n")
    rec = parse_text(nested).recommendations[-1]
    assert rec.text == ("In adults with high blood pressure: Clinicians should ask them about"
                        " smoking every year.")


def test_a_chinese_statement_of_four_characters_is_long_enough() -> None:
    """Chinese has no spaces: four characters before a label make a statement."""
    text = "# 指南\n\n## 推荐意见\n\n- 建议筛查（1A）\n- 建议对儿童进行筛查（1B）\n"
    assert [(r.text, r.grade) for r in parse_text(text).recommendations] == [
        ("建议筛查", "1A"), ("建议对儿童进行筛查", "1B")]
    short = ("# 指南\n\n## 推荐意见\n\n- 建议对成人进行筛查（1A）\n- 建议对儿童进行筛查（1B）\n"
             "- 建议随访\n")
    assert [r.text for r in parse_text(short).recommendations] == [
        "建议对成人进行筛查", "建议对儿童进行筛查"]


# --- wrapped text: where the paragraph a label closes starts --------------------------------

BACKGROUND = "Background words that fill this whole line to the margin of text."


@pytest.mark.parametrize(
    "lines",
    [
        [BACKGROUND, "More background that fills the line to the right margin as well.",
         "It ends here."],
        [BACKGROUND, "It ends here.     "],  # spaces after the stop
    ],
)
def test_a_short_line_that_ends_a_sentence_ends_the_paragraph_before_a_label(
        lines: list[str]) -> None:
    text = RECS + "\n".join(lines) + "\nClinicians should screen adults (Grade B).\n"
    assert _statements(text) == ["Clinicians should screen adults"]


def test_an_indented_line_after_a_short_sentence_starts_a_paragraph() -> None:
    text = (RECS + BACKGROUND + "\nIt ends here.\n"
            "   Clinicians should screen adults for high blood pressure (Grade B).\n")
    assert _statements(text) == ["Clinicians should screen adults for high blood pressure"]


def test_a_short_line_ending_in_a_comma_does_not_end_the_paragraph() -> None:
    text = (RECS + BACKGROUND + "\nshort words,     \n"
            "Clinicians should screen adults for high blood pressure (Grade B).\n")
    assert _statements(text) == [
        f"{BACKGROUND} short words, Clinicians should screen adults for high blood pressure"]


@pytest.mark.parametrize(
    "line",
    [
        "It ends at twenty-eight now.",  # 70 % of the widest line: full, not short
        "Heading of twenty ch",  # half of the widest line: not short enough for a heading
    ],
)
def test_a_line_at_the_limit_does_not_end_the_paragraph(line: str) -> None:
    widest = "Background words fill the line to here x"
    assert len(widest) == 40 and len(line) in (28, 20)
    text = RECS + f"{widest}\n{line}\nClinicians should screen (Grade B).\n"
    assert _statements(text) == [f"{widest} {line} Clinicians should screen"]


# --- parse_guideline: the file name and the limits are used ---------------------------------


def test_the_file_name_breaks_a_markdown_or_text_tie() -> None:
    data = b"Guide\n\n# Recommendations\n\nClinicians should test adults (Grade A).\n"
    assert parse_guideline(data, "g.md").format is DocumentFormat.MARKDOWN
    assert parse_guideline(data, "g.txt").format is DocumentFormat.TEXT


def test_the_callers_limits_apply_to_the_document() -> None:
    from pathlib import Path

    from domain.errors import DocumentTooLarge
    from domain.formats import Limits

    pdf = (Path(__file__).parent / "fixtures" / "uspstf_aaa_excerpt.pdf").read_bytes()
    with pytest.raises(DocumentTooLarge):
        parse_guideline(pdf, "g.pdf", limits=Limits(max_pages=0))


# --- two statements in one paragraph ---------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Adults should be screened yearly (Grade A)",
         "Adults should be screened for lipids every year (Grade B)"),
        # labels printed but not understood close a sentence
        ("Adults should be screened yearly. (Grade 2+)",
         "Adults should be screened for lipids every year. (Grade 2+)"),
    ],
)
@pytest.mark.parametrize("between", [". ", ".\n", "\n"])
def test_the_second_statement_of_a_paragraph_starts_at_its_first_word(
        first: str, second: str, between: str) -> None:
    """The statement after a label starts at its own first word: not with the full stop
    that followed the label (the patient would read ". Adults should …"), nor with the line
    break after it, in its text, its source quote or its place in the document."""
    text = RECS + first + between + second + "\n"
    recs = parse_text(text).recommendations
    assert [r.text for r in recs] == [_clean_label(first), _clean_label(second)]
    assert recs[1].source_text == second
    assert text[recs[1].location:].startswith(second)


def _clean_label(statement: str) -> str:
    return statement.rsplit(" (", 1)[0]


def test_a_statement_before_any_heading_has_no_section() -> None:
    [rec] = parse_text("Clinicians should test all adults every year (Grade A).\n").recommendations
    assert rec.section is None


@pytest.mark.parametrize("indent", ["  ", "\t"])
def test_an_indented_line_continues_the_list_item_above_it(indent: str) -> None:
    """A wrapped item goes on on lines indented by spaces or a tab; a line that is not
    indented starts a paragraph of its own."""
    wrapped = (RECS + f"- Clinicians should offer A\n{indent}to adults every year (Grade A).\n"
               + LABELLED_B)
    assert _statements(wrapped) == ["Clinicians should offer A to adults every year",
                                    "Clinicians should offer B to adults"]
    after = RECS + LABELLED_A + "Clinicians should offer B to all adults (Grade B).\n"
    assert [r.source_text for r in parse_text(after).recommendations] == [
        "Clinicians should offer A to adults (Grade A)",
        "Clinicians should offer B to all adults (Grade B)"]


def test_a_label_over_a_one_item_list_takes_only_that_item() -> None:
    text = (RECS + "Clinicians should offer the following tests (Grade A):\n\n"
            "- blood pressure\n\nA paragraph.\n")
    [rec] = parse_text(text).recommendations
    assert (rec.text, rec.grade) == (
        "Clinicians should offer the following tests: blood pressure", "Grade A")


def test_an_unlabelled_nested_item_has_its_lead_in_as_context() -> None:
    text = (RECS + "1. Clinicians should offer A to adults (Grade A).\n"
            "- In adults with high blood pressure:\n"
            "  - Clinicians should ask them about smoking every year.\n")
    rec = parse_text(text).recommendations[-1]
    assert (rec.text, rec.context) == ("Clinicians should ask them about smoking every year.",
                                       "In adults with high blood pressure")


def test_a_paragraph_break_after_a_label_at_the_end_of_a_line() -> None:
    """In wrapped text a label may end a line with the next statement's background after
    it: the next statement still starts at its own paragraph."""
    text = (RECS + "Clinicians should do A for adults (Grade A)\n"
            "Background text that is long enough to fill the line width here.\nIt ends.\n"
            "Clinicians should do B for adults (Grade B).\n")
    assert _statements(text) == ["Clinicians should do A for adults",
                                 "Clinicians should do B for adults"]


# --- the whole parse: line ends, headings, language, prose in graded guidelines --------------

WRAPPED_TWO = ("Clinicians should screen adults for high blood\npressure every year (Grade A).\n\n"
               "Clinicians should ask about smoking (Grade B).\n")


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_read_as_line_breaks(newline: str) -> None:
    text = (RECS + WRAPPED_TWO).replace("\n", newline)
    recs = parse_text(text).recommendations
    assert [r.text for r in recs] == [
        "Clinicians should screen adults for high blood pressure every year",
        "Clinicians should ask about smoking"]
    assert recs[0].source_text == ("Clinicians should screen adults for high blood\n"
                                   "pressure every year (Grade A)")


def test_a_markdown_heading_after_the_first_line_keeps_plain_text_headings_off() -> None:
    text = ("Intro line of the guideline\n\n# G\n\nSHOUTED LINE\n\n## Recommendations\n\n"
            "Clinicians should test adults (Grade A).\n")
    assert [s.heading for s in parse_text(text).sections] == ["", "G", "Recommendations"]


def test_headings_are_read_without_their_markup() -> None:
    text = ("# G\n\n## **Key** Recommendations\n\nClinicians should test adults (Grade A).\n\n"
            "## Methods \\(2020\\)\n\nText.\n\n## __Notes__\n\nText.\n")
    assert [s.heading for s in parse_text(text).sections] == [
        "G", "Key Recommendations", "Methods (2020)", "Notes"]


def test_a_title_and_a_statement_may_start_with_a_capital_x() -> None:
    text = ("X-ray use in low back pain\n\n## Recommendations\n\n"
            "X-rays should not be used for acute low back pain (Grade D).\n")
    guideline = parse_text(text)
    assert guideline.title == "X-ray use in low back pain"
    assert [r.text for r in guideline.recommendations] == [
        "X-rays should not be used for acute low back pain"]


def test_the_language_is_detected_unless_given() -> None:
    chinese = "# 指南\n\n## 推荐意见\n\n建议所有成人每年测量血压。\n"
    assert parse_text(chinese).language == "zh"
    assert parse_text(chinese, language="").language == "zh"
    assert [r.text for r in parse_text(chinese).recommendations] == ["建议所有成人每年测量血压。"]
    assert parse_text(RECS + "Clinicians should test adults (Grade A).\n").language == "en"


def test_without_statements_in_its_section_the_whole_document_is_read() -> None:
    """A recommendation section that holds none falls back to the whole document, in
    Chinese too, and with a lead-in and its list."""
    chinese = "# 指南\n\n## 推荐意见\n\n无。\n\n## 其他\n\n建议所有成人每年测量血压。\n"
    assert _statements(chinese) == ["建议所有成人每年测量血压。"]
    listed = (RECS + "None here.\n\n## Other\n\nClinicians should offer the following:\n\n"
              "- a test for adults\n- b test for adults\n")
    assert _statements(listed) == [
        "Clinicians should offer the following: a test for adults b test for adults"]


PROSE = ["Clinicians should ask adults about smoking every year.",
         "Clinicians should offer drug A to adults with pain.",
         "Clinicians should weigh adults at every visit.",
         "Clinicians should measure the waist of adults."]


@pytest.mark.parametrize(("prose", "read"), [(3, False), (4, True)])
def test_prose_advice_counts_when_it_outnumbers_the_labels_three_to_one(
        prose: int, read: bool) -> None:
    """A graded guideline whose advice is mostly in unlabelled sentences has them read too:
    more than three such sentences a label."""
    text = RECS + "Clinicians should test adults (Grade A).\n\n" + "\n\n".join(PROSE[:prose])
    assert _statements(text) == ["Clinicians should test adults"] + (
        PROSE[:prose] if read else [])


@pytest.mark.parametrize("label", ["Iontophoresis (not recommended).",
                                   "Adults should be screened yearly. (Grade 2+)"])
def test_labels_that_grade_nothing_do_not_hold_back_prose_advice(label: str) -> None:
    """'(not recommended)' and labels not understood are not grades: the prose advice
    beside them is read."""
    text = RECS + label + "\n\n" + "\n\n".join(PROSE[:2]) + "\n"
    assert _statements(text)[1:] == PROSE[:2]


def test_nice_verbs_in_prose_of_a_graded_guideline_grade_nothing() -> None:
    text = (RECS + "Clinicians should test adults (Grade A).\n\n"
            "Offer drug A to adults with pain every day.\n\n"
            "Consider drug B for adults with pain at night.\n\n"
            "Offer the following to adults with pain:\n\n- heat\n- rest\n\n"
            "Consider walking for adults with pain every day.\n")
    recs = parse_text(text).recommendations
    assert len(recs) == 5
    assert [r.strength for r in recs[1:]] == [Strength.UNGRADED] * 4


def test_every_sentence_of_a_recommendation_paragraph_is_placed_where_it_stands() -> None:
    text = ("# G\n\n## Recommendations\n\nRecommendation: Clinicians should offer drug A to"
            " adults.   More words to say here now.\n")
    recs = parse_text(text).recommendations
    assert [r.source_text for r in recs] == ["Clinicians should offer drug A to adults.",
                                             "More words to say here now."]
    assert all(text[r.location:].startswith(r.source_text) for r in recs)


def test_nice_verbs_grade_a_recommendation_paragraph_of_an_ungraded_guideline() -> None:
    text = RECS + "Recommendation: Offer drug A to adults with pain every day.\n"
    [rec] = parse_text(text).recommendations
    assert (rec.strength, rec.scheme) == (Strength.STRONG, "NICE")


def test_a_definitions_or_rationale_heading_ending_in_a_colon_still_counts() -> None:
    """'### Definitions:' ends the recommendations and '### Rationale:' is skipped, as
    without the colon."""
    defs = (RECS + "Clinicians should test adults (Grade A).\n\n### Definitions:\n\n"
            "The USPSTF recommends the service for adults (Grade A).\n")
    assert _statements(defs) == ["Clinicians should test adults"]
    rationale = (RECS + "Clinicians should test adults (Grade A).\n\n### Rationale:\n\n"
                 "Clinicians should also weigh adults (Grade B).\n\n### Other advice\n\n"
                 "Clinicians should ask about smoking (Grade B).\n")
    assert _statements(rationale) == ["Clinicians should test adults",
                                      "Clinicians should ask about smoking"]


def test_a_definitions_line_ends_the_recommendations_where_it_stands() -> None:
    """However many lines come before it: the definitions under it are not statements."""
    text = (RECS + "\n".join(["Some background words here."] * 60)
            + "\n\nClinicians should test adults (Grade A).\n\nDefinitions:\n"
            "Clinicians should offer the service (Grade A).\n")
    assert _statements(text) == ["Clinicians should test adults"]


def test_labels_after_a_grade_note_line_are_kept() -> None:
    text = (RECS + "The grades are defined at the end of this document.\n"
            "Clinicians should do A for adults (Grade A).\n"
            "Clinicians should do B for adults (Grade B).\n")
    assert [r.grade for r in parse_text(text).recommendations] == ["Grade A", "Grade B"]


@pytest.mark.parametrize(
    "before",
    [
        "Clinicians should do A in children (Grade A); in adults (Grade B). ",  # groups
        "(Grade A) ",  # a label with nothing to close
        "Clinicians should test adults (Grade A). Yes (Grade B) ",  # too few words
    ],
)
def test_a_statement_after_a_label_that_makes_none_of_its_own_is_read(before: str) -> None:
    text = RECS + before + "Clinicians should do C for adults (Grade C).\n"
    assert _statements(text)[-1] == "Clinicians should do C for adults"


def test_a_label_not_understood_inside_a_sentence_is_no_label() -> None:
    text = (RECS + "Adults should be screened yearly. (Grade 2+) and by their own doctor each"
            " time.\n\nClinicians should do B for adults (Grade B).\n")
    assert _statements(text) == ["Clinicians should do B for adults"]


def test_a_label_that_opens_a_list_quotes_the_list_as_its_source() -> None:
    text = (RECS + "Clinicians should offer the following tests (Grade A):\n\n"
            "- blood pressure\n- cholesterol\n")
    [rec] = parse_text(text).recommendations
    assert rec.source_text == ("Clinicians should offer the following tests (Grade A):\n\n"
                               "- blood pressure\n- cholesterol")


def test_a_heading_in_italics_is_read_without_its_stars() -> None:
    text = "# G\n\n## *Key* Recommendations\n\nClinicians should test adults (Grade A).\n"
    assert [s.heading for s in parse_text(text).sections] == ["G", "Key Recommendations"]


def test_a_short_label_after_a_statement_does_not_reach_the_list_above() -> None:
    """Only a label that stands alone takes the list above it; one that follows a statement
    in the same paragraph, after too few words, labels nothing."""
    text = (RECS + "Clinicians should offer the following:\n\n- test a\n- test b\n\n"
            "Clinicians should test adults (Grade A). Yes (Grade B)\n")
    assert [(r.text, r.grade) for r in parse_text(text).recommendations] == [
        ("Clinicians should test adults", "Grade A")]


def test_nice_verbs_grade_a_lead_in_and_its_list_in_an_ungraded_guideline() -> None:
    text = RECS + "Offer the following to adults with pain:\n\n- heat\n- rest\n"
    [rec] = parse_text(text).recommendations
    assert (rec.text, rec.strength) == ("Offer the following to adults with pain: heat rest",
                                        Strength.STRONG)
