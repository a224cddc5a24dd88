"""Plain-text exports: structure read back from capitals, underlines, wrapping and indents."""

from __future__ import annotations

from domain.formats import extract
from domain.model import DocumentFormat

EXPORT = """\
        SCREENING FOR THINGS: A CLINICAL PRACTICE GUIDELINE

MAJOR RECOMMENDATIONS

Summary of Recommendations
==========================

The panel recommends that adults aged 40 to 70 years be screened every
year, and that the results be discussed with them (Grade B).

Adults at High Risk
-------------------

  * Offer screening to adults with a family history - Independent Expert
    Panel advice applies.
      - Ask about symptoms first.
      - Measure blood pressure twice.
  * Repeat every year.
  1. Numbered advice that wraps onto a second line because it is long
     enough to need one.

Rationale

Screening finds disease early.
"""


def text_of(data: str, newline: str = "\n") -> str:
    raw = data.replace("\n", newline).encode()
    return extract(raw, DocumentFormat.TEXT).text


def test_headings_from_capitals_underlines_and_short_lines() -> None:
    text = text_of(EXPORT)
    assert text.startswith("# SCREENING FOR THINGS: A CLINICAL PRACTICE GUIDELINE\n")
    assert "\n## MAJOR RECOMMENDATIONS\n" in text
    assert "\n### Summary of Recommendations\n" in text
    assert "\n#### Adults at High Risk\n" in text
    assert "\n##### Rationale\n" in text


def test_wrapped_paragraphs_are_unwrapped() -> None:
    assert ("The panel recommends that adults aged 40 to 70 years be screened every year, "
            "and that the results be discussed with them (Grade B).\n") in text_of(EXPORT)


def test_bullets_hang_and_nest() -> None:
    text = text_of(EXPORT)
    assert ("- Offer screening to adults with a family history - Independent Expert Panel "
            "advice applies.\n    - Ask about symptoms first.\n"
            "    - Measure blood pressure twice.\n- Repeat every year.\n"
            "1. Numbered advice that wraps onto a second line because it is long enough to "
            "need one.\n") in text


def test_crlf_gives_the_same_text() -> None:
    assert text_of(EXPORT, "\r\n") == text_of(EXPORT)


def test_page_breaks_and_running_heads_are_dropped() -> None:
    page = "Screening for Things                                         Page {n}"
    body = ("This paragraph is long enough to be wrapped by the export and it goes on\n"
            "\f" + page.format(n=2) + "\n\n"
            "across the page break without a blank line of its own.\n\n"
            "Next paragraph.\n"
            "\f" + page.format(n=3) + "\n\nLast paragraph.\n")
    text = text_of(body)
    assert "Page" not in text and "\f" not in text
    assert ("it goes on across the page break without a blank line of its own.\n\n"
            "Next paragraph.\n\nLast paragraph.\n") in text


def test_two_underlined_levels_drawn_alike() -> None:
    """When both levels are underlined with dashes, a heading right under another is its
    first sub-heading, and its siblings follow it down."""
    text = text_of("TOP\n\nClinical Considerations\n-----------------------\n\n"
                   "Patient Population\n------------------\n\nAdults.\n\n"
                   "Screening Tests\n---------------\n\nA test.\n\nNEXT PART\n\nText.\n")
    assert "### Clinical Considerations\n\n#### Patient Population\n" in text
    assert "#### Screening Tests\n" in text
    assert "## NEXT PART\n" in text


def test_lone_short_line_before_a_higher_heading_is_the_sections_text() -> None:
    """A short line alone under an underlined heading, with the next underlined heading right
    after it, is that section's text ("Adolescent and adult women, men, and couples" under
    "Target Population"), not an empty sub-heading: read as a heading, the section had no
    text and the page's "Who it is for" was built from the whole scope instead."""
    text = text_of("TOP\n\nScope\n=====\n\n"
                   "The guideline is for primary care providers and the clinics that\n"
                   "offer family planning care.\n\nTarget Population\n=================\n\n"
                   "Adolescent and adult women, men, and couples\n\n"
                   "Interventions Considered\n========================\n\n"
                   "  1. Preconception screening\n")
    assert "## Target Population\n\nAdolescent and adult women, men, and couples\n" in text
    assert "## Interventions Considered\n" in text
