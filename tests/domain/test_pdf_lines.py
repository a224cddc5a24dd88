"""Reading a PDF's lines through pdfium: what the speed work must not cost."""

from __future__ import annotations

import gc
from pathlib import Path

from domain.formats import extract
from domain.model import DocumentFormat

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "uspstf_aaa_excerpt.pdf"


def _ctypes_made(thing: object) -> bool:
    """A ctypes type (an array or call prototype made on the fly) or an instance of one."""
    return "_ctypes" in (type(thing).__module__, type(type(thing)).__module__)


def test_extracting_a_pdf_leaves_no_ctypes_garbage() -> None:
    """Extraction runs with the cycle collector off, so cycles it made would pile up until
    a later collection: ctypes types (array and call prototypes) are made once, not per
    document or page. Only ctypes garbage is counted: other threads may make their own."""
    data = FIXTURE.read_bytes()
    extract(data, DocumentFormat.PDF)  # the first document makes the shared types
    gc.collect()
    flags = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        text = extract(data, DocumentFormat.PDF).text
        gc.collect()
        left = [thing for thing in gc.garbage if _ctypes_made(thing)]
    finally:
        gc.set_debug(flags)
        gc.garbage.clear()
    assert "screening" in text
    assert left == []
