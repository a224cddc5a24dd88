"""Wording-gate behaviour that mutation testing (``make mutation``) found unguarded.

A finding must quote enough of the sentence for a reviewer to find it in the page, and no
more; written to kill mutants of domain/wording_check.py (bench/mutation/).
"""

from __future__ import annotations

import pytest

from domain.model import Direction, PatientVersion, PvgRecommendation
from domain.wording_check import check_wording, defects, has_finite_verb


def _messages(text: str, **kwargs: bool) -> list[str]:
    return [d.message for d in defects(text, **kwargs)]


def test_a_fragment_is_quoted_by_its_first_twelve_words() -> None:
    text = "Because it finds cancer early in many people who have no signs of it at all yet today"
    assert _messages(text) == [
        'sentence without a verb: "Because it finds cancer early in many people who have no'
        ' signs ..."'
    ]


def test_a_short_fragment_is_quoted_whole() -> None:
    assert _messages("The the doctor") == [
        "doubled words 'The the': \"The the doctor\"",
        'sentence without a verb: "The the doctor"',
    ]


def test_a_dangling_ending_is_quoted_by_its_last_eight_words() -> None:
    long = "Your doctor can help you decide about the screening test for the."
    assert _messages(long) == [
        "sentence ends on 'the': \"... you decide about the screening test for the.\""
    ]
    assert _messages("Ask about the.") == ["sentence ends on 'the': \"Ask about the.\""]


def test_a_defect_is_quoted_with_three_words_either_side() -> None:
    text = "You should get the test the test every year because it finds cancer early."
    assert _messages(text) == [
        "doubled words 'the test the test': \"You should get the test the test every year"
        ' because"'
    ]
    assert _messages("the the") == [
        "doubled words 'the the': \"the the\"",
        'text starts lower-case: "the the"',
    ]


def test_an_eight_word_dangling_sentence_is_quoted_whole() -> None:
    """Only sentences longer than the quote get the leading '...'."""
    assert _messages("Ask your nurse about the test and the.") == [
        "sentence ends on 'the': \"Ask your nurse about the test and the.\""
    ]


def test_a_twelve_word_fragment_is_quoted_whole() -> None:
    assert _messages("Because it finds cancer early in many people who have no signs") == [
        'sentence without a verb: "Because it finds cancer early in many people who have no'
        ' signs"'
    ]


def test_a_noun_phrase_led_by_adjectives_has_no_verb() -> None:
    """A word that is only ever an adjective ('nonsteroidal') or may be one after a
    preposition ('across individual studies') does not start a predicate."""
    assert not has_finite_verb("Nonsteroidal anti-inflammatory drugs (NSAIDs)")
    assert not has_finite_verb("Inconsistency of findings across individual studies;")
    assert not has_finite_verb("Sensitivity and specificity of diagnostic tests")


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("Because of the high risk of suicide during the period of transition providers should"
         " pay particular attention to ensure follow-up.", True),
        ("Patients who are unwilling to engage in this therapy should not receive this"
         " procedure.", True),
        ("If hyphema is present, immediately refer to an ophthalmologist for further"
         " management.", True),
        ("Although exact estimates are not available for the United States, screening for"
         " thyroid dysfunction by primary care providers seems to be a common practice.", True),
        ("History of alcohol or other substance abuse or a history of chronic benzodiazepine"
         " use.", False),
        ("Developer: Association of Public Health Laboratories - Professional Association;"
         " Centers for Disease Control and Prevention - Federal Government Agency [U.S.]", False),
        ("Adolescent and adult women, men, and couples", False),
    ],
)
def test_sentences_from_guidelines_with_and_without_a_finite_verb(sentence: str,
                                                                  verb: bool) -> None:
    """Sentences of the corpus that tell the verb test's rules apart: a modal after a
    relative clause or a long fronted phrase is the verb; a list of nouns has none."""
    assert has_finite_verb(sentence) is verb


