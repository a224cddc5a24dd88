"""A long page keeps the reader's part (title to the disclaimer) to what a reader needs:
what is said the same way for every item is said once."""

from __future__ import annotations

import re

import pytest

from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
GRADED = "uspstf_breast-cancer-screening_2016.md"


def _page(name: str) -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))


@pytest.fixture(scope="module")
def crps() -> str:
    return _page(CRPS)


def _reader(page: str) -> str:
    return page.split("\n## Disclaimer")[0]


def test_ungraded_page_says_once_that_advice_is_not_graded(crps: str) -> None:
    reader = _reader(crps)
    # A compact page says the blocks' common sign once above them; a block with another
    # sign keeps its line.
    assert "Each piece of advice below is advice for (✔) unless" in reader
    strength = re.findall(r"\*\*How strong:\*\* (.+)", reader)
    assert set(strength) <= {"✖ Advice against."}
    assert reader.count("not grade") == 1  # in the legend, before the first block
    assert reader.index("not grade") < reader.index("#### 1.")
    assert "the sign says only if the experts advise for or against it" in reader


def test_graded_page_keeps_its_full_strength_lines() -> None:
    reader = _reader(_page(GRADED))
    strength = re.findall(r"\*\*How strong:\*\* (.+)", reader)
    assert strength and all(len(s.split()) > 3 for s in strength)
    assert "not grade" not in reader


def _points_against(text: str) -> dict[int, list[str]]:
    """Each point against ("- **31.** ✖ …") with the lines under it."""
    found: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in text.splitlines():
        m = re.match(r"- \*\*(\d+)\.\*\* ✖", line)
        if m:
            current = found.setdefault(int(m.group(1)), [line])
        elif line.startswith("- ") or not line.startswith("  "):
            current = None
        elif current is not None:
            current.append(line)
    return found


def test_points_against_under_the_overview_are_a_few_words_each(crps: str) -> None:
    reader, after = _reader(crps), crps.split("\n## Disclaimer")[1]
    listed = reader.split("\n## More advice", 1)[1].split("**Advised against**", 1)[1]
    listed = listed.split("**Advised, on terms**", 1)[0]
    named = {int(n): line for line, n in re.findall(r"^  - (.+) \((\d+)\)$", listed,
                                                     re.MULTILINE)}
    assert len(named) >= 10
    # Every point against after the disclaimer is still named before it: no "do not" lost.
    full = after.split("## All the other advice, in full", 1)[1].split("\n## ", 1)[0]
    assert set(_points_against(full)) <= set(named)
    assert all(len(line.split()) <= 30 for line in named.values()), named
    # when it may still be done, in a few words; the terms themselves after the disclaimer
    assert named[58] == "Sympathectomy: only in some cases, on strict terms, needs prior approval"
    assert named[57] == "Intrathecal Drug delivery: only in rare cases"
    assert "Not if the proximal limb is involved." not in reader
    assert "proximal limb is involved" in full


def test_harm_findings_are_short_before_the_disclaimer_and_whole_after(crps: str) -> None:
    """A compact page (round 26) says the findings in plain sentences, no relative risk
    without its baseline (round 28: the absolute risks, as so many people); every finding,
    numbers and all, is after the disclaimer."""
    reader, after = _reader(crps), crps.split("\n## Disclaimer")[1]
    harms = reader.split("## What studies found can harm", 1)[1].split("\n## ", 1)[0]
    # the risks, the common side effects the findings name (round-13 raters), the absolute
    # risks (round-14 raters), the pointer
    assert len(re.findall(r"[.!?](?: |$)", harms.strip())) <= 8, harms
    assert "risk of death, long-term disability and addiction" in harms
    assert "after the disclaimer" in harms
    # the rise with the dose as a table of dose bands, beside the baseline (rounds 16, 17)
    assert ("| Your daily dose | Risk of death, compared with a dose under 20 MME a day |\n"
            "| --- | --- |\n| 20 to 50 MME | nearly 2 times as high |\n"
            "| 50 to 100 MME | may be more than 4 times as high |\n"
            "| over 100 MME | may be up to 7 times as high |") in harms
    assert "- The chance of fatal overdose in people with long-term pain is fairly low" in harms
    assert "69%" not in harms and "hundredfold" not in harms
    for said in ("higher risk of death of about 69%", "near tripling of the risk",
                 "as much as sevenfold", "as low as 0.04%", "triples the risk of opioid use",
                 "greater than 6.1%", "rough doubling of disability", "one hundredfold",
                 "most of which arises"):
        assert said in after, said


def test_a_clinicians_records_leave_the_readers_advice_for_the_care_team_part(
        crps: str) -> None:
    reader, after = _reader(crps), crps.split("\n## Disclaimer")[1]
    block = reader.split("#### 10. ", 1)[1].split("\n#### ", 1)[0]
    assert "clearly linked to gain of function, not just pain control." in block
    # The record is the care team's; what the reader is judged on stays (round 26).
    assert "should document" not in block
    assert "your care team checks your ability to do everyday things" in block
    assert "drive safely" in block
    # The reader's own steps in the same block stay.
    assert "sign the right opioid treatment agreement" in block
    assert "one prescribing doctor" in block
    full = after.split("## All the other advice, in full", 1)[1].split("\n## ", 1)[0]
    assert "not just pain control. All check-up visits should document" in full
    assert "  - drive safely" in full
