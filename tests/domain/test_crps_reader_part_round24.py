"""Round-9 rater findings on the Colorado CRPS page, each as a general rule: the reader's
part holds only what a reader needs before the disclaimer, and nothing is lost after it."""

from __future__ import annotations

import re

import pytest

from domain.generation import WORDS, OfflineProvider
from domain.glossary import DEFINED_HERE, defining_sentence
from domain.model import ParsedGuideline, PatientVersion
from domain.page_plan import AFTER_DISCLAIMER, CARE_TEAM_WORDS
from domain.parsing import parse_guideline
from domain.quality import check_quality
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"


@pytest.fixture(scope="module")
def crps() -> tuple[ParsedGuideline, PatientVersion]:
    guideline = parse_guideline(corpus_file(CRPS), CRPS)
    return guideline, OfflineProvider().generate(guideline)


def _terms(listing: str) -> list[str]:
    return re.findall(r"^- \*\*([^*]+)\*\*:", listing, re.MULTILINE)


def _used(term: str, text: str) -> bool:
    forms = {term.lower(), term.lower().removesuffix("s"), term.lower().removesuffix("es")}
    low = text.lower()
    return any(re.search(rf"(?<![\w-]){re.escape(f)}", low) for f in forms if f)


def test_words_to_know_holds_only_words_of_the_readers_part(crps) -> None:
    """A word list of 89 terms, 38 of them met only after the disclaimer, made the reader's
    part long and distracting (PEMAT item 2): "Words to know" lists the words of the reader's
    part, and each part after the disclaimer lists the words met first there."""
    guideline, pvg = crps
    reader = "\n".join([pvg.summary or "", *(s.body for s in pvg.sections
                                              if s.heading not in AFTER_DISCLAIMER
                                              and s.heading != WORDS)])
    words = next(s.body for s in pvg.sections if s.heading == WORDS)
    unused = [t for t in _terms(words) if not _used(t, reader)]
    assert not unused, unused
    after = "\n".join(s.body.partition(CARE_TEAM_WORDS)[2] for s in pvg.sections
                      if s.heading in AFTER_DISCLAIMER)
    listed = set(_terms(words)) | set(_terms(after))
    # nothing is lost: every entry of the version's glossary is printed in one of the lists,
    # or in the "Words used here" line under the block that first uses it
    above = "\n".join(ln for s in pvg.sections for ln in s.body.split("\n")
                      if ln.startswith(DEFINED_HERE))
    assert not [e.term for e in pvg.glossary
                if e.term not in listed and defining_sentence(e) not in above]
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if f.check == "jargon"], report.findings


def test_a_not_advised_clause_inside_a_point_for_is_also_listed_as_advice_against() -> None:
    """"Lab checks are advised for combinations, although combination opioids are not advised
    for long-term use": the clause is advice against, and a reader looking through the points
    against must find it there, with its own words."""
    from domain.overview import against_clauses

    assert against_clauses("Experts advise primary lab checking for these combinations, "
                           "although mix opioids are not advised for long-term use.") == [
        "Mix opioids are not advised for long-term use."]
    assert against_clauses("Acupuncture is advised. Needles are not recommended in the "
                           "ear.") == ["Needles are not recommended in the ear."]
    assert against_clauses("Acupuncture is advised for long-term pain.") == []


def test_the_crps_combination_opioid_warning_is_among_the_points_against(crps) -> None:
    """Rater D found "combination opioids are not recommended for long-term use" only after
    the disclaimer, under a ✔: it is listed with what is advised against before it too."""
    _, pvg = crps
    reader = "\n".join(s.body for s in pvg.sections if s.heading not in AFTER_DISCLAIMER)
    against = reader.split("**Advised against**", 1)[1]
    line = next(x for x in against.splitlines() if "Combination opioids" in x)
    assert "for long-term use" in line and "(21)" in line, line


def test_combination_opioids_stay_named_and_are_explained() -> None:
    """"Combination opioids" became "mix opioids", which raters found said nothing: the
    drug kind stays whole and "Words to know" says what it is."""
    from domain.glossary import build
    from domain.plain import Rewriter

    out = Rewriter().simplify("Primary laboratory monitoring is recommended, although "
                              "combination opioids are not recommended for long-term use.")
    assert "combination opioids" in out and "mix opioids" not in out, out
    meaning = {e.term: e.meaning for e in build(out, {})}["combination opioids"]
    assert "opioid" in meaning and "acetaminophen" in meaning


