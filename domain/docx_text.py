"""Structure of a Word document: headings by style or by look, numbered lists, bold, tables.

Authors mark headings two ways: with Heading styles (or an outline level), and by hand, as
a short paragraph in bold or a larger font. Both are headings here; the hand-made ones are
ranked by font size below the deepest styled level. List items get the number Word would
print (from the numbering definitions: format, start, restarts), their nesting from the
list level or the List style's number, and "List Continue" paragraphs that begin with a
letter ("a. …") are lettered items. Tables are read in body order, one line per row.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from domain.markdownish import Block, bold_markup

__all__ = ["docx_blocks"]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LETTERED = re.compile(r"^\s*\(?([a-zA-Z]|[ivx]{1,4})[.)]\s+")
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{W}instrText", f"{W}delText"}
_DEFAULT_SIZE = 22  # half-points: Word's 11 pt


def _on(element: Any) -> bool | None:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``), or None when absent."""
    if element is None:
        return None
    return str(element.get(f"{W}val", "true")).lower() not in ("0", "false", "off", "none")


def _val(element: Any, default: str = "") -> str:
    return default if element is None else str(element.get(f"{W}val", default))


@dataclass
class _Style:
    name: str = ""
    based_on: str = ""
    outline: int | None = None
    num_id: str = ""
    ilvl: int | None = None
    bold: bool | None = None
    size: int | None = None


class _Styles:
    """Paragraph and character styles, with what they inherit resolved on demand."""

    def __init__(self, element: Any) -> None:
        self.styles: dict[str, _Style] = {}
        self.default_size = _DEFAULT_SIZE
        self.default_id = ""
        if element is None:
            return
        size = element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}sz")
        if size is not None and _val(size).isdigit():
            self.default_size = int(_val(size))
        for style in element.iterfind(f"{W}style"):
            sid = str(style.get(f"{W}styleId", ""))
            if style.get(f"{W}default") in ("1", "true") and style.get(
                    f"{W}type") == "paragraph":
                self.default_id = sid
            ppr, rpr = style.find(f"{W}pPr"), style.find(f"{W}rPr")
            entry = _Style(name=_val(style.find(f"{W}name")),
                           based_on=_val(style.find(f"{W}basedOn")))
            if ppr is not None:
                outline = _val(ppr.find(f"{W}outlineLvl"))
                entry.outline = int(outline) if outline.isdigit() else None
                entry.num_id = _val(ppr.find(f"{W}numPr/{W}numId"))
                ilvl = _val(ppr.find(f"{W}numPr/{W}ilvl"))
                entry.ilvl = int(ilvl) if ilvl.isdigit() else None
            if rpr is not None:
                entry.bold = _on(rpr.find(f"{W}b"))
                size = _val(rpr.find(f"{W}sz"))
                entry.size = int(size) if size.isdigit() else None
            self.styles[sid] = entry

    def get(self, sid: str, attribute: str) -> Any:
        """An attribute of the style or of the nearest style it is based on."""
        seen = set()
        while sid and sid not in seen:
            seen.add(sid)
            style = self.styles.get(sid)
            if style is None:
                return None
            value = getattr(style, attribute)
            if value not in (None, ""):
                return value
            sid = style.based_on
        return None

    def name(self, sid: str) -> str:
        style = self.styles.get(sid)
        return style.name if style is not None else sid


@dataclass
class _Level:
    fmt: str = "decimal"
    start: int = 1


