"""A "What you can do" step reads as a step to take ("Raise your activity …"), not as advice
reported ("You should raise your activity …"): PEMAT-P item 22."""
import re

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"


def test_a_checklist_step_is_said_as_a_step_to_take() -> None:
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS)))
    todo = page.split("## What you can do")[1].split("\n## ")[0]
    assert "\u2610 You should" not in todo
    assert "\u2610 Raise your activity as your core strength improves (see 4)." in todo
    assert re.search(r"\u2610 Avoid stopping work completely, if possible \(see \d+\)\.", todo)


def test_a_number_note_follows_the_number_before_a_caution() -> None:
    """"Take care" between the 50 MME line and its "How to use this number" note broke the
    note from the number it explains (PEMAT-P item 10)."""
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS)))
    block = page.split("#### 10. ")[1].split("\n#### ")[0]
    assert block.index("**How to use this number:**") < block.index("**Take care:**")


def test_each_duty_in_a_list_of_care_is_a_step_of_its_own() -> None:
    """Three duties run into one 77-word line ("sign …; understand …; get them …") were not
    steps a reader could tick one by one (PEMAT-P item 22)."""
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS)))
    steps = [s for s in page.split("## What you can do")[1].split("\n## ")[0].splitlines()
             if s.startswith("- \u2610")]
    cond = "- \u2610 If you are taking opioids long-term: "
    assert f"{cond}sign the right opioid treatment agreement with your doctor for giving the " \
           "opioids (see 10)." in steps
    assert f"{cond}get them through one prescribing doctor (see 10)." in steps
    assert not any("; get them" in s for s in steps)
