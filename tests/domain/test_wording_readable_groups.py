"""Who advice is for, said with everyday words after the group: "noninstitutionalized
postmenopausal women" (seven and five syllables) are "women after menopause who live at home"."""

from __future__ import annotations

import pytest

from domain.plain import Rewriter
from domain.readability import score


def said(text: str) -> str:
    return Rewriter({"USPSTF": "U.S. Preventive Services Task Force"}).simplify(text)


@pytest.mark.parametrize(("source", "plain"), [
    ("The USPSTF recommends against daily supplementation with 400 IU or less of vitamin D3 "
     "for the primary prevention of fractures in noninstitutionalized postmenopausal women.",
     "woman after menopause who lives at home"),
    ("This recommendation applies to noninstitutionalized or community-dwelling asymptomatic "
     "adults without a history of fractures.", "adults without symptoms who live at home"),
    ("Falls in community-dwelling older adults are common.", "older adults who live at home"),
])
def test_living_at_home_is_said_after_the_group(source: str, plain: str) -> None:
    out = said(source)
    assert plain in out
    assert "institutionalized" not in out and "community-dwelling" not in out
    assert ("400 IU" in out) == ("400 IU" in source)


@pytest.mark.parametrize(("source", "plain"), [
    ("The current evidence is insufficient to assess the balance of benefits and harms of "
     "calcium for the primary prevention of fractures in premenopausal women or in men.",
     "women before menopause or men"),
    ("In premenopausal women and in men, the current evidence is insufficient to determine "
     "the effect of calcium on the incidence of fractures.", "women before menopause and men"),
])
def test_two_groups_stay_two_groups_in_plain_words(source: str, plain: str) -> None:
    out = said(source)
    assert plain in out
    assert "premenopausal" not in out and "in men" not in out


def test_the_plain_group_reads_at_a_lower_grade() -> None:
    source = ("The USPSTF recommends against daily supplementation with 400 IU or less of "
              "vitamin D3 for the primary prevention of fractures in noninstitutionalized "
              "postmenopausal women.")
    before = "Experts advise against daily supplements with 400 IU or less of vitamin D3. " \
             "The aim is to prevent broken bones in noninstitutionalized women after menopause."
    assert score(said(source)).fkgl < score(before).fkgl - 1
