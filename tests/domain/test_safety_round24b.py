"""Round-10 PEMAT safety findings: a label the legend never explains, exceptions the summary
and checklist leave out, "they" read as the care team, harm figures missing beside benefit
figures, and a model's finding printed as fact."""

from __future__ import annotations

import re

from domain.legend import legend
from domain.model import Direction, PvgRecommendation, Recommendation, Strength


def _pair(text: str, strength: str, level: Strength) -> tuple[PvgRecommendation, Recommendation]:
    out = PvgRecommendation(id="R", text=text, strength=strength, direction=Direction.FOR,
                            source_text=text, strength_level=level)
    rec = Recommendation(id="R", text=text, source_text=text, direction=Direction.FOR,
                         strength=level, scheme="GRADE")
    return out, rec


def test_the_legend_explains_an_option_when_the_page_shows_one() -> None:
    """NHLBI round 10: "✔ An option" was on the page but not in "What the signs mean"; a
    reader checking the legend found only "✔ Advice for". The option gets its own line."""
    advice = _pair("Your care team should check your eyes.",
                   "✔ Advice for. This is the experts' shared view.", Strength.CONSENSUS)
    option = _pair("Birth control pills may be used.",
                   "✔ An option. Experts say it may be used. They do not advise it for "
                   "everyone. This is the experts' shared view.", Strength.CONSENSUS)
    said, _ = legend([advice[0]], [advice[1]], [advice, option])
    lines = said.splitlines()
    assert any(x.startswith("- ✔ Advice for.") for x in lines)
    assert ("- ✔ An option. Experts say it may be used. They do not advise it for everyone."
            in lines)
    # A page whose only ✔ item is an option does not explain "✔ Advice for".
    said, _ = legend([], [], [option])
    assert not any("Advice for" in x for x in said.splitlines())
    assert "An option" in said
    # No option on the page: no option line.
    said, _ = legend([advice[0]], [advice[1]], [advice])
    assert "An option" not in said


def test_they_in_an_exception_after_the_care_team_names_the_reader() -> None:
    """NHLBI round 10: "If your child has hemoglobin SS: - Your care team should stop
    preventive penicillin at age 5. The exception is if they have had a splenectomy" read
    "they" as the care team. In advice led by whom it is for, "they" in an exception is that
    person, said by name."""
    from domain.voice import you_throughout

    child = ("If your child has hemoglobin SS:\n- Your care team should stop preventive "
             "penicillin at age 5.\nThe exception is if they have had a splenectomy or "
             "invasive pneumococcal disease.")
    assert you_throughout(child).endswith(
        "The exception is if your child has had a splenectomy or invasive pneumococcal "
        "disease.")
    own = ("If you have sickle cell disease:\n- Your care team should stop the medicine.\n"
           "The exception is if they are pregnant.")
    assert you_throughout(own).endswith("The exception is if you are pregnant.")
    # "they" with no reader named before it is left alone.
    other = "Your care team should stop it. The exception is if they have had surgery."
    assert you_throughout(other) == other


def test_a_line_for_advice_until_an_age_points_to_the_exceptions_for_that_age() -> None:
    """NHLBI round 10: the summary and the checklist said "give penicillin … twice daily until
    age 5" while advice 3 keeps it going after age 5 for a child who had a splenectomy. A line
    for advice that runs until an age points to the advice for the same reader that stops it
    at that age with exceptions."""
    from domain.ends import point_to_exceptions

    page = {
        1: "If your child has hemoglobin SS:\n- You should give your child penicillin twice "
           "daily until age 5.",
        3: "If your child has hemoglobin SS:\n- Your care team should stop penicillin at age "
           "5.\nThe exception is if your child has had a splenectomy.",
        4: "If your child has hemoglobin SC disease:\n- Your care team should think about not "
           "giving penicillin at age 5.\nThe exception is if your child has had a splenectomy.",
    }
    line = ("If your child has hemoglobin SS, you should give your child penicillin twice daily "
            "until age 5.")
    assert point_to_exceptions(line, 1, page) == (
        f"{line[:-1]} (see 3 for when to keep going).")
    step = f"{line[:-1]} (see 1)."
    assert point_to_exceptions(step, 1, page) == (
        f"{line[:-1]} (see 1; see 3 for when to keep going).")
    # Another reader's advice (hemoglobin SC) is not pointed to; nor is advice with no end.
    assert point_to_exceptions("Stop penicillin at age 5.", 3, page) == "Stop penicillin at age 5."
    page.pop(3)
    assert point_to_exceptions(line, 1, page) == line


def test_the_sickle_cell_page_summary_and_checklist_point_to_when_to_keep_penicillin() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "nhlbi_sickle-cell-health-maintenance_2014.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    lines = [x for x in page.splitlines() if "twice daily until age 5" in x and "- " in x[:4]]
    summary_line, step = lines[0], lines[-1]
    assert summary_line.endswith("until age 5 (see 3 for when to keep going).")
    assert step.endswith("until age 5 (see 1; see 3 for when to keep going).")


