"""The page of a long guideline, from the corpus: the advice a reader acts on first under
headings of their situation, the rest in full in a part for the care team, and nothing lost
from the patient version or from quality control."""

from __future__ import annotations

import re

import pytest

from api.schemas import PvgOut
from domain.fidelity import lost_numbers
from domain.generation import OfflineProvider, render_text
from domain.glossary import DEFINED_HERE, defining_sentence
from domain.model import Audience, ParsedGuideline, PatientVersion, Severity
from domain.page_plan import (
    CARE_TEAM_GRADES,
    CARE_TEAM_PART,
    CARE_TEAM_WORDS,
    MAIN_LIMIT,
    MORE_ADVICE,
    MORE_ADVICE_FULL,
)
from domain.parsing import parse_guideline
from domain.quality import check_quality
from domain.render import to_html, to_markdown
from tests.domain.conftest import corpus_file

CDC = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"
CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
SHORT = "uspstf_breast-cancer-screening_2016.md"


def _made(name: str) -> tuple[ParsedGuideline, PatientVersion]:
    guideline = parse_guideline(corpus_file(name), name)
    return guideline, OfflineProvider().generate(guideline)


@pytest.fixture(scope="module")
def cdc() -> tuple[ParsedGuideline, PatientVersion]:
    return _made(CDC)


@pytest.fixture(scope="module")
def crps() -> tuple[ParsedGuideline, PatientVersion]:
    return _made(CRPS)


def _section(pvg: PatientVersion, heading: str) -> str:
    return next((s.body for s in pvg.sections if s.heading == heading), "")


def _explained_once(pvg: PatientVersion, term: str) -> bool:
    """The reader's page explains the word once: in "Words to know" or, instead, in the
    "Words used here" line under the block that first uses it."""
    entry = next(e for e in pvg.glossary if e.term == term)
    words = _section(pvg, "Words to know")
    above = "\n".join(ln for s in pvg.sections for ln in s.body.split("\n")
                      if ln.startswith(DEFINED_HERE))
    return (f"**{term}**" in words) != (defining_sentence(entry) in above)


def _points(pvg: PatientVersion) -> str:
    """The reader's other advice where it is printed in full: in "More advice", or, on a page
    whose "More advice" is an overview by topic, in the part after the disclaimer."""
    return _section(pvg, MORE_ADVICE_FULL) or _section(pvg, MORE_ADVICE)


def _blocks(key: str) -> list[str]:
    return re.findall(r"^#### (.+)$", key, re.MULTILINE)


@pytest.mark.parametrize("which", ["cdc", "crps"])
def test_a_long_page_shows_about_fifteen_first_and_loses_nothing(
        which: str, request: pytest.FixtureRequest) -> None:
    guideline, pvg = request.getfixturevalue(which)
    key = _section(pvg, "Key recommendations")
    assert len(_blocks(key)) <= MAIN_LIMIT
    # every recommendation stays in the patient version, with its grade and direction
    assert [r.id for r in pvg.recommendations] == [r.id for r in guideline.recommendations]
    for rec, out in zip(guideline.recommendations, pvg.recommendations, strict=True):
        assert (out.grade, out.direction, out.strength_level) == (
            rec.grade, rec.direction, rec.strength)
        assert out.audience is not None and out.shown_under
    # and every number of every recommendation is printed on the page
    page = to_markdown(pvg)
    for rec in guideline.recommendations:
        assert not lost_numbers(rec.text or rec.source_text, page), rec.id
    # coverage and fidelity still hold: no finding of either kind
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if f.check in ("coverage", "fidelity")
                and f.severity is not Severity.INFO]
    # a long page may read above the limits (its "More advice" part is measured too); then
    # readability, and nothing else, sends it to a reviewer
    if report.outcome.value != "pass":
        assert report.outcome.value == "needs_review"
        assert {f.check for f in report.findings if f.severity is not Severity.INFO} == {
            "readability"}, report.findings


