"""Round-6 PEMAT findings on the VA/DoD opioid and CDC-PHS transplant pages: advice said to
the person it is about, in the words and order a patient reads."""

from __future__ import annotations

from domain.plain import Rewriter


def test_a_test_after_the_transplant_is_said_to_the_recipient() -> None:
    """CDC-PHS round 6 (item 21): "After the transplant, recipients should get hepatitis B
    testing." stayed in the third person while the HIV block beside it said "If you are a
    recipient, you should get HIV testing after the transplant."; the time now follows the
    test, so every such sentence is said to the recipient, with its condition kept."""
    rw = Rewriter({"HBV": "hepatitis B virus", "HCV": "hepatitis C virus"})
    out = rw.simplify(
        "Posttransplant HCV testing of recipients should be conducted when the donor (living "
        "or deceased) meets any of the following conditions: (1) identified as being at "
        "increased risk for HCV infection, (2) screening specimens are hemodiluted.")
    assert out.startswith("If you are a recipient, you should get hepatitis C testing after "
                          "the transplant. This applies when the donor (living or deceased) "
                          "meets any of these conditions:")
    assert "recipients should" not in out


def test_a_clinicians_task_is_said_as_what_the_care_team_should_do() -> None:
    """VA/DoD round 6 (item 21): "Experts advise assessing suicide risk when …" and "Experts
    advise evaluating good effects … at least every three months" named a clinician's task
    with no one to do it; the reader is told what to expect of the care team, with the time
    and the second task kept ("and step in when needed")."""
    rw = Rewriter()
    out = rw.simplify("The Work Group recommends assessing suicide risk when considering "
                      "initiating or continuing long-term opioid therapy and intervening when "
                      "necessary.")
    assert out.startswith("Your care team should check suicide risk when ")
    assert out.endswith("and step in when needed.")
    out = rw.simplify("The Work Group recommends evaluating benefits of continued opioid therapy "
                      "and risk for opioid-related adverse events at least every three months.")
    assert out.startswith("Your care team should check ")
    assert out.endswith("at least every three months.")


def test_a_task_done_to_a_named_group_is_left_to_the_group_rule() -> None:
    """"Experts advise evaluating people who present with symptoms …" names whom the task is
    for: saying it as the care team's would keep "people" in text addressed to "you"."""
    rw = Rewriter()
    out = rw.simplify("The Work Group recommends evaluating patients who present with symptoms "
                      "possibly related to brain injury at first presentation.")
    assert not out.startswith("Your care team should check people")


def test_a_short_page_with_checks_at_set_times_gets_a_when_table() -> None:
    """VA/DoD round 6 (items 15, 26): a short page with a check "at least every three months",
    a re-check "no later than 3-5 days" and steps "when starting long-term opioid therapy" had
    no visual aid. The "When things happen" table is no longer kept for long pages; a count
    of days that names no start takes the advice's lead-in as its time."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "va-dod_opioid-therapy-chronic-pain_2017.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    rows = [line for line in page.split("\n") if line.startswith("| ")]
    assert rows[0] == "| When | What happens | Read advice |"
    assert any(r.startswith("| At least every three months | Your care team should check ")
               for r in rows)
    assert ("| If take-home opioids are given (for short-term pain) | A new check of the "
            "opioid treatment no later than 3-5 days |") in "\n".join(rows)
    assert any(r.startswith("| When starting long-term opioid therapy (only if it is started "
                            "despite advice 1, which advises against it) | ") for r in rows)
    # the same long time in the row below is "At the same time" (round 19)
    assert "| At the same time | Not advised: giving long-acting opioids" in "\n".join(rows)


def test_a_timed_row_keeps_its_condition_when_the_lead_in_is_not_the_only_one() -> None:
    """The lead-in is the row's time only for a count of days; any other condition of the
    advice still marks the row "(only in some cases)"."""
    from domain.page_plan import timeline

    rows = [(1, "If take-home opioids are given:\n- Experts advise a check with a new check of "
                "the treatment no later than 3-5 days unless you are in hospital.", "Checks"),
            (2, "Your care team should check your pain at least every three months.", "Pain"),
            (3, "Your care team should give you teaching when starting opioid therapy.", "Start")]
    table = timeline(rows)
    assert "| If take-home opioids are given | A new check of the treatment no later than 3-5 " \
           "days (only in some cases) | 1 |" in table


def test_a_check_at_set_times_is_a_step_the_reader_goes_to() -> None:
    """VA/DoD round 6 (item 22): no step for the check-up at least every three months. Strong
    advice that the care team check at set times is the reader's step of going to it, with
    the advice's own sentence as the fact."""
    from domain.layout import Item, check_up_steps
    from domain.model import Direction

    it = Item(13, "Your care team should check good effects of ongoing opioid treatment and "
                  "risk for opioid-related side effects at least every three months.",
              Direction.FOR, "Checking good effects", strength="strong")
    assert check_up_steps([it]) == [
        "Go to every check-up: your care team should check good effects of ongoing opioid "
        "treatment and risk for opioid-related side effects at least every three months "
        "(see 13)."]
    weak = Item(2, "Your care team should check your pain every year.", Direction.FOR,
                "Pain", strength="conditional")
    assert check_up_steps([weak]) == []


