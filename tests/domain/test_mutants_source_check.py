"""QC's independent second pass over the source (domain/source_check.py), pinned where
mutation testing (``make mutation``) found it unguarded.

The pass must find every statement of the recommendation part, match it only to a patient
recommendation with the same numbers and conditions, and give a reason for each candidate
it lets go (bench/mutation/).
"""

from __future__ import annotations

from domain.model import (
    Direction,
    DocumentFormat,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    Section,
)
from domain.source_check import candidates, check_source


def _guideline(*sections: tuple[str, int, str]) -> ParsedGuideline:
    return ParsedGuideline(
        title="T", format=DocumentFormat.MARKDOWN,
        sections=[Section(heading=h, level=level, text=t) for h, level, t in sections],
    )


def _pvg(*sources: str) -> PatientVersion:
    return PatientVersion(
        title="T", sections=[], generator="test",
        recommendations=[
            PvgRecommendation(id=f"R{i}", text="t", strength="s", direction=Direction.FOR,
                              source_text=source)
            for i, source in enumerate(sources, 1)
        ],
    )


def _verdicts(guideline: ParsedGuideline, pvg: PatientVersion) -> list[tuple[str, str | None,
                                                                             str | None]]:
    return [(v.candidate.text, v.covered_by, v.not_advice) for v in check_source(guideline, pvg)]


MIXED = _guideline(
    ("Intro", 1, "Clinicians should read this introduction first."),
    ("Recommendations", 2,
     "Clinicians should screen adults aged 50 to 75 years for colon cancer (Grade A).\n\n"
     "Studies show that screening saves lives and clinicians should know it.\n\n"
     "1. Offer aspirin to adults with diabetes.\n2. Test all adults for hepatitis C once.\n"
     "3. Ask.\n\n"
     "Note: clinicians should check local rules.\n\n"
     "Should clinicians screen every adult at once?"),
    ("Rationale", 3, "Clinicians should understand the evidence behind these."),
    ("Other recommendations", 3, "Clinicians must refer adults with a positive test."),
    ("Discussion", 2, "Clinicians should discuss this with patients every time."),
)


def test_candidates_come_from_the_recommendation_part_with_their_cue() -> None:
    """Only the recommendation part is read; an explaining subsection is marked as such, a
    sibling part that names recommendations is read again, and three words are too few."""
    found = [(c.text, c.section, c.cue, c.item, explains) for c, explains in candidates(MIXED)]
    assert found == [
        ("Clinicians should screen adults aged 50 to 75 years for colon cancer (Grade A).",
         "Recommendations", "label", False, False),
        ("Studies show that screening saves lives and clinicians should know it.",
         "Recommendations", "modal verb", False, False),
        ("Offer aspirin to adults with diabetes.", "Recommendations", "imperative", True, False),
        ("Test all adults for hepatitis C once.", "Recommendations", "imperative", True, False),
        ("Note: clinicians should check local rules.", "Recommendations", "modal verb", False,
         False),
        ("Should clinicians screen every adult at once?", "Recommendations", "modal verb", False,
         False),
        ("Clinicians should understand the evidence behind these.", "Rationale", "modal verb",
         False, True),
        ("Clinicians must refer adults with a positive test.", "Other recommendations",
         "modal verb", False, False),
    ]


def test_each_candidate_is_covered_or_given_a_reason() -> None:
    pvg = _pvg("Clinicians should screen adults aged 50 to 75 years for colon cancer (Grade A).",
               "Offer aspirin to adults with diabetes.")
    assert _verdicts(MIXED, pvg) == [
        ("Clinicians should screen adults aged 50 to 75 years for colon cancer (Grade A).",
         "R1", None),
        ("Studies show that screening saves lives and clinicians should know it.", None,
         "evidence finding"),
        ("Offer aspirin to adults with diabetes.", "R2", None),
        ("Test all adults for hepatitis C once.", None, None),
        ("Note: clinicians should check local rules.", None, "note or cross-reference"),
        ("Should clinicians screen every adult at once?", None, "question"),
        ("Clinicians should understand the evidence behind these.", None,
         "in a part that explains the recommendations"),
        ("Clinicians must refer adults with a positive test.", None, None),
    ]


def test_another_age_group_or_condition_is_a_different_statement() -> None:
    """Candidates in a graded guideline: the numbers and the long words must match, and
    running text between labelled statements elaborates them."""
    guideline = _guideline(("Recommendations", 1,
                            "Clinicians should screen adults aged 50 to 75 years (Grade A). "
                            "Clinicians should screen adults aged 40 to 49 years (Grade C). "
                            "Clinicians should screen smokers for osteoporosis yearly (Grade B). "
                            "Clinicians should explain the test to everybody.\n\n"
                            "- Clinicians should give vitamin D to older adults."))
    pvg = _pvg("Clinicians should screen adults aged 50 to 75 years (Grade A).",
               "Clinicians should screen smokers for diabetes yearly (Grade B).")
    assert _verdicts(guideline, pvg) == [
        ("Clinicians should screen adults aged 50 to 75 years (Grade A).", "R1", None),
        ("Clinicians should screen adults aged 40 to 49 years (Grade C).", None, None),
        ("Clinicians should screen smokers for osteoporosis yearly (Grade B).", None, None),
        ("Clinicians should explain the test to everybody.", None,
         "unlabelled elaboration in a graded guideline"),
        ("Clinicians should give vitamin D to older adults.", None, None),
    ]


