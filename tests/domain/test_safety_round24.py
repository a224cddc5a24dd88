"""Round-9 PEMAT safety findings: advice a reader could misread in a way that matters (whose
infection, who gives a medicine, a permission read as a recommendation)."""

from __future__ import annotations

from domain.voice import you_throughout


def test_an_exception_for_infection_says_it_is_the_readers_own() -> None:
    """CDC-PHS round 9 (rater C): after a list of the donor's conditions, "your testing …
    (unless infection was recorded before the transplant)" read as the donor's infection,
    which would exempt exactly the recipients of infected donors. In advice said to the
    reader, an infection with no owner in an exception is the reader's own."""
    text = ("If you are a recipient, you should get hepatitis C testing after the transplant. "
            "This applies when the donor meets any of these conditions:\n- (1) the donor is "
            "infected with hepatitis C\nYour care team should do your testing between one and "
            "three months after the transplant (unless infection was recorded before the "
            "transplant).")
    out = you_throughout(text)
    assert "(unless your own infection was recorded before the transplant)" in out
    assert "between one and three months after the transplant" in out
    # Text not said to a reader by role is left as the guideline has it.
    other = "Testing is done (unless infection was recorded before the transplant)."
    assert you_throughout(other) == other


def test_a_medicine_taken_by_mouth_every_day_is_given_by_the_reader() -> None:
    """NHLBI round 9 (raters B, C): "Your care team should give your child preventive penicillin
    by mouth (…) twice daily until age 5" read as a clinic treatment, though a parent gives
    the doses at home for years. A medicine by mouth on a daily schedule is said as the
    reader's to give, first (a one-sentence summary keeps it whole), then that the care team
    prescribes it; doses, times and ages stay as they are."""
    from domain.voice import given_at_home

    text = ("Your care team should give your child preventive penicillin by mouth (125 mg for age "
            "under 3 years and 250 mg for age 3 years or older) twice daily until age 5.")
    assert given_at_home(text) == (
        "You should give your child preventive penicillin by mouth (125 mg for age under 3 years "
        "and 250 mg for age 3 years or older) twice daily until age 5. Your care team "
        "prescribes it.")
    own = "Your care team should give you aspirin by mouth once a day."
    assert given_at_home(own) == ("You should take aspirin by mouth once a day. Your care team "
                                  "prescribes it.")
    # A dose given once (in the clinic) is the care team's to give.
    once = "Your care team should give your child a dose of antibiotic by mouth before surgery."
    assert given_at_home(once) == once


def test_a_graded_permission_is_shown_as_an_option_not_as_advice_for() -> None:
    """NHLBI round 9 (rater B): "combined hormonal birth control … may be used" carried
    "✔ Advice for", which reads as advice to use it; the source only permits it. A graded
    statement that something may be used, with no word advising it, is called an option; its
    sign (read by quality control) and what it says of the grade stay."""
    from domain.model import Direction, Strength
    from domain.strength_words import strength_of

    permit = ("If the benefits are considered to outweigh the risks, combined hormonal "
              "contraceptives (pills, patches, and rings) may be used in women with SCD.")
    said = strength_of(permit, Direction.FOR, Strength.CONSENSUS)
    assert said.startswith("✔ An option.") and "Advice for" not in said
    assert "shared view" in said
    advised = "We recommend that metformin may be used as first-line therapy."
    assert strength_of(advised, Direction.FOR, Strength.STRONG).startswith("✔✔ Strong advice for")
    # An ungraded guideline says "may be used" of everything it advises: no option is singled out.
    loose = "Trigger point injections may be used to relieve myofascial pain."
    assert strength_of(loose, Direction.FOR, Strength.UNGRADED).startswith("✔ Advice for")


def test_a_title_never_names_the_first_of_a_list_as_the_whole() -> None:
    """USPSTF round 9 (raters B, C): "Not sure yet: extra screening for breast cancer using
    breast ultrasound" headed advice on "breast ultrasound, MRI scan, digital breast
    tomosynthesis, or other methods"; a reader scanning headings took it for ultrasound only.
    A title cut at the comma of a list "A, B, or other X" keeps that others are meant."""
    from domain.layout import block_title
    from domain.model import Direction

    text = ("There is not enough proof about the good and harm of extra screening for breast "
            "cancer using breast ultrasound, MRI scan, digital breast tomosynthesis, or other "
            "methods.")
    title = block_title(text, Direction.INSUFFICIENT) or ""
    assert title.startswith("Not sure yet: extra screening for breast cancer")
    assert not title.endswith("using breast ultrasound")


def _page(name: str) -> str:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.support.corpus import corpus_file

    data = corpus_file(name).read_bytes()
    return to_markdown(OfflineProvider().generate(parse_guideline(data, name)))


def test_a_programme_says_which_kind_works_better_and_how_to_learn_if_it_is_for_you() -> None:
    """CPSTF round 9 (raters B, C): the page listed what programmes include but dropped the
    source's "Higher-intensity programs lead to greater weight loss and reduction in
    new-onset diabetes", and its one step sent a reader "at higher risk" to a programme
    without a way to learn whether they are. The sentence after what a programme involves
    that says which kind works better is printed with it, and a step asks the care team
    about the risk the advice depends on."""
    page = _page("cpstf_diet-physical-activity-diabetes-prevention_2015.md")
    works = page.split("**What works better:** ", 1)[1].split("\n", 1)[0]
    assert ("Programs that offer more sessions and more support lead to greater weight loss and "
            "fewer new cases of diabetes.") in works
    assert "- ☐ Ask your care team if you are at higher risk for type 2 diabetes" in page