def test_the_cautions_of_the_opioid_page_are_said_in_everyday_words() -> None:
    """VA/DoD round 6 (items 3, 4): "rise in a dose dependent manner", "constitutes an
    absolute medical reason against", "with due caution and cognizance of applicable FDA
    labeling", "obtaining a visit with a specialist", "communicate to people that". Each is
    swapped as a whole phrase; the direction and the medicines named stay."""
    rw = Rewriter({"FDA": "U.S. Food and Drug Administration"})
    out = rw.simplify("Risks for opioid use disorder start at any dose and increase in a dose "
                      "dependent manner.")
    assert out == "Risks for opioid use disorder start at any dose and rise as the dose goes up."
    out = rw.simplify("The clinician should communicate to patients that drug diversion is a "
                      "crime and constitutes an absolute contraindication to prescribing "
                      "additional medications.")
    assert "should tell you that drug diversion is a crime and is a firm medical reason " \
           "against" in out
    out = rw.simplify("Any decision about prescribing opioids for pregnant women should be made "
                      "with due caution and cognizance of applicable FDA labeling.")
    assert "cognizance" not in out and "labeling" not in out
    assert "with care, keeping in mind the FDA's official information on the medicine" in out


def test_the_candidate_or_whoever_decides_for_them_is_you() -> None:
    """CDC-PHS round 6 (item 21): "The transplant candidate, or medical choice maker, should
    have opportunities to discuss … while they are on the transplant wait list." stayed in the
    third person: the comma that closes the one who decides for the reader is no unfinished
    group."""
    from domain.voice import to_reader

    out = to_reader("The transplant candidate, or medical choice maker, should have "
                    "opportunities to discuss with clinicians the risk while they are on the "
                    "transplant wait list.")
    assert out == ("If you are a transplant candidate (or you make medical decisions for a "
                   "transplant candidate), you should have opportunities to discuss with "
                   "clinicians the risk while you are on the transplant wait list.")


def test_a_talk_between_the_reader_and_a_clinician_is_started_by_the_clinician_with_you() \
        -> None:
    """CDC-PHS round 6 (items 3, 11): "An informed consent process talk between the
    transplant candidate, or medical choice maker, and the listing clinician should start
    before you are placed on the transplant wait list." led the summary. The clinician is the
    subject, the reader is "you", and the time comes first."""
    rw = Rewriter()
    out = rw.simplify("An informed consent process discussion between the transplant "
                      "candidate, or medical decision maker, and the listing clinician should "
                      "start before the patient is placed on the transplant wait list.")
    assert out.startswith("Before you are placed on the transplant wait list")
    assert "your listing clinician should start an informed consent talk with you (or your " \
           "medical " in out
    assert "between" not in out


def test_the_person_told_is_the_reader_and_the_teller_the_subject() -> None:
    """CDC-PHS round 6 (items 5, 21): "A living donor whose blood sample is positive … should
    be told by the living donor recovery center of their infectious disease status." spoke
    of the reader in the third person and the passive. A deceased donor is never "you"."""
    rw = Rewriter({"HBV": "hepatitis B virus", "HCV": "hepatitis C virus"})
    out = rw.simplify("A living donor whose blood specimen is positive for HIV, HBV, or HCV when "
                      "tested by the living donor recovery center should be notified by the "
                      "living donor recovery center of his or her infectious disease status.")
    assert out == ("If you are a living donor and your blood sample is positive for HIV, "
                   "hepatitis B, or hepatitis C when tested by the living donor recovery "
                   "center, the living donor recovery center should tell you about your "
                   "infectious disease status.")
    from domain.voice import to_reader

    dead = ("A deceased donor whose sample is positive should be told by the center of their "
            "status.")
    assert to_reader(dead) == dead


def test_a_talk_in_a_sentence_about_your_care_is_with_you() -> None:
    """CDC-PHS round 6 (item 21): "The transplant center team primarily responsible for your
    care should include these facts … in the informed consent talk with the transplant
    candidate or medical choice maker." named the reader twice, once as "your" and once in
    the third person. Without "your" the sentence is left as it is."""
    from domain.voice import to_reader

    out = to_reader("The transplant center team primarily responsible for your care should "
                    "include these facts in the informed consent talk with the transplant "
                    "candidate or medical choice maker.")
    assert out.endswith("in the informed consent talk with you (or your medical choice maker).")
    other = ("The center should hold a talk with the transplant candidate or medical choice "
             "maker.")
    assert to_reader(other) == other


