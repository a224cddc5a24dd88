"""Heading levels of plain-text exports that underline two levels alike, and parity of
every corpus guideline's text export with its Markdown.

A text export that underlines levels 3 and 4 both with "===" (or both with "---") leaves no
mark that tells a sub-heading from the next section. Read by order alone, "Potential Harms"
fell under "Potential Benefits" and the reader's page lost its "Possible harms". The level
now comes from the summary's own section names and from what follows a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import Any

import pytest

from domain.generation import OfflineProvider
from domain.model import DocumentFormat, ParsedGuideline
from domain.parsing import parse_guideline
from domain.plain_text import text_blocks
from domain.render import to_markdown
from tests.domain.conftest import corpus_file, corpus_names
from tests.support import documents

# The summary's fixed sections and sub-sections: where a reader's page takes its harms,
# benefits and caveats from.
SUMMARY_HEADINGS = frozenset({
    "scope", "major recommendations", "rating schemes for the evidence and recommendations",
    "benefits, harms and qualifying statements", "potential benefits", "potential harms",
    "contraindications", "qualifying statements", "target population",
    "interventions and practices considered", "major outcomes considered",
    "rating scheme for the strength of the evidence",
    "rating scheme for the strength of the recommendations",
})
UNDERLINE_HABITS = ("=-", "--", "==")  # levels 3 and 4: apart, or alike


@pytest.fixture
def underline(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[str]:
    """Text exports made with the underline habit the test names."""
    habit: str = request.param
    pick = documents._Guideline.pick

    def forced(self: Any, key: str, options: Any) -> Any:
        return habit if key == "text-underline" else pick(self, key, options)

    monkeypatch.setattr(documents._Guideline, "pick", forced)
    yield habit


def _both(name: str, underline: str) -> tuple[ParsedGuideline, ParsedGuideline]:
    """The guideline parsed from its Markdown and from its text export (with the
    ``underline`` habit the fixture forces), each parsed once for the whole module."""
    return _parsed_markdown(name), _parsed_text(name, underline)


@cache
def _parsed_markdown(name: str) -> ParsedGuideline:
    return parse_guideline(corpus_file(name), name)


@cache
def _parsed_text(name: str, underline: str) -> ParsedGuideline:
    stem = name.removesuffix(".md")
    text = documents.render(corpus_file(name).decode("utf-8"), "text", name=stem)
    return parse_guideline(text, stem + ".txt")


def _summary_headings(guideline: ParsedGuideline) -> list[tuple[int, str]]:
    return [(s.level, s.heading.casefold()) for s in guideline.sections
            if s.heading.casefold() in SUMMARY_HEADINGS]


@pytest.mark.parametrize("underline", UNDERLINE_HABITS, indirect=True)
@pytest.mark.parametrize("name", corpus_names())
def test_text_export_keeps_the_summary_sections_at_their_levels(name: str, underline: str) -> None:
    """Every summary section and sub-section of the text export sits where the Markdown puts
    it, whatever the underlines: "Potential Harms" beside "Potential Benefits", not under
    it."""
    markdown, text = _both(name, underline)
    expected = _summary_headings(markdown)
    assert (3, "potential harms") in expected and (3, "potential benefits") in expected
    assert _summary_headings(text) == expected


VALUE_FIELDS = ("disease/condition(s)", "guideline objective(s)", "target population")


@pytest.mark.parametrize("underline", UNDERLINE_HABITS, indirect=True)
@pytest.mark.parametrize("name", corpus_names())
def test_text_export_keeps_a_summary_field_value_as_its_text(name: str, underline: str) -> None:
    """A lone short line under "Target Population" ("Women who are planning or capable of
    pregnancy") is the field's value, as in the Markdown, not a sub-heading that leaves the
    field empty (and the reader's page without "Who it is for")."""
    markdown, text = _both(name, underline)

    def under_fields(guideline: ParsedGuideline) -> list[tuple[str, int, bool]]:
        sections = guideline.sections
        return [(s.heading.casefold(), after.level, bool(s.text.strip()))
                for s, after in pairwise(sections)
                if s.heading.casefold() in VALUE_FIELDS]

    assert under_fields(text) == under_fields(markdown)


def _graded(guideline: ParsedGuideline) -> list[tuple[str, str, str]]:
    """Graded recommendations in comparable form: the list letter ("a.") a Markdown item
    keeps and the text export prints as a marker is left out, and so is a hyphen the text
    export's line break may have joined ("non-/specific")."""
    out = []
    for r in guideline.recommendations:
        if r.grade:
            text = re.sub(r"^[a-z]\.\s+", "", r.text)
            out.append((r.grade, str(r.direction), re.sub(r"[^a-z0-9]", "", text.casefold())))
    return out


@pytest.mark.parametrize("underline", UNDERLINE_HABITS, indirect=True)
@pytest.mark.parametrize("name", corpus_names())
def test_text_export_finds_the_same_recommendations(name: str, underline: str) -> None:
    """The same graded statements, in the same order, with the same grade and direction, from
    the text export as from the Markdown, and no heading of the Markdown ("D. Treatment of
    PTSD") taken for a statement. (Unlabelled statements are not compared one for one: a
    lone line such as "Indications" that the Markdown leaves as text is a heading in a text
    file, and no layout tells them apart.)"""
    markdown, text = _both(name, underline)
    assert _graded(text) == _graded(markdown)
    headings = {s.heading.casefold() for s in markdown.sections}
    assert [r.text for r in text.recommendations
            if r.text.casefold().rstrip(".") in headings] == []


@pytest.mark.parametrize("underline", ("--", "=="), indirect=True)
@pytest.mark.parametrize("name", ["uspstf_latent-tuberculosis-screening_2016.md",
                                  "uspstf_breast-cancer-screening_2016.md"])
def test_the_reader_of_a_text_export_is_told_the_harms(name: str, underline: str) -> None:
    """The patient page made from the text export lists the possible harms the Markdown's
    page lists, word for word."""
    markdown, text = _both(name, underline)

    def harms(guideline: ParsedGuideline) -> str:
        page = to_markdown(OfflineProvider().generate(guideline))
        start = page.find("**Possible harms:**")
        return page[start:page.find("\n\n**", start + 1)] if start >= 0 else ""

    expected = harms(markdown)
    assert expected.count("\n- ") >= 2
    assert harms(text) == expected


def _upload(text: str) -> ParsedGuideline:
    """``text`` as an uploaded text file."""
    guideline = parse_guideline(text.encode(), "guideline.txt")
    assert guideline.format is DocumentFormat.TEXT
    return guideline


@pytest.mark.parametrize("name", ["uspstf_folic-acid-neural-tube-defects_2017.md",
                                  "uspstf_skin-cancer-prevention-counseling_2018.md"])
def test_the_reader_of_a_text_export_is_told_who_the_guideline_is_for(name: str) -> None:
    """The text export's page says whom the guideline is for, as the Markdown's page does."""
    markdown = parse_guideline(corpus_file(name), name)
    stem = name.removesuffix(".md")
    text = parse_guideline(documents.render(corpus_file(name).decode("utf-8"), "text",
                                            name=stem), stem + ".txt")

    def who(guideline: ParsedGuideline) -> str:
        page = to_markdown(OfflineProvider().generate(guideline))
        start = page.find("**Who it is for:**")
        return page[start:page.find("\n\n**", start + 1)] if start >= 0 else ""

    expected = who(markdown)
    assert expected.count("\n- ") >= 1
    assert who(text) == expected


def _levels(text: str) -> list[tuple[int, str]]:
    return [(s.level, s.heading) for s in _upload(text).sections]


def _underlined(heading: str, mark: str = "=") -> str:
    return f"{heading}\n{mark * len(heading)}\n\n"


SHARED = (
    "SCREENING FOR THINGS\n\nMAJOR RECOMMENDATIONS\n\n"
    "Clinicians should screen adults aged 40 years or older (Grade B).\n\n"
    "BENEFITS, HARMS AND QUALIFYING STATEMENTS\n\n"
    + _underlined("Potential Benefits") + _underlined("Benefits of Early Detection")
    + "Screening finds the disease early.\n\n"
    + _underlined("Potential Harms") + "Screening can give false alarms.\n\n"
    + _underlined("Qualifying Statements") + "The evidence is limited.\n"
)


@pytest.mark.parametrize("mark", ["=", "-"])
def test_a_known_summary_sub_section_is_not_taken_for_the_sub_heading_before_it(
        mark: str) -> None:
    """"Benefits of Early Detection" opens straight under "Potential Benefits" and is its
    sub-heading; "Potential Harms" and "Qualifying Statements", though underlined alike and
    coming after it, are "Potential Benefits"' siblings."""
    text = SHARED.replace("=", mark) if mark == "-" else SHARED
    assert _levels(text)[-4:] == [
        (3, "Potential Benefits"), (4, "Benefits of Early Detection"),
        (3, "Potential Harms"), (3, "Qualifying Statements")]


def test_a_heading_that_opens_onto_another_of_its_style_is_the_upper_one() -> None:
    """After a sub-heading, "Definitions" is a section again: it opens straight onto "What
    the Grades Mean", which is its sub-heading (order alone kept both a level down)."""
    text = (
        "SCREENING FOR THINGS\n\nMAJOR RECOMMENDATIONS\n\n"
        "Clinicians should screen adults aged 40 years or older (Grade B).\n\n"
        + _underlined("Clinical Considerations") + _underlined("Patient Population")
        + "Adults aged 40 years or older.\n\n"
        + _underlined("Definitions") + _underlined("What the Grades Mean")
        + "Grade A means the service is advised.\n"
    )
    assert _levels(text)[-4:] == [
        (3, "Clinical Considerations"), (4, "Patient Population"),
        (3, "Definitions"), (4, "What the Grades Mean")]


def test_other_headings_in_a_closed_summary_section_go_under_its_sub_sections() -> None:
    """The benefits-and-harms section holds only its four sub-sections, so another heading
    there, even with text before it, belongs under the one above it."""
    text = (
        "SCREENING FOR THINGS\n\nMAJOR RECOMMENDATIONS\n\n"
        "Clinicians should screen adults aged 40 years or older (Grade B).\n\n"
        "BENEFITS, HARMS AND QUALIFYING STATEMENTS\n\n"
        + _underlined("Potential Benefits") + "Fewer deaths.\n\n"
        + _underlined("Benefits of Drug Treatment") + "Lower blood pressure.\n\n"
        + _underlined("Potential Harms") + "Dizziness.\n"
    )
    assert _levels(text)[-3:] == [
        (3, "Potential Benefits"), (4, "Benefits of Drug Treatment"), (3, "Potential Harms")]


def test_an_underlined_lettered_line_is_a_heading_with_its_letter() -> None:
    """"D. Treatment of PTSD" underlined is a heading, not a list item (nor a
    recommendation), and its sub-heading stays under it."""
    text = (
        "GUIDELINE ON PTSD\n\nMAJOR RECOMMENDATIONS\n\n"
        + _underlined("D. Treatment of PTSD") + _underlined("Psychotherapy", "-")
        + "1. We recommend trauma-focused psychotherapy (Strong For).\n"
    )
    guideline = _upload(text)
    assert _levels(text)[-2:] == [(3, "D. Treatment of PTSD"), (4, "Psychotherapy")]
    assert [(r.text, r.grade) for r in guideline.recommendations] == [
        ("We recommend trauma-focused psychotherapy", "Strong For")]


def test_a_lone_short_line_inside_a_list_item_keeps_the_items_under_it() -> None:
    """Items indented under "Q." stay under it across a minor heading printed at the margin
    (the suicide-risk guideline's "Patients Who Refuse Care"), so the next lettered item
    "R. Continuity of Care" is not taken for one more of them: as their sibling it was told
    to the reader as "Experts advise R. Continuity of Care."."""
    text = (
        "GUIDELINE ON CARE\n\nMAJOR RECOMMENDATIONS\n\n"
        "  Q. Adherence to Treatment\n"
        "      1. A follow-up care plan should be developed with the patient.\n\n"
        "Patients Who Refuse Care\n\n"
        "      2. Patients who do not arrive to their appointment require a\n"
        "         reassessment.\n"
        "  R. Continuity of Care\n"
        "      3. Providers should connect with each other.\n"
    )
    items = [(b.depth, b.text.split()[0]) for b in text_blocks(text) if b.kind == "item"]
    assert items == [(1, "Adherence"), (2, "A"), (2, "Patients"), (1, "Continuity"),
                     (2, "Providers")]


def test_a_scope_of_other_headings_is_not_taken_for_the_summary_one() -> None:
    """Only after one of its own sub-sections does a summary section put other headings
    under them: a document's own "SCOPE" with "Purpose" and "Audience" keeps both as its
    sections."""
    text = (
        "GUIDELINE ON THINGS\n\nSCOPE\n\n"
        + _underlined("Purpose") + "To guide care.\n\n"
        + _underlined("Audience") + "Clinicians.\n\n"
        "MAJOR RECOMMENDATIONS\n\n"
        "Clinicians should screen adults aged 40 years or older (Grade B).\n"
    )
    assert _levels(text)[1:4] == [(2, "SCOPE"), (3, "Purpose"), (3, "Audience")]


def test_a_lone_line_under_a_summary_field_is_its_value() -> None:
    """"Lipid disorders" right under "Disease/Condition(s)" is what the field says; a lone
    line under a section that can hold sub-headings still heads one."""
    text = (
        "GUIDELINE ON THINGS\n\nSCOPE\n\n"
        + _underlined("Disease/Condition(s)") + "Lipid disorders\n\n"
        "  * Familial hypercholesterolemia\n  * Dyslipidemia\n\n"
        "MAJOR RECOMMENDATIONS\n\n"
        "Clinicians should screen children aged 9 to 11 years (Grade B).\n\n"
        + _underlined("Clinical Considerations") + "Screening Tests\n\n"
        "A lipid panel is the test.\n"
    )
    assert _levels(text)[1:] == [(2, "SCOPE"), (3, "Disease/Condition(s)"),
                                 (2, "MAJOR RECOMMENDATIONS"), (3, "Clinical Considerations"),
                                 (5, "Screening Tests")]
