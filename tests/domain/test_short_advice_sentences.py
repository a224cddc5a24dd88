"""Long advice sentences are cut where a reader would pause, never where a condition or a
negation would be split from what it limits: the advice-text FKGL of the hip-knee
osteoarthritis page was 8.6 with sentences of 25-33 words."""

from __future__ import annotations

from domain.direction import text_direction
from domain.layout import block_title
from domain.model import Direction
from domain.plain import Rewriter
from domain.voice import condition, joined

WEIGHT = ("Clinicians should refer patients to a weight management program to lose a minimum "
          "of five percent body weight and maintain this new level of weight.")


def test_a_referral_and_what_it_is_for_are_two_sentences() -> None:
    said = Rewriter().simplify(WEIGHT)
    assert said == ("Your care team should refer people to a weight care program. The aim is to "
                    "lose at least five percent weight and keep this new level of weight.")


def test_trying_to_lose_weight_is_no_aim_cut_off() -> None:
    said = Rewriter().simplify("Clinicians should advise patients with knee pain who are "
                               "overweight to try to lose a minimum of five percent body weight.")
    assert "The aim is to" not in said


HYALURONATE = (
    "There is insufficient evidence to recommend for or against the use of intra-articular "
    "hyaluronate/hylan injection in patients with OA of the knee; however it may be considered "
    "for patients who have not responded adequately to nonpharmacologic measures and who have "
    "an inadequate response, intolerable adverse events, or contraindications to other "
    "pharmacologic therapies.")


def test_two_conditions_that_must_both_hold_are_two_sentences() -> None:
    said = Rewriter().simplify(HYALURONATE)
    assert said.endswith(
        "This applies if you have not responded well enough to non-drug measures. You must "
        "also have a poor response, intolerable side effects, or medical reasons against other "
        "medicine treatments.")


def test_a_short_pair_of_conditions_stays_one_sentence() -> None:
    said = Rewriter().simplify("Experts advise it for patients who have pain and have fever.")
    assert "must also" not in said


OPIOIDS = ("For patients with persistent severe OA pain who have contraindications, inadequate "
           "response, or intolerable adverse effects with non-opioid therapies and tramadol, "
           "clinicians may consider prescribing non-tramadol opioids.")


def test_a_group_with_a_long_who_is_the_condition_and_the_who_a_sentence_after_it() -> None:
    said = Rewriter().simplify(OPIOIDS)
    assert said == (
        "If you have persistent severe OA pain, your care team may think about giving "
        "non-tramadol opioids. This applies if you have medical reasons against it, poor "
        "response, or intolerable side effects with non-opioid treatments and tramadol.")


def test_a_short_group_with_a_who_is_left_whole() -> None:
    said = Rewriter().simplify("For patients with knee pain who smoke, clinicians may "
                               "offer a walking aid.")
    assert "This applies if" not in said


MANUAL = ("For patients with OA of the knee, the addition of manual physical therapy as an "
          "adjunct to traditional physical therapy and supervised exercise can improve pain, "
          "function, and walking distance.")


def test_the_addition_of_x_as_an_adjunct_to_y_reads_adding_x_to_y() -> None:
    said = Rewriter().simplify(MANUAL)
    assert said == ("If you have OA of the knee, adding manual physical therapy to traditional "
                    "physical therapy and supervised exercise can improve pain, function, and "
                    "walking distance.")


TAKE_HOME = ("If take-home opioids are prescribed, the Work Group recommends that "
             "immediate-release opioids are used at the lowest effective dose with opioid "
             "therapy reassessment no later than 3-5 days to determine if adjustments or "
             "continuing opioid therapy is indicated.")


def test_no_later_than_is_a_deadline_not_advice_against() -> None:
    # "no … is indicated" read as against made the split rewrite look like a change of
    # direction, so the 36-word sentence was printed whole.
    assert text_direction(TAKE_HOME) is None
    assert text_direction("No further test is indicated.") is Direction.AGAINST


ONGOING = ("For patients currently on long-term opioid therapy, the Work Group recommends "
           "ongoing risk mitigation strategies (see Recommendations 7-9), assessment for opioid "
           "use disorder, and consideration for tapering when risks exceed benefits (see "
           "Recommendation 14).")


def test_three_things_advised_in_one_sentence_are_a_lead_in_and_one_line_each() -> None:
    said = Rewriter().simplify(ONGOING)
    assert said.split("\n") == [
        "If you are now on long-term opioid treatment, experts advise:",
        "- ongoing ways to lower risks", "- checks for opioid use disorder",
        "- thinking about tapering when risks exceed good effects"]


def test_an_including_aside_is_no_item_of_what_is_advised() -> None:
    said = Rewriter().simplify(
        "For patients currently on long-term opioid therapy with evidence of untreated "
        "substance use disorder, the Work Group recommends close monitoring, including "
        "engagement in substance use disorder treatment, and discontinuation of opioid therapy "
        "for pain with appropriate tapering.")
    assert "\n- including" not in said and "advise:" not in said


def test_the_things_advised_as_lines_keep_the_first_as_the_title() -> None:
    text = Rewriter().simplify(ONGOING)
    assert block_title(text, Direction.FOR) == "Ongoing ways to lower risks"
    assert block_title(joined(text), Direction.FOR) == "Ongoing ways to lower risks"


def test_when_the_risks_of_a_treatment_outweigh_its_good_is_a_sentence_of_its_own() -> None:
    said = Rewriter().simplify(
        "The Work Group recommends tapering to reduced dose or to discontinuation of long-term "
        "opioid therapy when risks of long-term opioid therapy outweigh benefits.")
    assert said == ("Experts advise tapering to lowered dose or to stopping long-term opioid "
                    "treatment. This applies when risks of long-term opioid treatment outweigh "
                    "good effects.")