def test_care_system_process_is_in_the_part_for_the_care_team(cdc) -> None:
    """The patient page is for the patient: an organ procurement organization's reports and
    a lab's archive leave its advice list for one paragraph, and are printed in full, with
    their strength, in the part for the care team after the disclaimer."""
    _, pvg = cdc
    key = _section(pvg, "Key recommendations")
    more = _section(pvg, MORE_ADVICE)
    part = _section(pvg, CARE_TEAM_PART)
    assert "archiving blood samples from deceased donors for at least 10 years" in part
    assert "archiving" not in key and "archiving" not in more
    assert "should also tell public health offices" in part
    assert "public health offices" not in more.split("The guideline also gives")[0]
    assert "How the care system works" not in [s.heading for s in pvg.sections]
    headings = [s.heading for s in pvg.sections]
    # the reader's other advice before the word list and the disclaimer; the duties after
    assert headings[-4:] == [MORE_ADVICE, "Words to know", "Disclaimer", CARE_TEAM_PART]
    process = [r for r in pvg.recommendations if "archiving" in r.text]
    assert process and all(r.audience is Audience.CARE_TEAM for r in process)
    assert all(r.shown_under == CARE_TEAM_PART for r in process)
    duties = [r for r in pvg.recommendations if r.audience is Audience.CARE_TEAM]
    # one short paragraph on the reader's page says how many, what about, and where
    note = next(p for p in more.split("\n\n") if p.startswith("The guideline also gives"))
    assert f"gives {len(duties)} duties" in note and "reporting infections" in note
    assert f'"{CARE_TEAM_PART}" after the disclaimer' in note
    # the living donor's own interview and tests stay on the reader's page
    assert "asked in a confidential manner" in more
    assert "hepatitis B surface antigen" in more


def test_cdc_groups_by_reader_then_by_time(cdc) -> None:
    """Round 4: the page mixed three orders (reader, time, the guideline's topics), so a
    candidate's advice was in three places. One order now: by reader, then by time."""
    _, pvg = cdc
    key = _section(pvg, "Key recommendations")
    groups = re.findall(r"^### (.+)$", key, re.MULTILINE)
    # advice for all donors, living or deceased, is under its own topic, not the living
    # donor's
    assert groups == ["If you are a living would-be donor", "If you are a transplant "
                      "candidate", "If you are a recipient",
                      "Testing of living and deceased donors"]
    candidate = key.split("### If you are a transplant candidate", 1)[1].split("\n### ", 1)[0]
    for said in ("efore you are placed on the transplant wait list",
                 "while you are on the transplant wait list", "At the time of the organ offer",
                 "during hospital admission for the organ transplant"):
        assert said in candidate
    # in the order of the candidate's care
    assert candidate.index("placed on the transplant wait list") < candidate.index(
        "while you are on the transplant wait list") < candidate.index(
        "At the time of the organ offer") < candidate.index("during hospital admission")
    recipient = key.split("### If you are a recipient", 1)[1].split("\n### ", 1)[0]
    assert "between one and three months after the transplant" in recipient
    assert "at 12 months after the transplant" in recipient
    donors = key.split("### Testing of living and deceased donors", 1)[1]
    # Said actively: the step each donor takes (round 8, item 5).
    assert "All would-be organ donors (living or deceased) should get tested" in donors


def test_cdc_has_a_when_who_what_happens_table_with_a_line_on_how_to_use_it(cdc) -> None:
    """Round 4, item 16: rows for donors, candidates and recipients were mixed with no
    column saying whose row it is, and were cut from headings ("Getting counseled to think",
    "Advice 8"). Now a "Who" column, rows in the page's order (reader, then time), and what
    happens in the advice's own words."""
    _, pvg = cdc
    key = _section(pvg, "Key recommendations")
    assert "**When things happen:** this table puts the advice below in the order of your " \
           "care." in key
    rows = [line for line in key.split("\n") if line.startswith("| ")]
    assert rows[0] == "| When | Who | What happens | Read advice |"
    cells = [[c.strip() for c in r.split("|")[1:-1]] for r in rows[2:]]
    who = [c[1] for c in cells]
    assert who == sorted(who, key=["Living would-be donor", "Transplant candidate",
                                   "Recipient"].index)
    assert cells[-1][0] == "At 12 months after the transplant"
    # the recipient's three tests at one time are one row (round 10)
    assert ["Sometime between one and three months after the transplant", "Recipient",
            "Get hepatitis B, HIV, and hepatitis C testing (only in some cases)",
            "12, 13, 14"] in cells
    # "before transplant" is when the lab makes results available (said in the part for the
    # care team), not a second HIV test for the living donor
    assert ["Before transplant", "Living would-be donor",
            "Get tested for antibodies to HIV"] not in [c[:3] for c in cells]
    assert not [c for c in cells if re.match(r"Advice \d", c[2]) or c[2].endswith(" to think")]
    numbers = {int(n) for c in cells for n in c[3].split(", ")}
    assert numbers <= set(range(1, len(_blocks(key)) + 1))  # rows point to the main page
    assert not re.search(r"^#### Advice \d+$", key, re.MULTILINE)


