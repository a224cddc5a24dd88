"""Reader wording: asides that restrict nothing, lab symbols, advice said to the reader."""


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