@pytest.mark.parametrize(
    ("text", "markdown", "found"),
    [
        # Markdown structure is not a defect in a section body ...
        ("Talk to your doctor (about the test\nand its risks).", True, []),  # soft wrap
        ("### Tapentadol and tramadol\n\nAsk your doctor about pain medicines.", True, []),
        ("### Tapentadol and tramadol.", True, []),  # a heading needs no verb
        ("**What to do:**\nAsk your doctor about pain medicines.", True, []),
        ("Options include:\nTapentadol and tramadol", True, []),
        ("- Tapentadol and tramadol.\n- Ask your doctor.", True, []),  # a list item's noun phrase
        ("| a | b |\n|---|---|\n| Tapentadol | tramadol |", True, []),
        ("Ask your doctor about *pain medicines*.", True, []),
        ("Preconception screening, including:", False, []),  # a lead-in
        # ... but what is left over, or cut by a blank line, is.
        ("Ask your doctor about **pain medicines.", True,
         ["leftover markup ('**'): \"your doctor about ** pain medicines.\""]),
        ("Ask your doctor about *pain medicines*.", False,
         ["leftover markup ('*'): \"your doctor about * pain medicines*.\""]),
        ("Use an immunoassay* that detects HIV.", False,
         ["leftover markup ('*'): \"Use an immunoassay * that detects HIV.\""]),
        ("Options include:\nTapentadol and tramadol.", True,
         ['sentence without a verb: "Tapentadol and tramadol."']),
        ("Ask your doctor.\nTapentadol and tramadol for pain.", True,
         ['sentence without a verb: "Tapentadol and tramadol for pain."']),
        ("Talk to your doctor (about the test\n\nand its risks).", True,
         ["unbalanced '()': \"Talk to your doctor ( about the test\"",
          "unbalanced '()': \"and its risks ) .\"",
          'sentence without a verb: "and its risks)."']),
    ],
)
def test_structure_is_not_a_defect_but_leftovers_are(text: str, markdown: bool,
                                                     found: list[str]) -> None:
    assert _messages(text, markdown=markdown) == found


def test_a_space_before_punctuation_is_quoted_with_the_word_whole() -> None:
    """Regression: the quote began one character into the match, so the reviewer read
    "wate r ," for "water ,"."""
    assert _messages("Mix it 1 : 2 with water , then drink it.") == [
        "space before ',': \"2 with water , then drink it.\""]
    assert _messages("Note : rest for an hour after it.") == [
        "space before ':': \"Note : rest for an\""]


def _found(text: str, **kwargs: bool) -> list[tuple[str, str]]:
    return [(d.rule, d.message) for d in defects(text, **kwargs)]


UNBALANCED, CUT, FRAGMENT, DOUBLED = "unbalanced", "cut abbreviation", "fragment", "doubled word"
RISKS = "A list of the big risks for your heart."
NO_VERB = f'sentence without a verb: "{RISKS}"'
THE_THE = "doubled words 'the the': \"Take the the pill\""


