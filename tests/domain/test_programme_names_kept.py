"""A programme's or document's capitalised name is never swapped word by word, even when
one of its words is hyphenated or it follows the sentence's first word."""

from domain.plain import replace_terms


def test_hyphenated_word_inside_a_name_is_kept() -> None:
    text = ("In the Department of Veterans Affairs Evidence-based Synthesis Program review "
            "of screening measures, the authors found harms.")
    assert "Evidence-based Synthesis Program" in replace_terms(text)
    assert "Proven Synthesis" not in replace_terms(text)


def test_named_guidelines_mid_sentence_are_kept() -> None:
    text = "You should get treatment following Evidence-based Clinical Practice Guidelines."
    assert "Evidence-based Clinical Practice Guidelines" in replace_terms(text)


def test_plain_jargon_outside_names_is_still_said_plainly() -> None:
    assert replace_terms("Offer evidence-based treatments.") == "Offer proven treatments."
