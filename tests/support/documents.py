"""Realistic PDF, DOCX, HTML and plain-text versions of one corpus guideline.

The corpus is Markdown, but guidelines arrive as published files: two-column PDFs with
justified, hyphenated text, ligature glyphs and running heads; Word files whose headings
are sometimes styles and sometimes just bold text; agency web pages wrapped in navigation;
hard-wrapped text exports with form feeds. ``render`` makes such a file from one Markdown
guideline, so that extractors can be measured on realistic input. Every word of the source
is kept, in reading order; only page furniture (running heads, page numbers, site chrome)
is added around it. Layout choices that differ between real publishers are drawn from a
hash of ``name``, and the output is deterministic, so the same name gives the same bytes.

CLI, for looking at the results: ``python -m tests.support.documents OUTDIR FILE.md...``
"""

from __future__ import annotations

import html
import io
import re
import sys
import textwrap
import time
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import cache, partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pyphen
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from markdown_it import MarkdownIt
from markdown_it.token import Token
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.fonts import addMapping
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    FrameBreak,
    NextPageTemplate,
    PageTemplate,
)
from reportlab.platypus import Paragraph as PdfParagraph

FORMATS = ("pdf", "docx", "html", "text")
SUFFIXES = {"pdf": ".pdf", "docx": ".docx", "html": ".html", "text": ".txt"}

_MARKDOWN = MarkdownIt("commonmark", {"html": False})
# The corpus writes lettered items as "- a. text" (and a few "- ii. text"): the letter is
# the item's printed marker, not part of its text.
_LETTER_MARKER = re.compile(r"([A-Za-z]|[ivx]{2,4})\.\s+")


# --- Markdown to printed blocks ------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    """One printed paragraph: a heading, a body paragraph or the first paragraph of an item.

    Lists are flattened to items with a depth, which is what every layout below needs; later
    paragraphs of an item are ``paragraph`` blocks at the item's depth.
    """

    kind: str  # "heading" | "paragraph" | "item"
    runs: list[Run]
    level: int = 0  # heading level, 1-5
    depth: int = 0  # list nesting; 0 outside lists
    marker: str = ""  # printed marker of an item: "3.", "a."; "" for a bullet
    numbered: bool = False  # marker from an ordered list: Word and browsers number these
    starts_list: bool = False

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def blocks(markdown: str) -> list[Block]:
    """The guideline as printed blocks, in reading order (markdown-it does the parsing)."""
    out: list[Block] = []
    ordered: list[bool] = []  # one entry per open list
    heading = 0
    item_marker: str | None = None  # set between an item's opening and its first paragraph
    new_list = False
    for token in _MARKDOWN.parse(markdown):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            if item_marker is not None:  # "28. - a. text": the outer item has no text of its own
                out.append(Block("item", [], depth=len(ordered), marker=item_marker,
                                 numbered=bool(item_marker), starts_list=new_list))
                item_marker = None
            ordered.append(kind == "ordered_list_open")
            new_list = True
        elif kind in ("bullet_list_close", "ordered_list_close"):
            ordered.pop()
        elif kind == "list_item_open":
            item_marker = f"{token.info}{token.markup}" if ordered[-1] else ""
        elif kind == "heading_open":
            heading = int(token.tag[1:])
        elif kind == "heading_close":
            heading = 0
        elif kind in ("code_block", "fence", "html_block"):
            out.append(Block("paragraph", [Run(token.content.strip())], depth=len(ordered)))
        elif kind == "inline":
            runs = _runs(token.children or [])
            if heading:
                out.append(Block("heading", runs, level=heading))
            elif item_marker is not None:
                marker, numbered = item_marker, bool(item_marker)
                if not numbered:
                    marker, runs = _letter_marker(runs)
                out.append(Block("item", runs, depth=len(ordered), marker=marker,
                                 numbered=numbered, starts_list=new_list))
                item_marker, new_list = None, False
            else:
                out.append(Block("paragraph", runs, depth=len(ordered)))
    return out


def _runs(children: Sequence[Token]) -> list[Run]:
    """Inline tokens as runs of uniform style; links keep their text, escapes are resolved."""
    runs: list[Run] = []
    bold = italic = 0
    for token in children:
        kind = token.type
        if kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
            continue
        if kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
            continue
        if kind in ("text", "code_inline", "html_inline", "image"):
            text = token.content
        elif kind == "softbreak":
            text = " "
        elif kind == "hardbreak":
            text = "\n"
        else:  # link_open / link_close: the link text is in the text tokens between them
            continue
        if not text:
            continue
        style = (bold > 0, italic > 0)
        if runs and (runs[-1].bold, runs[-1].italic) == style:
            runs[-1] = replace(runs[-1], text=runs[-1].text + text)
        else:
            runs.append(Run(text, *style))
    return runs


def _letter_marker(runs: list[Run]) -> tuple[str, list[Run]]:
    match = _LETTER_MARKER.match(runs[0].text) if runs else None
    if match is None:
        return "", runs
    first = replace(runs[0], text=runs[0].text[match.end():])
    return match.group(1) + ".", ([first] if first.text else []) + runs[1:]


@dataclass
class _Guideline:
    """The blocks plus what page furniture needs: title, short title, agency, year."""

    name: str
    blocks: list[Block]
    title: str
    short_title: str
    agency: str
    year: int

    def pick(self, key: str, options: Sequence[Any]) -> Any:
        """A publisher's habit, fixed by the document name (crc32 does not vary by run)."""
        return options[zlib.crc32(f"{key}:{self.name}".encode()) % len(options)]


