"""Long advice sentences are cut at safe joints, and every word of meaning stays."""

from __future__ import annotations

from domain.advice_splits import (
    condition_after,
    examples_after,
    group_after,
    inline_list,
    reason_after,
    split_advice,
)
from domain.generation import OfflineProvider
from domain.parsing import parse_guideline


def test_a_series_of_four_or_more_things_at_the_end_is_a_list() -> None:
    """"Based on A, B, C, and D." was one sentence of 16 words; as a lead and one line a
    thing, a reader scans it, and every thing is still there."""
    text = split_advice("Opioids are not the first choice. Treatment choice should be based on "
                        "pain severity, related symptoms, past doses, and side effects.")
    assert text.splitlines() == [
        "Opioids are not the first choice.", "Treatment choice should be based on:",
        "- pain severity", "- related symptoms", "- past doses", "- side effects"], text


def test_a_series_joined_by_or_keeps_its_choice_and_its_direction() -> None:
    """"Against A, B, C, D, or E": the list says "any of these" so the "or" is not lost, and
    "against" stays in the lead above every item."""
    lines = split_advice("Some medicines do not help. We advise against treating long-term "
                         "pain with divalproex, tiagabine, guanfacine, risperidone, or "
                         "ketamine.").splitlines()
    assert lines[1] == "We advise against treating long-term pain with any of these:", lines
    assert lines[2:] == ["- divalproex", "- tiagabine", "- guanfacine", "- risperidone",
                         "- ketamine"]


def test_a_word_after_the_series_that_bears_on_every_item_keeps_it_in_one_sentence() -> None:
    """"… or ketamine alone": as a list, "alone" would seem to limit only the last item."""
    text = ("Some medicines do not help. We advise against treating long-term pain with "
            "divalproex, tiagabine, guanfacine, risperidone, or ketamine alone.")
    assert split_advice(text) == text


def test_the_first_sentence_which_titles_the_block_keeps_its_series_and_group() -> None:
    """The block's title is taken from the advice's first sentence: made a list it read "Not
    advised: against", cut from its group "Not sure yet: medicine treatments for quitting
    tobacco", which seemed to contradict the advice for other adults. Examples written as a
    series after "For example:" stay one line too."""
    guide = "\n".join([
        "# Chronic pain care", "", "## Recommendations", "",
        "1. We recommend against magnesium, benzodiazepines, neostigmine, tramadol, and "
        "ketamine for chronic pain.", ""])
    pvg = OfflineProvider().generate(parse_guideline(guide.encode(), "pain.md"))
    assert "\n" not in pvg.recommendations[0].text, pvg.recommendations[0].text
    for text in ("Experts advise against magnesium, benzodiazepines, neostigmine, tramadol, "
                 "and ketamine.",
                 "There is not enough proof about the good and harm of medicine treatments for "
                 "quitting tobacco in pregnant women.",
                 "Tests are needed. For example: asthma, chronic obstructive pulmonary disease, "
                 "restrictive lung disease, or obstructive sleep apnea."):
        assert split_advice(text) == text


def test_an_item_that_only_adds_to_the_one_before_is_no_list() -> None:
    """"other care, including A, B, and C": "including …" is no item of its own, and a
    series after "For example:" is led by the colon, not by a word inside an item."""
    assert inline_list("Your care team may use other care, including mental health check or "
                       "treatment, jobsite analysis, and vocational assistance.") is None
    assert inline_list("For example: next of kin, life partner, cohabitant, friend, or "
                       "primary treating doctor.") == [
        "For example:", "- next of kin", "- life partner", "- cohabitant", "- friend",
        "- primary treating doctor"]


def test_a_list_item_never_starts_by_calling_the_reader_person() -> None:
    """"…, person knowledge of helpful agents and doses, …" inside a sentence read past; on a
    line of its own it spoke of the reader as "person" (a wording defect in QC)."""
    assert inline_list("Your care team should base pain medicine selection on pain check, "
                       "related symptoms, person knowledge of helpful agents and doses, and "
                       "past experience with side effects.") is None


def test_a_condition_trailing_a_long_sentence_is_said_after_it() -> None:
    """"Experts advise X when Y." of 20 words reads as two: the advice, then "This applies
    when Y." with the condition whole; "or when" and "only if" stay where they are."""
    assert condition_after(
        "Experts advise using trauma-focused talk therapies that have shown success using "
        "secure video calls when PTSD treatment is delivered via video calls.") == [
        "Experts advise using trauma-focused talk therapies that have shown success using "
        "secure video calls.", "This applies when PTSD treatment is delivered via video calls."]
    kept = ("Your care team should only use this type of treatment with a clear nerve injury "
            "or when most of pain is clearly in a nerve distribution.")
    assert condition_after(kept) == [kept]


def test_a_sentence_ending_in_capitals_is_still_a_sentence_of_its_own() -> None:
    """"… for the treatment of PTSD. This applies if …": a full stop after an acronym ends the
    sentence, so no rule reads the next sentence as part of it."""
    text = ("Experts suggest nefazodone, imipramine, or phenelzine alone for the treatment of "
            "PTSD. This applies if advised medicine or talk therapy are not helpful.")
    assert split_advice(text) == text


