"""The compact page of a long ungraded guideline says what is advised against as one short
list, a few words each by topic with when it may still be done, and the advice on terms in
short; every word of those points, their cautions, strict terms and lists, follows the
disclaimer. PEMAT-P raters kept finding the Colorado CRPS page too long (item 2) and full of
clinicians' words (items 3 and 4)."""

from __future__ import annotations

import re

import pytest

from domain import overview
from domain.generation import OfflineProvider, reader_words
from domain.model import PatientVersion
from domain.page_plan import MORE_ADVICE, MORE_ADVICE_FULL
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CRPS = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
CHRONIC = "colorado-dowc_chronic-pain-disorder_2017.md"
LEG = "colorado-dowc_lower-extremity-injury_2016.md"
TRAUMA = "colorado-dowc_cumulative-trauma-conditions_2017.md"
DEV = (CRPS, CHRONIC, LEG, TRAUMA)

CRPS_BUDGET = 4020
"""The CRPS reader's part, in words (4,077 with each point against printed in full with its
cautions; 3,617, then 3,669 once a point on terms kept its whole first sentence, condition
and all; 3,720 with the list's drugs and short forms explained where they are met; 3,766
with short harms under their points; 3,844 with the meanings of sympathetic and regional
blocks, infusions and graded motor imagery and the absolute risks of the opioid harms, which
the round-14 raters found missing, less the note on the care system's duties; 3,864 with
the note on the buprenorphine exception and the other ways off opioids, less a prevention
finding, round 15; 3,975 with how the risk of death grows with the dose beside its baseline,
which round-16 raters V and W found only after the disclaimer, and the meanings of prosthetics,
complementary medicine and functional tests; 3,992 with the signs of an opioid overdose
beside naloxone, round 20; 4,018 with the step to ask whether the insurer must approve a
treatment first, which round-20 raters found only in the care team's part). The aim
is 2,500: the key advice (about 1,250 words) and the word list (about 550)
are still long."""
LIST_AGAINST_WORDS = 260
"""What the CRPS page advises against, 18 points, in words: a few each."""

JARGON = ("optimization of blood sugars", "QT prolonging agents", "maximal independence",
          "non-malignant pain", "mood disorders", "deemed right", "deemed appropriate",
          "relapse", "will be minimized")
"""Clinicians' phrases the raters quoted from the reader's part (PEMAT-P items 3 and 4)."""


@pytest.fixture(scope="module")
def pages() -> dict[str, PatientVersion]:
    return {name: OfflineProvider().generate(parse_guideline(corpus_file(name), name))
            for name in DEV}


def _reader(pvg: PatientVersion) -> str:
    return to_markdown(pvg).split("\n## Disclaimer", 1)[0]


def _after(pvg: PatientVersion) -> str:
    return to_markdown(pvg).split("\n## Disclaimer", 1)[1]


def _section(pvg: PatientVersion, heading: str) -> str:
    return next(s.body for s in pvg.sections if s.heading == heading)


def _listed_against(pvg: PatientVersion) -> dict[int, str]:
    """The short list against: number -> its few words."""
    more = _section(pvg, MORE_ADVICE)
    listed = more.split(overview.AGAINST_BRIEF, 1)[1].split(overview.TERMS_BRIEF, 1)[0]
    return {int(n): words for words, n in re.findall(r"^  - (.+) \((\d+)\)$", listed,
                                                      re.MULTILINE)}


def _words(text: str) -> int:
    return len([w for w in text.split() if re.search(r"[A-Za-z0-9]", w)])


def test_the_crps_reader_part_is_within_its_budget(pages) -> None:
    words = reader_words(pages[CRPS])
    print(f"CRPS reader's part: {words} words")
    assert words <= CRPS_BUDGET
    listed = _listed_against(pages[CRPS])
    assert _words("\n".join(listed.values())) <= LIST_AGAINST_WORDS
    # a few words each: no reason, caution or strict term on the line
    for n, words_said in listed.items():
        assert "Take care" not in words_said and "The reasons are" not in words_said, n
        assert _words(words_said) <= 25, (n, words_said)


def test_nothing_is_lost_every_point_against_is_named_and_whole_after_the_disclaimer(
        pages) -> None:
    for name in (CRPS, CHRONIC, LEG):
        pvg = pages[name]
        guideline = parse_guideline(corpus_file(name), name)
        assert len(pvg.recommendations) == len(guideline.recommendations), name
        assert all(r.source_text.strip() for r in pvg.recommendations), name
        full = _section(pvg, MORE_ADVICE_FULL)
        against = {int(n) for n in re.findall(r"^- \*\*(\d+)\.\*\* ✖", full, re.MULTILINE)}
        listed = _listed_against(pvg)
        assert against and against <= set(listed), (name, sorted(against - set(listed)))
    # the reasons, cautions, strict terms and lists the short list leaves out, in full after
    after = _after(pages[CRPS])
    for said in ("Permanent nerve problems are common", "proximal limb is involved",
                 "at least 1 degree Celsius", "10% of total dose per week",
                 "high rate of relapse", "Ketamine can cause a big rise in blood pressure",
                 "  - pneumothorax"):
        assert said in after, said
    # the strict terms and lists stay after it; a short harm is said under its point too
    for said in ("proximal limb is involved", "at least 1 degree Celsius", "high rate of relapse",
                 "  - pneumothorax"):
        assert said not in _section(pages[CRPS], MORE_ADVICE), said