def test_terms_raters_found_undefined_are_in_words_to_know() -> None:
    """Raters found "serotonin syndrome", "sleep apnea" and "personality disorder" defined
    nowhere on the page (PEMAT item 4): each named condition stays whole and is explained."""
    from domain.glossary import build

    text = ("Medicines that could raise the risk for serotonin syndrome. If you have symptoms "
            "of sleep apnea, tests come first. Severe personality disorder.")
    meanings = {e.term: e.meaning for e in build(text, {})}
    for term in ("serotonin syndrome", "sleep apnea", "personality disorder"):
        assert term in meanings and "short form" not in meanings[term], (term, meanings)


def test_the_when_table_points_only_to_advice_before_the_disclaimer(crps) -> None:
    """"When you have reached maximum medical improvement … Read advice 60" sent the reader
    past the disclaimer (PEMAT item 10): each row points to advice printed on the reader's
    part."""
    _, pvg = crps
    reader = "\n".join(s.body for s in pvg.sections if s.heading not in AFTER_DISCLAIMER)
    rows = re.findall(r"^\|.*\| (\d+) \|$", reader, re.MULTILINE)
    assert len(rows) >= 3, rows
    for n in rows:
        assert re.search(rf"^(?:#### {n}\. |- \*\*{n}\.\*\* )", reader, re.MULTILINE), n


def test_strict_terms_of_a_point_against_are_for_the_care_team_after_the_disclaimer(
        crps) -> None:
    """The terms on which a treatment advised against may still be done (who qualifies, what
    block results first): before the disclaimer the point says in a few words that it may
    be done on strict terms; the terms, the exception and the caution are in full after
    it."""
    _, pvg = crps
    reader = "\n".join(s.body for s in pvg.sections if s.heading not in AFTER_DISCLAIMER)
    full = "\n".join(s.body for s in pvg.sections if s.heading in AFTER_DISCLAIMER)
    line = next(x for x in reader.splitlines() if x.strip().startswith("- Sympathectomy"))
    assert "only in some cases, on strict terms" in line and "(58)" in line, line
    point = full.split("Sympathectomy is usually not advised", 1)[1].split("\n- **", 1)[0]
    assert "Permanent nerve problems are common" in point
    assert "unable to return to normal daily tasks" in point
    for term in ("90% to 100% relief", "proximal limb is involved", "single arm or leg"):
        assert term in point and term not in reader, term


def test_a_caution_shown_with_the_main_advice_is_not_repeated_under_the_overview(
        crps) -> None:
    """Rater D found the opioid "Take care" under advice 10 and again under 63: a point for
    is listed under the overview for its caution only when that caution is not on the
    reader's part already; the point stays in full after the disclaimer."""
    _, pvg = crps
    reader = "\n".join(s.body for s in pvg.sections if s.heading not in AFTER_DISCLAIMER)
    full = "\n".join(s.body for s in pvg.sections if s.heading in AFTER_DISCLAIMER)
    caution = "In very selective cases, opioids taken at set times every day may prove"
    assert reader.count(caution) == 1, reader.count(caution)
    assert "You should have met the rules for opioids" in full


def test_the_page_says_where_its_medical_words_are_explained(crps) -> None:
    """Raters found terms "defined only in a glossary at the end" that nothing pointed to
    (PEMAT item 4): before the first advice, the page says where its words are explained."""
    _, pvg = crps
    key = next(s.body for s in pvg.sections if s.heading == "Key recommendations")
    intro = key.split("####", 1)[0]
    assert "Medical words are explained where they are first used." in intro
    assert '"Words to know", near the end, lists the others.' in intro


def test_the_stop_smoking_step_says_what_to_ask_for(crps) -> None:
    """"Stop smoking. Your care team should strongly encourage you to stop smoking, and your
    doctor should give you the right counseling" gave the reader no step to take (PEMAT item
    22): what the doctor should give is said as what the reader can ask for."""
    _, pvg = crps
    todo = next(s.body for s in pvg.sections if s.heading == "What you can do")
    assert "☐ Stop smoking. Ask your doctor for the right counseling (see 7)." in todo, todo
