"""Word-by-word swaps that change what a sentence means, found reading the VA/DoD
hypertension page: each phrase is swapped whole or kept, a swap that says the same thing
twice is said once, and a drug class is not explained as the mineral in its name. The
rules are general; the sentences are the ones that showed the class."""

from __future__ import annotations

from domain.glossary import build
from domain.plain import Rewriter, replace_terms
from domain.reader import is_imperative


def _said(text: str) -> str:
    return Rewriter({}).simplify(text)


def test_systolic_heart_failure_is_the_hearts_pump_not_the_top_blood_pressure_number() -> None:
    """"systolic" alone is the top blood pressure number; "systolic heart failure" is a
    weak heart pump, and "top-number heart failure" means nothing."""
    out = _said("Verapamil is contraindicated in patients with systolic heart failure.")
    assert "top-number" not in out, out
    assert "heart failure with a weak heart pump" in out, out


def test_women_of_child_bearing_potential_are_women_who_could_become_pregnant() -> None:
    """"potential" is "possible" word by word: "women of child-bearing possible"."""
    for written in ("child-bearing", "childbearing"):
        out = _said(f"Spironolactone should be avoided in women of {written} potential.")
        assert "possible" not in out, out
        assert "women who could become pregnant" in out, out


def test_hypertensive_goals_are_blood_pressure_goals() -> None:
    """"hypertensive" after a person is "with high blood pressure"; before a goal it is
    the blood pressure's goal ("their with high blood pressure goals" broke the sentence)."""
    out = replace_terms("for patients who do not reach their hypertensive goals")
    assert "with high blood pressure goals" not in out, out
    assert "their blood pressure goals" in out, out


def test_two_words_that_swap_to_one_are_said_once() -> None:
    """"physical activity or exercise" and "Exercise/physical activity" both swap to
    "exercise" twice; a reader gets it once. A word that only starts a longer one
    ("check and check-up") is a different word and stays."""
    assert replace_terms("weight loss, physical activity or exercise, salt") == \
        "weight loss, exercise, salt"
    assert replace_terms("Exercise/physical activity") == "Exercise"
    out = replace_terms("consult physical therapy for evaluation and follow-up")
    assert "check and check-up" in out, out


def test_a_noun_phrase_before_a_modal_is_not_an_order() -> None:
    """"Direct renin inhibitors may carry a similar risk": "Direct" is an adjective; read as
    an order the caution said "Your care team should direct renin inhibitors may carry …"."""
    assert not is_imperative("Direct renin inhibitors may carry a similar risk and should "
                             "also be avoided.")
    assert not is_imperative("Check tools may be used to assess risk factors.")
    # An order whose object is followed by a clause with a modal stays an order.
    assert is_imperative("Refer patients if they may benefit.")
    assert is_imperative("Offer naloxone to patients who may overdose.")


def test_a_calcium_channel_blocker_is_explained_as_a_drug() -> None:
    """"calcium channel blockers" explained as "calcium: a mineral that keeps bones strong"
    tells the reader something false about the drug."""
    entries = {e.term: e.meaning for e in build("Long-acting dihydropyridine calcium channel "
                                                "blockers (CCBs) are advised.", {})}
    assert "calcium" not in entries, entries
    assert "blood pressure" in entries["calcium channel blockers"], entries


def test_whom_a_guideline_does_not_cover_is_not_said_as_experts_acting() -> None:
    """"The guideline does not apply to children" names whom it leaves out; said with the
    experts as its subject it read "Experts do not apply to children". A guideline that does
    not advise something is still the experts' word."""
    for written in ("The guideline does not apply to children and adolescents.",
                    "This guideline does not address pregnant women who are malnourished."):
        out = _said(written)
        assert "Experts do not" not in out, out
        assert "guideline does not" in out, out
    assert _said("The USPSTF does not recommend screening.") == \
        "Experts do not advise screening."


def test_a_tuberculosis_treatment_harm_said_plainly_and_latent_infection_explained() -> None:
    """"hepatotoxicity" was printed to the reader as the main harm of treatment, unexplained;
    "latent tuberculosis infection" was explained only as "tuberculosis"."""
    assert _said("The primary harm of treatment is hepatotoxicity.") == \
        "The primary harm of treatment is liver damage."
    entries = {e.term: e.meaning for e in build("Screening for latent tuberculosis infection "
                                                "is advised.", {})}
    assert "do not make you sick" in entries["latent tuberculosis infection"], entries


def test_a_list_inside_a_list_item_stays_under_it_and_the_rule_after_it_is_a_point() -> None:
    """A point of a list whose examples became a list of their own printed them flat, so
    "drive safely" and "pay bills" read as points, and the rule after them ("If the patient
    is not maintaining … tapered") floated between the lists, loose. The examples stay under
    their point and that rule is a point of the outer list; the lead runs to its colon."""
    text = ("The following management is suggested:\n- All follow-up visits should document "
            "the patient's ability to perform routine functions satisfactorily. Examples "
            "include the abilities to perform: work tasks, drive safely, pay bills or perform "
            "basic math operations, remain alert and upright for 10 hours per day, or "
            "participate in normal family and social activities. If the patient is not "
            "maintaining reasonable levels of activity the patient should usually be tapered "
            "from the opioid.\n- Patients must receive them through one prescribing physician.")
    lines = _said(text).split("\n")
    assert any(line.endswith("Examples include the abilities to do:") for line in lines), lines
    assert "  - work tasks" in lines and "  - drive safely" in lines, lines
    assert not any(line.startswith("- drive") for line in lines), lines
    taper = next(line for line in lines if "not maintaining" in line)
    assert taper.startswith("- If you are not maintaining"), lines