def test_when_a_point_against_may_still_be_done_is_said_in_a_few_words(pages) -> None:
    listed = _listed_against(pages[CRPS])
    assert listed[57] == "Intrathecal Drug delivery: only in rare cases"
    assert listed[58] == "Sympathectomy: only in some cases, on strict terms, needs prior approval"
    assert listed[59].startswith("Amputation, except in cases of gangrene")
    # the other ways, with no preference the guideline does not give (round-15 rater T)
    assert listed[34] == ("Opioid addiction treatment: abrupt stopping; rapid detox under "
                          "anesthesia (other ways it lists: slow but progressive taper; "
                          "switching to a different opioid medicine (buprenorphine/naloxone))")
    # whom it is not advised for stays with it; a list of six drugs or more names the first
    assert listed[19] == "Fentanyl, for use with people with muscle and bone long-term pain"
    assert listed[30] == "IV blocks with guanethidine or 5 others"
    # grouped under the topic lines of the overview
    more = _section(pages[CRPS], MORE_ADVICE)
    below = more.split(overview.AGAINST_BRIEF, 1)[1]
    # a long topic split into medicines and the rest (round-15 raters T and U)
    assert below.index("- **Treatments — non-surgical, medicines:**") < below.index(
        "(16)") < below.index("- **Treatments — non-surgical, other treatments:**") < below.index(
        "(31)") < below.index("- **Treatments — surgical:**") < below.index("(57)")


def test_advice_on_terms_is_its_condition_in_short(pages) -> None:
    more = _section(pages[CRPS], MORE_ADVICE)
    terms = more.split(overview.TERMS_BRIEF, 1)[1].split("\n\n", 2)[1]
    points = re.findall(r"^- \*\*(\d+)\.\*\* ✔ (.+)$", terms, re.MULTILINE)
    assert len(points) >= 6
    said = dict(points)
    assert "You must also be trying to increase function" in said["23"]
    assert "limited to 3 shots per site per year" in said["28"]
    assert "until your blood sugar is under control" in said["51"]
    assert "Advice for:" not in terms  # the heading says it
    # a caution the reader meets in "Things to consider" is not said again here
    assert "Take care" not in terms


def test_no_clinicians_jargon_the_raters_named_in_the_reader_part(pages) -> None:
    for name, pvg in pages.items():
        reader = _reader(pvg).lower()
        for phrase in JARGON:
            assert phrase.lower() not in reader, (name, phrase)
    reader = _reader(pages[CRPS])
    assert "medicines that can change the heart's rhythm" in reader
    assert "people whose pain is not caused by cancer" in reader
    assert "You will do as much as you can on your own, with home exercise" in reader
    assert "You will rely as little as you can on treatment by health workers" in reader


def test_the_tramadol_and_controlled_substance_cautions_stay_before_the_disclaimer(
        pages) -> None:
    reader = _reader(pages[CRPS])
    consider = reader.split("## Things to consider", 1)[1].split("\n## ", 1)[0]
    assert ("If you are offered tramadol, tell your care team if any of these apply to "
            "you") in consider
    assert ("If you are offered controlled substances, tell your care team if any of these "
            "apply to you") in consider
    assert "Firm reasons never to have treatment shots include" in consider
    # and not said again in the short list
    more = _section(pages[CRPS], MORE_ADVICE)
    assert "Firm reasons never to have" not in more
    # only a short harm stays under its point (round-13 raters: "Permanent nerve problems are
    # common" was only after the disclaimer); a long caution list is in the things to consider
    assert all(len(line.split()) <= 30 for line in more.split("\n") if "Take care" in line)


def test_words_to_know_are_words_of_the_reader_part_not_explained_where_used(pages) -> None:
    for name in (CRPS, CHRONIC, LEG):
        pvg = pages[name]
        words = _section(pvg, "Words to know")
        rest = "\n".join(s.body for s in pvg.sections[:[s.heading for s in pvg.sections]
                                                       .index("Words to know")])
        explained = " ".join(re.findall(r"\*\*Words used here:\*\* ([^\n]+)", rest)).lower()
        for term in re.findall(r"^- \*\*([^*]+)\*\*:", words, re.MULTILINE):
            assert re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", rest,
                             re.IGNORECASE), (name, term)
            assert not re.search(rf"(?<![\w-]){re.escape(term.lower())} (?:is|are|means)\b",
                                 explained), (name, term)


def test_a_caution_not_said_in_things_to_consider_stays_with_its_point(pages) -> None:
    """The NSAID heart warning of the leg page is said nowhere else before the disclaimer:
    it stays with its point on terms; CRPS's reasons against shots, said in "Things to
    consider", are not said twice."""
    leg = _section(pages[LEG], MORE_ADVICE).split(overview.TERMS_BRIEF, 1)[1]
    point = next(x for x in leg.splitlines() if x.startswith("- **146.**"))
    assert "Take care: The FDA advises that many NSAIDs may cause a higher risk" in point
    crps = _section(pages[CRPS], MORE_ADVICE)
    point = next(x for x in crps.splitlines() if x.startswith("- **27.**"))
    assert "Take care" not in point
    assert "Firm reasons never to have treatment shots" in _reader(pages[CRPS])