def _guideline(text: str, rec: str):  # type: ignore[no-untyped-def]
    from domain.model import DocumentFormat, ParsedGuideline, Section

    return ParsedGuideline(
        title="Screening", format=DocumentFormat.MARKDOWN,
        sections=[Section(heading="Evidence", text=text)],
        recommendations=[Recommendation(id="R1", text=rec, source_text=rec,
                                        direction=Direction.FOR)])


def test_a_models_finding_on_who_is_unlikely_to_benefit_keeps_its_hedge() -> None:
    """USPSTF round 10: "Current CISNET models suggest that women aged 70 to 74 years with …
    comorbid conditions … are unlikely to benefit" was printed as fact. The note keeps that
    it is what models suggest."""
    from domain.attachments import unlikely_to_benefit
    from domain.plain import Rewriter

    g = _guideline("Current CISNET models suggest that women aged 70 to 74 years with severe "
                   "illness are unlikely to benefit from mammography. Other text.",
                   "Screening every 2 years for women aged 50 to 74 years.")
    notes = unlikely_to_benefit(g, Rewriter())[0]
    assert len(notes) == 1 and notes[0].startswith(
        "Computer models suggest that women aged 70 to 74")
    plain = _guideline("Women aged 70 to 74 years with severe illness are unlikely to benefit "
                       "from mammography.", "Screening every 2 years for women aged 50 to 74 "
                       "years.")
    assert unlikely_to_benefit(plain, Rewriter())[0][0].startswith("Women aged 70 to 74")


def test_harm_figures_for_an_age_group_go_beside_its_benefit_figures() -> None:
    """USPSTF round 10: the deaths avoided per 10,000 women were notes of the advice for
    each age group, but the source's figures for the harms of the same screening were not, so
    a reader weighed a counted good against an uncounted harm. A harm the source counts for
    an age group ("1 in 8 … from ages 50 to 75 years will be overdiagnosed", then "for every
    woman who avoids a death …, 2 to 3 women will be treated unnecessarily") is a note of the
    advice for those ages, numbers as printed, with whose estimate it is."""
    from domain.attachments import harm_sizes
    from domain.plain import Rewriter

    text = ("Modeling studies provide a range of estimates; the median estimate is that 1 in 8 "
            "women diagnosed with breast cancer with screening from ages 50 to 75 years will be "
            "overdiagnosed. The rate increases with an earlier start age. Even with the "
            "conservative estimate of 1 in 8 breast cancer cases being overdiagnosed, for every "
            "woman who avoids a death from breast cancer through screening, 2 to 3 women will "
            "be treated unnecessarily.")
    g = _guideline(text, "Screening every 2 years for women aged 50 to 74 years.")
    g.recommendations.append(Recommendation(
        id="R2", text="Screening for women aged 40 to 49 years.",
        source_text="Screening for women aged 40 to 49 years.", direction=Direction.FOR))
    notes = harm_sizes(g, Rewriter())
    assert list(notes) == [0]
    first, second = notes[0]
    assert first.startswith("Computer models estimate that 1 in 8 women ")
    assert first.endswith("from ages 50 to 75 years will be overdiagnosed.")
    assert second == ("For every woman who avoids a death from breast cancer through screening, "
                      "2 to 3 women will be treated unnecessarily.")


def test_what_works_better_keeps_that_programs_work_across_intensities() -> None:
    """CPSTF round 10: "Higher-intensity programs lead to greater weight loss …" alone reads
    as "a low-intensity program is not worth it", though the source says the programs work
    across a range of intensities. Both are said, from the source."""
    from domain.generation import works_better

    text = ("The Task Force recommends programs. These programs are effective across a range of "
            "counseling intensities, settings, and implementers. Programs commonly include a "
            "goal, sessions, and plans. Higher-intensity programs lead to greater weight loss.")
    said = works_better(text, text.index("Higher") - 1)
    assert said == ("These programs are effective whether they offer few or many sessions, "
                    "wherever they are held, and whoever runs them. Higher-intensity programs "
                    "lead to greater weight loss.")
    alone = "Programs include a goal, and plans. Higher-intensity programs lead to more loss."
    assert works_better(alone, alone.index("Higher") - 1) == (
        "Higher-intensity programs lead to more loss.")


def test_the_reporting_sentence_names_whom_a_persons_infection_is_told_to() -> None:
    """CDC-PHS round 10: the reader's page said a donor's or recipient's infection "is
    reported to public health offices", while the source also has it told to the transplant
    center meant to get the organ and the national network; that was only after the
    disclaimer. The sentence names each party the duties tell of a living person's
    infection, as the source does."""
    from domain.page_plan import duties_note

    texts = [
        "The living donor recovery center should tell the transplant center intended to get "
        "the organ. This applies when a living donor recovery center learns before organ "
        "recovery that a living would-be donor is infected with HIV.\nThe living donor "
        "recovery center should also tell the Organ Procurement and Transplantation Network.",
        "The living donor recovery center should also tell public health offices where the "
        "would-be donor lives of the possible living donor's infection. This is in line with "
        "state rules for reporting must-report infections.",
        "Labs should keep blood samples for 10 years.",
    ]
    said = duties_note(texts)
    assert ("if a test finds such an infection in you, it is told to the transplant centers "
            "involved and the Organ Procurement and Transplantation Network. It is also "
            "reported to public health offices, as state rules require.") in said
    # Duties that tell only public health keep the sentence as it was.
    assert "it is reported to public health offices, as state rules require." in duties_note(
        texts[1:])


