"""The lines every page prints whatever the guideline says: each is a short, plain sentence,
so the page reads at the level its readers need (page FKGL median at most 6) without
touching the advice itself."""

from __future__ import annotations

from domain.generation import OfflineProvider
from domain.legend import WHY
from domain.model import Direction, Strength
from domain.parsing import parse_guideline
from domain.readability import sentences, words
from domain.render import to_markdown
from domain.strength_words import strength_wording
from tests.domain.conftest import corpus_file

OBESITY = "va-dod_overweight-obesity_2014.md"


def _page(name: str) -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))


def test_expert_consensus_is_said_in_two_short_sentences() -> None:
    """It is still advice for, from the experts' shared view, and not graded by studies."""
    said = strength_wording(Direction.FOR, Strength.CONSENSUS)
    assert said == ("✔ Advice for. This is the experts' shared view. "
                    "It is not a graded study result.")
    assert WHY["consensus"] == ("The experts agreed on this from their experience. "
                                "No studies were graded for it.")
    assert all(len(words(s)) <= 10 for s in sentences(said + "\n" + WHY["consensus"]))


def test_the_fixed_lines_of_a_page_are_short_sentences() -> None:
    page = _page(OBESITY)
    for line in ("- Not sure the advice fits you? Ask your care team.",
                 "Each item says what the experts advise. It also says how sure they are.",
                 # under a block, once the legend has said what the sign means
                 "✔ Advice for. It is the experts' shared view.",
                 "The experts agreed on this from their experience. No studies were graded "
                 "for it."):
        assert line in page
    for old in ("If you are not sure the advice fits you, ask your care team.",
                "Each item says what the experts advise and how sure they are.",
                "shared view, not a graded", "experience; no studies"):
        assert old not in page


def test_the_opening_of_a_long_page_says_what_comes_first_in_short_sentences() -> None:
    """The page still says how many pieces of advice come first, that they are the ones to act
    on, and where the others are."""
    page = _page("cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md")
    opening = next(line for line in page.splitlines() if line.startswith("This page first"))
    assert " pieces of advice you can act on. They say what you can do, ask for or expect. " \
        in opening
    assert '"More advice in this guideline"' in opening
    first, what = sentences(opening)[:2]
    assert len(words(first)) <= 14 and len(words(what)) <= 10


def test_the_why_of_graded_advice_for_says_good_weighed_against_harm_in_two_sentences() -> None:
    """Still true of every graded "for" item: the experts weighed good against harm and found
    the good likely greater."""
    assert WHY["for"] == ("The experts weighed the good against the harm. "
                          "The good is likely to be greater.")
    page = _page("nhlbi_sickle-cell-blood-transfusion_2014.md")
    assert "**Why:** The experts weighed the good against the harm. The good is likely to be " \
        "greater." in page
    assert "The experts found that the good it does" not in page


def test_weak_advice_is_said_one_idea_a_sentence() -> None:
    """"Many people would want this, but some would not" and "lean against this, but talk
    it over" held two ideas a sentence; the meaning (a close call: talk it over) is kept."""
    weak_for = strength_wording(Direction.FOR, Strength.CONDITIONAL)
    assert weak_for == ("✔? This is weak advice for. Many people would want this. "
                        "Some would not. Talk it over.")
    weak_against = strength_wording(Direction.AGAINST, Strength.CONDITIONAL)
    assert weak_against == ("✖ This is weak advice against. Experts lean against this. "
                            "Talk it over.")