def test_crps_sympathectomy_permissions_stay_with_the_advice_against(crps) -> None:
    """"may be an option … limited length of time of relief from blocks" is one more
    indication in the source; printed first, away from "should not be done if the proximal
    limb is involved", it would read as the opposite."""
    _, pvg = crps
    key = _section(pvg, "Key recommendations")
    part = _points(pvg)
    assert "relief from blocks" not in key and "Sympathectomy may be an option" not in key
    sympathectomy = part.split("**Sympathectomy", 1)[1].split("\n**", 1)[0]
    assert "Sympathectomy is usually not advised" in sympathectomy
    assert "should not do sympathectomy if the proximal limb is involved" in sympathectomy
    assert "limited length of time of relief from blocks" in sympathectomy


def test_crps_leads_with_what_a_worker_does(crps) -> None:
    _, pvg = crps
    key = _section(pvg, "Key recommendations")
    assert "### Your part in your care" in key
    assert "Continuing normal daily activities" in key
    assert "stop smoking" in key
    assert "Types of treatment may be used sequentially" not in pvg.summary
    assert any(act in pvg.summary for act in ("stop smoking", "daily", "raise your activity"))


def test_words_of_the_reader_page_are_in_words_to_know_and_the_care_team_part_has_its_own(
        crps, cdc) -> None:
    guideline, pvg = crps
    words = _section(pvg, "Words to know")
    more = _section(pvg, MORE_ADVICE)
    assert "sympathectomy" in more.lower() and _explained_once(pvg, "sympathectomy")
    assert f"## {MORE_ADVICE}" in render_text(pvg)  # the reader's page is measured whole
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if f.check == "jargon"]
    guideline, pvg = cdc
    part = _section(pvg, CARE_TEAM_PART)
    # words met only in the care team's part are explained there, not in "Words to know"
    # (EDTA: how the two blood samples are drawn is the lab's, in that part)
    words = _section(pvg, "Words to know")
    own = part.split(CARE_TEAM_WORDS, 1)[1]
    # ("procurement" is on the reader's page too: whom a donor's infection is told to)
    assert CARE_TEAM_WORDS in part and "**transfusion**" in own
    assert "**transfusion**" not in words and "**EDTA**" not in words and "**EDTA**" in own
    # the part for health workers is no part of the reader's page readability
    assert f"## {CARE_TEAM_PART}" not in render_text(pvg)
    report = check_quality(guideline, pvg)
    assert not [f for f in report.findings if f.check == "jargon"]


def test_the_care_team_part_is_set_apart_in_markdown_and_html(cdc) -> None:
    _, pvg = cdc
    md = to_markdown(pvg)
    assert f"---\n\n## {CARE_TEAM_PART}" in md
    html = to_html(pvg)
    assert f'<hr>\n<section class="care-team">\n<h2>{CARE_TEAM_PART}</h2>' in html


def test_the_api_says_where_each_recommendation_is_shown(cdc) -> None:
    _, pvg = cdc
    out = PvgOut.of(pvg).model_dump()
    kinds = {r["audience"] for r in out["recommendations"]}
    assert kinds == {"reader", "care_team"}
    assert all(r["shown_under"] for r in out["recommendations"])
    # every care-team duty is in the response, with its grade, and says where it is printed
    duties = [r for r in out["recommendations"] if r["audience"] == "care_team"]
    assert duties and all(r["shown_under"] == CARE_TEAM_PART and r["grade"]
                          and r["source_text"] for r in duties)
    # the OpenAPI response model documents the field and what care_team means
    from api.schemas import PvgRecommendationOut

    field = PvgRecommendationOut.model_json_schema()["properties"]["audience"]
    assert "care_team" in field["description"] and "after the disclaimer" in field["description"]