def test_without_a_recommendation_heading_the_whole_document_is_read() -> None:
    guideline = _guideline(
        ("Intro", 1, "Clinicians should screen all adults for hypertension every year."),
        ("Background", 1, "Clinicians should read the background evidence carefully."),
    )
    pvg = _pvg("Clinicians should screen all adults for hypertension every year, and treat them.")
    assert _verdicts(guideline, pvg) == [
        ("Clinicians should screen all adults for hypertension every year.", "R1", None),
        ("Clinicians should read the background evidence carefully.", None,
         "in a part that explains the recommendations"),
    ]


def test_a_lead_in_is_covered_by_the_statement_that_holds_it_and_its_list() -> None:
    guideline = _guideline(("Recommendations", 1,
                            "Clinicians should offer the following tests to adults:\n\n"
                            "- blood pressure\n- cholesterol"))
    lead_in = "Clinicians should offer the following tests to adults:"
    whole = _pvg("Clinicians should offer the following tests to adults: blood pressure, "
                 "cholesterol")
    assert _verdicts(guideline, whole) == [(lead_in, "R1", None)]
    # A statement holding only a few of its words does not cover it.
    assert _verdicts(guideline, _pvg("Clinicians should offer")) == [(lead_in, None, "lead-in")]


def test_sentences_split_after_a_closing_label_but_not_after_an_abbreviation() -> None:
    guideline = _guideline(("Recommendations", 1,
                            "Clinicians should offer aspirin to adults, e.g. those with diabetes."
                            " (Grade B) Clinicians should test all adults for hepatitis C once."
                            "\n- b) Screen every pregnant woman for syphilis.\n"
                            "# Later heading\nClinicians must refer adults with a positive test."))
    assert [c.text for c, _ in candidates(guideline)] == [
        "Clinicians should offer aspirin to adults, e.g. those with diabetes. (Grade B)",
        "Clinicians should test all adults for hepatitis C once.",
        "Screen every pregnant woman for syphilis.",
        "Clinicians must refer adults with a positive test.",
    ]


# 20 short words: no long word or number has to match
WORDS = ["you", "should", "give", "one", "flu", "shot", "to", "all", "kids", "and", "teens",
         "in", "the", "fall", "and", "one", "more", "in", "late", "winter"]


def _sentence(words: list[str]) -> str:
    return " ".join(words).capitalize() + "."


def test_a_statement_covers_a_candidate_from_95_percent_of_its_words() -> None:
    """19 of 20 words, in order, is enough either way round; the bar is inclusive."""
    candidate = _sentence(WORDS)
    guideline = _guideline(("Recommendations", 1, candidate))
    statement = " ".join([*WORDS[:-1], "please", "now"])  # 19 of 20, two words more
    assert _verdicts(guideline, _pvg(statement)) == [(candidate, "R1", None)]
    longer = _sentence([*WORDS, "too", "now"])  # the candidate has two words more
    guideline = _guideline(("Recommendations", 1, longer))
    statement = " ".join([*WORDS[:-1], "please"])  # 19 of its 20 words are in the candidate
    assert _verdicts(guideline, _pvg(statement)) == [(longer, "R1", None)]


def test_a_lead_in_is_covered_only_by_a_statement_of_half_its_length_or_more() -> None:
    lead_in = "You should give the flu shot to kids:"  # eight words
    guideline = _guideline(("Recommendations", 1, f"{lead_in}\n\n- in the fall\n- in the winter"))
    assert _verdicts(guideline, _pvg("You should give the")) == [(lead_in, "R1", None)]
    assert _verdicts(guideline, _pvg("You should give")) == [(lead_in, None, "lead-in")]


def test_paragraphs_are_joined_and_only_list_items_are_read_as_imperatives() -> None:
    """A wrapped paragraph is one candidate; an imperative paragraph is not one (only a
    list item is); an indented heading still ends the paragraph above it."""
    guideline = _guideline(("Recommendations", 1,
                            "Clinicians should screen all adults\nfor hypertension every year.\n\n"
                            "Offer aspirin to adults with diabetes.\n\n"
                            "  # Later heading\n"
                            "Clinicians must refer adults with a positive test."))
    assert [(c.text, c.cue, c.item) for c, _ in candidates(guideline)] == [
        ("Clinicians should screen all adults for hypertension every year.", "modal verb",
         False),
        ("Clinicians must refer adults with a positive test.", "modal verb", False),
    ]


