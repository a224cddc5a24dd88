"""Patient wording: lettered lists kept apart, names kept whole in titles, the reader addressed;
asides that restrict nothing and lab symbols said in words."""

from domain.generation import _with_list
from domain.model import Direction, Recommendation


def test_lettered_items_under_a_bullet_stay_a_list() -> None:
    """'- a. …' items run into one sentence when the letter is sought in the parsed text."""
    source = ("The group recommends using the following for those starting on combination"
              " therapy:\n"
              "    - a. Angiotensin-converting-enzyme inhibitors (ACEIs) (but not together)\n"
              "    - b. Long-acting dihydropyridine calcium channel blockers (CCBs)\n")
    text = ("The group recommends using the following for those starting on combination therapy: "
            "Angiotensin-converting-enzyme inhibitors (ACEIs) (but not together) "
            "Long-acting dihydropyridine calcium channel blockers (CCBs)")
    out = _with_list(Recommendation(id="1", text=text, source_text=source))
    assert out.splitlines()[1:] == [
        "- Angiotensin-converting-enzyme inhibitors (ACEIs) (but not together)",
        "- Long-acting dihydropyridine calcium channel blockers (CCBs)",
    ]


def test_direct_acting_drug_class_is_not_an_order() -> None:
    """'Direct acting vasodilators' names drugs: 'direct' is half of a compound adjective."""
    from domain.reader import address
    assert address("Direct acting vasodilators (e.g., hydralazine, minoxidil)") == (
        "Direct acting vasodilators (e.g., hydralazine, minoxidil)")
    assert address("Direct the person to the clinic.").startswith("Your care team should direct")


def test_if_you_heading_keeps_and_inside_a_noun_phrase() -> None:
    """'extra heart and blood vessel risk factors' is one condition: 'and' between nouns does
    not end it; 'and' before a verb ('and handle …') still does."""
    from domain.page_plan import _IF_YOU
    m = _IF_YOU.match("If you have extra heart and blood vessel risk factors, such as high fat:")
    assert m and m.group("who") == "extra heart and blood vessel risk factors"
    m = _IF_YOU.match("If you have diabetes and can take these medicines without side effects:")
    assert m and m.group("who") == "diabetes"


def test_tolerating_a_drug_is_taking_it_without_bad_side_effects() -> None:
    """'who tolerate antihypertensive drugs' is not 'who handle blood pressure medicines'."""
    from domain.plain import replace_terms
    out = replace_terms("For patients who tolerate antihypertensive drugs, treat to a goal.")
    assert "can take" in out and "without bad side effects" in out and "handle" not in out
    out = replace_terms("for patients who cannot tolerate thiazide-type diuretics")
    assert "cannot take thiazide-type diuretics without bad side effects" in out


def test_also_clause_with_can_is_said_as_able_to() -> None:
    """'who can take X' split off reads 'You must also be able to take X', never 'also can'."""
    from domain.voice import _with_also
    _, also = _with_also("adults with diabetes who can take blood pressure medicines without"
                         " bad side effects")
    assert also == ("You must also be able to take blood pressure medicines without bad side"
                    " effects.")


def test_title_is_not_cut_inside_a_capitalised_name() -> None:
    """'Dietary Approaches to Stop Hypertension Diet' is one name: no cut at its 'to'."""
    from domain.layout import _shorten
    out = _shorten("a dietitian-led Dietary Approaches to Stop Hypertension Diet for the"
                   " treatment or prevention of high blood pressure")
    assert out == "a dietitian-led Dietary Approaches to Stop Hypertension Diet"


def test_extended_title_does_not_end_on_without() -> None:
    """A title run on to its word limit never ends on a preposition such as 'without'."""
    from domain.generation import _extended
    text = ("Experts advise using these as other treatments for people who cannot take"
            " thiazide-type diuretics without bad side effects, as extra treatments.")
    out = _extended("Using these as other treatments for people who cannot", text)
    assert out and not out.endswith("without")


