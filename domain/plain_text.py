"""Structure of a plain-text export: headings, wrapped paragraphs and lists from layout alone.

Text exports carry no marks, only layout: headings in capitals or underlined with ``===`` /
``---`` or standing short and alone; paragraphs hard-wrapped at a fixed width; bullets
(``*``, ``-``, ``o``, ``•``) and numbers with the wrapped lines hanging under the text;
nesting by indentation; form feeds with a running header on every page. This module reads
that layout back into :class:`~domain.markdownish.Block` values.

Whether a line continues the one above or starts a new block is decided as a wrapping
program would have: a line was wrapped only when the next line's first word would not have
fitted after it. That keeps "- Independent Expert Panel" (a wrapped line that happens to
start with a dash) inside its paragraph and a short line before a new item out of it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from domain.hyphens import Vocabulary
from domain.markdownish import Block, escape

__all__ = ["text_blocks"]

_MARKER = re.compile(
    r"(?P<marker>[*\-+o•◦▪–·]|\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)"
    r"[.)])\s+(?=\S)"
)
_RULE = re.compile(r"^\s*([=\-_~*])\1{2,}\s*$")
_PAGE_NUMBER = re.compile(r"^\W*(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\W*$", re.I)
_SENTENCE_END = re.compile(r"[.,;:!?)\]]$")


@dataclass
class _Line:
    text: str  # without the indentation
    indent: int
    marker: str = ""  # list marker, when the line starts an item
    body_at: int = 0  # column where the text after the marker starts


@dataclass
class _Para:
    lines: list[_Line] = field(default_factory=list)
    underline: str = ""  # "=" or "-" when a rule follows


def text_blocks(text: str) -> list[Block]:
    """Blocks of a plain-text document (any newline convention, form feeds allowed)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").expandtabs(4)
    lines = raw.split("\n")
    width = max((len(line.rstrip()) for line in lines if "\f" not in line), default=80)
    lines = _without_page_furniture(lines, width)
    vocabulary = Vocabulary(lines)
    paras = _paragraphs(lines, width)
    return _blocks(paras, width, vocabulary)


def _without_page_furniture(lines: list[str], width: int) -> list[str]:
    """Drop form feeds and the header or footer line next to each one, when it repeats
    from page to page (digits aside) or is only a page number. The blank line that set it
    off goes too, so a paragraph broken by the page joins up again; one that ended at the
    foot of the page (its last line was not full) stays apart from the next. A rule right
    under a line of text at the foot of a page underlines that line, however many pages
    end alike."""
    if not any("\f" in line for line in lines):
        return lines
    heads: list[int] = []  # first line of each new page
    feet: list[int] = []  # last line before a form feed
    breaks: list[int] = []
    for i, line in enumerate(lines):
        if "\f" not in line:
            continue
        breaks.append(i)
        lines[i] = line.replace("\f", "")
        first = next((j for j in range(i, len(lines)) if lines[j].strip()), None)
        last = next((j for j in range(i - 1, -1, -1) if lines[j].strip()), None)
        if first is not None:
            heads.append(first)
        if last is not None:
            feet.append(last)
    drop: set[int] = set()
    for group, step in ((heads, 1), (feet, -1)):
        keys = Counter(_furniture_key(lines[i]) for i in group)
        for i in group:
            line = lines[i]
            if step < 0 and _RULE.match(line) and i and lines[i - 1].strip():
                continue  # the underline of a heading that ended the page
            if keys[_furniture_key(line)] >= 2 or _PAGE_NUMBER.match(line.strip()):
                drop.add(i)
                j = i + step
                if 0 <= j < len(lines) and not lines[j].strip():
                    drop.add(j)
    out: list[str] = []
    for i, line in enumerate(lines):
        if i in breaks and out and out[-1].strip():
            following = next((x for j, x in enumerate(lines[i:], i) if j not in drop), "")
            first_word = following.strip().split(" ", 1)[0]
            if following.strip() and len(out[-1].rstrip()) + 1 + len(first_word) <= width and (
                    len(following) - len(following.lstrip()) <= len(out[-1]) - len(
                        out[-1].lstrip())):
                out.append("")  # the page ended with a paragraph
        if i not in drop:
            out.append(line)
    return out


def _furniture_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _parse_line(line: str) -> _Line:
    stripped = line.lstrip(" ")
    indent = len(line) - len(stripped)
    text = stripped.rstrip()
    match = _MARKER.match(text)
    if match:
        return _Line(text[match.end():], indent, match.group("marker"), indent + match.end())
    return _Line(text, indent, body_at=indent)


