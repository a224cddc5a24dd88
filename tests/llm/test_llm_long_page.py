"""A long guideline's page through the language-model provider, answered over HTTP by the
local OpenAI-compatible stub: the same structure as the offline page (the advice acted on
first, an overview of the rest, the rest in full after the disclaimer, what studies found
can help), in the model's words, behind the same quality gates."""

from __future__ import annotations

import asyncio
import json
import re
from collections import Counter
from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr

from activities.llm import complete
from cpg2pvg.settings import Settings
from domain import evidence_found, llm
from domain.generation import NOTE, OfflineProvider
from domain.model import ParsedGuideline, PatientVersion, Severity
from domain.page_plan import AFTER_DISCLAIMER, MORE_ADVICE, MORE_ADVICE_FULL
from domain.parsing import parse_guideline
from domain.quality import check_quality
from tests.support.corpus import corpus_file
from tests.support.llm_stub import LlmStub, misbehave

# A long page with an overview and graded findings of what helps (the only corpus page with
# "What studies found can help"); and one whose advice the model words in fewer words than
# the offline page does (1,448 against 1,551, around the 1,500 that make a page long).
CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
HYPERTENSION = "va-dod_hypertension-primary-care_2014.md"
PARTS = {MORE_ADVICE, MORE_ADVICE_FULL, evidence_found.HEADING}


@pytest.fixture(scope="module", params=[CRPS, HYPERTENSION])
def name(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def guideline(name: str) -> ParsedGuideline:
    return parse_guideline(corpus_file(name).read_bytes(), filename=name)


@pytest.fixture(scope="module")
def answers(guideline: ParsedGuideline) -> Iterator[list[tuple[llm.Part, str]]]:
    """Every part of the plan asked of the stub server, one request each."""
    stub = LlmStub()
    settings = Settings(llm_api_key=SecretStr("sk-test-not-a-real-key"))

    async def ask() -> list[tuple[llm.Part, str]]:
        async with httpx.AsyncClient() as http:
            return [(part, (await complete(http, settings, stub.base_url, llm.request_body(
                guideline, "stub-model", part))).content) for part in llm.plan_parts(guideline)]

    try:
        got = asyncio.run(ask())
    finally:
        stub.close()
    # One request per part of the plan still: the advice in parts, then the overview.
    assert [r.part for r in stub.requests] == [p.name for p, _ in got]
    assert got[-1][0].kind == llm.OVERVIEW and len(got) > 2
    yield got


@pytest.fixture(scope="module")
def pvg(guideline: ParsedGuideline, answers: list[tuple[llm.Part, str]]) -> PatientVersion:
    return llm.to_patient_version(guideline, answers, "stub-model")


def _flat(markdown: str) -> str:
    """Text as read: no list marks, bold or signs, one space between words."""
    return " ".join(re.sub(r"\*\*|^\s*- |\u2716 ?", "", markdown, flags=re.MULTILINE).split())


def test_a_long_page_has_the_offline_pages_overview_and_findings_parts_in_its_places(
    name: str, guideline: ParsedGuideline, pvg: PatientVersion,
) -> None:
    """The overview and "What studies found can help" come before the disclaimer and the
    points in full after it, where the offline page puts them, however many words the model
    uses."""
    offline = [s.heading for s in OfflineProvider().generate(guideline).sections]
    headings = [s.heading for s in pvg.sections]
    assert [h for h in headings if h in PARTS] == [h for h in offline if h in PARTS]
    assert set(headings) >= (PARTS if name == CRPS else {MORE_ADVICE, MORE_ADVICE_FULL})
    note = headings.index(NOTE)
    assert headings.index(MORE_ADVICE) < note < headings.index(MORE_ADVICE_FULL)
    more = next(s.body for s in pvg.sections if s.heading == MORE_ADVICE)
    assert more.startswith("The guideline gives ") and f'"{MORE_ADVICE_FULL}"' in more


def test_every_recommendation_is_printed_in_full_in_the_models_words(
    pvg: PatientVersion,
) -> None:
    """Nothing lost: each piece of advice, as the model wrote it, is printed whole before the
    disclaimer or in the full list after it (once there, unless the guideline says the same
    thing twice), and the PVG says where."""
    headings = [s.heading for s in pvg.sections]
    before = _flat("\n".join(s.body for s in pvg.sections[:headings.index(NOTE)]))
    after = {s.heading: _flat(s.body) for s in pvg.sections if s.heading in AFTER_DISCLAIMER}
    same = Counter(_flat(r.text) for r in pvg.recommendations)
    placed = Counter(r.shown_under for r in pvg.recommendations)
    assert placed[MORE_ADVICE_FULL] > 12 and None not in placed
    for rec in pvg.recommendations:
        text = _flat(rec.text)
        if rec.shown_under in after:
            assert 1 <= after[rec.shown_under].count(text) <= same[text], rec.id
        else:
            assert text in before, rec.id


def test_the_long_page_passes_quality_control(guideline: ParsedGuideline,
                                              pvg: PatientVersion) -> None:
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if f.severity is Severity.ERROR]


def test_the_same_gates_reject_a_defective_part_of_a_long_page(
    guideline: ParsedGuideline, answers: list[tuple[llm.Part, str]],
) -> None:
    """The layout of a long page does not let a bad answer through: a part with a changed
    number or a dropped recommendation is named to be asked for again."""
    part = answers[1][0]
    for defect in ("change_number", "drop_recommendation"):
        spoiled = [(p, json.dumps(misbehave(json.loads(c), defect)) if p == part else c)
                   for p, c in answers]
        with pytest.raises(llm.InvalidAnswer) as error:
            llm.to_patient_version(guideline, spoiled, "stub-model")
        assert error.value.parts == [part.name]
