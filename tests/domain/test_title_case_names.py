"""A list whose line breaks were lost is cut where a capital word follows a lower-case one;
a name in title case is one item, not one line a word. The VA/DoD suicide-risk page printed
"Post-Deployment / Health / Assessment/Post-Deployment / Health / Reassessment" as five
examples."""

from __future__ import annotations

from domain.lists import as_list


def test_a_title_case_name_is_not_cut_into_items() -> None:
    assert as_list("For example: Post-Deployment Health Assessment/Post-Deployment Health "
                   "Reassessment [PDHA/PDHRA].") is None


def test_a_list_whose_line_breaks_were_lost_is_still_cut() -> None:
    assert as_list("Treatments include: Acupuncture Physical therapy Massage.") == [
        "Treatments include:", "Acupuncture", "Physical therapy", "Massage"]
    assert as_list("For example: Mentally walking through the attempt Walking to the bridge "
                   "Handling the weapon.") == [
        "For example:", "Mentally walking through the attempt", "Walking to the bridge",
        "Handling the weapon"]
