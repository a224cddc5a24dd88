"""Failure classes a reader finds on the CDC page for hepatitis B protection of health
workers: word-by-word swaps that change the meaning, a group noun said "you" or "it" where
the grammar breaks, a heading cut at a suspended hyphen, "an" before a spelt-out acronym,
points titled by their bare subject, "e.g." lists cut at line breaks, and a subgroup's
condition printed as who the guide is for. Each rule is general; the sentences are the
ones that showed the class."""

from __future__ import annotations

from domain.plain import Rewriter

_ACRONYMS = {"HBsAg": "hepatitis B surface antigen", "HCP": "health-care personnel"}


def _said(text: str) -> str:
    return Rewriter(dict(_ACRONYMS)).simplify(text)


def test_injection_drug_users_are_people_who_inject_drugs() -> None:
    """"injection" is a shot only where it names one: "injection drug users" are people
    who inject drugs ("shot drug users" says nothing)."""
    out = _said("Persons with behavioral exposures to HBV (e.g., men who have sex with men "
                "and past or current injection drug users) should be tested.")
    assert "shot drug" not in out, out
    assert "inject drugs" in out, out


def test_the_injection_of_a_liquid_is_injecting_it() -> None:
    """"the injection of antiseptics into the wound" is the act of injecting them, never
    "the shot of antiseptics"."""
    out = _said("The application of caustic agents or the injection of antiseptics or "
                "disinfectants into the wound is not recommended.")
    assert "shot of" not in out, out
    assert "injecting antiseptics" in out, out
    out = _said("Anaphylactic reactions have been reported following the injection of human "
                "immune globulin preparations.")
    assert "shot of" not in out and "following the" not in out, out
    assert "after shots of human immune globulin" in out, out


def test_considered_before_what_someone_is_taken_to_be_is_seen_as() -> None:
    """"should be considered unvaccinated" says how someone is counted ("seen as"), never
    "should be thought about unvaccinated"."""
    out = _said("HCP lacking documentation of HepB vaccination should be considered "
                "unvaccinated or incompletely vaccinated.")
    assert "thought about" not in out, out
    assert "seen as unvaccinated" in out, out


def test_a_named_persons_possession_stays_that_persons() -> None:
    """"the source patient's HBsAg status" belongs to the source person: "the source their
    … status" loses who is meant and breaks the grammar."""
    out = _said("No postexposure management for HBV is necessary, regardless of the source "
                "patient's HBsAg status.")
    assert "source their" not in out, out
    assert "source person's hepatitis B surface antigen status" in out, out


def test_patient_care_is_care_of_patients_not_person_care() -> None:
    """"patient-care responsibilities" are a health worker's duties caring for patients:
    "person-care" is no word."""
    out = _said("No modifications to an exposed HCP's patient-care responsibilities are "
                "necessary.")
    assert "person-care" not in out, out
    assert "patient-care" in out or "patient care" in out, out


def test_a_second_action_of_a_group_of_people_is_said_of_they() -> None:
    """"Health workers … should be considered unvaccinated and should receive additional
    doses", cut in two, goes on with "They should get …": "It" stands for no person."""
    out = _said("HCP lacking documentation of HepB vaccination should be considered "
                "unvaccinated (when documentation for HepB vaccine doses is lacking) or "
                "incompletely vaccinated (when documentation for some HepB vaccine doses is "
                "lacking) and should receive additional doses to complete a documented HepB "
                "series.")
    assert "It should" not in out, out
    assert "They should get extra doses" in out, out


def test_a_described_group_of_health_workers_is_said_if_you_are() -> None:
    """On a page for health workers the summary speaks to them, but "For unvaccinated or
    incompletely vaccinated health workers" is never "For unvaccinated … you": the group's
    description becomes "If you are …"; a bare "health workers" is still "you"."""
    from domain.summary import staff_as_you

    line = ("For unvaccinated or incompletely vaccinated health workers (including those who "
            "refused vaccination), the source person should be tested as soon as possible.")
    out = staff_as_you(line)
    assert "vaccinated you" not in out, out
    assert out.startswith("If you are unvaccinated or incompletely vaccinated (including if "
                          "you refused vaccination)"), out
    assert staff_as_you("Health workers should report exposures.") == (
        "You should report exposures.")
    assert "exposed health workers" in staff_as_you(
        "Institutions should help exposed health workers.")


def test_a_title_is_never_cut_at_a_suspended_hyphen() -> None:
    """"work-, training-, and volunteer-related activities": the comma after "work-" is
    inside one word group, so a title cut there ("All health workers whose work-") is no
    title."""
    from domain.layout import block_title
    from domain.model import Direction

    title = block_title(
        "All health workers whose work-, training-, and volunteer-related activities involve "
        "reasonably expected risk for exposure to blood or body fluids should be vaccinated "
        "with a complete, ≥3-dose hepatitis B vaccine series.", Direction.FOR) or ""
    assert not title.endswith("-"), title
    assert title.startswith("Vaccinating"), title


