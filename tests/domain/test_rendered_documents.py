"""Corpus guidelines rendered as published files (tests/support/documents.py) stay faithful.

Extractors are measured on these files, so a word lost or added by the renderer would be
blamed on the extractor. Each format's body text is compared with the source twice: letter
by letter with the raw Markdown (independent of the renderer's parser), and character by
character, punctuation included, with the parsed blocks (only line-end hyphens may be
added). Then the layout features that make real files hard are checked: columns,
hyphenation, ligatures, running heads, direct-formatted headings, site chrome, hard wraps.
"""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

import pytest
from bs4 import BeautifulSoup
from docx import Document
from pypdf import PdfReader

from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.documents import FORMATS, blocks, render

# Grades in bold, ordered and nested lists, lettered items; Heading styles and direct
# formatting in Word; semantic and <div> minor headings on the web; LF and CRLF text.
FILES = [SMALL_GUIDELINE, "cdc-aphl_hiv-laboratory-testing-diagnosis_2014.md",
         "uspstf_copd-screening_2016.md"]
ORDERED_MARKER = re.compile(r"^\s*\d+[.)]\s", re.MULTILINE)
GRADE = re.compile(r"\(\*\*([^*]+)\*\*\)")
PAGE_W, PAGE_H = 612.0, 792.0  # US Letter
PDF_BULLETS = ("•", "–", "◦")
# Word and browsers number ordered items themselves: the numbers are not in their text.
PRINTS_NUMBERS = {"pdf": True, "docx": False, "html": False, "text": True}


def _letters(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if c.isalnum())


def _chars(text: str) -> str:
    """Printed characters but whitespace, case-folded (ligature glyphs become letters)."""
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


class Rendered:
    def __init__(self, name: str) -> None:
        self.name = name
        self.markdown = corpus_file(name).read_text(encoding="utf-8")
        self.files = {fmt: render(self.markdown, fmt, name=name) for fmt in FORMATS}

    def letters(self, fmt: str) -> str:
        markdown = self.markdown
        return _letters(markdown if PRINTS_NUMBERS[fmt] else ORDERED_MARKER.sub("", markdown))

    def chars(self, fmt: str) -> str:
        return _chars("".join(
            (b.marker if b.marker and (PRINTS_NUMBERS[fmt] or not b.numbered) else "") + b.text
            for b in blocks(self.markdown)))

    def body(self, fmt: str) -> str:
        """The body text of one format, furniture left out; PDF lines end with newlines."""
        data = self.files[fmt]
        if fmt == "pdf":
            return "".join(s[3] for s in _pdf_body(_pdf_spans(data)[1])
                           if s[3].strip() not in PDF_BULLETS)
        if fmt == "docx":
            return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
        if fmt == "html":
            article = BeautifulSoup(data, "html.parser").find("article")
            return article.get_text() if article else ""
        lines = data.decode().replace("\r\n", "\n").split("\n")
        return "\n".join(re.sub(r"^\s*[*o-]\s", "", line) for line in lines
                         if not line.startswith("\f") and set(line) not in ({"="}, {"-"}))


@pytest.fixture(scope="module", params=FILES)
def doc(request: pytest.FixtureRequest) -> Rendered:
    return Rendered(request.param)


Span = tuple[int, float, float, str, str]  # page, x, y, text, font


def _pdf_spans(data: bytes) -> tuple[PdfReader, list[Span]]:
    """Every text run drawn, in content-stream order, with where and in which font."""
    reader = PdfReader(io.BytesIO(data))
    spans: list[Span] = []
    for number, page in enumerate(reader.pages, start=1):
        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, number: int = number) -> None:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            spans.append((number, x, y, text, str((font or {}).get("/BaseFont", ""))))
        page.extract_text(visitor_text=visit)
    return reader, spans


def _pdf_body(spans: list[Span]) -> list[Span]:
    return [s for s in spans if 45 < s[2] < PAGE_H - 48 and s[3].strip()]


def _aligned(expected: str, pdf: str) -> str | None:
    """Where the PDF text departs from the expected characters, a hyphen at a line end
    being allowed; None when it does not."""
    lines = _chars(pdf.replace("\n", "\0")).replace("\0", "\n")
    i = j = 0
    while i < len(expected):
        if j < len(lines) and lines[j] == "\n":
            j += 1
        elif j < len(lines) and lines[j] == expected[i]:
            i, j = i + 1, j + 1
        elif lines[j:j + 2] == "-\n":
            j += 1
        else:
            return f"expected {expected[i:i + 40]!r}, got {lines[j:j + 40]!r}"
    return None if not lines[j:].strip() else f"extra {lines[j:j + 40]!r}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_character_is_kept_in_reading_order(doc: Rendered, fmt: str) -> None:
    body = doc.body(fmt)
    assert _letters(body) == doc.letters(fmt)
    if fmt == "pdf":
        assert _aligned(doc.chars(fmt), body) is None
    else:
        assert _chars(body) == doc.chars(fmt)