def test_a_short_guideline_keeps_its_page() -> None:
    _, pvg = _made(SHORT)
    assert CARE_TEAM_PART not in [s.heading for s in pvg.sections]
    assert all(r.audience is None and r.shown_under is None for r in pvg.recommendations)
    # Only the grade labels, for health workers, come after the rule.
    after = to_markdown(pvg).split("\n---\n")[1:]
    assert len(after) <= 1 and all(a.lstrip().startswith(f"## {CARE_TEAM_GRADES}") for a in after)


def test_a_list_marked_way_by_way_says_so_first_in_the_care_team_part(crps) -> None:
    """"The methods of detoxification can include: ✖ abrupt stopping …; slow taper …": a
    "✖ Advice against" before the list must not read as against every way."""
    _, pvg = crps
    part = _points(pvg)
    line = next(x for x in part.split("\n") if "methods of detoxification" in x)
    assert "✖ Advice against (only the ways marked ✖):" in line
    assert "- 2) slow but progressive taper – 10% of total dose per week" in part


def test_cdc_summary_and_table_say_no_less_than_their_advice(cdc) -> None:
    """The round-4 reading: the summary named one of the three donor conditions that call
    for HIV testing after the transplant, and the living donor's test row said "HIV (only in
    some cases)" for advice that tests every living donor for three viruses."""
    _, pvg = cdc
    bullets = [line[2:] for line in pvg.summary.split("\n") if line.startswith("- ")]
    assert bullets and all(b.endswith(".") for b in bullets)
    assert not any("(1)" in b and "(3)" not in b for b in bullets)
    key = _section(pvg, "Key recommendations")
    number = next(int(n) for n, t in re.findall(r"^#### (\d+)\. (.+)$", key, re.MULTILINE)
                  if t == "Getting HIV testing after the transplant")
    # Issue 13: a recipient's test depends on the donor. Wherever the summary or the
    # checklist says it, the condition comes with the step that lets the reader know it.
    for b in bullets:
        if "you should get HIV testing after the transplant" in b:
            assert f"conditions in advice {number}" in b and "Ask your care team" in b
    todo = _section(pvg, "What you can do")
    line = next(x for x in todo.split("\n") if "HIV, and hepatitis C testing after" in x)
    # the step is to ask: whether the tests apply is the donor's, which the care team knows
    assert ("If you are a recipient, ask your care team if you should get hepatitis B, HIV, "
            "and hepatitis C testing after the transplant, and when "
            f"(see {number - 1} to {number + 1}).") in line
    rows = [r.split("|")[1:4] for r in key.split("\n") if r.startswith("| ")]
    donor = [w.strip() for when, _, w in rows if "28-day" in when]
    assert donor == ["Get tested for HIV, hepatitis B, and hepatitis C"]
    # and its block's title names all three tests too
    assert "1. Getting tested for HIV, hepatitis B, and hepatitis C" in _blocks(key)


def test_crps_front_page_and_summary_are_what_a_worker_does(crps) -> None:
    """Round 4, Colorado item 11: the front page held the employer's and insurer's duties and
    left the medicine warnings, return to work and psychological care behind. Now: staying
    active, work, therapy and the medicines to avoid first; the summary says them."""
    _, pvg = crps
    key = _section(pvg, "Key recommendations")
    for said in ("Continuing normal daily activities", "talk with you about return-to-work",
                 "Experts advise mental and social treatment"):
        assert said in key, said
    # Round 26: the medicines to avoid are listed, one line each, with every other point
    # against before the disclaimer; the front page keeps the worker's own step against.
    more = _section(pvg, MORE_ADVICE)
    for said in ("Fentanyl, for use with people", "Calcitonin (17)",
                 "Chronic use of NSAIDs, in most cases"):
        assert said in more, said
    assert "Not advised: stopping work completely" in key
    assert "employer and insurer must think about" not in key
    assert key.index("### Your part in your care") < key.index("### Before your surgery")
    bullets = [line[2:] for line in pvg.summary.split("\n") if line.startswith("- ")]
    # "for most people" is no rule for every reader: the summary leaves it to the page
    assert not any(b.startswith("Like most people") for b in bullets)
    assert "You should avoid stopping work completely, if possible." in bullets
    assert not any(b.startswith("Before surgery") for b in bullets)
    # the list the physician, employer and insurer "must consider" is read as its own advice
    # sentences (the lead-in only introduces them): the reader's part of it leads the page
    assert "release or return you to light duty at work" in key


