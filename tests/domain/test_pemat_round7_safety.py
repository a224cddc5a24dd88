"""Round-7 safety findings on the opioid, organ-transplant and sickle cell pages, each as a
general rule."""

from domain import page_plan

_AGAINST = "Experts advise against starting long-term opioid therapy for long-term pain."
_ROWS = [
    (1, _AGAINST, "Not advised: starting long-term opioid therapy"),
    (11, "Your care team should put in place ways to lower risks when starting long-term "
         "opioid therapy.", "Putting in place ways to lower risks"),
    (23, "If take-home opioids are given:\n- Experts advise that immediate-release opioids are "
         "used at the lowest helpful dose with a new check of the opioid treatment no later "
         "than 3-5 days.", "Immediate-release opioids"),
    (13, "Your care team should check good effects at least every three months.",
     "Checking good effects"),
]


def test_a_row_for_care_strongly_advised_against_says_it_holds_only_if_started_anyway() -> None:
    table = page_plan.timeline(_ROWS, None, None, {1: _AGAINST}, {})
    row = next(line for line in table.splitlines() if line.endswith("| 11 |"))
    assert "only if it is started despite advice 1, which advises against it" in row


def test_a_row_keeps_the_group_its_advice_is_for() -> None:
    table = page_plan.timeline(_ROWS, None, None, {1: _AGAINST}, {23: "for short-term pain"})
    row = next(line for line in table.splitlines() if line.endswith("| 23 |"))
    assert row.startswith("| If take-home opioids are given (for short-term pain) |")


def test_a_time_no_advice_is_against_stays_as_it_is() -> None:
    table = page_plan.timeline(_ROWS, None, None, {1: _AGAINST}, {})
    row = next(line for line in table.splitlines() if line.endswith("| 13 |"))
    assert row.startswith("| At least every three months |")


def test_two_kinds_of_one_illness_joined_by_and_are_either_or_in_the_condition() -> None:
    from domain.voice import condition

    said = condition("children with hemoglobin SC disease and HbSβ⁺-thalassemia")
    assert said is not None
    assert said[0] == "your child has hemoglobin SC disease or HbSβ⁺-thalassemia"


def test_two_illnesses_or_an_illness_and_a_problem_keep_and() -> None:
    from domain.voice import either_kind

    assert either_kind("people with diabetes and high blood pressure") == \
        "people with diabetes and high blood pressure"
    assert either_kind("children with SCD and a VOC") == "children with SCD and a VOC"


def test_a_summary_line_with_one_test_of_a_group_points_to_the_groups_other_tests() -> None:
    from domain.summary import summary

    hiv = "All would-be organ donors (living or deceased) should be tested for antibodies to HIV."
    page = {3: hiv,
            21: "All would-be organ donors (living or deceased) should be tested for both "
                "anti-HCV and for hepatitis C RNA by nucleic acid test.",
            22: "All would-be organ donors (living or deceased) should be tested for antibody "
                "to hepatitis B core antigen and for hepatitis B surface antigen.",
            5: "Recipients should be tested for HIV after the transplant."}
    text = summary(["Donors and recipients."], "organ transplant", [hiv], [3], [hiv], page)
    line = next(x for x in text.splitlines() if x.startswith("- All would-be"))
    assert line == ("- All would-be organ donors should get tested for HIV, hepatitis C, and "
                    "hepatitis B (advice 3, 21 and 22).")


def test_the_legend_reason_for_strong_against_does_not_say_may() -> None:
    from domain.generation import _why
    from domain.model import Direction, Recommendation, Strength

    strong = Recommendation(id="1", text="x", source_text="x", grade="Strong against",
                            scheme="GRADE", strength=Strength.STRONG, direction=Direction.AGAINST)
    weak = strong.model_copy(update={"strength": Strength.CONDITIONAL})
    assert "may" not in _why(strong) and "harm" in _why(strong)
    assert _why(weak) == "The experts found that it does not help enough, or that it may do harm."


def test_a_harms_list_item_naming_only_a_faculty_says_it_gets_worse() -> None:
    from domain.considerations import listed_sentence

    listed = listed_sentence("Adverse events of opioids include overdose; weight gain; "
                             "cognitive performance; headaches.")
    assert listed is not None
    assert "\n- decreased cognitive performance" in listed
    kept = listed_sentence("Benefits include better sleep; cognitive performance; mood.")
    assert kept is not None and "decreased" not in kept


def test_a_title_from_advice_that_something_is_used_says_using_it() -> None:
    from domain.layout import block_title
    from domain.model import Direction

    title = block_title("If take-home opioids are given, experts advise that immediate-release "
                        "opioids are used at the lowest helpful dose.", Direction.FOR)
    assert title == "Using immediate-release opioids"


def test_how_a_study_measured_is_not_on_the_readers_page() -> None:
    from domain.plain import Rewriter

    out = Rewriter().simplify("In children with SCA, screen annually with TCD by methods "
                              "employed in the Stroke Prevention Trial studies, beginning at "
                              "age 2 and continuing until at least age 16.")
    assert "Stroke Prevention Trial" not in out
    assert "every year with TCD, beginning at age 2" in out and "16" in out
    named = Rewriter().simplify("In children with SCA, screen annually with TCD according to "
                                "methods employed in the Stroke Prevention Trial (STOP) studies, "
                                "beginning at age 2.")
    assert "STOP" not in named and "Stroke Prevention" not in named


