"""Medical words a lay reader would not know are found when nothing on the page explains them."""

from __future__ import annotations

import pytest

from domain.generation import OfflineProvider
from domain.model import Severity
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.unexplained import check_unexplained, find, is_lay_word
from tests.domain.conftest import corpus_file

# Words two patient-education raters found unexplained on the corpus pages.
RATED = [
    ("Use fluoroscopy to guide the needle.", "fluoroscopy"),
    ("Patients with bleeding diatheses should not have the block.", "diatheses"),
    ("Avoid the block in hematological conditions.", "hematological"),
    ("A pneumothorax is a rare harm of the block.", "pneumothorax"),
    ("The block may numb the phrenic nerve.", "phrenic"),
    ("Blocks of the brachial plexus are an option.", "brachial"),
    ("Urine cotinine tests show tobacco use.", "cotinine"),
    ("Cold can cause ischemia of the hand.", "ischemia"),
    ("The drug may be given buccally.", "buccally"),
    ("Vaccines differ between genotypes.", "genotypes"),
    ("Give the 23-valent pneumococcal vaccine.", "23-valent"),
    ("Give the polysaccharide vaccine.", "polysaccharide"),
    ("Treatment led to a sustained virologic response.", "virologic"),
    ("Treatment caused hematologic events.", "hematologic"),
    ("Test donors for anti-HBc and anti-HCV.", "anti-HBc"),
    ("Test donors for anti-HBc and anti-HCV.", "anti-HCV"),
    ("Use an HIV Ag/Ab mix test.", "Ag/Ab"),
    ("Recipients may remain Ab-negative after infection.", "Ab-negative"),
    ("Test for anti-HIV 1/2 before transplant.", "anti-HIV 1/2"),
]


@pytest.mark.parametrize(("text", "term"), RATED)
def test_words_raters_found_unexplained_are_found(text: str, term: str) -> None:
    assert term in find(text)


@pytest.mark.parametrize("text", [
    "You should talk with your doctor about whether this test is right for anyone in "
    "your family, because these tests could be re-evaluated during pregnancy.",
    "Non-drug treatments, such as breastfeeding support and over-the-counter pain "
    "medicine, should be offered toward the end of the visit.",
    "Ask Medicare whether Lyrica is covered.",  # names are not jargon
    # Everyday words the lexicon lacks as such: two words written as one, a known word
    # with a common ending.
    "Return to the jobsite after an evaluator checks that results are reproducible.",
])
def test_everyday_english_is_not_flagged(text: str) -> None:
    assert find(text) == []


def test_a_word_list_entry_explains_the_word_its_plural_and_phrases_holding_it() -> None:
    text = ("Check antibody levels and antibodies. The block may numb the phrenic nerve. "
            "Bleeding diatheses and opioid-related harms are rare.")
    assert find(text, ["antibodies", "phrenic nerve", "diathesis", "opioid"]) == []


def test_a_sentence_that_explains_the_word_itself_is_enough() -> None:
    assert find("A pneumothorax (a collapsed lung) is a rare harm.") == []
    assert find("Air around the lung (pneumothorax) is a rare harm.") == []
    assert find("A pneumothorax is a rare harm.") == ["pneumothorax"]


def test_a_word_list_term_written_with_a_dash_or_slash_explains_its_words() -> None:
    text = "Both the Ag/Ab test and serotonin\u2013norepinephrine reuptake inhibitors help."
    assert find(text) == ["Ag/Ab", "norepinephrine"]
    assert find(text, ["Ag/Ab", "serotonin\u2013norepinephrine reuptake inhibitor"]) == []
    spelt = "Start an angiotensin-converting-enzyme inhibitor."
    assert find(spelt) and find(spelt, ["angiotensin-converting enzyme inhibitor"]) == []


def test_dictionary_and_morphology_decide_lay_words() -> None:
    assert is_lay_word("breastfeeding") and is_lay_word("re-evaluated")
    assert not is_lay_word("cholecystectomy") and not is_lay_word("fluoroscopy")


def test_unexplained_words_are_minor_findings_that_hold_nothing_back() -> None:
    name = "uspstf_breast-cancer-screening_2016.md"
    guideline = parse_guideline(corpus_file(name), filename=name)
    pvg = OfflineProvider().generate(guideline)
    before = check_quality(guideline, pvg)
    worse = pvg.model_copy(update={"summary": pvg.summary + " Rarely, a pneumothorax happens."})
    after = check_quality(guideline, worse)
    found = [f for f in after.findings if "pneumothorax" in f.message]
    assert [(f.check, f.severity, f.target) for f in found] == [
        ("unexplained", Severity.INFO, "Summary")]
    assert after.outcome is before.outcome
    assert found[0] in check_unexplained(worse)