def test_told_apart_titles_have_no_nested_brackets_and_differ() -> None:
    """'(if you have diabetes (all age groups))' nests brackets; two blocks for the same group
    with the same title are told apart by what follows the title in their advice."""
    from domain.generation import _told_apart
    from domain.layout import Item
    title = "Treating to a top blood pressure number goal"
    items = [
        Item(number=1, direction=Direction.FOR, title=title,
             text="If you have diabetes (all age groups):\n- Experts advise treating"
             " to a top blood pressure number goal of less than 150 mmHg."),
        Item(number=2, direction=Direction.FOR, title=title,
             text="If you have diabetes (all age groups):\n- Experts suggest treating"
             " to a top blood pressure number goal of less than 140 mmHg."),
    ]
    titles = [it.title or "" for it in _told_apart(items)]
    assert all("((" not in t and "))" not in t for t in titles)
    assert len(set(titles)) == 2
    assert titles[0] == f"{title} of less than 150 mmHg (if you have diabetes)"


def test_step_says_its_condition_once_when_the_title_drops_an_aside() -> None:
    """'If you have diabetes (all age groups), ask about X (if you have diabetes)': once."""
    from domain.layout import _without_own_condition
    assert _without_own_condition("a goal of less than 150 mmHg (if you have diabetes)",
                                  "If you have diabetes (all age groups)") == (
        "a goal of less than 150 mmHg")
    assert _without_own_condition("a goal (if you have diabetes)", "") == (
        "a goal (if you have diabetes)")


def test_same_patient_is_not_left_in_text_for_the_reader() -> None:
    """'together in the same patient': said to the reader, 'together' already means it."""
    from domain.reader import patient_to_you
    out = patient_to_you("Experts advise against using more than one of these three drug"
                         " classes together in the same patient:")
    assert out == ("Experts advise against using more than one of these three drug classes"
                   " together:")
    assert "patient" not in patient_to_you("Do not give both in the same patient.")


def test_advising_described_patients_speaks_to_the_reader() -> None:
    """'advising overweight or obese hypertensive patients to reduce their body mass index':
    the reader is told, if the description fits them; no 'their' left for 'you'."""
    from domain.reader import patient_to_you
    out = patient_to_you("The Work Group recommends discussing healthy weight range and"
                         " advising overweight or obese hypertensive patients to reduce their"
                         " body mass index to below 25.")
    assert out.endswith("advising you to reduce your body mass index to below 25 if you are"
                        " overweight or obese and hypertensive.")
    out = patient_to_you("Experts advise telling overweight or very overweight people with high"
                         " blood pressure to lower their body mass index to below 25.")
    assert out == ("Experts advise telling you to lower your body mass index to below 25 if you"
                   " are overweight or very overweight and have high blood pressure.")


def test_telling_you_to_do_something_is_no_aim() -> None:
    """'telling you to lower your body mass index': what you are told, never 'The aim is to'."""
    from domain.plain import _split
    s = ("Experts advise discussing healthy weight range and telling you to lower your body mass"
         " index to below 25 if you are overweight or very overweight and have high blood"
         " pressure.")
    assert not any(p.startswith("The aim is to") for p in _split(s))


def test_swapped_words_leave_a_readable_phrase() -> None:
    """'in some clinical indications' is not 'in some clinical reasons'; a benefit that is the
    'Formulation of an … assessment' is the assessment itself."""
    from domain.plain import replace_terms
    out = replace_terms("or as supplementary therapy in some clinical indications.")
    assert "for some medical reasons" in out
    out = replace_terms("Formulation of an efficient and effective assessment of your condition")
    assert out.startswith("A quick and helpful check of your condition")


def test_not_tolerating_before_or_is_having_bad_side_effects() -> None:
    """'who do not tolerate or are not controlled with X': no 'do not handle or'."""
    from domain.plain import replace_terms
    out = replace_terms("for those who do not tolerate or are not adequately controlled with"
                        " triple therapy")
    assert "get bad side effects from or are not" in out and "handle" not in out


def test_hyphenated_first_word_of_a_heading_in_sentence_case() -> None:
    """'Mind-Body Therapies' is 'Mind-body treatments', and in a topic line 'mind-body …'."""
    from domain.layout import _sentence_case
    from domain.overview import lower_first
    assert _sentence_case("Mind-Body treatments") == "Mind-body treatments"
    assert _sentence_case("First-Line Therapy") == "First-line therapy"
    assert lower_first("Mind-body treatments") == "mind-body treatments"
    assert lower_first("Return-to-Work") == "Return-to-Work"


