"""Advice never points the reader to a section of the guideline the page does not have."""
from domain.voice import to_reader


def test_a_pointer_to_a_guideline_section_says_who_has_the_rules() -> None:
    said = to_reader("A person should have met the rules in the opioids section of this "
                     "guideline before beginning long-term opioids.")
    assert "section of this guideline" not in said
    assert said == ("You should have met the rules for opioids (ask your care team what these "
                    "rules are) before beginning long-term opioids.")


def test_a_pointer_to_a_list_above_under_a_guideline_heading_is_dropped() -> None:
    """"(as listed in "Therapeutic Procedures—Non-surgical" above)" names a heading the page
    does not have: the reader looks for it in vain."""
    said = to_reader("Sympathectomy may be an option if you are unable to return to normal "
                     "daily tasks when using the other non-surgical treatments (as listed in "
                     "\"Therapeutic Procedures—Non-surgical\" above) and meet the strict "
                     "reasons.")
    assert "as listed in" not in said
    assert "the other non-surgical treatments and meet the strict reasons." in said


def test_the_crps_page_has_no_pointer_to_a_heading_it_lacks() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown
    from tests.domain.conftest import corpus_file
    name = "colorado-dowc_complex-regional-pain-syndrome_2017.md"
    page = to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))
    assert "as listed in" not in page
