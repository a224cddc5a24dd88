"""Real PDFs laid out from corpus text parse into the same recommendations as the source.

The fixture was made with ``bench.pdf_speed.markdown_to_pdf`` (reportlab) from the
recommendation part of the USPSTF abdominal aortic aneurysm guideline. Its extracted text
has hard-wrapped lines and no blank lines between paragraphs, unlike Markdown.
"""

from __future__ import annotations

from pathlib import Path

from domain.model import Direction, DocumentFormat
from domain.parsing import parse_guideline
from tests.domain.conftest import corpus_file

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "uspstf_aaa_excerpt.pdf"
SOURCE = "uspstf_abdominal-aortic-aneurysm-screening_2014.md"


def test_a_corpus_pdf_gives_the_recommendations_of_its_markdown() -> None:
    pdf = parse_guideline(FIXTURE.read_bytes(), filename="guideline.pdf")
    assert (pdf.format, pdf.pages) == (DocumentFormat.PDF, 1)
    assert [r.grade for r in pdf.recommendations] == [
        "B recommendation", "C recommendation", "I statement", "D recommendation"]
    assert [r.direction for r in pdf.recommendations] == [
        Direction.FOR, Direction.FOR, Direction.INSUFFICIENT, Direction.AGAINST]
    markdown = parse_guideline(corpus_file(SOURCE), filename=SOURCE)
    for got, want in zip(pdf.recommendations, markdown.recommendations, strict=True):
        assert (got.text, got.strength) == (want.text, want.strength)


def test_a_freshly_written_pdf_parses_too() -> None:
    """The same with a PDF written now (reportlab is a test dependency)."""
    from bench.pdf_speed import markdown_to_pdf

    text = corpus_file(SOURCE).decode()
    lines = text.splitlines()
    excerpt = "\n".join([lines[0], "", *lines[69:91]])
    parsed = parse_guideline(markdown_to_pdf(excerpt), filename="fresh.pdf")
    assert [r.direction for r in parsed.recommendations] == [
        Direction.FOR, Direction.FOR, Direction.INSUFFICIENT, Direction.AGAINST]
    assert all("65 to 75 years" in r.text for r in parsed.recommendations[:3])
