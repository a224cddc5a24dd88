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
    # Round 26: in plain words before the disclaimer (no relative risk without its
    # baseline), each finding with its numbers after it.
    assert "can raise the risk of death, long-term disability and addiction" in harms
    full = crps_page.split("**What studies found can harm, in full**", 1)[1]
    for said in ("risk of death of about 69%", "a dose of 20-50 morphine milligram "
                 "equivalents nearly doubles the risk "
                 "of death", "more than 7 days of opioids in the first 6 weeks",
                 "doubling of disability", "triples the risk of opioid use disorder"):
        assert said in full, said


def test_a_treatments_strict_terms_are_named_before_the_disclaimer_in_full_after_it(
        crps_page: str) -> None:
    """That a treatment advised against may still be done on strict terms is said before the
    disclaimer, in a few words; the terms, one line each, are after it."""
    reader = _reader_part(crps_page)
    assert "after the disclaimer.\n  - Take care" not in reader
    assert "  - Sympathectomy: only in some cases, on strict terms" in reader
    full = crps_page.split("\n## Disclaimer", 1)[1]
    point = full.split("Sympathectomy is usually not advised", 1)[1].split("\n- **", 1)[0]
    lines = [t.strip().removeprefix("- ") for t in point.split("\n")]
    assert any("CRPS-I in a single arm or leg" in t for t in lines), lines
    assert any("90% to 100% relief" in t for t in lines)
    assert any("proximal limb is involved" in t for t in lines)


def test_term_lines_drop_the_lead_in_the_heading_already_says() -> None:
    from domain.generation import _term_line

    assert _term_line("Reasons – CRPS-I in a single limb.") == "CRPS-I in a single limb."
    assert _term_line("Your care team should not do sympathectomy if the limb is "
                      "involved.") == "Not if the limb is involved."
    assert _term_line("Sympathectomy may be an option. This applies if you have short "
                      "relief.") == "You have short relief."


def test_what_must_be_met_before_starting_a_treatment_is_said_in_its_block(
        crps_page: str) -> None:
    """Advice 63 ("You should have met the rules for opioids … before beginning long-term
    opioids") stood only after the disclaimer: it is said in the block on long-term opioids,
    before the care it describes."""
    block = _reader_part(crps_page).split("#### 10. Opioid medicine care", 1)[1]
    block = block.split("\n#### ", 1)[0]
    assert block.lstrip().startswith("**Before you start:** You should have met the rules for "
                                     "opioids"), block[:200]
    assert block.index("Before you start") < block.index("Experts suggest this care")


def test_a_statement_of_how_seldom_a_thing_is_needed_is_not_labelled_advice_against() -> None:
    """"✖ Advice against: Devices … are rarely needed" read as "do not use a splint you were
    given": the point keeps its ✖ (the guideline says so) but says what it is."""
    from domain.legend import point_label
    from domain.model import Direction, PvgRecommendation

    def point(text: str) -> PvgRecommendation:
        return PvgRecommendation(
            id="R1", text=text, direction=Direction.AGAINST, source_text=text,
            strength="✖ Advice against. The experts advise against this. They did not grade "
                     "how sure they are.")

    assert point_label(point("Devices and adaptive equipment are rarely needed for people "
                             "with pain as motion is to be encouraged.")) \
        == "✖ Not usually needed"
    assert point_label(point("Fentanyl is not advised.")).endswith("Advice against")
    assert point_label(point("Inpatient programs are rarely needed but may be necessary for "
                             "some people.")).endswith("Advice against")


def test_the_crps_devices_point_says_not_usually_needed(crps_page: str) -> None:
    reader = _reader_part(crps_page)
    assert "  - Devices and adaptive equipment, for people with complex regional pain " \
        "syndrome: only in rare cases (37)" in reader
    assert "✖ Not usually needed: Devices and adaptive equipment are rarely needed" in crps_page
    assert "✖ Advice against: Devices" not in crps_page