def test_harms_of_one_topic_say_which_topic_and_general_harms_do_not() -> None:
    from domain import summary
    from domain.considerations import _harm_items, _harms_topic
    from domain.parsing import parse_guideline
    from domain.plain import Rewriter
    from tests.domain.conftest import corpus_file

    def topic(name: str) -> str | None:
        g = parse_guideline(corpus_file(name), name)
        found = summary.section(g, "Potential Harms", "Harms", "Risks")
        assert found is not None
        return _harms_topic(g, _harm_items(found.text), Rewriter())

    assert topic("nhlbi_sickle-cell-health-maintenance_2014.md") == "Birth control"
    assert topic("va-dod_opioid-therapy-chronic-pain_2017.md") is None


def test_a_long_harms_list_is_chunked_by_kind_and_keeps_every_item() -> None:
    from domain.considerations import _grouped

    items = ["Substance use disorder", "Overdose", "Abuse", "Addictions", "Slowed breathing",
             "Weight gain", "Headaches", "Infections", "Mental health getting worse",
             "Mental health symptoms. For example: depression, nightmares", "Suicide",
             "Missed check-ups"]
    out = _grouped("Side effects of opioids include:" + "".join(f"\n- {i}" for i in items))
    lines = out.split("\n- ")[1:]
    assert [line.split(":")[0] for line in lines] == [
        "Addiction and overdose", "Mind and mood", "Body", "Other"]
    assert all(i.lower().split(".")[0] in out.lower() for i in items)
    short = "Harms include:\n- Bleeding\n- Pain\n- Infection"
    assert _grouped(short) == short


def test_lab_and_hospital_handling_leaves_the_readers_advice_and_what_they_go_through_stays(
) -> None:
    from domain.generation import _handling

    kept, moved = _handling(
        "All would-be organ donors (living or deceased) should be tested for both anti-HCV and "
        "for hepatitis C RNA by nucleic acid test. Donor blood samples should be gotten before "
        "organ removal. Ab test results should be made available before transplant.")
    assert kept == ("All would-be organ donors (living or deceased) should be tested for both "
                    "anti-HCV and for hepatitis C RNA by nucleic acid test.")
    assert moved == ["Donor blood samples should be gotten before organ removal.",
                     "Ab test results should be made available before transplant."]
    kept, moved = _handling(
        "All stored donated blood vessels from an infected donor should be set aside right away. "
        "The exception is if they are needed for the first transplant procedure in the "
        "recipient. After completing the first transplant procedure, any remaining donated "
        "blood vessels should be disposed of in line with hospital policy. The aim is to "
        "prevent unintentional use in other people.")
    assert kept.endswith("needed for the first transplant procedure in the recipient.")
    assert moved[-1] == "The aim is to prevent unintentional use in other people."


def test_the_care_team_part_holds_the_handling_taken_from_the_readers_page() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    reader, _, care = page.partition("## For the care team")
    assert "should be made available before transplant" not in reader
    assert "disposed of" not in reader
    assert care.count("should be made available before transplant") == 3
    assert "disposed of in line with hospital policy" in care


def test_check_for_in_a_list_of_things_advised_is_a_noun() -> None:
    from domain.plain import Rewriter

    out = Rewriter().simplify(
        "For patients currently on long-term opioid therapy, the Work Group recommends ongoing "
        "risk mitigation strategies, assessment for opioid use disorder, and consideration for "
        "tapering when risks exceed benefits.")
    # Said as one line a thing advised: each line a noun, none an order to the reader.
    assert "\n- ongoing ways to lower risks\n- checks for opioid use disorder\n" in out


def test_a_tick_box_says_its_condition_once() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "nhlbi_sickle-cell-health-maintenance_2014.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    box = next(line for line in page.splitlines() if line.startswith("- ☐") and "(see 14)" in line)
    assert box.count("if your child has sickle cell anemia") + box.count(
        "If your child has sickle cell anemia") == 1
    assert "If your child has hemoglobin SC disease or HbSβ⁺-thalassemia:" in page
    assert "**Possible harms (these are about birth control):**" in page


def test_a_step_for_one_group_does_not_crowd_out_the_same_step_for_everyone() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "va-dod_hypertension-primary-care_2014.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    boxes = [line for line in page.splitlines() if line.startswith("- ☐")]
    assert "- ☐ If you have diabetes, ask your care team about treating to a bottom blood " \
           "pressure number goal (see 4)." in boxes
    assert "- ☐ Ask your care team about treating to a top blood pressure number goal " \
           "(see 9)." in boxes


def test_year_intervals_read_as_every_so_many_years() -> None:
    from domain.plain import Rewriter

    out = Rewriter().simplify("If the eye exam is normal, rescreen at 1 to 2 year intervals.")
    assert "every 1 to 2 years" in out and "intervals" not in out
