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


def test_if_you_heading_keeps_and_inside_a_noun_phrase() -> None:
    """'extra heart and blood vessel risk factors' is one condition: 'and' between nouns does
    not end it; 'and' before a verb ('and handle …') still does."""
    from domain.page_plan import _IF_YOU
    m = _IF_YOU.match("If you have extra heart and blood vessel risk factors, such as high fat:")
    assert m and m.group("who") == "extra heart and blood vessel risk factors"
    m = _IF_YOU.match("If you have diabetes and can take these medicines without side effects:")
    assert m and m.group("who") == "diabetes"
