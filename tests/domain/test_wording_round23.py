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
