"""From the printed lines of a PDF to headings, paragraphs and list items.

Typeset guidelines come in columns with running heads, justified and hyphenated, headings
set in a larger font and lists with hanging indents. The steps, each on geometry alone:

1. **Page furniture**: a line in the top or bottom band that recurs on other pages at the
   same height (digits aside) on half the pages or more is a running head or foot, when
   it is no larger than body text; so is a lone page number. Small lines above the
   running heads on a page without them (the first page's masthead) go too.
2. **Reading order**: a vertical gutter that no narrow line crosses splits a page into
   columns; lines that span it (a title) cut the page into bands, read top to bottom, each
   band column by column.
3. **Blocks**: a line continues the block above it when it follows at the usual line
   spacing and starts where that block's lines start (under the text of a list item, not
   its marker), or, across a column or page break, when the line before was full or
   unfinished. Lines in a larger font are headings, ranked by size, and a short paragraph
   all in bold is a heading below them; a line that starts with a bullet or a number is a
   list item, nested by how far its marker is indented.
4. **Text**: lines are joined with spaces; a line-end hyphen is dropped when the document's
   own words say the halves make one word; bold stretches are kept as ``**bold**``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from domain.hyphens import Vocabulary
from domain.markdownish import Block, bold_markup
from domain.pdf_lines import Line, Page

__all__ = ["pdf_blocks"]

_PAGE_NUMBER = re.compile(r"^[-–—\s]*(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$",
                          re.IGNORECASE)
_BAND = 0.1  # top and bottom tenth of the page hold running heads and feet
_HYPHENS = "-\ufffe\x02\u00ad\u2010"
_URL_ENDS = "/?=&#_.:-"
_BULLETS = frozenset("•◦▪▫●○■□‣⁃∙")
_FINISHED = re.compile(r"[.!?:;)\]\"”']$")
_TAIL_LETTERS = re.compile(r"[^\W\d_]+$")
_HEAD_LETTERS = re.compile(r"[^\W\d_]+")
_URL = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
_URL_PART = re.compile(r"[/._=?&%#\d]")


@dataclass
class _Segment:
    """Lines of one column (or one spanning band) of one page, top to bottom."""

    lines: list[Line]
    left: float
    right: float


@dataclass
class _Open:
    """The block being built."""

    kind: str  # heading | paragraph | item
    lines: list[Line]
    segment: _Segment
    marker: str = "-"
    offset: float = 0.0  # where its first line (an item: its marker) starts in the column
    indent: float = 0.0  # where continuation lines start, relative to the column
    text: str = ""


def pdf_blocks(pages: list[Page]) -> list[Block]:
    """The blocks of a document whose pages were read by :func:`domain.pdf_lines.read_pdf`."""
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return []
    body = _body_size(lines)
    _drop_furniture(pages, body)
    lines = [line for page in pages for line in page.lines]
    segments = [seg for page in pages for seg in _reading_order(page.lines, body)]
    _snap_column_edges(segments, body)
    return _Builder(segments, body, Vocabulary(line.text for line in lines)).blocks()


def _body_size(lines: list[Line]) -> float:
    """The font size of most of the text (in a long document, every third line is sample
    enough)."""
    sizes: Counter[float] = Counter()
    for line in lines if len(lines) < 300 else lines[::3]:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0]


# --- 1. page furniture ---------------------------------------------------------------------


_DIGITS = re.compile(r"\d+")


def _furniture_key(line: Line) -> tuple[int, str]:
    return round(line.base / 3), _DIGITS.sub("#", " ".join(line.text.lower().split()))


def _drop_furniture(pages: list[Page], body: float) -> None:
    """Running heads and feet: no larger than body text (a chapter heading that stands at
    the same height on every page stays), in the top or bottom band, recurring."""
    banded = []
    for page in pages:
        low, high = page.height * _BAND, page.height * (1 - _BAND)
        banded.append([x for x in page.lines
                       if (x.base > high or x.base < low) and x.size < body + 1.0])
    keys = [[_furniture_key(line) for line in lines] for lines in banded]
    seen: Counter[tuple[int, str]] = Counter()
    for page_keys in keys:
        seen.update(set(page_keys))
    repeated = max(2, (len(pages) + 1) // 2)  # on half the pages: not a section printed twice
    doomed: set[int] = set()
    heads: list[Line] = []
    for page, lines, page_keys in zip(pages, banded, keys, strict=True):
        for line, key in zip(lines, page_keys, strict=True):
            if seen[key] >= repeated:
                doomed.add(id(line))
                if line.base > page.height / 2:
                    heads.append(line)
            elif _PAGE_NUMBER.match(line.text):
                doomed.add(id(line))
    if heads and max(line.size for line in heads) < body:
        # A masthead above where the running heads stand on other pages (page one).
        lowest = min(line.base for line in heads) - 3
        size = max(line.size for line in heads) + 0.5
        doomed.update(id(x) for lines in banded for x in lines
                      if x.base >= lowest and x.size <= size)
    if doomed:
        for page in pages:
            page.lines = [line for line in page.lines if id(line) not in doomed]


# --- 2. reading order ----------------------------------------------------------------------


def _reading_order(lines: list[Line], body: float, page_width: float = 0.0) -> list[_Segment]:
    """Segments in reading order. A part narrower than half the page's text (one column
    of two) is not searched for columns again."""
    if not lines:
        return []
    left_edge, right_edge = min([x.x0 for x in lines]), max([x.x1 for x in lines])
    width = right_edge - left_edge
    gutter = _gutter(lines, body, left_edge, right_edge) if width > 0.55 * page_width else None
    if gutter is None:
        return [_Segment(_top_down(lines), left_edge, right_edge)]
    middle = (gutter[0] + gutter[1]) / 2
    left, right, spanning = [], [], []
    for x in lines:
        if x.x1 <= middle:
            left.append(x)
        elif x.x0 >= middle:
            right.append(x)
        else:
            spanning.append(x)
    if not spanning:
        return _reading_order(left, body, width) + _reading_order(right, body, width)
    out: list[_Segment] = []
    top = float("inf")
    for cut in [*_top_down(spanning), None]:
        floor = cut.base if cut is not None else float("-inf")
        out += _reading_order([x for x in left if floor < x.base <= top], body, width)
        out += _reading_order([x for x in right if floor < x.base <= top], body, width)
        if cut is not None:
            last = out[-1].lines[-1] if out else None
            if last is not None and last.x0 < middle < last.x1:
                out[-1].lines.append(cut)  # spanning lines in a row: one segment
                out[-1].right = max(out[-1].right, cut.x1)
            else:
                out.append(_Segment([cut], cut.x0, cut.x1))
            top = cut.base
    return out


def _top_down(lines: list[Line]) -> list[Line]:
    """Lines from the top of the page down (pdfium mostly gives them so already)."""
    previous = float("inf")
    for line in lines:
        if line.base > previous:
            return sorted(lines, key=lambda x: (-round(x.base, 1), x.x0))
        previous = line.base
    return lines


def _gutter(lines: list[Line], body: float, left: float,
            right: float) -> tuple[float, float] | None:
    """The widest vertical strip, away from the edges (``left`` and ``right``: where the
    lines start and end), that no narrow line of body text crosses (titles and headings may:
    they run across columns), when most lines are narrow and there are lines on both sides
    of it."""
    width = right - left
    if width <= 0:
        return None
    longest, largest = 0.6 * width, body + 0.45
    narrow = [x for x in lines if x.x1 - x.x0 < longest and x.size < largest]
    if len(narrow) < max(4, 0.5 * len(lines)):
        return None
    best: tuple[float, float] | None = None
    reach = left
    for x0, x1 in sorted([(x.x0, x.x1) for x in narrow]):
        if x0 > reach and (best is None or x0 - reach > best[1] - best[0]):
            best = (reach, x0)
        if x1 > reach:
            reach = x1
    if best is None or best[1] - best[0] < max(6.0, 0.6 * body):
        return None
    g0, g1 = best
    if not left + 0.15 * width < (g0 + g1) / 2 < right - 0.15 * width:
        return None
    if sum(x.x1 <= g0 + 1 for x in narrow) < 3 or sum(x.x0 >= g1 - 1 for x in narrow) < 3:
        return None
    return best


def _snap_column_edges(segments: list[_Segment], body: float) -> None:
    """A column's left edge is where it starts on the page that starts it furthest left,
    even on a page where it holds only list items (whose markers stand further in)."""
    edges: list[float] = []
    for left in sorted(seg.left for seg in segments):
        if not edges or left - edges[-1] > 3.5 * body:
            edges.append(left)
    for seg in segments:
        seg.left = max(edge for edge in edges if edge <= seg.left)


# --- 3 and 4. blocks and their text --------------------------------------------------------


class _Builder:
    def __init__(self, segments: list[_Segment], body: float, vocabulary: Vocabulary) -> None:
        self.segments = segments
        self.body = body
        self.vocabulary = vocabulary
        self.done: list[_Open] = []
        # One pass: which lines are headings (a larger font, bold or much larger), and the
        # usual distance between the baselines of body lines of one paragraph.
        found: list[float] = []
        sizes: set[float] = set()
        low, high, larger, much = body - 0.3, body + 0.3, body + 0.45, 1.15 * body
        widest = 3 * body
        for seg in segments:
            after_body, above = False, 0.0  # the line before: body size, its baseline
            for line in seg.lines:
                size = line.size
                if size >= larger and (line.bold or size >= much) and len(line.text) > 1:
                    line.heading = True
                    sizes.add(round(size * 4) / 4)
                elif after_body and low < size < high:
                    gap = round(above - line.base, 1)
                    if 0 < gap < widest:
                        found.append(gap)
                after_body, above = low < size < high, line.base
        gaps = Counter(found)  # in the order found: of gaps as common, the first found wins
        self.leading = gaps.most_common(1)[0][0] if gaps else 1.2 * body
        self.spacing = 1.12 * self.leading  # wider than this between lines: a new block
        self.heading_sizes = sorted(sizes, reverse=True)

    def blocks(self) -> list[Block]:
        current: _Open | None = None
        continues = self.continues
        for seg in self.segments:
            new_segment = True
            for line in seg.lines:
                if current is not None and continues(current, line, seg, new_segment):
                    current.lines.append(line)
                    if current.kind == "paragraph" and len(current.lines) == 2:
                        current.indent = line.x0 - current.segment.left  # lines after the first
                    new_segment = False
                    continue
                new_segment = False
                if current is not None:
                    self.close(current)
                current = self.open(line, seg)
        if current is not None:
            self.close(current)
        return self.nest()

    def open(self, line: Line, seg: _Segment) -> _Open:
        offset = line.x0 - seg.left
        if line.heading:
            return _Open("heading", [line], seg)
        if line.marker:
            return _Open("item", [line], seg, marker=_marker(line.marker), offset=offset,
                         indent=line.text_x - seg.left)
        return _Open("paragraph", [line], seg, offset=offset, indent=offset)

    def nest(self) -> list[Block]:
        """Blocks with list depths: markers indented alike are one level, ranked by indent;
        a paragraph indented like the text of the item above it continues that item."""
        levels: list[float] = []
        for offset in sorted(b.offset for b in self.done if b.kind == "item"):
            if not levels or offset - levels[-1] > 2.5:
                levels.append(offset)
        out: list[Block] = []
        open_items: list[tuple[float, int]] = []  # (text indent, depth) of items above
        for block in self.done:
            if block.kind == "heading":
                size = round(block.lines[0].size * 4) / 4
                level = self.heading_sizes.index(size) + 1 if size in self.heading_sizes else 6
                out.append(Block("heading", block.text, level=min(level, 6)))
                open_items = []
            elif block.kind == "item":
                depth = next((n for n, at in enumerate(levels, 1) if block.offset <= at + 2.5),
                             len(levels))
                open_items = [(i, d) for i, d in open_items if d < depth] + [
                    (block.indent, depth)]
                out.append(Block("item", block.text, depth=depth, marker=block.marker))
            elif _bold_heading(block):
                level = min(len(self.heading_sizes) + 1, 6)  # under the larger headings
                out.append(Block("heading", block.text.replace("**", ""), level=level))
                open_items = []
            else:
                depth = 0
                if block.offset >= 0.5 * self.body:
                    depth = next((d for i, d in reversed(open_items)
                                  if abs(i - block.offset) < 2.5), 0)
                if not depth:
                    open_items = []
                out.append(Block("paragraph", block.text, depth=depth))
        return out

    def continues(self, block: _Open, line: Line, seg: _Segment, new_segment: bool) -> bool:
        last = block.lines[-1]
        heading = line.heading
        if block.kind == "heading":  # a heading's lines stand right under each other
            return (abs(line.size - last.size) < 0.3 and line.bold == last.bold
                    and abs(line.x0 - block.lines[0].x0) < 2.5
                    and 0 < last.base - line.base < 1.6 * line.size)
        if heading or abs(line.size - last.size) > 0.6 or line.marker[:1] in _BULLETS:
            return False  # a bullet glyph always starts an item; a number or dash may not
        offset = line.x0 - seg.left
        if not new_segment:
            gap = last.base - line.base
            if gap <= 0 or gap > self.spacing * (line.size / self.body if line.size > self.body
                                                 else 1.0):
                return False
            if last.bold and not line.some_bold and last.x1 < seg.right - 0.15 * (
                    seg.right - seg.left):
                return False  # a short line in bold over plain text: a run-in heading
            if block.kind == "item":
                return abs(offset - block.indent) < 2.5 and not (
                    line.marker and line.x0 < line.text_x - 1 and offset < block.indent - 2.5)
            if len(block.lines) == 1:
                # The first line may be indented; the others start at or left of it.
                return -3 * self.body < offset - block.indent < 2.5 and not (
                    line.marker and offset > block.indent + 1)
            return abs(offset - block.indent) < 2.5
        # Across a column or page break.
        if line.marker and (block.kind != "item" or offset < block.indent - 2.5):
            return False
        # The line before the break was full (justified), broken inside a word, or a
        # sentence stopped short of the margin that goes on in lower case.
        width = block.segment.right - block.segment.left
        full = last.x1 >= block.segment.right - max(2.0, 0.02 * width)
        if not (full or last.text[-1:] in _HYPHENS or (not _FINISHED.search(last.text) and (
                line.text[:1].islower() or last.x1 >= block.segment.right - 0.15 * width))):
            return False
        return abs(offset - block.indent) < 2.5 or (block.kind == "paragraph" and len(
            block.lines) == 1 and -3 * self.body < offset - block.indent < 2.5)

    def close(self, block: _Open) -> None:
        """The block's text: its lines joined, broken words mended, bold marked."""
        lines = block.lines
        first = lines[0].runs
        if block.kind == "item":
            first = _without_marker(first, lines[0].marker)
        if block.kind == "heading" or not any(line.some_bold for line in lines):
            text = (first[0][0] if len(first) == 1 else "".join([t for t, _ in first])).strip()
            before = lines[0]
            for line in lines[1:]:
                end = before.text[-1:]  # _broken, written out: it runs for every line
                if end and (end in _HYPHENS or ((end.isalnum() or end in _URL_ENDS)
                            and _long_token(before.text))):
                    text = self.joined(text, line.text, before, lines)
                else:
                    text += " " + line.text
                before = line
            if block.kind == "heading":
                text = " ".join(text.split())
        else:
            runs = list(first)
            for before, line in pairwise(lines):
                last, bold = runs[-1]
                while not last.strip() and len(runs) > 1:
                    runs.pop()
                    last, bold = runs[-1]
                following = line.runs[0][0]
                joined = self.joined(last.rstrip(), following, before, lines)
                runs[-1] = (joined[: len(joined) - len(following)], bold)
                runs += line.runs
            text = bold_markup(runs)
        block.text = text.replace("\ufffe", "-").replace("\x02", "-")
        self.done.append(block)

    def full(self, line: Line, lines: list[Line]) -> bool:
        """Whether ``line`` ends within a letter's width of the widest line of its block in
        the same column: it was broken because the next word did not fit."""
        right = max(x.x1 for x in lines if x.page == line.page and abs(x.x0 - line.x0) < 30)
        return line.x1 >= right - 0.8 * self.body

    def joined(self, text: str, following: str, before: Line, lines: list[Line]) -> str:
        """``text`` (ending with line ``before`` of ``lines``) and the next line: a space
        between, or the halves of a broken word (hyphenated, or, on a full line, a web
        address or a word too long for the line)."""
        end = text[-1:]
        if end and end in _HYPHENS and text[-2:-1].isalpha() and following[:1].isalpha():
            left = text[:-1]
            whole = self.vocabulary.join(left[-40:], following[:40], default=True)
            return (left if whole else left + "-") + following
        if not (end.isalnum() or end in _URL_ENDS) or not _long_token(text):
            return f"{text} {following}"
        full = self.full(before, lines)
        if not (full or end in _URL_ENDS):
            return f"{text} {following}"
        token = text[-200:].split()[-1]
        head = following.split(None, 1)[0] if following.strip() else ""
        address = _URL.search(token + head)
        if address and address.start() < len(token) and (
                end in _URL_ENDS or _URL_PART.search(head)):
            return text + following  # a web address broken at the margin
        if full and end.isalpha() and following[:1].isalpha() and (
                "/" in token or len(token) >= 20):
            # A word too long for the line, broken where it met the margin.
            letters, rest = _TAIL_LETTERS.search(token), _HEAD_LETTERS.match(following)
            if letters and rest and self.vocabulary.seen((letters.group() + rest.group()).lower()):
                return text + following
        return f"{text} {following}"


