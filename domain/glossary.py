"""Words to know: every acronym and medical term left in a patient version, explained once.

Kept terms get the meaning and source of :mod:`domain.lay_terms`; an acronym gets the long
form the guideline itself gives, or a curated meaning when it is one patients know (HIV);
an acronym the guideline never spells out is listed honestly as such rather than guessed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from domain import lay_terms, lexicon
from domain.model import GlossaryEntry
from domain.terms import TermMatcher

__all__ = ["EVERYDAY", "build", "render"]

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
_UNKNOWN = "a short form the guideline uses without spelling it out. Ask your care team."


@lru_cache(maxsize=1)
def _terms() -> TermMatcher:
    terms = [k for k in lexicon.LAY_TERMS if k not in EVERYDAY]
    return TermMatcher([*terms, *lexicon.DEFINED_TERMS])


def build(text: str, acronyms: dict[str, str]) -> list[GlossaryEntry]:
    """Entries for the medical terms and acronyms found in ``text``, in alphabetical order."""
    found: dict[str, GlossaryEntry] = {}
    for start, end, term in _terms().find(text):
        if term in found:
            continue
        entry = lay_terms.KEEP.get(term)
        source: str | None
        if entry:
            meaning, source = entry.meaning, entry.source
        else:
            lay = lexicon.LAY_TERMS[term]
            meaning, source = f"{lay}.", lexicon.LAY_SOURCES.get(term)
        found[term] = GlossaryEntry(term=_display(text[start:end]), meaning=meaning,
                                    source=source)
    for m in _ACRONYM.finditer(text):
        acr = m.group(0)
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
        else:
            found[key] = GlossaryEntry(term=acr, meaning=_UNKNOWN, source=None)
    return sorted(found.values(), key=lambda e: e.term.lower())


def render(glossary: list[GlossaryEntry]) -> str:
    """The "Words to know" section: one line a term, the term in bold."""
    if not glossary:
        return "This guide uses no special medical words or short forms."
    return "\n".join(f"- **{e.term}**: {e.meaning}" for e in glossary)


def _display(found: str) -> str:
    if found[:1].isupper() and found[1:2].islower():
        return found[:1].lower() + found[1:]  # capital only because it began a sentence
    return found
