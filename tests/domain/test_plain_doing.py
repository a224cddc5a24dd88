"""Clinicians' nouns for an act said as the act, as whole phrases, only where the meaning is
the same (VA/DoD opioids, PEMAT-P items 3 and 5: "Experts advise individualizing opioid
tapering", "implementing ways to lower risks", "engagement in substance use disorder
treatment")."""

from __future__ import annotations

from domain.plain import Rewriter


def test_individualizing_a_taper_is_tapering_in_a_way_that_fits_you() -> None:
    out = Rewriter().simplify("The Work Group recommends individualizing opioid tapering based "
                              "on risk assessment and patient needs and characteristics.")
    assert out.startswith("Experts advise tapering opioids in a way that fits you.")
    assert "individualiz" not in out


def test_implementing_ways_is_putting_ways_in_place() -> None:
    out = Rewriter().simplify("The Work Group recommends implementing risk mitigation "
                              "strategies upon initiation of long-term opioid therapy.")
    assert out == ("Your care team should put in place ways to lower risks when starting "
                   "long-term opioid treatment.")


def test_engagement_in_treatment_is_taking_part_in_it_and_nothing_else_moves() -> None:
    out = Rewriter().simplify(
        "For patients currently on long-term opioid therapy with evidence of untreated "
        "substance use disorder, the Work Group recommends close monitoring, including "
        "engagement in substance use disorder treatment, and discontinuation of opioid therapy "
        "for pain with appropriate tapering.")
    assert "including taking part in substance use disorder treatment, and stopping opioid" \
        in out
    # a choice that is individualised is tailored: the same meaning, in an everyday word
    kept = Rewriter().simplify("The Work Group recommends individualizing choice of the "
                               "appropriate treatment setting based on patient preference.")
    assert "tailoring choice of the right treatment setting" in kept
