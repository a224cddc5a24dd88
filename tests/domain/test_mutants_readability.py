"""Readability counting that mutation testing (``make mutation``) found unguarded.

The dictionary knows most words, so the vowel-group heuristic for words it lacks (new drug
names, coined terms) was barely exercised; a broken rule there shifts FKGL and SMOG for
every patient version that uses such words. The words below are made up so that no
dictionary entry can hide the heuristic (bench/mutation/).
"""

from __future__ import annotations

import pytest

from domain.model import Readability
from domain.plain import Rewriter
from domain.readability import (
    _dictionary,
    _flesch_syllables,
    _is_abbreviation,
    count_syllables,
    from_counts,
    is_chinese,
    sentences,
    strip_markdown,
    words,
)


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    """Syllable counts are cached per word; start each test without the cache, so that a
    count comes from the rules and not from an earlier call (mutmut forks its workers from
    a process that has already counted these words)."""
    count_syllables.cache_clear()


@pytest.mark.parametrize(
    ("word", "syllables"),
    [
        ("zxq", 1),  # three letters or fewer: one syllable
        ("zxqw", 4),  # no vowel: spelled out, letter by letter
        ("ygrol", 1),  # a leading y is a consonant
        ("yablorp", 2),
        ("ablorp", 2),  # a leading vowel is a syllable
        ("florbe", 1),  # silent final e
        ("blorbate", 2),  # silent final e after more vowels
        ("blorble", 2),  # consonant + "le" is a syllable of its own
        ("blorvale", 2),  # vowel + "le": the e is silent
        ("zvale", 1),
        ("blorvee", 2),  # "ee" is not a silent e
        ("blorvye", 2),  # nor is "ye"
        ("florped", 1),  # "-ed" after most consonants is silent
        ("florted", 2),  # but not after t or d
        ("florbaped", 2),
        ("florpes", 1),  # "-es" after most consonants is silent
        ("florches", 2),  # but not after a sibilant
        ("florbapes", 2),
        ("florbia", 3),  # "ia" is two syllables
        ("florbious", 2),  # "iou" is one
        ("florbeal", 3),  # final "eal" is two
        ("florbiet", 3),  # "iet" is two
        ("florbately", 3),  # silent e before a suffix
        ("florbement", 2),
        ("florbation", 3),  # "tion" is one syllable
    ],
)
def test_words_the_dictionary_lacks_are_counted_by_vowel_groups(word: str, syllables: int) -> None:
    assert word not in _dictionary()
    assert count_syllables(word) == syllables


def test_sentences_end_at_stops_and_line_ends_but_not_at_abbreviations() -> None:
    text = ("Take it, e.g. daily. See Dr. Smith now. Ask J. Smith. Then go! Why? Yes.\n"
            "# Heading\n- item one\n\n---\n")
    assert sentences(text) == ["Take it, e.g. daily.", "See Dr. Smith now.", "Ask J. Smith.",
                               "Then go!", "Why?", "Yes.", "Heading", "item one"]
    assert sentences("Use 2.5 mg. Then 3 mg.") == ["Use 2.5 mg.", "Then 3 mg."]
    assert sentences("End here.(Next) one.") == ["End here.(Next) one."]


def test_markdown_is_stripped_to_what_a_reader_sees() -> None:
    text = ("![img](x.png) See [the site](http://x). \n## Head\n- a\n1. b\nc) c\n> quote\n"
            "Escaped \\* star \\_x \n**bold** *it* `code` __u__\n| a | b |")
    assert strip_markdown(text) == (" See the site. \nHead\na\nb\nc\nquote\nEscaped * star _x \n"
                                    "bold it code u. a. b. ")


def test_words_keep_hyphens_and_apostrophes() -> None:
    assert words("don't stop anti-HIV x’s") == ["don't", "stop", "anti-HIV", "x’s"]


@pytest.mark.parametrize(
    ("text", "chinese"),
    [("高血压abc", True), ("ab高", True), ("", False), ("abc", False),
     ("高" * 10 + "a" * 23, True), ("高" * 10 + "a" * 24, False)],  # 30 % of the letters
)
def test_chinese_is_told_by_the_share_of_cjk_letters(text: str, chinese: bool) -> None:
    assert is_chinese(text) is chinese


