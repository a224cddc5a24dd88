"""Round-8 findings on the Colorado CRPS page, each as a general rule: a condition for a
treatment said as one, the treatments the evidence supports, the duties on long-term opioids
in the checklist, and thresholds a reader can place."""

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
