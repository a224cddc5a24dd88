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
from domain.patterns import compiled
from domain.terms import TermMatcher

__all__ = ["DEFINED_HERE", "EVERYDAY", "GRADE_LABELS", "MOST_PER_BLOCK", "acronym_of", "build",
           "define_where_used", "defining_sentence", "explain_where_used", "render",
           "render_rest", "singular", "without_definitions"]

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


_SPECIAL = [t for t in lay_terms.KEEP if not compiled(r"[a-z0-9' -]+").fullmatch(t)]
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
        if (compiled(r"[/-]").search(short) and short.lower() not in found
                and compiled(rf"(?<![\w/-]){re.escape(short)}(?![\w/-])").search(text)):
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
    if found[:1].isupper() and found[1:2].islower() and not any(c.isupper() for c in found[1:]):
        # a capital only because it began a sentence ("Stroke"); "HbS" keeps its capitals
        return found[:1].lower() + found[1:]
    return found


DEFINED_HERE = "**Words used here:**"
"""Opens the line under a block that explains the medical words the block is first to use."""
MOST_PER_BLOCK = 4
"""A block's line explains at most this many words; more would bury the advice."""
LONG_LIST = 8
"""A block of this many list lines or more explains words as a table does."""
TABLE_EXTRA = 2
"""A block holding a table explains this many more: its cells are where the words are met."""
# Words a singular "-s" ending does not make plural.
_NOT_PLURAL = frozenset({"diabetes", "herpes", "measles", "mumps", "rabies", "scabies",
                         "series", "species", "news", "lupus", "syphilis", "gestational diabetes"})
# A heading, or a line that is only bold text (a topic over a list: "**Testing of donors**").
# ... or a bold lead with its note in brackets ("**Advised against** (a few words each …):"),
# which heads a list of its own
_HEADING = re.compile(r"^(?:#{1,6}\s|\*\*[^*]+\*\*\s*$|\*\*[^*]+\*\* \([^()]*\):?\s*$)")
# Things one counts ("a scan", "an ophthalmologist"), said with "a": "A dilated eye exam is an
# eye exam …", where an illness or a treatment goes without ("Dialysis is a treatment …").
_COUNTED = re.compile(r"(?:ist|exam|test|scan|vaccine|doppler|ratio|block|inhibitor|device|"
                      r"contract|mammogram|agent|operation|implant|fetus|clinician|positive|"
                      r"negative|ant|opioid|antigen|antibody)$", re.IGNORECASE)


def defining_sentence(entry: GlossaryEntry) -> str:
    """The entry as plain sentences: "Plasma is the liquid part of the blood." A meaning that
    is no noun phrase ("not cancer", "taking X-ray pictures of the breast") is what the
    word "means"."""
    term, meaning = entry.term, entry.meaning.strip()
    first = term.split()[0]
    if not term[1:2].isupper():  # "anti-HBc" begins a sentence as "Anti-HBc"; "mRNA" stays
        term = term[:1].upper() + term[1:]
    last = entry.term.split()[-1]
    plural = ((singular(last) != last.lower().replace("-", " ") and not last.isupper()
               and entry.term.lower() not in _NOT_PLURAL and last.lower() not in _NOT_PLURAL)
              or (" and " in entry.term and not compiled(r"an?\s").match(meaning)))
    if plural:
        verb = "are"
    elif compiled(r"(?:a|an|the|when)\s").match(meaning):
        verb = "is"  # "Stillbirth is when a baby dies …"
        if first.islower() and _COUNTED.search(last):
            article = ("The" if meaning.startswith("the") else
                       "An" if term[:1] in "AEIOU" else "A")
            term = f"{article} {term[:1].lower()}{term[1:]}"
    else:
        verb = "means"
    said = f"{term} {verb} {meaning}"
    said = said if said.endswith((".", "!", "?")) else f"{said}."
    # Short sentences: "…: the medicine is let out slowly." and "…germ, which can cause …"
    # are second sentences of their own.
    said = _CLAUSE_AFTER_COLON.sub(lambda m: f". {m.group(1).upper()}", said)
    return _WHICH_CAN.sub(r". It \1", said)


_CLAUSE_AFTER_COLON = re.compile(
    r": (?=(?:the|a|an|it|they|air)\b(?:(?!\b(?:that|who|which)\b)[^.:,]){0,40}?"
    r"\b(?:is|are|can|leaks|shows|makes|holds|has)\b)([a-z])")
_WHICH_CAN = re.compile(r"(?<!s), which (can|is|makes)\b")  # "germs, which" are no "It"


def _blocks(text: str) -> list[str]:
    """A text cut where a heading follows other lines: a heading and the lines under it
    (with any headings straight above it, as a topic over its first item) are one block."""
    blocks: list[list[str]] = [[]]
    body = False
    for line in text.split("\n"):
        if _HEADING.match(line) and body:
            blocks.append([])
            body = False
        blocks[-1].append(line)
        body = body or (bool(line.strip()) and not _HEADING.match(line))
    return ["\n".join(b) for b in blocks]


