"""Lists the guideline printed item by item stay lists on the page, said to the reader."""

from __future__ import annotations

from domain import lay_terms
from domain.generation import _with_list, works_better
from domain.layout import block_title
from domain.model import Direction, Recommendation
from domain.patterns import compiled
from domain.plain import Rewriter
from domain.reader import is_imperative, patient_to_you
from domain.summary import groups_left_out
from domain.voice import condition, to_reader
from tests.support.corpus import page_markdown


def _rec(source: str, text: str) -> Recommendation:
    return Recommendation(id="r1", text=text, source_text=source)


def test_lettered_items_with_sentences_of_their_own_stay_one_item_a_line() -> None:
    """A lettered list whose items hold sentences ("k. Association … (Are episodes …?
    This …; however …)") is no flat list, yet the parse drops its letters: each item is
    still found and kept on its own line, not run together into one 150-word sentence."""
    source = ("The evaluation should include the following:\n"
              "    - a. Onset (When did it begin)\n"
              "    - b. Duration (Acute, Chronic)\n"
              "    - c. Association with intoxication (Are episodes worse? This does not "
              "make them less serious; however may help)")
    text = ("The evaluation should include the following: Onset (When did it begin) "
            "Duration (Acute, Chronic) Association with intoxication (Are episodes worse? "
            "This does not make them less serious; however may help)")
    assert _with_list(_rec(source, text)).split("\n") == [
        "The evaluation should include the following:",
        "- Onset (When did it begin)",
        "- Duration (Acute, Chronic)",
        "- Association with intoxication (Are episodes worse? This does not make them less "
        "serious; however may help)"]


def test_verbs_joined_to_you_and_the_self_after_them_are_said_of_you() -> None:
    said = patient_to_you("Assess evidence that the individual wishes to die, means to kill "
                          "him/herself, and understands the consequences.")
    assert "you wish to die, mean to kill yourself, and understand the consequences" in said
    said = patient_to_you("Ask how much the individual has thought about a plan, has the "
                          "ability to engage that plan, and is likely to carry it out.")
    assert "you have thought about a plan, have the ability to engage that plan, and are " \
           "likely" in said
    said = patient_to_you("Whether the individual wishes to kill themselves, or is thinking "
                          "about it")
    assert said == "Whether you wish to kill yourself, or are thinking about it"


def test_items_that_go_on_from_you_take_its_verb_form() -> None:
    said = Rewriter().simplify("The evaluation of intent should be based on indication "
                                 "that the individual:\n- Wishes to die\n- Means to act")
    assert said.split("\n")[1:] == ["- Wish to die", "- Mean to act"]


def test_a_noun_in_a_row_of_nouns_is_no_order() -> None:
    """"Support, reinforcement, and update of the safety plan" lists what an appointment
    includes; "Your care team should support, reinforcement …" is no sentence."""
    assert not is_imperative("Support, reinforcement, and update of the safety plan")
    assert is_imperative("Support the family during the visit")


def test_a_list_inside_a_list_item_goes_one_level_deeper_on_the_page() -> None:
    """The VA/DoD suicide-risk page: the examples under "Action to seek access to lethal
    means" sit under that item, never behind a second dash ("  -   - Hoarding medicine")."""
    page = page_markdown("va-dod_suicide-risk_2013.md")
    assert not compiled(r"(?m)^\s*-\s+- ").search(page)
    assert ("  - Action to seek access to lethal means or explored the lethality of means. For "
            "example:\n    - Acquiring a firearm or ammunition\n    - Hoarding medicine") in page


