"""A virus type pair ("anti-HIV 1/2") carries the two type numbers, not a fraction."""

from domain.fidelity import added_numbers, lost_numbers


def test_type_pair_said_as_two_types_loses_no_number() -> None:
    source = "Test donors for antibodies to HIV (i.e., anti-HIV 1/2 or an Ag/Ab assay)."
    text = "Test donors for antibodies to HIV-1 and HIV-2 or an antigen/antibody test."
    assert lost_numbers(source, text) == []
    assert added_numbers(source, text) == []


def test_hyphenated_type_pair_carries_both_numbers() -> None:
    source = "Use an HIV-1/2 antibody immunoassay first."
    assert lost_numbers(source, "Use an HIV-1 antibody test first.") == ["2"]
    assert lost_numbers(source, "Use an HIV-1 and HIV-2 antibody test first.") == []


def test_a_type_dropped_from_the_pair_is_lost() -> None:
    assert lost_numbers("Test for anti-HIV 1/2.", "Test for antibodies to HIV.") == ["1", "2"]


def test_a_plain_fraction_is_still_read_as_before() -> None:
    assert lost_numbers("Take 1/2 tablet.", "Take a tablet.") == ["1"]
