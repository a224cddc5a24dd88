"""The medical words two patient-education raters found unexplained are now in "Words to know",
each with a short plain meaning and a named source, one entry per word."""

from __future__ import annotations

from functools import cache

import pytest

from domain import lay_terms
from domain.fidelity import added_numbers, lost_numbers
from domain.generation import OfflineProvider
from domain.glossary import build, defining_sentence, singular
from domain.model import PatientVersion
from domain.parsing import parse_guideline
from domain.plain import Rewriter
from domain.quality import check_quality
from domain.terms import TermMatcher
from domain.unexplained import unexplained
from tests.domain.conftest import corpus_file

CDC = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"
CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
NHLBI = "nhlbi_sickle-cell-health-maintenance_2014.md"
HCV = "uspstf_hepatitis-c-screening_2013.md"


@cache
def corpus_pvg(name: str) -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(name), name))


@pytest.mark.parametrize(("name", "terms"), [
    (CDC, {"anti-hiv 1/2", "ag/ab", "ab-negative", "anti-hbc", "anti-hcv",
           "hepatitis b surface antigen", "listing clinician", "organ recovery operation"}),
    (CRPS, {"fluoroscopy", "bleeding diatheses", "hematological conditions", "pneumothorax",
            "phrenic nerve paralysis", "cotinine", "ischemia", "buccally"}),
    (NHLBI, {"13-valent conjugate pneumococcal vaccine",
             "23-valent pneumococcal polysaccharide vaccine", "genotypes", "barrier methods"}),
    (HCV, {"sustained virologic response", "hematologic events"}),
])
def test_terms_the_raters_found_undefined_are_in_words_to_know(name: str, terms: set[str]) -> None:
    """Each is explained in Words to know, or spelt out from the document's own definition
    so that the advice no longer uses it."""
    pvg = corpus_pvg(name)
    listed = {e.term.lower() for e in pvg.glossary}
    advice = " ".join(r.text for r in pvg.recommendations).lower()
    left = {t for t in terms - listed if t in advice}
    assert not left, left


@pytest.mark.parametrize("name", [CDC, CRPS, NHLBI, HCV])
def test_the_raters_words_are_no_longer_found_unexplained(name: str) -> None:
    left = {u.term.lower() for u in unexplained(corpus_pvg(name))}
    assert not left & {"anti-hiv 1/2", "ag/ab", "ab", "ab-negative", "anti-hbc", "anti-hcv",
                       "fluoroscopy", "diatheses", "hematological", "pneumothorax", "phrenic",
                       "cotinine", "ischemia", "buccally", "genotypes", "polysaccharide",
                       "virologic", "hematologic"}


def test_a_lab_name_with_a_slash_is_read_as_one_term_and_said_in_words() -> None:
    """CDC-PHS: "anti-HIV 1/2" is the two types of HIV, said so; quality control reads the
    same two numbers in the source and in the patient wording."""
    matcher = TermMatcher(["anti-hiv 1/2", "hiv aids"])
    text = "Test for anti-HIV 1/2 now; HIV/AIDS care differs."
    assert [t for _, _, t in matcher.find(text)] == ["anti-hiv 1/2"]  # "/" only where listed
    source = "Donors should be tested for antibodies to HIV (i.e., anti-HIV 1/2)."
    said = Rewriter().simplify(source, level=1)
    assert "antibodies to HIV types 1 and 2" in said and "1/2" not in said
    assert lost_numbers(source, said) == [] and added_numbers(source, said) == []
    assert "anti-HIV 1/2" not in {e.term for e in build(said, {})}


def test_singular_and_plural_are_one_entry_and_quality_control_accepts_either() -> None:
    """The organ transplant page listed both "antibodies" and "antibody"."""
    pvg = corpus_pvg(CDC)
    stems = [singular(e.term) for e in pvg.glossary]
    assert len(stems) == len(set(stems))
    assert "antibody" in stems
    guideline = parse_guideline(corpus_file(CDC), CDC)
    jargon = [f for f in check_quality(guideline, pvg).findings if f.check == "jargon"]
    assert not [f for f in jargon if "antibod" in f.message]


@pytest.mark.parametrize(("term", "entry"), [
    (t, e) for t, e in {**lay_terms.KEEP, **lay_terms.ACRONYMS}.items()
])
def test_every_meaning_is_short_plain_and_sourced(term: str, entry: lay_terms.Entry) -> None:
    assert entry.source in lay_terms.SOURCES
    assert entry.meaning.endswith(".") and len(entry.meaning.split()) <= 30, term


def test_two_spellings_of_one_drug_class_are_one_entry() -> None:
    """The kidney disease page listed "angiotensin-converting enzyme inhibitor" twice, once
    with a hyphen for the space."""
    text = ("Start an angiotensin-converting-enzyme inhibitor. An angiotensin-converting "
            "enzyme inhibitor also helps the kidneys.")
    assert [e.term for e in build(text, {})] == ["angiotensin-converting-enzyme inhibitor"]


def test_drug_diversion_is_explained() -> None:
    """VA/DoD opioids: "drug diversion is a crime" did not say that it means giving or selling
    one's own pills to someone else."""
    text = "Drug diversion is a crime."
    entries = {e.term: e.meaning for e in build(text, {})}
    assert "someone it was not prescribed for" in entries["drug diversion"]


def test_crps_round6_words_are_plain_or_defined() -> None:
    """PEMAT round 6, items 3 and 4 (Colorado CRPS): "will negatively affect rehab", "further
    aggravates the pain presentation and promotes disability", "objective function of you",
    "before and before stopping the trial"; CRPS-I, spinal cord stimulation, non-malignant,
    Numerical Rating Score and distal undefined."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
    pvg = OfflineProvider().generate(parse_guideline(corpus_file(name), name))
    page = to_markdown(pvg)
    # The reader's part and the reader's other advice in full after it, not the care team's.
    patient = page.split("## For the care team")[0]
    for hard in ("negatively affect", "pain presentation", "promotes disability",
                 "objective function of you", "before and before stopping"):
        assert hard not in patient, hard
    assert "since not moving will harm rehab" in patient
    assert "makes the pain worse and adds to disability" in patient
    assert "your measured function" in patient
    assert "before the start and before the end of the trial" in patient
    assert ("Opioids held inside the cheek, other than buprenorphine, are not right for people "
            "whose pain is not caused by cancer") in patient
    assert "rarely needed for people with complex regional pain syndrome" in patient
    advice, words = patient.split("## Words to know")
    # A word met first after the disclaimer is explained in the list of the part it is in.
    words, after = words.split("## Disclaimer")
    advice += after.split("**Words used in this part:**")[0]
    words += after.partition("**Words used in this part:**")[2]
    # or in the "Words used here" line under the block that first uses it
    words += "\n".join(f"- **{e.term}**:" for e in pvg.glossary
                       if defining_sentence(e) in advice)
    for term in ("CRPS-I", "spinal cord stimulation", "non-malignant", "Numerical Rating Score",
                 "distal", "controlled substances"):
        # defined, or (round 7: "distal pain only") said in plain words instead
        assert f"- **{term}**:" in words or term not in advice, term
