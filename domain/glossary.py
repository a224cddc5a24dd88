"""Words to know: every acronym and medical term left in a patient version, explained once.

Kept terms get the meaning and source of :mod:`domain.lay_terms`; an acronym gets the long
form the guideline itself gives, or a curated meaning when it is one patients know (HIV).
Every entry defines something: an acronym with no known meaning is left out rather than
listed as "ask your care team", and grade labels ("IB", "EO") and parts of hyphenated words
("HBV-", "CRPS-specific") are not acronyms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from domain import lay_terms, lexicon
from domain.model import GlossaryEntry
from domain.terms import TermMatcher

__all__ = ["EVERYDAY", "GRADE_LABELS", "acronym_of", "build", "render", "singular"]

# Lay-list words that every reader knows; quality control does not ask for them either.
EVERYDAY = frozenset({
    "acute", "chronic", "medication", "medications", "examination", "examinations",
    "intervention", "interventions", "evaluation", "evaluations", "assessment", "assessments",
    "laboratory", "indicated", "diagnosed", "follow-up", "monitoring", "referral", "infant",
    "infants", "adolescent", "adolescents", "elderly", "fatigue", "nausea", "obese", "obesity",
    "fracture", "fractures", "dosage", "dosing", "initiate", "initiated", "initiating",
    "initiation", "administer", "administered", "administration", "discontinue",
    "discontinued", "surgical", "psychological", "behavioral", "body weight",
    "physical activity", "glucose", "sodium", "imaging", "specimen", "specimens",
    "consultation", "consultations",
})
_ACRONYM = re.compile(r"(?<![\w.-])(?=[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*[A-Z])[A-Z][A-Za-z0-9-]*"
                      r"(?![\w-])")
# Grade labels of the usual schemes: printed beside the advice, never a word to define.
GRADE_LABELS = frozenset({
    "IA", "IB", "IC", "ID", "II", "IIA", "IIB", "IIC", "III", "IIIA", "IIIB", "IV", "EO",
    "LOE", "COR", "GPP", "B-R", "B-NR", "C-LD", "C-EO", "NR", "SOR",
})


_SPECIAL = [t for t in lay_terms.KEEP if not re.fullmatch(r"[a-z0-9' -]+", t)]
# Compiled once, not on every page: a few hundred patterns would push each other out of the
# ``re`` module's cache and be compiled again page after page.
_SPECIAL_FOUND = [(t, re.compile(rf"(?<![\w-]){re.escape(t)}(?![\w-])", re.IGNORECASE))
                  for t in _SPECIAL]
_SHORT_FOUND = [(short, entry, re.compile(rf"(?<![\w-]){re.escape(short)}(?!\w|-[A-Za-z0-9])"))
                for short, entry in lay_terms.ACRONYMS.items()]


@lru_cache(maxsize=1)
def _terms() -> TermMatcher:
    terms = [k for k in lexicon.LAY_TERMS if k not in EVERYDAY]
    return TermMatcher([*terms, *lexicon.DEFINED_TERMS])


def build(text: str, acronyms: dict[str, str],
          grades: frozenset[str] = frozenset()) -> list[GlossaryEntry]:
    """Entries for the medical terms and acronyms found in ``text``, in alphabetical order.
    ``grades`` are the guideline's own grade labels, which are not acronyms either."""
    found: dict[str, GlossaryEntry] = {}
    for start, end, term in _terms().find(text):
        if term in found or (text[start:end].islower() and term.upper() in lexicon.KEEP_ACRONYMS):
            continue  # "walking aids" is no "AIDS"
        entry = lay_terms.KEEP.get(term)
        source: str | None
        if entry:
            meaning, source = entry.meaning, entry.source
        else:
            lay = lexicon.LAY_TERMS[term]
            meaning, source = f"{lay}.", lexicon.LAY_SOURCES.get(term)
        found[term] = GlossaryEntry(term=_display(text[start:end]), meaning=meaning,
                                    source=source)
    for term, pattern in _SPECIAL_FOUND:
        # "HbSβ⁺-thalassemia": letters no word matcher reads, so found as written.
        m = pattern.search(text)
        if m and term not in found:
            entry = lay_terms.KEEP[term]
            found[term] = GlossaryEntry(term=m.group(0), meaning=entry.meaning,
                                        source=entry.source)
    for short, entry, pattern in _SHORT_FOUND:
        # "non-HDL-C", "apo B", "BA/BT": short forms no capital-letter pattern reads whole.
        # One inside a kept term ("SC" in "hemoglobin SC") is explained by that term.
        # The pattern starts with a look-behind, which ``re`` tries at every position of the
        # page: a short form not written anywhere on it is passed over first.
        if (short.lower() in found or any(short.lower() in t.split() for t in found)
                or short not in text or not pattern.search(text)):
            continue
        found[short.lower()] = GlossaryEntry(term=short, meaning=entry.meaning,
                                             source=entry.source)
    for short, long in acronyms.items():
        # "VA/DoD", "anti-HBc": joined short forms the guideline defines, in its own words.
        if (re.search(r"[/-]", short) and short.lower() not in found
                and re.search(rf"(?<![\w/-]){re.escape(short)}(?![\w/-])", text)):
            found[short.lower()] = GlossaryEntry(term=short, meaning=f"{long}.",
                                                 source=lay_terms.GUIDELINE)
    for m in _ACRONYM.finditer(text):
        acr = acronym_of(m.group(0))
        if acr is None or acr in GRADE_LABELS or acr in grades:
            continue
        key = acr.lower()
        if key in found or acr == "US" or any(key in t.split() for t in found):
            continue
        base = acr[:-1] if acr.endswith("s") and acr[:-1] in acronyms else acr
        if base in acronyms:
            found[key] = GlossaryEntry(term=acr, meaning=f"{acronyms[base]}.",
                                       source=lay_terms.GUIDELINE)
        elif key in lay_terms.KEEP or key.rstrip("s") in lay_terms.KEEP:
            entry = lay_terms.KEEP.get(key) or lay_terms.KEEP[key.rstrip("s")]
            found[key] = GlossaryEntry(term=acr, meaning=entry.meaning, source=entry.source)
    return sorted(_one_per_word(found.values()), key=lambda e: e.term.lower())


