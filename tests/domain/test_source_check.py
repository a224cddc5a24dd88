"""Quality control reads the source a second way and finds what the parser missed."""

from __future__ import annotations

import re

import pytest

from domain.fidelity import added_numbers, lost_numbers
from domain.generation import OfflineProvider
from domain.model import QcOutcome, Severity
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.source_check import check_source
from tests.domain.conftest import corpus_file

GUIDELINES = [
    "uspstf_aspirin-primary-prevention-cvd-colorectal-cancer_2016.md",
    "va-dod_opioid-therapy-chronic-pain_2017.md",
    "nhlbi_sickle-cell-health-maintenance_2014.md",
    "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md",
    "colorado-dowc_complex-regional-pain-syndrome_2017.md",
]


def parsed(name: str):
    return parse_guideline(corpus_file(name), filename=name)


@pytest.mark.parametrize("name", GUIDELINES)
def test_every_candidate_of_a_clean_version_is_covered_or_classed(name: str) -> None:
    guideline = parsed(name)
    pvg = OfflineProvider().generate(guideline)
    verdicts = check_source(guideline, pvg)
    assert verdicts, "the source has recommendation-like statements"
    open_ = [v.candidate.text for v in verdicts if not v.covered_by and not v.not_advice]
    assert open_ == []
    assert any(v.not_advice for v in verdicts), "some candidates are classed as not advice"


@pytest.mark.parametrize("name", GUIDELINES)
def test_a_recommendation_the_parser_missed_is_flagged(name: str) -> None:
    """The parser-miss case: a statement removed from the parse, so from the PVG too."""
    guideline = parsed(name)
    missed = guideline.model_copy(deep=True)
    # The source pass reads labels, recommendation verbs and modal verbs, and lets a lead-in
    # ending in ":" go by design (it may only introduce its list): the statement removed is
    # the first from the middle on that it can read and that is not a lead-in.
    recs = missed.recommendations
    gone = recs.pop(next(
        i for i in range(len(recs) // 2, len(recs))
        if not re.search(r":\s*(?:\n|$)", recs[i].source_text) and (
            recs[i].grade or re.search(r"\b(?:should|must|recommend\w*)\b", recs[i].source_text,
                                       re.IGNORECASE))))
    pvg = OfflineProvider().generate(missed)
    report = check_quality(missed, pvg)
    assert report.outcome is QcOutcome.NEEDS_REVIEW
    flagged = [f for f in report.findings
               if f.check == "coverage" and "the source says" in f.message]
    assert flagged and all(f.severity is Severity.WARNING for f in flagged)
    assert any(gone.text.split()[2] in f.message for f in flagged)


def test_an_age_group_left_out_is_not_covered_by_its_neighbour() -> None:
    """USPSTF statements differ only in their ages: the numbers must match too."""
    name = "uspstf_aspirin-primary-prevention-cvd-colorectal-cancer_2016.md"
    guideline = parsed(name)
    missed = guideline.model_copy(deep=True)
    assert missed.recommendations[-1].grade == "I statement"
    missed.recommendations.pop()  # "… adults aged 70 years or older" (I statement)
    pvg = OfflineProvider().generate(missed)
    open_ = [v for v in check_source(missed, pvg) if not v.covered_by and not v.not_advice]
    assert [v.candidate.cue for v in open_] == ["label"]
    assert "70" in open_[0].candidate.text


def test_fidelity_reads_numbers_its_own_way() -> None:
    assert lost_numbers("every 2 years from age 50", "every two years from age 50") == []
    assert lost_numbers("every 2 years", "every 3 years") == ["2"]
    assert lost_numbers("if SBP <150 mmHg", "if SBP >150 mmHg") == ["<150"]
    assert lost_numbers("a ≥3-dose series", "a series of 3 doses or more") == []
    assert lost_numbers("HbA1c and PHQ-9 (see Table 3)", "HbA1c and PHQ-9") == []
    assert lost_numbers("2,300 mg", "2300 mg") == []
    assert added_numbers("biennial screening", "screening every 2 years") == []
    assert added_numbers("screen adults", "screen adults aged 40 to 70") == ["40", "70"]


def test_numbers_the_source_does_not_give_need_review() -> None:
    name = "uspstf_aspirin-primary-prevention-cvd-colorectal-cancer_2016.md"
    guideline = parsed(name)
    pvg = OfflineProvider().generate(guideline)
    bad = pvg.model_copy(deep=True)
    bad.recommendations[0].text += " Take it for 25 years."
    report = check_quality(guideline, bad)
    assert report.outcome is QcOutcome.NEEDS_REVIEW
    assert any("'25' is not in the source" in f.message for f in report.findings)


def test_an_unknown_label_sends_the_guideline_to_review() -> None:
    text = (b"# Flu shots\n\n## Recommendations\n\n- Adults aged 65 years or older should get a "
            b"flu shot every year. (Grade 2+)\n")
    guideline = parse_guideline(text, "flu.md")
    pvg = OfflineProvider().generate(guideline)
    report = check_quality(guideline, pvg)
    assert report.outcome is QcOutcome.NEEDS_REVIEW
    assert any("'Grade 2+' is printed but not understood" in f.message for f in report.findings)