def test_a_point_about_testing_someone_is_titled_by_the_testing() -> None:
    """"The source person should be tested for HBsAg": the point is the testing, so the
    title is "Testing the source person for …", never the bare "The source person" (which
    then reads "Ask your care team about the source person")."""
    from domain.layout import block_title
    from domain.model import Direction

    title = block_title(
        "For vaccinated health workers (who have written records of hepatitis B vaccination) "
        "with anti-HBs of less than 10 mIU/mL after two complete, ≥3-dose hepatitis B vaccine "
        "series, the source person should be tested for hepatitis B surface antigen as soon "
        "as possible after the exposure.", Direction.FOR) or ""
    assert title.startswith("Testing the source person for hepatitis B surface antigen"), title
    title = block_title(
        "For vaccinated health workers without past anti-HBs testing, the health workers "
        "should be tested for anti-HBs and the source person (if known) should be tested for "
        "hepatitis B surface antigen as soon as possible after the exposure.",
        Direction.FOR) or ""
    assert title.startswith("Testing the health workers for anti-HBs"), title


def test_no_right_for_me_question_about_something_done_to_someone_else() -> None:
    """"Is testing the source person for hepatitis B surface antigen right for me?" and "Is
    vaccinating all health workers right for me?" are no questions a reader can ask: a point
    whose action is done to another person or a whole group makes no such question."""
    from domain.layout import Item, questions
    from domain.model import Direction

    items = [Item(5, "The source person should be tested for hepatitis B surface antigen.",
                  Direction.FOR, "Testing the source person for hepatitis B surface antigen"),
             Item(1, "All health workers should be vaccinated.", Direction.FOR,
                  "Vaccinating all health workers"),
             Item(2, "Prevaccination blood testing is needed for people born in some regions.",
                  Direction.FOR, "Prevaccination blood testing")]
    assert questions(items, set()) == ["Is prevaccination blood testing right for me (advice 2)?"]


def test_a_heading_spelling_out_an_acronym_after_an_takes_a() -> None:
    """"an HBsAg-Positive source" spelt out is "a hepatitis B surface antigen-positive
    source": the article agrees with the words now printed, and the title-case capital after
    the hyphen goes with the rest of the heading into sentence case."""
    from domain.layout import plain_heading

    said = plain_heading("Testing of HCP Exposed to an HBsAg-Positive or Unknown Source",
                         dict(_ACRONYMS))
    assert " an hepatitis" not in said, said
    assert "a hepatitis B surface antigen-positive or unknown source" in said, said
    assert plain_heading("An HIV Test", {"HIV": "human immunodeficiency virus"}).startswith(
        ("An HIV", "A human"))


def test_examples_with_their_own_commas_and_and_are_one_line() -> None:
    """"much of Eastern Europe, Asia, Africa, the Middle East, and the Pacific Islands" is a
    written series: its commas part the items, and no capital inside a name ("the Middle
    East", "the Pacific Islands") starts a new line."""
    from domain.lists import as_list

    listed = as_list("For example: much of Eastern Europe, Asia, Africa, the Middle East, and "
                     "the Pacific Islands.") or []
    assert not any(i.strip() in ("East, and the Pacific", "Islands") for i in listed), listed
    assert not any(i.rstrip().endswith("the Middle") for i in listed), listed


def test_two_examples_of_one_sentence_stay_with_what_they_are_examples_of() -> None:
    """Two "(e.g., …)" asides moved after one sentence print "For example: … For example:"
    in a row, and the reader cannot tell which group each belongs to: they stay in place."""
    out = _said("Prevaccination serologic testing is indicated for all persons born in "
                "geographic regions with HBsAg prevalence of ≥2% (e.g., much of Eastern Europe, "
                "Asia, Africa, the Middle East, and the Pacific Islands); persons with behavioral "
                "exposures to HBV (e.g., men who have sex with men and past or current injection "
                "drug users); and persons with liver disease of unknown etiology.")
    assert out.count("For example") + out.count("for example") == 2, out
    assert "For example:\n" not in out and "For example: men" not in out, out
    assert "(for example, much of Eastern Europe, Asia, Africa, the Middle East, and the " \
           "Pacific Islands)" in out, out


