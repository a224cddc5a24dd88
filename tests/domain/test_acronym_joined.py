"""Short forms joined with "-" or "/" are read from the document's own definitions."""

from domain.glossary import build
from domain.plain import Rewriter

_CDC = ("All potential organ donors should be tested for antibodies to HIV (i.e., anti-HIV 1/2 "
        "or HIV antigen/antibody [Ag/Ab] combination assay). Donors should be tested for "
        "antibody to hepatitis B core antigen (anti-HBc) and for hepatitis B surface antigen "
        "(HBsAg).")


def test_square_bracket_short_form_with_slash_is_defined() -> None:
    found = Rewriter.acronyms_from(_CDC)
    assert found["Ag/Ab"] == "antigen/antibody"
    assert found["anti-HBc"] == "antibody to hepatitis B core antigen"


def test_slash_pair_defined_in_round_brackets() -> None:
    found = Rewriter.acronyms_from("behavioral therapy/behavioral activation (BT/BA) is offered")
    assert found["BT/BA"] == "behavioral therapy/behavioral activation"


def test_pair_of_known_acronyms_is_not_spelt_out() -> None:
    text = "human immunodeficiency virus/acquired immune deficiency syndrome (HIV/AIDS) care"
    assert "HIV/AIDS" not in Rewriter.acronyms_from(text)


def test_compact_joined_short_form_is_spelt_out_in_the_advice() -> None:
    rw = Rewriter(Rewriter.acronyms_from(_CDC))
    out = rw.simplify("Recipients should be tested with an HIV Ag/Ab combination assay.",
                      level=1)
    assert "HIV antigen/antibody" in out and "Ag/Ab" not in out


def test_joined_short_form_with_a_long_name_stays_and_is_glossed_in_the_documents_words(
) -> None:
    found = Rewriter.acronyms_from("the Department of Veterans Affairs and the Department of "
                                   "Defense (VA/DoD) guideline")
    out = Rewriter(found).simplify("The VA/DoD guideline advises screening.", level=1)
    assert "VA/DoD" in out
    entry = {e.term: e for e in build(out, found)}["VA/DoD"]
    assert entry.meaning == f"{found['VA/DoD']}."
    assert entry.source == "the guideline itself"


def test_joined_short_form_inside_a_longer_token_stays() -> None:
    rw = Rewriter({"Ag/Ab": "antigen/antibody"})
    assert "Ag/Ab-based" in rw.simplify("Use the Ag/Ab-based assay.", level=1)


def test_a_list_of_grade_labels_defines_no_acronym() -> None:
    """CDC-PHS: "categories IA, IB, IC, ID, IIA, and IIB" once made "IA" mean "IIA"."""
    found = Rewriter.acronyms_from("The scheme (categories IA, IB, IC, ID, IIA, and IIB) is "
                                   "given. IA, IB, IC, ID, IIA, and IIB are grades.")
    assert "IA" not in found and "IB" not in found


def test_a_long_form_carries_no_markup() -> None:
    found = Rewriter.acronyms_from("the Department of Veterans Affairs (VA)/Department of "
                                   "Defense (DoD) guideline; the "
                                   "\\*Grading of Recommendations Assessment, Development, and "
                                   "Evaluation (GRADE) system; tissue transglutaminase "
                                   "immunoglobulin A (IgA) testing; the *Treponema pallidum* "
                                   "particle agglutination (TP-PA) assay")
    assert found["DoD"] == "Department of Defense"
    assert found["GRADE"].startswith("Grading of Recommendations")
    assert found["IgA"] == "immunoglobulin A"
    assert found["TP-PA"] == "Treponema pallidum particle agglutination"
