"""Fidelity checks of quality control, written apart from the generator on purpose.

The generator picks its wording with :mod:`domain.numbers` and :mod:`domain.direction`; if
quality control judged the result with the same functions, a bug in them would pass its
own output by construction. So numbers and negations are read here a second, simpler way:
numbers as the digits and spelled-out values a reader sees, negation as the presence of a
word that says "no".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

__all__ = [
    "added_numbers", "advises_not", "lost_numbers", "negations", "says_insufficient", "says_no",
]

_SPELLED = {
    "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
    "eight": "8", "nine": "9", "ten": "10", "eleven": "11", "twelve": "12", "fifteen": "15",
    "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60",
    "seventy": "70", "eighty": "80", "ninety": "90", "hundred": "100",
    "twice": "2", "biennial": "2", "biennially": "2", "half": "0.5",
}
_ASIDE = re.compile(
    r"[(\[][^()\[\]]*\b(?:see|table|figure|exhibit|appendix|section|design|recommendations?"
    r" \d|et al|annotation|reference)\b[^()\[\]]*[)\]]"
    r"|\[\d+(?:[,\u2013-]\s?\d+)*\]",
    re.IGNORECASE,
)
# Digits a reader meets as a quantity: not glued to Latin letters (HbA1c, PHQ-9, BRCA1, B12);
# Chinese characters around a number are words, not part of a name ("65岁", "每日5 g"). A
# comparator keeps its number whatever stands before it ("BMI<35" is "<35", not "35").
_DIGITS = re.compile(
    r"(?:(?P<cmp>[<>\u2264\u2265]=?\s?)|(?<![A-Za-z0-9_.\-/]))"
    r"(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?P<pct>\s?%)?(?![A-Za-z0-9_]|-[A-Z]\b)"
)
_WORD = re.compile(r"\b(" + "|".join(_SPELLED) + r")\b", re.IGNORECASE)
# A virus type names its numbers: "anti-HIV 1/2" is HIV-1 and HIV-2, not the fraction 1/2,
# so a rewording "antibodies to HIV-1 and HIV-2" keeps both numbers.
_VIRUS_TYPES = re.compile(r"\b(?:HIV|HSV|HTLV)(?:-(?P<one>[12])(?:/(?P<pair>[12]))?"
                          r"|\s(?P<first>1)/(?P<second>2))(?![\w/])")


def _numbers(text: str) -> Counter[str]:
    text = unicodedata.normalize("NFKC", text).replace("\u2212", "-")
    previous = None
    while previous != text:
        previous, text = text, _ASIDE.sub(" ", text)
    found: Counter[str] = Counter()
    for m in _VIRUS_TYPES.finditer(text):
        found.update(n for n in m.groups() if n)
    text = _VIRUS_TYPES.sub(" ", text)
    for m in _DIGITS.finditer(text):
        value = m.group("n").replace(",", "")
        cmp = re.sub(r"\s", "", m.group("cmp") or "")
        found[cmp + value + ("%" if m.group("pct") else "")] += 1
    for m in _WORD.finditer(text):
        found[_SPELLED[m.group(1).lower()]] += 1
    return found


def _plain(counter: Counter[str]) -> Counter[str]:
    """Values without comparator: "≥50" said as "50 or older" still keeps the 50."""
    out: Counter[str] = Counter()
    for key, n in counter.items():
        out[re.sub(r"^[<>\u2264\u2265]=?", "", key)] += n
    return out


def lost_numbers(source: str, text: str) -> list[str]:
    """Numbers of the source statement that its patient wording no longer has, or has with
    the opposite comparator ("<150" become ">150")."""
    want, have = _numbers(source), _numbers(text)
    lost = list((_plain(want) - _plain(have)).elements())
    for key in want:
        if key[:1] in "<>\u2264\u2265":
            flipped = {"<": ">", ">": "<", "\u2264": "\u2265", "\u2265": "\u2264"}[key[0]]
            if have.get(flipped + key[1:]) and not have.get(key):
                lost.append(key)
    return lost


def added_numbers(source: str, text: str) -> list[str]:
    """Numbers in the patient wording that its source statement does not give."""
    return list((_plain(_numbers(text)) - _plain(_numbers(source))).elements())


_NO = re.compile(
    r"\b(?:not|no|never|none|neither|nor|against|avoid\w*|don't|doesn't|shouldn't|cannot"
    r"|can't|unnecessary|unneeded|stop\w*|without|instead)\b|不|避免|无需|禁止",
    re.IGNORECASE,
)
# Advice not to: what a "for" statement must not gain in its patient wording. A
# contraindication is a "not in this case" ("a medical reason against it" in plain words).
_ADVISES_NOT = re.compile(
    r"\b(?:do not|don't|does not|should not|shouldn't|must not|never|avoid\w*|against"
    r"|contraindicat\w*"
    r"|not (?:be )?(?:recommended|advised|suggested|offered|used|given|needed|necessary"
    r"|required))\b"
    r"|不推荐|不建议|避免",
    re.IGNORECASE,
)
_UNSURE = re.compile(
    r"not enough (?:evidence|proof|good studies|research)|(?:evidence|proof|research) is"
    r" (?:not enough|lacking|unclear|insufficient|inconclusive)|insufficient|inconclusive"
    r"|do not (?:yet )?know|don't (?:yet )?know|not (?:yet )?known|unclear|not sure"
    r"|证据不足|尚不清楚|不确定",
    re.IGNORECASE,
)


def says_no(text: str) -> bool:
    """Does the text carry any word of negation at all?"""
    return bool(_NO.search(text))


def negations(text: str) -> int:
    """How many words of negation the text has."""
    return len(_NO.findall(text))


def advises_not(text: str) -> bool:
    """Does the text advise not to do something?"""
    return bool(_ADVISES_NOT.search(text))


def says_insufficient(text: str) -> bool:
    """Does the text say that the evidence does not settle the question?"""
    return bool(_UNSURE.search(text))
