"""Advice said to the reader stays the reader's all through a sentence."""

from __future__ import annotations

from domain.generation import _second_action
from domain.layout import block_title, leading_condition, plural
from domain.lists import as_list
from domain.model import Direction
from domain.plain import Rewriter
from domain.reader import is_imperative, patient_to_you
from domain.voice import condition, to_reader
from tests.support.corpus import page_markdown


def test_their_after_the_patient_is_the_readers() -> None:
    """With the patient the only person a sentence names, its "their" is the patient's:
    "you and your home", never "you and their home"."""
    assert patient_to_you(
        "The patient should be educated about conditions that are associated with their "
        "suicidal crisis and factors that increase their risk.") == (
        "You should be educated about conditions that are associated with your suicidal "
        "crisis and factors that increase your risk.")
    assert patient_to_you("Remove lethal means from the person and their home environment.") == (
        "Remove lethal means from you and your home environment.")


def test_their_stays_when_someone_else_is_named_before_it() -> None:
    """Family members named between the patient and "their" may be the ones meant, and a
    sentence without the patient has no reader in it."""
    assert "their role" in patient_to_you(
        "Educate the patient and family members about their role.")
    assert patient_to_you("Clinicians should update their notes.") == (
        "Clinicians should update their notes.")


def test_the_suicide_risk_page_says_your_home_and_your_crisis() -> None:
    page = page_markdown("va-dod_suicide-risk_2013.md")
    assert "from you and your home environment" in page
    assert "linked to your suicidal crisis" in page
    assert "their home environment" not in page and "their suicidal crisis" not in page


def test_a_list_after_of_is_not_cut_inside_its_first_item() -> None:
    """"the data supporting the level of risk, the level of care needed, and treatment plans":
    the later item's "the" says the first began before "level of", so no list is cut at
    "of" (it read "level of: risk / the level of care needed / …")."""
    sentence = ("Your care team should document in detail the data supporting the assigned "
                "level of risk, the level of care needed, and treatment plans to lower "
                "suicide risk.")
    assert as_list(sentence) is None


def test_a_list_after_make_sure_of_or_from_is_still_a_list() -> None:
    """"make sure of A, B, and the C" and "history from A, the B, …" are lists of things."""
    assert as_list("Your care team should put screening in place with enough systems to make "
                   "sure of accurate diagnosis, helpful treatment, and the right check-up.") == [
        "Your care team should put screening in place with enough systems to make sure of:",
        "accurate diagnosis", "helpful treatment", "the right check-up"]
    items = as_list("Your care team should gather collateral history from family members, the "
                    "medical record, escorts, referring doctors, and police as needed.")
    assert items is not None and items[1:3] == ["family members", "the medical record"]


def test_a_second_verb_in_a_title_is_said_as_doing_too() -> None:
    """"Keeping to … and follow Standard Precautions" (a capital after the verb hid it),
    "Encouraging and promote …": both verbs of a title are said as doing."""
    assert "#### 2. Keeping to infection-control guidelines and following Standard Precautions" \
        in page_markdown("cdc_health-care-personnel-hepatitis-b-protection_2013.md")
    assert "Encouraging and promoting family-child communication" in page_markdown(
        "cdc-opa_quality-family-planning-services_2014.md")


def test_the_patients_own_things_are_the_readers() -> None:
    """"patient knowledge", "patient motivation" are the reader's: never "person knowledge",
    and a comparative before them goes with "your"."""
    assert patient_to_you("Base it on patient knowledge of doses.") == (
        "Base it on your knowledge of doses.")
    assert patient_to_you("Use interviewing to evoke patient motivation.") == (
        "Use interviewing to evoke your motivation.")
    assert patient_to_you("This leads to raised patient satisfaction.") == (
        "This leads to your greater satisfaction.")


def test_a_check_is_a_thing_with_its_article() -> None:
    """"for evaluation of", "include assessment of" swapped word by word read "for check of";
    "Assessment should include" read "Check should include"."""
    page = page_markdown("cdc_health-care-personnel-hepatitis-b-protection_2013.md")
    assert "to work health for a check of the right measures" in page
    assert "for check of" not in page
    suicide = page_markdown("va-dod_suicide-risk_2013.md")
    assert "should include a check of impulsivity" in suicide
    assert "The check should include:" in suicide and "Check should include" not in suicide


