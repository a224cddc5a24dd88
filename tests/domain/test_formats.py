from __future__ import annotations

import io
import zipfile

import docx
import pytest
from pypdf import PdfWriter

from domain.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    EncryptedDocument,
    NoTextLayer,
    UnsupportedFormat,
)
from domain.formats import Limits, decode_text, detect_format, extract
from domain.model import DocumentFormat


def text_pdf(pages: list[str]) -> bytes:
    """A minimal valid PDF whose pages carry the given text with a standard font."""
    n = len(pages)
    objs: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{3 + 2 * i} 0 R".encode() for i in range(n))
        + f"] /Count {n} >>".encode(),
    ]
    font_id = 3 + 2 * n
    for i, text in enumerate(pages):
        shown = " T* ".join(f"({line}) Tj" for line in text.split("\n"))
        content = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode()
        objs.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>".encode()
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
              .encode())
    return out.getvalue()


def blank_pdf(pages: int = 1, password: str | None = None) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def make_docx() -> bytes:
    document = docx.Document()
    document.add_heading("Screening for high blood pressure", 0)
    document.add_heading("Major Recommendations", 1)
    document.add_paragraph("Adults aged 18 years or older should be screened.")
    document.add_paragraph("Measure blood pressure every year", style="List Bullet")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def zip_with(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


# --- detection ------------------------------------------------------------------------------


def test_detects_pdf_by_magic_even_with_a_wrong_name() -> None:
    assert detect_format(text_pdf(["Hello"]), "notes.txt") is DocumentFormat.PDF


def test_detects_docx_from_zip_content() -> None:
    assert detect_format(make_docx(), "upload.bin") is DocumentFormat.DOCX


def test_other_zip_is_unsupported() -> None:
    with pytest.raises(UnsupportedFormat):
        detect_format(zip_with({"data.csv": b"a,b\n1,2\n"}), "x.docx")


def test_html_markdown_and_text() -> None:
    html = b"<!DOCTYPE html><html><body><h1>T</h1><p>Hi</p></body></html>"
    assert detect_format(html) is DocumentFormat.HTML
    md = b"# Title\n\n## Major Recommendations\n\n- Adults should be screened.\n"
    assert detect_format(md) is DocumentFormat.MARKDOWN
    assert detect_format(b"Just a line of plain text.\nAnother line.") is DocumentFormat.TEXT
    assert detect_format(b"plain words", "guide.md") is DocumentFormat.MARKDOWN


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(100),
        b"\xff\xd8\xff\xe0" + bytes(100),
        bytes(range(256)) * 20,
        b"\x00\x01\x02\x03" * 500,
    ],
)
def test_binary_junk_and_images_are_unsupported(data: bytes) -> None:
    with pytest.raises(UnsupportedFormat):
        detect_format(data)


@pytest.mark.parametrize("data", [b"", b"   \n\t  \r\n"])
def test_empty_documents(data: bytes) -> None:
    with pytest.raises(EmptyDocument):
        detect_format(data)


# --- extraction -----------------------------------------------------------------------------


def test_pdf_text_and_page_count() -> None:
    result = extract(text_pdf(["Adults should be screened", "Second page"]), DocumentFormat.PDF)
    assert "Adults should be screened" in result.text
    assert result.pages == 2


def test_pdf_without_text_layer() -> None:
    with pytest.raises(NoTextLayer):
        extract(blank_pdf(), DocumentFormat.PDF)


def test_encrypted_pdf() -> None:
    with pytest.raises(EncryptedDocument):
        extract(blank_pdf(password="secret"), DocumentFormat.PDF)


def test_pdf_over_the_page_limit() -> None:
    with pytest.raises(DocumentTooLarge):
        extract(blank_pdf(pages=3), DocumentFormat.PDF, Limits(max_pages=2))


def test_corrupt_pdf() -> None:
    with pytest.raises((CorruptDocument, NoTextLayer)):
        extract(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", DocumentFormat.PDF)


def test_docx_keeps_headings_and_list_items() -> None:
    text = extract(make_docx(), DocumentFormat.DOCX).text
    assert "# Screening for high blood pressure" in text
    assert "# Major Recommendations" in text
    assert "- Measure blood pressure every year" in text


def test_docx_tables_stay_in_place() -> None:
    document = docx.Document()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Dose", "Interval"
    table.cell(1, 0).text, table.cell(1, 1).text = "81 mg", "daily"
    document.add_paragraph("After the table")
    buf = io.BytesIO()
    document.save(buf)
    text = extract(buf.getvalue(), DocumentFormat.DOCX).text
    row = text.index("- Dose: 81 mg | Interval: daily")
    assert text.index("Before") < row < text.index("After")


def test_pdf_words_broken_at_line_ends_are_joined() -> None:
    from domain.formats import _extract_pdf

    text = _extract_pdf(text_pdf(["Adults should be recom-\nmended a well-known test."]),
                        Limits()).text
    assert "recommended" in text and "well-known" in text


def test_docx_zip_bomb_is_refused_before_opening() -> None:
    bomb = zip_with({"word/document.xml": b"\0" * 5_000_000, "[Content_Types].xml": b""})
    assert len(bomb) < 100_000
    with pytest.raises(DocumentTooLarge):
        extract(bomb, DocumentFormat.DOCX, Limits(max_expanded_bytes=1_000_000))


def test_docx_that_is_not_a_zip() -> None:
    with pytest.raises(CorruptDocument):
        extract(b"this is not a zip file", DocumentFormat.DOCX)


def test_html_drops_scripts_and_keeps_structure() -> None:
    html = (
        b"<html><head><style>p{color:red}</style><script>alert('x')</script></head><body>"
        b"<h1>Guide</h1><h2>Major Recommendations</h2><p>Adults should walk.</p>"
        b"<ul><li>Walk daily</li><li>Sleep well</li></ul><script>var a=1;</script></body></html>"
    )
    text = extract(html, DocumentFormat.HTML).text
    assert "# Guide" in text and "## Major Recommendations" in text
    assert "- Walk daily" in text and "- Sleep well" in text
    assert "alert" not in text and "color" not in text and "var a" not in text


@pytest.mark.parametrize(
    "data",
    [
        "Café – naïve résumé".encode("utf-16"),
        "Café – naïve résumé, a longer line of text.".encode("utf-16-le"),
        "Café – naïve résumé".encode("cp1252"),
        "Café – naïve résumé".encode(),
        b"\xef\xbb\xbf" + "Café – naïve résumé".encode(),
    ],
)
def test_text_in_common_encodings(data: bytes) -> None:
    fmt = detect_format(data)
    assert fmt is DocumentFormat.TEXT
    assert "naïve" in extract(data, fmt).text


def test_invalid_bytes_do_not_crash() -> None:
    data = b"Adults should be screened.\n\xff\xfe\x80 broken \xc3 bytes here.\n" * 3
    text = decode_text(data)
    assert text is not None and "Adults should be screened" in text
    assert "Adults" in extract(data, DocumentFormat.TEXT).text
