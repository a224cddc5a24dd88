"""What two blind PEMAT-P raters of the CDC-PHS organ-transplant page found (items 2, 3 and
11, and a shared safety point), and safety points read on three other pages: the reader's
part (title to "## Disclaimer") is checked, as the raters scored it."""

from __future__ import annotations

import re
from functools import cache

from domain.generation import OfflineProvider
from domain.layout import block_title
from domain.lists import as_list
from domain.model import Direction
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CDC = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"


@cache
def _page(name: str) -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))


def _reader(name: str) -> str:
    """The reader's part of a printed page: title to disclaimer."""
    return _page(name).split("## Disclaimer", 1)[0]


def _summary(name: str) -> list[str]:
    """The main-advice lines at the top of the page."""
    top = _reader(name).split("Here is the main advice:", 1)[1].split("\n## ", 1)[0]
    return [line[2:] for line in top.splitlines() if line.startswith("- ")]


def _block(name: str, heading: str) -> str:
    """The block of one piece of advice, by words of its heading."""
    block = _reader(name).split(heading, 1)[1]
    return re.split(r"\n#{2,4} ", block, maxsplit=1)[0]


def test_every_summary_line_says_advice_not_only_where_it_is() -> None:
    """Rater E (item 11): "your tests after the transplant are in advice 12 to 14" and "For
    all their tests, see advice …" only pointed; a reader who stops at the summary learns
    what tests a recipient and a donor get."""
    lines = _summary(CDC)
    assert lines and not any(re.search(r"\bare in advice\b|\bsee advice\b", x) for x in lines)
    recipient = next(x for x in lines if x.startswith("If you are a recipient"))
    donors = next(x for x in lines if x.startswith("All would-be organ donors"))
    for line in (recipient, donors):
        assert all(name in line for name in ("HIV", "hepatitis B", "hepatitis C")), line
    assert "may need" in recipient  # each test applies only in some cases


def test_the_reader_is_told_donor_nucleic_acid_results_may_come_after_the_transplant() -> None:
    """Both raters: the source's note (recs 7 and 8) that a deceased donor's nucleic acid
    test results may not be back before the transplant was on neither part of the page."""
    reader = _reader(CDC)
    notes = [line for line in reader.splitlines() if "nucleic acid test results" in line]
    assert len(notes) == 2, notes  # the HIV and the hepatitis C testing of donors
    for note in notes:
        assert "before the transplant" in note and "not possible" in note, note
        assert "Optimally" not in note and "feasible" not in note, note


def test_lab_test_names_and_short_forms_are_said_as_what_they_find() -> None:
    """Raters D and E (items 2, 3): "HIV ribonucleic acid by nucleic acid test", "anti-HCV",
    "hepatitis C RNA", "Ab-negative" and "HBV- or HCV-infected" are names a reader cannot
    use."""
    reader = _reader(CDC)
    for lab_name in ("ribonucleic", "anti-HCV", "RNA", "Ab-negative", "HBV", "HCV",
                     "antibody to hepatitis B core antigen and"):
        assert lab_name not in reader, lab_name
    assert "HIV genes in the blood (nucleic acid test)" in reader
    assert "hepatitis C genes in the blood (nucleic acid test)" in reader
    assert "signs of a past or current hepatitis B infection" in reader
    assert "may still show no antibodies on the test" in reader
    assert "organs from donors infected with hepatitis B or hepatitis C will be used" in reader
    # a word one counts is explained with its article: "An antibody is a protein …"
    assert "Antibody is a protein" not in reader and "An antibody is a protein" in reader


def test_a_heading_names_every_infection_of_its_advice() -> None:
    """Advice 5's heading and question stopped at "the risk of HIV", the first of three."""
    headings = re.findall(r"^#### \d+\. (.+)$", _reader(CDC), re.MULTILINE)
    talk = next(h for h in headings if h.startswith("Having opportunities to discuss"))
    assert talk.endswith("the risk of HIV, hepatitis B, or hepatitis C"), talk
    assert block_title("You should get tested for vitamins A, D, E, or K.",
                       Direction.FOR) == "Getting tested for vitamins A, D, E, or K"
    # Only names (with a capital or a figure) are kept whole: "diagnose, confirm, or manage"
    # is no series of names.
    title = block_title("Experts advise against using MRI to diagnose, confirm, or manage "
                        "knee pain.", Direction.AGAINST)
    assert title is not None and "confirm" not in title


def test_an_example_already_named_is_not_said_again() -> None:
    """Advice 15 said "HIV antigen/antibody mix test" in its first sentence, then again as
    "For example: HIV antigen/antibody mix test."."""
    block = _block(CDC, "Getting tested for antibodies to HIV")
    assert block.count("antigen/antibody mix test") == 1, block
    assert "For example:" not in block


