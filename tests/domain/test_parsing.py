from __future__ import annotations

import io

import docx
import pytest

from domain.errors import NoRecommendations
from domain.model import Direction, DocumentFormat, Strength
from domain.parsing import classify_label, parse_guideline, text_direction
from tests.domain.conftest import corpus_file


def parse(name: str):
    return parse_guideline(corpus_file(name), filename=name)


def find(guideline, needle: str):
    matches = [r for r in guideline.recommendations if needle.lower() in r.text.lower()]
    assert matches, f"no recommendation contains {needle!r}"
    return matches[0]


def test_uspstf_breast_cancer_grades_and_directions() -> None:
    g = parse("uspstf_breast-cancer-screening_2016.md")
    assert g.title.startswith("Screening for breast cancer")
    assert g.language == "en" and g.format is DocumentFormat.MARKDOWN
    assert [r.id for r in g.recommendations] == ["R1", "R2", "R3", "R4", "R5"]
    b = g.recommendations[0]
    assert b.grade == "B recommendation" and b.scheme == "USPSTF"
    assert b.direction is Direction.FOR and b.strength is Strength.MODERATE
    assert "women aged 50 to 74 years" in b.text
    assert g.recommendations[1].grade == "C recommendation"
    # The C statement spans two sentences, both belong to it.
    assert "between the ages of 40 and 49 years" in g.recommendations[1].text
    for r in g.recommendations[2:]:
        assert r.grade == "I statement"
        assert r.direction is Direction.INSUFFICIENT and r.strength is Strength.INSUFFICIENT


def test_uspstf_d_recommendation_is_against() -> None:
    g = parse("uspstf_carotid-artery-stenosis-screening_2014.md")
    assert len(g.recommendations) == 1
    rec = g.recommendations[0]
    assert rec.grade == "D recommendation" and rec.direction is Direction.AGAINST


def test_source_text_is_exact_and_located() -> None:
    name = "va-dod_hypertension-primary-care_2014.md"
    text = corpus_file(name).decode("utf-8")
    g = parse(name)
    for rec in g.recommendations:
        assert text[rec.location : rec.location + len(rec.source_text)] == rec.source_text
        assert "**" not in rec.text and "Modified from" not in rec.text


def test_va_dod_grade_labels() -> None:
    g = parse("va-dod_hypertension-primary-care_2014.md")
    tai_chi = find(g, "Tai Chi")
    assert (tai_chi.grade, tai_chi.direction, tai_chi.strength) == (
        "Weak against", Direction.AGAINST, Strength.CONDITIONAL)
    soy = find(g, "soy protein")
    assert soy.direction is Direction.AGAINST and soy.strength is Strength.STRONG
    sodium = find(g, "2300 mg/day")
    assert sodium.grade == "Strong for" and sodium.direction is Direction.FOR
    assert sodium.section == "Sodium Reduction"


def test_va_dod_bracket_labels() -> None:
    g = parse("va-dod_hip-knee-osteoarthritis_2014.md")
    grades = {r.grade for r in g.recommendations}
    assert {"EO", "B"} <= grades
    avoid = find(g, "avoid routine use of laboratory")
    assert avoid.direction is Direction.AGAINST


def test_cdc_categories() -> None:
    g = parse("cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md")
    assert len(g.recommendations) >= 30
    rec = find(g, "interviewed in a confidential manner")
    assert rec.grade == "Category IB" and rec.scheme == "CDC"
    assert rec.strength is Strength.STRONG and rec.direction is Direction.FOR


def test_nhlbi_consensus_and_nested_items() -> None:
    g = parse("nhlbi_sickle-cell-acute-complications_2014.md")
    meperidine = find(g, "do not use meperidine")
    assert meperidine.direction is Direction.AGAINST
    fast = find(g, "within 30 minutes of triage")
    assert fast.context == "In adults and children with SCD and a VOC"
    opioids = find(g, "rapidly initiate treatment with parenteral opioids")
    assert opioids.strength is Strength.STRONG


def test_ungraded_colorado_statements() -> None:
    g = parse("colorado-dowc_chronic-pain-disorder_2017.md")
    assert len(g.recommendations) >= 20
    # Evidence statements ("… (Design: Randomized clinical trial)") are findings, not advice.
    assert not [r for r in g.recommendations if "Design:" in r.source_text]
    acupuncture = find(g, "Acupuncture is recommended for subacute or chronic pain")
    assert acupuncture.direction is Direction.FOR and acupuncture.grade is None
    meperidine = find(g, "Meperidine (Demerol) is not recommended")
    assert meperidine.direction is Direction.AGAINST


def test_lmbp_no_recommendation_is_insufficient() -> None:
    g = parse("cdc-lmbp_lipoprotein-biomarkers-cvd-risk_2016.md")
    assert len(g.recommendations) == 4
    assert [r.direction for r in g.recommendations] == [
        Direction.FOR, Direction.INSUFFICIENT, Direction.FOR, Direction.INSUFFICIENT]


def test_cpstf_skips_the_definitions() -> None:
    g = parse("cpstf_team-based-care-blood-pressure_2014.md")
    assert len(g.recommendations) == 1
    assert "recommends team-based care" in g.recommendations[0].text