def _bold_heading(block: _Open) -> bool:
    """A short paragraph of body-size text all in bold, not ending like a sentence: a
    heading set in the body font."""
    lines = block.lines
    return (len(lines) <= 2 and all(line.bold for line in lines)
            and len(block.text.split()) <= 12 and block.text[-1:] not in ".:;,"
            and not block.text.endswith(("**:", "**.", "**;", "**,")))


def _broken(text: str) -> bool:
    """Whether a line may end inside a word: with a hyphen, or inside a token too long to
    fit a line (web addresses, paths, slash-joined words)."""
    end = text[-1:]
    if not end or end in _HYPHENS:
        return bool(end)
    return (end.isalnum() or end in _URL_ENDS) and _long_token(text)


def _long_token(text: str) -> bool:
    """Whether the last token of a line is long, a path or a web address (or the start of
    one: "htt", "(ww")."""
    tail = text[-25:]
    space = tail.rfind(" ")
    if space < 0:
        return True
    token = tail[space + 1:]
    if "/" in token or "www" in token or "htt" in token:
        return True
    start = token.lstrip("(<[\"'").lower() if len(token) <= 6 else ""
    return bool(start) and ("www.".startswith(start) or "https".startswith(start))


def _without_marker(runs: list[tuple[str, bool]], marker: str) -> list[tuple[str, bool]]:
    """The runs of an item's first line without its printed marker."""
    out = []
    skip = len(marker)
    for text, bold in runs:
        if skip:
            stripped = text.lstrip()
            cut = min(skip, len(stripped))
            skip -= cut
            text = stripped[cut:]
            if skip == 0:
                text = text.lstrip()
        if text:
            out.append((text, bold))
    return out


def _marker(marker: str) -> str:
    """The marker as the corpus writes it: numbers kept, letters after a dash, bullets as a
    dash."""
    core = marker.strip("().")
    if core[:1].isdigit():
        return core + "."
    if core[:1].isalpha():
        return f"- {core}."
    return "-"