def test_who_it_is_not_for_names_the_groups_not_the_report() -> None:
    """Round-20 raters: "Who it is not for" quoted the guideline describing itself ("This
    clinical practice guideline is not intended for and does not provide …"). The groups it
    leaves out are named, each on its own line; a sentence naming anything but people stays
    whole, and a sentence announcing a list takes the list's items."""
    said = groups_left_out(
        "This clinical practice guideline (CPG) is not intended for and does not provide "
        "recommendations for the management of pain with long-term opioid therapy (LOT) in "
        "children or adolescents, in patients with acute pain, or in patients receiving "
        "end-of-life care.")
    assert said == ["children or adolescents", "patients with acute pain",
                    "patients receiving end-of-life care"]
    assert groups_left_out("This CPG does not provide recommendations for the management of "
                           "dyslipidemia in children or adolescents.") == [
        "children or adolescents"]
    assert groups_left_out("Patients with asthma but without COPD are not considered in this "
                           "clinical practice guideline.") == [
        "Patients with asthma but without COPD"]
    assert groups_left_out("The guideline does not apply to adults with symptoms of tuberculosis "
                           "or to children and adolescents.") == [
        "adults with symptoms of tuberculosis", "children and adolescents"]
    notes = ("This CPG does not address the following populations:\n\n- Individuals with "
             "severe TBI\n- Children or adolescents\n\n### Next")
    assert groups_left_out("This CPG does not address the following populations:", notes) == [
        "Individuals with severe TBI", "Children or adolescents"]
    assert groups_left_out("This CPG does not provide recommendations for the management of "
                           "depression in children, or for the care of co-occurring "
                           "disorders.") == []


def test_the_range_a_programme_works_across_is_said_as_a_reader_sees_it() -> None:
    """Round-20 rater: "counseling intensities, settings, and implementers" is the report's
    language; the reader learns the programmes work however many sessions, wherever, by
    whomever."""
    text = ("These programs are effective across a range of counseling intensities, settings, "
            "and implementers. Higher-intensity programs lead to greater weight loss.")
    said = works_better(text, text.index("Higher"))
    assert said == ("These programs are effective whether they offer few or many sessions, "
                    "wherever they are held, and whoever runs them. Higher-intensity programs "
                    "lead to greater weight loss.")


def test_an_order_to_the_clinician_for_a_group_is_the_care_teams_for_the_reader() -> None:
    """NHLBI transfusion: "In adults and children with hemoglobin SC disease …, consult a
    sickle cell expert …" was printed as the guideline's order to a clinician."""
    said = to_reader("In adults and children with hemoglobin SC disease, consult a sickle cell "
                     "expert before surgery.")
    assert said == ("If you or your child has hemoglobin SC disease, your care team should "
                    "consult a sickle cell expert before surgery.")
    # an order not to is left to the rules that say it as "should not"
    assert to_reader("In children with X, do not do screening.") == (
        "In children with X, do not do screening.")


def test_a_title_says_both_verbs_as_doing() -> None:
    assert block_title("Your care team should consult or refer to a wound care specialist.",
                       Direction.FOR) == "Consulting or referring to a wound care specialist"


def test_an_exception_that_is_only_a_name_takes_no_if() -> None:
    said = Rewriter().simplify("Transfusion is not needed for acute kidney injury, unless "
                               "multiple system organ failure.")
    assert said.endswith("The exception is multiple system organ failure.")


def test_a_kind_of_prevention_says_whom_it_is_for() -> None:
    """VA/DoD PTSD: "indicated prevention" said word by word was "the needed prevention of
    PTSD"; the kind says whom the prevention is for, unless the sentence names them."""
    rw = Rewriter()
    assert rw.simplify("For the selective prevention of PTSD, there is not enough evidence "
                       "to recommend medicine.").startswith(
        "For preventing PTSD in people at higher risk, ")
    said = rw.simplify("We recommend therapy for the indicated prevention of PTSD in patients "
                       "with acute stress disorder.")
    assert "preventing PTSD in people with acute stress disorder" in said
    assert "needed prevention" not in said


def test_shared_decision_making_is_the_reader_and_the_clinician_deciding() -> None:
    said = Rewriter().simplify("The Work Group recommends engaging patients in shared decision "
                               "making, which includes educating patients about treatment "
                               "options.")
    assert said.startswith("Experts advise that you and your clinician decide together.")
    assert block_title(said, Direction.FOR) == "Deciding together with your clinician"


def test_preconception_health_care_is_kept_whole_and_explained() -> None:
    entry = lay_terms.PHRASES["preconception health care"]
    assert entry.meaning == "health care before pregnancy"
    assert entry.source == lay_terms.MEDLINEPLUS


def test_small_swaps_that_broke_grammar_are_said_whole() -> None:
    rw = Rewriter()
    said = rw.simplify("For patients with a diagnosis of a drug or alcohol problems, consider "
                       "referral. Offer extended-release naltrexone to patients who have "
                       "established abstinence for a sufficient period of time.")
    assert "a drug or alcohol problems" not in said and "of drug or alcohol problems" in said
    assert "for long enough" in said and "enough period" not in said
    assert "Experts advise extended-release" in rw.simplify(
        "The Work Group recommends Extended-release injectable naltrexone.")


