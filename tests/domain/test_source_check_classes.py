"""The source pass of quality control does not take a name for advice: a topic "Use of X in
Y" is a noun, not the imperative "use"."""

from __future__ import annotations

from domain.generation import OfflineProvider
from domain.parsing import parse_text
from domain.source_check import check_source

DOC = """# G

## Major Recommendations

### Recommendations

1. Transfuse red blood cells before surgery. (**Strong Recommendation, Moderate-Quality Evidence**)
2. Follow an established monitoring protocol. (**Moderate Recommendation, Low-Quality Evidence**)
3. Match red cell units for C, E, and K antigens. (**Moderate Recommendation, Low-Quality Evidence**)

### Surgical Indications

Refer to the original guideline document for information on the following topics:

- Use of recombinant human bone morphogenetic protein in fusions
- Diagnostic indications for spinal fusion
"""  # noqa: E501


def test_a_topic_named_use_of_is_not_an_imperative_left_open() -> None:
    guideline = parse_text(DOC)
    pvg = OfflineProvider().generate(guideline)
    verdicts = check_source(guideline, pvg)
    open_ = [v.candidate.text for v in verdicts if not v.covered_by and not v.not_advice]
    assert open_ == []
    assert not any(v.candidate.text.startswith("Use of") for v in verdicts)


FINDINGS = """# G

## Major Recommendations

### Return to Work

Return to work should be addressed at the first visit and updated at each visit.

At least one study suggests that health status is worse for those who do not return to work than those who do.

### NSAIDs

The FDA advises that many NSAIDs may cause an increased risk of serious cardiovascular events.
"""  # noqa: E501


def test_a_single_study_and_a_reported_warning_are_findings_not_advice_left_open() -> None:
    guideline = parse_text(FINDINGS)
    pvg = OfflineProvider().generate(guideline)
    verdicts = check_source(guideline, pvg)
    open_ = [v.candidate.text for v in verdicts if not v.covered_by and not v.not_advice]
    assert open_ == []
    assert {v.not_advice for v in verdicts if not v.covered_by} == {"evidence finding"}
