""""X is not advised due to A, B, and C": the verdict is said first and whole, then the
reasons one to a line, so the long sentence is read in short pieces."""

from domain.lists import as_list

BENZO = ("Chronic use of benzodiazepines or any muscle relaxant is not advised due to their "
         "risk of habit forming, seizure risk following abrupt withdrawal, and recorded role in "
         "deaths of people on chronic opioids due to slowed breathing.")


def test_a_verdict_with_three_reasons_is_the_verdict_and_one_line_a_reason() -> None:
    assert as_list(BENZO) == [
        "Chronic use of benzodiazepines or any muscle relaxant is not advised. The reasons are:",
        "their risk of habit forming", "seizure risk following abrupt withdrawal",
        "recorded role in deaths of people on chronic opioids due to slowed breathing"]


def test_the_group_the_verdict_is_for_stays_with_it_not_with_the_reasons() -> None:
    listed = as_list("Buprenorphine (various formulations) is not advised for most people with "
                     "long-term pain due to methods of giving, reports of euphoria in some "
                     "people, and lack of proof for improved success in comparison with other "
                     "opioids.")
    assert listed is not None
    assert listed[0] == ("Buprenorphine (various formulations) is not advised for most people "
                         "with long-term pain. The reasons are:")
    assert listed[1:] == ["methods of giving", "reports of euphoria in some people",
                          "lack of proof for improved success in comparison with other opioids"]


def test_a_reason_that_is_a_clause_or_a_choice_of_reasons_is_left_as_written() -> None:
    assert as_list("Tramadol is not advised due to cost, it is no better than other "
                   "medicines, and it has side effects.") is None
    assert as_list("Tapentadol is not advised due to its cost, its side effects, or the lack "
                   "of proof that it works better.") is None
