"""Printed lines of a PDF, with their geometry and fonts, read through pdfium.

pdfium's text page already knows the characters in content order, with line breaks where
the baseline changes. What layout analysis needs on top is per line, not per character:
where it starts and ends, its baseline, its font size (the ``Tf`` size times the text
matrix, as producers often write ``1 Tf`` and scale), and which stretches are bold. A
line made of one text object (the usual case: one show-text operator per printed line)
costs a handful of calls; only lines that mix objects are searched for the boundaries,
by bisection rather than character by character. The calls per character go through
prototypes without argument types, given the text page as one ``c_void_p`` and the output
places as ready-made ``byref`` references: ctypes then converts nothing, which halves the
cost of a call. Everything here holds one lock: pdfium is not thread-safe.
"""

from __future__ import annotations

import ctypes
import functools
import math
import re
import threading
from dataclasses import dataclass, field
from typing import Any

from domain.errors import CorruptDocument, DocumentTooLarge, EncryptedDocument

__all__ = ["Line", "Page", "read_pdf"]

_LOCK = threading.Lock()
# A line of pdfium's text: printed characters up to a line break, or up to and with the
# mark pdfium puts for a hyphen at the end of a line (which it does not follow by a break).
_LINE = re.compile(r"[^\s\ufffe\x02](?:[^\r\n\ufffe\x02]*[^\s\ufffe\x02])?[\ufffe\x02]?")
_MARKER = re.compile(
    r"(?:[•◦▪▫●○■□‣⁃∙·*–—-]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?[ivxIVX]{1,5}[.)])\s+(?=\S)")
_LONE_MARKER = re.compile(r"[•◦▪▫●○■□‣⁃∙·*–—-]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]")
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi|[-,]bd\b", re.IGNORECASE)
_FORCE_BOLD = 1 << 18
_Page = ctypes.c_void_p  # a text page's handle, as the bare prototypes take it
_GAP = 1.5  # a gap wider than this many font sizes inside a line splits it (columns)


@dataclass(slots=True)
class Line:
    """One printed line: text, runs of (text, bold), geometry in PDF points (y up)."""

    text: str
    runs: list[tuple[str, bool]]
    x0: float
    x1: float
    base: float
    size: float
    bold: bool
    page: int = 0
    start: int = -1  # pdfium index of the first character, when text and index agree
    some_bold: bool = False  # any of its words in bold
    text_x: float = 0.0  # where the text after a list marker starts
    marker: str = ""
    heading: bool = False  # set by the layout: larger than body text


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line] = field(default_factory=list)


def read_pdf(data: bytes, max_pages: int) -> list[Page]:
    """The lines of every page. Raises EncryptedDocument, CorruptDocument or
    DocumentTooLarge; an owner password alone (printing or copying locked) is no bar."""
    import pypdfium2  # noqa: F401  (initialises the library)
    import pypdfium2.raw as pdfium

    with _LOCK:
        # pdfium reads the bytes where they are (no copy): ``data`` outlives the document.
        doc = pdfium.FPDF_LoadMemDocument64(data, len(data), None)
        if not doc:
            error = pdfium.FPDF_GetLastError()
            if error in (pdfium.FPDF_ERR_PASSWORD, pdfium.FPDF_ERR_SECURITY):
                raise EncryptedDocument("the PDF is password protected")
            raise CorruptDocument(f"the PDF cannot be read (pdfium error {error})")
        try:
            count = pdfium.FPDF_GetPageCount(doc)
            if count > max_pages:
                raise DocumentTooLarge(f"the PDF has {count} pages, more than {max_pages}")
            if count <= 0:
                raise CorruptDocument("the PDF has no pages")
            reader = _Reader(pdfium)
            return [reader.page(doc, i) for i in range(count)]
        finally:
            pdfium.FPDF_CloseDocument(doc)


# ctypes makes a new class for every array type it is asked for (and garbage cycles when it
# is dropped): the types are made once here.
_FLOATS = ctypes.c_float * 6
_DOUBLES = ctypes.c_double * 4
_NAME = ctypes.c_char * 256


@functools.cache
def _text_type(size: int) -> Any:
    return ctypes.c_char * size


