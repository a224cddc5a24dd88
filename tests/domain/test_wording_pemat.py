"""What the PEMAT-P review of six patient versions found, each pinned so it cannot come back
(bench/results/pemat/: safety of the care-team section, reader-addressed advice, usable
numbers, a glossary that defines, informative headings, one "why" per strength, tools)."""

from __future__ import annotations

import re

import pytest

from domain import lexicon
from domain.generation import CARE_TEAM, KEY, QUESTIONS, TODO, OfflineProvider
from domain.model import Direction, ParsedGuideline, PatientVersion
from domain.numwords import say_comparators
from domain.page_plan import CARE_TEAM_PART
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.readability import score
from domain.reader import is_process
from domain.render import to_html, to_markdown
from tests.domain.conftest import corpus_file

PEMAT = {
    "uspstf": "uspstf_breast-cancer-screening_2016.md",
    "vadod": "va-dod_opioid-therapy-chronic-pain_2017.md",
    "nhlbi": "nhlbi_sickle-cell-health-maintenance_2014.md",
    "cdcphs": "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md",
    "cpstf": "cpstf_diet-physical-activity-diabetes-prevention_2015.md",
    "colorado": "colorado-dowc_complex-regional-pain-syndrome_2017.md",
}
_CACHE: dict[str, tuple[ParsedGuideline, PatientVersion]] = {}


def made(key: str) -> tuple[ParsedGuideline, PatientVersion]:
    if key not in _CACHE:
        name = PEMAT[key]
        guideline = parse_guideline(corpus_file(name), filename=name)
        _CACHE[key] = guideline, OfflineProvider().generate(guideline)
    return _CACHE[key]


def section(pvg: PatientVersion, heading: str) -> str:
    return next((s.body for s in pvg.sections if s.heading == heading), "")


# --- 1. safety: nothing a patient meets is hidden as care-team process ------------------------

def test_recipient_testing_and_its_timings_are_advice_not_process() -> None:
    _, pvg = made("cdcphs")
    key = section(pvg, KEY)
    assert "between one and three months after the transplant" in key
    assert "at 12 months after the transplant" in key
    # the care team's part names the time only beside the lab tests that make up the panel
    assert all("Tests sometime between one and three months" in line
               for line in section(pvg, CARE_TEAM_PART).splitlines()
               if "between one and three months" in line)


def test_naloxone_and_urine_tests_are_printed_with_the_advice() -> None:
    _, pvg = made("vadod")
    key = section(pvg, KEY)
    assert "naloxone" in key and "random urine drug testing" in key
    assert not section(pvg, CARE_TEAM)


def test_agency_notices_are_shown_whole_in_the_care_system_section() -> None:
    """A long guideline's page prints them, every word, in its part for the care team."""
    _, pvg = made("cdcphs")
    process = section(pvg, CARE_TEAM_PART)
    assert process.count("\n- ") >= 15
    assert "should tell:." not in process and not re.search(r":\.\s*$", process, re.MULTILINE)
    assert "(1) the Organ Procurement and Transplantation Network" in process
    headings = [s.heading for s in pvg.sections]
    assert headings.index(CARE_TEAM_PART) > headings.index(QUESTIONS), "process comes last"
    assert not section(pvg, CARE_TEAM)


# --- 2. the reader is addressed, condition first --------------------------------------------

def test_the_briefs_examples_are_said_to_the_reader() -> None:
    rw = Rewriter({"SCD": "sickle cell disease"})
    fever = rw.simplify("Remind people with SCD, their families, and caregivers to seek immediate "
                        "medical attention whenever fever (temperature greater than 101.3°F or "
                        "38.5°C) occurs.")
    assert fever.startswith("If you have sickle cell disease, you and your family or caregivers "
                            "should get medical help right away")
    choice = rw.simplify("Women who place a higher value on the potential benefit than the "
                         "potential harms may choose to begin biennial screening between the "
                         "ages of 40 and 49 years.")
    assert choice.startswith("If you are a woman who places a higher value on the possible good "
                             "effect than the possible harms, you may choose to begin screening")
    refer = rw.simplify("Refer people with suspected retinopathy to a retinal specialist.")
    assert refer == ("If you may have retinopathy, your care team should refer you to a retinal "
                     "specialist.")
    screen = rw.simplify("Screen all individuals with SCD, beginning by age 10, for proteinuria.")
    assert screen.startswith("If you have sickle cell disease, your care team should screen you")


def test_no_single_word_swap_that_breaks_grammar_or_meaning() -> None:
    table = {**lexicon.PLAIN_WORDS, **lexicon.LAY_TERMS}
    for word in ("suspected", "consideration", "objective", "functional", "especially",
                 "taper", "increase", "decrease", "information", "majority", "experienced",
                 "document", "procedure", "alternative", "maintenance", "whether"):
        assert word not in table, word
    out = Rewriter().simplify("Objective functional gains must be measured, with consideration for "
                              "tapering when an increase in dose is suspected of being harmful.")
    assert "aim" not in out.split() and "thought for" not in out and "a raise" not in out


def test_a_provider_is_your_care_team_only_as_a_whole_noun_phrase() -> None:
    rw = Rewriter()
    assert "A your care team" not in rw.simplify("A provider must describe the treatment.")
    assert "Credentialed your care team" not in rw.simplify(
        "Credentialed practitioners should be used when available.")


def test_the_reader_is_addressed_in_the_pemat_versions() -> None:
    for key in ("uspstf", "nhlbi", "cdcphs", "cpstf"):
        _, pvg = made(key)
        # A statement about deceased donors is about no reader: it stays third person.
        said = [r.text for r in pvg.recommendations if not is_process(r.source_text)
                and not re.search(r"\bdeceased\b", r.source_text)]
        share = sum(bool(re.search(r"\b(?:you|your)\b", t)) for t in said) / len(said)
        assert share >= 0.45, (key, share)


