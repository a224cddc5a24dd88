"""Wording-gate behaviour that mutation testing (``make mutation``) found unguarded.

A finding must quote enough of the sentence for a reviewer to find it in the page, and no
more; written to kill mutants of domain/wording_check.py (bench/mutation/).
"""

from __future__ import annotations

import pytest

from domain.wording_check import defects, has_finite_verb


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