def test_crps_lost_subjects_restored_and_the_percentage_said_with_an_example(crps) -> None:
    """Round 4, Colorado items 10, 6 and 7: "There may be used for proven occipital …"
    (source: "It may be used", nerve stimulation), "Also, complete work stopping …" with
    nothing before it, and "a 50% drop in pain" left for the reader to work out."""
    guideline, pvg = crps
    page = to_markdown(pvg)
    assert "may use peripheral nerve stimulation for proven occipital, ulnar, median" in page
    assert "There may be used" not in page
    assert "Also, complete work stopping" not in page
    assert "You should avoid stopping work completely, if possible." in page
    assert ("a 50% drop in pain means your pain goes down by half: for example, from 8 to 4 on "
            "a scale from 0 to 10. Your care team measures this with you") in page
    source = next(r for r in guideline.recommendations if "50%" in r.source_text)
    out = next(r for r in pvg.recommendations if r.id == source.id)
    assert "50%" in out.text and out.direction is source.direction


def test_cdc_block_titles_say_what_the_block_is_about(cdc) -> None:
    """Round 4, CDC-PHS item 9: "#### Advice 8", "Getting counseled to think", "Including
    these facts about the risk", "Getting tested for HIV" (for three tests). A title cut
    before its object runs on in the advice's own words; a missing one takes the topic."""
    _, pvg = cdc
    titles = [t.split(". ", 1)[-1] for t in _blocks(_section(pvg, "Key recommendations"))]
    assert not [t for t in titles if re.match(r"Advice \d+$", t)]
    assert "Getting counseled to think about possible risks of both accepting and rejecting " \
           "organs" in titles
    # The facts are said, not "these facts" (round 8, item 16).
    assert [t for t in titles if t.startswith("Being told that the donor is at higher risk")]
    assert "Getting tested for HIV, hepatitis B, and hepatitis C" in titles
    assert "Getting counseled to think" not in titles
    # a test's title names what it tests for; a donor's block says what happens to them
    assert "Getting tested before the transplant for hepatitis B or hepatitis C" in titles
    assert "Being told about your infectious disease status" in titles
    assert not [t for t in titles if "whose" in t]


def test_blocks_that_name_their_subject_repeat_no_heading_and_a_line_after_a_list_stands_alone(
        crps, cdc) -> None:
    """Round 4, item 2: eleven Colorado blocks carried an "About:" line repeating a guideline
    heading ("Not advised: calcitonin" / "About: Treatments — non-surgical"). Item 10: the
    opioid block's "If you are not maintaining reasonable levels of activity …" was joined,
    in Markdown, to the bullet "take part in normal family and social activities"."""
    key = _section(crps[1], "Key recommendations")
    blocks = {b.split("\n", 1)[0]: b for b in key.split("\n#### ")[1:]}
    daily = next(b for h, b in blocks.items() if "Continuing normal daily activities" in h)
    assert "**About:**" not in daily  # "Restriction of activities" says nothing more
    # a topic that is the advice's scope stays: stopping smoking is advice before surgery
    smoking = next(b for h, b in blocks.items() if "stop smoking" in h)
    assert "**About:** Treatments — surgical" in smoking
    cdc_key = _section(cdc[1], "Key recommendations")
    assert cdc_key.count("**About:**") <= 3
    # round 24: the rule after the examples is a point of its own (the examples, what the
    # care team records at check-ups, are printed with the advice in full after the
    # disclaimer)
    assert "\n- If you are not maintaining reasonable levels of activity" in key
    html = to_html(crps[1])
    assert "<li>If you are not maintaining reasonable levels of activity" in html
    assert "take part in normal family and social activities" in _points(crps[1])


