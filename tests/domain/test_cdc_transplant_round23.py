"""What the blind PEMAT-P rater of the CDC-PHS organ-transplant page found in round 8: a
grade code ("(Grade: IB.)") on every block that no reader can use, terms explained only at
the end of the page, passive "should be tested" lines, "these facts" with no facts said,
and no word that a donor's results come before the transplant."""

from __future__ import annotations

import re

from domain.generation import OfflineProvider
from domain.model import PatientVersion
from domain.page_plan import CARE_TEAM_GRADES, CARE_TEAM_PART
from domain.parsing import parse_guideline
from domain.render import to_html, to_markdown
from tests.domain.conftest import corpus_file

CDC = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"
VA = "va-dod_hip-knee-osteoarthritis_2014.md"


def _pvg(name: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(name), name))


def _reader(page: str) -> str:
    """The reader's part of a printed page: title to disclaimer."""
    return page.split("## Disclaimer", 1)[0]


def _after(page: str) -> str:
    return page.split("## Disclaimer", 1)[1]


def test_no_grade_code_on_the_readers_page_but_every_label_for_the_care_team() -> None:
    """A code such as "(Grade: IB.)" means nothing to a reader and distracts from the
    advice; the label as printed stays for health workers after the disclaimer and in the
    JSON, where quality control and the benchmark read it."""
    pvg = _pvg(CDC)
    page = to_markdown(pvg)
    assert "Grade" not in _reader(page), _reader(page)
    assert "(Grade: IB" not in _reader(page)
    after = _after(page)
    assert "The guideline's grades as printed" in after
    assert "- IB: advice 4 to 15, 17, 18, 20 to 22" in after, after
    assert "- ID: advice 1 to 3, 16, 19" in after, after
    # The care team's own duties keep their labels beside them.
    assert "(Grade: IIB)" in after
    assert {r.grade for r in pvg.recommendations} >= {"Category IB", "Category ID"}


def test_a_page_without_duties_gives_its_grades_in_a_part_for_the_care_team() -> None:
    """A short page has no part for the care team: the grades get one of their own, after
    the disclaimer and set apart by a rule, and out of the reader's readability figure."""
    pvg = _pvg(VA)
    assert CARE_TEAM_PART not in [s.heading for s in pvg.sections]
    page = to_markdown(pvg)
    assert "(Grade:" not in _reader(page)
    assert f"---\n\n## {CARE_TEAM_GRADES}" in page, _after(page)
    assert "EO: advice" in _after(page)
    assert '<section class="care-team">' in to_html(pvg)


def test_a_group_of_living_or_deceased_people_is_said_actively() -> None:
    """"All would-be organ donors (living or deceased) should be tested …" was passive: the
    group stays (the deceased donors are in the advice and are no reader), the step is said
    as one each of them takes."""
    from domain.voice import to_reader
    said = to_reader("All would-be organ donors (living or deceased) should be tested for "
                     "antibodies to HIV.")
    assert said == ("All would-be organ donors (living or deceased) should get tested for "
                    "antibodies to HIV."), said
    # A group of the dead only is left as it is.
    dead = "All deceased donors should be tested for antibodies to HIV."
    assert to_reader(dead) == dead


def test_the_donor_test_lines_are_active() -> None:
    """The summary line and advice 3, 21 and 22 of the CDC-PHS page."""
    page = _reader(to_markdown(_pvg(CDC)))
    assert "should be tested" not in page, [
        line for line in page.splitlines() if "should be tested" in line]
    assert "(living or deceased) should get tested for antibodies to HIV" in page


def test_the_risk_facts_of_the_consent_talk_are_said() -> None:
    """"Include these facts about the risk in the informed consent talk" never said which
    facts, in the block or the table: the facts are the donor's higher risk named in the
    same sentence."""
    pvg = _pvg(CDC)
    page = _reader(to_markdown(pvg))
    assert "these facts" not in page, [line for line in page.splitlines() if "these facts" in line]
    said = [line for line in page.splitlines() if "told that the donor is at higher risk for "
            "HIV, hepatitis B, or hepatitis C infection" in line or "tell you that the donor is "
            "at higher risk for HIV, hepatitis B, or hepatitis C infection" in line or "tell you "
            "(or your medical choice maker) that the donor is at higher risk" in line]
    # the two blocks and their titles (the table keeps the reader's own steps and points to
    # them)
    assert len(said) >= 4, said
    assert "- The transplant center team should tell you that the donor" in page


def test_an_if_then_sentence_is_laid_out_as_its_condition_and_the_advice() -> None:
    """Block 8 was one raw sentence, "If before transplant … then the transplant center team
    should …": the condition leads, the advice follows, as in block 7."""
    from domain.voice import condition_lead
    text = ("If before transplant it is known or expected that stored donated blood vessels "
            "(from a donor who is different from the donor of the main organ) may be used, "
            "and the donor is found to be at higher risk for HIV infection, then the "
            "transplant center team should tell you that the donor is at higher risk.")
    said = condition_lead(text)
    assert said.startswith("If before transplant it is known")
    assert said.endswith("HIV infection:\n- The transplant center team should tell you that "
                         "the donor is at higher risk."), said


def test_the_reader_learns_the_donor_results_come_before_the_transplant() -> None:
    """"Test results should be made available before transplant" was only in the care-team
    part: a candidate can expect the donor's results before the transplant, so the reader's
    advice says so where the donor tests are; the handling stays for the care team."""
    pvg = _pvg(CDC)
    page = to_markdown(pvg)
    block = page.split(". Getting tested for antibodies to HIV", 1)[1].split("####", 1)[0]
    # only the antibody results must be ready (PEMAT round 9: "test results" said more than
    # the source, whose nucleic acid test results may come after the transplant)
    assert "The donor's antibody test results should be ready before the transplant." in block
    assert "antibody and antigen test results should be ready" in page  # "Ab/Ag" (advice 22)
    assert "should be made available before transplant" in _after(page)
    assert "should be made available" not in _reader(page)


def test_the_summary_points_to_every_test_of_the_donor() -> None:
    """The summary's donor line pointed to advice 3, 21 and 22, not to advice 1 (the living
    donor's own tests within 28 days): a role inside the group ("living would-be donor" of
    "would-be organ donors") is the same group's testing."""
    summary = _pvg(CDC).summary
    page = _reader(to_markdown(_pvg(CDC)))
    hiv = re.search(r"#### (\d+)\. Getting tested for antibodies to HIV", page)
    assert hiv and f"(advice 1, {hiv.group(1)}, 21 and 22)." in summary


def test_walking_aids_are_not_the_late_stage_of_hiv() -> None:
    """"walking aids" was listed in "Words to know" as AIDS, "the late stage of HIV
    infection", and would be explained so where first used: a short form in capitals is
    matched in capitals only."""
    from domain.glossary import build
    assert "aids" not in {e.term.lower() for e in build("Use walking aids daily.", {})}
    assert "AIDS" in {e.term for e in build("HIV can lead to AIDS.", {})}
    page = to_markdown(_pvg(VA))
    assert "late stage of HIV" not in page


def test_quality_control_does_not_ask_to_define_walking_aids() -> None:
    """With "aids" out of the word list, quality control must not report it as a medical
    term left undefined."""
    from domain.quality import check_quality
    name = VA
    guideline = parse_guideline(corpus_file(name), name)
    report = check_quality(guideline, OfflineProvider().generate(guideline))
    assert not [f for f in report.findings if "'aids'" in f.message]
