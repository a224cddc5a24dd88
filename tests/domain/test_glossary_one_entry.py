"""One entry in Words to know for one meaning: a kept term that only adds a plain word to
another kept term with the same meaning ("hemoglobin SC disease", "hemoglobin SC") is read as
that term, and one illness has one name on a page."""

from __future__ import annotations

import re
from functools import cache

import pytest

from domain.generation import OfflineProvider
from domain.glossary import build
from domain.model import PatientVersion
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.quality import check_quality
from tests.domain.conftest import corpus_file

NHLBI = "nhlbi_sickle-cell-health-maintenance_2014.md"
TRANSFUSION = "nhlbi_sickle-cell-blood-transfusion_2014.md"
BACK = "colorado-dowc_low-back-pain_2014.md"


@cache
def made(name: str) -> tuple[PatientVersion, list[str]]:
    g = parse_guideline(corpus_file(name), name)
    pvg = OfflineProvider().generate(g)
    return pvg, [f.message for f in check_quality(g, pvg).findings if f.check == "jargon"]


def test_a_term_holding_another_kept_term_gives_one_entry() -> None:
    text = ("Withhold penicillin from children with hemoglobin SC disease. For example: "
            "hemoglobin SC. A blood transfusion or a transfusion may help. Get an MRI scan.")
    terms = [e.term for e in build(text, {})]
    assert terms == ["hemoglobin SC", "MRI", "transfusion"]  # and no "SC" of its own


def test_a_redundant_word_before_a_kept_name_is_dropped() -> None:
    said = Rewriter().simplify("Children with homozygous hemoglobin SS need penicillin.",
                               level=1)
    assert "hemoglobin SS" in said and "homozygous" not in said


def test_one_illness_is_said_with_one_name() -> None:
    said = Rewriter().simplify("Children who had invasive pneumococcal infection should get "
                               "the vaccine against invasive pneumococcal disease.", level=1)
    assert "invasive pneumococcal infection" not in said
    assert [e.term for e in build(said, {}) if "pneumococcal" in e.term] == [
        "invasive pneumococcal disease"]


@pytest.mark.parametrize("name", [NHLBI, TRANSFUSION, BACK])
def test_no_two_entries_on_a_page_hold_each_other_with_one_meaning(name: str) -> None:
    pvg, jargon = made(name)
    entries = [(e.term.lower(), e.meaning) for e in pvg.glossary]
    twins = [(a, b) for a, m in entries for b, n in entries
             if a != b and m == n and re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", b)]
    assert twins == []
    assert jargon == []  # quality control finds every term it knows explained