def test_a_role_stays_with_the_thing_not_with_the_group() -> None:
    """"against an inhaled steroid in people with COPD as a first-line single treatment": the
    role is the steroid's; said of the group, the page read as if the people were the
    treatment."""
    page = page_markdown("va-dod_copd_2014.md")
    assert ("Experts advise against an inhaled steroid medicine as a first-line single "
            "treatment. This is for people with symptoms with confirmed, stable COPD.") in page


def test_a_title_names_what_is_used_not_its_use() -> None:
    """"Not advised: the use of X" says "X"; a title too long with "the use of" (the
    untitled "Advice 13" on the COPD page) fits without it."""
    assert block_title("Experts advise against the use of estrogen alone.",
                       Direction.AGAINST) == "Not advised: estrogen alone"
    assert block_title(
        "Experts advise against the use of inhaled long-acting beta 2-agonists without an "
        "inhaled steroid medicine in people with COPD who may have combined asthma.",
        Direction.AGAINST) == ("Not advised: inhaled long-acting beta 2-agonists without an "
                               "inhaled steroid medicine")


def test_in_the_absence_of_is_a_condition_not_a_group() -> None:
    """"In the absence of other contributors (e.g., sleep apnea), experts suggest …" had
    read "This is for the absence of other contributors"."""
    said = Rewriter({}).simplify(
        "In the absence of other contributors (e.g., sleep apnea), the guideline panel "
        "suggests referral for a pulmonary consultation in patients with stable, confirmed "
        "COPD and hypercapnea.")
    assert said.startswith("If you have stable, confirmed COPD and hypercapnea, experts suggest")
    assert said.endswith("This applies in the absence of other contributors (e.g., sleep apnea).")


def test_that_with_a_verb_of_one_thing_describes_the_condition() -> None:
    """"people with dyspnea that limits exercise" are people whose dyspnea limits exercise:
    "you have dyspnea that limits exercise", never "you have dyspnea and limits exercise"."""
    assert condition("people with dyspnea that limits exercise") == (
        "you have dyspnea that limits exercise", "you")
    assert condition("people with diabetes that have kidney disease") == (
        "you have diabetes and have kidney disease", "you")


def test_a_title_cut_at_of_keeps_the_longest_part_that_fits() -> None:
    """"a course of systemic steroid medicines of 30-40 mg …" was titled "A course"."""
    assert block_title("Experts advise a course of systemic steroid medicines (oral preferred) "
                       "of 30-40 mg prednisone equivalent daily for 5-7 days.",
                       Direction.FOR) == "A course of systemic steroid medicines"


def test_people_not_now_on_a_treatment_are_a_group_the_reader_is_in() -> None:
    """"all people not now receiving treatment for depression be screened" is said to the
    reader, condition first, and "thereafter" is "after that"."""
    assert to_reader("Experts advise that all people not now receiving treatment for depression"
                     " be screened for depression using the Patient Health Questionnaire-2.") == (
        "If you are not now receiving treatment for depression, experts advise that you be "
        "screened for depression using the Patient Health Questionnaire-2.")
    page = page_markdown("va-dod_major-depressive-disorder_2016.md")
    assert "from time to time after that as needed" in page and "thereafter" not in page


def test_a_number_of_adequate_trials_is_a_number_of_full_trials() -> None:
    """"at least two adequate medication trials" swapped word by word read "two enough
    medicine trials"."""
    page = page_markdown("va-dod_major-depressive-disorder_2016.md")
    assert "at least two full medicine trials" in page and "two enough" not in page


def test_outside_a_research_setting_belongs_to_the_treatment() -> None:
    """"against deep brain stimulation for patients with MDD outside of a research setting":
    the setting limits the treatment; said of the group it read "If you have major
    depressive disorder outside of a research setting", and a title cut before "of" ended
    in "outside"."""
    page = page_markdown("va-dod_major-depressive-disorder_2016.md")
    assert "Experts advise against deep brain stimulation outside of a research setting." in page
    assert "disorder outside of a research setting:" not in page
    assert "#### 23. Not advised: ketamine to treat major depressive disorder\n" in page