def test_names_sharing_one_noun_stay_in_their_sentence() -> None:
    """Advice 17 ended in a list "- HIV / - hepatitis B / - hepatitis C infection": the
    noun of all three on the last line only."""
    reader = _reader(CDC)
    assert not re.search(r"^\s*- hepatitis C infection$", reader, re.MULTILINE)
    assert as_list("The aim is to find out whether would-be organ donors are at higher risk "
                   "for HIV, hepatitis B, or hepatitis C infection.") is None
    assert as_list("Red blood cells units that are to be transfused to people with sickle cell "
                   "disease should include matching for C, E, and K antigens.") is None
    # a list of things that share no noun is still split
    assert as_list("Your care team should look at how well the medicine works for you and "
                   "change the dose based on pain, symptoms, past doses, and side effects.")


OPIOIDS = "va-dod_opioid-therapy-chronic-pain_2017.md"


def test_the_opioid_summary_says_not_to_stop_suddenly() -> None:
    """The summary advised against long-term opioid therapy and said nothing about stopping;
    the guideline's note to its tapering advice is "Abrupt discontinuation should be avoided
    unless required for immediate safety concerns": a reader on opioids must not take the
    summary as "stop now"."""
    from domain.readability import words
    from domain.summary import MAX_SUMMARY_WORDS

    lines = _summary(OPIOIDS)
    stop = [x for x in lines if "do not stop them suddenly" in x]
    assert len(stop) == 1 and stop[0].startswith("If you take opioids now"), lines
    number = re.search(r"\(advice (\d+)\)", stop[0])
    assert number and "Abrupt discontinuation" not in _reader(OPIOIDS)
    tapering = re.search(rf"^#### {number.group(1)}\. (.+)$", _reader(OPIOIDS), re.MULTILINE)
    assert tapering and "Tapering" in tapering.group(1)
    top = _reader(OPIOIDS).split("## What this guideline is about", 1)[0]
    assert len(words(top.split("\n", 1)[1])) <= MAX_SUMMARY_WORDS


HEP_B = "cdc_health-care-personnel-hepatitis-b-protection_2013.md"


def test_the_hepatitis_b_page_speaks_to_the_health_worker_who_reads_it() -> None:
    """A page that says "you" said its advice about "the health workers" in the third
    person: "The health workers should get 2 doses …", "If an exposed health worker is
    breast feeding, she does not need to stop."."""
    page = _page(HEP_B)
    for third in ("The health workers should get", "If an exposed health worker is",
                  "The exposed health worker does not", "Health workers who have anti-HBs",
                  "If the health worker has", "Incompletely vaccinated health workers should"):
        assert third not in page, third
    reader = _reader(HEP_B)
    assert "If you are exposed and are breast feeding, you do not need to stop." in reader
    assert "If you are exposed, you do not need to modify sexual practices" in reader
    assert "If you have anti-HBs of less than 10 mIU/mL, or you are unvaccinated" in reader
    assert "  - You should get 2 doses of hepatitis B immune globulin." in page
    # a group named inside the sentence keeps its name: no "training to you"
    assert "provide training to health workers" in page


def test_a_point_against_said_again_word_for_word_is_listed_once() -> None:
    """"People with a healthy immune system have long-term protection and do not need
    further regular testing …" stood three times among the points against."""
    reader = _reader(HEP_B)
    same = [line for line in reader.splitlines()
            if "have long-term protection and do not need further regular testing" in line]
    assert len(same) == 1 and "(Also advice " in same[0], same
    # after the disclaimer every point is still printed in full
    after = _page(HEP_B).split("## Disclaimer", 1)[1]
    assert after.count("have long-term protection and do not need further regular testing") == 3


def test_an_advice_heading_says_what_is_advised_against_not_only_its_topic() -> None:
    """Advice 12 was headed "First postexposure care": the topic, which reads as advice for
    it, while the block advises against putting bleach into the wound."""
    headings = re.findall(r"^#### \d+\. (.+)$", _reader(HEP_B), re.MULTILINE)
    assert "First postexposure care" not in headings
    assert ("Not advised: putting harsh chemicals or injecting antiseptics or disinfectants"
            in headings)


BREAST = "uspstf_breast-cancer-screening_2016.md"


def test_the_larger_harms_at_40_to_49_are_said_next_to_that_advice() -> None:
    """The recommendation section says that for women aged 40 to 49 "the number of
    false-positive results and unnecessary biopsies is larger"; the page said it nowhere near
    the choice to start screening in the 40s."""
    block = _block(BREAST, "Age 40 to 49")
    note = next((line for line in block.splitlines() if "false-positive results" in line), "")
    assert note.startswith("**Note:**") and "is larger" in note, block
    assert "40 to 49" in note and "older women" in note