@pytest.mark.parametrize(
    ("text", "kwargs", "found"),
    [
        # "e.g." cut in either place, or with nothing after it
        ("Eat more greens (e. daily and often.", {},
         [(UNBALANCED, "unbalanced '()': \"Eat more greens ( e. daily and often.\""),
          (CUT, "abbreviation cut at 'e.': \"Eat more greens (e. daily and often.\"")]),
        ("Eat more greens and fruit every day e.", {},
         [(CUT, "abbreviation cut at 'e.': \"fruit every day e.\"")]),
        ("Eat more greens every day (e.g.)", {},
         [(CUT, "nothing follows 'e.g.': \"every day ( e.g.)\"")]),
        ("Ask your nurse to take the the pill daily.", {},
         [(DOUBLED, "doubled words 'the the': \"nurse to take the the pill daily.\"")]),
        # a figure before a comma, or a colon without a ratio, is still a stray space
        ("Take 2 , then rest for an hour.", {},
         [("space before punctuation", "space before ',': \"Take 2 , then rest for\"")]),
        # brackets and quotes: the first that does not pair up is quoted
        ("Take it ((daily) with water.", {},
         [(UNBALANCED, "unbalanced '()': \"Take it ( (daily) with water.\"")]),
        ("Take the first (small pill and (the big one) daily.", {},
         [(UNBALANCED, "unbalanced '()': \"Take the first ( small pill and (the\"")]),
        (") Take it daily with water.", {},
         [(UNBALANCED, "unbalanced '()': \") Take it daily with\"")]),
        ("(Take it daily with water every morning.", {},
         [(UNBALANCED, "unbalanced '()': \"( Take it daily with\"")]),
        ('He said "stop" and then "go on now with the new pill today.', {},
         [(UNBALANCED, "unbalanced '\"': \"He said \" stop\" and then \"go\"")]),
        ("Ask your nurse whether one of these pills (the small one is right for you today.", {},
         [(UNBALANCED, "unbalanced '()': \"one of these pills ( the small one is\"")]),
        # "the patient" in text that says "you", quoted as the reader sees it
        ("You should ask whether the patient needs help.", {},
         [("the patient", "'the patient' in text addressed to 'you': \"should ask whether the"
           " patient needs help.\"")]),
        ("Ask your nurse if **the patient** needs help.", {"markdown": True},
         [("the patient", "'the patient' in text addressed to 'you': \"your nurse if the"
           " patient needs help.\"")]),
        ("Ask your nurse if the patient needs `help` now.", {},
         [("leftover markup", "leftover markup ('`'): \"the patient needs ` help` now.\""),
          ("the patient", "'the patient' in text addressed to 'you': \"your nurse if the"
           " patient needs `help` now.\"")]),
        # lower case after a stop: not after an abbreviation, an initial or before "eGFR",
        # and every later one is still found
        ("Walk each day (approx. thirty minutes) and rest. then sleep.", {},
         [(FRAGMENT, "sentence starts lower-case after a full stop: \"thirty minutes) and"
           " rest. then sleep.\"")]),
        ("Take vitamin D. daily if you can.", {}, []),
        ("Ask us. then go home and rest.", {},
         [(FRAGMENT, "sentence starts lower-case after a full stop: \"Ask us. then go home"
           " and\"")]),
        ("Check your kidneys. eGFR is a blood test. then rest.", {},
         [(FRAGMENT, "sentence starts lower-case after a full stop: \"is a blood test. then"
           " rest.\"")]),
        ("eGFR is a blood test of your kidneys.", {}, []),
        ("take one pill every day with a glass of water and some food.", {},
         [(FRAGMENT, "text starts lower-case: \"take one pill every day with\"")]),
        ("- take one pill each day with water.", {}, []),  # a list item may start so
        ("Take a pill.\n\nthen rest for a day or two.", {}, []),  # only the first line
        # every sentence is read: after a question, a dangling ending, an exempt first one
        ("Why does it matter? " + RISKS, {"markdown": True}, [(FRAGMENT, NO_VERB)]),
        ("Ask about the. " + RISKS, {},
         [(FRAGMENT, "sentence ends on 'the': \"Ask about the.\""), (FRAGMENT, NO_VERB)]),
        ("A test of the blood. " + RISKS, {"definition": True}, [(FRAGMENT, NO_VERB)]),
        ("? Not enough evidence for the big risks.", {"markdown": True},
         [(FRAGMENT, 'sentence without a verb: "Not enough evidence for the big risks."')]),
        # questions, bracketed or quoted asides and examples need no verb
        ("Any questions about the big risks?", {}, []),
        ("(A list of the big risks.)", {}, []),
        ("[A list of the big risks.]", {}, []),
        ('"A list of the big risks."', {}, []),
        ("\u201cA list of the big risks.\u201d", {}, []),
        ("Such as the big risks for your heart.", {}, []),
        ("For example the big risks for your heart.", {}, []),
        # Markdown structure is taken off before the text is quoted
        ("## Take the the pill", {"markdown": True}, [(DOUBLED, THE_THE)]),
        ("- Take the the pill", {"markdown": True}, [(DOUBLED, THE_THE)]),
        ("**Note:** take the the pill", {"markdown": True},
         [(DOUBLED, "doubled words 'the the': \"Note: take the the pill\"")]),
        ("**Note**: take the the pill", {"markdown": True},
         [(DOUBLED, "doubled words 'the the': \"Note: take the the pill\"")]),
        ("Take **the the** pill and *this* and __that__ one.", {"markdown": True},
         [(DOUBLED, "doubled words 'the the': \"Take the the pill and this\"")]),
        # a heading, a lead-in (even with a trailing space) and a blank line end a paragraph
        ("## Why it matters\n" + RISKS, {"markdown": True}, [(FRAGMENT, NO_VERB)]),
        ("You can choose: \n" + RISKS, {"markdown": True}, [(FRAGMENT, NO_VERB)]),
        ("Take a pill\nevery day.\n\n" + RISKS, {"markdown": True}, [(FRAGMENT, NO_VERB)]),
    ],
)
def test_each_rule_finds_and_quotes_its_defect(text: str, kwargs: dict[str, bool],
                                               found: list[tuple[str, str]]) -> None:
    assert _found(text, **kwargs) == found


