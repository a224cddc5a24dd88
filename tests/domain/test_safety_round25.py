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
