"""PDF layout analysis on small PDFs drawn here line by line, so each feature is checked
on its own: column order, running heads and page numbers, headings by size, lists by
indent, hyphens, ligatures, bold, scaled text, owner-password PDFs."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest

pytest.importorskip("reportlab")

from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from domain.errors import EncryptedDocument
from domain.formats import extract
from domain.hyphens import Vocabulary
from domain.model import DocumentFormat

SENTENCE = ("Clinicians should offer screening to adults at increased risk and discuss the "
            "benefits and harms of testing with each patient before they decide together")
FILLER = SENTENCE.split()


def pdf(draw: Callable[[Canvas, int], None], pages: int = 1) -> bytes:
    """A Letter-size PDF whose pages are drawn by ``draw(canvas, page_number)``."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    for number in range(1, pages + 1):
        draw(canvas, number)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def text_of(data: bytes) -> str:
    return extract(data, DocumentFormat.PDF).text


def lines(canvas: Canvas, x: float, y: float, texts: list[str], size: float = 10,
          font: str = "Helvetica", leading: float = 12) -> float:
    """Draw one line per text going down; return the y below the last."""
    canvas.setFont(font, size)
    for text in texts:
        canvas.drawString(x, y, text)
        y -= leading
    return y


def test_two_columns_are_read_column_by_column() -> None:
    def draw(c: Canvas, _: int) -> None:
        lines(c, 72, 700, [f"Left column line {i} of the text." for i in range(1, 6)])
        lines(c, 320, 700, [f"Right column line {i} of the text." for i in range(1, 6)])

    text = text_of(pdf(draw))
    assert text.index("Left column line 5") < text.index("Right column line 1")


def test_three_columns_are_read_left_to_right() -> None:
    def draw(c: Canvas, _: int) -> None:
        for column, x in enumerate((50, 230, 410)):
            lines(c, x, 700, [f"Column {column} line {i} ends here." for i in range(1, 8)],
                  size=9)

    text = text_of(pdf(draw))
    assert text.index("Column 0 line 7") < text.index("Column 1 line 1")
    assert text.index("Column 1 line 7") < text.index("Column 2 line 1")


def test_a_title_across_both_columns_comes_first() -> None:
    def draw(c: Canvas, _: int) -> None:
        c.setFont("Helvetica-Bold", 18)
        c.drawString(72, 740, "A Title That Runs Across Both Columns Of The Page")
        lines(c, 72, 700, [f"Left line {i} goes on." for i in range(1, 6)])
        lines(c, 320, 700, [f"Right line {i} goes on." for i in range(1, 6)])

    text = text_of(pdf(draw))
    assert text.startswith("# A Title That Runs Across Both Columns Of The Page\n")
    assert text.index("Left line 5") < text.index("Right line 1")


def test_running_heads_and_page_numbers_are_dropped() -> None:
    def draw(c: Canvas, page: int) -> None:
        c.setFont("Helvetica", 8)
        c.drawString(72, 760, "Screening for Things: Clinical Practice Guideline")
        c.drawCentredString(306, 30, f"Page {page} of 3")
        lines(c, 72, 700, [f"Body text of page {page} that says something."])

    text = text_of(pdf(draw, pages=3))
    assert "Clinical Practice Guideline" not in text
    assert "Page" not in text
    assert "Body text of page 3" in text


def test_a_heading_at_the_same_place_on_every_page_is_not_a_running_head() -> None:
    def draw(c: Canvas, page: int) -> None:
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 760, f"Chapter {page}")
        lines(c, 72, 720, [f"Body text of chapter {page}."])

    text = text_of(pdf(draw, pages=3))
    assert "# Chapter 2" in text


def test_heading_levels_follow_font_size() -> None:
    def draw(c: Canvas, _: int) -> None:
        y = 740.0
        for size, title in ((18, "Guideline Title"), (14, "Major Recommendations"),
                            (12, "Screening")):
            c.setFont("Helvetica-Bold", size)
            c.drawString(72, y, title)
            y = lines(c, 72, y - 20, ["Adults should be screened every year."]) - 10

    text = text_of(pdf(draw))
    assert "# Guideline Title\n" in text
    assert "\n## Major Recommendations\n" in text
    assert "\n### Screening\n" in text


def test_a_bold_line_in_the_body_font_is_a_heading_below_the_larger_ones() -> None:
    def draw(c: Canvas, _: int) -> None:
        c.setFont("Helvetica-Bold", 16)
        c.drawString(72, 740, "Guideline Title")
        y = lines(c, 72, 710, ["Recommendations"], font="Helvetica-Bold") - 6
        y = lines(c, 72, y, ["Adults should be screened every year, and the results",
                             "should be discussed with them and with their families",
                             "before any treatment starts."]) - 6
        lines(c, 72, y, ["Definitions:"], font="Helvetica-Bold")

    text = text_of(pdf(draw))
    assert "# Guideline Title\n\n## Recommendations\n\nAdults should be screened" in text
    assert "**Definitions:**" in text