def _text_buffer(size: int) -> Any:
    """A buffer of at least ``size`` bytes, in one of few sizes (powers of two)."""
    return _text_type(1 << max(size - 1, 4095).bit_length())()


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function with address-only arguments (no pointer type checks)."""
    return ctypes.cast(function, ctypes.CFUNCTYPE(restype, *argtypes))


def _bare(function: Any, restype: Any) -> Any:
    """The same C function without argument types: called with a ``c_void_p``, ints and
    ``byref`` references only, which ctypes passes as they are. It keeps the interpreter
    lock: these calls take well under a microsecond, less than releasing it would."""
    return ctypes.cast(function, ctypes.PYFUNCTYPE(restype))


@functools.cache
def _calls(pdfium: Any) -> dict[str, Any]:
    """The fast prototypes, made once: ``PYFUNCTYPE`` builds a new class at every call."""
    v, i = ctypes.c_void_p, ctypes.c_int
    return {
        "get_object": _bare(pdfium.FPDFText_GetTextObject, v),
        "get_matrix": _bare(pdfium.FPDFText_GetMatrix, i),
        "get_size": _bare(pdfium.FPDFText_GetFontSize, ctypes.c_double),
        "get_box": _bare(pdfium.FPDFText_GetCharBox, i),
        "get_origin": _bare(pdfium.FPDFText_GetCharOrigin, i),
        "get_font": _fast(pdfium.FPDFTextObj_GetFont, v, v),
        "get_text": _fast(pdfium.FPDFText_GetText, i, v, i, i, v),
        "font_weight": _fast(pdfium.FPDFFont_GetWeight, i, v),
        "font_flags": _fast(pdfium.FPDFFont_GetFlags, i, v),
        "font_name": _fast(pdfium.FPDFFont_GetBaseFontName, ctypes.c_size_t, v, v,
                           ctypes.c_size_t),
    }


class _Reader:
    """Per-document font cache, reusable buffers and the fast call prototypes."""

    def __init__(self, pdfium: Any) -> None:
        calls = _calls(pdfium)
        self.p = pdfium
        self.get_object = calls["get_object"]
        self.get_matrix = calls["get_matrix"]
        self.get_size = calls["get_size"]
        self.get_box = calls["get_box"]
        self.get_origin = calls["get_origin"]
        self.get_font = calls["get_font"]
        self.get_text = calls["get_text"]
        self.calls = calls
        self.fonts: dict[int | None, bool] = {}
        self.floats = _FLOATS()
        self.doubles = _DOUBLES()
        self.floats_at = ctypes.byref(self.floats)
        self.box_at = tuple(ctypes.byref(self.doubles, 8 * k) for k in range(4))
        self.name = _NAME()
        self.text = _text_buffer(0)

    def page(self, doc: Any, index: int) -> Page:
        p = self.p
        handle = p.FPDF_LoadPage(doc, index)
        if not handle:
            raise CorruptDocument(f"page {index + 1} of the PDF cannot be read")
        textpage = p.FPDFText_LoadPage(handle)
        try:
            page = Page(index, p.FPDF_GetPageWidthF(handle), p.FPDF_GetPageHeightF(handle))
            if textpage:
                page.lines = self.lines(textpage, index)
            return page
        finally:
            if textpage:
                p.FPDFText_ClosePage(textpage)
            p.FPDF_ClosePage(handle)

    def lines(self, textpage: Any, page: int) -> list[Line]:
        p = self.p
        count = p.FPDFText_CountChars(textpage)
        if count <= 0:
            return []
        # UTF-16: two units a character at most (surrogate pairs), and the final zero.
        if len(self.text) < 4 * count + 4:
            self.text = _text_buffer(4 * count + 4)
        buffer = self.text
        address = ctypes.c_void_p.from_buffer(textpage)
        written = self.get_text(address.value, 0, count, ctypes.addressof(buffer))
        text = ctypes.string_at(buffer, max(written - 1, 0) * 2).decode("utf-16-le", "replace")
        # One character per index, unless pdfium skipped control characters or wrote
        # surrogate pairs: then map the ends of each line back to character indices.
        identity = len(text) == count
        get_object, get_matrix, get_size, get_font, get_box = (
            self.get_object, self.get_matrix, self.get_size, self.get_font, self.get_box)
        m, d, at_m, fonts = self.floats, self.doubles, self.floats_at, self.fonts
        at_left, at_right, at_bottom, at_top = self.box_at
        marker = _MARKER.match
        out: list[Line] = []
        for match in _LINE.finditer(text):
            start, end = match.span()
            if not identity:
                first = p.FPDFText_GetCharIndexFromTextIndex(textpage, start)
                last = p.FPDFText_GetCharIndexFromTextIndex(textpage, end - 1)
                if 0 <= first <= last:
                    spans = [(first, last + 1, get_object(address, first))]
                    out += self.pieces(address, match.group(), first, spans, False, page)
                continue
            key, last = get_object(address, start), end - 1
            key_last = get_object(address, last)
            if key != key_last:  # a line of several text objects
                line_text = match.group()
                item = marker(line_text)
                if item and get_object(address, start + item.end()) == key_last:
                    # A bullet or number set on its own, then the item's text in one go.
                    out.append(self.item_line(address, line_text, start, last, item.end(),
                                              key_last, page))
                    continue
                spans = self.object_spans(address, start, last, key, key_last)
                out += self.pieces(address, line_text, start, spans, True, page)
                continue
            # The usual line: one text object, one font.
            get_matrix(address, start, at_m)
            scale = m[3] if m[2] == 0 and m[3] > 0 else (math.hypot(m[2], m[3]) or 1.0)
            font = get_font(key) if key else None
            bold = fonts.get(font)
            if bold is None:
                bold = fonts[font] = self.is_bold(font)
            get_box(address, last, at_left, at_right, at_bottom, at_top)
            line_text, x = match.group(), m[4]
            line = Line(line_text, [(line_text, bold)], x, d[1], m[5],
                        get_size(address, start) * scale, bold, page, start, bold, x)
            # Most lines start with a word, which no marker pattern matches: skip the search.
            head = line_text[0]
            if (not head.isalpha() or head in "ivxIVX" or line_text[1:2] in ".)") and marker(
                    line_text):
                self.find_marker(address, line)
            out.append(line)
        # Geometry a broken or hostile file can make meaningless (NaN, huge, zero size).
        return [x for x in out if 0 < x.size < 1e4 and -1e6 < x.x0 < 1e6 and -1e6 < x.x1 < 1e6
                and -1e6 < x.base < 1e6]

    def item_line(self, textpage: _Page, text: str, first: int, last: int, split: int, obj: Any,
                  page: int) -> Line:
        """A list item's line: its marker as one text object, the rest as another."""
        m = self.floats
        self.get_matrix(textpage, first, self.floats_at)
        x0, base = m[4], m[5]
        x, _, size, bold = self.style(textpage, first + split, obj)
        head, rest = text[:split], text[split:]
        line = Line(text, [(head, False), (rest, bold)], x0, self.right(textpage, last), base,
                    size, bold, page, start=first, marker=head.strip(), text_x=x,
                    some_bold=bold)
        return line

    def pieces(self, textpage: _Page, text: str, first: int, spans: list[tuple[int, int, Any]],
               identity: bool, page: int) -> list[Line]:
        """A line of several text objects, split where a wide gap shows two columns
        printed by one operator sequence. A piece's right end is asked for only where a gap
        might be wide (the text could not fill it) and where the piece ends."""
        pieces: list[Line] = []
        end = -1  # index of the last character of the last piece
        reach = 0.0  # how far right the last span could possibly extend
        bare = False  # the line so far is a bullet or number on its own
        for a, b, obj in spans:
            piece = text[a - first: b - first] if identity else text
            if not piece.strip():
                if pieces:  # a space pdfium put between two objects
                    pieces[-1].runs.append((piece, False))
                    pieces[-1].text += piece
                continue
            if not pieces and _LONE_MARKER.fullmatch(piece.strip()):
                # A bullet or number set on its own: its place and size are what matter.
                self.get_matrix(textpage, a, self.floats_at)
                m = self.floats
                size = self.get_size(textpage, a) * (math.hypot(m[2], m[3]) or 1.0)
                pieces.append(Line(piece, [(piece, False)], m[4], m[4], m[5], size, False,
                                   page, start=a if identity else -1))
                end, reach, bare = b - 1, m[4] + 0.8 * size * len(piece), True
                continue
            x, base, size, bold = self.style(textpage, a, obj)
            previous = pieces[-1] if pieces else None
            if previous is not None and abs(base - previous.base) < 0.6 * max(size, 1.0) and (
                    x < reach + _GAP * size
                    or x - self.right(textpage, end) < _GAP * max(size, previous.size)):
                # pdfium has put a space between the objects where the gap shows one.
                if bare:  # the text after a bullet set on its own
                    previous.text_x, previous.bold, previous.size = x, bold, size
                previous.runs.append((piece, bold))
                previous.some_bold = previous.some_bold or bold
                if len(piece) > len(previous.text):
                    previous.size = size
                previous.text += piece
                previous.bold = previous.bold and bold
            else:
                if previous is not None:
                    previous.x1 = self.right(textpage, end)
                pieces.append(Line(piece, [(piece, bold)], x, x, base, size, bold, page,
                                   start=a if identity else -1, some_bold=bold))
            end, reach, bare = b - 1, x + 0.8 * size * len(piece), False
        if pieces:
            pieces[-1].x1 = self.right(textpage, end)
        for line in pieces:
            line.text = line.text.strip()
            self.find_marker(textpage, line)
        return pieces

    def object_spans(self, textpage: _Page, first: int, last: int, key_a: Any,
                     key_last: Any) -> list[tuple[int, int, Any]]:
        """Character ranges of one text object each, found by bisection."""
        get = self.get_object
        end = last + 1
        a = first
        spans = []
        while True:
            if key_a == key_last:
                spans.append((a, end, key_a))
                return spans
            lo, step, hi = a, 1, end
            while a + step < end:  # gallop to a character of another object
                if get(textpage, a + step) != key_a:
                    hi = a + step
                    break
                lo, step = a + step, step * 2
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if get(textpage, mid) == key_a:
                    lo = mid
                else:
                    hi = mid
            spans.append((a, lo + 1, key_a))
            a = lo + 1
            if a >= end:
                return spans
            key_a = get(textpage, a)

    def style(self, textpage: _Page, index: int, obj: Any) -> tuple[float, float, float, bool]:
        """Origin x, baseline y, font size in points and boldness at one character."""
        m = self.floats
        self.get_matrix(textpage, index, self.floats_at)
        scale = math.hypot(m[2], m[3]) or 1.0
        size = round(self.get_size(textpage, index) * scale, 2)
        font = self.get_font(obj) if obj else None
        bold = self.fonts.get(font)
        if bold is None:
            bold = self.fonts[font] = self.is_bold(font)
        return m[4], m[5], size, bold

    def is_bold(self, font: int | None) -> bool:
        """Bold by weight, by the font's flags or by its name (the standard 14 fonts carry
        no weight: "Helvetica-Bold")."""
        if not font:
            return False
        calls = self.calls
        weight = calls["font_weight"](font)
        flags = calls["font_flags"](font)
        length = calls["font_name"](font, ctypes.addressof(self.name), len(self.name))
        name = self.name.value.decode("latin-1") if length else ""
        return weight >= 600 or (flags > 0 and bool(flags & _FORCE_BOLD)) or bool(
            _BOLD_NAME.search(name))

    def right(self, textpage: _Page, index: int) -> float:
        self.get_box(textpage, index, *self.box_at)
        return self.doubles[1]

    def find_marker(self, textpage: _Page, line: Line) -> None:
        """The list marker a line starts with, and where the text after it begins."""
        match = _MARKER.match(line.text)
        if match is None:
            line.text_x = line.x0
            return
        line.marker = match.group().strip()
        if line.text_x > line.x0:
            return  # known already: the marker was set apart from the text
        line.text_x = line.x0
        if line.start >= 0:
            d = self.doubles
            self.get_origin(textpage, line.start + match.end(), *self.box_at[:2])
            line.text_x = d[0]
