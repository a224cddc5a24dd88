"""Defects a reader finds on whole patient pages: a heading that widens its advice, a
timeline table that says one row twice, words left without a meaning, fragments and lines
said of "health workers" to a reader who is one. Each rule is general; the sentences are the
ones that showed the class."""

from __future__ import annotations

import re

from domain.layout import block_title
from domain.model import Direction
from domain.page_plan import merged_rows


def test_age_and_over_leads_the_heading_like_age_and_older() -> None:
    """"This is for people 60 years and over" is an age group: the heading says it, as it
    does for "30 years and older", or it would widen the advice to every age."""
    title = block_title("Experts advise treating to a top blood pressure number goal of less "
                        "than 150 mmHg. This is for people 60 years and over.", Direction.FOR)
    assert title is not None and title.startswith("Age 60 or older:"), title


def test_same_row_at_same_time_is_one_row_even_with_rows_between() -> None:
    """Two pieces of advice that give the same row ("As soon as possible | Testing the
    source person …") with another row between them are one row listing both numbers."""
    rows = [("As soon as possible", "", "Testing the source person for hepatitis B", "4"),
            ("As soon as possible", "", "Giving the first dose", "5"),
            ("As soon as possible", "", "Testing the source person for hepatitis B", "7"),
            ("Later", "", "Testing the source person for hepatitis B", "9")]
    out = merged_rows(rows)
    assert [r[2:] for r in out] == [("Testing the source person for hepatitis B", "4, 7"),
                                    ("Giving the first dose", "5"),
                                    ("Testing the source person for hepatitis B", "9")], out


def test_harm_words_of_a_medicine_are_in_words_to_know() -> None:
    """"hyperkalemia", "kidney dysgenesis", "lung hypoplasia" on a page are explained in
    "Words to know", each meaning from a cited source."""
    from domain import glossary, lay_terms

    text = ("Medicines which act through the renin-angiotensin system can lead to kidney "
            "dysgenesis, lung hypoplasia, or death of the fetus. Avoid them if you have "
            "hyperkalemia.")
    found = {e.term.lower(): e for e in glossary.build(text, {})}
    for term in ("hyperkalemia", "dysgenesis", "hypoplasia"):
        assert term in found, sorted(found)
        assert lay_terms.source_of(term) in lay_terms.SOURCES, term


def test_a_pair_of_amounts_each_with_its_group_stays_one_sentence() -> None:
    """"no more than 1 oz per day for men or 0.5 oz of alcohol per day for women": the
    group closes one amount of a pair; cut there, "This is for men or 0.5 oz … for women."
    is a fragment."""
    from domain.plain import Rewriter

    out = Rewriter({}).simplify(
        "The Work Group recommends advising hypertensive and prehypertensive patients to limit "
        "alcohol intake to no more than 1 oz per day for men or 0.5 oz of alcohol per day for "
        "women.")
    assert "This is for men" not in out, out
    assert "1 oz per day for men or 0.5 oz of alcohol per day for women." in out, out


_AT_RISK_DOC = """# Screening for an infection

## Scope

### Target Population

Asymptomatic adults 18 years and older at increased risk for the infection

## Major Recommendations

### Summary of Recommendation and Evidence

The Task Force recommends screening for the infection in populations at increased risk
(**B recommendation**).

### Clinical Considerations

#### Assessment of Risk

Populations at increased risk for the infection based on increased prevalence include persons
who were born in, or are former residents of, countries with increased prevalence and persons
who live in, or have lived in, high-risk congregate settings (e.g., homeless shelters and
correctional facilities). Clinicians can consult their local health departments.
"""


def test_who_is_at_higher_risk_is_named_from_the_risk_section() -> None:
    """Advice for people "at higher risk" names who they are, in the guideline's own words
    from its risk-assessment section, one group a line; without "at risk" in the population
    nothing is added."""
    from domain.generation import reader_rewriter
    from domain.parsing import parse_guideline
    from domain.summary import risk_groups

    g = parse_guideline(_AT_RISK_DOC.encode(), "infection.md")
    groups = risk_groups(g, reader_rewriter(g))
    assert len(groups) == 2, groups
    assert groups[0].startswith("People who were born in, or are former residents of, "), groups
    assert "homeless shelters" in groups[1] and "\n" not in groups[1], groups
    plain = parse_guideline(_AT_RISK_DOC.replace(" at increased risk for the infection\n",
                                                 "\n").encode(), "infection.md")
    assert risk_groups(plain, reader_rewriter(plain)) == []


def test_latent_tuberculosis_page_says_who_is_at_higher_risk() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "uspstf_latent-tuberculosis-screening_2016.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    head = page.split("## Key recommendations")[0]
    assert "**Who is at higher risk:**" in head, head
    assert "born in, or are former residents of" in head and "homeless shelters" in head, head


_HEPB = "cdc_health-care-personnel-hepatitis-b-protection_2013.md"


def _page(name: str) -> str:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))


