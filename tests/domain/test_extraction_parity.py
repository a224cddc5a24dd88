"""Every upload format of a guideline parses to the recommendations of its Markdown.

Hand-labelled dev guidelines (``bench/labels/dev/``) are laid out as published PDF, Word,
web and text files (``tests/support/documents.py``); each file's extracted text must give
the parser the statements, grades and directions that the Markdown source gives. The
guidelines cover graded statements in bold, numbered lists with nested items, lettered
section headings, and ungraded advice in prose.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("reportlab")
pytest.importorskip("pyphen")

from domain.formats import extract
from domain.model import DocumentFormat
from domain.parsing import parse_guideline, parse_text
from tests.domain.conftest import corpus_file
from tests.support.documents import render

DEV_LABELS = Path(__file__).resolve().parents[2] / "bench" / "labels" / "dev"
GUIDELINES = [
    "uspstf_breast-cancer-screening_2016",
    "nhlbi_sickle-cell-health-maintenance_2014",
    "va-dod_pregnancy_2018",
    "cpstf_diet-physical-activity-diabetes-prevention_2015",
]
FORMATS = {"pdf": DocumentFormat.PDF, "docx": DocumentFormat.DOCX,
           "html": DocumentFormat.HTML, "text": DocumentFormat.TEXT}

Statement = tuple[str, str | None, str]


def statements(text: str, fmt: DocumentFormat) -> list[Statement]:
    parsed = parse_text(text, fmt)
    return [(r.text, r.grade, str(r.direction)) for r in parsed.recommendations]


@pytest.fixture(scope="module", params=GUIDELINES)
def guideline(request: pytest.FixtureRequest) -> tuple[str, str]:
    name = request.param
    assert (DEV_LABELS / f"{name}.json").is_file(), f"{name} is not a labelled dev guideline"
    return name, corpus_file(f"{name}.md").decode()


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_format_gives_the_recommendations_of_the_markdown(
        guideline: tuple[str, str], fmt: str) -> None:
    name, markdown = guideline
    expected = [(r.text, r.grade, str(r.direction)) for r in parse_guideline(
        markdown.encode(), filename=f"{name}.md").recommendations]
    text = extract(render(markdown, fmt, name=name), FORMATS[fmt]).text
    assert statements(text, FORMATS[fmt]) == expected