def _paragraphs(lines: list[str], width: int) -> list[_Para]:
    """Runs of lines between blank lines, split again where a line was not wrapped; a rule
    line under a paragraph marks it as a heading instead of being text."""
    paras: list[_Para] = []
    current: _Para | None = None
    previous: _Line | None = None
    for raw in lines:
        if not raw.strip():
            current, previous = None, None
            continue
        rule = _RULE.match(raw)
        if rule:  # underlines a heading, or a separator on its own
            if current is not None and not current.underline:
                current.underline = rule.group(1)
            current, previous = None, None
            continue
        line = _parse_line(raw)
        if current is not None and previous is not None and _continues(previous, line, width):
            indent = len(raw) - len(raw.lstrip(" "))
            line = _Line(raw.strip(), indent, body_at=indent)  # not an item after all
            current.lines.append(line)
        else:
            current = _Para([line])
            paras.append(current)
        previous = line
    return paras


def _continues(previous: _Line, line: _Line, width: int) -> bool:
    """Whether ``line`` is the wrapped remainder of the text on ``previous``."""
    first = (line.marker + " " + line.text if line.marker else line.text).split(" ", 1)[0]
    end = previous.body_at + len(previous.text)
    if not line.marker:
        # Wrapped, or broken by hand (a hard line break), under the same text column.
        return line.indent >= previous.body_at or end + 1 + len(first) > width
    # A line that starts like an item is text only where the line above was full.
    return end + 1 + len(first) > width and line.indent in (previous.body_at, 0)


def _blocks(paras: list[_Para], width: int, vocabulary: Vocabulary) -> list[Block]:
    styles = _heading_styles(paras, width)
    texts = [_join([line.text for line in para.lines], vocabulary) for para in paras]
    texts = [f"{para.lines[0].marker} {text}" if style and para.lines[0].marker else text
             for para, style, text in zip(paras, styles, texts, strict=True)]
    levels = _HeadingLevels(styles, texts)
    out: list[Block] = []
    stack: list[tuple[int, int]] = []  # (marker indent, body column) of the open items
    for para, style, plain in zip(paras, styles, texts, strict=True):
        text = escape(plain)
        if style:
            out.append(Block("heading", text, level=levels.level(style)))
            if style != "short":
                stack = []  # a lone short line may be a minor heading inside a list item
            continue
        levels.body()
        first = para.lines[0]
        if first.marker:
            while stack and stack[-1][0] >= first.indent:
                stack.pop()
            stack.append((first.indent, first.body_at))
            out.append(Block("item", text, depth=len(stack), marker=_marker(first.marker)))
            continue
        while stack and first.indent < stack[-1][1]:
            stack.pop()
        out.append(Block("paragraph", text, depth=len(stack)))
    return out


def _marker(marker: str) -> str:
    """The item marker as the corpus writes it: numbers kept, letters after a dash."""
    core = marker.strip("().")
    if core[:1].isdigit():
        return core + "."
    if core[:1].isalpha() and len(marker) > 1:
        return f"- {core}."
    return "-"


