"""Medical words a lay reader would not know, left on a patient page without an explanation.

The check on acronyms and listed terms (:mod:`domain.quality`) only finds what a list names.
This one finds words no list names, from two kinds of evidence:

* **outside everyday English**: not among the word forms of LemmInflect's lexicon (the
  Automatically Generated Inflection Database, built on the SCOWL lists of common English
  words), nor in the CMU Pronouncing Dictionary, nor made from such a word with a common
  prefix or suffix ("re-evaluated", "non-drug");
* **built like a medical word**: a word outside LemmInflect's lexicon with a medical root or
  ending from MedlinePlus' "Understanding Medical Words" tutorial ("fluoroscopy",
  "hematological", "ischemia"), even where the much larger CMU dictionary has it;

and short forms of a lab test joined to a word ("anti-HBc", "Ag/Ab", "Ab-negative").
A word is explained when a "Words to know" entry covers it (the word, its singular or plural,
or a phrase holding it) or when its own sentence explains it in brackets ("X (plain words)",
"plain words (X)") or with "called X" / "X, which ...".
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from domain.glossary import without_definitions
from domain.model import Finding, PatientVersion, Severity
from domain.terms import TermMatcher

__all__ = ["Unexplained", "check_unexplained", "find", "is_lay_word", "looks_medical",
           "unexplained"]

# Combining forms of medical words, after MedlinePlus "Understanding Medical Words".
_ROOTS = (
    "angi", "arthr", "bronch", "carcin", "cardi", "cephal", "chol", "cyst", "cyt", "derm",
    "encephal", "enter", "erythr", "gastr", "genot", "gluc", "glyc", "hemat", "haemat", "hemo",
    "haemo", "hepat", "hyster", "isch", "lapar", "leuk", "lymph", "mening", "myel", "nephr",
    "neur", "ophthalm", "oste", "phleb", "phren", "plasm", "pneum", "proct", "psych",
    "pulmon", "pyel", "ren", "rhin", "sacchar", "scler", "sept", "stomat", "thorac",
    "thromb", "tox", "trache", "uro", "vas", "ven", "viro", "brachi", "bucc", "cotin",
    "diathes", "fluoro", "valent", "serolog", "immun", "antigen", "antibod", "anti",
)
# Endings only medical words have ("-ectomy", "-emia", "-scopy").
_ENDINGS = (
    "algia", "centesis", "ectomy", "emia", "aemia", "graphy", "itis", "megaly", "opathy",
    "osis", "otomy", "ostomy", "penia", "plasty", "plegia", "rrhea", "rrhoea", "scopy",
    "thorax", "uria",
)
_ROOT = re.compile("|".join(sorted(_ROOTS, key=len, reverse=True)))
_MEDICAL_ENDING = re.compile(r"(?:" + "|".join(_ENDINGS) + r")(?:s|es)?$")
_PREFIXES = ("non", "re", "co", "pre", "post", "un", "over", "under", "self", "multi", "anti",
             "sub", "inter", "mid", "semi", "well", "all", "low", "high", "full", "part")
# Endings that make a word from an everyday one, and what the everyday word ends in instead.
_SUFFIXES = (
    ("ly", ""), ("ness", ""), ("s", ""), ("es", ""), ("ed", ""), ("ing", ""), ("al", ""),
    ("ally", ""), ("ity", ""), ("ization", "ize"), ("ize", ""), ("ification", "ify"),
    ("ively", "ive"), ("ively", ""), ("or", "e"), ("ist", "y"), ("ible", ""), ("able", "e"),
)
_WORD = re.compile(r"(?:(?<=\d-)|(?<![\w/-]))[A-Za-z][a-z]+(?:-[a-z]+)*(?![\w/]|-\w)")
# A lab short form joined to a word or another short form: "anti-HBc", "Ag/Ab", "Ab-negative".
_LAB = re.compile(
    r"(?<![\w/-])(?:anti-[A-Z][A-Za-z]{0,4}\d?(?:\s?\d(?:/\d)?)?"
    r"|A[bg](?:/A[bg])?(?:-[a-z]+)?(?=[\s.,;:)])"
    r"|[A-Z][A-Za-z]{0,3}\d?/A[bg]\b"
    r"|\d{1,2}-valent)")


@dataclass(frozen=True)
class Unexplained:
    term: str
    """As written on the page, in lower case unless it holds a short form."""
    target: str
    """The recommendation or section it is first met in."""


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """Every word form of LemmInflect's lexicon of common English words."""
    import lemminflect

    forms: set[str] = set()
    resources = Path(lemminflect.__file__).parent / "resources"
    for name in ("infl_lu.csv.gz", "lemma_lu.csv.gz"):
        with gzip.open(resources / name, "rt", encoding="utf-8") as stream:
            for line in stream:
                forms.update(w.lower() for w in line.strip().replace("/", ",").split(",") if w)
    return frozenset(forms)