def test_a_group_unlikely_to_benefit_is_said_with_the_advice_for_its_ages() -> None:
    """USPSTF round 9 (raters B, C): "Experts advise a screening mammogram every 2 years" for
    everyone 50 to 74, while the source's clinical considerations say women 70 to 74 with
    moderate to severe other illnesses are unlikely to benefit. A sentence saying a group of
    certain ages is unlikely to benefit is printed as a note of the advice for those ages;
    the advice itself is unchanged."""
    page = _page("uspstf_breast-cancer-screening_2016.md")
    block = page.split("#### 1. ", 1)[1].split("#### 2. ", 1)[0]
    assert "Experts advise a screening mammogram every 2 years." in block
    assert ("**Note:** Computer models suggest that women aged 70 to 74 years with moderate "
            "to severe other health problems") in block
    assert "are unlikely to benefit from mammography." in block


def test_a_note_that_names_a_time_of_care_is_a_row_of_the_table() -> None:
    """VA/DoD round 9 (raters B, C): "Looking at opioid treatment beyond 90 days needs a new
    check and a talk with you about risks and good effects" was a note of advice 4 only; the
    "When things happen" table, which says it puts the advice in the order of care, had no
    row for it. A note that names a time of care is a row, in its own words."""
    page = _page("va-dod_opioid-therapy-chronic-pain_2017.md")
    table = page.split("**When things happen:**", 1)[1].split("\n\n###", 1)[0]
    row = next((r for r in table.split("\n") if "90 days" in r), "")
    assert row.startswith("| Beyond 90 days |") and "new check" in row, table
    rows = [r for r in table.split("\n") if r.startswith("| ") and "---" not in r][1:]
    assert rows.index(row) < next(k for k, r in enumerate(rows) if "every three months" in r)


def test_a_caution_for_pregnant_women_tells_the_reader_what_to_do() -> None:
    """VA/DoD round 9 (raters B, C): "any choice about giving opioids … for pregnant women
    should be made with care …" is a choice for the care team; the reader had no step. A
    caution of the guideline's scope about a choice for pregnant women says that a reader
    who is pregnant tells the care team, which is how that care can be taken."""
    page = _page("va-dod_opioid-therapy-chronic-pain_2017.md")
    line = next(x for x in page.split("\n") if "for pregnant women" in x)
    assert line.rstrip().endswith("If you are pregnant, tell your care team.")


def test_a_long_benefit_keeps_its_main_clause_instead_of_being_dropped() -> None:
    """CDC-PHS round 9 (raters B, C): the source's "Benefits of routine testing of recipients
    … include early identification of infection and treatment before signs and symptoms
    develop, as well as early notification of recipients of organs from the same donor …"
    was too long for "Possible good effects" and was dropped whole, so a recipient was not
    told why the tests after the transplant matter. A benefit too long to print keeps its
    main clause, cut before ", as well as"."""
    page = _page("cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md")
    good = page.split("**Possible good effects:**", 1)[1].split("**Possible harms", 1)[0]
    assert "early identification of infection and treatment before signs and symptoms" in good


def test_the_duties_note_says_when_a_duty_reports_the_readers_own_infection() -> None:
    """CDC-PHS round 9 (raters B, C): duties after the disclaimer report a living donor's
    or recipient's infection to public health offices, while the reader's page said of all
    of them "You do not need to do anything about them" and the care-team part "None of
    them is a step the person getting care … goes through". When a duty reports a person's
    infection to public health, the note on the reader's page says so, and the care-team
    part no longer says none concerns the person."""
    from domain.page_plan import duties_note

    duties = ["The transplant center should also tell public health offices where the "
              "transplant took place of the recipient's infection. This is in line with state "
              "rules for reporting must-report infections.",
              "Laboratories should keep records of samples."]
    note = duties_note(duties)
    assert "You do not need to do anything about them." not in note
    assert ("One is about you: if a test finds such an infection in you, it is reported to "
            "public health offices, as state rules require.") in note
    assert "You do not need to do anything about the others." in note
    assert duties_note(duties[1:]) == ""  # round 14: nothing about the reader, no paragraph
    page = _page("cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md")
    assert "None of them is a step the person getting care" not in page


def test_the_size_of_a_benefit_by_age_is_said_with_the_advice_for_those_ages() -> None:
    """USPSTF round 9 (raters B, C): women 40 to 49 were asked to weigh the good against the
    harm with no size of the good; the source gives it ("screening 10,000 women aged 40 to 49
    years will result in 3 … fewer breast cancer deaths" over 10 years). A benefit counted
    for an age group is a note of the advice for those ages, its numbers as the source has
    them."""
    page = _page("uspstf_breast-cancer-screening_2016.md")
    two = page.split("#### 2. ", 1)[1].split("#### 3. ", 1)[0]
    assert ("**Note:** Over a 10-year period, screening 10,000 women aged 40 to 49 years will "
            "result in 3 fewer breast cancer deaths.") in two
    one = page.split("#### 1. ", 1)[1].split("#### 2. ", 1)[0]
    assert "aged 60 to 69 years will result in 21 fewer breast cancer deaths" in one
    assert "aged 50 to 59 years will result in 8 fewer breast cancer deaths" in one