def test_the_first_dose_says_of_what() -> None:
    """"The first dose should be given as soon as possible …" follows "… should receive 2
    doses of HBIG." in its paragraph: shown alone (in the summary, a heading, the table) it
    says of what."""
    page = _page(_HEPB)
    assert "give the first dose as soon" not in page, page
    assert "the first dose of hepatitis B immune globulin as soon as possible" in page, page
    assert re.search(r"#### \d+\. Giving the first dose of hepatitis B immune globulin\n",
                     page), page


def test_advice_and_checklist_say_you_to_the_health_worker() -> None:
    """On a page whose reader is the health worker, the advice blocks and checklist steps
    say "you" as the summary does: "For exposed health workers thought to be at risk …" is
    "If you are exposed and are thought to be at risk …"; "For vaccinated health workers
    (who have written records …)" is "If you are vaccinated (with written records …)"."""
    page = _page(_HEPB)
    key = page.split("## Key recommendations")[1].split("## More advice in this guideline")[0]
    assert "For exposed health workers" not in key, key
    assert "For vaccinated health workers" not in key, key
    assert "For unvaccinated or incompletely vaccinated health workers" not in key, key
    assert "If you are exposed and are thought to be at risk of hepatitis B" in key, key
    assert "If you are vaccinated (with written records of" in key, key
    # the reader's own steps (round 27: "All health workers …" is the reader too)
    assert ("- ☐ Even if you have shown protection against hepatitis B: right away report "
            "blood or body fluid exposures") in key, key
    assert "ask your care team about getting vaccinated with a complete" in key, key


def test_staff_as_you_keeps_a_group_that_is_no_reader() -> None:
    """"For these health workers, …" and "while waiting for the health workers anti-HBs
    results" are not turned into "If you are these" or "if you are the"; "Health workers who
    have …" never becomes "You who have …"."""
    from domain.summary import staff_as_you

    for line in ("For these health workers, a second series is more practical.",
                 "Testing should not be delayed while waiting for the health workers anti-HBs "
                 "test results.",
                 "Health workers who have anti-HBs of less than 10 mIU/mL should be tested."):
        out = staff_as_you(line)
        assert "If you are these" not in out and "if you are the" not in out, out
        assert not out.startswith("You who"), out


def test_nonsteroidal_anti_inflammatory_drugs_read_as_nsaids() -> None:
    """"nonsteroidal anti-inflammatory drugs (NSAIDs)" is said by the short name MedlinePlus
    and the pack use, as a whole phrase: 11 syllables a reader stumbles over become one word
    that "Words to know" explains once."""
    from domain import glossary
    from domain.plain import Rewriter

    rw = Rewriter({"NSAIDs": "nonsteroidal anti-inflammatory drugs"})
    out = rw.simplify("Due to the cross-reactivity between aspirin and non-steroidal "
                      "anti-inflammatory drugs (NSAIDs), NSAIDs should not be used in "
                      "aspirin-sensitive patients.")
    assert "anti-inflammatory" not in out and "aspirin and NSAIDs" in out, out
    out = rw.simplify("Acupuncture is also recommended for patients who cannot tolerate "
                      "nonsteroidal anti-inflammatory drugs (NSAIDs) or other medications.")
    assert "cannot handle NSAIDs or other medicines" in out, out
    terms = [e.term for e in glossary.build(out, {})]
    assert [t for t in terms if "nsaid" in t.lower() or "inflammatory" in t.lower()] == [
        "NSAIDs"], terms


_CT = "colorado-dowc_cumulative-trauma-conditions_2017.md"


def test_a_caution_listing_many_things_keeps_them_as_a_list() -> None:
    """A caution in the list of further advice that names seven reasons against a treatment
    ("… include: joint instability; broken bones; …") lists them one a line, as a block
    does, not as one long line of semicolons."""
    page = _page(_CT)
    assert "include: joint instability; broken bones" not in page, page
    assert ("manipulation include:\n    - joint instability\n    - broken bones\n" in page
            or "manipulation include:\n      - joint instability\n      - broken bones\n"
            in page), page


def test_patient_refusal_is_said_to_the_reader() -> None:
    """"… allergy to medications used, and patient refusal" is the reader's own choice:
    never "person refusal" in text said to "you"."""
    from domain.plain import Rewriter

    out = Rewriter({}).simplify("General contraindications to therapeutic injections include "
                                "local or systemic infection, bleeding disorders, allergy to "
                                "medications used, and patient refusal.")
    assert "person refusal" not in out and "your saying no" in out, out


def test_cumulative_trauma_page_passes_quality_control() -> None:
    """The page went to review on the readability hard limit (FRE below 60): the caution
    list split, NSAIDs said by its short name and no "person refusal" bring it within."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.quality import check_quality
    from tests.domain.conftest import corpus_file

    g = parse_guideline(corpus_file(_CT), _CT)
    report = check_quality(g, OfflineProvider().generate(g))
    assert report.readability is not None and report.readability.fre >= 60.0, report.readability
    assert report.outcome.value == "pass", [f.message for f in report.findings
                                            if f.severity.value != "info"]


def test_a_named_handbook_keeps_its_short_name_so_its_list_reads_as_one() -> None:
    """"determination of Diagnostic and Statistical Manual of Mental Disorders (DSM)
    criteria, acute risk of harm …, functional status, …" keeps "DSM", the short name
    "Words to know" spells out; the evaluation's six parts are then one a line."""
    from domain.plain import Rewriter

    rw = Rewriter({"DSM": "Diagnostic and Statistical Manual of Mental Disorders"})
    out = rw.simplify("For patients with suspected PTSD, the Work Group recommends an "
                      "appropriate diagnostic evaluation that includes determination of "
                      "Diagnostic and Statistical Manual of Mental Disorders (DSM) criteria, "
                      "acute risk of harm to self or others, functional status, medical "
                      "history, past treatment history, and relevant family history.")
    assert "Statistical Manual" not in out, out
    assert "includes:\n- determination of DSM rules\n- acute risk of harm" in out, out