@lru_cache(maxsize=1)
def _cmu() -> frozenset[str]:
    """The words of the CMU dictionary, from the table readability parses anyway."""
    from domain.readability import _dictionary

    return frozenset(_dictionary())


def looks_medical(word: str) -> bool:
    """Built with an ending only medical words have, or long and built on a medical root."""
    w = word.lower()
    return bool(_MEDICAL_ENDING.search(w)) or (len(w) >= 7 and bool(_ROOT.search(w)))


def _known(word: str, depth: int = 0) -> bool:
    lex = _lexicon()
    if word in lex:
        return True
    if looks_medical(word):
        return False
    if word in _cmu():
        return True
    if depth >= 2:
        return False
    for p in _PREFIXES:
        if word.startswith(p) and len(word) - len(p) >= 4 and _known(
                word[len(p):].lstrip("-"), depth + 1):
            return True
    for suffix, base in _SUFFIXES:
        stem = word.removesuffix(suffix)
        if stem != word and len(stem) >= 4 and any(
                stem + end in lex for end in {base, "", "e"}):
            return True
    # Two everyday words written as one: "jobsite", "birthweight".
    return any(word[:k] in lex and word[k:] in lex and len(word[:k]) >= 3
               for k in range(3, len(word) - 2))


@lru_cache(maxsize=65536)
def is_lay_word(word: str) -> bool:
    """Whether a word (or each part of a hyphenated word) is everyday English."""
    parts = [p for p in word.lower().split("-") if p]
    return all(len(p) < 5 or _known(p) for p in parts)


def _forms(term: str) -> set[str]:
    t = term.lower().strip()
    out = {t}
    if t.endswith("ies"):
        out.add(t[:-3] + "y")
    elif t.endswith("es"):
        out |= {t[:-2], t[:-1]}
    elif t.endswith("s"):
        out.add(t[:-1])
    else:
        out |= {t + "s", t + "es"}
    if t.endswith("y"):
        out.add(t[:-1] + "ies")
    if t.endswith("is"):
        out.add(t[:-2] + "es")  # diathesis, diatheses
    return out


# "(every year)", "(at age 5)" after a word says when, not what it is
_INLINE_AFTER = re.compile(r"^\s*(?:\((?!see\b|every\b|each\b|yearly\b|at age\b|once\b)"
                           r"[^)]{6,}\)|,\s*(?:which|that|a|an|or)\s|:\s)")
_INLINE_BEFORE = re.compile(r"(?:\(\s*|\b(?:called|named|known as)\s+)$")


def _explained_inline(text: str, start: int, end: int) -> bool:
    return bool(_INLINE_AFTER.match(text[end:end + 80])
                or _INLINE_BEFORE.search(text[max(0, start - 20):start]))


