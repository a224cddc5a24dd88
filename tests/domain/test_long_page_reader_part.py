"""A long page's reader part (title to disclaimer) keeps what the reader needs and says it
so that a reader can act on it; what is cut from it is printed in full after the disclaimer."""

from __future__ import annotations

import re

import pytest

from domain.generation import CONSIDER, OfflineProvider
from domain.model import PatientVersion
from domain.page_plan import AFTER_DISCLAIMER, MORE_ADVICE_FULL
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"


@pytest.fixture(scope="module")
def crps() -> PatientVersion:
    return OfflineProvider().generate(parse_guideline(corpus_file(CRPS), CRPS))


def _section(pvg: PatientVersion, heading: str) -> str:
    return next(s.body for s in pvg.sections if s.heading == heading)


def _reader(pvg: PatientVersion) -> str:
    return to_markdown(pvg).split("\n## Disclaimer")[0]


def test_a_caution_on_a_medicine_the_readers_part_never_names_stays_before_the_disclaimer(
        crps) -> None:
    """"Medical reasons against tramadol" on a page that names tramadol nowhere else stays
    under "Things to consider" (after the disclaimer no reader met it), led by a line that
    says whom it is for; it is printed once, whole."""
    consider = _section(crps, CONSIDER)
    assert ("- If you are offered tramadol, tell your care team if any of these apply to "
            "you:") in consider
    for said in ("seizures more likely", "You have had opioid addiction",
                 "you need a different dose"):
        assert said in consider
    assert "tramadol" in _reader(crps).lower()
    full = _section(crps, MORE_ADVICE_FULL)
    assert "reasons against tramadol" not in full
    assert not re.search(r"against it:", full)
    # the other cautions stay where the reader meets them
    assert "Firm reasons never to have treatment shots" in consider
    assert MORE_ADVICE_FULL in AFTER_DISCLAIMER


def test_therapeutic_procedures_with_an_optional_plural_read_as_getting_treatment(crps
                                                                               ) -> None:
    """"Patients undergoing therapeutic procedure(s) should be released …" read "If you have
    treatment(s)", then "If you have a procedure" (too narrow: the guideline means any of its
    non-operative treatments). No bracketed plural, and the source's scope kept."""
    from domain.plain import replace_terms

    assert replace_terms("Patients undergoing therapeutic procedure(s) should be released."
                         ) == "People getting treatment should be released."
    reader = _reader(crps)
    assert "treatment(s)" not in reader
    assert "If you are getting treatment" in reader


def test_the_first_meeting_comes_first_in_the_table_of_when_things_happen() -> None:
    """The table "puts the advice below in the order of your care": a row "At the first
    meeting" comes before "As early as is suitable" of the same early stage, whatever
    the advice numbers."""
    from domain.page_plan import timeline

    table = timeline([
        (1, "Your care team should return you to work as early as is suitable.", "Work"),
        (6, "At the first meeting, your care team should talk with you about work.", "Talk"),
        (9, "Before surgery, you should agree goals with your doctor.", "Goals"),
    ])
    rows = [r for r in table.splitlines() if r.startswith(("| At", "| As", "| Be"))]
    assert [r.split("|")[1].strip() for r in rows] == [
        "At the first meeting", "As early as is suitable", "Before surgery"]


def test_crps_table_rows_follow_the_order_of_care(crps) -> None:
    key = _reader(crps).split("**When things happen:**")[1]
    assert key.index("| At the first meeting") < key.index("| As early as is suitable")


def test_a_bare_mg_dose_compared_with_an_mme_dose_in_one_sentence_reads_as_mme() -> None:
    """"Compared to an opioid dose under 20 MME per day, a dose of 20-50 mg nearly doubles
    the risk": the sentence compares doses on one scale, so its bare "mg" doses are MME;
    a sentence that names no MME keeps its unit as printed, and a note says what MME is."""
    from domain.evidence_found import harm_section

    found = [("Opioids", "Some", "Compared to an opioid dose under 20 MME per day, a dose of "
              "20-50 mg nearly doubles the risk of death, and a dose greater than 100 mg per "
              "day may raise the risk as much as sevenfold. Doses of 50-99 mg per day may be "
              "linked to a doubling of death risk.")]
    said = harm_section(found, lambda t: t)
    assert "a dose of 20-50 MME nearly doubles" in said
    assert "a dose greater than 100 MME per day" in said
    assert "Doses of 50-99 mg per day" in said  # its own sentence names no MME
    assert "**How to use this number:** morphine milligram equivalents (MME)" in said


