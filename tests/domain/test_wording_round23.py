"""Wording a patient educator would sign: the advice before the method that judged it, a
family-history fact kept with the advice for its age, no "person" in text said to "you",
block titles that say what their advice says, and medical terms left undefined."""

from domain.plain import Rewriter


def test_a_fronted_evidence_method_goes_after_the_advice() -> None:
    said = Rewriter({}).simplify(
        "According to the LMBP methods, based on the moderate evidence of effectiveness the "
        "lipoprotein apo B/apo A-I ratio is recommended to improve the risk prediction for "
        "cardiovascular events.")
    assert not said.startswith(("By ", "According", "Based")), said
    advice, _, why = said.partition(". ")
    assert "ratio is advised" in advice
    assert why.startswith("This is based on the moderate proof of success")
    assert "LMBP methods" in why


def test_reversion_to_normoglycemia_is_said_in_everyday_words_from_a_lay_source() -> None:
    from domain.lay_terms import GUIDELINE, PHRASES

    said = Rewriter({}).simplify(
        "Programs helped in reducing the risk for type 2 diabetes, increasing the chance of "
        "reversion to normoglycemia, and reducing weight.")
    assert "normoglycemia" not in said.lower()
    assert "blood sugar going back to normal" in said
    assert PHRASES["reversion to normoglycemia"].source != GUIDELINE


_SCREENING = (
    b"# Screening for breast cancer: recommendation statement\n\n## Major Recommendations\n\n"
    b"The USPSTF recommends biennial screening mammography for women aged 50 to 74 years. "
    b"(**B recommendation**)\n\n"
    b"The decision to start screening mammography in women prior to age 50 years should be an "
    b"individual one. Women who place a higher value on the potential benefit than the "
    b"potential harms may choose to begin biennial screening between the ages of 40 and 49 "
    b"years. (**C recommendation**)\n\n"
    b"- For women who are at average risk for breast cancer, most of the benefit of "
    b"mammography results from biennial screening during ages 50 to 74 years.\n"
    b"- Women with a parent, sibling, or child with breast cancer are at higher risk for "
    b"breast cancer and thus may benefit more than average-risk women from beginning "
    b"screening in their 40s.\n")


def test_who_may_benefit_more_is_said_with_the_advice_for_their_age() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown

    page = to_markdown(OfflineProvider().generate(parse_guideline(_SCREENING, "screen.md")))
    block = page[page.index("between the ages of 40 and 49"):]
    block = block[: block.index("**How strong:**")]
    assert "parent, sibling, or child with breast cancer" in block
    assert "may benefit more" in block


def test_a_bare_person_or_patient_in_a_list_said_to_you_becomes_you() -> None:
    from domain.reader import patient_to_you

    assert patient_to_you("Person reports suicidal thoughts on depression screening tool") == \
        "You report suicidal thoughts on depression screening tool"
    assert patient_to_you("Person scores very high on a screening tool and is identified as "
                          "having concerns") == \
        "You score very high on a screening tool and are identified as having concerns"
    assert patient_to_you("Patient should be re-evaluated not later than 7 days.") == \
        "You should be re-evaluated not later than 7 days."
    assert patient_to_you("When dispensed, patient and family or other caregiver should be "
                          "educated on the use of naloxone.").startswith(
        "When dispensed, you and your family or other caregiver should be educated")
    assert patient_to_you("If patient contact cannot be established, effort should be made."
                          ).startswith("If contact with you cannot be established")
    assert patient_to_you("Patient with history of suicide attempt") == \
        "You have a history of suicide attempt"
    assert patient_to_you("The patient and family education should be done with empathy."
                          ) == "Teaching for you and your family should be done with empathy."


def test_a_name_that_starts_with_patient_or_person_is_kept() -> None:
    from domain.reader import patient_to_you

    assert patient_to_you("Patient Health Questionnaire is used.") == \
        "Patient Health Questionnaire is used."
    assert patient_to_you("Patient-controlled analgesia is used.") == \
        "Patient-controlled analgesia is used."


def test_the_wording_gate_finds_the_person_in_text_said_to_you() -> None:
    from domain.wording_check import RULES, defects

    assert "the person" in RULES
    said = ("If you have these conditions, you should get checked:\n"
            "- Person reports suicidal thoughts\n- You have a history of self-harm")
    assert [d.rule for d in defects(said)] == ["the person"]
    assert [d.rule for d in defects("Your care team should talk with you and the person at "
                                    "risk.")] == ["the person"]


def test_anyone_said_as_a_person_is_no_finding() -> None:
    from domain.wording_check import defects

    assert defects("A person with thoughts of suicide should get help. Ask your doctor.") == []
    assert defects('Your care team should document the plan. That is: "Person admitted. '
                   'Plan at discharge."') == []
    assert defects("This part is for health workers. None of them is a step the person getting "
                   "care takes.") == []


def test_a_title_says_what_is_done_for_people_the_advice_is_about() -> None:
    from domain.layout import block_title
    from domain.model import Direction

    title = block_title("Intoxicated or psychotic people who are unknown to the clinician "
                        "should be transported securely to the nearest crisis center.",
                        Direction.FOR)
    assert title is not None and title.startswith("Being transported"), title
    title = block_title("People who are discharged from acute care remain at high risk for "
                        "suicide and should be followed up within seven days of discharge.",
                        Direction.FOR)
    assert title == "Being followed up within seven days of discharge"


def test_a_title_reads_past_right_away_to_the_action() -> None:
    from domain.layout import block_title
    from domain.model import Direction

    assert block_title("Your care team should right away refer you for a specialty check.",
                       Direction.FOR) == \
        "Referring for a specialty check"


def test_being_followed_by_the_care_team_is_no_task_of_the_reader() -> None:
    from domain.layout import block_title
    from domain.model import Direction

    title = block_title("If you are at high acute risk, your care team should follow you "
                        "closely after discharge.", Direction.FOR)
    assert title == "Being followed closely after discharge", title


def test_a_title_over_a_list_of_sources_does_not_name_only_the_first() -> None:
    from domain.layout import block_title
    from domain.model import Direction

    title = block_title("Experts advise gather collateral history from:\n- family/unit "
                        "members\n- the medical record\n- escorts\n- police as needed",
                        Direction.FOR)
    assert title is not None and "family" not in title and "collateral history" in title


def test_a_title_over_data_to_be_used_says_it_is_used() -> None:
    from domain.layout import block_title
    from domain.model import Direction

    assert block_title("Available data should be used to check again the level of risk.",
                       Direction.FOR) == \
        "Using available data"


def test_a_thing_that_should_not_be_used_is_named_as_it_was() -> None:
    from domain.layout import block_title
    from domain.model import Direction

    assert block_title("NSAIDs should not be used in aspirin-sensitive people.",
                       Direction.AGAINST) == "Not advised: NSAIDs"


def test_a_clinician_imperative_to_gather_history_is_said_as_the_care_teams_step() -> None:
    """VA/DoD suicide risk: "Gather collateral history from family/unit members, …" was read
    as a noun phrase and printed "Experts advise gather collateral history from:"."""
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.reader import is_imperative
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file

    assert is_imperative("Gather collateral history from family/unit members, the medical record")
    name = "va-dod_suicide-risk_2013.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    assert "Experts advise gather" not in page
    assert "Your care team should gather collateral history from:" in page
