"""Fast whole-word phrase lookup for the lexicon.

A regular expression with hundreds of alternatives is slow in Python's ``re``; looking up
word n-grams in a dict is linear in the text. Words are runs of letters, digits, hyphens and
apostrophes; a phrase matches only across single spaces (or a slash, where the phrase has one:
"anti-HIV 1/2"), case-insensitively, longest first.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")


class TermMatcher:
    def __init__(self, terms: Iterable[str]) -> None:
        self.terms = {t.lower() for t in terms}
        # Longest phrase starting with each first word: most words start none.
        self.starts: dict[str, int] = {}
        for t in self.terms:
            words = _TOKEN.findall(t) if "/" in t else t.split()
            first, n = words[0], len(words)
            self.starts[first] = max(n, self.starts.get(first, 0))
        self._found: dict[str, tuple[tuple[int, int, str], ...]] = {}

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term) of each non-overlapping match, left to right; kept per text,
        as a page's blocks are looked up again by each check."""
        known = self._found.get(text)
        if known is None:
            if len(self._found) >= 8192:
                self._found.clear()
            known = self._found[text] = tuple(self._find(text))
        return list(known)

    def _find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term) of each non-overlapping match, left to right.

        The words are lowered in one go and only those starting a phrase are looked at
        further: most words of a page start none, and this runs on every block of it."""
        found = _TOKEN.findall(text)
        if not found:
            return []
        # Tokens hold no line break, so joined by one they lower and split back one to one.
        lowered = "\n".join(found).lower().split("\n")
        hits = [i for i, w in enumerate(lowered) if w in self.starts]
        if not hits:
            return []
        spans = [m.span() for m in _TOKEN.finditer(text)]
        out: list[tuple[int, int, str]] = []
        following = 0  # the first token not inside a match already found
        for i in hits:
            if i < following:
                continue
            longest = min(self.starts[lowered[i]], len(spans) - i)
            joined = 1  # the words from i on that follow each other by one space or slash
            while joined < longest:
                gap = spans[i + joined - 1][1]
                if spans[i + joined][0] - gap != 1 or text[gap] not in " /":
                    break
                joined += 1
            for n in range(joined, 0, -1):
                start, end = spans[i][0], spans[i + n - 1][1]
                phrase = text[start:end].lower()
                if phrase in self.terms:
                    out.append((start, end, phrase))
                    following = i + n
                    break
        return out

    def sub(self, text: str, replace: Callable[[str, str], str]) -> str:
        """Replace each match with ``replace(matched_text, term)``."""
        parts = []
        last = 0
        for start, end, term in self.find(text):
            parts.append(text[last:start])
            parts.append(replace(text[start:end], term))
            last = end
        parts.append(text[last:])
        return "".join(parts)