def test_lists_nest_by_indent_and_keep_their_numbers() -> None:
    def draw(c: Canvas, _: int) -> None:
        lines(c, 72, 720, ["Lead-in paragraph:"])
        c.setFont("Helvetica", 10)
        c.drawString(75, 700, "1.")
        c.drawString(90, 700, "Offer screening to adults.")
        c.drawString(90, 688, "•")
        c.drawString(100, 688, "Ask about symptoms first.")
        c.drawString(90, 676, "•")
        c.drawString(100, 676, "Then measure blood pressure")
        c.drawString(100, 664, "twice, seated.")
        c.drawString(75, 650, "2.")
        c.drawString(90, 650, "Repeat every year.")

    text = text_of(pdf(draw))
    assert ("1. Offer screening to adults.\n"
            "    - Ask about symptoms first.\n"
            "    - Then measure blood pressure twice, seated.\n"
            "2. Repeat every year.\n") in text


def test_paragraphs_are_joined_and_separated_by_spacing() -> None:
    def draw(c: Canvas, _: int) -> None:
        y = lines(c, 72, 720, ["The first paragraph starts here and", "ends on this line."])
        lines(c, 72, y - 8, ["A second paragraph follows."])

    text = text_of(pdf(draw))
    assert ("The first paragraph starts here and ends on this line.\n\n"
            "A second paragraph follows.") in text


def test_line_end_hyphens_are_mended_from_the_documents_own_words() -> None:
    body = ["A well-known test is recom-", "mended for all. The well-", "known test and",
            "the follow-up visit are recommended; the follow-", "up is yearly."]

    def draw(c: Canvas, _: int) -> None:
        lines(c, 72, 720, body)

    text = text_of(pdf(draw))
    assert "is recommended for all" in text
    assert "The well-known test" in text
    assert "the follow-up is yearly" in text


def test_vocabulary_decides_joins() -> None:
    words = Vocabulary(["recommended", "well known", "self-care", "recom-", "mended"])
    assert words.join("recom", "mended")  # "recommended" is printed elsewhere
    assert not words.join("well", "known")  # both halves are words of their own
    assert not words.join("self", "care")  # printed with its hyphen elsewhere
    assert not words.join("COVID", "19")  # digits: a real hyphen
    assert words.join("infor", "mation")  # unknown: typesetting hyphen, by default


def test_ligature_glyphs_become_letters() -> None:
    font = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if not font.is_file():
        pytest.skip("DejaVu Sans is not installed")
    if "TestSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSans", str(font)))

    def draw(c: Canvas, _: int) -> None:
        lines(c, 72, 720, ["E\ufb00ective \ufb01ndings \ufb02ow from o\ufb03ces."],
              font="TestSans")

    assert "Effective findings flow from offices." in text_of(pdf(draw))


def test_bold_runs_are_marked() -> None:
    def draw(c: Canvas, _: int) -> None:
        t = c.beginText(72, 720)
        t.setFont("Helvetica", 10)
        t.textOut("Screen adults every year (")
        t.setFont("Helvetica-Bold", 10)
        t.textOut("Grade B")
        t.setFont("Helvetica", 10)
        t.textOut(").")
        c.drawText(t)

    assert "Screen adults every year (**Grade B**)." in text_of(pdf(draw))


def test_font_size_counts_the_text_matrix() -> None:
    """``1 Tf`` scaled by the text matrix is a 14-point heading, not 1-point text."""
    def draw(c: Canvas, _: int) -> None:
        c.saveState()
        c.transform(14, 0, 0, 14, 72, 740)
        c.setFont("Helvetica-Bold", 1)
        c.drawString(0, 0, "Scaled Heading")
        c.restoreState()
        lines(c, 72, 710, ["Body text under the heading goes on here."])

    assert "# Scaled Heading\n" in text_of(pdf(draw))


def test_words_set_one_by_one_make_lines_and_columns() -> None:
    """Producers that place every word on its own give the same text."""
    def draw(c: Canvas, _: int) -> None:
        c.setFont("Helvetica", 10)
        for x0, tag in ((72, "left"), (330, "right")):
            x, y = x0, 720
            for word in [tag, *FILLER]:
                width = c.stringWidth(word + " ", "Helvetica", 10)
                if x + width > x0 + 210:
                    x, y = x0, y - 12
                c.drawString(x, y, word)
                x += width

    text = text_of(pdf(draw))
    assert text.count("\n\n") <= 2
    assert f"left {SENTENCE}" in text
    assert text.index("left") < text.index("right")


def test_owner_password_only_pdf_opens() -> None:
    def draw(c: Canvas, _: int) -> None:
        lines(c, 72, 720, ["Adults should be screened."])

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(draw))))
    writer.encrypt(user_password="", owner_password="owner", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    assert "Adults should be screened." in text_of(locked.getvalue())


def test_user_password_pdf_is_refused() -> None:
    def draw(c: Canvas, _: int) -> None:
        lines(c, 72, 720, ["Secret text."])

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf(draw))))
    writer.encrypt(user_password="user", owner_password="owner", algorithm="AES-256")
    locked = io.BytesIO()
    writer.write(locked)
    with pytest.raises(EncryptedDocument):
        text_of(locked.getvalue())
