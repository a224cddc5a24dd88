from __future__ import annotations

import pytest

from domain.readability import (
    count_syllables,
    is_chinese,
    score,
    score_chinese,
    sentences,
    strip_markdown,
)

KNOWN = {
    "cat": 1, "dog": 1, "blood": 1, "screened": 1, "helped": 1, "cake": 1, "years": 1,
    "apple": 2, "water": 2, "table": 2, "people": 2, "women": 2, "wanted": 2, "boxes": 2,
    "doctor": 2, "cancer": 2, "pressure": 2, "screening": 2,
    "beautiful": 3, "evidence": 3, "medical": 3, "clinician": 3, "decision": 3,
    "prevention": 3, "family": 3, "vaccination": 4, "medication": 4, "insufficient": 4,
    "diabetes": 4, "hypertension": 4, "mammography": 4, "individual": 5,
    "recommendation": 5, "asymptomatic": 5, "tuberculosis": 6,
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