def _harms_in_full(pvg: PatientVersion) -> str:
    """The harm findings with their numbers: after the disclaimer on a compact page."""
    return _section(pvg, MORE_ADVICE_FULL).split("**What studies found can harm, in full**",
                                                  1)[1]


def test_crps_harm_findings_do_not_mix_mme_and_bare_mg_in_one_sentence(crps) -> None:
    harms = _harms_in_full(crps)
    assert "a dose of 20-50 morphine milligram equivalents nearly doubles the risk" in harms
    for sentence in re.split(r"(?<=\.)\s+", harms):
        if "morphine milligram equivalents" in sentence or "MME" in sentence:
            assert not re.search(r"\d mg\b", sentence), sentence


def test_a_treatment_the_overview_names_carries_its_deciding_condition(crps) -> None:
    """The overview named acupuncture, nerve stimulation and sympathetic blocks, and their
    conditions stood only after the disclaimer (raters: item 10). A treatment listed by name
    carries its deciding condition in one short line, in the words of its advice, when
    every advice of its topic holds it (acupuncture is also advised for short-term pain, and
    nerve stimulation for isolated nerve injuries, without the condition: no line)."""
    more = _section(crps, "More advice in this guideline").split("**The advice against")[0]
    assert "Acupuncture: only" not in more
    assert "Peripheral nerve stimulation: only" not in more
    assert ("  - Sympathetic blocks: only if they increase function for at least 4 to 8 weeks "
            "(advice 65).") in more


def test_a_condition_is_read_from_the_advice_it_stands_for() -> None:
    from domain.overview import condition

    assert condition("If you have subacute or long-term pain, experts advise acupuncture.") \
        == "if you have subacute or long-term pain"
    assert condition("If you have completed 6 months of other right treatment including the "
                     "same check:\n- Your care team should only use it.") \
        == "if you have completed 6 months of other right treatment"
    assert condition("These shots are considered right. This applies if they help for 4 weeks.") \
        == "if they help for 4 weeks"
    assert condition("Experts advise functional tests.") == ""


@pytest.mark.parametrize(("jargon", "lay"), [
    ("bleeding diatheses", "bleeding disorders"),
    ("hematological conditions", "blood disorders"),
    ("anticonvulsants", "seizure medicines"),
    ("opioid contract", "opioid treatment agreement"),
    ("modified or restricted duty", "light duty at work"),
    ("functional operative goals", "goals for daily life after surgery"),
    ("anesthetic injection blocks", "shots of numbing medicine"),
])
def test_jargon_of_the_readers_part_reads_in_everyday_words(crps, jargon, lay) -> None:
    """Raters counted these as jargon (PEMAT items 3 and 4) even where "Words to know"
    explained them at the end: each is said in everyday words, a medical term from a cited
    lay source."""
    from domain.lay_terms import GUIDELINE, PHRASES, SOURCES
    from domain.lexicon import LAY_TERMS

    if jargon in PHRASES:
        assert PHRASES[jargon].meaning == lay
        assert PHRASES[jargon].source in SOURCES - {GUIDELINE}
    else:  # words of work, not of medicine
        assert LAY_TERMS[jargon] == lay
    reader = _reader(crps).lower()
    assert jargon.replace("injection", "shot") not in reader
    assert jargon not in reader


