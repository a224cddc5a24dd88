from __future__ import annotations

import pytest

from domain.generation import OfflineProvider
from domain.model import QcOutcome, Severity
from domain.parsing import parse_guideline
from domain.quality import check_quality
from tests.domain.conftest import corpus_file
from tests.domain.defects import DEFECTS

FILES = [
    "uspstf_breast-cancer-screening_2016.md",
    "uspstf_lung-cancer-screening_2014.md",
    "va-dod_hypertension-primary-care_2014.md",
    "nhlbi_sickle-cell-health-maintenance_2014.md",
    "cpstf_team-based-care-blood-pressure_2014.md",
    "va-dod_overweight-obesity_2014.md",
]

EXPECTED = {
    "drop_recommendation": QcOutcome.FAIL,
    "change_number": QcOutcome.FAIL,
    "flip_direction": QcOutcome.FAIL,
    "drop_negation": QcOutcome.FAIL,
    "remove_disclaimer": QcOutcome.NEEDS_REVIEW,
    "put_jargon_back": QcOutcome.NEEDS_REVIEW,
    "weaken_strength": QcOutcome.FAIL,
    "drop_section": QcOutcome.NEEDS_REVIEW,
    "flip_comparator": QcOutcome.FAIL,
}


@pytest.fixture(scope="module", params=FILES)
def clean(request: pytest.FixtureRequest):
    name = request.param
    guideline = parse_guideline(corpus_file(name), filename=name)
    return guideline, OfflineProvider().generate(guideline)


def test_clean_versions_pass(clean) -> None:
    guideline, pvg = clean
    report = check_quality(guideline, pvg)
    assert report.outcome is QcOutcome.PASS, report.findings
    assert report.readability == pvg.readability
    assert report.source_readability is not None and report.readability is not None
    assert report.source_readability.fkgl > report.readability.fkgl + 4
    assert all(f.severity is not Severity.ERROR for f in report.findings)


def test_injected_defects_are_caught(clean) -> None:
    """Every defect that applies to this version (some need an 'against' statement or a
    comparator the version may not have) is caught with the outcome it deserves."""
    guideline, pvg = clean
    for defect, damage in sorted(DEFECTS.items()):
        bad = damage(pvg)
        if bad is None:
            continue
        report = check_quality(guideline, bad)
        assert report.outcome is EXPECTED[defect], (defect, report.findings)
        problem = [f for f in report.findings if f.check != "readability"]
        assert problem and all(f.target and f.message for f in problem), defect


def test_every_defect_applies_to_some_version() -> None:
    """So that the test above exercises each defect at least once."""
    versions = []
    for name in FILES:
        guideline = parse_guideline(corpus_file(name), filename=name)
        versions.append(OfflineProvider().generate(guideline))
    for defect, damage in DEFECTS.items():
        assert any(damage(pvg) is not None for pvg in versions), defect


def test_findings_name_the_recommendation() -> None:
    name = "va-dod_hypertension-primary-care_2014.md"
    guideline = parse_guideline(corpus_file(name), filename=name)
    pvg = OfflineProvider().generate(guideline)
    bad = pvg.model_copy(deep=True)
    rec = next(r for r in bad.recommendations if "2300" in r.text)
    rec.text = rec.text.replace("2300", "2,400")
    report = check_quality(guideline, bad)
    assert report.outcome is QcOutcome.FAIL
    numbers = [f for f in report.findings if f.check == "fidelity"]
    assert numbers[0].target == rec.id and "2300" in numbers[0].message


def test_thousands_separator_is_not_a_change() -> None:
    name = "va-dod_hypertension-primary-care_2014.md"
    guideline = parse_guideline(corpus_file(name), filename=name)
    pvg = OfflineProvider().generate(guideline)
    ok = pvg.model_copy(deep=True)
    rec = next(r for r in ok.recommendations if "2300" in r.text)
    rec.text = rec.text.replace("2300", "2,300")
    assert check_quality(guideline, ok).outcome is QcOutcome.PASS


def test_hard_to_read_text_goes_to_review_not_to_failure() -> None:
    """Readability over the hard limits needs a person; only broken fidelity fails."""
    name = "uspstf_lung-cancer-screening_2014.md"
    guideline = parse_guideline(corpus_file(name), filename=name)
    pvg = OfflineProvider().generate(guideline)
    hard = pvg.model_copy(deep=True)
    for s in hard.sections:
        s.body = " ".join(r.text for r in guideline.recommendations) * 3
    report = check_quality(guideline, hard)
    assert report.outcome is QcOutcome.NEEDS_REVIEW
    assert any(f.check == "readability" and f.severity is Severity.WARNING
               and "hard limit" in f.message for f in report.findings)
    assert not [f for f in report.findings if f.severity is Severity.ERROR]


def test_chinese_versions_use_chinese_measures() -> None:
    data = "# 高血压指南\n\n## 推荐意见\n\n成人应当每年测量一次血压。\n\n不推荐常规使用某种药物。\n"
    guideline = parse_guideline(data.encode(), "zh.md")
    pvg = OfflineProvider().generate(guideline)
    report = check_quality(guideline, pvg)
    assert report.readability is None and report.source_readability is None
    assert report.outcome is not QcOutcome.FAIL, report.findings
    bad = pvg.model_copy(deep=True)
    bad.recommendations[1].direction = bad.recommendations[0].direction
    assert check_quality(guideline, bad).outcome is QcOutcome.FAIL


def test_number_comparison_normalises_form_but_not_value() -> None:
    from domain.numbers import clinical_numbers, missing_numbers

    assert clinical_numbers("at least two doses of 1,000 mg, ≥ 160 mmHg") == ["1000", "≥160", "2"]
    assert not missing_numbers("two or three times a day", "2 or 3 times a day")
    assert missing_numbers("every 2 years", "every 3 years") == ["2"]
    assert missing_numbers("below <150 mmHg", "below >150 mmHg") == ["<150"]
    assert not missing_numbers("HbA1c and PHQ-2 (see Table 3)", "HbA1c and PHQ-9")


def test_a_comparator_glued_to_its_measure_is_checked() -> None:
    """VA/DoD overweight: "to patients over age 65 or with a BMI<35 kg/m²" printed as
    "BMI>35" passed quality control: the comparator after a letter was not read, so both
    sides counted a bare 35."""
    name = "va-dod_overweight-obesity_2014.md"
    guideline = parse_guideline(corpus_file(name), filename=name)
    pvg = OfflineProvider().generate(guideline)
    bad = pvg.model_copy(deep=True)
    hit = next(r for r in bad.recommendations if "BMI<35" in r.text)
    hit.text = hit.text.replace("BMI<35", "BMI>35")
    report = check_quality(guideline, bad)
    assert report.outcome is QcOutcome.FAIL
    assert any(f.check == "fidelity" and "35" in f.message for f in report.findings)
