"""Advice "for most people" said to the reader keeps the room the guideline leaves for its
exceptions: "Like most people, you should …" tells every reader, splint or cast or not."""
from domain.voice import to_reader


def test_advice_for_most_people_said_to_you_keeps_room_for_exceptions() -> None:
    said = to_reader("Continuing normal daily activities is the recommendation for most "
                     "patients since immobility will negatively affect rehabilitation.")
    assert not said.startswith("Like most people")
    assert said.startswith("You should continue normal daily activities")
    assert said.endswith("unless your care team advises otherwise.")
