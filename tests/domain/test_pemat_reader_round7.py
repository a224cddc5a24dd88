"""Round-6 PEMAT findings on the VA/DoD opioid and CDC-PHS transplant pages: advice said to
the person it is about, in the words and order a patient reads."""

from __future__ import annotations

from domain.plain import Rewriter


def test_a_test_after_the_transplant_is_said_to_the_recipient() -> None:
    """CDC-PHS round 6 (item 21): "After the transplant, recipients should get hepatitis B
    testing." stayed in the third person while the HIV block beside it said "If you are a
    recipient, you should get HIV testing after the transplant."; the time now follows the
    test, so every such sentence is said to the recipient, with its condition kept."""
    rw = Rewriter({"HBV": "hepatitis B virus", "HCV": "hepatitis C virus"})
    out = rw.simplify(
        "Posttransplant HCV testing of recipients should be conducted when the donor (living "
        "or deceased) meets any of the following conditions: (1) identified as being at "
        "increased risk for HCV infection, (2) screening specimens are hemodiluted.")
    assert out.startswith("If you are a recipient, you should get hepatitis C testing after "
                          "the transplant. This applies when the donor (living or deceased) "
                          "meets any of these conditions:")
    assert "recipients should" not in out