def test_candidates_keep_abbreviations_escapes_and_their_cue() -> None:
    """'U.S.' and 'Dr.' do not end a sentence; Markdown escapes go; a 'Rationale:'
    paragraph explains; 'recommends' is its own cue; three words are too few."""
    guideline = _guideline(("Recommendations", 1,
                            "Clinicians should follow the U.S. Preventive Services Task Force"
                            " advice on screening. Ask Dr. Smith when clinicians should refer."
                            "\n\nClinicians should screen adults \\(aged 50 to 75\\).\n\n"
                            "Rationale: clinicians should weigh the harms of screening.\n\n"
                            "The USPSTF recommends screening adults for obesity.\n\n"
                            "You should test.\n\nYou should test kids."))
    assert [(c.text, c.cue, explains) for c, explains in candidates(guideline)] == [
        ("Clinicians should follow the U.S. Preventive Services Task Force advice on"
         " screening.", "modal verb", False),
        ("Ask Dr. Smith when clinicians should refer.", "modal verb", False),
        ("Clinicians should screen adults (aged 50 to 75).", "modal verb", False),
        ("Rationale: clinicians should weigh the harms of screening.", "modal verb", True),
        ("The USPSTF recommends screening adults for obesity.", "recommendation verb", False),
        ("You should test kids.", "modal verb", False),
    ]


def test_a_statement_number_in_front_does_not_stop_coverage() -> None:
    guideline = _guideline(("Recommendations", 1,
                            "Recommendation 1: Clinicians should screen adults for diabetes."))
    assert _verdicts(guideline, _pvg("Clinicians should screen adults for diabetes.")) == [
        ("Recommendation 1: Clinicians should screen adults for diabetes.", "R1", None)]


def test_two_labels_do_not_make_a_graded_guideline() -> None:
    """Running text is set aside as elaboration only from three labelled statements on."""
    guideline = _guideline(("Recommendations", 1,
                            "Clinicians should screen adults for diabetes (Grade A). Clinicians"
                            " should screen adults for obesity (Grade B). Clinicians should"
                            " explain the test to everybody."))
    assert [reason for _, _, reason in _verdicts(guideline, _pvg())] == [None, None, None]


def test_candidates_name_their_section_without_a_recommendation_heading() -> None:
    guideline = _guideline(("Intro", 1, "Clinicians should screen all adults for hypertension."))
    assert [c.section for c, _ in candidates(guideline)] == ["Intro"]


def test_wrapped_lines_join_with_a_space_wherever_the_chunk_ends() -> None:
    """Before a list item, before a heading and at the end of a section alike; a part
    headed 'Recommendations and Evidence:' states recommendations."""
    guideline = _guideline(
        ("Recommendations", 1, "Clinicians should screen all adults\nfor hypertension every year."
         "\n- Clinicians should refer adults\nwith diabetes to a dietitian.\n# Heading\n"
         "Clinicians must treat adults\nwith high blood pressure."),
        ("Recommendations and Evidence:", 2,
         "Clinicians should test all adults for hepatitis C once."))
    assert [(c.text, c.item, explains) for c, explains in candidates(guideline)] == [
        ("Clinicians should screen all adults for hypertension every year.", False, False),
        ("Clinicians should refer adults with diabetes to a dietitian.", True, False),
        ("Clinicians must treat adults with high blood pressure.", False, False),
        ("Clinicians should test all adults for hepatitis C once.", False, False),
    ]


def test_one_other_number_or_long_word_in_19_of_20_is_a_different_statement() -> None:
    """95 % of the words in order would cover, but a statement that differs in one number
    or one word of seven letters or more (an age, a dose, a population) is other advice;
    shorter words may differ."""
    def verdict(candidate_end: str, statement_end: str) -> tuple[str, str | None, str | None]:
        candidate = _sentence([*WORDS[:-1], candidate_end])
        guideline = _guideline(("Recommendations", 1, candidate))
        [found] = _verdicts(guideline, _pvg(" ".join([*WORDS[:-1], statement_end])))
        return found

    assert verdict("2", "3")[1] is None
    assert verdict("infants", "mothers")[1] is None
    assert verdict("babies", "adults")[1] == "R1"


def test_a_sibling_heading_that_names_recommendations_stays_in_the_recommendation_part() -> None:
    """"Evidence-based recommendations" after "Recommendations", at the same level, holds
    statements: a statement there that no patient recommendation covers is a finding, not
    an explanation to let go."""
    guideline = _guideline(
        ("Recommendations", 2, "Clinicians should screen all adults for hypertension yearly."),
        ("Evidence-based recommendations", 2,
         "Clinicians should offer statins to adults with diabetes."),
    )
    pvg = _pvg("Clinicians should screen all adults for hypertension yearly.")
    assert _verdicts(guideline, pvg) == [
        ("Clinicians should screen all adults for hypertension yearly.", "R1", None),
        ("Clinicians should offer statins to adults with diabetes.", None, None),
    ]