@pytest.mark.parametrize(
    ("label", "direction", "strength"),
    [
        ("B recommendation", Direction.FOR, Strength.MODERATE),
        ("D recommendation", Direction.AGAINST, Strength.STRONG),
        ("I statement", Direction.INSUFFICIENT, Strength.INSUFFICIENT),
        ("Strong For; Reviewed, New-replaced", Direction.FOR, Strength.STRONG),
        ("Weak against", Direction.AGAINST, Strength.CONDITIONAL),
        ("Category II", None, Strength.CONDITIONAL),
        ("Moderate Recommendation, Low-Quality Evidence", None, Strength.MODERATE),
        ("not recommended", Direction.AGAINST, Strength.UNGRADED),
    ],
)
def test_classify_label(label: str, direction: Direction | None, strength: Strength) -> None:
    info = classify_label(label)
    assert info is not None
    assert (info.direction, info.strength) == (direction, strength)


@pytest.mark.parametrize("label", ["Note", "Strong, Weak", "High, Moderate, Low, Very Low", "HIV"])
def test_non_labels(label: str) -> None:
    assert classify_label(label) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The USPSTF recommends against screening for COPD.", Direction.AGAINST),
        ("Clinicians should not prescribe opioids for acute pain.", Direction.AGAINST),
        ("In adults with SCD, do not use meperidine.", Direction.AGAINST),
        ("Testing needles is not recommended.", Direction.AGAINST),
        ("Women who do not have symptoms should be screened.", None),
        ("Give fluids to avoid dehydration.", None),
        ("The evidence is insufficient to recommend for or against it.", Direction.INSUFFICIENT),
    ],
)
def test_text_direction_handles_negation_scope(text: str, expected: Direction | None) -> None:
    assert text_direction(text) is expected


def test_nice_verbs_in_plain_text() -> None:
    data = (
        b"Managing knee pain\n\n"
        b"Recommendations\n\n"
        b"Offer exercise to all adults with knee pain.\n"
        b"Consider a walking aid for people who have trouble walking.\n"
        b"Do not offer arthroscopic lavage for knee pain.\n"
    )
    g = parse_guideline(data, "knee.txt")
    assert g.title == "Managing knee pain"
    got = [(r.strength, r.direction) for r in g.recommendations]
    assert got == [
        (Strength.STRONG, Direction.FOR),
        (Strength.CONDITIONAL, Direction.FOR),
        (Strength.STRONG, Direction.AGAINST),
    ]


def test_html_and_docx_guidelines() -> None:
    html = (b"<html><body><h1>Flu shots</h1><h2>Major Recommendations</h2>"
            b"<ul><li>Adults should get a flu shot every year. (<b>Strong for</b>)</li></ul>"
            b"</body></html>")
    g = parse_guideline(html)
    assert g.title == "Flu shots" and g.format is DocumentFormat.HTML
    assert len(g.recommendations) == 1

    document = docx.Document()
    document.add_heading("Flu shots", 0)
    document.add_heading("Recommendations", 1)
    document.add_paragraph("Adults aged 65 years or older should get a flu shot every year.",
                           style="List Bullet")
    buf = io.BytesIO()
    document.save(buf)
    g = parse_guideline(buf.getvalue(), "flu.docx")
    assert g.format is DocumentFormat.DOCX
    assert g.recommendations[0].text.startswith("Adults aged 65 years")


def test_chinese_guideline() -> None:
    data = (
        "# 高血压患者指南\n\n## 推荐意见\n\n成人应当每年测量一次血压。\n\n"
        "不推荐常规使用某种药物。\n"
    ).encode()
    g = parse_guideline(data, "zh.md")
    assert g.language == "zh"
    assert [r.direction for r in g.recommendations] == [Direction.FOR, Direction.AGAINST]


def test_chinese_grade_labels() -> None:
    data = ("# 成人高血压管理指南\n\n## 推荐意见\n\n1. 建议所有成人每年至少测量一次血压（1A）。\n\n"
            "2. 不推荐对低危人群常规使用阿司匹林（强推荐，中等质量证据）。\n\n"
            "3. 可考虑家庭血压监测（2B）。\n").encode()
    g = parse_guideline(data, "zh.md")
    got = [(r.grade, r.strength, r.direction) for r in g.recommendations]
    assert got == [
        ("1A", Strength.STRONG, Direction.FOR),
        ("强推荐，中等质量证据", Strength.STRONG, Direction.AGAINST),
        ("2B", Strength.CONDITIONAL, Direction.FOR),
    ]


def test_no_recommendations() -> None:
    with pytest.raises(NoRecommendations):
        parse_guideline(b"# Notes\n\nThe weather was fine. We met at noon.\n", "n.md")


def test_pdf_guideline_end_to_end() -> None:
    from tests.domain.test_formats import text_pdf

    data = text_pdf(["Adults aged 18 years or older should be screened every year."])
    g = parse_guideline(data, "guide.pdf")
    assert g.format is DocumentFormat.PDF and g.pages == 1
    assert g.recommendations[0].text.startswith("Adults aged 18 years")


def test_plain_text_copy_of_a_guideline_parses_like_the_markdown() -> None:
    """PDF and text uploads have neither heading marks nor bold labels."""
    import re

    name = "va-dod_hypertension-primary-care_2014.md"
    markdown = corpus_file(name).decode()
    plain = re.sub(r"^#+\s*", "", markdown, flags=re.MULTILINE).replace("**", "")
    a = parse_guideline(markdown.encode(), name)
    b = parse_guideline(plain.encode(), "guideline.txt")
    assert [r.grade for r in b.recommendations] == [r.grade for r in a.recommendations]
    assert [r.direction for r in b.recommendations] == [r.direction for r in a.recommendations]