def test_a_dose_in_a_note_gets_the_line_on_how_to_use_it() -> None:
    """VA/DoD round 6 (item 6): "Risks for overdose and death greatly increase at a range of
    20-50 mg morphine equivalent daily dose." had no "How to use this number" line; only the
    90 mg advice ten lines below had one."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "va-dod_opioid-therapy-chronic-pain_2017.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    block = page.split("#### 15. ", 1)[1].split("\n#### ", 1)[0]
    assert "20-50 mg morphine equivalent daily dose" in block
    assert "**How to use this number:** doses of different opioids are compared with " \
           "morphine." in block


def test_a_clinicians_task_after_a_lead_in_is_the_care_teams_too() -> None:
    """VA/DoD round 6 (item 21): "If your care team gives you opioids: - Experts advise giving
    the lowest dose of opioids."."""
    rw = Rewriter()
    out = rw.simplify("If prescribing opioids, the Work Group recommends prescribing the lowest "
                      "dose of opioids as indicated by patient-specific risks and benefits.")
    assert "your care team should give you the lowest dose of opioids" in out.replace(
        "\n- Your", " your")
    assert "Experts advise giving" not in out


def test_a_diluted_sample_is_said_in_everyday_words() -> None:
    """CDC-PHS round 6 (item 3): "screening samples are watered down" said what was done to
    the sample, not how: a hemodiluted sample is thinned by fluids or blood given through a
    vein, as the guideline itself explains hemodilution."""
    rw = Rewriter()
    out = rw.simplify("When a deceased potential organ donor's blood specimen is hemodiluted, "
                      "the donor should be considered at increased risk.")
    assert "thinned by fluids or blood given through a vein" in out and "watered" not in out


def test_advice_led_by_whom_it_is_for_says_you_after_the_lead_too() -> None:
    """CDC-PHS round 6 (item 21): under "If you are a transplant candidate:" the same block
    went on "Transplant candidate testing should occur …" and "The exception is if the
    transplant candidate is known through prior testing to be infected."."""
    from domain.voice import you_throughout

    text = ("If you are a transplant candidate:\n- You should get tested.\nThis applies when the "
            "donor is infected. Transplant candidate testing should occur during hospital "
            "admission. The exception is if the transplant candidate is known to be infected.")
    out = you_throughout(text)
    assert "Your testing should occur during hospital admission." in out
    assert "The exception is if you are known to be infected." in out
    inline = ("If you are a recipient, you should get HIV testing after the transplant. Your care "
              "team should do recipient testing between one and three months.")
    assert "should do your testing between one and three months" in you_throughout(inline)
    other = "The transplant candidate is known to be infected."
    assert you_throughout(other) == other


def test_a_review_beyond_90_days_and_self_management_are_said_plainly() -> None:
    """VA/DoD round 6 (item 3): "needs re-evaluation and talk with you about risks" and
    "self-management ways" (rater B)."""
    rw = Rewriter()
    out = rw.simplify("Consideration of opioid therapy beyond 90 days requires re-evaluation "
                      "and discussion with patient of risks and benefits.")
    assert "needs a new check and a talk with you about risks" in out and "90 days" in out
    out = rw.simplify("We recommend alternatives to opioid therapy such as self-management "
                      "strategies and other non-pharmacological treatments.")
    assert "ways to care for yourself" in out and "self-management ways" not in out


def test_a_readers_tests_at_two_times_get_a_step_with_their_dates() -> None:
    """CDC-PHS round 6 (item 22): no step for a recipient's tests at 1–3 months and at 12
    months. Where a reader's tests fall at two or more times of care, the step asks the care
    team which apply "and when" (the dates are in the table and the advice)."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    name = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    todo = page.split("## What you can do", 1)[1].split("\n## ", 1)[0]
    assert ("- \u2610 If you are a recipient, ask your care team if you should get hepatitis "
            "B, HIV, and hepatitis C testing after the transplant, and when (see 12 to 14).") \
        in todo


def test_a_step_against_a_mix_of_medicines_says_how_the_care_team_would_lower_them() -> None:
    """VA/DoD round 6 (item 22, safety 3): "Tell your care team if you take benzodiazepines
    and opioids: experts advise against the combined use …" read alone could send a reader to
    stop one on their own; the advice's own note on tapering goes with the step."""
    from domain.layout import Item, avoid_steps
    from domain.model import Direction

    it = Item(8, "Experts advise against the combined use of benzodiazepines and opioids.",
              Direction.AGAINST, "Not advised: the combined use", strength="strong",
              notes=("If you are now on long-term opioid therapy and benzodiazepines, your care "
                     "team should think about tapering one or both when risks exceed good "
                     "effects.",))
    steps = avoid_steps([it])
    assert steps[0].startswith("Tell your care team if you take benzodiazepines and opioids: "
                               "experts advise against the combined use of benzodiazepines and "
                               "opioids. If you are now on long-term opioid therapy and "
                               "benzodiazepines, your care team should think about tapering")
    assert steps[0].endswith("(see 8).")
