"""Round-8 findings on the Colorado CRPS page, each as a general rule: a condition for a
treatment said as one, the treatments the evidence supports, the duties on long-term opioids
in the checklist, and thresholds a reader can place."""

from domain.model import ParsedGuideline
from domain.plain import Rewriter


def test_indicated_when_is_the_condition_for_offering_it_not_a_need() -> None:
    """"X is indicated when …" says when the care team may offer X: "Surgery is needed when"
    made it stronger than the source."""
    out = Rewriter().simplify("Operative treatment is indicated when the natural history of "
                              "surgically treated lesions is better than the natural history "
                              "for non-operatively treated lesions.")
    assert out.startswith("Your care team may offer surgery"), out
    assert "when the natural history of problems treated with surgery is better" in out
    assert "needed" not in out
    only = Rewriter().simplify("Re-operation is indicated only when the functional outcome "
                               "is expected to be better.")
    assert only == ("Your care team may offer re-operation. This applies only when the "
                    "functional outcome is expected to be better."), only


def test_the_terms_for_offering_a_treatment_are_labelled_as_terms_not_advice_for() -> None:
    """A compact point that gives the terms for a treatment reads "✔ When it is advised", not
    "✔ Advice for", so a condition is not taken for advice to have it."""
    from domain.legend import point_label
    from domain.model import Direction, PvgRecommendation

    def point(text: str) -> PvgRecommendation:
        return PvgRecommendation(
            id="R1", text=text, direction=Direction.FOR, source_text=text,
            strength="✔ Advice for. The experts advise this. They did not grade how sure "
                     "they are.")

    assert point_label(point("Your care team may offer surgery. This applies when the "
                             "pain lasts.")) == "✔ When it is advised"
    assert point_label(point("Your care team may offer re-operation. This applies only "
                             "when it helps.")) == "✔ When it is advised"
    assert point_label(point("Your care team may offer a biopsy only in cases of doubt.")) \
        == "✔ When it is advised"
    assert point_label(point("Your care team may offer acupuncture.")) == "✔ Advice for"


def _guideline(sections: list[tuple[str, str]]) -> ParsedGuideline:
    from domain.model import DocumentFormat, Section

    return ParsedGuideline(
        title="Complex regional pain syndrome/reflex sympathetic dystrophy medical treatment "
              "guideline.", format=DocumentFormat.MARKDOWN,
        sections=[Section(heading=h, level=4, text=t) for h, t in sections])


def test_graded_findings_that_a_treatment_helps_the_condition_are_kept_with_their_grade() -> None:
    """The treatments the evidence supports for the reader's own condition are named with
    how good the evidence is; a finding taken back, one about another condition and one about
    a treatment advised against are not."""
    from domain.evidence_found import found_helpful

    g = _guideline([
        ("Evidence Statements Regarding CRPS-Specific Medications: Oral Steroids",
         "Good Evidence\n\nThere is good evidence to support oral steroid use early in the "
         "course of CRPS (Design: **Randomized clinical trials**)."),
        ("Evidence Statements Regarding CRPS-Specific Medications: Bisphosphonates",
         "Good Evidence\n\nUse of bisphosphonates effectively decreases pain (Design: **Randomized"
         " clinical trial**).\n\nSome Evidence\n\nUse of bisphosphonates increases joint motion in"
         " patients with CRPS (Design: **Randomized clinical trial**)."),
        ("Evidence Statements Regarding CRPS-Specific Medications: Ketamine Hydrochloride",
         "Some Evidence\n\nIn CRPS I patients, low dose daily infusions of ketamine can provide "
         "pain relief compared to placebo."),
        ("Evidence Statements Regarding Yoga",
         "Strong Evidence\n\nYoga has small advantages in reducing low back pain."),
        ("Evidence Statements Regarding Epidural Infusions",
         "Some Evidence\n\nThere is high rate of infection (33%)."),
    ])
    found = found_helpful(g, {"CRPS": "complex regional pain syndrome"},
                          ["Experts advise against ketamine since less harmful treatments are "
                           "available."])
    assert found == [
        ("Oral Steroids", "Good",
         "There is good evidence to support oral steroid use early in the course of CRPS."),
        ("Bisphosphonates", "Good", "Use of bisphosphonates effectively decreases pain."),
        ("Bisphosphonates", "Some",
         "Use of bisphosphonates increases joint motion in patients with CRPS."),
    ]


def test_the_crps_page_names_the_treatments_the_evidence_supports() -> None:
    """Early oral steroids, bisphosphonates and mirror therapy were missing from the page while
    the drugs advised against were on it."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    part = page.split("## What studies found can help", 1)[1].split("\n## ", 1)[0]
    assert "oral steroid use early in the course of complex regional pain syndrome (good " \
           "evidence)" in part
    assert "bisphosphonates effectively decreases pain (good evidence)" in part
    assert "Mirror box treatment 30 minutes per day for 4 weeks" in part
    assert "after a broken wrist" in part
    assert "ketamine" not in part.lower()
    assert "not advice" in part
