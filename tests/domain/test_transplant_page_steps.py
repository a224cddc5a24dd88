"""The transplant page read as a donor, candidate or recipient reads it: lab and inventory
handling in the care-team part, a simple table, one short action per tick box."""

from __future__ import annotations

import re
from functools import lru_cache

from domain.generation import OfflineProvider
from domain.model import Direction, Strength
from domain.page_plan import Advice, _audience
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

_NAME = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"


@lru_cache(maxsize=1)
def _page() -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(_NAME), _NAME)))


def _reader_part() -> str:
    return _page().partition("## Disclaimer")[0]


def _audience_of(text: str) -> str:
    return _audience(Advice(0, text, Direction.FOR, Strength.STRONG, False, None)).name


def test_sample_collection_and_stored_tissue_handling_are_the_care_teams() -> None:
    """How many tubes are drawn and which stored vessels are set aside is lab and inventory
    work no donor or patient does: it belongs after the disclaimer, in full."""
    assert _audience_of(
        "For living donors, transplant candidates, and recipients, two blood samples should be "
        "collected when testing is planned—an EDTA plasma sample or serum sample for blood "
        "tests and a separate EDTA plasma sample for nucleic acid test.") == "CARE_TEAM"
    assert _audience_of(
        "All stored donated blood vessels from a donor found to be infected with HIV should be "
        "set aside right away and not released for clinical use. The exception is if the "
        "donated blood vessels are needed for the first transplant procedure in the "
        "recipient.") == "CARE_TEAM"
    # a test the reader goes through stays theirs
    assert _audience_of("If you are a recipient, you should get tested for HIV after the "
                        "transplant.") == "READER"
    assert _audience_of("Blood samples for your HIV test should be collected after your "
                        "last dose.") == "READER"
    reader, _, care = _page().partition("## Disclaimer")
    for words in ("two blood samples should be collected", "not released for clinical use"):
        assert words not in reader
        assert words in care


def test_handling_of_advice_moved_to_the_care_team_stays_inside_that_advice() -> None:
    """Advice printed in full after the disclaimer is not split into a "from the advice above"
    line that points below."""
    care = _page().partition("## Disclaimer")[2]
    whole = re.search(r"- \*\*(\d+)\.\*\* [^\n]*not released for clinical use[^\n]*", care)
    assert whole and "any remaining donated blood vessels should be disposed of" in whole.group(0)
    assert f"From advice {whole.group(1)}:" not in care


def _steps() -> list[str]:
    part = _page().split("## What you can do", 1)[1].split("\n## ", 1)[0]
    return [x.removeprefix("- \u2610 ") for x in part.splitlines() if x.startswith("- \u2610")]


def test_a_step_on_someone_elses_condition_is_one_ask_with_a_pointer() -> None:
    """A tick box that bundled an action, a condition on the donor, an exception and two
    pointers is one action: ask the care team whether the test is yours (the conditions stay
    in the advice)."""
    from domain.layout import one_action

    assert one_action(
        "If you are a transplant candidate, you should get tested before the transplant for "
        "hepatitis B or hepatitis C. It applies only when the donor (living or deceased) is "
        "known to be infected with hepatitis B or hepatitis C. Ask your care team if this is "
        "the case. There are exceptions: see advice 12.") == (
        "If you are a transplant candidate, ask your care team if you should get tested before "
        "the transplant for hepatitis B or hepatitis C (see 12).")
    assert one_action("If you have low back pain, you should continue normal daily "
                      "activities (see 1).") == ""
    steps = _steps()
    assert not any("this is the case" in s or "applies only" in s for s in steps)
    candidate = [s for s in steps if s.startswith("If you are a transplant candidate")]
    # the two near-identical candidate boxes are one, pointing to both advice
    assert candidate == ["If you are a transplant candidate, ask your care team if you should "
                         "get tested before the transplant for HIV, hepatitis B, and hepatitis "
                         "C (see 10 and 11)."]
    recipient = [s for s in steps if s.startswith("If you are a recipient")]
    assert recipient == ["If you are a recipient, ask your care team if you should get "
                         "hepatitis B, HIV, and hepatitis C testing after the transplant, and "
                         "when (see 12 to 14)."]
    for s in [*candidate, *recipient]:
        assert len(s.split()) <= 30


def _rows() -> list[list[str]]:
    key = _page().split("**When things happen:**", 1)[1].split("\n### ", 1)[0]
    return [[c.strip() for c in r.strip("|").split("|")] for r in key.splitlines()
            if r.startswith("| ") and not r.startswith("| When")]


