"""Round-10 rater findings on the Colorado CRPS page, each as a general rule: what a reader
needs to decide on a treatment (its harms, its conditions) is before the disclaimer."""

from __future__ import annotations

import pytest

from domain.generation import OfflineProvider
from domain.model import DocumentFormat, ParsedGuideline, Section
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"


@pytest.fixture(scope="module")
def crps_page() -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS)))


def _reader_part(page: str) -> str:
    return page.split("## Disclaimer", 1)[0]


def _guideline(sections: list[tuple[str, str]]) -> ParsedGuideline:
    return ParsedGuideline(
        title="Complex regional pain syndrome medical treatment guideline.",
        format=DocumentFormat.MARKDOWN,
        sections=[Section(heading=h, level=4, text=t) for h, t in sections])


def test_graded_findings_of_harm_are_found_with_their_numbers_and_grade() -> None:
    """A finding that a treatment raises the risk of death, disability or a use disorder is
    kept as printed with its grade, with the absolute risk that sizes it; a finding that a
    treatment lowers disability is no harm."""
    from domain.evidence_found import found_harmful

    g = _guideline([
        ("Evidence Statements Regarding Opioids and Adverse Events",
         "Good Evidence\n\n- Treatment with long-acting opioids is associated with an "
         "increased risk of death of approximately 69%. Most patients were men "
         "(Design: **Cohort study**).\n\nSome Evidence\n\nA dose of 20-50 mg nearly doubles "
         "the risk of death. However, the absolute risk is fairly low, and may be as low as "
         "0.04% (Design: **Case-cohort study**)."),
        ("Evidence Statements Regarding Therapeutic Exercise",
         "Good Evidence\n\n- Exercise is more effective than rest in reducing disability "
         "(Design: **Randomized trial**)."),
    ])
    assert found_harmful(g) == [
        ("Opioids and Adverse Events", "Good", "Treatment with long-acting opioids is "
         "associated with an increased risk of death of approximately 69%."),
        ("Opioids and Adverse Events", "Some", "A dose of 20-50 mg nearly doubles the risk "
         "of death. However, the absolute risk is fairly low, and may be as low as 0.04%."),
    ]


def test_opioid_harm_findings_are_shown_before_the_disclaimer(crps_page: str) -> None:
    """The page called "less than 50 MME" a lower-risk plan and showed only findings of
    benefit: the source's findings of harm are shown too, in a section of their own."""
    reader = _reader_part(crps_page)
    assert "## What studies found can harm" in reader
    harms = reader.split("## What studies found can harm", 1)[1].split("\n## ", 1)[0]
    for said in ("risk of death of about 69%", "a dose of 20-50 mg nearly doubles the risk "
                 "of death", "more than 7 days of opioids in the first 6 weeks",
                 "doubling of disability", "triples the risk of opioid use disorder"):
        assert said in harms, said
