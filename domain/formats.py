"""Recognise an uploaded document by its content and pull out its text.

Uploads come with untrustworthy names and content types, so the format is decided from the
bytes. Extraction gives every format the shape of the corpus Markdown (headings with their
levels, paragraphs, nested numbered and bulleted lists, bold, table rows), so that parsing
sees the same structure whatever was uploaded: PDFs by layout analysis
(:mod:`domain.pdf_lines`, :mod:`domain.pdf_layout`), Word files from styles, numbering and
direct formatting (:mod:`domain.docx_text`), web pages from their main content
(:mod:`domain.html_text`), text exports from their layout (:mod:`domain.plain_text`). Every
failure that retrying cannot fix is a :class:`~domain.errors.DocumentError`.
"""

from __future__ import annotations

import gc
import io
import re
import zipfile
from dataclasses import dataclass

from domain.errors import (
    CorruptDocument,
    DocumentTooLarge,
    EmptyDocument,
    NoTextLayer,
    UnsupportedFormat,
)
from domain.markdownish import write
from domain.model import DocumentFormat

__all__ = ["DocumentFormat", "ExtractedText", "Limits", "decode_text", "detect_format", "extract"]


@dataclass(frozen=True)
class Limits:
    """Ceilings that keep one hostile or huge upload from exhausting a worker."""

    max_pages: int = 1000
    max_expanded_bytes: int = 100 * 1024 * 1024


@dataclass(frozen=True)
class ExtractedText:
    text: str
    """Markdown-ish: headings start with ``#``, list items with ``-``."""
    pages: int | None = None


_HTML_MARKERS = re.compile(
    rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<(?:p|div|h[1-6]|ul|ol|li|table)[\s>]",
    re.IGNORECASE,
)
_MD_MARKERS = re.compile(
    r"^(?:#{1,6} \S|[-*+] \S|\d+\. \S|> \S|```)|\*\*\S[^*\n]*\*\*|\[[^\]\n]+\]\([^)\s]+\)",
    re.MULTILINE,
)
_BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x7fELF",
    b"MZ",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\xd0\xcf\x11\xe0",  # legacy OLE .doc/.xls
    b"RIFF",
    b"II*\x00",
    b"MM\x00*",
)


def detect_format(data: bytes, filename: str | None = None) -> DocumentFormat:
    """Decide the format from the bytes; ``filename`` only breaks a Markdown/text tie."""
    if not data or not data.strip():
        raise EmptyDocument("the document is empty")
    head = data[:2048]
    if b"%PDF-" in data[:1024]:  # readers accept junk before the header
        return DocumentFormat.PDF
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _detect_zip(data)
    if any(head.startswith(m) for m in _BINARY_MAGIC):
        raise UnsupportedFormat("binary file of an unsupported type")
    if head.lstrip().startswith(b"{\\rtf"):  # read as text, its control words would show
        raise UnsupportedFormat("RTF is not supported; save the document as DOCX or PDF")
    text = decode_text(data, strict=True)
    if text is None:
        raise UnsupportedFormat("the document is neither PDF, DOCX, HTML nor text")
    if not text.strip():
        raise EmptyDocument("the document contains only whitespace")
    if _HTML_MARKERS.search(text[:4096].encode("utf-8", "ignore")):
        return DocumentFormat.HTML
    if filename and filename.lower().endswith((".md", ".markdown")):
        return DocumentFormat.MARKDOWN
    if len(_MD_MARKERS.findall(text[:20000])) >= 2:
        return DocumentFormat.MARKDOWN
    return DocumentFormat.TEXT


def _detect_zip(data: bytes) -> DocumentFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocument(f"damaged zip container: {exc}") from exc
    if "word/document.xml" in names:
        return DocumentFormat.DOCX
    raise UnsupportedFormat("zip archive that is not a Word document")


