"""Patient wording: lettered lists kept apart, names kept whole in titles, the reader addressed."""

from domain.generation import _with_list
from domain.model import Recommendation


def test_lettered_items_under_a_bullet_stay_a_list() -> None:
    """'- a. …' items run into one sentence when the letter is sought in the parsed text."""
    source = ("The group recommends using the following for those starting on combination"
              " therapy:\n"
              "    - a. Angiotensin-converting-enzyme inhibitors (ACEIs) (but not together)\n"
              "    - b. Long-acting dihydropyridine calcium channel blockers (CCBs)\n")
    text = ("The group recommends using the following for those starting on combination therapy: "
            "Angiotensin-converting-enzyme inhibitors (ACEIs) (but not together) "
            "Long-acting dihydropyridine calcium channel blockers (CCBs)")
    out = _with_list(Recommendation(id="1", text=text, source_text=source))
    assert out.splitlines()[1:] == [
        "- Angiotensin-converting-enzyme inhibitors (ACEIs) (but not together)",
        "- Long-acting dihydropyridine calcium channel blockers (CCBs)",
    ]


def test_direct_acting_drug_class_is_not_an_order() -> None:
    """'Direct acting vasodilators' names drugs: 'direct' is half of a compound adjective."""
    from domain.reader import address
    assert address("Direct acting vasodilators (e.g., hydralazine, minoxidil)") == (
        "Direct acting vasodilators (e.g., hydralazine, minoxidil)")
    assert address("Direct the person to the clinic.").startswith("Your care team should direct")