def _join(lines: list[str], vocabulary: Vocabulary) -> str:
    """Unwrap: lines joined by spaces; a line-end hyphen stays, as text exports break
    lines only at spaces and after a compound's own hyphen."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and text[-2:-1].isalpha() and line[:1].isalpha():
            left = text[:-1].rsplit(" ", 1)[-1]
            text = text + line if not vocabulary.join(left, line, default=False) else (
                text[:-1] + line)
        else:
            text = f"{text} {line}"
    return text


def _heading_styles(paras: list[_Para], width: int) -> list[str]:
    """For each paragraph, how it is marked as a heading ("title", "upper", "=", "-",
    "short") or "" when it is body text."""
    styles: list[str] = []
    for i, para in enumerate(paras):
        first = para.lines[0]
        text = " ".join(line.text for line in para.lines)
        letters = [c for c in text if c.isalpha()]
        style = ""
        if para.underline:  # even "D. Treatment of PTSD": an underline makes a heading
            style = "=" if para.underline == "=" else "-"
        elif first.marker:
            style = ""
        elif len(letters) >= 3 and all(c.isupper() for c in letters) and len(para.lines) <= 3:
            centred = first.indent > 4 and abs(
                first.indent - (width - first.indent - len(first.text))) <= 3
            if i == 0 or (centred and not any(styles)
                          and all(not p.lines[0].marker for p in paras[:i])):
                style = "title"
            elif first.indent <= 1:
                style = "upper"
        elif len(para.lines) == 1 and first.indent <= 1 and _short_heading(first.text, width):
            style = "short"
        styles.append(style)
    styles = _sole_lines_as_text(styles)
    return _field_values_as_text(paras, styles)


def _sole_lines_as_text(styles: list[str]) -> list[str]:
    """A short line that is all there is between a heading and the next heading of the same
    or a higher rank is that section's text ("Adolescent and adult women, men, and couples"
    under "Target Population"): as a heading it would leave the section empty."""
    order = _HeadingLevels.ORDER
    out = list(styles)
    for i in range(1, len(styles) - 1):
        before, after = styles[i - 1], styles[i + 1]
        if (styles[i] == "short" and before not in ("", "short") and after not in ("", "short")
                and order.index(after) <= order.index(before)):
            out[i] = ""
    return out


# Summary fields that hold a value, never sub-headings: a lone short line right under one
# is its value ("Women who are planning or capable of pregnancy" under "Target Population").
_NGC_VALUE_FIELDS = frozenset({
    "disease/condition(s)", "guideline category", "clinical specialty", "intended users",
    "guideline objective(s)", "target population"})


def _field_values_as_text(paras: list[_Para], styles: list[str]) -> list[str]:
    out = list(styles)
    for i in range(1, len(styles)):
        field = _section_key(" ".join(line.text for line in paras[i - 1].lines))
        if styles[i] == "short" and styles[i - 1] and field in _NGC_VALUE_FIELDS:
            out[i] = ""
    return out


def _short_heading(text: str, width: int) -> bool:
    """A lone line without a sentence's end; near the full width only in title case ("Radio
    Frequency Denervation—Medical Branch Neurotomy/Facet Rhizotomy"), since a sentence's
    line that long is usually cut from a paragraph."""
    if not (0 < len(text) <= width and len(text.split()) <= 12
            and not _SENTENCE_END.search(text) and text[:1].isalnum()
            and (text[:1].isupper() or text[:1].isdigit())):
        return False
    return len(text) <= 0.8 * width or _title_case(text)


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z]+", text) if len(w) >= 4]
    return len(words) >= 2 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


# The National Guideline Clearinghouse summary layout: each of these sections holds the same
# sub-sections, once each, one level under it, in every summary; all but the recommendations
# hold nothing else, so another heading there belongs under one of them.
_NGC_SUBSECTIONS: dict[str, frozenset[str]] = {
    "scope": frozenset({
        "disease/condition(s)", "guideline category", "clinical specialty", "intended users",
        "guideline objective(s)", "target population", "interventions and practices considered",
        "major outcomes considered"}),
    "major recommendations": frozenset({
        "summary of recommendation and evidence", "summary of recommendations and evidence",
        "clinical considerations", "recommendation summary"}),
    "rating schemes for the evidence and recommendations": frozenset({
        "rating scheme for the strength of the evidence",
        "rating scheme for the strength of the recommendations"}),
    "benefits, harms and qualifying statements": frozenset({
        "potential benefits", "potential harms", "contraindications", "qualifying statements"}),
}
_NGC_OPEN_SECTIONS = frozenset({"major recommendations"})


def _section_key(text: str) -> str:
    return " ".join(text.split()).casefold()


class _HeadingLevels:
    """Levels by rank: the title, then capitals, ``===``, ``---`` and lone short lines, in
    that order, each style present taking the next level.

    Exports that underline two levels alike need other clues, as the order of appearance
    alone cannot tell a sub-heading from the next section. A known summary section's own
    sub-section ("Potential Harms" under "Benefits, Harms and Qualifying Statements") sits
    one level under it, and in the sections that hold nothing else any other heading goes
    under one of those; a heading that opens straight onto another of its style, with no
    text between, is the upper of the two and the one under it the lower; otherwise a
    heading keeps the level of the heading of its style before it, until a heading of a
    higher style comes.
    """

    ORDER = ("title", "upper", "=", "-", "short")

    def __init__(self, styles: list[str], texts: list[str]) -> None:
        self.levels: dict[str, int] = {}
        level = 0
        shared = ("=" in styles) != ("-" in styles)
        for style in self.ORDER:
            if style in styles or style == "title":
                level += 1
                self.levels[style] = level
                if shared and style in ("=", "-"):
                    level += 1  # room for the sub-headings found in the text
        self.shared = ("=" if "=" in styles else "-") if shared else ""
        self.lower = self._lower_headings(styles, texts)
        self.index = 0

    def _lower_headings(self, styles: list[str], texts: list[str]) -> set[int]:
        """Which headings of the shared underline style take the lower of its two levels."""
        if not self.shared:
            return set()
        shared_rank = self.ORDER.index(self.shared)
        lower: set[int] = set()
        section, section_shared, seen = "", False, set[str]()
        deeper = False
        for i, (style, text) in enumerate(zip(styles, texts, strict=True)):
            if not style or self.ORDER.index(style) > shared_rank:
                continue
            key = _section_key(text)
            if style != self.shared:
                section, section_shared, seen, deeper = key, False, set(), False
                continue
            above = styles[i - 1] == self.shared if i else False
            below = i + 1 < len(styles) and styles[i + 1] == self.shared
            closed = bool(seen) and section not in _NGC_OPEN_SECTIONS  # its own came first
            if key in _NGC_SUBSECTIONS:
                section, section_shared, seen, deeper = key, True, set(), False
            elif key in _NGC_SUBSECTIONS.get(section, ()) and key not in seen:
                seen.add(key)
                deeper = section_shared
            elif closed or (above and i - 1 not in lower):
                deeper = True  # under a closed section's sub-section, or right under a heading
            elif below:
                deeper = False
            if deeper:
                lower.add(i)
        return lower

    def level(self, style: str) -> int:
        """The level of the heading of ``style`` that is the next paragraph."""
        index, self.index = self.index, self.index + 1
        return self.levels[style] + (1 if index in self.lower else 0)

    def body(self) -> None:
        self.index += 1
