"""Round-10 PEMAT safety findings: a label the legend never explains, exceptions the summary
and checklist leave out, "they" read as the care team, harm figures missing beside benefit
figures, and a model's finding printed as fact."""

from __future__ import annotations

from domain.legend import legend
from domain.model import Direction, PvgRecommendation, Recommendation, Strength


def _pair(text: str, strength: str, level: Strength) -> tuple[PvgRecommendation, Recommendation]:
    out = PvgRecommendation(id="R", text=text, strength=strength, direction=Direction.FOR,
                            source_text=text, strength_level=level)
    rec = Recommendation(id="R", text=text, source_text=text, direction=Direction.FOR,
                         strength=level, scheme="GRADE")
    return out, rec


def test_the_legend_explains_an_option_when_the_page_shows_one() -> None:
    """NHLBI round 10: "✔ An option" was on the page but not in "What the signs mean"; a
    reader checking the legend found only "✔ Advice for". The option gets its own line."""
    advice = _pair("Your care team should check your eyes.",
                   "✔ Advice for. This is the experts' shared view.", Strength.CONSENSUS)
    option = _pair("Birth control pills may be used.",
                   "✔ An option. Experts say it may be used. They do not advise it for "
                   "everyone. This is the experts' shared view.", Strength.CONSENSUS)
    said, _ = legend([advice[0]], [advice[1]], [advice, option])
    lines = said.splitlines()
    assert any(x.startswith("- ✔ Advice for.") for x in lines)
    assert ("- ✔ An option. Experts say it may be used. They do not advise it for everyone."
            in lines)
    # A page whose only ✔ item is an option does not explain "✔ Advice for".
    said, _ = legend([], [], [option])
    assert not any("Advice for" in x for x in said.splitlines())
    assert "An option" in said
    # No option on the page: no option line.
    said, _ = legend([advice[0]], [advice[1]], [advice])
    assert "An option" not in said


def test_they_in_an_exception_after_the_care_team_names_the_reader() -> None:
    """NHLBI round 10: "If your child has hemoglobin SS: - Your care team should stop
    preventive penicillin at age 5. The exception is if they have had a splenectomy" read
    "they" as the care team. In advice led by whom it is for, "they" in an exception is that
    person, said by name."""
    from domain.voice import you_throughout

    child = ("If your child has hemoglobin SS:\n- Your care team should stop preventive "
             "penicillin at age 5.\nThe exception is if they have had a splenectomy or "
             "invasive pneumococcal disease.")
    assert you_throughout(child).endswith(
        "The exception is if your child has had a splenectomy or invasive pneumococcal "
        "disease.")
    own = ("If you have sickle cell disease:\n- Your care team should stop the medicine.\n"
           "The exception is if they are pregnant.")
    assert you_throughout(own).endswith("The exception is if you are pregnant.")
    # "they" with no reader named before it is left alone.
    other = "Your care team should stop it. The exception is if they have had surgery."
    assert you_throughout(other) == other