def _guideline(markdown: str, name: str) -> _Guideline:
    parts = blocks(markdown)
    title = next((b.text for b in parts if b.kind == "heading" and b.level == 1), "")
    title = " ".join(title.split()) or Path(name).stem or "Clinical practice guideline"
    head, colon, _ = title.partition(":")
    short = (head if colon and len(head) <= 70 else _shorten(title, 60)).rstrip(" .")
    agency = ""
    for block in parts:
        if block.kind == "item" and block.text.startswith("Developer:"):
            names = [p.split(" - ")[0].strip() for p in block.text[10:].split(";")]
            agency = " / ".join(names) if len(" / ".join(names)) <= 60 else names[0]
            break
    stem = Path(name).stem
    agency = agency or (stem.split("_")[0].upper() if stem else "Guideline Clearinghouse")
    tail = stem.rsplit("_", 1)[-1]
    year = int(tail) if tail.isdigit() and len(tail) == 4 else 2015
    return _Guideline(name, parts, title, short, agency, year)


def _shorten(text: str, limit: int) -> str:
    return textwrap.shorten(text, limit, placeholder=" …")


# --- PDF -----------------------------------------------------------------------------------

PAGE_W, PAGE_H = LETTER
MARGIN, GUTTER, BOTTOM = 54.0, 18.0, 50.0
COLUMN_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2
BODY_SIZE = 9.5
HEADING_SIZES = {1: 14.0, 2: 13.0, 3: 11.5, 4: 10.5, 5: 10.0}
BULLETS = ("•", "–", "◦", "•")
_LIGATURES: dict[str, list[tuple[str, str]]] = {}  # font name -> (letters, glyph) it has


