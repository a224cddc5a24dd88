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

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, term) of each non-overlapping match, left to right."""
        toks = [(m.start(), m.end(), m.group(0).lower()) for m in _TOKEN.finditer(text)]
        out: list[tuple[int, int, str]] = []
        i = 0
        while i < len(toks):
            longest = self.starts.get(toks[i][2], 0)
            for n in range(min(longest, len(toks) - i), 0, -1):
                window = toks[i : i + n]
                if any(window[k + 1][0] - window[k][1] != 1 or text[window[k][1]] not in " /"
                       for k in range(n - 1)):
                    continue
                phrase = text[window[0][0]:window[-1][1]].lower()
                if phrase in self.terms:
                    out.append((window[0][0], window[-1][1], phrase))
                    i += n
                    break
            else:
                i += 1
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