def test_the_group_a_long_sentence_ends_with_is_said_after_it() -> None:
    """"… of screening for thyroid dysfunction in nonpregnant adults without symptoms." reads
    as the advice, then "This is for nonpregnant adults without symptoms." with the group
    whole; "for use in women …" keeps "use" with the advice, and a group that runs on into a
    clause of its own stays in its sentence."""
    assert group_after("There is not enough proof about the good and harm of screening for "
                       "thyroid dysfunction in nonpregnant adults without symptoms.") == [
        "There is not enough proof about the good and harm of screening for thyroid "
        "dysfunction.", "This is for nonpregnant adults without symptoms."]
    assert group_after("Progestin-only methods, levonorgestrel IUDs, and barrier methods have no "
                       "restrictions or concerns for use in women with sickle cell disease.")[1] \
        == "This is for women with sickle cell disease."
    kept = ("Minor tranquilizers and muscle relaxants are usually not advised for use in people "
            "with cumulative trauma conditions and, if used, should not exceed 2 weeks total.")
    assert group_after(kept) == [kept]


def test_a_reason_is_said_in_a_sentence_of_its_own() -> None:
    """"X is not recommended because there is no evidence …" -> "… This is because …"."""
    assert reason_after("Epiduroscopy-directed steroid injections are also not recommended "
                        "because there is no evidence to support an advantage in using an "
                        "epiduroscope.") == [
        "Epiduroscopy-directed steroid injections are also not recommended.",
        "This is because there is no evidence to support an advantage in using an "
        "epiduroscope."]


def test_examples_ending_a_sentence_are_said_after_it() -> None:
    """", such as tamoxifen or raloxifene." ending the advice is said "For example: …" right
    after it; examples in the middle stay, since said later they would seem to belong to
    another word."""
    assert examples_after("Your care team should offer to prescribe risk-reducing medicines, "
                          "such as tamoxifen or raloxifene.") == [
        "Your care team should offer to prescribe risk-reducing medicines.",
        "For example: tamoxifen or raloxifene."]
    kept = ("Experts advise against the routine use of medicines, such as tamoxifen or "
            "raloxifene, for lowering the risk of breast cancer.")
    assert examples_after(kept) == [kept]


def test_every_sentence_is_said_once_when_several_rules_cut_it() -> None:
    """A sentence cut by one rule and passed on to the next is printed once, not once per
    piece the later rule makes; examples stay where the next sentence gives examples too."""
    text = ("Your care team should offer medicines to lower the chance of breast cancer in "
            "women at high risk, such as tamoxifen or raloxifene.")
    assert split_advice(text) == (
        "Your care team should offer medicines to lower the chance of breast cancer in women "
        "at high risk. For example: tamoxifen or raloxifene.")
    kept = ("Risk factors should be thought about to denote higher risk people and higher risk "
            "periods (e.g., recent interpersonal trouble). For example: those with a history of "
            "depression.")
    assert split_advice(kept) == kept


def test_no_cut_leaves_a_piece_quality_control_would_call_a_fragment() -> None:
    """A noun phrase whose only verb is in its "who" clause passes the rules' clause test;
    cut before "if" it would be a sentence without a verb, so the sentence stays whole."""
    text = ("Any person with suicidal intent or behavior who cannot be kept safe if left alone "
            "at home should be admitted to hospital right away.")
    assert len(condition_after(text)) == 2
    assert split_advice(text) == text


def test_a_group_that_runs_on_into_its_own_verb_stays_in_its_sentence() -> None:
    """"… for women with twins are often different …": the verb after the group is the
    sentence's own, so "This is for women with twins are …" would break it."""
    text = ("The extra needs of the whole family and the new child for women with twins are "
            "often different from other families.")
    assert group_after(text) == [text]


def test_a_cut_that_would_read_as_another_direction_is_not_made() -> None:
    """"… not recommended because there is no evidence …": cut, "This is because there is no
    evidence …" read as "not enough proof" instead of advice against, so the sentence stays
    whole in the patient version."""
    guide = "\n".join([
        "# Chronic pain care", "", "## Recommendations", "",
        "1. Opioids are not the first choice for chronic pain. Epiduroscopy-directed steroid "
        "injections are also not recommended because there is no evidence to support an "
        "advantage in using an epiduroscope with steroid injections.", ""])
    pvg = OfflineProvider().generate(parse_guideline(guide.encode(), "pain.md"))
    assert "not recommended because there is no evidence" in pvg.recommendations[0].text


def test_a_phrase_after_the_last_item_that_bears_on_every_item_keeps_the_sentence() -> None:
    """"… tramadol, and ketamine for long-term pain": as a list, "for long-term pain" would
    seem to belong to ketamine only."""
    text = ("Some medicines do not help. We advise against magnesium, benzodiazepines, "
            "neostigmine, tramadol, and ketamine for long-term pain.")
    assert split_advice(text) == text


def test_the_first_sentence_is_cut_when_the_blocks_titles_stay_as_they_were() -> None:
    """Most advice is one sentence: it is cut too when the titles taken from it do not change
    ("Advice 1" either way here), so a one-sentence page reads as short as the others."""
    guide = "\n".join([
        "# Chronic pain care", "", "## Recommendations", "",
        "1. We recommend against magnesium, benzodiazepines, neostigmine, tramadol, and "
        "ketamine.", ""])
    pvg = OfflineProvider().generate(parse_guideline(guide.encode(), "pain.md"))
    assert pvg.recommendations[0].text.splitlines() == [
        "We advise against:", "- magnesium", "- benzodiazepines", "- neostigmine", "- tramadol",
        "- ketamine"]


def test_the_first_sentence_keeps_its_group_for_titles_told_apart_by_it() -> None:
    """"Not advised: joint shot … for people with … of the hip" and "Not sure yet: … shot"
    (for the knee) are told apart by the group of the first sentence; cut off, the titles
    read as a contradiction."""
    text = ("Joint shot of hyaluronate/hylan is not advised for people with symptomatic "
            "osteoarthritis of the hip.")
    assert split_advice(text, first_too=True) == text
