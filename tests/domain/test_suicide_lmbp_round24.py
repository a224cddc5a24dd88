"""Reader wording on the VA/DoD suicide-risk and CDC LMBP pages: a lay-term swap never says
a phrase twice, a statement is never cut from its first sentence, one condition is one group
of advice, a case in a list is said to the reader, and a topic line names the advice's own
part of the guideline."""

from __future__ import annotations

import pytest

from domain.parsing import parse_text
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


_STEPS = """# G

## Major Recommendations

#### Guidance for the Emergency Department

1. Providers should choose the setting for the first check to keep the patient safe. {} make \
the appropriate steps to:
    - a. Secure all belongings to prevent access to lethal means.
    - b. Monitor the patient in a visible area, away from exits.
2. Clinicians should ask about knee pain at every visit.
"""


@pytest.mark.parametrize("joint", ["And", "Then"])
def test_lead_in_that_goes_on_from_its_sentence_keeps_it(joint: str) -> None:
    """"… managed effectively. And make the appropriate steps to:" and its list are one
    statement with the sentence the "And" goes on from: the page never opens a block with
    "And make the right steps to:"."""
    texts = [r.text for r in parse_text(_STEPS.format(joint)).recommendations]
    assert texts[0].startswith("Providers should choose the setting"), texts
    assert f"{joint} make the appropriate steps to: Secure all belongings" in texts[0]
    assert not any(t.startswith(joint) for t in texts)
    assert texts[1] == "Clinicians should ask about knee pain at every visit."


def test_lead_in_of_its_own_stays_apart() -> None:
    """A lead-in that opens a new statement ("Make the appropriate steps to:") stays apart
    from the sentence before it."""
    texts = [r.text for r in parse_text(_STEPS.format("Providers should")).recommendations]
    assert texts[0] == ("Providers should choose the setting for the first check to keep "
                        "the patient safe.")
    assert texts[1].startswith("Providers should make the appropriate steps to:")


def test_second_half_says_who_acts() -> None:
    """The sentence that goes on with "And make …" says who makes the steps, as the first
    half does: "Your care team should also make the right steps to:"."""
    from domain.generation import OfflineProvider

    pvg = OfflineProvider().generate(parse_text(_STEPS.format("And")))
    text = pvg.recommendations[0].text
    assert "Your care team should also make the right steps to:" in text, text
    assert "And make" not in text


def test_one_condition_spelt_three_ways_is_one_group() -> None:
    """"HIGH ACUTE RISK", "HIGH ACUTE-RISK for suicide" and "high acute risk" are one
    condition: the page shows one group for it, headed in plain case; a different condition
    ("at acute risk for suicide") keeps its own."""
    from domain.model import Direction, Strength
    from domain.page_plan import Advice, plan

    filler = " It is part of the care plan that the guideline describes at length." * 4
    base = [Advice(200 + i, f"You may ask your care team about check {i}.{filler}",
                   Direction.FOR, Strength.UNGRADED, False, f"Check {i}") for i in range(30)]
    cases = [
        "If you are at HIGH ACUTE RISK:\n- Your care team should right away refer you.",
        "If you are at HIGH ACUTE-RISK for suicide:\n- You should get checked in an "
        "emergency care setting.",
        "If you are at high acute risk:\n- Your care team should follow you closely.",
        "If you are at acute risk for suicide and are under the influence:\n- You should get "
        "checked in an urgent care setting.",
    ]
    found = plan([Advice(i, t, Direction.FOR, Strength.STRONG, False, "Risk")
                  for i, t in enumerate(cases)] + base)
    assert found is not None
    heads = [h for h, ids in found.groups if set(ids) & {0, 1, 2, 3}]
    assert "If you are at high acute risk" in heads, heads
    assert not any("HIGH" in h for h in heads), heads
    assert [ids for h, ids in found.groups if h == "If you are at high acute risk"] == [[0, 1, 2]]
    assert "If you are at acute risk for suicide" in heads


def test_two_conditions_that_differ_after_for_stay_apart() -> None:
    """"a candidate for surgery" and "a candidate for dialysis" are two groups of readers."""
    from domain.model import Direction, Strength
    from domain.page_plan import Advice, _one_condition

    def one(i: int, text: str) -> Advice:
        return Advice(i, text, Direction.FOR, Strength.STRONG, False, None)

    groups = {"If you are a candidate for surgery": ("if", [one(0, "a")]),
              "If you are a candidate for dialysis": ("if", [one(1, "b")])}
    assert list(_one_condition(groups)) == list(groups)


