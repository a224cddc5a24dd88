"""Reader wording on the VA/DoD suicide-risk and CDC LMBP pages: a lay-term swap never says
a phrase twice, a statement is never cut from its first sentence, one condition is one group
of advice, a case in a list is said to the reader, and a topic line names the advice's own
part of the guideline."""

from __future__ import annotations

from domain.plain import Rewriter, replace_terms


def test_swap_does_not_repeat_its_phrase_in_one_noun_phrase() -> None:
    """"cardiovascular risk factors for CVD" must not read "heart and blood vessel risk factors
    for heart and blood vessel disease": the swapped phrase is said once."""
    said = replace_terms("multiple cardiovascular risk factors for cardiovascular disease")
    assert said == "multiple risk factors for heart and blood vessel disease"
    opening = replace_terms("Cardiovascular risk factors for cardiovascular disease are common.")
    assert opening == "Risk factors for heart and blood vessel disease are common."
    rw = Rewriter({"CVD": "cardiovascular disease"})
    text = rw.simplify("Younger adults with multiple cardiovascular risk factors for CVD "
                       "should be tested.", 2)
    assert text.count("heart and blood vessel") == 1, text


def test_swap_keeps_a_phrase_said_twice_in_the_source() -> None:
    """Two phrases the guideline itself wrote twice, far apart, are not cut."""
    text = ("cardiovascular disease is common and people at risk of cardiovascular disease "
            "should be checked")
    assert replace_terms(text).count("heart and blood vessel disease") == 2


def test_swap_keeps_the_thing_named_twice_in_one_clause() -> None:
    """"prevention of hypertension in people with hypertension": the first is the thing
    prevented, no modifier, so both stay."""
    said = replace_terms("the treatment or prevention of hypertension in people with "
                         "hypertension")
    assert said.count("high blood pressure") == 2, said


def test_summary_group_is_no_list_lead_in() -> None:
    """A "Who it is for" line that leads a list ("… events, including:" and its items) gives
    the summary the group before its list words, never "It is for … including:."."""
    from domain.summary import summary

    who = ["People at risk of heart disease events, including:\n- men (>35 years)\n"
           "- women (>45 years)\n- younger adults with many risk factors"]
    text = summary(who, "heart tests", ["You should get tested."])
    assert "It is for people at risk of heart disease events." in text, text
    assert ":." not in text