def test_phenol_is_explained_where_the_reader_meets_it(crps) -> None:
    words = _section(crps, "Words to know")
    assert "phenol" in _reader(crps).lower()
    # explained once: in the list at the end, or in the line under the block it is met in
    phenol = next(e for e in crps.glossary if e.term == "phenol")
    from domain.glossary import defining_sentence

    assert bool(re.search(r"^- \*\*phenol\*\*: ", words, re.MULTILINE)) != (
        defining_sentence(phenol) in _reader(crps))


def test_a_doubled_preposition_is_a_defect_and_the_copy_reads_without_it(crps) -> None:
    """"the absolute risk of fatal overdose of in chronic pain patients": a slip of the
    source copied onto the page. The wording check finds "of in" before the people it is
    about, and the page says it once ("of fatal overdose in people …")."""
    from domain.plain import tidy
    from domain.wording_check import defects

    assert [d.rule for d in defects("The risk of overdose of in people with pain is low.")] \
        == ["doubled preposition"]
    assert not defects("The use of in vitro tests is low.")
    assert not defects("Visits made of in-person talks help.")
    assert tidy("the risk of fatal overdose of in chronic pain patients is low") == \
        "the risk of fatal overdose in chronic pain patients is low"
    harms = _harms_in_full(crps)
    assert "of in " not in harms
    assert "fatal overdose in people with long-term pain" in harms


def test_a_long_word_list_is_chunked_by_first_letter(crps) -> None:
    """A list of dozens of words read as one block (PEMAT item 8: longer lists are chunked
    too): over 15 entries, the list is split into runs of first letters, each with its
    label ("**A to C**"), every entry kept in order."""
    from domain.glossary import render
    from domain.model import GlossaryEntry

    entries = [GlossaryEntry(term=t, meaning="a word.") for t in (
        "acupuncture", "amputation", "bisphosphonates", "calcitonin", "chronic", "dystonia",
        "epidural", "fentanyl", "gangrene", "IV", "ketamine", "MME", "naloxone", "opioids",
        "phenol", "sepsis", "taper", "ulnar")]
    said = render(entries)
    labels = re.findall(r"^\*\*([^*]+)\*\*$", said, re.MULTILINE)
    assert len(labels) >= 2 and labels[0].startswith("A") and labels[-1].endswith("U")
    assert re.findall(r"^- \*\*([^*]+)\*\*:", said, re.MULTILINE) == [e.term for e in entries]
    chunks = [c for c in said.split("\n\n") if c.startswith("**")]
    assert all(c.count("\n- ") <= 12 for c in chunks)
    assert "\n\n" not in render(entries[:15])  # a short list stays one block
    # The page's list, led by what it leaves to the text above, is short enough or chunked.
    listed = _section(crps, "Words to know").split("\n\n", 1)[1]
    assert listed.startswith("**A") or listed.count("\n- ") < 15


def test_the_one_short_point_of_a_key_advices_own_topic_is_shown_with_it(crps) -> None:
    """The lab checks for long-term opioids (advice 64) stood only after the disclaimer,
    though the opioid care they belong to is key advice 10, titled by the same topic: the
    one short point for under that heading is shown with it, with its own number."""
    key = _section(crps, "Key recommendations")
    block = key.split("#### 10. ")[1].split("\n### ")[0]
    assert ("**Also (advice 64):** Lab or other testing may be right to monitor medicine "
            "effects on organ function.") in block
    assert key.count("(advice 64)") == 1
    assert "(advice 63)" not in block  # already said there as "Before you start"


def test_words_that_start_with_a_number_have_a_run_of_their_own() -> None:
    """A term such as "23-valent pneumococcal vaccine" was labelled "# to C": a "#" reads
    as leftover markup. Such terms stand in a run labelled "0–9"."""
    from domain.glossary import render
    from domain.model import GlossaryEntry
    from domain.wording_check import defects

    terms = ["23-valent vaccine", *(f"{c}word" for c in "abcdefghijklmnopq")]
    said = render([GlossaryEntry(term=t, meaning="a word.") for t in terms])
    assert said.startswith("**0\u20139**\n\n- **23-valent vaccine**: a word.\n\n**A")
    assert not defects(said, markdown=True)