def test_a_title_naming_a_series_names_all_of_it() -> None:
    """"yoga, tai chi, or qi gong either alone …" was titled "yoga, tai chi"."""
    assert block_title("There is not enough proof to advise for or against yoga, tai chi, or qi "
                       "gong either alone or as an extra treatment to medicine.",
                       Direction.INSUFFICIENT) == "Not sure yet: yoga, tai chi, or qi gong"


def test_people_for_whom_something_would_be_a_problem_is_the_reader() -> None:
    """"avoid mirtazapine in patients for whom weight gain or sleepiness would be
    problematic": the reader is the one it would be a problem for."""
    page = page_markdown("va-dod_major-depressive-disorder_2016.md")
    assert "This applies if weight gain or sleepiness would be a problem for you." in page
    assert "for whom" not in page


def test_an_order_after_a_long_group_names_the_block() -> None:
    """"In people with hemoglobin SS disease who A, are on B, or who C, consult a sickle cell
    expert …" was an untitled "Advice 2"; the group running over commas is never cut into a
    step's condition (which would have dropped B and C)."""
    text = ("In people with hemoglobin SS disease who need surgery and who already have a "
            "hemoglobin level higher than 8.5 g/dL without transfusion, are on chronic "
            "hydroxyurea treatment, or who need high-risk surgery, consult a sickle cell expert "
            "for guidance as to the right transfusion method.")
    assert block_title(text, Direction.FOR) == "Consulting a sickle cell expert"
    assert leading_condition(text) == ""
    page = page_markdown("nhlbi_sickle-cell-blood-transfusion_2014.md")
    assert "#### 2. Consulting a sickle cell expert\n" in page
    assert "without transfusion, ask your care team" not in page


def test_clinicians_doing_something_say_when_not_should_doing() -> None:
    """"recommends that clinicians prescribing chronic transfusion therapy follow a protocol"
    had read "Your care team should giving regular blood transfusions follow …", titled
    "Givinging …"; "the patient being initiated on transfusions has SCD" read "you being
    started … has"."""
    page = page_markdown("nhlbi_sickle-cell-blood-transfusion_2014.md")
    assert ("When giving regular blood transfusions, your care team should follow an "
            "established checking protocol.") in page
    assert "Givinging" not in page and "should giving" not in page
    assert ("tell the blood bank that you have sickle cell disease and are being started on "
            "regular blood transfusions") in page
    assert "Your care team should get your treatment history" in page


def test_a_sentence_that_goes_on_after_its_examples_is_no_list() -> None:
    """"hazards, such as the risk of alloimmunization, are amplified in SCD, so …" had been
    cut into items "are amplified in sickle cell disease" and "so"."""
    assert as_list("Many of the recognized hazards of transfusion, such as the risk of "
                   "alloimmunization, are amplified in sickle cell disease, so choices to use "
                   "transfusion treatment must be based on risk-benefit checks.") is None
    assert as_list("Intradiscal shots of other substances such as bone marrow, stem cells, "
                   "are not advised at this time due to lack of proof and possible problems.") \
        is None


def test_the_transfusion_page_speaks_of_your_history_and_repeated_checks() -> None:
    page = page_markdown("nhlbi_sickle-cell-blood-transfusion_2014.md")
    assert "Your care team should get your transfusion history" in page
    assert "hospitals where you reported receiving" in page
    assert "#### 30. Repeated checks of iron overload" in page
    assert "person transfusion history" not in page and "serial check" not in page


def test_pregnancy_titles_name_the_thing_not_a_participle_left_over() -> None:
    """"Folic acid to be taken", "Low dose aspirin treatment started", "Progesterone
    treatment during pregnancy together", "Checking and counseled by …": titles cut where
    the thing ends; done to the reader by someone, "Being checked …"."""
    page = page_markdown("va-dod_pregnancy_2018.md")
    for title in ("#### 4. Folic acid\n", "#### 18. Low dose aspirin treatment\n",
                  "#### 19. Progesterone treatment during pregnancy\n",
                  "#### 17. Being checked and counseled",
                  "#### 22. Being checked by a surgeon with bariatric skill\n"):
        assert title in page, title
    # "deciding together with" is one phrase: it keeps its "together".
    assert "Deciding together with your clinician" in page_markdown(
        "va-dod_overweight-obesity_2014.md")
    assert "#### 1. Deciding together about medicines" in page_markdown(
        "uspstf_breast-cancer-risk-reduction-medications_2013.md")