def test_the_when_table_is_short_and_says_each_step_once() -> None:
    """The table had 14 rows, two at one time reading the same but for one phrase, and a row
    whose time was only when the lab's results are ready. Now rows whose lists nest are one,
    a results time is no row, and a long table keeps the reader's own steps and says where
    the rest are."""
    from domain.page_plan import merged_rows, timeline

    assert merged_rows([
        ("Before", "Candidate", "Get tested for HIV, hepatitis B, and hepatitis C (only in "
                               "some cases)", "11"),
        ("Before", "Candidate", "Get tested for hepatitis B or hepatitis C (only in some "
                               "cases)", "12")]) == [
        ("Before", "Candidate", "Get tested for HIV, hepatitis B, and hepatitis C (only in "
                               "some cases)", "11, 12")]
    assert timeline([
        (1, "You should get tested at 12 months after the transplant.", "Getting tested"),
        (2, "You should get counseling. The test results should be ready before the "
            "transplant.", "Getting counseling"),
        (3, "Your care team should see you sometime between one and three months after the "
            "transplant.", "Seeing your care team"),
        (4, "You should get a scan before the transplant.", "Getting a scan")]).count(
        "\n| ") == 4  # header rule and three rows: no row for when results are ready
    rows = _rows()
    assert 3 <= len(rows) <= 8
    assert len({tuple(r[:3]) for r in rows}) == len(rows)
    assert all(len(r[2].split()) <= 20 for r in rows)
    table = _page().split("**When things happen:**", 1)[1].split("\n### ", 1)[0]
    note = re.search(r"What your care team does or tells you, and when, is in advice ([\d, and]+)",
                     table)
    assert note
    shown = {n for r in rows for n in r[3].split(", ")}
    told = set(re.findall(r"\d+", note.group(1)))
    # every timed step of the reader's part is either a row or pointed to
    assert len(told) >= 4 and not shown & told


def test_weighing_accepting_and_refusing_an_offer_says_why_refusing_has_risks() -> None:
    """The candidate was told to weigh the risks of accepting and rejecting organs, but only
    the risks of accepting were named; the guideline's qualifying statement (far fewer
    organs than candidates) says why rejecting has risks too."""
    block = _reader_part().split(". Getting counseled to think", 1)[1].split("####", 1)[0]
    assert "risks of both accepting and rejecting organs" in block
    assert ("**Keep in mind:** There are far fewer organs available than candidates on the "
            "transplant list, so saying no to an organ has risks too.") in block
    assert _page().count("far fewer organs") == 1


def test_advice_for_all_donors_living_or_deceased_is_not_filed_under_living_donors() -> None:
    """"All would-be organ donors (living or deceased) should get tested …" sat under "If you
    are a living would-be donor": families asked about a deceased donor would not look
    there. It goes under its own topic."""
    from domain.page_plan import _wider

    readers = {"donor": "If you are a living would-be donor",
               "candidate": "If you are a transplant candidate"}
    assert _wider("All would-be organ donors (living or deceased) should get tested.", readers)
    assert not _wider("If you are a living would-be donor, you should get tested.", readers)
    assert not _wider("All would-be organ donors should get tested.", readers)
    living = _reader_part().split("### If you are a living would-be donor", 1)[1].split(
        "\n### ", 1)[0]
    assert "All would-be organ donors (living or deceased)" not in living
    assert "### Testing of living and deceased donors" in _reader_part()


def test_immunosuppression_says_where_the_weak_immune_system_may_come_from() -> None:
    """"due to a weak immune system" for "due to immunosuppression" did not tell a recipient
    that their anti-rejection medicines are the likely cause."""
    from domain.lexicon import LAY_TERMS

    assert "anti-rejection medicines" in LAY_TERMS["immunosuppression"]
    said = [line for line in _reader_part().splitlines()
            if "no antibodies on the test due to" in line]
    assert said and all("due to a weak immune system (for example from anti-rejection "
                        "medicines)" in line for line in said)


def test_who_it_is_for_names_those_asked_about_a_deceased_donor() -> None:
    """The page's advice speaks to next of kin asked about a deceased donor, but "Who it is
    for" named only the donors, living or deceased: the dead are no readers."""
    who = _reader_part().split("**Who it is for:**", 1)[1].split("**Who it is not for", 1)[0]
    assert "- People asked about a deceased donor (such as next of kin)." in who


def test_the_lab_tests_a_panel_includes_go_to_the_care_team_and_the_times_stay() -> None:
    """"… your testing sometime between one and three months after the transplant to include
    hepatitis B nucleic acid test and hepatitis B surface antigen, and at 12 months … to
    include antibody to hepatitis B surface antigen, anti-HBc, and either …" is lab detail a
    recipient does not need; when they are tested is theirs."""
    from domain.generation import _without_panels

    moved: list[str] = []
    said = _without_panels(
        "Your care team should do your testing sometime between one and three months after "
        "the transplant to include hepatitis B nucleic acid test and hepatitis B surface "
        "antigen, and at 12 months after the transplant to include anti-HBc (unless your own "
        "infection was recorded before the transplant).", moved)
    assert said == ("Your care team should do your testing sometime between one and three "
                    "months after the transplant, and at 12 months after the transplant "
                    "(unless your own infection was recorded before the transplant).")
    assert moved == ["Tests sometime between one and three months after the transplant: "
                     "hepatitis B nucleic acid test and hepatitis B surface antigen.",
                     "Tests at 12 months after the transplant: anti-HBc."]
    reader, _, care = _page().partition("## Disclaimer")
    assert "to include" not in reader
    assert "anti-HBc, and either hepatitis B nucleic acid test" in care


def test_the_legend_explains_only_the_signs_the_readers_page_uses() -> None:
    """"✔? Weak advice for: talk it over" was explained though every weak item is in the
    care team's part, after the disclaimer."""
    reader, _, care = _page().partition("## Disclaimer")
    assert "\u2714?" not in reader
    assert "\u2714? This is weak advice for" in care
