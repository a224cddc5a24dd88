"""The numbers a recommendation depends on, extracted the same way for generation and QC.

Fidelity means that every age, interval, dose and threshold of a statement reaches the
patient unchanged. Numbers inside references ("see Table 2", "(Design: ...)", citation
years) are not advice and are dropped before extraction, by the same rule that lets the
generator drop those references. Comparison normalises thousands separators, Unicode forms
and spacing after a comparator; it never treats two different values as equal.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["REFERENCE", "clinical_numbers", "missing_numbers", "strip_references"]

# Parenthetical or bracketed asides that point elsewhere instead of advising.
REFERENCE = re.compile(
    r"\s*[\(\[][^()\[\]]*?\b(?:see|refer to|table|figure|fig\.|exhibit|appendix|section"
    r"|original guideline|design|level of evidence|loe|quality of evidence|evidence grade"
    r"|grade of evidence|sor|et al|modified from|adapted from|carryover|reviewed|new-added"
    r"|new-replaced|amended)\b[^()\[\]]*[\)\]]"
    r"|\s*\[\d{1,3}(?:[,\u2013-]\s?\d{1,3})*\]",
    re.IGNORECASE,
)

_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.,])(?<![A-Za-z]-)(?P<cmp>[<>\u2264\u2265]=?\s?)?(?P<num>\d+(?:[.,]\d+)*)(?P<pct>\s?%)?"
)
_WORDS = (
    "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    "|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    "|ninety|hundred|thousand|million|twice|half"
)
_NUMBER_WORD = re.compile(rf"\b(?:{_WORDS})\b", re.IGNORECASE)
# Spelling a number out or in digits is the same value: "two" and "2" compare equal.
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
          "fourteen fifteen sixteen seventeen eighteen nineteen twenty")
_WORD_VALUE = {w: str(v) for v, w in enumerate(_UNITS.split(" "))} | {
    "thirty": "30", "forty": "40", "fifty": "50", "sixty": "60", "seventy": "70",
    "eighty": "80", "ninety": "90",
}


@lru_cache(maxsize=8192)
def strip_references(text: str) -> str:
    """Text without reference asides (repeated until nested ones are gone). Cached: the
    same statement is read for numbers, process and fidelity at several steps."""
    prev = None
    while prev != text:
        prev = text
        text = REFERENCE.sub("", text)
    return text


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2212", "-").replace("\u00a0", " ")
    return text


def clinical_numbers(text: str) -> list[str]:
    """Numbers of a statement as comparable tokens: '≥160', '2300', '0.5', '90%', 'two'.

    Digits glued to letters (HbA1c, BRCA1, PCV13, PHQ-2, HIV-1) are names, not numbers; thousands
    separators are removed ("10,000" -> "10000"); a comparator directly before a number
    belongs to it, so changing "<150" into ">150" is a changed number.
    """
    return list(_clinical_numbers(text))


@lru_cache(maxsize=8192)
def _clinical_numbers(text: str) -> tuple[str, ...]:
    """Cached: fidelity and quality checks compare the same statements again."""
    text = _normalise(strip_references(text))
    out: list[str] = []
    for m in _NUMBER.finditer(text):
        num = m.group("num")
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", num):
            num = num.replace(",", "")
        elif "," in num:
            # "1,2" is a list of numbers, not a decimal comma, in these documents.
            out.extend(p for p in num.split(",") if p)
            continue
        cmp = (m.group("cmp") or "").replace(" ", "")
        pct = "%" if m.group("pct") else ""
        out.append(f"{cmp}{num}{pct}")
    out.extend(_WORD_VALUE.get(w.lower(), w.lower()) for w in _NUMBER_WORD.findall(text))
    return tuple(out)


def missing_numbers(source: str, target: str) -> list[str]:
    """Numbers of ``source`` that ``target`` lacks (as a multiset: each occurrence counts)."""
    have: dict[str, int] = {}
    for n in clinical_numbers(target):
        have[n] = have.get(n, 0) + 1
    missing = []
    for n in clinical_numbers(source):
        if have.get(n, 0) > 0:
            have[n] -= 1
        else:
            missing.append(n)
    return missing