def test_advice_that_a_group_should_be_checked_is_said_to_the_reader() -> None:
    """"Experts suggest that women who have had bariatric surgery should be checked …": the
    modal said twice kept the group in the third person."""
    assert to_reader("Experts suggest that women who have had bariatric surgery should be "
                     "checked for food deficiencies.") == (
        "If you are a woman who has had bariatric surgery, experts suggest that you be checked "
        "for food deficiencies.")
    assert "If you have had bariatric surgery:" in page_markdown("va-dod_pregnancy_2018.md")


def test_a_strategy_is_a_plan() -> None:
    """"as a part of the evaluation strategy" read "as a part of the check way", "a
    self-management strategy" "a self-management way": a strategy is a plan, except the
    "preferred way" of doing something."""
    page = page_markdown("va-dod_pregnancy_2018.md")
    assert "check way" not in page and "as a part of the check plan" in page
    assert "A safety plan is a preferred way for preventing suicide." in page_markdown(
        "va-dod_suicide-risk_2013.md")


def test_one_reader_has_one_pregnancy() -> None:
    """"In women with uncomplicated pregnancies" read "If you have uncomplicated pregnancies"."""
    assert condition("women with uncomplicated pregnancies") == (
        "you are a woman with an uncomplicated pregnancy", "you")
    assert "If you have an uncomplicated pregnancy:" in page_markdown("va-dod_pregnancy_2018.md")


def test_two_things_done_are_two_sentences() -> None:
    """"Your care team should screen … by calculating body mass index, and document it …":
    two actions, two sentences; a series of actions stays one."""
    assert _second_action("Your care team should screen adult people by calculating body mass "
                          "index, and document the presence of overweight in the medical "
                          "record.") == (
        "Your care team should screen adult people by calculating body mass index. Your care "
        "team should also document the presence of overweight in the medical record.")
    series = ("Your care team should check your blood pressure often, treat it with medicine, "
              "and refer you to a specialist when it stays high.")
    assert _second_action(series) == series


def test_a_family_planning_services_clients_are_people() -> None:
    """The CDC/OPA page's "clients" are its patients ("people", "teens"), and a title never
    ends in "about how"."""
    page = page_markdown("cdc-opa_quality-family-planning-services_2014.md")
    assert "clients" not in page
    assert "#### 13. Providing full information to teens\n" in page
    assert "make sure people make the best possible choice of methods" in page
    assert "client" not in page
    assert '#### 21. Taking steps to make care "youth-friendly"\n' in page


def test_a_pointer_to_the_guidelines_sections_is_no_harm() -> None:
    """"See the "Possible consequences" and "Rationale" sections for each recommendation" is
    no harm a reader can weigh, and points at sections the reader does not have."""
    page = page_markdown("cdc-opa_quality-family-planning-services_2014.md")
    assert "Rationale" not in page and "See the" not in page


def test_a_split_leaves_no_loose_order_or_other_child() -> None:
    """"…, and if not, complete the series immediately" split off read "If not, complete the
    series right away." (an order to no one), and "the child" beside "your child"."""
    page = page_markdown("nhlbi_sickle-cell-health-maintenance_2014.md")
    assert "If not, your care team should complete the series right away." in page
    assert "make sure that your child has completed the advised pneumococcal" in page
    # "complete" is an order only before what is completed; "Complete blood count" names a test
    assert is_imperative("Complete the series right away.")
    assert not is_imperative("Complete blood count and reticulocyte count.")


def test_the_individual_goals_are_yours_and_if_you_consent() -> None:
    """"Progress toward the individual functional goals" had read "Progress toward you goals",
    and "when the patient consents" "when you consents"."""
    assert patient_to_you("Family members should be involved when the patient consents.") == (
        "Family members should be involved when you consent.")
    page = page_markdown("colorado-dowc_lower-extremity-injury_2016.md")
    assert "you goals" not in page and "progress toward your goals" in page
    assert "#### 2. Stating specific individual goals" in page_markdown(
        "colorado-dowc_cumulative-trauma-conditions_2017.md")
    assert "if you consent." in page_markdown("va-dod_suicide-risk_2013.md")


