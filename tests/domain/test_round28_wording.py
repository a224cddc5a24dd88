"""Wording found by the round-14 PEMAT raters of the Colorado CRPS page (round 28 fixes)."""

from __future__ import annotations

from domain import evidence_found, lay_terms
from domain.lists import chunked
from tests.support.corpus import page_markdown

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"


def test_a_bullet_of_many_sentences_is_split_where_a_new_point_starts() -> None:
    """Q: "one bullet of advice 10 is a 7-sentence paragraph". A sentence that leans on the
    one before ("This …", "But, …") stays with it."""
    text = ("Experts suggest this care:\n"
            "- A low plan is under 50 a day. This may change over time. Your team adjusts "
            "doses. This is based on side effects. Your team gives one opioid. Patches are not "
            "advised.\n- Short item. Two sentences.")
    assert chunked(text).split("\n") == [
        "Experts suggest this care:",
        "- A low plan is under 50 a day. This may change over time.",
        "- Your team adjusts doses. This is based on side effects.",
        "- Your team gives one opioid.",
        "- Patches are not advised.",
        "- Short item. Two sentences."]
    four = "  - One. Two here. Three there. Four."
    assert chunked(four) == four  # up to four sentences an item stays whole


def test_the_absolute_risk_of_a_harm_is_said_before_the_disclaimer_as_so_many_people() -> None:
    """Q and R (round 14): the opioid harm numbers were only after the disclaimer, as
    relative risks with no baseline; V and W (round 16): the baseline alone read as
    reassurance. The compact page says how likely the harm is for one person, and how it
    grows with the dose beside that baseline; a rise with no baseline stays after."""
    found = [("Opioids", "Some", "Compared to a dose under 20 MME, a dose over 100 MME may "
              "raise the risk of death sevenfold. But, the absolute risk of fatal overdose is "
              "fairly low, and may be as low as 0.04%."),
             ("Opioids", "Good", "Short-term use triples the risk of opioid use disorders. The "
              "absolute risk of these disorders is likely to be greater than 6.1% for long "
              "duration treatment.")]
    said = evidence_found.harm_brief(found, [], lambda t: t)
    assert ("How likely the harm is for one person:\n\n- Compared to a dose under 20 MME, a "
            "dose over 100 MME may raise the risk of death sevenfold. But the chance of fatal "
            "overdose is fairly low, and may be as low as 0.04% (about 4 in 10,000 people) "
            "(some evidence).\n- The chance of addiction is likely to be greater than 6.1% "
            "(about 6 in 100 people)") in said  # one band is no table
    assert "triples" not in said  # a rise not by dose, with no baseline of its own
    relative_only = [("Opioids", "Some", "A dose over 100 raises the risk of death sevenfold.")]
    assert "How likely" not in evidence_found.harm_brief(relative_only, [], lambda t: t)


def test_crps_page_defines_the_treatments_raters_found_undefined() -> None:
    """P, Q, R, S (item 4): sympathetic blocks, regional blocks, infusions and graded motor
    imagery were named on the reader's page with no meaning; each meaning names its source."""
    page = page_markdown(CRPS)
    reader = page.split("## Disclaimer", 1)[0]
    for term in ("sympathetic blocks", "regional blocks", "infusions", "graded motor imagery",
                 "mirror therapy", "short-acting", "prosthetics", "complementary medicine",
                 "functional tests"):
        entry = lay_terms.KEEP[term]
        assert entry.source in lay_terms.SOURCES
        assert entry.meaning.rstrip(".") in reader, term
    assert "How likely the harm is for one person:" in reader
    assert "duties for clinicians" not in reader


def test_an_exception_that_other_advice_is_against_says_how_both_hold() -> None:
    """All four round-14 raters: advice 10 allows buprenorphine patches ("other than
    buprenorphine") and advice 18 advises against buprenorphine for most people with
    long-term pain; the page now says the first is only an exception."""
    page = page_markdown(CRPS)
    block = page.split("#### 10. ", 1)[1].split("\n#### ", 1)[0]
    assert ("**Note:** Buprenorphine is named here only as an exception. Advice 18 advises "
            "against it for most people with long-term pain. Ask your care team which applies "
            "to you.") in block


def test_round15_points_chunks_and_no_preference_the_source_does_not_give() -> None:
    """Round-15 raters T and U: a long list against split into medicines and the rest; the
    other ways off opioids named without a preference; no finding on preventing the
    condition on a page for people who have it."""
    page = page_markdown(CRPS)
    reader = page.split("## Disclaimer", 1)[0]
    assert "- **Treatments — non-surgical, medicines:**" in reader
    assert "- **Treatments — non-surgical, other treatments:**" in reader
    assert "advised instead" not in reader
    assert ("(other ways it lists: slow but progressive taper; switching to a different "
            "opioid medicine (buprenorphine/naloxone))") in reader
    assert "prevent complex regional pain syndrome" not in reader
    # the dose bands under a caption of their own, with the strength of their evidence and
    # the source's "may" (round-18 rater AA), then the baseline
    assert "Risk of death by daily dose (some evidence):\n\n| Your daily dose |" in reader
    assert "How likely the harm is for one person:\n\n- The chance of fatal overdose" in reader


def test_dose_bands_compared_with_a_base_dose_become_a_table() -> None:
    """Round-17 raters X and Y: four dose bands in one sentence were numbers a reader could not
    place their own dose in (item 6), and a dose-band table was their fix (item 15)."""
    table = evidence_found.dose_table(
        "Compared to an opioid dose under 20 MME per day, a dose of 20-50 MME nearly doubles "
        "the risk of death, a dose of 50 to 100 MME may raise the risk more than fourfold, and "
        "a dose greater than 100 MME per day may raise the risk as much as sevenfold.", "death")
    assert table.split("\n") == [
        "| Your daily dose | Risk of death, compared with a dose under 20 MME a day |",
        "| --- | --- |",
        "| 20 to 50 MME | nearly 2 times as high |",
        "| 50 to 100 MME | may be more than 4 times as high |",
        "| over 100 MME | may be up to 7 times as high |"]
    # not such a comparison, or a rise with no size: no table
    assert evidence_found.dose_table("Higher doses raise the risk of death.", "death") == ""
    assert evidence_found.dose_table(
        "Compared to a dose under 20 MME per day, a dose of 20-50 MME raises the risk of death, "
        "and a dose over 50 MME raises it more.", "death") == ""