def test_crps_table_shows_the_pathway_through_care(crps) -> None:
    """Round 4, Colorado items 15 and 16: rows from the advice, and the steps on the way
    through care, not three heading fragments."""
    _, pvg = crps
    key = _section(pvg, "Key recommendations")
    rows = [[c.strip() for c in r.split("|")[1:4]] for r in key.split("\n")
            if r.startswith("| ")][2:]
    whens = [r[0] for r in rows]
    assert whens.index("At the first meeting") < whens.index("Before surgery")
    # round 9: a row for advice printed only after the disclaimer sent the reader past it
    assert "When you have reached maximum medical improvement" not in whens
    # round 7 (safety): a treatment kept for some readers is no step on everyone's way
    assert "If you have completed 6 months of other right treatment" not in whens
    assert ["At least every year", "Your care team should order random drug testing (part of "
            "the care for long-term opioids)"] in [
        r[:2] for r in rows]
    assert not [r for r in rows if "these important issues" in r[1]]


def test_cdc_questions_ask_when_a_required_test_applies_not_whether_it_is_right(cdc) -> None:
    """Round 4, CDC-PHS: "Is getting tested for HIV right for me (advice 2)?" asks a donor
    whether to take a test every living donor has."""
    _, pvg = cdc
    questions = _section(pvg, "Questions to ask your clinician")
    assert not re.search(r"Is (?:getting )?test\w* .* right for me", questions)
    assert ("Does getting tested for HIV, hepatitis B, and hepatitis C apply to me, and when "
            "would it happen (advice 1)?") in questions


def test_crps_either_type_of_block_says_the_guideline_names_no_pair(crps) -> None:
    """Round 4, Colorado item 10: "It is unlikely that either type of block provides a
    large clinical advantage" opens its section, so no sentence before it says which two
    blocks it means; the page says so and names the heading it stands under."""
    _, pvg = crps
    page = _points(pvg)
    line = page.split("either type of block", 1)[1].split("\n", 2)[1]
    assert line.strip() == ("- Note: The guideline does not say which two it means. It gives "
                            "this advice under its heading \"Other IV medicines and regional "
                            "blocks\".")


def test_crps_a_title_cut_before_what_it_is_about_names_it(crps) -> None:
    """Round 4, Colorado item 9: "5. Being educated to the detrimental effects" (of what?)."""
    titles = [t.split(". ", 1)[-1] for t in _blocks(_section(crps[1], "Key recommendations"))]
    assert "Being taught about the harmful effects of not moving" in titles


def test_cdc_names_no_doer_the_source_does_not_name(cdc) -> None:
    """The source says a donor's tests and samples are done, not by whom (for a deceased
    donor it is the organ procurement organization): the page must not say it is the
    transplant team or the lab."""
    _, pvg = cdc
    page = render_text(pvg)
    source = corpus_file(CDC).decode()
    for doer in re.findall(r"\b(?:The|the) ((?:transplant team|lab)) should\b", page):
        assert f"the {doer} should" in source.lower(), doer


def test_crps_how_clinicians_plan_care_is_in_the_care_team_part(crps) -> None:
    """PEMAT round 6, item 2 (both raters): "More advice" held how clinicians plan care (what a
    plan is based on). That moves to the part for the care team, with its words. Round 7,
    safety (both raters): advice against a block the reader could be given and the
    conditions for surgery the reader would go through had moved with it; they stay."""
    _, pvg = crps
    more = _points(pvg)
    care = _section(pvg, CARE_TEAM_PART)
    assert "No treatment plan is complete" not in more
    assert "No treatment plan is complete" in care
    for verdict in ("likely to turn out better with surgery", "positive correlation with",
                    "IV blocks with guanethidine", "should have led to a specific diagnosis",
                    "inherent risk and benefit"):
        assert verdict in more and verdict not in care
    # A drug named in the short list against is explained once, in "Words to know", as
    # the reader's part names it; the ones the list counts are explained where named, after
    # the disclaimer.
    full = _section(pvg, MORE_ADVICE_FULL)
    assert "**guanethidine**" in _section(pvg, "Words to know")
    assert "**guanethidine**" not in full and "**guanethidine**" not in care
    for drug in ("reserpine", "droperidol", "ketanserin"):
        assert f"**{drug}**" not in _section(pvg, "Words to know")
        assert f"**{drug}**" in full
    # the reader keeps what care they may or may not get, and its limits
    for kept in ("Epidural infusions are not advised", "3 shots per site per year",
                 "either type of block", "Sympathectomy is usually not advised",
                 "provide and document teaching to you"):
        assert kept in more
    assert "how clinicians plan, record and judge care" in care


