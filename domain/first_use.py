"""A medical term explained where the reader first meets it, not only in "Words to know".

The meaning comes from the page's own glossary entry (curated, with its source), cut to its
first clause so the sentence around it stays short. Only the first use on the reader's page
gets it, and only in running text: never in a heading, a table cell or a bold label.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from domain.model import GlossaryEntry

__all__ = ["define_at_first_use", "short_meaning"]

LONGEST = 10
"""A meaning longer than this many words is cut to its first clause."""
SEE_WORDS = "see Words to know"


def short_meaning(meaning: str) -> str:
    """The meaning as a short aside: its first sentence, then its first clause when that is
    still long; "see Words to know" when no clause is short enough."""
    said = re.split(r"(?<=[.!?])\s+", " ".join(meaning.split()), maxsplit=1)[0].rstrip(".")
    if len(said.split()) > LONGEST:
        clause = re.split(r"[:;,]\s+|\s+\(", said, maxsplit=1)[0]
        # "a substance, such as …": a clause that short says too little.
        said = clause if len(clause.split()) >= 4 else said
    if len(said.split()) > LONGEST + 4 or "(" in said or ")" in said:
        return SEE_WORDS
    return said


def _pattern(term: str) -> re.Pattern[str]:
    flags = 0 if re.search(r"[A-Z]", term) else re.IGNORECASE
    return re.compile(rf"(?<![\w/-]){re.escape(term)}(?![\w/-])", flags)


def _prose(line: str) -> bool:
    """A line of running text: not a heading, a table row or a rule."""
    s = line.lstrip()
    return bool(s) and not s.startswith(("#", "|", "---", ">"))


def _blocked(line: str, start: int, end: int) -> bool:
    """Inside bold (a label or title), inside brackets, right before a colon (a label) or
    already followed by brackets (explained, or spelled out, there)."""
    before = line[:start]
    if before.count("**") % 2 or before.count("(") > before.count(")"):
        return True
    return line[end:end + 1] == ":" or line[end:].lstrip().startswith("(")


def define_at_first_use(texts: list[str], entries: Iterable[GlossaryEntry]) -> list[str]:
    """The texts, in reading order, with each glossary term's first use in running text
    followed by its short meaning in brackets ("anti-HCV (antibodies to the hepatitis C
    virus)"). A longer term is matched before a shorter one inside it ("hepatitis B surface
    antigen" before "hepatitis B"), and a term already explained is left alone."""
    terms = sorted(entries, key=lambda e: -len(e.term))
    lines = [t.split("\n") for t in texts]
    taken: dict[tuple[int, int], list[tuple[int, int]]] = {}
    first: dict[str, tuple[int, int, int, int]] = {}
    met: set[str] = set()
    for entry in terms:
        pattern = _pattern(entry.term)
        for ti, text_lines in enumerate(lines):
            for li, line in enumerate(text_lines):
                for m in pattern.finditer(line):
                    spans = taken.setdefault((ti, li), [])
                    if any(s < m.end() and m.start() < e for s, e in spans):
                        continue
                    spans.append((m.start(), m.end()))
                    if entry.term in met:
                        continue
                    if _prose(line) and not _blocked(line, m.start(), m.end()):
                        first[entry.term] = (ti, li, m.start(), m.end())
                    # Met first in a heading or a table: the first use in running text is
                    # still where the reader reads a sentence with it.
                    if entry.term in first:
                        met.add(entry.term)
    glosses = {e.term: short_meaning(e.meaning) for e in terms}
    inserts: dict[tuple[int, int], list[tuple[int, str]]] = {}
    for term, (ti, li, _start, end) in first.items():
        inserts.setdefault((ti, li), []).append((end, f" ({glosses[term]})"))
    for (ti, li), adds in inserts.items():
        line = lines[ti][li]
        for end, gloss in sorted(adds, reverse=True):
            line = line[:end] + gloss + line[end:]
        lines[ti][li] = line
    return ["\n".join(text_lines) for text_lines in lines]
