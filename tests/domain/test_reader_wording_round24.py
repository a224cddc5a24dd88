"""Reader wording: asides that restrict nothing, lab symbols, advice said to the reader."""


def test_condition_drops_an_aside_that_covers_every_age() -> None:
    from domain.voice import condition

    assert condition("patients with diabetes (all age groups)") == ("you have diabetes", "you")
    assert condition("patients with diabetes (all ages)") == ("you have diabetes", "you")
    # An aside that restricts who it is for stays.
    assert condition("patients with diabetes (age 60 or older)") == (
        "you have diabetes (age 60 or older)", "you")