def find(text: str, defined: Iterable[str] = ()) -> list[str]:
    """Words of ``text`` a lay reader would not know and that neither ``defined`` (the
    "Words to know" terms) nor their own sentence explains, each once, in order."""
    terms, as_written, hyphens_as_spaces, others = _defined(frozenset(defined))
    covered: list[tuple[int, int]] = []
    if terms:
        # Hyphens as spaces too (same length, so the spans hold): "angiotensin-converting-enzyme
        # inhibitor" is the entry "angiotensin-converting enzyme inhibitor".
        covered += [(s, e) for s, e, _ in as_written.find(text)]
        covered += [(s, e) for s, e, _ in hyphens_as_spaces.find(text.replace("-", " "))]
    for pattern in others:  # "serotonin–norepinephrine", "Ag/Ab"
        covered += [(m.start(), m.end()) for m in pattern.finditer(text)]
    out: list[str] = []
    for m in _LAB.finditer(text):
        term = m.group(0)
        if (term.lower() in terms or _inside(covered, m.start(), m.end())
                or _explained_inline(text, m.start(), m.end()) or term in out):
            continue
        out.append(term)
    for m in _WORD.finditer(text):
        word = m.group(0)
        low = word.lower()
        if word[0].isupper() and not _starts_sentence(text, m.start()):
            continue  # a name: "Medicare", "Lyrica"
        if low in terms or low in out or all(
                is_lay_word(p) or p in terms for p in low.split("-") if p):
            continue
        if _inside(covered, m.start(), m.end()) or _explained_inline(text, m.start(), m.end()):
            continue
        out.append(low)
    return out


@lru_cache(maxsize=32)
def _defined(defined: frozenset[str]) -> tuple[frozenset[str], TermMatcher, TermMatcher,
                                              tuple[re.Pattern[str], ...]]:
    """The defined terms in every form, and their matchers: built once for a page's word list,
    not again for each block of the page."""
    terms = frozenset(f for d in defined for f in _forms(d))
    others = tuple(re.compile(rf"(?<![\w-]){re.escape(t)}(?![\w-])", re.IGNORECASE)
                   for t in sorted(terms) if not re.fullmatch(r"[a-z0-9' -]+", t))
    return (terms, TermMatcher(terms), TermMatcher({t.replace("-", " ") for t in terms}),
            others)


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def _starts_sentence(text: str, pos: int) -> bool:
    # Only the last few characters before the word decide: no copy of all the text before
    # it, which made a page's capitalised words cost the square of its length.
    end = pos
    while end and text[end - 1] in " *":
        end -= 1
    return (not end or text[end - 1] in ".!?:\n-|☐"
            or bool(re.search(r"\d[.)]$", text[max(0, end - 3):end])))


def unexplained(pvg: PatientVersion, glossary_heading: str = "Words to know"
                ) -> list[Unexplained]:
    """The unexplained words of a patient version, each with where it is first met: the
    summary, the sections (not the word list itself) and the recommendations."""
    defined = [e.term for e in pvg.glossary]
    blocks = [("Summary", pvg.summary)]
    blocks += [(s.heading, without_definitions(s.body)) for s in pvg.sections
               if s.heading != glossary_heading]
    blocks += [(r.id, r.text) for r in pvg.recommendations]
    found: dict[str, Unexplained] = {}
    for target, text in blocks:
        for term in find(_plain(text), defined):
            found.setdefault(term.lower(), Unexplained(term, target))
    return list(found.values())


def _plain(text: str) -> str:
    return re.sub(r"\*\*|__|`", "", text)


def check_unexplained(pvg: PatientVersion, glossary_heading: str = "Words to know"
                      ) -> list[Finding]:
    """One INFO finding per unexplained word: worth a reviewer's look, never a hold. Its own
    check name keeps it apart from the listed-term "jargon" findings, which do hold."""
    return [Finding(check="unexplained", target=u.target,
                    message=f"word '{u.term}' is not everyday English and is not "
                            "explained on the page",
                    severity=Severity.INFO)
            for u in unexplained(pvg, glossary_heading)]
