"""Named terms stay whole and acronyms are spelt out only as the document defines them."""

from __future__ import annotations

import pytest

from domain import lay_terms, lexicon
from domain.glossary import EVERYDAY
from domain.plain import Rewriter
from domain.quality import NOT_JARGON


@pytest.mark.parametrize(("source", "kept"), [
    ("Offer cognitive behavioral therapy to adults with depression.",
     "cognitive behavioral therapy"),
    ("Consider mindfulness-based stress reduction for chronic pain.",
     "mindfulness-based stress reduction"),
    ("Treat acute chest syndrome with antibiotics.", "acute chest syndrome"),
    ("The drug is approved by the U.S. Food and Drug Administration for this use.",
     "U.S. Food and Drug Administration"),
    ("Aspirin lowers the risk of colorectal cancer.", "colorectal cancer"),
    ("Avoid doses above 90 morphine milligram equivalents a day.",
     "morphine milligram equivalents"),
    ("Injured workers qualify under Colorado's Workers' Compensation Act.",
     "Workers' Compensation Act"),
])
def test_named_terms_are_never_changed_word_by_word(source: str, kept: str) -> None:
    assert kept in Rewriter().simplify(source)


def test_dose_phrases_are_replaced_whole() -> None:
    out = Rewriter().simplify("Titrate dosage slowly to the lowest effective dose.")
    assert "dose of dose" not in out and "slowly adjust the dose" in out


def test_acronyms_come_only_from_the_document() -> None:
    text = ("Long-acting beta2-agonists (LABAs) help. Use morphine milligram equivalents (MME). "
            "Give tenofovir disoproxil fumarate (TDF)/emtricitabine (FTC) daily.")
    found = Rewriter.acronyms_from(text)
    assert found["LABA"] == "long-acting beta2-agonists"
    assert found["MME"] == "morphine milligram equivalents"
    assert "FTC" not in found, "no long form precedes FTC: it must not be guessed"
    out = Rewriter(found).simplify("Do not give LABAs alone. Check the FTC dose.")
    assert "long-acting beta2-agonists" in out and "FTC" in out and "fumarate" not in out


def test_an_undefined_acronym_is_left_as_it_is() -> None:
    assert "ACS" in Rewriter().simplify("Watch for ACS in every child.")


def test_no_space_before_punctuation_and_no_doubled_words() -> None:
    out = Rewriter().simplify("Men who have sex with men should be screened for HBV , yearly .")
    assert " ," not in out and " ." not in out
    rw = Rewriter({"CVD": "cardiovascular disease"})
    assert "vessel heart and blood" not in rw.simplify("Adults at risk of cardiovascular CVD "
                                                       "events should be screened.")


def test_every_curated_entry_cites_a_source() -> None:
    # Every cited source but "the guideline itself", which no curated entry may claim.
    sources = lay_terms.SOURCES - {lay_terms.GUIDELINE}
    assert all(e.source in sources for e in lay_terms.KEEP.values())
    assert all(e.source in sources for e in lay_terms.PHRASES.values())
    assert set(lexicon.LAY_SOURCES) == set(lexicon.LAY_TERMS)
    assert all(s in sources for s in lexicon.LAY_SOURCES.values())


def test_words_the_glossary_skips_are_words_quality_control_skips() -> None:
    assert EVERYDAY <= NOT_JARGON
