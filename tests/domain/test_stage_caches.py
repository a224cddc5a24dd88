"""Caches and shortcuts in the stage functions answer as the uncached code would."""

from __future__ import annotations

from domain.plain import _one_of_two, _said_once
from domain.reader import AUDIENCE, address
from domain.terms import TermMatcher
from domain.wording_check import defects


def test_a_doubled_phrase_is_still_said_once_when_the_text_is_not_ascii() -> None:
    """``re`` ignoring case matches the long s "ſ" for "s": the quick count that skips a
    phrase said only once is for ASCII text alone."""
    assert _one_of_two("Get exerciſe or exercise daily.", {"exercise"}) == "Get exerciſe daily."
    assert _one_of_two("Get exercise or Exercise daily.", {"exercise"}) == "Get exercise daily."
    assert _one_of_two("Get exercise daily.", {"exercise"}) == "Get exercise daily."


def test_a_phrase_said_twice_in_one_noun_phrase_is_said_once() -> None:
    once = "risk factors for heart and blood vessel disease"
    assert _said_once(f"heart and blood vessel {once}", {"heart and blood vessel"}) == once
    assert _said_once(once, {"heart and blood vessel"}) == once


def test_a_sentence_is_addressed_for_each_audience_apart() -> None:
    """The cache is per audience: a page for health workers keeps "Clinicians" even after the
    same sentence was said to patients."""
    sentence = "Clinicians should offer the patient a test."
    assert address(sentence) == "Your care team should offer you a test."
    token = AUDIENCE.set(frozenset({"health worker"}))
    try:
        assert address(sentence) == "Clinicians should offer you a test."
    finally:
        AUDIENCE.reset(token)
    assert address(sentence) == "Your care team should offer you a test."


def test_cached_answers_are_fresh_lists() -> None:
    """A caller that changes what it got back changes nothing the next caller gets."""
    matcher = TermMatcher(["blood pressure"])
    found = matcher.find("Check your blood pressure.")
    found.append((0, 0, "x"))
    assert matcher.find("Check your blood pressure.") == [(11, 25, "blood pressure")]
    first = defects("This is is a sentence.")
    assert first
    first.append(first[0])
    assert len(defects("This is is a sentence.")) == len(first) - 1
