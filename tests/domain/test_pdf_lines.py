"""Reading a PDF's lines through pdfium: what the speed work must not cost."""

from __future__ import annotations

import gc
from pathlib import Path

from domain.formats import extract
from domain.model import DocumentFormat

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "uspstf_aaa_excerpt.pdf"


def test_extracting_a_pdf_leaves_no_garbage_cycles() -> None:
    """Extraction runs with the cycle collector off, so cycles it made would pile up until
    a later collection: ctypes types (array and call prototypes) are made once, not per
    document or page."""
    data = FIXTURE.read_bytes()
    extract(data, DocumentFormat.PDF)  # the first document makes the shared types
    gc.collect()
    assert "screening" in extract(data, DocumentFormat.PDF).text
    assert gc.collect() == 0