def test_who_it_is_for_leaves_a_condition_the_advice_itself_goes_beyond() -> None:
    """"Persons working … in health-care settings who have documented HepB vaccination …"
    while the advice also covers unvaccinated workers and those lacking documentation: the
    condition is one subgroup's, so "Who it is for" names the guideline's own group only; a
    condition the advice keeps to stays."""
    from domain.summary import without_subgroup

    target = ("Persons working, training, or volunteering in health-care settings who have "
              "documented hepatitis B (HepB) vaccination received years before hire or "
              "matriculation (e.g., when HepB vaccination was received as part of routine "
              "infant vaccination).")
    advice = ("For unvaccinated or incompletely vaccinated HCP, the source patient should be "
              "tested. HCP lacking documentation of HepB vaccination should be considered "
              "unvaccinated.")
    assert without_subgroup(target, advice) == (
        "Persons working, training, or volunteering in health-care settings.")
    adults = "Adults aged 55 to 80 years who have a 30 pack-year smoking history."
    assert without_subgroup(adults, "Screen adults who smoke with low-dose CT.") == adults


def test_a_point_for_a_long_described_group_is_titled_by_what_they_get() -> None:
    """"Health workers who have …, or who are …, and who sustain … should have baseline
    testing …": a long description of who does not make the title the bare "Health
    workers"; the title says what is done."""
    from domain.layout import block_title
    from domain.model import Direction

    title = block_title(
        "Health workers who have anti-HBs of less than 10 mIU/mL, or who are unvaccinated or "
        "incompletely vaccinated, and who sustain a percutaneous, mucosal, or nonintact skin "
        "exposure to a source person who is HBsAg-positive or has unknown hepatitis B surface "
        "antigen status should have baseline testing for hepatitis B infection as soon as "
        "possible after the exposure, and check-up testing about 6 months later.",
        Direction.FOR) or ""
    assert title != "Health workers", title
    assert "baseline testing for hepatitis B infection" in title, title


def test_groups_listed_under_for_are_whom_the_advice_is_for_not_a_third_party() -> None:
    """"Testing is needed for:" and "- all people born in …": the list names who the advice
    is for (the reader may be among them), so it scores as the same advice said in one
    sentence, not as advice about someone else."""
    from domain.model import Direction, Strength
    from domain.page_plan import Advice, relevance

    listed = Advice(0, "Prevaccination blood testing is needed for:\n- all people born in "
                       "regions with a high rate\n- people with liver disease of unknown cause",
                    Direction.FOR, Strength.CONSENSUS)
    said = Advice(0, "Prevaccination blood testing is needed for people born in regions with a "
                     "high rate and people with liver disease of unknown cause.",
                  listed.direction, listed.strength)
    assert relevance(listed) == relevance(said)


def test_two_people_set_against_each_other_are_not_both_you() -> None:
    """"both the person being bitten and the person who engaged in biting" are two people:
    neither is the reader, and "both you being bitten and you who engaged in biting" makes
    the reader bite themselves."""
    from domain.reader import patient_to_you

    out = patient_to_you("Exposures involving human bites should be managed with the knowledge "
                         "that both the person being bitten and the person who engaged in biting "
                         "were potentially exposed.")
    assert "you" not in out, out
    assert "both the person being bitten and the person who engaged in biting" in out, out


def test_not_contraindicated_is_said_as_allowed() -> None:
    """"the use of antiseptics is not contraindicated" allows them ("is allowed"): word by word it
    read "is not safe to use", the opposite."""
    out = _said("Using antiseptics for wound care has not been shown to reduce the risk for HBV "
                "transmission; however, the use of antiseptics is not contraindicated.")
    assert "not safe" not in out, out
    assert "is allowed" in out, out


def test_a_purpose_after_a_negation_stays_with_it() -> None:
    """"do not need to take special precautions to prevent secondary transmission": the
    purpose limits the "not"; split off ("… precautions. The aim is to prevent …") it reads
    as the aim of taking none."""
    out = _said("HCP exposed to a source patient who is HBsAg-positive do not need to take "
                "special precautions to prevent secondary transmission during the follow-up "
                "period.")
    assert "The aim is to" not in out, out
    out = _said("No modifications to an exposed HCP's patient-care responsibilities are "
                "necessary to prevent transmission to patients based solely on exposure to a "
                "source patient who is HBsAg-positive.")
    assert "The aim is to" not in out, out


def test_protection_against_is_no_negation_that_keeps_the_aim() -> None:
    """"protection against hepatitis B" says nothing is not done: the purpose after it is
    still said as a sentence of its own."""
    out = _said("All HCP, including those who have demonstrated protection against HBV, should "
                "be advised to immediately report blood or body fluid exposures to occupational "
                "health for evaluation of the appropriate measures to prevent transmission of "
                "bloodborne pathogens.")
    assert "The aim is to prevent" in out, out


def test_shown_to_is_what_was_shown_not_an_aim() -> None:
    """"have not been shown to reduce the risk": what the studies showed, never "… have not
    been shown. The aim is to lower the risk" (a fragment that reads as a purpose)."""
    out = _said("Using antiseptics for wound care or expressing fluid by squeezing the wound "
                "further have not been shown to reduce the risk for HBV transmission.")
    assert "The aim is" not in out, out
    assert "shown to lower the risk" in out, out
