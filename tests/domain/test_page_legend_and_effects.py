"""What raters of the CPSTF page found in round 6: a legend of signs the page never shows
(and none for the "✔✔" it does), a filler line under "Who it is not for", a checklist that
turned what programs usually involve into demands, and the main good effect left out
because it came inside a study's frame, leaving "also" pointing at nothing."""

from __future__ import annotations

import re

from domain.considerations import _items
from domain.generation import OfflineProvider
from domain.parsing import parse_guideline
from domain.render import to_markdown
from tests.domain.conftest import corpus_file

CPSTF = "cpstf_diet-physical-activity-diabetes-prevention_2015.md"
CDC = "cdc-phs_organ-transplant-hiv-hbv-hcv-transmission_2013.md"


def _page(name: str) -> str:
    return to_markdown(OfflineProvider().generate(parse_guideline(corpus_file(name), name)))


def _legend(page: str) -> list[str]:
    """The lines under "What the signs mean:"."""
    part = page.split("What the signs mean:\n\n", 1)[1]
    return [line[2:] for line in part.split("\n\n", 1)[0].splitlines()]


def test_the_legend_names_the_signs_the_page_shows_and_no_other() -> None:
    page = _page(CPSTF)
    assert _legend(page) == ["✔✔ Strong advice for. The experts found strong evidence that it "
                             "works."]


def test_a_page_with_every_kind_of_advice_explains_each_sign() -> None:
    page = _page(CDC)
    # the weak items are all in the care team's part, which says their strength in words:
    # the legend explains the signs of the reader's page
    reader = page.split("## Disclaimer", 1)[0]
    shown = set(re.findall(r"\*\* (✔✔|✔\?|✔|✖✖|✖|\?) [A-Z]", reader))
    assert shown == {"✔✔"}
    assert "✔? This is weak advice for" in page.split("## Disclaimer", 1)[1]
    legend = _legend(page)
    assert [line.split(".")[0] for line in legend] == ["✔✔ Strong advice for"]


def test_no_filler_line_when_the_guideline_names_nobody_it_leaves_out() -> None:
    page = _page(CPSTF)
    assert "does not name anyone" not in page
    who_not = page.split("**Who it is not for:**", 1)[1].split("##", 1)[0]
    assert "Not sure the advice fits you? Ask your care team." in who_not


def test_what_programs_usually_involve_is_asked_about_not_demanded() -> None:
    page = _page(CPSTF)
    assert "ask if it has:" not in page
    assert "ask which of these it offers: a weight-loss goal;" in page


def test_the_good_effect_inside_a_studys_frame_is_kept_as_what_was_found() -> None:
    text = ("Findings from a systematic review of 53 studies that described 66 programs "
            "demonstrated the effectiveness of combined programs in reducing the risk for "
            "type 2 diabetes and reducing weight. Combined programs also were effective at "
            "lowering blood pressure.")
    assert _items(text, 3) == [
        "Combined programs helped in reducing the risk for type 2 diabetes and reducing weight.",
        "Combined programs also were effective at lowering blood pressure."]


def test_also_is_dropped_when_the_sentence_it_points_back_to_is_left_out() -> None:
    long_first = " ".join(["word"] * 45) + "."
    text = f"{long_first} Combined programs also were effective at lowering blood pressure."
    assert _items(text, 3) == ["Combined programs were effective at lowering blood pressure."]


def test_a_category_of_evidence_is_not_said_as_good_weighed_against_harm() -> None:
    """CPSTF and LMBP categories say how sure the experts are that it works; the page must
    not claim they weighed its good against its harm."""
    page = _page(CPSTF)
    assert "weighed the good against the harm" not in page
    lmbp = _page("cdc-lmbp_lipoprotein-biomarkers-cvd-risk_2016.md")
    assert "The experts found enough evidence that it works." in lmbp


def test_expert_opinion_is_not_said_as_a_finding_on_good_and_harm() -> None:
    """VA/DoD "EO" advice shares the "✔ Advice for" sign with graded advice; the legend must
    not claim the experts found its good greater than its harm."""
    page = _page("va-dod_hip-knee-osteoarthritis_2014.md")
    block = page.split("#### 1. ", 1)[1].split("####", 1)[0]
    assert "EO: advice 1" in page.split("## Disclaimer", 1)[1], "the label stays for the care team"
    assert "No studies were graded for it." in block
    assert "✔ Advice for. The experts weighed the good against the harm." not in _legend(page)


def test_a_why_goes_beside_its_sign_only_when_it_holds_for_every_item_with_that_sign() -> None:
    """On the NHLBI acute complications page the shown ✔ items are expert consensus and the
    ✔ items in "More advice" are graded: no one why holds for the sign."""
    page = _page("nhlbi_sickle-cell-acute-complications_2014.md")
    assert "✔ Advice for." in _legend(page)
    assert not any(line.startswith("✔ Advice for. ") for line in _legend(page))


def test_english_and_chinese_reasons_come_from_one_decision() -> None:
    """The kind of reason is decided once; each language only words it. Strong advice
    against was "may do harm" in Chinese after English had been made firm."""
    from domain.legend import WHY, WHY_ZH, why, why_zh
    from domain.model import Direction, Recommendation, Strength

    assert WHY.keys() == WHY_ZH.keys()
    strong = Recommendation(id="1", text="x", source_text="x", grade="Strong against",
                            scheme="GRADE", strength=Strength.STRONG, direction=Direction.AGAINST)
    assert why(strong) == WHY["strong against"]
    assert why_zh(strong) == WHY_ZH["strong against"]
    assert "可能" not in why_zh(strong)
    consensus = strong.model_copy(update={"strength": Strength.CONSENSUS})
    assert (why(consensus), why_zh(consensus)) == (WHY["consensus"], WHY_ZH["consensus"])
