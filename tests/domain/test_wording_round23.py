"""Wording a patient educator would sign: the advice before the method that judged it, a
family-history fact kept with the advice for its age, no "person" in text said to "you",
block titles that say what their advice says, and medical terms left undefined."""

from domain.plain import Rewriter


def test_a_fronted_evidence_method_goes_after_the_advice() -> None:
    said = Rewriter({}).simplify(
        "According to the LMBP methods, based on the moderate evidence of effectiveness the "
        "lipoprotein apo B/apo A-I ratio is recommended to improve the risk prediction for "
        "cardiovascular events.")
    assert not said.startswith(("By ", "According", "Based")), said
    advice, _, why = said.partition(". ")
    assert "ratio is advised" in advice
    assert why.startswith("This is based on the moderate proof of success")
    assert "LMBP methods" in why


def test_reversion_to_normoglycemia_is_said_in_everyday_words_from_a_lay_source() -> None:
    from domain.lay_terms import GUIDELINE, PHRASES

    said = Rewriter({}).simplify(
        "Programs helped in reducing the risk for type 2 diabetes, increasing the chance of "
        "reversion to normoglycemia, and reducing weight.")
    assert "normoglycemia" not in said.lower()
    assert "blood sugar going back to normal" in said
    assert PHRASES["reversion to normoglycemia"].source != GUIDELINE
