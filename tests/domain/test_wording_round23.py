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


_SCREENING = (
    b"# Screening for breast cancer: recommendation statement\n\n## Major Recommendations\n\n"
    b"The USPSTF recommends biennial screening mammography for women aged 50 to 74 years. "
    b"(**B recommendation**)\n\n"
    b"The decision to start screening mammography in women prior to age 50 years should be an "
    b"individual one. Women who place a higher value on the potential benefit than the "
    b"potential harms may choose to begin biennial screening between the ages of 40 and 49 "
    b"years. (**C recommendation**)\n\n"
    b"- For women who are at average risk for breast cancer, most of the benefit of "
    b"mammography results from biennial screening during ages 50 to 74 years.\n"
    b"- Women with a parent, sibling, or child with breast cancer are at higher risk for "
    b"breast cancer and thus may benefit more than average-risk women from beginning "
    b"screening in their 40s.\n")


def test_who_may_benefit_more_is_said_with_the_advice_for_their_age() -> None:
    from domain.generation import OfflineProvider
    from domain.parsing import parse_guideline
    from domain.render import to_markdown

    page = to_markdown(OfflineProvider().generate(parse_guideline(_SCREENING, "screen.md")))
    block = page[page.index("between the ages of 40 and 49"):]
    block = block[: block.index("**How strong:**")]
    assert "parent, sibling, or child with breast cancer" in block
    assert "may benefit more" in block
