"""Titles made from a guideline's "Use of X instead of Y: …" lines.

"Use of" there is a noun phrase, not an order: the title says what is done ("Using the HIV-1
Western blot …"), never "Using of …", a phrase no reader says."""

from __future__ import annotations

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

APHL = "cdc-aphl_hiv-laboratory-testing-diagnosis_2014.md"
CHRONIC_PAIN = "colorado-dowc_chronic-pain-disorder_2017.md"


def _page(name: str) -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))


def test_use_of_becomes_using_in_titles_steps_and_questions() -> None:
    page = _page(APHL)
    assert "using of" not in page.lower(), page
    assert "#### 8. Using the HIV-1 Western blot" in page, page
    assert "Is using a 3rd generation HIV-1/2 antibody immunoassay right for me" in page, page


def test_a_title_against_use_of_says_what_is_not_advised() -> None:
    page = _page(CHRONIC_PAIN)
    assert "using of" not in page.lower()
    assert "cervical collars is not advised" in page, page


def test_chinese_units_and_ratios_are_explained_as_what_they_measure() -> None:
    """"mmHg" beside an oxygen pressure is no blood-pressure unit, and FEV1/FVC, the ratio that
    confirms COPD, is explained where the page uses it."""
    from domain.chinese import UNITS

    assert "血氧分压" in UNITS["mmHg"]
    source = ("# 慢阻肺指南\n\n## 推荐意见\n\n1. 吸入支气管扩张剂后FEV1/FVC<0.70可以确诊慢阻肺，"
              "建议做肺功能检查（强推荐，高质量证据）。\n").encode()
    pvg = OfflineProvider().generate(parse_guideline(source, "zh.md"))
    terms = {g.term: g.meaning for g in pvg.glossary}
    assert "FEV1/FVC" in terms and "第1秒" in terms["FEV1/FVC"], terms


def test_a_labs_steps_are_titled_by_the_test_and_never_asked_about_as_things() -> None:
    """The HIV lab-testing guideline's "Samples … should be tested with an FDA-approved HIV-1
    nucleic acid test" was titled "Samples", and the page told the reader to "Ask your care team
    about samples" and "about laboratories", and asked "Are reactive results … right for me?"."""
    page = _page(APHL)
    reader = page.split("## Disclaimer", 1)[0]
    assert "#### 5. Testing with an FDA-approved HIV-1 nucleic acid test" in reader, reader
    for nonsense in ("about samples", "about laboratories", "Are reactive results",
                     "#### 5. Samples"):
        assert nonsense not in reader, nonsense


OPA = "cdc-opa_quality-family-planning-services_2014.md"


def test_family_planning_titles_name_the_care_and_say_a_condition_once() -> None:
    """Read on the family-planning page: "Counseling about the need", "Taking steps either",
    a step that said its condition twice and a question "Should I further tests …?"."""
    reader = _page(OPA).split("## Disclaimer", 1)[0]
    assert "#### 2. Counseling about taking a daily supplement of folic acid" in reader, reader
    assert "Further tests or treatment (if screening results show a health condition)" in reader
    assert ("When screening results show a health condition, ask your care team about further "
            "tests or treatment (see 3).") in reader, reader
    for broken in ("Counseling about the need", "Taking steps either", "Should I further"):
        assert broken not in reader, broken
    depression = _page("va-dod_major-depressive-disorder_2016.md")
    assert "therapy either\n" not in depression


def test_long_acting_birth_control_is_not_explained_as_a_medicine_of_hours() -> None:
    """An IUD or implant lasts for years; the word list's "long-acting" (a medicine that works
    over many hours) was printed under it."""
    reader = _page(OPA).split("## Disclaimer", 1)[0]
    assert "works over many hours" not in reader
    assert "birth control that lasts for years such as IUDs" in reader, reader