def test_candidates_for_a_treatment_are_the_reader() -> None:
    # "In candidates for joint replacement, …" was one 22-word sentence; as the reader's
    # condition it is a lead-in with the advice under it.
    assert condition("candidates for joint replacement of the hip or knee") == (
        "you are a candidate for joint replacement of the hip or knee", "you")
    said = Rewriter().simplify(
        "In candidates for joint replacement of the hip and/or knee, joint injections should "
        "not be given into the involved joint if surgery is anticipated within three months.")
    assert said.startswith("If you are a candidate for joint replacement of the hip or knee, ")


def test_as_part_of_a_plan_at_the_end_is_a_sentence_of_its_own() -> None:
    said = Rewriter().simplify("For patients with OA of the hip and/or knee, clinicians "
                               "should refer for physical therapist services early on, as part "
                               "of a comprehensive management plan.")
    assert said.endswith("early on. This is part of a full care plan.")
    # An aside in the middle of the sentence is not cut off from the words that follow it.
    said = Rewriter().simplify("Clinicians should offer, as part of a comprehensive "
                               "lifestyle intervention, moderate exercise for 150 minutes a "
                               "week to adults who are overweight.")
    assert "This is part of" not in said


def test_a_list_inside_the_first_thing_advised_is_no_list_of_things_advised() -> None:
    # "a talk of the small harms, large good effects, and …": the list is what the talk
    # is about, not three things advised.
    said = Rewriter().simplify(
        "In patients with established ASCVD, the Work Group recommends use of a moderate-dose "
        "statin following a discussion of the minimal harms, substantial benefits, and an "
        "exploration of the patient's values and preferences.")
    assert "advise:" not in said and "\n- large good effects" not in said


SUPPLEMENTS = ("In patients with hip and/or knee OA, there is insufficient evidence to recommend "
               "for or against the use of dietary supplements for relief of pain and improved "
               "function.")


def test_what_an_unproven_treatment_would_be_for_is_its_aim_in_a_sentence_of_its_own() -> None:
    said = Rewriter().simplify(SUPPLEMENTS)
    assert said.endswith("there is not enough proof to advise for or against the use of diet "
                         "supplements. The aim is to relieve pain and improve function.")


def test_no_aim_is_cut_off_from_advice_against() -> None:
    said = Rewriter().simplify("Clinicians should not prescribe opioids to relieve pain and "
                               "improve function in patients with knee pain.")
    assert "The aim is to relieve" not in said


def test_adding_under_a_condition_reads_as_one_sentence_when_joined() -> None:
    # The checklist asks "If you have X, ask … about adding …" only when the joined advice
    # reads "If you have X, adding …" with its condition found.
    said = joined("If you have osteoarthritis of the knee:\n- Adding manual physical therapy "
                  "to supervised exercise can improve pain.")
    assert said == ("If you have osteoarthritis of the knee, adding manual physical therapy to "
                    "supervised exercise can improve pain.")


def test_unlikely_to_relieve_pain_is_no_aim() -> None:
    said = Rewriter().simplify("There is some evidence that intradiscal steroid injection is "
                               "unlikely to relieve pain or provide functional benefits in "
                               "patients with non-radicular back pain.")
    assert "The aim is to relieve" not in said and "unlikely to relieve pain" in said


def test_a_verdict_in_brackets_is_said_once_with_its_group_first() -> None:
    """Colorado list items "Oral steroids (not generally recommended)" read "Experts advise
    against oral steroids is not usually advised" (the verdict said twice, no grammar); the
    bracket's own subject and the group it limits the verdict to are kept."""
    from domain.generation import _as_statement
    from domain.model import Direction

    said = _as_statement("Oral steroids (not generally recommended)", Direction.AGAINST)
    assert said == "Oral steroids are not generally recommended."
    said = _as_statement("NSAIDs (chronic use of NSAIDS not generally recommended)",
                         Direction.AGAINST)
    assert said == "Chronic use of NSAIDS is not generally recommended."
    said = _as_statement("Tramadol (not generally recommended for those with prior opioid "
                         "addiction)", Direction.AGAINST)
    assert said == "If you have prior opioid addiction, tramadol is not generally recommended."
    said = _as_statement("Cervicothoracic orthosis (not recommended in sprain or strain "
                         "injuries)", Direction.AGAINST)
    assert said == "Cervicothoracic orthosis is not recommended in sprain or strain injuries."


def test_a_heading_is_made_plain_in_sentence_case_too() -> None:
    """"Screening, Diagnosis and Measurement of Hypertension" kept "hypertension" in the
    More-advice overview of a page that says "high blood pressure" everywhere else."""
    from domain.layout import plain_heading

    said = plain_heading("Screening, Diagnosis and Measurement of Hypertension", {})
    assert said == "Screening, diagnosis and measurement of high blood pressure"


def test_one_rule_says_whether_a_thing_takes_is_or_are() -> None:
    """The questions' "Is/Are X right for me" and a bracketed verdict's "X is/are not advised"
    use the same rule; a "-sis" noun is one thing."""
    from domain.layout import plural

    assert plural("Oral steroids") and plural("Poster appliances")
    assert plural("combined diet and exercise programs")
    assert not plural("Chronic use of NSAIDS") and not plural("Cervicothoracic orthosis")
    assert not plural("a mammogram") and not plural("screening for lung cancer")