@dataclass
class _Numbering:
    """The numbering definitions and the counters of the lists met so far."""

    abstract_of: dict[str, str] = field(default_factory=dict)
    overrides: dict[tuple[str, int], int] = field(default_factory=dict)
    levels: dict[tuple[str, int], _Level] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    started: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def read(cls, element: Any) -> _Numbering:
        numbering = cls()
        if element is None:
            return numbering
        for abstract in element.iterfind(f"{W}abstractNum"):
            aid = str(abstract.get(f"{W}abstractNumId", ""))
            for lvl in abstract.iterfind(f"{W}lvl"):
                ilvl = str(lvl.get(f"{W}ilvl", "0"))
                start = _val(lvl.find(f"{W}start"), "1")
                numbering.levels[(aid, int(ilvl) if ilvl.isdigit() else 0)] = _Level(
                    _val(lvl.find(f"{W}numFmt"), "decimal"),
                    int(start) if start.isdigit() else 1)
        for num in element.iterfind(f"{W}num"):
            nid = str(num.get(f"{W}numId", ""))
            numbering.abstract_of[nid] = _val(num.find(f"{W}abstractNumId"))
            for override in num.iterfind(f"{W}lvlOverride"):
                ilvl = str(override.get(f"{W}ilvl", "0"))
                start = _val(override.find(f"{W}startOverride"))
                if start.isdigit() and ilvl.isdigit():
                    numbering.overrides[(nid, int(ilvl))] = int(start)
        return numbering

    def marker(self, num_id: str, ilvl: int) -> str:
        """The printed marker of the next item of list ``num_id`` at level ``ilvl``."""
        aid = self.abstract_of.get(num_id, "")
        level = self.levels.get((aid, ilvl), _Level())
        if level.fmt in ("bullet", "none", ""):
            return "-"
        key = (aid, ilvl)
        override = self.overrides.get((num_id, ilvl))
        if override is not None and (num_id, ilvl) not in self.started:
            self.counters[key] = override - 1  # this list instance restarts
        self.started.add((num_id, ilvl))
        number = self.counters.get(key, level.start - 1) + 1
        self.counters[key] = number
        for deeper in [k for k in self.counters if k[0] == aid and k[1] > ilvl]:
            del self.counters[deeper]  # a new item restarts the levels under it
        if level.fmt in ("lowerLetter", "upperLetter"):
            letter = chr(ord("a") + (number - 1) % 26)
            return f"- {letter.upper() if level.fmt == 'upperLetter' else letter}."
        if level.fmt in ("lowerRoman", "upperRoman"):
            roman = _roman(number)
            return f"- {roman.upper() if level.fmt == 'upperRoman' else roman}."
        return f"{number}."


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out, number = out + letters, number - value
    return out


@dataclass
class _Para:
    """One body paragraph as read, before headings made by hand are ranked."""

    runs: list[tuple[str, bool]]
    style: str
    level: int = 0  # heading level from its style or outline level
    num: tuple[str, int] | None = None
    list_depth: int = 0  # from a List style's number ("List Bullet 2")
    size: int = _DEFAULT_SIZE  # the largest font size of its text, in half-points

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.runs)

    @property
    def all_bold(self) -> bool:
        return all(bold for text, bold in self.runs if text.strip())


def docx_blocks(document: Any) -> list[Block]:
    """Blocks of a python-docx ``Document``, in body order."""
    styles = _Styles(document.styles.element)
    try:
        numbering = _Numbering.read(document.part.numbering_part.element)
    except (KeyError, NotImplementedError, AttributeError):
        numbering = _Numbering()
    items: list[_Para | list[str]] = []
    for element in _body_elements(document.element.body):
        if element.tag == f"{W}p":
            items.append(_read_paragraph(element, styles))
        else:
            items.append(_read_table(element))
    return _rank(items, styles, numbering)


def _body_elements(body: Any) -> Iterator[Any]:
    """Paragraphs and tables in reading order, content controls opened up."""
    for child in body:
        if child.tag in (f"{W}p", f"{W}tbl"):
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _body_elements(content)


def _read_paragraph(p: Any, styles: _Styles) -> _Para:
    ppr = p.find(f"{W}pPr")
    sid = _val(ppr.find(f"{W}pStyle")) if ppr is not None else ""
    sid = sid or styles.default_id
    style_bold = bool(styles.get(sid, "bold"))
    style_size = styles.get(sid, "size") or styles.default_size
    runs: list[tuple[str, bool]] = []
    largest = 0
    for run in p.iter(f"{W}r"):
        if any(a.tag in _SKIPPED for a in run.iterancestors()):
            continue
        rpr = run.find(f"{W}rPr")
        bold, size = None, None
        if rpr is not None:
            bold = _on(rpr.find(f"{W}b"))
            char_style = _val(rpr.find(f"{W}rStyle"))
            if bold is None and char_style:
                bold = styles.get(char_style, "bold")
            sz = _val(rpr.find(f"{W}sz"))
            size = int(sz) if sz.isdigit() else None
        text = _run_text(run)
        if text.strip():
            largest = max(largest, size or style_size)
        runs.append((text, bool(style_bold if bold is None else bold)))
    para = _Para(runs, styles.name(sid), size=largest or style_size)
    para.level = _style_level(para.style, sid)
    outline = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    outline_level = _val(outline) if outline is not None else styles.get(sid, "outline")
    if not para.level and str(outline_level).isdigit() and int(str(outline_level)) < 9:
        para.level = int(str(outline_level)) + 1
    num_id = _val(ppr.find(f"{W}numPr/{W}numId")) if ppr is not None else ""
    ilvl = _val(ppr.find(f"{W}numPr/{W}ilvl")) if ppr is not None else ""
    num_id = num_id or styles.get(sid, "num_id") or ""
    if num_id and num_id != "0":
        level = int(ilvl) if ilvl.isdigit() else styles.get(sid, "ilvl") or 0
        para.num = (num_id, level)
    match = re.match(r"List(?: Bullet| Number| Continue| Paragraph)?(?: (\d))?$", para.style)
    if match:
        para.list_depth = int(match.group(1) or 1)
    return para