def singular(term: str) -> str:
    """The term with its last word in the singular and hyphens as spaces: "antibodies" and
    "antibody", "bleeding diatheses" and "bleeding diathesis", "IUDs" and "IUD",
    "angiotensin-converting-enzyme inhibitor" and "angiotensin-converting enzyme inhibitor"
    are one word to know."""
    t = term.lower().replace("-", " ")
    for plural, one in (("ies", "y"), ("eses", "esis"), ("s", "")):
        if t.endswith(plural) and not t.endswith(("ss", "us", "is")) and len(t) > 3:
            return t[: len(t) - len(plural)] + one
    return t


def _one_per_word(entries: Iterable[GlossaryEntry]) -> list[GlossaryEntry]:
    """One entry where both forms were found, in the form the reader meets first."""
    kept: dict[str, GlossaryEntry] = {}
    for e in entries:
        kept.setdefault(singular(e.term), e)
    return list(kept.values())


def acronym_of(token: str) -> str | None:
    """The acronym a token is or starts with: "HBV-" and "HCV-infected" are HBV and HCV,
    "HIV-1" stays whole; names such as "Return-to-Work", "PP-Cap" or "N-methyl-D-aspartate"
    are none."""
    head, *tail = token.split("-")
    upper, lower = sum(c.isupper() for c in head), sum(c.islower() for c in head)
    if upper < 2 or lower > upper:
        return None
    if not tail or not any(tail):
        return head
    if all(p.isdigit() for p in tail if p):
        return token.rstrip("-")
    if all(p.islower() for p in tail if p) or tail in (["I"], ["II"]):
        return head  # "CRPS-specific", "HCV-infected", "CRPS-I" (a type of CRPS)
    return None


CHUNK_OVER = 15
"""A word list longer than this is split into runs of first letters (PEMAT-P item 8: longer
lists are chunked too)."""
_DIGITS = "0\u20139"
CHUNK_SIZE = 10
"""About this many words a run."""


def render(glossary: list[GlossaryEntry]) -> str:
    """The "Words to know" section: one line a term, the term in bold; a long list in runs
    of first letters, each labelled ("**A to C**"), so a reader finds a word at a glance."""
    if not glossary:
        return "This guide uses no special medical words or short forms."
    lines = [f"- **{e.term}**: {e.meaning}" for e in glossary]
    if len(lines) <= CHUNK_OVER:
        return "\n".join(lines)
    letters: list[tuple[str, list[str]]] = []
    for e, line in zip(glossary, lines, strict=True):
        letter = e.term[:1].upper() if e.term[:1].isalpha() else _DIGITS
        if letters and letters[-1][0] == letter:
            letters[-1][1].append(line)
        else:
            letters.append((letter, [line]))
    target = -(-len(lines) // -(-len(lines) // CHUNK_SIZE))  # even runs of at most about 10
    runs: list[list[tuple[str, list[str]]]] = [[]]
    for letter, said in letters:
        if runs[-1] and (sum(len(x) for _, x in runs[-1]) + len(said) > target
                         or _DIGITS in (letter, runs[-1][-1][0])):  # "0–9" stands alone
            runs.append([])
        runs[-1].append((letter, said))
    out = []
    for run in runs:
        first, last = run[0][0], run[-1][0]
        label = first if first == last else f"{first} to {last}"
        out.append(f"**{label}**\n\n" + "\n".join(x for _, said in run for x in said))
    return "\n\n".join(out)


def _display(found: str) -> str:
    if found[:1].isupper() and found[1:2].islower() and not re.search(r"\s[A-Z]", found):
        return found[:1].lower() + found[1:]  # capital only because it began a sentence
    return found
