"""Readability gains by general rules: a long drug-class name said by the short name a lay
dictionary uses, explained once in "Words to know"."""

from __future__ import annotations

from domain import lay_terms
from domain.glossary import build
from domain.plain import Rewriter
from domain.readability import score


def test_ace_inhibitor_is_said_by_its_lay_dictionary_name_and_explained() -> None:
    """"Angiotensin-converting enzyme inhibitor" is 14 syllables; MedlinePlus names the drugs
    "ACE inhibitors", the name a patient hears from the pharmacist."""
    source = ("Clinicians should use an angiotensin-converting enzyme inhibitor to slow the "
              "progression of kidney disease. Angiotensin-converting-enzyme inhibitors can "
              "cause a cough.")
    said = Rewriter().simplify(source, level=1)
    assert "angiotensin-converting" not in said.lower(), said
    assert "an ACE inhibitor" in said and "ACE inhibitors" in said, said
    assert score(said).fre > score(source).fre
    entries = {e.term.lower(): e for e in build(said, {})}
    assert "ace inhibitor" in entries or "ace inhibitors" in entries, entries
    entry = entries.get("ace inhibitor") or entries["ace inhibitors"]
    assert "blood pressure" in entry.meaning and entry.source == lay_terms.MEDLINEPLUS
    assert lay_terms.source_of("angiotensin-converting enzyme inhibitor") == lay_terms.MEDLINEPLUS


def test_a_lung_specialist_is_a_lung_doctor() -> None:
    """"Pulmonologist" (5 syllables) was left unexplained on the page; MedlinePlus says "lung
    doctor", as this page already says "kidney doctor" for a nephrologist."""
    source = "Patients should be referred to a pulmonologist. Pulmonologists may order tests."
    said = Rewriter().simplify(source, level=1)
    assert "pulmonologist" not in said.lower(), said
    assert "a lung doctor" in said and "Lung doctors" in said, said
    assert lay_terms.source_of("pulmonologist") == lay_terms.MEDLINEPLUS


def test_hypoxemia_is_said_as_low_blood_oxygen() -> None:
    """MedlinePlus says "low blood oxygen (hypoxemia)": plain words the reader needs no
    Words to know entry for, where "hypoxemia" is 5 syllables and one more word to learn."""
    source = ("Long-term oxygen therapy is recommended for patients with severe hypoxemia. "
              "Hypoxemia during sleep is common.")
    said = Rewriter().simplify(source, level=1)
    assert "hypoxemia" not in said.lower(), said
    assert "severe low blood oxygen" in said and "Low blood oxygen during sleep" in said, said
    assert not [e for e in build(said, {}) if "oxygen" in e.term.lower()]
    assert lay_terms.source_of("hypoxemia") == lay_terms.MEDLINEPLUS


def test_advice_against_a_thing_to_avoid_is_not_said_as_a_double_negative() -> None:
    """A sleep list item "Avoiding daytime napping." marked as advice against was printed
    "Experts advise against avoiding daytime napping": the opposite of the source."""
    from domain.generation import _as_statement
    from domain.model import Direction

    said = _as_statement("Avoiding daytime napping.", Direction.AGAINST)
    assert said == "Experts advise against daytime napping.", said
    said = _as_statement("Avoiding caffeinated beverages after lunchtime.", Direction.AGAINST)
    assert "against avoiding" not in said and "against caffeinated beverages" in said, said
    assert _as_statement("Avoiding daytime napping.", Direction.FOR) == \
        "Experts advise avoiding daytime napping."