@cache
def _fonts() -> dict[str, str]:
    """Register a TTF family that has the fi/fl/ff/ffi/ffl glyphs: DejaVu, else Vera.

    Type-1 standard fonts cannot draw U+FB01 and friends; both families can (Vera only
    fi and fl), which ``_LIGATURES`` records per font.
    """
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    files = {"body": "DejaVuSerif", "bold": "DejaVuSerif-Bold", "italic": "DejaVuSerif-Italic",
             "bolditalic": "DejaVuSerif-BoldItalic", "head": "DejaVuSans-Bold",
             "furniture": "DejaVuSans"}
    if not (dejavu / "DejaVuSerif.ttf").exists():
        import reportlab

        dejavu = Path(reportlab.__file__).parent / "fonts"
        files = {"body": "Vera", "bold": "VeraBd", "italic": "VeraIt", "bolditalic": "VeraBI",
                 "head": "VeraBd", "furniture": "Vera"}
    names = {}
    for role, stem in files.items():
        font = TTFont(f"CPG-{stem}", str(dejavu / f"{stem}.ttf"))
        pdfmetrics.registerFont(font)
        names[role] = font.fontName
        _LIGATURES[font.fontName] = [
            (letters, glyph) for letters, glyph in
            (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"),
             ("fl", "\ufb02"))
            if ord(glyph) in font.face.charToGlyph]
    for bold, italic, role in ((0, 0, "body"), (1, 0, "bold"), (0, 1, "italic"),
                               (1, 1, "bolditalic")):
        addMapping(names["body"], bold, italic, names[role])
    return names


class _LigatureText(PDFTextObject):
    """Draws ligature glyphs, as typeset PDFs do, after layout and hyphenation saw letters."""

    def _formatText(self, text: str) -> Any:
        for letters, glyph in _LIGATURES.get(self._fontname, ()):
            text = text.replace(letters, glyph)
        return super()._formatText(text)