def test_a_title_is_cut_before_how_the_test_is_done() -> None:
    """VA/DoD substance use: "screening … every year using the three-item Alcohol Use
    Disorders Identification Test-Consumption" had no title ("Advice 1")."""
    assert block_title("Experts advise screening for unhealthy alcohol use every year using "
                       "the three-item Alcohol Use Disorders Identification Test-Consumption.",
                       Direction.FOR) == "Screening for unhealthy alcohol use every year"


def test_offer_a_group_a_treatment_keeps_the_treatment() -> None:
    """VA/DoD obesity: "Offer obese patients comprehensive lifestyle intervention …" read
    "If you are very overweight full lifestyle treatment for weight loss: your care team
    should offer you." — the treatment taken into the group, nothing offered."""
    said = Rewriter().simplify("Offer obese patients comprehensive lifestyle intervention for "
                               "weight loss to reduce harms of obstructive sleep apnea.")
    assert said.startswith("If you are very overweight, your care team should offer you full "
                           "lifestyle treatment for weight loss.")
    said = Rewriter().simplify("The care team should offer active prosthesis users at least "
                               "one back up device to ensure consistency with function.")
    assert said.startswith("If you are an active prosthesis user, your care team should offer "
                           "you at least one back up device.")


def test_offering_or_referring_keeps_both_ways_and_the_thing_advised() -> None:
    """USPSTF: "recommends offering or referring adults who … to intensive behavioral
    counseling" lost "offering" to a lexicon swap ("Experts advise or referring adults")."""
    said = Rewriter().simplify(
        "The USPSTF recommends offering or referring adults who are overweight and have "
        "additional risk factors to intensive behavioral counseling interventions to promote "
        "a healthful diet.")
    assert "advise or referring" not in said
    assert said.startswith("Experts advise intensive counseling")
    assert "(your care team can give it or refer you to it)" in said
    assert said.endswith("The aim is to promote a healthful diet.")


def test_an_order_to_the_clinician_about_the_readers_report_is_the_care_teams() -> None:
    """NHLBI: "Believe the patient's report of pain and optimize …" was printed as an order
    with no subject ("Believe your report of pain …"), untitled."""
    said = Rewriter().simplify("Believe the patient's report of pain and optimize treatment "
                               "outcomes.")
    assert said.startswith("Your care team should believe your report of pain")
    assert block_title(said, Direction.FOR) == (
        "Believing your report of pain and optimizing treatment outcomes")


def test_a_clause_about_the_decision_is_not_part_of_the_group() -> None:
    """VA/DoD dyslipidemia: "… risk of 12% or greater that takes into consideration the known
    harms" was read as the reader's condition ("If you have … and takes into consideration")."""
    assert condition("patients with a risk of 12% or greater that takes into consideration "
                     "the harms") is None


def test_a_short_form_patients_know_replaces_its_long_form() -> None:
    """USPSTF skin cancer: "damages deoxyribonucleic acid (DNA)" printed the long form a
    reader does not know instead of "DNA"; a carcinogen was left unexplained."""
    said = Rewriter().simplify("UV radiation is a known carcinogen that damages "
                               "deoxyribonucleic acid (DNA).")
    assert "damages DNA" in said and "deoxyribonucleic" not in said
    assert lay_terms.KEEP["carcinogen"].meaning == "something that can cause cancer."


def test_two_withouts_in_a_row_are_joined() -> None:
    assert "without symptoms and without a history of skin cancer" in Rewriter().simplify(
        "The recommendation applies to asymptomatic persons without a history of skin cancer.")


def test_one_sequence_is_this_sequence() -> None:
    assert "do this sequence of tests" in Rewriter().simplify(
        "Laboratories should do the following sequence of tests with serum samples.")


def test_a_page_whose_advice_needs_prior_approval_says_to_ask_before_it_starts() -> None:
    """Round-20 raters of the Colorado CRPS page: "requires prior authorization" was only in
    the care team's part; a worker who starts such a treatment without it may pay for it."""
    page = page_markdown("colorado-dowc_complex-regional-pain-syndrome_2017.md")
    reader = page.split("## Disclaimer", 1)[0]
    assert ("- ☐ Before a treatment starts, ask your care team if your insurer must approve it "
            "first (prior authorization). The guideline says so for some treatments (see 58)."
            ) in reader