def _run_text(run: Any) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}br", f"{W}cr"):
            parts.append(" ")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
    return "".join(parts)


def _style_level(name: str, sid: str) -> int:
    if name.lower() == "title" or sid.lower() == "title":
        return -1  # the title: level 1, and headings under it move one down
    match = re.match(r"(?:heading|überschrift|titre|titolo|título)\s*(\d)$", name, re.I)
    match = match or re.match(r"heading(\d)$", sid, re.I)
    return int(match.group(1)) if match else 0


def _read_table(tbl: Any) -> list[str]:
    """One line per row; the first row names the columns when it reads like a header."""
    rows = []
    for tr in tbl.iter(f"{W}tr"):
        if tr.getparent() is not tbl:
            continue  # a row of a table nested in a cell
        cells = []
        for tc in tr.iterfind(f"{W}tc"):
            text = " ".join("".join(_run_text(r) for r in p.iter(f"{W}r")).strip()
                            for p in tc.iter(f"{W}p"))
            cells.append(" ".join(text.split()))
        if any(cells):
            rows.append(cells)
    if not rows:
        return []
    header: list[str] = []
    first = rows[0]
    if len(rows) > 1 and len(first) > 1 and all(c and len(c.split()) <= 8 for c in first):
        header, rows = first, rows[1:]
    lines = []
    for cells in rows:
        parts = [f"{header[i]}: {cell}" if i < len(header) else cell
                 for i, cell in enumerate(cells) if cell]
        lines.append(" | ".join(dict.fromkeys(parts)))
    return lines


def _rank(items: list[_Para | list[str]], styles: _Styles, numbering: _Numbering) -> list[Block]:
    """Blocks with heading levels settled: styled headings move down one under a Title;
    headings made by hand rank by size below the deepest styled one."""
    paras = [p for p in items if isinstance(p, _Para)]
    body: Counter[int] = Counter()
    for p in paras:
        if not p.level and p.num is None:
            body[p.size] += len(p.text)
    body_size = body.most_common(1)[0][0] if body else styles.default_size
    has_title = any(p.level == -1 for p in paras)
    shift = 1 if has_title else 0
    styled = [p.level + shift for p in paras if p.level > 0]
    deepest = max(styled, default=1 if has_title else 0)
    made = [p for p in paras if _made_heading(p, body_size)]
    sizes = sorted({p.size for p in made}, reverse=True)
    blocks: list[Block] = []
    made_ids = {id(p) for p in made}
    for item in items:
        if isinstance(item, list):
            blocks.extend(Block("row", line) for line in item)
            continue
        text = item.text
        if not text.strip():
            continue
        if item.level:
            level = 1 if item.level == -1 else item.level + shift
            blocks.append(Block("heading", text, level=min(level, 6)))
        elif id(item) in made_ids:
            level = deepest + 1 + sizes.index(item.size)
            blocks.append(Block("heading", text, level=min(level, 6)))
        elif item.num is not None:
            marker = numbering.marker(*item.num)
            depth = max(item.num[1] + 1, item.list_depth)
            blocks.append(Block("item", bold_markup(item.runs), depth=depth, marker=marker))
        elif item.list_depth and "Continue" in item.style:
            lettered = _LETTERED.match(text)
            if lettered:
                runs = _drop_prefix(item.runs, lettered.end())
                blocks.append(Block("item", bold_markup(runs), depth=item.list_depth,
                                    marker=f"- {lettered.group(1)}."))
            else:
                blocks.append(Block("paragraph", bold_markup(item.runs), depth=item.list_depth))
        elif item.list_depth:
            blocks.append(Block("item", bold_markup(item.runs), depth=item.list_depth))
        else:
            blocks.append(Block("paragraph", bold_markup(item.runs)))
    return blocks


def _made_heading(p: _Para, body_size: int) -> bool:
    """A heading made by hand: a short paragraph on its own, all bold or in a larger font,
    not in a list, not ending like a sentence."""
    text = " ".join(p.text.split())
    if p.level or p.num is not None or p.list_depth or not text:
        return False
    if len(text.split()) > 20 or re.search(r"[.,;:]$", text):
        return False
    return p.all_bold or p.size >= body_size + 2


def _drop_prefix(runs: list[tuple[str, bool]], length: int) -> list[tuple[str, bool]]:
    out = []
    for text, bold in runs:
        if length >= len(text):
            length -= len(text)
            continue
        out.append((text[length:], bold))
        length = 0
    return out