def decode_text(data: bytes, strict: bool = False) -> str | None:
    """Decode text in any common encoding.

    With ``strict`` it returns None when the bytes do not look like text at all (that is how
    binary junk is told apart); otherwise undecodable bytes are replaced, never raised.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", "replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", "replace")
    bom_less = _utf16_without_bom(data)
    if bom_less:
        return data.decode(bom_less, "replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        text = _guess_decode(data)
    if text is None:
        return None if strict else data.decode("cp1252", "replace")
    if strict and _control_share(text) > 0.05:
        return None
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly Latin letters has a zero in every other byte."""
    sample = data[:4000]
    half = len(sample) // 2
    if half < 8:
        return None
    odd = sample[1::2].count(0)
    even = sample[0::2].count(0)
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def _guess_decode(data: bytes) -> str | None:
    """Western text with a few accented letters is nearly always cp1252 (a superset of
    latin-1 in practice); the detector is asked only when high bytes come in pairs, as in
    GBK, Big5 or Shift-JIS, or when cp1252 cannot decode the bytes."""
    sample = data[:200_000]
    high = [i for i, b in enumerate(sample) if b >= 0x80]
    paired = sum(1 for i in high if i + 1 < len(sample) and sample[i + 1] >= 0x80)
    # Multi-byte encodings put high bytes in pairs; Western accents stand alone.
    if b"\x00" not in sample and paired <= len(high) // 3:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        if b"\x00" in data:
            return None
        # Single-byte Western text that the detector found ambiguous.
        return data.decode("cp1252", "replace")
    try:
        return data.decode(best.encoding, "replace")
    except LookupError:
        return str(best)


# Control characters other than whitespace, and the replacement character: what binary
# data decoded as text is full of. Counted with str.translate, not a loop per character
# (this runs on every submission, in the API).
_CONTROL = {c: None for c in range(32) if chr(c) not in "\t\n\r\f"} | {0xFFFD: None}


def _control_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    bad = len(sample) - len(sample.translate(_CONTROL))
    return bad / len(sample)


def extract(data: bytes, fmt: DocumentFormat, limits: Limits | None = None) -> ExtractedText:
    """Text of the document in the one shape parsing reads (:mod:`domain.markdownish`):
    ``#`` headings with their levels, one line per paragraph, ``-`` / ``1.`` list items
    nested by 4 spaces, ``**bold**``, table rows as ``- Header: cell | Header: cell``."""
    limits = limits or Limits()
    if fmt is DocumentFormat.PDF:
        result = _extract_pdf(data, limits)
    elif fmt is DocumentFormat.DOCX:
        result = _extract_docx(data, limits)
    elif fmt is DocumentFormat.HTML:
        from domain.html_text import html_blocks

        result = ExtractedText(write(html_blocks(decode_text(data) or "")))
    elif fmt is DocumentFormat.TEXT:
        from domain.plain_text import text_blocks

        result = ExtractedText(write(text_blocks(decode_text(data) or "")))
    else:
        text = (decode_text(data) or "").replace("\r\n", "\n").replace("\r", "\n")
        result = ExtractedText(text.replace("\x00", ""))
    if not result.text.strip():
        if fmt is DocumentFormat.PDF:
            raise NoTextLayer("the PDF has no text layer (scanned images?)")
        raise EmptyDocument("the document has no text")
    return result


def _extract_pdf(data: bytes, limits: Limits) -> ExtractedText:
    from domain.pdf_layout import pdf_blocks
    from domain.pdf_lines import read_pdf

    # Tens of thousands of small objects and no reference cycles among them: collecting
    # garbage meanwhile would only cost time (about a tenth of it).
    collecting = gc.isenabled()
    gc.disable()
    try:
        pages = read_pdf(data, limits.max_pages)
        text = write(pdf_blocks(pages))
    finally:
        if collecting:
            gc.enable()
    if not text.strip():
        raise NoTextLayer("the PDF has no text layer (scanned images?)")
    return ExtractedText(text, pages=len(pages))


def _extract_docx(data: bytes, limits: Limits) -> ExtractedText:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            expanded = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocument(f"the DOCX is not a valid zip container: {exc}") from exc
    if expanded > limits.max_expanded_bytes:
        raise DocumentTooLarge(
            f"the DOCX expands to {expanded} bytes, more than {limits.max_expanded_bytes}"
        )
    from domain.docx_text import docx_blocks

    try:
        import docx

        blocks = docx_blocks(docx.Document(io.BytesIO(data)))
    except Exception as exc:  # python-docx raises KeyError, lxml errors, ...
        raise CorruptDocument(f"the DOCX cannot be read: {type(exc).__name__}") from exc
    return ExtractedText(write(blocks))
