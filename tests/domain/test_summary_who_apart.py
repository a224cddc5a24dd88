"""The summary's "It is for …" names the group first and each condition that must also
hold in a sentence of its own: at 27-38 words it was the longest sentence of the breast
cancer medicines and LMBP pages, which set the whole-page FKGL median."""

from __future__ import annotations

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.summary import conditions_apart, summary
from tests.domain.conftest import corpus_file

WOMEN = ("Women without symptoms aged 35 years or older without a prior diagnosis of breast "
         "cancer, ductal carcinoma in situ, or lobular carcinoma in situ.")
SMOKERS = ("Adults without symptoms aged 55 to 80 years who have a 30 pack-year smoking history "
           "and now smoke or have quit within the past 15 years.")


def test_a_prior_diagnosis_the_group_must_not_have_is_a_sentence_after_it() -> None:
    said = summary([WOMEN], "medicines for lowering the risk of breast cancer", [])
    assert ("It is for women without symptoms aged 35 years or older. They must also have no "
            "prior diagnosis of breast cancer, ductal carcinoma in situ, or lobular carcinoma in "
            "situ.") in said


def test_a_who_the_group_must_also_be_is_a_sentence_after_it() -> None:
    said = summary([SMOKERS], "lung cancer screening", [])
    assert ("It is for adults without symptoms aged 55 to 80 years. They must also have a 30 "
            "pack-year smoking history and now smoke or have quit within the past 15 years."
            ) in said


def test_two_whos_or_a_negation_are_left_whole() -> None:
    for who in ("Pregnant women who are at higher risk for preeclampsia and who have no prior "
                "side effects with low-dose aspirin or medical reasons against it.",
                "Adults without symptoms who do not have a known diagnosis of peripheral artery "
                "disease, heart disease, severe chronic kidney disease, or diabetes."):
        assert "They must also" not in summary([who], "this", [])


def test_the_who_it_is_for_line_says_the_condition_in_a_sentence_of_its_own() -> None:
    assert conditions_apart(WOMEN) == [
        "Women without symptoms aged 35 years or older.",
        "They must also have no prior diagnosis of breast cancer, ductal carcinoma in situ, or "
        "lobular carcinoma in situ."]
    assert conditions_apart("Adults who are pregnant.") == ["Adults who are pregnant."]


def test_no_group_is_cut_before_its_who_when_the_words_before_are_no_group() -> None:
    # "including those who are pregnant" and "The group at risk includes people who …": the
    # words before "who" are not a group the condition could be said apart from.
    for who in ("Teens and adults without symptoms, including those who are pregnant, without "
                "a history of genital herpes simplex virus infection.",
                "The group at risk includes people who have thoughts of suicide with or without "
                "an established diagnosis of a mental or substance use disorder."):
        assert conditions_apart(who) == [who]


def test_the_summary_keeps_its_main_advice_over_saying_the_group_apart() -> None:
    # "They must also be …" takes more words than "who are …": on the USPSTF healthful diet
    # page that pushed the main advice out of the 120-word summary.
    name = "uspstf_healthful-diet-physical-activity-cvd-risk-factors_2014.md"
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(name), name))
    assert "Here is the main advice:" in pvg.summary
