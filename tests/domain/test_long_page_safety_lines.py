"""Safety lines on a long page: what a reader must know before acting stays before the
disclaimer, said so that the reader sees whom it is for."""

from __future__ import annotations

import pytest

from domain import overview
from domain.generation import CONSIDER, OfflineProvider
from domain.model import PatientVersion
from domain.overview import Point
from domain.page_plan import MORE_ADVICE_FULL
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"


@pytest.fixture(scope="module")
def crps() -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS))


def _section(pvg: PatientVersion, heading: str) -> str:
    return next(s.body for s in pvg.sections if s.heading == heading)


def _reader(pvg: PatientVersion) -> str:
    return to_markdown(pvg).split("\n## Disclaimer")[0]


def test_a_caution_on_a_medicine_the_reader_part_never_names_stays_before_the_disclaimer(
        crps) -> None:
    """Reasons against tramadol (seizures, serotonin syndrome with antidepressants, prior
    opioid addiction, deaths) only after the disclaimer were missed by every reader; they
    stay under "Things to consider", led by a line saying whom they are for."""
    consider = _section(crps, CONSIDER)
    assert ("- If you are offered tramadol, tell your care team if any of these apply to "
            "you:\n") in consider
    for said in ("seizures more likely", "serotonin syndrome", "have had opioid addiction",
                 "linked to deaths"):
        assert said in consider
        assert said in _reader(crps)
    # printed once: not again after the disclaimer
    assert "Medical reasons against tramadol" not in _section(crps, MORE_ADVICE_FULL)


def test_a_point_against_that_lists_advised_ways_too_names_the_way_advised(crps) -> None:
    """Detox methods "✖ abrupt stopping and ✖ rapid detox" alone told the reader what not to
    do: the short list names the way advised too, and the whole list, each way with its
    reason, is after the disclaimer."""
    reader = _reader(crps)
    assert "✖ abrupt stopping and ✖ rapid detox" not in reader
    assert "(other ways it lists: slow but progressive taper; switching to a different " \
        "opioid medicine (buprenorphine/naloxone))" in reader
    after = to_markdown(crps).split("\n## Disclaimer", 1)[1]
    assert "10% of total dose per week" in after
    assert "high rate of relapse" in after


def test_a_topic_condition_line_is_printed_only_when_every_advice_of_the_topic_holds_it(
        ) -> None:
    """"Acupuncture: only if you have subacute or long-term pain (advice 23)" was wrong while
    advice 24 gives it also for short-term pain: a topic's condition line stands only for a
    condition every advice of that topic holds."""
    two = [Point(23, "Acupuncture", "Treatments", "", "", False,
                 "if you have subacute or long-term pain"),
           Point(24, "Acupuncture", "Treatments", "", "", False, "")]
    assert not any("only if" in x for x in overview.lines(two, "Full"))
    same = [Point(23, "Acupuncture", "Treatments", "", "", False, "if you have long pain"),
            Point(24, "Acupuncture", "Treatments", "", "", False, "if you have long pain")]
    assert any(x == "  - Acupuncture: only if you have long pain (advice 23, 24)."
               for x in overview.lines(same, "Full"))


def test_crps_overview_does_not_narrow_acupuncture_to_one_advices_condition(crps) -> None:
    assert "Acupuncture: only if" not in _reader(crps)


def test_therapeutic_procedures_keep_their_scope_as_getting_treatment(crps) -> None:
    """"Patients undergoing therapeutic procedure(s)" (the guideline's non-operative
    treatments, rehab included) read "If you have a procedure": a worker in therapy only took
    the light-duty advice as not for them. It reads "If you are getting treatment"."""
    from domain.plain import replace_terms

    assert replace_terms("Patients undergoing therapeutic procedure(s) should be released."
                         ) == "People getting treatment should be released."
    reader = _reader(crps)
    assert "If you are getting treatment" in reader
    assert "have a procedure" not in reader


def test_a_harm_finding_cut_short_keeps_each_sentence_that_sizes_the_harm() -> None:
    """The cut kept a finding's first sentence only, and lost "as much as one hundredfold …
    over 90 days" and heart deaths "in the first 180 days": a sentence with a number that
    sizes the harm (a fold, a percent, a time window) stays; one without goes."""
    from domain.evidence_found import short_finding

    finding = ("Short-term opioid use about triples the risk of opioid use disorder. "
               "Use for over 90 days is linked to risks as much as one hundredfold. "
               "The reasons are not well understood. "
               "The excess deaths mainly occur in the first 180 days.")
    said = short_finding(finding)
    assert "triples" in said and "one hundredfold" in said and "first 180 days" in said
    assert "not well understood" not in said


def test_crps_harm_findings_keep_their_strongest_numbers(crps) -> None:
    """Before the disclaimer a compact page says the findings in words (round 26); after it
    each finding keeps the numbers that size it."""
    reader = _reader(crps)
    harms = reader.split("## What studies found can harm", 1)[1].split("\n## ", 1)[0]
    assert "higher doses and longer use" in harms
    full = to_markdown(crps).split("**What studies found can harm, in full**", 1)[1]
    assert "one hundredfold" in full
    assert "first 180 days" in full