def test_a_lone_star_is_leftover_markup() -> None:
    assert [d.rule for d in defects("Use an immunoassay* that detects HIV.")] == [
        "leftover markup"]


def test_recommendations_and_the_summary_are_prose_where_bold_is_a_leftover() -> None:
    pvg = PatientVersion(
        title="T", generator="test", summary="Take **two** pills every day.", sections=[],
        recommendations=[PvgRecommendation(id="R1", text="Take **one** pill every day.",
                                           strength="\u2714 Do this", direction=Direction.FOR,
                                           source_text="x")])
    assert [(f.target, f.message) for f in check_wording(pvg)] == [
        ("R1", "leftover markup ('**'): \"Take ** one** pill every\""),
        ("Summary", "leftover markup ('**'): \"Take ** two** pills every\""),
    ]


def test_a_sentence_closed_inside_a_quote_or_bracket_is_closed() -> None:
    """Regression: once sentences kept the quote or bracket after their full stop, a
    sentence such as '"ask about the."' no longer counted as closed, and its dangling "the"
    went unreported."""
    assert _messages('She said "ask about the." Then go.') == [
        "sentence ends on 'the': \"She said \"ask about the.\"\""]
    assert _messages("Ask your nurse about it (and about the.)") == [
        "sentence ends on 'the': \"Ask your nurse about it (and about the.)\""]


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("Asymptomatic women who have not been diagnosed with BRCA-related cancer", False),
        ("Pregnant women who have not been previously diagnosed with type 1 or 2 diabetes"
         " mellitus", False),
        ("Important flaws in study design or methods", False),
        ("Researching ways to kill oneself on the internet", False),
        ("Formulation of an efficient and effective assessment of the patient's condition",
         False),
        ("Findings not generalizable to routine primary care practice", False),
        ("VA/DoD clinical practice guideline for the management of posttraumatic stress"
         " disorder and acute stress disorder.", False),
        ("Among children with obesity, 52% continued to have obesity as adults.", True),
        ("About 2% to 5% of persons with subclinical hypothyroidism develop \"overt\" thyroid"
         " dysfunction.", True),
        ("Some trials also focused on medication adherence.", True),
        ("Most reported no statistically significant increase in harms.", True),
        ("Clinicians re-screen adults every year.", True),  # the verb is the last part
        ("From 50 to 75 get a test every year.", True),  # a present form after a figure
    ],
)
def test_more_corpus_sentences_with_and_without_a_finite_verb(sentence: str,
                                                              verb: bool) -> None:
    """Sentences of the corpus (and two plain ones) on which the verb test's rules decide:
    a relative clause with a negated perfect has no main verb; a quantity, a figure or a
    fronted phrase before the verb does not hide it."""
    assert has_finite_verb(sentence) is verb
