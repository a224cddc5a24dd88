"""An adjective said after its noun ("without symptoms") goes after a pair of groups, not
between them: NHLBI's "Do not screen asymptomatic children and adults with PFTs" had read
"children without symptoms and adults", advice against breathing tests for any adult."""

from __future__ import annotations

from domain.plain import Rewriter


def test_without_symptoms_goes_after_both_groups() -> None:
    said = Rewriter().simplify("Do not screen asymptomatic children and adults with "
                               "pulmonary function tests.")
    assert "children and adults without symptoms" in said, said
    assert "children without symptoms and adults" not in said, said


def test_one_group_still_takes_the_phrase_after_it() -> None:
    said = Rewriter().simplify("The USPSTF recommends screening asymptomatic adults for high "
                               "blood pressure.")
    assert "adults without symptoms" in said, said
