"""Words broken at a line end: join "recom-" + "mendation", keep "well-" + "known".

A hyphen at the end of a line is either the typesetter's (the word was split to fill the
line) or the word's own (a compound that happened to break there). Nothing on the line
tells them apart, but the rest of the document usually does: the same word is printed
elsewhere, whole or hyphenated. :class:`Vocabulary` counts the document's words once and
decides each break from them; only a word the document never prints again falls back to a
default (join in typeset PDFs, keep in plain-text exports, which do not hyphenate).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

__all__ = ["Vocabulary"]

_WORD = re.compile(r"\w+(?:[-\u2010'’]\w+)*")
_BREAK = re.compile(r"[-\u00ad\u2010\ufffe\x02][ \t]*\n[ \t]*")
_TAIL = re.compile(r"([^\W\d_]+)$")
_HEAD = re.compile(r"([^\W\d_]+)")


class Vocabulary:
    """How often each lower-cased word occurs in the document, and each part of a
    hyphenated one; lines are given in reading order, and the halves of words broken at a
    line end do not count."""

    def __init__(self, lines: Iterable[str]) -> None:
        # The halves of a word broken at a line end are glued into one token that no look-up
        # asks for ("recom_mendation"), so that neither counts as a word of its own.
        text = _BREAK.sub("_", "\n".join(lines).lower())
        self.words: Counter[str] = Counter(_WORD.findall(text))
        self.compound_parts: Counter[str] | None = None  # counted when first needed

    def seen(self, part: str) -> bool:
        """Whether ``part`` is printed as a word, alone or in a compound."""
        if self.words[part]:
            return True
        if self.compound_parts is None:
            self.compound_parts = Counter()
            for word in [w for w in self.words if "-" in w]:
                for piece in word.split("-"):
                    self.compound_parts[piece] += self.words[word]
        return bool(self.compound_parts[part])

    def join(self, left: str, right: str, default: bool = True) -> bool:
        """True when ``left-`` at a line end and ``right`` on the next line are one word
        without the hyphen. ``left`` and ``right`` are the letters either side."""
        words = left[-40:].split()
        head = _TAIL.search(words[-1]) if words else None
        tail = _HEAD.match(right)
        if head is None or tail is None:
            return False  # "COVID-" + "19", "-" + "(": a real hyphen or dash
        a, b = head.group(1).lower(), tail.group(1).lower()
        if right[:1].isupper() and not left[-1:].isupper():
            return False  # "non-" + "Hispanic"
        whole, compound = self.words[a + b], self.words[f"{a}-{b}"]
        if whole or compound:
            return whole >= compound
        if len(a) >= 3 and len(b) >= 3 and self.seen(a) and self.seen(b):
            return False  # two words the document prints on their own: "well-" "known"
        return default
