"""Phrases a reader of the sickle cell health maintenance page stumbled on in PEMAT round 6
(bench/results/pemat/nhlbi_sickle-cell-health-maintenance_2014.round6*.md, items 3 and 4),
each said plainly or defined, with nothing of the meaning lost."""

from __future__ import annotations

import pytest

from domain import lay_terms
from domain.plain import Rewriter

_RW = Rewriter({"SCD": "sickle cell disease", "HbSC": "hemoglobin SC"})


def said(text: str) -> str:
    return _RW.simplify(text)


def test_withholding_a_medicine_is_said_as_not_giving_it() -> None:
    out = said("Consider withholding penicillin prophylaxis from children with hemoglobin SC "
               "(HbSC) disease unless they have had a splenectomy.")
    assert "withholding" not in out
    assert "not giving preventive penicillin" in out
    assert "splenectomy" in out


def test_risk_counseling_for_people_of_childbearing_age_is_plain() -> None:
    out = said("Provide risk assessment and educational and health promotion counseling to all "
               "women and men of childbearing age to reduce reproductive risk.")
    assert "risk check and advice on staying healthy" in out
    assert "of an age to have children" in out
    assert "childbearing" not in out and "educational and health promotion" not in out


def test_a_specialist_in_regular_transfusions() -> None:
    out = said("Refer to a specialist with expertise in chronic transfusion therapy aimed at "
               "preventing stroke.")
    assert "a specialist in regular blood transfusions aimed at preventing stroke" in out
    assert "with skill in" not in out


def test_transfused_and_anticipating_pregnancy() -> None:
    out = said("Test women with SCD who have been transfused and are anticipating pregnancy "
               "for red cell alloantibodies.")
    assert "blood transfusions" in out and "planning a pregnancy" in out
    assert "transfused" not in out and "anticipating" not in out


def test_screening_measures_are_said_as_steps_taken_early() -> None:
    out = said("Screening may help to identify risk factors and early signs of complications in "
               "order to implement measures to reduce morbidity and mortality.")
    assert "to carry out measures" not in out
    assert "steps can be taken early" in out


@pytest.mark.parametrize(("source", "plain", "kept"), [
    ("an increased risk of death relative to women who do not have SCD",
     "compared with women who do not have", "relative"),
    # "relative to pregnancy" gives a time, not a comparison: it stays.
    ("Discuss the timing relative to pregnancy.", "relative to pregnancy", "compared"),
])
def test_relative_to_is_compared_with_only_between_groups(source: str, plain: str,
                                                          kept: str) -> None:
    out = said(source)
    assert plain in out and kept not in out


def test_newborn_withdrawal_is_not_said_twice() -> None:
    out = said("For women who require chronic opioid therapy during pregnancy, there is an "
               "increased risk of neonatal withdrawal in their newborns.")
    assert "drug withdrawal in their newborn babies" in out
    assert "newborn withdrawal" not in out


@pytest.mark.parametrize("term", ["combined hormonal birth control", "sterilization",
                                  "intrauterine implants"])
def test_birth_control_words_are_defined_with_a_source(term: str) -> None:
    entry = lay_terms.KEEP[term]
    assert entry.meaning and entry.source in lay_terms.SOURCES


def test_preconception_counseling_is_said_plainly() -> None:
    out = said("If pregnancy is desired, provide preconception counseling.")
    assert "preconception" not in out
    assert "counseling to get ready for a healthy pregnancy" in out
    assert lay_terms.source_of("preconception counseling") == lay_terms.MEDLINEPLUS


@pytest.mark.parametrize(("source", "plain", "gone"), [
    ("Screen all pregnant women for gestational diabetes mellitus at 24 to 28 weeks.",
     "gestational diabetes at 24 to 28 weeks", "mellitus"),
    ("Low-dose aspirin does not raise the risk of postpartum hemorrhage or fetal intracranial "
     "bleeding.", "heavy bleeding after giving birth", "postpartum"),
    ("Fetal harms such as intracranial bleeding and congenital anomalies were not seen.",
     "bleeding in the brain and birth defects", "congenital"),
])
def test_pregnancy_words_are_whole_phrase_lay_terms(source: str, plain: str, gone: str) -> None:
    out = said(source)
    assert plain in out and gone not in out


@pytest.mark.parametrize("term", ["gestational diabetes mellitus", "intracranial bleeding",
                                  "congenital anomalies", "postpartum hemorrhage"])
def test_pregnancy_phrases_cite_medlineplus(term: str) -> None:
    assert lay_terms.source_of(term) == lay_terms.MEDLINEPLUS


@pytest.mark.parametrize(("source", "plain"), [
    ("Screen for depression using a standardized tool.", "using a standard tool"),
    ("Harms include the time and expense of counseling.", "the time and cost of counseling"),
])
def test_plain_everyday_words(source: str, plain: str) -> None:
    assert plain in said(source)
