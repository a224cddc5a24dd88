"""What one recommendation statement is, as the counting rules of ``bench/labels/README.md``
define it: where it starts and ends, and which sentences of a recommendation section are
advice at all. Each document here is a small hand-made copy of a passage of the corpus.
"""

from __future__ import annotations

import pytest

from domain.parsing import parse_text


def _parse(body: str) -> list[tuple[str, str | None]]:
    """(statement text, grade) of every recommendation of a one-section guideline."""
    guideline = parse_text(f"# G\n\n## Major Recommendations\n\n{body}")
    return [(r.text, r.grade) for r in guideline.recommendations]


# --- a label that closes a lead-in ending in ":" labels its list too ---------------------


@pytest.mark.parametrize("lead_in", [
    # NHLBI: the label printed after the colon
    "Counsel women with SCD and their partners about the following: (**Consensus–Adapted**)",
    # VA/DoD: the label printed inside the lead-in, before the colon
    "Counsel women with SCD and their partners about such risks as **[B]**:",
])
def test_a_label_closing_a_lead_in_labels_the_lead_in_and_its_list(lead_in: str) -> None:
    body = f"""1. Test women with SCD who have been transfused for red cell alloantibodies. (**Consensus–Panel Expertise**)
2. {lead_in}
    - a. Pregnancy in women with SCD is considered high risk.
    - b. Additional fetal surveillance is required during a pregnancy.
3. Offer hydroxyurea to adults with three or more pain crises a year. (**Strong Recommendation, High-Quality Evidence**)
"""  # noqa: E501
    recs = _parse(body)
    assert len(recs) == 3
    text, _grade = recs[1]
    assert text.startswith("Counsel women with SCD and their partners")
    assert text.endswith("Pregnancy in women with SCD is considered high risk. Additional fetal "
                         "surveillance is required during a pregnancy.")


# --- advice sentences of ungraded prose --------------------------------------------------

UNGRADED = "Disturbances of sleep are common in chronic pain. {sentence} Sleep is often studied."


def _advice(sentence: str) -> list[str]:
    return [text for text, _ in _parse(UNGRADED.format(sentence=sentence))]


@pytest.mark.parametrize("sentence", [
    # an adverb before the imperative: the verb is not capitalised
    "Closely monitor patients for changes in mood after the dose is changed.",
    "Carefully review all medications used by patients at risk.",
    # "It is important to …" opens a sentence
    "It is important to limit the amount of medication dispensed.",
    # "Physicians may …" opens a sentence
    "Physicians may monitor smoking cessation with laboratory tests such as cotinine levels.",
])
def test_advice_is_found_whatever_the_case_of_its_first_word(sentence: str) -> None:
    assert _advice(sentence) == [sentence]
