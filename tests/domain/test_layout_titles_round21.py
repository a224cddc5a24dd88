"""A block title never stops on a word that says nothing without what follows it
("Putting in place ways", "Tapering opioids in a way"), and how a thing is done ("in a way
that fits you") is not its topic."""

from __future__ import annotations

from domain.layout import block_title
from domain.model import Direction


def test_a_title_keeps_what_ways_are_for() -> None:
    title = block_title("Experts advise putting in place ways to lower risks when starting "
                        "long-term opioid therapy.", Direction.FOR)
    assert title == "Putting in place ways to lower risks", title


def test_a_title_leaves_out_how_it_is_done() -> None:
    title = block_title("Experts advise tapering opioids in a way that fits you. This is based "
                        "on risk check and your needs and situation.", Direction.FOR)
    assert title == "Tapering opioids", title


def test_such_as_still_cuts_a_title_after_measures() -> None:
    title = block_title("Experts advise regular screening for PTSD using proven measures such "
                        "as the PTSD checklist.", Direction.FOR)
    assert title is not None and not title.endswith("such"), title


def test_a_title_against_a_list_of_medicines_names_them_all() -> None:
    """Colorado chronic pain: "Not advised: magnesium" for advice against five medicines."""
    title = block_title("Experts advise against magnesium, benzodiazepines, neostigmine, "
                        "tramadol, and ketamine. This is due to lack of proven success and "
                        "safety.", Direction.AGAINST)
    assert title == ("Not advised: magnesium, benzodiazepines, neostigmine, tramadol, and "
                     "ketamine"), title