class _Canvas(Canvas):
    """Keeps pages until the end so that the footer can say "Page N of M"."""

    def __init__(self, *args: Any, furniture: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:
        return _LigatureText(self, x, y, direction=direction)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture(self, self._pageNumber, len(self._pages))
            super().showPage()
        super().save()


_PYPHEN = pyphen.Pyphen(lang="en_US")


def _hyphenations(word: str) -> list[tuple[str, str]]:
    """Where pyphen may split a word. Compounds stay whole: when reportlab hyphenates them
    (or breaks them at their own hyphen, embeddedHyphenation) it can drop or double that
    hyphen ("falsepos-itive", "self- -harm") once a paragraph is split across columns."""
    return [] if "-" in word else list(_PYPHEN.iterate(word))


@cache
def _pdf_styles() -> dict[str, ParagraphStyle]:
    fonts = _fonts()
    body = ParagraphStyle(
        "body", fontName=fonts["body"], fontSize=BODY_SIZE, leading=12, alignment=TA_JUSTIFY,
        spaceAfter=4, hyphenationLang=_hyphenations,
        embeddedHyphenation=0, uriWasteReduce=0.3, bulletFontName=fonts["body"],
        bulletFontSize=BODY_SIZE)
    styles = {"body": body, "title": ParagraphStyle(
        "title", fontName=fonts["head"], fontSize=19, leading=23, textColor="#1a3a5c")}
    for level, size in HEADING_SIZES.items():
        styles[f"h{level}"] = ParagraphStyle(
            f"h{level}", fontName=fonts["head"], fontSize=size, leading=size * 1.22,
            alignment=TA_LEFT, spaceBefore=9 if level <= 3 else 6, spaceAfter=3,
            textColor="#1a3a5c" if level <= 3 else "#000000")
    return styles


def _markup(runs: Iterable[Run]) -> str:
    parts = []
    for run in runs:
        text = escape(run.text).replace("\n", "<br/>")
        if run.italic:
            text = f"<i>{text}</i>"
        parts.append(f"<b>{text}</b>" if run.bold else text)
    return "".join(parts)


def _pdf_story(guideline: _Guideline, title_block: Block | None) -> list[Any]:
    styles = _pdf_styles()
    story: list[Any] = []
    for block in guideline.blocks:
        if block is title_block:
            continue
        text = _markup(block.runs)
        if block.kind == "heading":  # a new column rather than a heading at the foot of one
            story += [CondPageBreak(66), PdfParagraph(text, styles[f"h{block.level}"])]
            continue
        marker = ""
        if block.kind == "item":
            marker = block.marker or BULLETS[(block.depth - 1) % len(BULLETS)]
        # reportlab splits a URL once, at a slash, and lets the rest overrun the column;
        # without hyphenation it breaks over-long words anywhere, as many PDFs do.
        long_word = any(len(word) > 30 and stringWidth(word, styles["body"].fontName, BODY_SIZE)
                        > COLUMN_W - 60 for word in block.text.split())
        style = _body_style(block.depth, _marker_width(marker), not long_word)
        story.append(PdfParagraph(text or "\u00a0", style, bulletText=marker or None))
    return story


def _marker_width(marker: str) -> float:
    return max(10.0, round(stringWidth(marker, _pdf_styles()["body"].fontName, BODY_SIZE) + 4))


@cache
def _body_style(depth: int, indent: float, hyphenate: bool) -> ParagraphStyle:
    """Body text, or a list item with a hanging indent (a continuation when no marker)."""
    body = _pdf_styles()["body"]
    bullet_at = 3 + 12 * (depth - 1)  # nested lists indent by depth
    style = ParagraphStyle(
        f"body-{depth}-{indent}-{hyphenate}", parent=body,
        bulletIndent=bullet_at if depth else 0,
        leftIndent=bullet_at + indent if depth else 0, spaceAfter=2 if depth else 4)
    if not hyphenate:
        style.hyphenationLang, style.uriWasteReduce = "", 0
    return style


def _fit(text: str, font: str, size: float, width: float) -> str:
    while stringWidth(text, font, size) > width and " " in text:
        text = text.rsplit(" ", 2)[0] + " …"
    return text


def _pdf(guideline: _Guideline) -> bytes:
    """Letter pages, two justified columns, a wide title on page 1, running heads after."""
    fonts, styles = _fonts(), _pdf_styles()
    first = guideline.blocks[0] if guideline.blocks else None
    title_block = first if first and first.kind == "heading" and first.level == 1 else None
    title = PdfParagraph(_markup(title_block.runs) if title_block else "", styles["title"])
    _, title_h = title.wrap(PAGE_W - 2 * MARGIN, PAGE_H)
    title_top = PAGE_H - 62
    columns_top = title_top - title_h - 24

    def columns(top: float, page: str) -> list[Frame]:
        return [Frame(MARGIN + i * (COLUMN_W + GUTTER), BOTTOM, COLUMN_W, top - BOTTOM,
                      0, 0, 0, 0, id=f"{page}-col{i}") for i in (0, 1)]

    head_font, plain_font = fonts["head"], fonts["furniture"]
    left = _fit(guideline.short_title, plain_font, 7.5, (PAGE_W - 2 * MARGIN) * 0.55)
    right = _fit(guideline.agency, plain_font, 7.5, (PAGE_W - 2 * MARGIN) * 0.4)

    def furniture(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        if page == 1:
            canvas.setFont(head_font, 8)
            canvas.setFillColor("#1a3a5c")
            canvas.drawString(MARGIN, PAGE_H - 40, guideline.agency.upper())
            canvas.drawRightString(PAGE_W - MARGIN, PAGE_H - 40, "CLINICAL PRACTICE GUIDELINE")
            canvas.setStrokeColor("#1a3a5c")
            canvas.setLineWidth(1.6)
            canvas.line(MARGIN, PAGE_H - 46, PAGE_W - MARGIN, PAGE_H - 46)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN, columns_top + 10, PAGE_W - MARGIN, columns_top + 10)
        else:
            canvas.setFont(plain_font, 7.5)
            canvas.setFillGray(0.3)
            canvas.drawString(MARGIN, PAGE_H - 38, left)
            canvas.drawRightString(PAGE_W - MARGIN, PAGE_H - 38, right)
            canvas.setLineWidth(0.4)
            canvas.line(MARGIN, PAGE_H - 43, PAGE_W - MARGIN, PAGE_H - 43)
        canvas.setFont(plain_font, 7.5)
        canvas.setFillGray(0.3)
        canvas.drawCentredString(PAGE_W / 2, 30, f"Page {page} of {pages}")
        canvas.restoreState()

    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=LETTER, invariant=1, title=guideline.title, author=guideline.agency,
        subject="Clinical practice guideline",
        leftMargin=MARGIN, rightMargin=MARGIN, topMargin=56, bottomMargin=BOTTOM)
    title_frame = Frame(MARGIN, title_top - title_h - 4, PAGE_W - 2 * MARGIN, title_h + 4,
                        0, 0, 0, 0, id="title")
    doc.addPageTemplates([
        PageTemplate("first", [title_frame, *columns(columns_top, "first")]),
        PageTemplate("later", columns(PAGE_H - 56, "later")),
    ])
    story = [NextPageTemplate("later"), title, FrameBreak(), *_pdf_story(guideline, title_block)]
    doc.build(story, canvasmaker=partial(_Canvas, furniture=furniture))
    return out.getvalue()