def test_a_sentence_about_the_report_is_no_good_effect() -> None:
    """Round-20 CDC rater: the page's one "good effect" was "This report can guide
    clinicians … in selection of an approach …"."""
    page = page_markdown("cdc_health-care-personnel-hepatitis-b-protection_2013.md")
    assert "This report can guide" not in page
    assert "**Possible harms" in page  # the harms the guideline lists stay


def test_no_advice_about_a_thing_is_titled_by_the_thing() -> None:
    """VA/DoD COPD: "The guideline panel has no advice about use of existing clinical
    classification systems at this time." was titled "Not sure yet: the guideline panel"."""
    assert block_title("The guideline panel has no advice about use of existing clinical "
                       "classification systems at this time.", Direction.INSUFFICIENT) == (
        "Not sure yet: existing clinical classification systems")


def test_one_of_a_plural_long_form_is_said_in_the_singular() -> None:
    rw = Rewriter(Rewriter.acronyms_from(
        "short-acting antimuscarinic agents (SAMA) and long-acting ones (LAMA)."))
    said = rw.simplify("We suggest stopping the SAMA for patients treated with a SAMA.")
    assert "treated with a short-acting antimuscarinic agent." in said
    assert "efforts to lower the risk" in rw.simplify(
        "We recommend prevention and risk reduction efforts.")


def test_what_is_offered_titles_the_advice_not_whom_or_an_aside() -> None:
    """VA/DoD obesity: eight blocks were "Advice N": the aside ", as part of full lifestyle
    treatment," or the group between "offer" and what is offered hid the title."""
    assert block_title("Your care team should offer people who have met their weight loss "
                       "goals a full maintenance program consisting of behavioral parts.",
                       Direction.FOR) == ("Offering a full maintenance program consisting of "
                                          "behavioral parts")
    assert block_title("Your care team should offer, as part of a full lifestyle treatment, "
                       "moderate-intensity exercise done for at least 150 minutes/week.",
                       Direction.FOR) == "Offering moderate-intensity exercise"
    assert Rewriter().simplify("Convey the importance of weight loss as a lifelong "
                               "commitment.").startswith("Your care team should convey")


def test_colorado_phrases_said_whole() -> None:
    rw = Rewriter()
    said = rw.simplify("Patients should continue in an aggressive aerobic and stretching "
                       "therapeutic exercise program, as tolerated, while undergoing intensive "
                       "myofascial interventions.")
    assert said.endswith("You should do this while having intensive muscle treatments.")
    assert rw.simplify("Severe pain on injection suggests the possibility of an intraneural "
                       "injection.").startswith(
        "Severe pain during a shot may mean the needle is in a nerve")
    assert rw.simplify("The patient should agree to comply with the pre- and postoperative "
                       "treatment plan, including home exercise.") == (
        "You should agree to follow the treatment plan before and after surgery, including "
        "home exercise.")


def test_team_based_care_page_says_what_it_is_and_no_report_speak() -> None:
    """CPSTF blood pressure (read in full as a PDF upload): the one piece of advice,
    team-based care, was never explained; a good effect was how the grade was reached; a
    risk reduction read "full heart and blood vessel disease lowering the risk"."""
    page = page_markdown("cpstf_team-based-care-blood-pressure_2014.md")
    assert ("Team-based care means care in which two or more health workers, such as your "
            "doctor, nurses and pharmacists, work together with you.") in page
    assert "provide the basis for" not in page
    assert "lowering the overall risk of heart and blood vessel disease" in page
    assert "No harm to people was found" in page
    said = Rewriter().simplify("These agents have been linked to only a small cardiovascular "
                               "disease risk reduction.")
    assert "only a small drop in the risk of heart and blood vessel disease" in said


def test_the_periconceptional_period_is_said_as_a_reader_says_it() -> None:
    said = Rewriter().simplify("Folic acid supplementation in the periconceptional period "
                               "reduces the risk of neural tube defects.")
    assert "around the time of getting pregnant" in said and "periconceptional" not in said