def test_more_advice_is_numbered_in_the_order_it_is_printed(crps) -> None:
    """PEMAT round 6, item 10: "More advice" said "in the guideline's order" while its numbers
    ran 16–22, 35, 36, 37, 23: a point printed under a topic that came first kept its place
    in the guideline. Numbers follow the page."""
    _, pvg = crps
    for body in (_points(pvg), _section(pvg, CARE_TEAM_PART)):
        numbers = [int(n) for n in re.findall(r"^- \*\*(\d+)\.\*\*", body, re.MULTILINE)]
        assert numbers == sorted(numbers) and numbers == list(
            range(numbers[0], numbers[0] + len(numbers)))


def test_crps_the_workers_own_actions_are_said_to_them_and_ticked_as_steps(crps) -> None:
    """PEMAT round 6, items 21–23 (both raters): "Continuing normal daily activities is the
    advice for most people …", "Activity should be raised …", "Return-to-work is a subject
    that should be addressed by each … health worker" spoke of no one, and the tick boxes were
    topics ("Ask your care team about activity"). Each is said to the worker, with its group
    and time kept, and the checklist says the act."""
    _, pvg = crps
    key = _section(pvg, "Key recommendations")
    assert ("You should continue normal daily activities, since not moving will harm rehab. "
            "The exception is if your care team advises otherwise.") in key
    assert "You should raise your activity as your core strength improves." in key
    assert ("At the first meeting, your care team should talk with you about return-to-work. "
            "They should talk about it again at each extra visit.") in key
    todo = _section(pvg, "What you can do")
    assert "The exception is if your care team advises otherwise (see 3)" in todo
    assert "☐ Raise your activity as your core strength improves" in todo
    # round 9 (item 22): what the doctor should give is the step the worker asks for
    assert "☐ Stop smoking. Ask your doctor for the right counseling (see 7)." in todo
    assert "Ask your care team about activity" not in todo
    assert pvg.summary and "Like most people" not in pvg.summary
    questions = _section(pvg, "Questions to ask your clinician")
    assert "Should I raise my activity as my core strength improves (advice 4)?" in questions
    assert "with you" not in questions
    # the medicines to avoid are before the disclaimer, one line each (round 26)
    more = _section(pvg, MORE_ADVICE)
    assert "Fentanyl, for use with people" in more and "Calcitonin (17)" in more


def test_crps_table_rows_name_their_treatment_and_whose_care_they_are(crps) -> None:
    """PEMAT round 6, item 16 (both raters): "Your care team should only use this type of
    treatment …" did not say which treatment; "Your care team should order random drug
    testing" did not say it is only for people on long-term opioids."""
    _, pvg = crps
    key = _section(pvg, "Key recommendations")
    table = [line for line in key.split("\n") if line.startswith("| ")]
    assert not any("nerve stimulation" in row for row in table)  # round 7: no step of care
    assert any("random drug testing (part of the care for long-term opioids)" in row
               for row in table)
    assert not any("this type of treatment" in row for row in table)
    more = _points(pvg)
    assert "make sure you understand the amount of treatment after surgery needed" in more


def test_crps_a_reason_moved_after_leaves_no_their_before_what_it_stands_for(crps) -> None:
    """PEMAT round 6, item 10: "Your care team should be aware of their impact on your
    ability …. This is even though these treatments …": "their" came before what it
    stands for once the reason went after."""
    _, pvg = crps
    more = _points(pvg)
    assert "should be aware of the impact of these treatments on your ability" in more
    assert "aware of their impact" not in more