# --- DOCX ----------------------------------------------------------------------------------

_DIRECT_SIZES = {2: 14, 3: 12, 4: 11, 5: 11}


def _docx(guideline: _Guideline) -> bytes:
    """A Word file: Title, headings by style or (some authors) by bold direct formatting."""
    # Up to which heading level Heading styles are used; above it, bold Normal paragraphs.
    styled_to = guideline.pick("docx-headings", (5, 5, 3, 1))
    document = Document()
    props = document.core_properties
    props.title, props.author = guideline.title, guideline.agency
    props.last_modified_by, props.revision = guideline.agency, 3
    props.created = props.modified = datetime(guideline.year, 3, 1, 9, tzinfo=UTC)
    section = document.sections[0]
    section.left_margin = section.right_margin = Inches(1)
    header = section.header.paragraphs[0]  # title left, agency at the right tab stop
    header.paragraph_format.tab_stops.add_tab_stop(Inches(3.25), WD_TAB_ALIGNMENT.CLEAR)
    header.text = f"{_shorten(guideline.short_title, 45)}\t{_shorten(guideline.agency, 35)}"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _field(footer, "PAGE", "1")
    footer.add_run(" of ")
    pages = max(1, sum(len(b.text) for b in guideline.blocks) // 3000)
    _field(footer, "NUMPAGES", str(pages))

    num_id, style_ids = 0, dict[str, str]()
    for block in guideline.blocks:
        level = min(block.depth, 3)
        suffix = f" {level}" if level > 1 else ""
        prefix = ""
        if block.kind == "heading" and (block.level == 1 or block.level <= styled_to):
            style = "Title" if block.level == 1 else f"Heading {block.level - 1}"
        elif block.kind == "heading":
            style = "Normal"
        elif block.kind == "item" and block.numbered:
            style = "List Number" + suffix
            if block.starts_list:
                num_id = _restart_numbering(document, style, int(block.marker.rstrip(".)")))
        elif block.kind == "item" and block.marker:
            style, prefix = "List Continue" + suffix, block.marker + " "
        elif block.kind == "item":
            style = "List Bullet" + suffix
        else:
            style = "List Continue" + suffix if block.depth else "Normal"
        paragraph = document.add_paragraph(prefix)
        # Setting the style id directly: python-docx's lookup by name scans every style.
        paragraph._p.style = style_ids.get(style) or style_ids.setdefault(
            style, document.styles[style].style_id)
        if block.kind == "item" and block.numbered:
            num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
            num_pr.get_or_add_ilvl().val = 0
            num_pr.get_or_add_numId().val = num_id
        direct = block.kind == "heading" and style == "Normal"
        if direct:
            paragraph.paragraph_format.space_before = Pt(12)
            paragraph.paragraph_format.space_after = Pt(4)
            paragraph.paragraph_format.keep_with_next = True
        for run in block.runs:
            out = paragraph.add_run(run.text)
            out.bold = True if run.bold or direct else None
            out.italic = True if run.italic else None
            if direct:
                out.font.size = Pt(_DIRECT_SIZES[block.level])
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), guideline.year)


