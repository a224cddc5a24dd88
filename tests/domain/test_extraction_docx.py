"""Word files: headings by style and by look, numbered and nested lists, bold, tables."""

from __future__ import annotations

import io

import docx
from docx.shared import Pt

from domain.formats import extract
from domain.model import DocumentFormat


def text_of(document: docx.document.Document) -> str:
    out = io.BytesIO()
    document.save(out)
    return extract(out.getvalue(), DocumentFormat.DOCX).text


def test_styled_headings_sit_under_the_title() -> None:
    document = docx.Document()
    document.add_heading("Screening for Things", 0)  # Title
    document.add_heading("Major Recommendations", 1)
    document.add_heading("Adults", 2)
    document.add_paragraph("Adults should be screened.")
    text = text_of(document)
    assert text.startswith("# Screening for Things\n\n## Major Recommendations\n\n### Adults\n")


def test_headings_made_by_hand_rank_by_size_below_the_styled_ones() -> None:
    document = docx.Document()
    document.add_heading("Major Recommendations", 1)
    for words, size in (("Screening", 14), ("Adults Over 50", 12)):
        run = document.add_paragraph().add_run(words)
        run.bold, run.font.size = True, Pt(size)
        document.add_paragraph("Offer the test to everyone in this group, every year.")
    run = document.add_paragraph().add_run("Larger But Not Bold")
    run.font.size = Pt(14)
    text = text_of(document)
    assert "# Major Recommendations\n" in text
    assert "\n## Screening\n" in text
    assert "\n### Adults Over 50\n" in text
    assert "\n## Larger But Not Bold\n" in text


def test_a_bold_sentence_is_not_a_heading() -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Clinicians should screen every adult.").bold = True
    paragraph = document.add_paragraph()
    paragraph.add_run("Definitions").bold = True
    paragraph.add_run(":")
    text = text_of(document)
    assert "**Clinicians should screen every adult.**" in text
    assert "**Definitions**:" in text
    assert "#" not in text


def test_numbered_lists_count_and_nest() -> None:
    document = docx.Document()
    document.add_paragraph("Recommendations:")
    document.add_paragraph("Offer screening.", style="List Number")
    document.add_paragraph("Ask about symptoms.", style="List Bullet 2")
    document.add_paragraph("Measure blood pressure.", style="List Bullet 2")
    document.add_paragraph("Repeat every year.", style="List Number")
    text = text_of(document)
    assert ("1. Offer screening.\n    - Ask about symptoms.\n    - Measure blood pressure.\n"
            "2. Repeat every year.\n") in text


def test_a_list_restarted_at_its_own_number() -> None:
    document = docx.Document()
    first = document.add_paragraph("Ninth advice.", style="List Number")
    numbering = document.part.numbering_part.element
    style_num = document.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(9)
    num_pr = first._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num.numId
    second = document.add_paragraph("Tenth advice.", style="List Number")
    num_pr = second._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num.numId
    assert "9. Ninth advice.\n10. Tenth advice.\n" in text_of(document)


def test_lettered_items_written_in_list_continue() -> None:
    document = docx.Document()
    document.add_paragraph("Assess the following:", style="List Number")
    document.add_paragraph("a. Onset of the pain", style="List Continue 2")
    document.add_paragraph("b. Its duration", style="List Continue 2")
    text = text_of(document)
    assert "1. Assess the following:\n    - a. Onset of the pain\n    - b. Its duration\n" in text


def test_bold_runs_inside_a_paragraph() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Screen adults every year (")
    paragraph.add_run("Grade B").bold = True
    paragraph.add_run(").")
    assert "Screen adults every year (**Grade B**)." in text_of(document)


def test_tables_stay_in_body_order_with_their_headers() -> None:
    document = docx.Document()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=3, cols=2)
    for row, cells in enumerate((("Drug", "Dose"), ("Aspirin", "81 mg"), ("Statin", ""))):
        for column, value in enumerate(cells):
            table.cell(row, column).text = value
    document.add_paragraph("After the table")
    text = text_of(document)
    assert "Before the table\n\n- Drug: Aspirin | Dose: 81 mg\n- Drug: Statin\n\nAfter" in text