def test_told_apart_title_does_not_repeat_an_age_it_names() -> None:
    """'Age 18 to 29: treating … (if you are age 18 to 29)' says the age twice."""
    from domain.generation import _told_apart
    from domain.layout import Item
    items = [
        Item(number=1, direction=Direction.FOR, title="Age 18 to 29: treating to a goal",
             text="If you are age 18 to 29:\n- Experts suggest treating to a goal of 90."),
        Item(number=2, direction=Direction.FOR, title="Treating to a goal",
             text="If you have diabetes:\n- Experts advise treating to a goal of 85."),
    ]
    titles = [it.title for it in _told_apart(items)]
    assert titles == ["Age 18 to 29: treating to a goal", "Treating to a goal (if you have"
                      " diabetes)"]


def test_tolerate_rule_keeps_lists_and_infinitives_whole() -> None:
    """'cannot tolerate X or other medications' is left whole (the phrase would split the
    list); 'Inability to tolerate oral medication' has no 'to can take'."""
    from domain.plain import replace_terms
    out = replace_terms("for patients who cannot tolerate nonsteroidal anti-inflammatory drugs"
                        " or other medications")
    assert "without bad side effects or" not in out
    out = replace_terms("Inability to tolerate oral medication")
    assert "to can" not in out and "to take oral" in out


def test_told_apart_run_on_only_for_one_group_and_a_phrase() -> None:
    """Two blocks with one title and no group are not run on into their verb ('Family
    planning programs should select')."""
    from domain.generation import _told_apart
    from domain.layout import Item
    items = [Item(number=n, direction=Direction.FOR, title="Family planning programs",
                  text=f"Family planning programs should select option {n}.") for n in (1, 2)]
    assert [it.title for it in _told_apart(items)] == ["Family planning programs"] * 2


def test_dash_before_based_on_goes_with_the_split() -> None:
    """'… concerns about suicide - based on the provider's judgment': no '-.' left."""
    from domain.plain import _split
    s = ("You are someone for whom the health worker has concerns about suicide - based on the"
         " provider's clinical judgment and on what the family says about recent changes")
    assert not any(p.rstrip(".").endswith("-") for p in _split(s))


def test_if_you_heading_still_ends_at_and_between_two_conditions() -> None:
    """'sickle cell disease and multisystem organ failure' are two conditions: the heading
    keeps its cut; only a shared head noun ('… risk factors') joins the two sides."""
    from domain.page_plan import _IF_YOU
    m = _IF_YOU.match("If you have sickle cell disease and multisystem organ failure:")
    assert m and m.group("who") == "sickle cell disease"
    m = _IF_YOU.match("If you have sickle cell disease and any of these:")
    assert m and m.group("who") == "sickle cell disease"


def test_tail_list_of_predicates_is_no_list_of_things() -> None:
    """'… thought about a lethal plan, has the ability to …, and is likely to …': the later
    parts say what someone has or is; split, they would be fragments."""
    from domain.lists import _tail_list
    assert _tail_list("These factors may be highlighted by querying about how much you have"
                      " thought about a lethal plan, has the ability to engage that plan, and"
                      " is likely to carry out the plan.") is None


def test_that_is_after_a_condition_describes_the_condition() -> None:
    """'people with blood pressure that is a bit high': the blood pressure is a bit high,
    not the reader ('you have blood pressure and are a bit high')."""
    from domain.voice import condition
    found = condition("people with high blood pressure or blood pressure that is a bit high")
    assert found and found[0] == ("you have high blood pressure or blood pressure that is a bit"
                                  " high")


def test_no_a_or_an_before_a_spelt_out_plural_drug_class() -> None:
    """'an ACEI or ARB' spelt out is 'an angiotensin-converting enzyme inhibitors': plural."""
    from domain.plain import _polish
    out = _polish("Experts advise against using an angiotensin-converting enzyme inhibitors or"
                  " angiotensin receptor blockers alone.")
    assert out == ("Experts advise against using angiotensin-converting enzyme inhibitors or"
                   " angiotensin receptor blockers alone.")
    assert _polish("Take a beta blocker.") == "Take a beta blocker."


def test_condition_with_a_bracketed_aside_is_the_same_group() -> None:
    """'If you have diabetes (all age groups)' and 'If you have diabetes' are one heading."""
    from domain.page_plan import _condition_key
    assert _condition_key("If you have diabetes (all age groups)") == _condition_key(
        "If you have diabetes")


def test_list_item_drops_a_capitalised_joining_and() -> None:
    """'… no current suicidal intent AND' as a list line: the lead says all must hold."""
    from domain.generation import _bare_item
    assert _bare_item("Clinician check that you have no current suicidal intent AND") == (
        "Clinician check that you have no current suicidal intent")
    assert _bare_item("symptoms are checked to be stable enough. AND") == (
        "symptoms are checked to be stable enough")


