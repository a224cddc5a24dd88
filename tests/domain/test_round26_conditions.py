"""A statement that goes on from the one before it keeps that statement's condition.

The hepatitis B guideline says "If the source patient is HBsAg-positive or has unknown HBsAg
status, the HCP should receive 2 doses of HBIG. The first dose should be administered as
soon as possible after the exposure, and the second dose should be administered 1 month
later." The labels count the two sentences as two statements; shown alone, the second told
every exposed reader to get a dose of immune globulin, in the summary too."""

from __future__ import annotations

import re

from domain.generation import OfflineProvider
from domain.model import PatientVersion
from domain.parsing import parse_guideline
from domain.render import to_markdown
from domain.voice import condition_lead
from tests.domain.conftest import corpus_file

HEPB = "cdc_health-care-personnel-hepatitis-b-protection_2013.md"
CONDITION = ("If the source person is HBsAg-positive or has unknown hepatitis B surface antigen "
             "status")


def _pvg(name: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(name), name))


def test_the_first_dose_of_hbig_is_only_given_on_the_sources_condition() -> None:
    page = to_markdown(_pvg(HEPB))
    reader = page.split("## Disclaimer", 1)[0]
    doses = [m.start() for m in re.finditer(r"give the first dose of hepatitis B immune globulin",
                                            reader)]
    assert doses, reader
    for at in doses:
        line = reader[reader.rfind("\n", 0, at) + 1:reader.find("\n", at)]
        if line.startswith("|"):  # the care-order table points to the advice, and says so
            assert "(only in some cases)" in line, line
            continue
        # the condition stands in the same block, on the line above or earlier on the line
        block = reader[reader.rfind("\n\n", 0, at):at]
        assert "HBsAg-positive or has unknown" in block, block


def test_the_summary_never_offers_the_dose_without_its_condition() -> None:
    pvg = _pvg(HEPB)
    assert pvg.summary
    for line in pvg.summary.split("\n"):
        if "immune globulin" in line:
            assert "HBsAg-positive" in line, pvg.summary


def test_a_sentence_that_goes_on_stays_under_the_condition() -> None:
    text = (f"{CONDITION}, your care team should give the first dose of hepatitis B immune "
            "globulin as soon as possible after the exposure. Also, your care team should give "
            "the second dose 1 month later. Keep your records.")
    laid = condition_lead(text)
    assert laid.split("\n")[:3] == [
        f"{CONDITION}:",
        "- Your care team should give the first dose of hepatitis B immune globulin as soon as "
        "possible after the exposure.",
        "- Also, your care team should give the second dose 1 month later.",
    ], laid
    assert laid.split("\n")[3] == "Keep your records.", laid
