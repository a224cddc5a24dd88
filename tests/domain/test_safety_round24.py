"""Round-9 PEMAT safety findings: advice a reader could misread in a way that matters (whose
infection, who gives a medicine, a permission read as a recommendation)."""

from __future__ import annotations

from domain.voice import you_throughout


def test_an_exception_for_infection_says_it_is_the_readers_own() -> None:
    """CDC-PHS round 9 (rater C): after a list of the donor's conditions, "your testing …
    (unless infection was recorded before the transplant)" read as the donor's infection,
    which would exempt exactly the recipients of infected donors. In advice said to the
    reader, an infection with no owner in an exception is the reader's own."""
    text = ("If you are a recipient, you should get hepatitis C testing after the transplant. "
            "This applies when the donor meets any of these conditions:\n- (1) the donor is "
            "infected with hepatitis C\nYour care team should do your testing between one and "
            "three months after the transplant (unless infection was recorded before the "
            "transplant).")
    out = you_throughout(text)
    assert "(unless your own infection was recorded before the transplant)" in out
    assert "between one and three months after the transplant" in out
    # Text not said to a reader by role is left as the guideline has it.
    other = "Testing is done (unless infection was recorded before the transplant)."
    assert you_throughout(other) == other