def _field(paragraph: Any, instruction: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) with the value Word last showed for it."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = shown
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _restart_numbering(document: Any, style: str, start: int) -> int:
    """A new list instance of a List Number style, so each list starts at its own number."""
    numbering = document.part.numbering_part.element
    style_num = document.styles[style].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract)
    num.add_lvlOverride(ilvl=0).add_startOverride(start)
    return int(num.numId)


def _fixed_zip(data: bytes, year: int) -> bytes:
    """python-docx stamps zip entries with the current time; fix it for stable bytes."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(year, 3, 1, 9, 0, 0))
            target.writestr(entry, source.read(info), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


# --- HTML ----------------------------------------------------------------------------------

_CSS = """body{font-family:"Source Sans Pro",Helvetica,Arial,sans-serif;margin:0;color:#1b1b1b}
.skip-link{position:absolute;left:-999px}.skip-link:focus{left:1rem}
.site-header{background:#1a3a5c;color:#fff;padding:.75rem 2rem}.site-header a{color:#fff}
.primary-nav ul,.breadcrumb ol,.site-footer ul{list-style:none;display:flex;gap:1.2rem;padding:0}
.breadcrumb{padding:0 2rem;font-size:.9rem}.breadcrumb li+li::before{content:"\\203A  "}
.layout{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,1fr);gap:2rem;padding:0 2rem}
article.guideline{max-width:48rem;line-height:1.5}.section-title{font-weight:700;margin:1em 0}
ul.lettered{list-style:none}.site-footer{background:#f1f1f1;padding:1rem 2rem;font-size:.9rem}
.cookie-banner{position:fixed;bottom:0;left:0;right:0;background:#fff;border-top:1px solid #ccc}
@media print{.site-header,.sidebar,.site-footer,.cookie-banner{display:none}}"""

_NAV = ("Home", "Guidelines & Recommendations", "Topics A–Z", "For Clinicians", "For Patients",
        "Data & Statistics", "About Us")
_RELATED = ("Clinician summary", "Evidence review", "Patient fact sheet",
            "Implementation tools", "Archived versions of this guideline")
_FOOTER = ("Contact Us", "Accessibility", "Privacy Policy", "Disclaimers", "FOIA",
           "Vulnerability Disclosure Policy", "USA.gov")


def _slug(text: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in text.lower()).split())[:60]


def _article(markdown: str, guideline: _Guideline) -> str:
    """The guideline body, as CMS pages have it: minor headings and paragraphs vary."""
    minor = guideline.pick("html-headings", ("semantic", "div", "strong"))
    paragraphs = guideline.pick("html-paragraphs", ("p", "wrapped", "div"))
    renderer = MarkdownIt("commonmark", {"html": False})

    def heading(self: Any, tokens: Sequence[Token], i: int, options: Any, env: Any) -> str:
        token = tokens[i]
        level, opening = int(token.tag[1:]), token.type == "heading_open"
        if level >= 4 and minor == "div":
            return '<div class="section-title">' if opening else "</div>\n"
        if level >= 4 and minor == "strong":
            return "<p><strong>" if opening else "</strong></p>\n"
        if opening and level == 2:
            return f'<h2 id="{_slug(tokens[i + 1].content)}">'
        return str(self.renderToken(tokens, i, options, env))

    def paragraph(self: Any, tokens: Sequence[Token], i: int, options: Any, env: Any) -> str:
        token, opening = tokens[i], tokens[i].type == "paragraph_open"
        if token.hidden or paragraphs == "p":
            return str(self.renderToken(tokens, i, options, env))
        if paragraphs == "wrapped":
            return '<div class="field-item"><p>' if opening else "</p></div>\n"
        return '<div class="paragraph">' if opening else "</div>\n"

    def bullet_list(self: Any, tokens: Sequence[Token], i: int, options: Any, env: Any) -> str:
        lettered = _LETTER_MARKER.match(tokens[i + 3].content) if i + 3 < len(tokens) else None
        return '<ul class="lettered">\n' if lettered else "<ul>\n"

    for rule in ("heading_open", "heading_close"):
        renderer.add_render_rule(rule, heading)
    for rule in ("paragraph_open", "paragraph_close"):
        renderer.add_render_rule(rule, paragraph)
    renderer.add_render_rule("bullet_list_open", bullet_list)
    return renderer.render(markdown)


def _html(markdown: str, guideline: _Guideline) -> bytes:
    """An agency web page: header, menu, breadcrumb, the article, sidebar, footer, banner."""
    e = partial(html.escape, quote=True)
    site, short = e(guideline.agency), e(guideline.short_title)
    nav = "".join(f'<li><a href="/{_slug(item)}/">{e(item)}</a></li>' for item in _NAV)
    related = "".join(f'<li><a href="/guidelines/{_slug(guideline.short_title)}/{_slug(r)}">'
                      f"{e(r)}</a></li>" for r in _RELATED)
    footer = "".join(f'<li><a href="/{_slug(item)}/">{e(item)}</a></li>' for item in _FOOTER)
    page = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(_shorten(guideline.title, 150))}">
<meta name="author" content="{site}">
<meta property="og:title" content="{short}">
<meta name="dcterms.date" content="{guideline.year}-03-01">
<title>{short} | {site}</title>
<link rel="stylesheet" href="/assets/css/site.min.css">
<style>
{_CSS}
</style>
<script>
window.dataLayer = window.dataLayer || [];
function gtag(){{ dataLayer.push(arguments); }}
gtag("js", new Date()); gtag("config", "G-CPG2PVG01");
</script>
</head>
<body class="page-guideline">
<a class="skip-link" href="#main-content">Skip to main content</a>
<header class="site-header">
<div class="brand"><a href="/" rel="home">{site}</a></div>
<form class="site-search" role="search" action="/search">
<label for="q">Search this site</label> <input id="q" name="q" type="search">
<button type="submit">Search</button>
</form>
<nav class="primary-nav" aria-label="Main menu"><ul>{nav}</ul></nav>
</header>
<nav class="breadcrumb" aria-label="Breadcrumb"><ol>
<li><a href="/">Home</a></li><li><a href="/guidelines/">Guidelines &amp; Recommendations</a></li>
<li aria-current="page">{short}</li>
</ol></nav>
<div class="layout">
<main id="main-content">
<div class="page-tools"><a href="#print" onclick="window.print()">Print</a>
<a href="#share">Share</a></div>
<article class="guideline">
{_article(markdown, guideline)}</article>
<p class="last-reviewed">Page last reviewed: March {guideline.year}</p>
</main>
<aside class="sidebar" aria-labelledby="related-heading">
<h2 id="related-heading">Related resources</h2>
<ul>{related}</ul>
</aside>
</div>
<footer class="site-footer">
<p class="agency">{site}</p>
<ul>{footer}</ul>
<p class="disclaimer">The information on this site does not replace the advice of a health
care professional. Links to non-government websites do not imply endorsement.</p>
</footer>
<div id="cookie-consent" class="cookie-banner" role="dialog" aria-live="polite" hidden>
<p>We use cookies to understand how visitors use this site.
<a href="/privacy-policy/#cookies">Learn more</a></p>
<button type="button" data-consent="accept">Accept</button>
<button type="button" data-consent="decline">Decline</button>
</div>
<script>
(function () {{
  var banner = document.getElementById("cookie-consent");
  if (!localStorage.getItem("cookie-consent")) banner.hidden = false;
  banner.addEventListener("click", function (event) {{
    var choice = event.target.getAttribute("data-consent");
    if (choice) {{ localStorage.setItem("cookie-consent", choice); banner.hidden = true; }}
  }});
}})();
</script>
</body>
</html>
"""
    return page.encode()


# --- Plain text ----------------------------------------------------------------------------

PAGE_LINES = 60


def _text(guideline: _Guideline) -> bytes:
    """A text export: hard-wrapped, no marks, headings by case or underline, form feeds."""
    width = guideline.pick("text-width", (72, 74, 76, 78))
    bullets = guideline.pick("text-bullets", ("*-o", "o-*", "-o*", "***"))
    underlines = guideline.pick("text-underline", ("=-", "--", "=="))
    newline = guideline.pick("text-newline", ("\n", "\n", "\r\n"))
    lines: list[str] = []
    previous: Block | None = None
    for block in guideline.blocks:
        if lines and not (block.kind == "item" and previous and previous.kind == "item"):
            lines.append("")
        previous = block
        pieces = [" ".join(part.split()) for part in block.text.split("\n")]
        if block.kind == "heading":
            text_lines = [line for piece in pieces for line in textwrap.wrap(piece, width)]
            if block.level <= 2:
                text_lines = [line.upper() for line in text_lines]
                if block.level == 1:
                    text_lines = [line.center(width).rstrip() for line in text_lines]
            lines += text_lines
            if block.level in (3, 4) and text_lines:
                lines.append(underlines[block.level - 3] * max(map(len, text_lines)))
            continue
        indent = 2 + 4 * (block.depth - 1) if block.depth else 0
        lead = " " * indent
        if block.kind == "item":
            marker = block.marker or bullets[(block.depth - 1) % len(bullets)]
            lead = f"{lead}{marker} "
        hang = " " * len(lead) if block.kind == "item" else lead
        for n, piece in enumerate(pieces):
            lines += textwrap.wrap(piece, width, initial_indent=lead if n == 0 else hang,
                                   subsequent_indent=hang) or [lead.rstrip()]
    return newline.join(_paginate(lines, guideline, width)).encode() + newline.encode()


def _paginate(lines: list[str], guideline: _Guideline, width: int) -> list[str]:
    """Every PAGE_LINES lines a form feed and a header line, as printed-to-text files have."""
    title = _shorten(guideline.short_title, width - 12)
    out, start, page = [], 0, 1
    while start < len(lines):
        end = start + (PAGE_LINES if page == 1 else PAGE_LINES - 2)
        if end < len(lines) and set(lines[end]) in ({"="}, {"-"}):
            end -= 1  # an underline stays with its heading
        if page > 1:
            # The form feed counts as a character for tools that measure lines.
            out += [f"\f{title}{f'Page {page}'.rjust(width - 1 - len(title))}", ""]
        out += lines[start:end]
        start, page = end, page + 1
    return out


# --- Entry points --------------------------------------------------------------------------


def render(markdown: str, fmt: str, *, name: str = "") -> bytes:
    """``markdown`` laid out as a published ``fmt`` file ("pdf", "docx", "html" or "text")."""
    guideline = _guideline(markdown, name)
    if fmt == "pdf":
        return _pdf(guideline)
    if fmt == "docx":
        return _docx(guideline)
    if fmt == "html":
        return _html(markdown, guideline)
    if fmt == "text":
        return _text(guideline)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2:
        print("usage: python -m tests.support.documents OUTDIR FILE.md...", file=sys.stderr)
        return 2
    outdir = Path(args[0])
    outdir.mkdir(parents=True, exist_ok=True)
    totals = dict.fromkeys(FORMATS, 0.0)
    for file in map(Path, args[1:]):
        markdown = file.read_text(encoding="utf-8")
        for fmt in FORMATS:
            started = time.perf_counter()
            data = render(markdown, fmt, name=file.name)
            totals[fmt] += time.perf_counter() - started
            (outdir / f"{file.stem}{SUFFIXES[fmt]}").write_bytes(data)
    summary = ", ".join(f"{fmt} {seconds:.1f} s" for fmt, seconds in totals.items())
    print(f"{len(args) - 1} files in {sum(totals.values()):.1f} s ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