def test_case_in_a_list_said_to_the_reader() -> None:
    """A list of cases said to "you" never shows a third-person case ("Woman reports …",
    "Service member referred …"): the case is the reader's, said "You are a woman who
    reports …", "You are a Service member referred …"."""
    from domain.reader import patient_to_you

    text = patient_to_you(
        "Any patient with the following conditions should be assessed:\n"
        "- Person reports suicidal thoughts on depression screening tool\n"
        "- Woman reports suicidal thoughts on depression screening tool during pregnancy\n"
        "- Service member referred to health care provider by command who have expressed "
        "concerns about the person's behavior")
    assert "\n- You report suicidal thoughts" in text
    assert "\n- You are a woman who reports suicidal thoughts" in text, text
    assert "\n- You are a Service member referred to health care provider" in text, text


def test_a_role_that_is_no_case_of_the_reader_stays() -> None:
    """"Women reports" is no bare case, and a role noun before a noun ("Veteran services
    offer …") is not the reader."""
    from domain.reader import patient_to_you

    said = patient_to_you("Care may include:\n- Veteran services offer rides\n- Women "
                          "choose a clinic")
    assert "You are" not in said, said


def test_a_who_line_is_no_case() -> None:
    """"Man aged 50 years or older": an age is no act, so the line stays as it is."""
    from domain.reader import patient_to_you

    assert patient_to_you("- Man aged 50 years or older") == "- Man aged 50 years or older"


_PARTS = """# G

## Major Recommendations

### Module A: Assessment

- D. **Assess Risk Factors**

    #### D5. Assess Access to Lethal Means

    1. Assessment of access to lethal means should include firearms and how they are stored.

- E. {title}

    Determine the level of the risk for suicide to set the right care.

    1. Patients at HIGH ACUTE RISK should be immediately referred for a specialty evaluation.
"""


@pytest.mark.parametrize("fmt", ["markdown", "pdf", "text"])
@pytest.mark.parametrize("title", ["**Determine the Level of Risk (Severity of Suicidality)**",
                                   "Determine the Level of Risk (Severity of Suicidality)"])
def test_topic_is_the_part_the_advice_is_printed_under(fmt: str, title: str) -> None:
    """A part the guideline opens with a lettered list item ("E. Determine the Level of
    Risk") ends the sub-part before it ("D5. Assess Access to Lethal Means"): advice printed
    under it is about the level of risk, never "About: Check access to lethal means"."""
    from domain import layout
    from domain.parsing import parse_guideline
    from tests.support.documents import render

    doc = _PARTS.format(title=title)
    data = doc.encode() if fmt == "markdown" else render(doc, fmt, name="g")
    g = parse_guideline(data, {"markdown": "g.md", "pdf": "g.pdf", "text": "g.txt"}[fmt])
    heads = layout.topics(g)
    at = next(i for i, r in enumerate(g.recommendations) if "HIGH ACUTE" in r.source_text)
    if fmt == "markdown":
        # Markdown keeps the indented sub-heading inside the module: no topic is printed.
        assert heads[at] is None, heads
    else:
        assert "Determine the Level of Risk" in (heads[at] or ""), heads
    lethal = next(i for i, r in enumerate(g.recommendations) if "firearms" in r.source_text)
    assert heads[lethal] is None or "Lethal Means" in (heads[lethal] or ""), heads


def test_group_said_to_the_reader_when_a_state_comes_before_the_advice() -> None:
    """"Patients who are discharged from acute care remain at high risk for suicide and should
    be followed up …" is said to "you", as the same sentence without the state in between."""
    rw = Rewriter({})
    text = rw.simplify("Patients who are discharged from acute care (hospital, emergency "
                       "room) remain at high risk for suicide and should be followed up within "
                       "seven days of discharge.", 2)
    assert text.startswith("If you are discharged from acute care (hospital, emergency room), "
                           "you should be followed up within seven days of discharge."), text
    assert text.endswith("This is because you remain at high risk for suicide."), text
    assert "People who" not in text


def test_heading_keeps_a_bracket_whole() -> None:
    """"If you are discharged from acute care (hospital care, Emergency Department)" is never
    a heading cut at the comma inside the bracket ("… acute care (hospital care")."""
    from domain.model import Direction, Strength
    from domain.page_plan import Advice, situation

    a = Advice(0, "If you are discharged from acute care (hospital care, Emergency "
               "Department), your care team should follow you up.", Direction.FOR,
               Strength.STRONG, False, None)
    heading = situation(a)[0]
    assert heading.count("(") == heading.count(")"), heading
    short = Advice(1, "If you are on dialysis (kidney care, at home), you should rest.",
                   Direction.FOR, Strength.STRONG, False, None)
    assert situation(short)[0] == "If you are on dialysis (kidney care, at home)"
