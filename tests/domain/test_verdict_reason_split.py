""""X is usually not advised due to Y": the verdict and its reason are two sentences, as
they already were when the thing had a one-word name ("Tramadol is not advised …")."""

from domain.plain import _split


def test_a_verdict_on_a_thing_with_a_long_name_is_split_from_its_reason() -> None:
    assert _split("Chronic use of NSAIDs is usually not advised due to higher risk of heart "
                  "and blood vessel events and stomach and gut bleeding.") == [
        "Chronic use of NSAIDs is usually not advised.",
        "This is due to higher risk of heart and blood vessel events and stomach and gut "
        "bleeding."]


def test_the_cost_and_the_results_of_a_study_are_reasons_too() -> None:
    assert _split("Transforaminal shot with etanercept is not advised due to the results of a "
                  "study which showed no advantage over steroids or saline shots.") == [
        "Transforaminal shot with etanercept is not advised.",
        "This is due to the results of a study which showed no advantage over steroids or "
        "saline shots."]


def test_a_cause_inside_a_statement_that_gives_no_verdict_is_left_whole() -> None:
    said = ("Pain in the lower back due to low back strain often gets better within a few "
            "weeks without any treatment at all.")
    assert _split(said) == [said]


def test_a_reason_that_starts_with_relatively_is_still_a_reason() -> None:
    assert _split("Rapid detox under anesthesia is not advised due to relatively high rate of "
                  "problems and high cost.") == [
        "Rapid detox under anesthesia is not advised.",
        "This is due to relatively high rate of problems and high cost."]