@pytest.mark.parametrize(
    ("word", "flesch", "spoken"),
    [
        ("HIV", 1, 3),  # Flesch: an abbreviation is one syllable; SMOG reads it out
        ("2.5", 1, 1),  # a figure is one syllable
        ("anti-HIV", 3, 5),  # the parts of a hyphenated word add up
        ("HIV's", 1, 3),
        ("LDLs", 1, 3),  # "LDLs" is read "LDL"
        ("H2O", 1, 3),  # letters and figures, spelled out
        ("walking", 2, 2),
        ("doctor's", 2, 2),  # the possessive adds nothing
        ("zxqa-blorp", 2, 2),  # a hyphenated word the dictionary lacks: its parts
        ("Preeclampsia", 5, 5),  # the exceptions the heuristic would miscount
        ("covid", 2, 2),
        ("123", 1, 1),
    ],
)
def test_syllables_as_flesch_and_mclaughlin_counted_them(word: str, flesch: int,
                                                         spoken: int) -> None:
    assert _flesch_syllables(word) == flesch
    assert count_syllables(word) == spoken


@pytest.mark.parametrize(
    ("word", "abbreviation"),
    [("LDLs", True), ("HbA1c", True), ("mRNA", True), ("ABs", True), ("B12", False),
     ("Hi", False), ("A", False), ("US", True), ("Us", False)],
)
def test_abbreviations_are_mostly_capitals_or_letters_with_figures(word: str,
                                                                   abbreviation: bool) -> None:
    assert _is_abbreviation(word) is abbreviation


def test_nothing_to_count_is_zero_syllables() -> None:
    assert count_syllables("") == 0
    assert count_syllables("...") == 0


def test_the_formulas_round_to_two_decimals_and_count_a_single_word() -> None:
    assert from_counts(sentences=3, words=7, syllables=11, polysyllables=2) == Readability(
        fkgl=3.86, smog=7.79, fre=71.52)
    # one word of one syllable: FKGL 0.39 + 11.8 - 15.59
    assert from_counts(sentences=1, words=1, syllables=1, polysyllables=0) == Readability(
        fkgl=-3.4, smog=3.13, fre=121.22)


def test_a_possessive_does_not_hide_an_abbreviation() -> None:
    """'HbA1c's' is still the abbreviation HbA1c: one syllable for Flesch."""
    assert _flesch_syllables("HbA1c's") == 1
    assert _is_abbreviation("A1c")  # one capital, but letters mixed with a figure


def test_the_chinese_test_reads_a_sample_and_honours_its_threshold() -> None:
    assert is_chinese("高", threshold=0.6)
    assert is_chinese("高高高abcdefg")  # exactly 30 %
    assert not is_chinese(" " * 50000 + "高")  # only the first 50,000 characters are read
    assert not is_chinese("123", threshold=0)  # no Chinese character at all


def test_a_sentence_keeps_the_bracket_or_quote_that_closes_it() -> None:
    """Regression: a stop inside a closing bracket or quote ("(grade: strong.)", '"stop."')
    cut the bracket off the sentence, and the plain-language rewrite, which rebuilds the text
    from these sentences, showed the patient an unbalanced "(grade: strong."."""
    text = 'Offer a statin. (Grade: strong.) Then review. She said "stop." Then go.'
    assert sentences(text) == ["Offer a statin.", "(Grade: strong.)", "Then review.",
                               'She said "stop."', "Then go."]
    assert sentences("Ask (e.g. a nurse.) Then go.") == ["Ask (e.g. a nurse.)", "Then go."]
    for level in (1, 2):
        rewritten = Rewriter().simplify(
            "Offer a statin to adults (grade: strong.) Then review the dose every year.", level)
        assert "(grade: strong.)" in rewritten


@pytest.mark.parametrize(
    ("word", "flesch", "spoken"),
    [
        ("XL", 1, 2),  # "metformin XL": an abbreviation, whatever letters it is made of
        ("XDR", 1, 3),
        ("X-ALD", 2, 4),  # the parts of a hyphenated word, however it begins or ends
    ],
)
def test_words_that_begin_or_end_in_x_are_counted_like_any_other(word: str, flesch: int,
                                                              spoken: int) -> None:
    assert _flesch_syllables(word) == flesch
    assert count_syllables(word) == spoken


def test_a_plural_s_does_not_turn_an_abbreviation_into_a_word() -> None:
    """'ApoBs' is the plural of ApoB: the s after a capital is the plural ending, not one
    more small letter that outweighs the capitals."""
    assert _is_abbreviation("ApoB")
    assert _is_abbreviation("ApoBs")
