"""The one text shape that every extractor writes and the parser reads.

Extractors of PDF, DOCX, HTML and plain text each recover the same things from very
different files: headings with their level, paragraphs, list items with their depth and
printed marker, table rows. They describe them as :class:`Block` values and let
:func:`write` lay them out exactly as the corpus Markdown does, so that the parser sees one
shape whatever the upload was:

* ``## Heading`` with a blank line on either side;
* a paragraph on one line, blank lines around it;
* list items as ``- text``, ``3. text`` or ``- a. text``, nested 4 spaces per level, with
  no blank line between the items of one list; a later paragraph of an item is indented;
* a table as one ``- Header: cell | Header: cell`` line per row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["Block", "bold_markup", "clean_inline", "escape", "write"]

INDENT = "    "


@dataclass
class Block:
    kind: str
    """``heading``, ``paragraph``, ``item`` or ``row``."""
    text: str
    level: int = 0
    """Heading level, 1-6."""
    depth: int = 0
    """List nesting: 1 for a top-level item; a paragraph with a depth continues an item."""
    marker: str = "-"
    """Printed marker of an item: ``-``, ``3.`` or ``- a.``."""


def write(blocks: Iterable[Block]) -> str:
    """The blocks as Markdown-ish text (see the module docstring)."""
    out: list[str] = []
    previous = ""
    for block in blocks:
        text = clean_inline(block.text)
        if not text:
            continue
        kind = block.kind
        listed = kind in ("item", "row")
        if out and not (listed and previous in ("item", "row")):
            out.append("")
        if kind == "heading":
            out.append("#" * min(max(block.level, 1), 6) + " " + text)
        elif kind == "item":
            out.append(INDENT * max(block.depth - 1, 0) + f"{block.marker} {text}")
        elif kind == "row":
            out.append(f"- {text}")
        else:
            if text.startswith("#"):
                text = "\\" + text  # a paragraph, not a heading
            out.append(INDENT * block.depth + text)
        previous = kind
    return "\n".join(out) + "\n" if out else ""


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_EMPTY_BOLD = re.compile(r"\*\*(\s*)\*\*")
_LIGATURES = {0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl",
              0xFB05: "st", 0xFB06: "st"}
_INVISIBLE = {0x00AD: None, 0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None,
              0xFEFF: None, 0xFFFE: None, 0x0000: None}


_UNUSUAL = re.compile(
    "[\ufb00-\ufb06\u00ad\u200b-\u200d\u2060\ufeff\ufffe\x00\r\n\t\u00a0"
    "\u2000-\u200a\u202f\u205f\u3000]|  |\\*\\*\\s*\\*\\*")


def clean_inline(text: str) -> str:
    """One line of text: ligature glyphs as letters, invisible characters gone, runs of
    spaces (of any width) as one space, no line breaks."""
    if _UNUSUAL.search(text) is None:  # the common case, checked in one scan
        return text.strip()
    text = _EMPTY_BOLD.sub(r"\1", text.translate(_LIGATURES).translate(_INVISIBLE))
    return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()


def escape(text: str) -> str:
    """Printed asterisks as the parser reads them: ``\\*``, not emphasis."""
    return text.replace("*", "\\*")


def bold_markup(runs: Sequence[tuple[str, bool]]) -> str:
    """Runs of (text, bold) as one string with ``**`` around each stretch of bold words.

    Spaces at the edges of a bold stretch go outside the marks (``**B** x``, never
    ``**B **x``), and stretches that hold no letter or digit are not marked.
    """
    texts: list[str] = []
    bolds: list[bool] = []
    for text, bold in runs:
        if not text:
            continue
        if texts and (bolds[-1] == bold or not text.strip()):
            texts[-1] += text  # a space between two stretches joins the first
        else:
            texts.append(text)
            bolds.append(bold)
    parts = []
    for raw, bold in zip(texts, bolds, strict=True):
        text = escape(raw)
        if not bold or not any(c.isalnum() for c in text):
            parts.append(text)
            continue
        core = text.strip()
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()):]
        parts.append(f"{lead}**{core}**{trail}")
    return "".join(parts)