# --- 3. numbers a reader can use ----------------------------------------------------------

def test_comparators_are_said_in_words_with_the_digits_kept() -> None:
    assert say_comparators("125 mg for age <3 years and 250 mg for age ≥3 years") == (
        "125 mg for age under 3 years and 250 mg for age 3 years or older")
    assert say_comparators("a temperature ≥101.3°F (38.5°C)") == (
        "a temperature of at least 101.3°F (38.5°C)")
    assert say_comparators("conditional (170–199 cm/sec) or high (>200 cm/sec)") == (
        "conditional (170 to 199 cm/sec) or high (more than 200 cm/sec)")
    assert say_comparators("a complete, ≥3-dose series") == "a complete, ≥3-dose series"
    _, pvg = made("nhlbi")
    assert not re.search(r"[<>≤≥]\s?\d", " ".join(r.text for r in pvg.recommendations))


def test_age_schedules_become_a_table_that_renders_safely() -> None:
    _, pvg = made("uspstf")
    key = section(pvg, KEY)
    assert "| 50 to 74 | You are 50 to 74 years old |" in key and "| 75 or older |" in key
    html = to_html(pvg)
    table = html.split("<table>")[1].split("</table>")[0]
    assert "<th>Age</th>" in table and "<th>Who it is for</th>" in table and "|" not in table


def test_a_dose_in_morphine_equivalents_says_how_to_use_it() -> None:
    _, pvg = made("vadod")
    assert "Ask your care team what your daily dose equals in morphine" in section(pvg, KEY)


# --- 4. a glossary that defines ------------------------------------------------------------

def test_the_pemat_glossaries_define_what_the_reviewers_missed() -> None:
    terms = {e.term.lower(): e.meaning for e in made("nhlbi")[1].glossary}
    assert {"transcranial doppler", "retinopathy", "proteinuria", "splenectomy"} <= set(terms)
    assert "ib" not in {e.term.lower() for e in made("cdcphs")[1].glossary}
    breast = {e.term for e in made("uspstf")[1].glossary}
    assert {"BRCA1", "digital breast tomosynthesis", "dense breasts"} <= breast


# --- 5. order, headings, lead-ins ----------------------------------------------------------

def test_headings_name_the_topic_and_follow_the_guideline() -> None:
    _, pvg = made("nhlbi")
    key = section(pvg, KEY)
    topics = re.findall(r"^### (.+)$", key, re.MULTILINE)
    assert topics[:2] == ["Prevention of invasive pneumococcal disease",
                          "Screening for kidney disease"]
    assert "#### 1. Up to age 5: giving preventive penicillin" in key
    _, vadod = made("vadod")
    assert re.findall(r"^### (.+)$", section(vadod, KEY), re.MULTILINE) == [
        "Starting and continuing opioids", "Lowering risk",
        "Type, dose, check-up, and tapering opioids", "Opioid treatment for short-term pain"]


def test_a_lead_in_keeps_its_list() -> None:
    _, pvg = made("nhlbi")
    key = section(pvg, KEY)
    lead = key.index("refer for counseling about these:")
    assert key.index("Pregnancy in women with sickle cell disease is considered high risk") > lead
    assert "#### 30." in key[lead:] and key.index("#### 30.") > key.index("stillbirth")


def test_a_pronoun_is_resolved_from_its_section() -> None:
    _, pvg = made("colorado")
    page = "\n".join(s.body for s in pvg.sections)
    assert "Epidural infusions are not advised." in page
    assert "These are not advised." not in page


# --- 6. off-purpose content ---------------------------------------------------------------

def test_each_why_is_said_once_and_brand_lists_are_gone() -> None:
    for key in PEMAT:
        _, pvg = made(key)
        assert section(pvg, KEY).count("**Why:**") <= 4, key
    out = Rewriter().simplify("Propoxyphene (Darvon, Davon-N, PP-Cap) has been withdrawn.")
    assert out == "Propoxyphene has been withdrawn."


# --- 7. tools that fit ---------------------------------------------------------------------

def test_questions_and_checklist_come_from_the_advice() -> None:
    _, pvg = made("uspstf")
    questions = section(pvg, QUESTIONS)
    assert "mammogram" in questions and "(advice 1)" in questions
    _, nhlbi = made("nhlbi")
    steps = section(nhlbi, TODO)
    first = steps.split("\n- ")[1]
    assert first.startswith("\u2610 If you have sickle cell disease") and "right away" in first
    _, cpstf = made("cpstf")
    assert "a weight-loss goal" in section(cpstf, TODO)


def test_the_summary_puts_the_urgent_step_first() -> None:
    _, pvg = made("nhlbi")
    first = pvg.summary.split("\n- ")[1]
    assert "medical help right away" in first


# --- 8. readability of the advice -----------------------------------------------------------

@pytest.mark.parametrize("key", ["uspstf", "cpstf"])
def test_the_advice_of_short_guidelines_reads_at_grade_8(key: str) -> None:
    _, pvg = made(key)
    assert pvg.advice_readability is not None and pvg.advice_readability.fkgl <= 8
    assert score(to_markdown(pvg)).fkgl <= 6


def test_direction_signs_stay_with_every_block() -> None:
    _, pvg = made("uspstf")
    signs = re.findall(r"\*\*How strong:\*\* (\S+)", section(pvg, KEY))
    directions = [r.direction for r in pvg.recommendations]
    assert len(signs) == len(directions)
    assert signs.count("?") == directions.count(Direction.INSUFFICIENT)