def test_lay_clause_before_its_complement_is_said_as_an_adjective() -> None:
    """'exercise that gets your heart pumping of 30 to 45 minutes': the 'of' would hang on
    'pumping'; 'heart-pumping exercise of 30 to 45 minutes' keeps it on the exercise."""
    from domain.plain import replace_terms
    out = replace_terms("a target for aerobic exercise of 30-45 minutes per session")
    assert out == "a target for heart-pumping exercise of 30-45 minutes per session"


def test_second_action_of_a_plural_subject_is_theirs() -> None:
    """'Direct renin inhibitors may carry a similar risk and should also be avoided': 'They
    should also be avoided', never 'It'."""
    from domain.plain import _split
    parts = _split("Direct renin inhibitors may carry a similar risk and should also be"
                   " avoided in women who could become pregnant.")
    assert parts[1].startswith("They should also be avoided")


def test_adherence_used_as_a_modifier_reads_as_a_purpose() -> None:
    """'adherence interventions' swapped word by word is 'sticking to the plan treatments'."""
    from domain.plain import replace_terms
    out = replace_terms("a multi-modal approach to adherence interventions")
    assert "sticking to the plan treatments" not in out
    assert out.endswith("treatments for sticking to the plan")


def test_controlled_on_and_tolerating_a_drug() -> None:
    """'adequately controlled on and tolerating hydrochlorothiazide': on it, without bad side
    effects, said once."""
    from domain.plain import replace_terms
    out = replace_terms("for patients adequately controlled on and tolerating hydrochlorothiazide")
    assert out.endswith("controlled on hydrochlorothiazide without bad side effects")


def test_condition_drops_an_aside_that_covers_every_age() -> None:
    from domain.voice import condition

    assert condition("patients with diabetes (all age groups)") == ("you have diabetes", "you")
    assert condition("patients with diabetes (all ages)") == ("you have diabetes", "you")
    # An aside that restricts who it is for stays.
    assert condition("patients with diabetes (age 60 or older)") == (
        "you have diabetes (age 60 or older)", "you")


def test_potassium_symbol_as_a_lab_finding_is_said_in_words() -> None:
    from domain.plain import replace_terms

    out = replace_terms("due to increased risk of hypotension, syncope, increased K+, and "
                        "changes in renal function")
    assert "K+" not in out and "high potassium," in out
    assert "low potassium" in replace_terms("Check for decreased serum K+.")


def test_combination_therapy_is_combined_treatment_not_mix_treatment() -> None:
    from domain.plain import replace_terms

    out = replace_terms("The Work Group suggests initiating combination therapy.")
    assert "mix" not in out and "combined treatment" in out
    out = replace_terms("when deciding on either monotherapy or combination therapy (two drugs)")
    assert out.endswith("or combined treatment (two drugs)")
    # Said again (a heading is rewritten twice), it stays as it is.
    assert replace_terms(replace_terms("Combination Therapy")) == "Combined treatment"


def test_treatments_for_patients_who_are_said_to_the_reader() -> None:
    from domain.reader import patient_to_you

    out = patient_to_you(
        "The Work Group recommends using the following as alternative therapies for patients "
        "who cannot tolerate thiazide-type diuretics, as supplementary therapies for patients "
        "who do not reach their hypertensive goals, or for those starting on combination "
        "therapy:")
    assert out == (
        "The Work Group recommends using the following as alternative therapies if you "
        "cannot tolerate thiazide-type diuretics, as supplementary therapies if you "
        "do not reach your hypertensive goals, or if you are starting on combination "
        "therapy:")
    # A group named without "as … therapies" keeps its wording.
    assert patient_to_you("Offer it to patients who smoke.") == "Offer it to people who smoke."


def test_a_case_named_after_a_treatment_is_not_split_from_it() -> None:
    from domain.plain import _split

    sentence = ("Experts advise using these as other treatments if you cannot take "
                "thiazide-type diuretics without bad side effects, as supplementary treatments "
                "if you do not reach your blood pressure goals, or if you are starting on "
                "combined treatment.")
    assert _split(sentence) == [sentence]
    # After a comma, a condition still stands as its own sentence.
    assert _split("Experts advise a low dose of aspirin for adults at higher risk of heart "
                  "disease, if they have no bleeding risk.")[-1] == (
        "This applies if they have no bleeding risk.")