def _first_use(text: str, entry: GlossaryEntry) -> int | None:
    """Where the block first uses the word, or None when its own sentence explains it there
    ("a splenectomy (surgery to take out the spleen)", "called X")."""
    from domain.unexplained import _explained_inline

    forms = {entry.term, singular(entry.term)}
    first: int | None = None
    for form in forms:
        pattern = re.escape(form).replace(r"\ ", r"[\s-]")
        for m in compiled(rf"(?<![\w-]){pattern}(?:e?s)?(?![\w-])", re.IGNORECASE).finditer(text):
            # "If your child has hemoglobin SS:" leads into a list; it explains nothing.
            if (_explained_inline(text, m.start(), m.end())
                    and text[m.end():m.end() + 1] != ":"):
                return None
            if first is None or m.start() < first:
                first = m.start()
            break
    return first


def define_where_used(texts: list[str], entries: list[GlossaryEntry],
                      acronyms: dict[str, str],
                      grades: frozenset[str] = frozenset()) -> list[str]:
    """The reader's texts, in reading order, each block that is first to use a word of
    ``entries`` ending in a line that explains it: a word list at the end of the page is not
    where the word is met. Each word is explained once; a block explains at most
    :data:`MOST_PER_BLOCK`, medical words before everyday ones, and the rest wait for their
    next use."""
    return explain_where_used(texts, entries, acronyms, grades)[0]


def explain_where_used(texts: list[str], entries: list[GlossaryEntry],
                       acronyms: dict[str, str], grades: frozenset[str] = frozenset()
                       ) -> tuple[list[str], list[GlossaryEntry]]:
    """:func:`define_where_used`, with the entries its lines explain: those the word list at
    the end need not explain a second time."""
    from domain.unexplained import is_lay_word

    meant = {singular(e.term): e for e in entries}
    done: set[str] = set()
    said: list[GlossaryEntry] = []
    out: list[str] = []
    for text in texts:
        blocks: list[str] = []
        for block in _blocks(text):
            used: list[tuple[bool, int, GlossaryEntry]] = []
            for found in build(block, acronyms, grades):
                entry = meant.get(singular(found.term))
                if entry is None or singular(entry.term) in done:
                    continue
                at = _first_use(block, found)
                if at is None:
                    done.add(singular(entry.term))  # explained in its own sentence
                    continue
                used.append((is_lay_word(entry.term), at, entry))
            # A table names many things in short cells; its words are met there, not later
            # and so does a long list of short lines (a compact page's points against)
            most = MOST_PER_BLOCK + TABLE_EXTRA if compiled(r"(?m)^\|").search(block) or len(
                compiled(r"(?m)^\s*- ").findall(block)) >= LONG_LIST else MOST_PER_BLOCK
            # short forms first: an acronym is spelt out where the reader first meets it
            chosen = sorted(used, key=lambda u: (acronym_of(u[2].term) is None, u[0],
                                                 u[1]))[:most]
            chosen.sort(key=lambda u: u[1])
            if chosen:
                done |= {singular(e.term) for _, _, e in chosen}
                said += [e for _, _, e in chosen]
                line = " ".join(defining_sentence(e) for _, _, e in chosen)
                trailing = block[len(block.rstrip()):]
                block = f"{block.rstrip()}\n\n{DEFINED_HERE} {line}{trailing}"
            blocks.append(block)
        out.append("\n".join(blocks))
    return out, said


REST_LEAD = "The other medical words on this page are explained where they are first used."
"""Leads a word list that holds only the words no "Words used here" line explains."""
ALL_SAID = "Each medical word on this page is explained where it is first used."
"""The word list's one sentence when every word is explained where it is first used."""


def render_rest(glossary: list[GlossaryEntry], said: list[GlossaryEntry]) -> str:
    """"Words to know" on a page that explains words where they are used: only the words not
    explained above, so that no meaning is printed twice on the page (PEMAT-P item 2)."""
    if not said:
        return render(glossary)
    rest = [e for e in glossary if e not in said]
    if rest:
        return f"{REST_LEAD}\n\n{render(rest)}"
    # The words by name, so the list names what it holds (round-19 raters AJ, AK: "Words to
    # know" that lists no words), their meanings printed once, where they are used.
    names = sorted({e.term for e in said}, key=str.lower)
    return "\n".join([f"{ALL_SAID.rstrip('.')}:", "", *(f"- {n}" for n in names)]) \
        if names else ALL_SAID


def without_definitions(text: str) -> str:
    """The text without its "Words used here" lines: they are the word list's own meanings,
    checked with it, not words of the page to explain again."""
    return "\n".join(line for line in text.split("\n") if not line.startswith(DEFINED_HERE))