def test_two_blocks_with_one_title_say_what_sets_them_apart_when_the_condition_is_long() -> None:
    """CDC-PHS round 10: advice 7 (at the organ offer) and 8 (stored blood vessels from a
    second donor) shared the title "Being told that the donor is at higher risk …", hiding
    8's condition. When a condition is too long for a title, the title says its time ("at
    the time of the organ offer") or what may be used ("if stored donated blood vessels may
    be used")."""
    from domain.generation import _told_apart
    from domain.layout import Item

    title = "Being told that the donor is at higher risk for HIV infection"
    seven = Item(number=7, direction=Direction.FOR, title=title,
                 text="At the time of the organ offer, if a donor is found to be at higher risk "
                      "for HIV infection:\n- Your care team should tell you.")
    eight = Item(number=8, direction=Direction.FOR, title=title,
                 text="If before transplant or repair of a transplanted organ it is known or "
                      "expected that stored donated blood vessels (from a donor who is different "
                      "from the donor of the primary organ) may be used, and the donor is found "
                      "to be at higher risk for HIV infection:\n- Your care team should tell you.")
    a, b = _told_apart([seven, eight])
    assert a.title == f"{title} (at the time of the organ offer)"
    assert b.title == f"{title} (if stored donated blood vessels may be used)"


def test_a_step_that_points_to_its_advice_leaves_the_exception_to_it() -> None:
    """CDC-PHS round 10 (rater B): a checklist step bundled a condition, an exception and a
    pointer ("… It applies only when … Ask your care team if this is the case. The exception
    is if you are known … There are more conditions: see advice 11."). A step that points to
    its advice keeps the condition and the pointer; the exception stays in the advice, and
    the pointer says there is one."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    steps = page.split("## What you can do", 1)[1].split("\n## ", 1)[0]
    step = next(x for x in steps.splitlines() if "If you are a transplant candidate" in x)
    # one action: the donor's conditions and the exception stay in the advice
    assert "The exception is" not in step and "applies only" not in step
    assert "ask your care team if you should get tested" in step
    assert step.endswith("(see 10 and 11).")


def test_a_table_row_does_not_repeat_its_time_and_rows_7_and_8_differ() -> None:
    """CDC-PHS round 10 (rater B): rows 7 and 8 of "When things happen" read the same. They
    now differ by what sets them apart; a title part that repeats the row's time is not said
    twice in the row."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    table = page.split("**When things happen:**", 1)[1].split("\n\n###", 1)[0]
    rows = {r.rsplit("|", 2)[-2].strip(): r for r in table.splitlines() if r.startswith("| ")}
    # A long table keeps the reader's own steps; what the care team tells them is pointed to.
    told = re.search(r"tells you, and when, is in advice ([\d, and]+)", table)
    for number, check in (("7", lambda r: "(at the time of the organ offer)" not in r),
                          ("8", lambda r: "(if stored donated blood vessels may be used)" in r)):
        if number in rows:
            assert check(rows[number])
        else:
            assert told and number in re.findall(r"\d+", told.group(1))


def test_rows_at_one_time_for_one_reader_that_read_alike_are_one_row() -> None:
    """CDC-PHS round 10 (rater B, 75 %): 14 rows, three of them "Sometime between one and
    three months after the transplant | Recipient | Get … testing" one test each. Rows with
    the same time and reader that read the same, or differ only in the test named, are one
    row listing each advice number."""
    from domain.page_plan import merged_rows

    rows = [("Sometime after", "Recipient", "Get hepatitis B testing (only in some cases)", "13"),
            ("Sometime after", "Recipient", "Get HIV testing (only in some cases)", "14"),
            ("Sometime after", "Recipient", "Get hepatitis C testing (only in some cases)", "15"),
            ("At 12 months", "Recipient", "Get hepatitis B testing (only in some cases)", "13"),
            ("At 12 months", "Recipient", "Get hepatitis B testing (only in some cases)", "16")]
    assert merged_rows(rows) == [
        ("Sometime after", "Recipient",
         "Get hepatitis B, HIV, and hepatitis C testing (only in some cases)", "13, 14, 15"),
        ("At 12 months", "Recipient", "Get hepatitis B testing (only in some cases)", "13, 16")]
    other = [("Before", "You", "Get tested", "1"), ("Before", "You", "Talk it over", "2")]
    assert merged_rows(other) == other
