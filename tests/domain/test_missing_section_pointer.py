"""Advice never points the reader to a section of the guideline the page does not have."""
from domain.voice import to_reader


def test_a_pointer_to_a_guideline_section_says_who_has_the_rules() -> None:
    said = to_reader("A person should have met the rules in the opioids section of this "
                     "guideline before beginning long-term opioids.")
    assert "section of this guideline" not in said
    assert said == ("You should have met the rules for opioids (ask your care team what these "
                    "rules are) before beginning long-term opioids.")
