"""Hard general words found on the corpus pages are said in everyday words of the same
meaning, or explained in Words to know with a named source."""

from __future__ import annotations

import pytest

from domain import lay_terms
from domain.glossary import build
from domain.plain import Rewriter
from domain.unexplained import find


@pytest.mark.parametrize(("source", "plain", "hard"), [
    ("There is some evidence that dextromethorphan does not potentiate the effect of morphine.",
     "does not strengthen the effect of morphine", "potentiate"),
    ("Practitioners may use treatment modalities sequentially or concomitantly depending on "
     "chronicity and complexity of the problem.",
     "in turn or together depending on how long the problem has lasted and how complex it is",
     "concomitantly"),
    ("Credentialed practitioners should be used when available.", "Certified", "Credentialed"),
    ("Clinicians should individualize the choice of counseling.", "tailor the choice",
     "individualize"),
    ("Patients should be educated about the detrimental effects of immobility.",
     "harmful effects of not moving", "detrimental"),
    ("The patient must understand that continuing the medicine is contingent on cooperation.",
     "depends on cooperation", "contingent"),
    ("Use validated liver iron quantification methods.", "liver iron measurement methods",
     "quantification"),
    ("The varicella vaccine is not safe to use during pregnancy.", "chickenpox vaccine",
     "varicella"),
    ("A visit with a bariatric surgical team should occur.", "weight-loss surgery team",
     "bariatric"),
    ("All patients being considered for surgery should first undergo a full exam.",
     "should first have a full exam", "undergo"),
    ("A psychosocial screening has been undergone.", "has been done", "undergone"),
    ("Patients may need further periodic testing.", "further regular testing", "periodic"),
    ("Discuss the general side effects and associated risks.", "related risks", "associated"),
    ("Candidates should discuss issues related to the associated risk of HIV.",
     "issues related to the risk of HIV", "associated"),
    ("Experts recommend investigating other health problems.", "looking into other health",
     "investigating"),
    ("Measure progress using validated tools.", "using proven tools", "validated"),
    ("Refer patients with recalcitrant leg ulcers.", "hard-to-treat leg ulcers",
     "recalcitrant"),
    ("List factors that precipitate or relieve the pain.", "bring on or relieve", "precipitate"),
    ("Refer patients with signs suggestive of pulmonary hypertension.",
     "signs that suggest pulmonary hypertension", "suggestive"),
    ("The check should include descriptors of the pain and its severity on a numerical scale.",
     "words that describe the pain", "descriptors"),
    ("We recommend assessing suicide risk and intervening when needed.",
     "stepping in when needed", "intervening"),
])
def test_hard_word_is_said_in_everyday_words(source: str, plain: str, hard: str) -> None:
    said = Rewriter().simplify(source, level=1)
    assert plain in said, said
    assert hard.lower() not in said.lower()


def test_a_phrase_with_its_own_wording_keeps_it() -> None:
    """"individualizing opioid tapering" is tapering fitted to you, not "tailoring tapering"."""
    said = Rewriter().simplify("We recommend individualizing opioid tapering.", level=1)
    assert "tapering opioids in a way that fits you" in said


@pytest.mark.parametrize("term", ["neurologically", "neuroscience", "ergonomist", "celecoxib",
                                  "metformin", "teratogenic"])
def test_medical_word_left_in_the_advice_is_explained_with_a_source(term: str) -> None:
    text = f"The advice names {term} once."
    assert term in find(text)
    entry = {e.term: e for e in build(text, {})}[term]
    assert entry.meaning and entry.source in {lay_terms.MEDLINEPLUS, lay_terms.NCI}
    assert find(text, [term]) == []