def test_things_joined_take_are_when_the_first_is_many() -> None:
    """"Is further tests or treatment (if …) right for me?" asks "Are"."""
    assert plural("further tests or treatment (if screening results show a health condition)")
    assert not plural("screening and treatment")
    assert plural("combined diet and exercise programs")


def test_a_staff_members_qualifications_are_never_the_readers() -> None:
    """"Alternatively, he/she should be board certified in his/her specialty area" speaks of
    the program's medical director: it read "you should be board certified"."""
    said = patient_to_you("As a final alternative, he or she should have two years of "
                          "experience in a pain rehabilitation program.")
    assert said == ("As a final alternative, this person should have two years of experience "
                    "in a pain rehabilitation program.")
    assert "you should be board certified" not in page_markdown(
        "colorado-dowc_lower-extremity-injury_2016.md")
    assert patient_to_you("Then he or she should take the medicine daily.") == (
        "Then you should take the medicine daily.")


def test_care_is_for_drug_or_alcohol_problems() -> None:
    """"specialty SUD care" said word by word read "specialty drug or alcohol problems care"."""
    page = page_markdown("va-dod_substance-use-disorders_2015.md")
    assert "Experts suggest referral for specialty care for drug or alcohol problems." in page
    assert "problems care" not in page and "problems specialty" not in page


def test_two_adjectives_of_one_noun_are_never_cut_apart_in_a_title() -> None:
    """"any specific mental and social treatments besides …" was titled "any specific
    mental"."""
    assert block_title("There is not enough proof to advise for or against any specific "
                       "mental and social treatments besides addiction-focused medical care.",
                       Direction.INSUFFICIENT) == (
        "Not sure yet: any specific mental and social treatments")


def test_offering_and_encouraging_keeps_both_and_or_who_is_said_to_you() -> None:
    """"recommend offering and encouraging ongoing relapse prevention" had read "Experts
    advise and encouraging …" (untitled); "patients who do not respond to treatment or who
    relapse" read "If you do not respond to treatment or who relapse"."""
    page = page_markdown("va-dod_substance-use-disorders_2015.md")
    assert "Experts advise offering and encouraging ongoing systematic relapse prevention" in page
    assert "If you do not respond to treatment or relapse:" in page
    assert "advise and encouraging" not in page and "or who relapse" not in page


def test_the_patients_anxiety_and_communication_are_yours() -> None:
    page = page_markdown("va-dod_substance-use-disorders_2015.md")
    assert "person-centered care may decrease your anxiety" in page
    assert "Better communication with your clinician through person-centered care" in page


def test_what_is_needed_names_a_block_of_ways() -> None:
    """"If you are in need of withdrawal care for sedative hypnotics, experts suggest one of
    these:" and three ways was an untitled "Advice 36": the lead-in is no condition to join
    to its first way, and what is needed names them all."""
    assert "#### 36. Withdrawal care for sedative hypnotics" in page_markdown(
        "va-dod_substance-use-disorders_2015.md")


def test_untitled_dev_blocks_get_titles() -> None:
    """"Advice 12" (acetaminophen) and "Advice 21" (weight loss check-ins) on dev pages: what
    is got, and what is checked (how often is no topic). (The PTSD page's "these individual,
    structured non-trauma-focused treatments" stays untitled: titled, its long words took the
    page's reading ease under QC's hard limit.)"""
    assert "#### 12. Getting no more than four grams of acetaminophen daily" in page_markdown(
        "va-dod_hip-knee-osteoarthritis_2014.md")
    assert "#### 21. Checking sticking to the weight loss program" in page_markdown(
        "va-dod_overweight-obesity_2014.md")


def test_what_is_offered_comes_before_whom_it_is_for() -> None:
    """"suggests offering women greater than 44 years of age planned delivery at 38 weeks" had
    read "Experts suggest women greater than 44 years of age planned delivery"."""
    page = page_markdown("va-dod_pregnancy_2018.md")
    assert ("Experts suggest planned delivery at 38 weeks pregnancy age. This is for women "
            "greater than 44 years of age.") in page
    assert "#### 20. Planned delivery at 38 weeks pregnancy age" in page


def test_on_a_page_for_women_making_women_aware_is_making_you_aware() -> None:
    page = page_markdown("va-dod_pregnancy_2018.md")
    assert "documenting the reproductive history and making you aware of the raised lifetime" \
        in page
    assert "making women aware" not in page
