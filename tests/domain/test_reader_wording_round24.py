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