def test_insufficient_strength_says_proof_as_the_advice_does() -> None:
    """The "How strong" line of advice without enough evidence says "not enough proof", the
    word the advice itself uses, and still reads as not enough evidence to quality control."""
    from domain.fidelity import says_insufficient
    from domain.model import Strength
    from domain.strength_words import strength_of

    said = strength_of("There is insufficient evidence to recommend for or against X.",
                       Direction.INSUFFICIENT, Strength.INSUFFICIENT)
    assert "not enough proof" in said and "evidence" not in said, said
    assert says_insufficient(said)


def test_guideline_recommended_treatments_are_the_guidelines_own() -> None:
    """"other VA/DoD guideline-recommended treatments for PTSD" is the guideline's own
    advice: "other treatments in this guideline", not the agencies spelt out again."""
    from domain.plain import Rewriter

    rw = Rewriter({"VA": "Veterans Affairs", "DoD": "Department of Defense"})
    out = rw.simplify("The Work Group recommends that the presence of co-occurring disorder(s) "
                      "not prevent patients from receiving other VA/DoD guideline-recommended "
                      "treatments for PTSD.")
    assert "other treatments in this guideline for PTSD" in out, out
    assert "Department of Defense" not in out, out


def test_five_or_more_things_read_as_a_list_with_alone_said_of_each() -> None:
    """"against treating PTSD with divalproex, tiagabine, …, or D-cycloserine alone": eight
    drugs are a list however short the sentence, and "alone" is said of each of them."""
    from domain.lists import as_list

    out = as_list("Experts advise against treating PTSD with divalproex, tiagabine, "
                  "guanfacine, risperidone, benzodiazepines, ketamine, hydrocortisone, or "
                  "D-cycloserine alone.")
    assert out is not None and out[0] == ("Experts advise against treating PTSD with any of "
                                          "these alone:"), out
    assert out[1:] == ["divalproex", "tiagabine", "guanfacine", "risperidone",
                       "benzodiazepines", "ketamine", "hydrocortisone", "D-cycloserine"], out


def test_a_long_form_said_by_the_short_form_patients_know() -> None:
    """"posttraumatic stress disorder (PTSD)" is said "PTSD", the short form patients know
    whose curated meaning is the long form's."""
    from domain.plain import Rewriter

    rw = Rewriter({"PTSD": "posttraumatic stress disorder", "ASD": "acute stress disorder"})
    out = rw.simplify("Adults 18 years or older with posttraumatic stress disorder (PTSD) or "
                      "acute stress disorder (ASD) treated in any clinical setting.")
    assert "with PTSD or acute stress disorder" in out, out


def test_an_against_title_keeps_what_is_screened_for_before_the_group() -> None:
    """"against screening for COPD in adults without symptoms": the title says what is
    screened for; "Not advised: screening for adults without symptoms" widens it."""
    from domain.layout import against_group_title

    title = against_group_title("Not advised: screening", "Experts advise against screening "
                                "for COPD in adults without symptoms.")
    assert title == "Not advised: screening for COPD in adults without symptoms", title


_PTSD = "va-dod_ptsd-acute-stress-disorder_2017.md"


def test_ptsd_page_passes_quality_control() -> None:
    """The PTSD page went to review on readability hard limits (FRE below 60, SMOG above
    10); said with the words above it is within them."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.quality import check_quality
    from tests.domain.conftest import corpus_file

    g = parse_guideline(corpus_file(_PTSD), _PTSD)
    report = check_quality(g, OfflineProvider().generate(g))
    r = report.readability
    assert r is not None and r.fre >= 60.0 and r.smog <= 10.0, r
    assert report.outcome.value == "pass", [f.message for f in report.findings
                                            if f.severity.value != "info"]


def test_a_listed_caution_drops_letter_marks_and_the_joining_and() -> None:
    """Listed one a line, "(a) bacterial infection; …; (c) hematological conditions, and; (d)
    possible pregnancy" keeps the things, not the "(a)" marks or the "and" that joined them."""
    from domain.generation import _caution_lines

    lines = _caution_lines("Reasons against shots include:\n- (a) bacterial infection\n"
                           "- (b) bleeding diatheses\n- (c) hematological conditions, and\n"
                           "- (d) possible pregnancy", "  ")
    assert lines == ["  - Take care: Reasons against shots include:",
                     "    - bacterial infection", "    - bleeding diatheses",
                     "    - hematological conditions", "    - possible pregnancy"], lines
