"""Advice is said to the reader, and the page has the structure patient-versions.md asks for."""

from __future__ import annotations

import re

import pytest

from domain.generation import CARE_TEAM, KEY, WORDS, OfflineProvider
from domain.glossary import build
from domain.model import ParsedGuideline, PatientVersion, Strength
from domain.numbers import missing_numbers
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.quality import check_quality
from domain.readability import words
from domain.reader import address, is_process
from domain.summary import MAX_SUMMARY_WORDS, target
from tests.domain.conftest import corpus_file

AGENCIES = [
    "uspstf_lung-cancer-screening_2014.md",
    "uspstf_tobacco-smoking-cessation-adults_2015.md",
    "va-dod_opioid-therapy-chronic-pain_2017.md",
    "nhlbi_sickle-cell-acute-complications_2014.md",
    "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md",
    "cpstf_diet-physical-activity-diabetes-prevention_2015.md",
    "colorado-dowc_complex-regional-pain-syndrome_2017.md",
]
_ACRONYM = re.compile(r"(?<![\w.-])(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z])[A-Z][A-Za-z0-9-]*"
                      r"(?![\w-])")


@pytest.fixture(scope="module", params=AGENCIES)
def made(request: pytest.FixtureRequest) -> tuple[ParsedGuideline, PatientVersion]:
    name = request.param
    guideline = parse_guideline(corpus_file(name), filename=name)
    return guideline, OfflineProvider().generate(guideline)


def test_care_team_advice_becomes_what_you_can_expect() -> None:
    rw = Rewriter()
    assert rw.simplify("Clinicians should ask all adults about tobacco use.").startswith(
        "Your care team should ask")
    out = rw.simplify("In adults with asthma, rapidly initiate inhaled steroids.")
    assert out.startswith("Your care team should quickly start")
    assert address("Do not give opioids for acute pain.").startswith("Your care team should not")
    assert address("Use of opioids is linked to harm.").startswith("Use of opioids")


def test_the_patient_becomes_you() -> None:
    out = Rewriter().simplify("The patient should be told if the patient has HIV and the "
                              "patient's family agrees.")
    assert "patient" not in out
    assert "you have HIV" in out and "your family" in out


def test_process_statements_are_recognised() -> None:
    assert is_process("Use an individualized dosing protocol written by the SCD provider.")
    assert is_process("Health care systems should train staff in naloxone use.")
    assert not is_process("Offer yearly screening with low-dose CT to adults aged 55 to 80.")


def test_no_fragment_from_a_list_of_groups() -> None:
    out = Rewriter().simplify("Screen persons at high risk: people born in endemic countries; "
                              "men who have sex with men; and people who inject drugs.")
    assert "\n- men who have sex with men" in out
    assert not re.search(r"(?:^|\. )Men who have sex with men\.", out)


def test_no_the_patient_in_text_to_you(made: tuple[ParsedGuideline, PatientVersion]) -> None:
    _, pvg = made
    texts = [pvg.summary, *(r.text for r in pvg.recommendations),
             *(s.body for s in pvg.sections if s.heading != WORDS)]
    for text in texts:
        assert not re.search(r"\b(?:the|a) patient\b|\bpatients\b", text, re.IGNORECASE), text


def test_summary_first_short_and_for_the_target_population(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    guideline, pvg = made
    assert pvg.summary and len(words(pvg.summary)) <= MAX_SUMMARY_WORDS
    assert "It is for " in pvg.summary
    who = target(guideline)
    numbers = re.findall(r"\d+", who)
    assert all(n in pvg.summary for n in numbers[:2]), (who, pvg.summary)
    about = pvg.sections[0].body
    assert "signs of the illness" not in about
    assert "**Who it is for:**" in about and "**Who it is not for:**" in about


def test_glossary_covers_every_acronym_and_term_left(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    guideline, pvg = made
    listed = {e.term.lower() for e in pvg.glossary}
    advice = "\n".join(r.text for r in pvg.recommendations)
    for acronym in set(_ACRONYM.findall(advice)) - {"US"}:
        assert acronym.lower() in listed or any(acronym.lower() in t.split() for t in listed), \
            acronym
    words_to_know = next(s.body for s in pvg.sections if s.heading == WORDS)
    assert all(f"**{e.term}**" in words_to_know for e in pvg.glossary)
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if f.check == "jargon"], report.findings


def test_glossary_uses_the_documents_own_definitions() -> None:
    entries = build("Check the LABA dose and the XYZ level.", {"LABA": "long-acting beta2-agonist"})
    by_term = {e.term: e for e in entries}
    assert by_term["LABA"].meaning == "long-acting beta2-agonist."
    assert "without spelling it out" in by_term["XYZ"].meaning and by_term["XYZ"].source is None


def test_groups_strongest_first(made: tuple[ParsedGuideline, PatientVersion]) -> None:
    guideline, pvg = made
    rank = {Strength.STRONG: 0, Strength.MODERATE: 1, Strength.CONDITIONAL: 2,
            Strength.CONSENSUS: 3, Strength.UNGRADED: 4, Strength.INSUFFICIENT: 5}
    key = next(s.body for s in pvg.sections if s.heading == KEY)
    level = {f"Advice {i}": rank[r.strength_level] if r.direction.value != "insufficient"
             else 5 for i, r in enumerate(pvg.recommendations, 1)}
    for group in re.split(r"\n### ", key)[1:]:
        shown = [level[m] for m in re.findall(r"#### (Advice \d+)", group)]
        assert shown == sorted(shown), group[:80]
    firsts = [min(level[m] for m in re.findall(r"#### (Advice \d+)", g))
              for g in re.split(r"\n### ", key)[1:]]
    assert firsts == sorted(firsts)
    assert len(re.findall(r"#### Advice \d+", key)) + sum(
        s.body.count("**Advice ") for s in pvg.sections if s.heading == CARE_TEAM) == len(
        guideline.recommendations)


def test_numbers_kept_and_no_mechanical_defects(
    made: tuple[ParsedGuideline, PatientVersion],
) -> None:
    guideline, pvg = made
    for rec, out in zip(guideline.recommendations, pvg.recommendations, strict=True):
        assert not missing_numbers(rec.text, out.text), (rec.id, out.text)
    for text in [pvg.summary, *(r.text for r in pvg.recommendations)]:
        assert not re.search(r"\b(\w+) \1\b", text.replace("that that", "")), text
        assert not re.search(r"\s[.,;:](?:\s|$)", text), text
        assert not re.search(r"\b(\w+) of \1\b", text), text