def test_the_pdf_is_a_two_column_typeset_document(doc: Rendered) -> None:
    reader, spans = _pdf_spans(doc.files["pdf"])
    pages = len(reader.pages)
    assert pages > 1
    assert [float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)] == [
        PAGE_W, PAGE_H]
    body = _pdf_body(spans)
    page_two = [x for page, x, _, _, _ in body if page == 2]
    left = [x for x in page_two if x < PAGE_W / 2]
    right = [x for x in page_two if x >= PAGE_W / 2]
    assert len(left) > 10 and len(right) > 10
    assert min(right) > PAGE_W / 2 + 5, "no text starts in the gutter"

    furniture = [s for s in spans if not 45 < s[2] < PAGE_H - 48]
    for page in range(1, pages + 1):
        assert f"Page {page} of {pages}" in [s[3].strip() for s in furniture if s[0] == page]
    running_head = "".join(s[3] for s in furniture if s[0] == pages)
    assert doc.markdown.splitlines()[0][2:12] in running_head

    text = "\n".join(page.extract_text() for page in reader.pages)
    assert re.search("[\ufb00-\ufb04]", text), "ligature glyphs are drawn"
    words = set(re.findall(r"[a-z]+", doc.markdown))
    hyphenated = [(head, tail) for head, tail in re.findall(r"([a-z]+)-\n([a-z]+)", text)
                  if head + tail in words and f"{head}-{tail}" not in doc.markdown]
    assert hyphenated, "words are hyphenated at line ends"

    bold = _letters("".join(s[3] for s in body if "Bold" in s[4]))
    for grade in GRADE.findall(doc.markdown):
        assert _letters(grade) in bold


def test_the_docx_has_word_structure(doc: Rendered) -> None:
    document = Document(io.BytesIO(doc.files["docx"]))
    paragraphs = document.paragraphs
    assert paragraphs[0].style is not None and paragraphs[0].style.name == "Title"

    def is_heading(paragraph: Any) -> bool:
        name = paragraph.style.name if paragraph.style is not None else ""
        direct = bool(paragraph.runs) and all(r.bold and r.font.size for r in paragraph.runs)
        return name.startswith("Heading") or direct

    headings = re.findall(r"^#{2,5} ", doc.markdown, re.MULTILINE)
    assert sum(map(is_heading, paragraphs)) == len(headings)
    numbered = [p for p in paragraphs if p.style is not None
                and p.style.name.startswith("List Number")]
    assert len(numbered) == len(ORDERED_MARKER.findall(doc.markdown))
    for grade in GRADE.findall(doc.markdown):
        assert any(r.bold and grade in r.text for p in paragraphs for r in p.runs)
    section = document.sections[0]
    assert section.header.paragraphs[0].text.strip()
    assert 'w:instr="PAGE"' in section.footer.paragraphs[0]._p.xml


def test_the_html_is_an_agency_page(doc: Rendered) -> None:
    page = doc.files["html"].decode()
    assert page.startswith("<!doctype html>")
    soup = BeautifulSoup(page, "html.parser")
    for selector in ("head title", "head style", "head script", "header nav a",
                     "nav.breadcrumb", "aside a", "footer a", "div#cookie-consent"):
        assert soup.select(selector), selector
    article = soup.find("article")
    assert article is not None and article.find("h1") is not None
    text = " ".join(article.get_text().split())
    sentences = [b.text for b in blocks(doc.markdown)
                 if b.kind != "heading" and "recommend" in b.text.lower()]
    assert sentences
    for sentence in sentences:
        assert " ".join(sentence.split()) in text
    strong = [s.get_text() for s in article.find_all("strong")]
    for grade in GRADE.findall(doc.markdown):
        assert grade in strong
    assert len(article.select("ol > li")) == len(ORDERED_MARKER.findall(doc.markdown))


def test_the_text_is_a_hard_wrapped_export(doc: Rendered) -> None:
    text = doc.files["text"].decode()
    lines = text.replace("\r\n", "\n").split("\n")
    assert max(map(len, lines)) <= 78
    assert "**" not in text and "#" not in text
    assert text.count("\f") >= len(lines) // 60 - 1
    title = doc.markdown.splitlines()[0][2:].split()
    assert title[0].upper() in lines[0]


def test_rendering_is_deterministic() -> None:
    markdown = corpus_file(SMALL_GUIDELINE).read_text(encoding="utf-8")
    for fmt in FORMATS:
        assert render(markdown, fmt, name="a.md") == render(markdown, fmt, name="a.md"), fmt


def test_markdown_becomes_printed_blocks() -> None:
    sample = (
        "# Title\n\n## Section **bold**\n\n"
        "Text with **bold**, *italic*, ***both***, a \\* star and [a link](http://x.org).\n\n"
        "- first\n    - nested\n- a. lettered\n\n3. third\n4. fourth\n\n5a. numbered paragraph\n"
        "\n28. - a. nested at once\n")
    parsed = blocks(sample)
    assert [(b.kind, b.level, b.depth, b.marker) for b in parsed] == [
        ("heading", 1, 0, ""), ("heading", 2, 0, ""), ("paragraph", 0, 0, ""),
        ("item", 0, 1, ""), ("item", 0, 2, ""), ("item", 0, 1, "a."),
        ("item", 0, 1, "3."), ("item", 0, 1, "4."), ("paragraph", 0, 0, ""),
        ("item", 0, 1, "28."), ("item", 0, 2, "a.")]
    text = parsed[2]
    assert text.text == "Text with bold, italic, both, a * star and a link."
    assert [(r.text, r.bold, r.italic) for r in text.runs if r.bold or r.italic] == [
        ("bold", True, False), ("italic", False, True), ("both", True, True)]
    assert parsed[5].text == "lettered" and parsed[8].text == "5a. numbered paragraph"
    assert parsed[6].numbered and parsed[6].starts_list and not parsed[7].starts_list
    with pytest.raises(ValueError):
        render(sample, "rtf")
