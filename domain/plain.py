"""Plain-language rewriting of guideline sentences, shared by the offline generator.

Rules, in order: drop references and evidence codes, spell out acronyms (the document's own
definitions first), name the agent plainly ("Experts advise"), swap jargon for lay words
(:mod:`domain.lexicon`), put the main message first, turn numbered or long lists into list
lines, move long asides after their sentence, and split long sentences at clause
boundaries. Numbers are never touched: every rule works on words and punctuation only.
"""

from __future__ import annotations

import re
from functools import lru_cache

from domain import lexicon
from domain.numbers import strip_references
from domain.readability import sentences, words
from domain.terms import TermMatcher

__all__ = ["Rewriter", "finish", "replace_terms", "tidy"]


@lru_cache(maxsize=1)
def _lexicon() -> tuple[TermMatcher, dict[str, str]]:
    table = {**lexicon.PLAIN_WORDS, **lexicon.LAY_TERMS}
    return TermMatcher(table), table


_AGENT = re.compile(
    r"\b(?:the )?(?:USPSTF|U\.S\. Preventive Services Task Force|Work Group|Working Group"
    r"|Community Preventive Services Task Force|Task Force|LMBP WG|WG|panel|Expert Panel"
    r"|committee|guideline(?: panel)?|VA/DoD|CDC|authors?)(?= (?:recommends?|suggests?|advises?"
    r"|concludes?|finds|found|strongly|does not|did not|cannot|is unable))",
    re.IGNORECASE,
)
_I_STATEMENT = re.compile(
    r"^Experts concludes? that the (?:current )?evidence is insufficient to (?:assess|determine)"
    r" (?:the )?(?:balance of )?(?:the )?benefits and harms (?:of|for) ([^.]+)\.?(.*)$",
    re.IGNORECASE,
)
_SPLITTERS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r";\s+(?:and\s+|or\s+)?"), ""),
    (re.compile(r",?\s+because\s+"), "This is because "),
    (re.compile(r",?\s+since\s+(?=the|there|it|they|this)"), "This is because "),
    (re.compile(r",\s+but\s+"), "But "),
    (re.compile(r",\s+whereas\s+"), "But "),
    (re.compile(r",\s+which\s+"), "This "),
    (re.compile(r",\s+so that\s+|\s+so that\s+"), "This is so that "),
    (re.compile(r",\s+as well as\s+"), "Also "),
    (re.compile(r",\s+including\s+|\s+including\s+"), "This includes "),
    (re.compile(r",?\s+such as\s+(?=(?:[^,]{1,40},\s+)*(?:and |or )?[^,]{1,40}$)"),
     "Examples are "),
    (re.compile(r",?\s+(?:e\.g\.|for example),?\s+"), "For example, "),
    (re.compile(r"(?:,\s+|\s+in order\s+)to (?=reduce|lower|prevent|improve|help|avoid|lessen)"),
     "The aim is to "),
    (re.compile(r"(?<!people)(?<!those)(?<!persons)(?<!anyone)\s+who\s+(?!is\b|are\b)"),
     "This is for those who "),
    (re.compile(r",\s+and\s+(?=the|it|they|this|these|you|your|people|experts|a|an)\b"),
     "Also, "),
    (re.compile(r",\s+or\s+(?=(?:he|she|they|it|you|he/she)\b)"), "Or "),
    (re.compile(r",\s+unless\s+"), "The exception is if "),
    (re.compile(r",\s+(?:when|where)\s+"), "This is when "),
    (re.compile(r",\s+(?:then)\s+"), "Then "),
]
_LEAD = re.compile(
    r"^(?:In|For|Among|Within)\s+(?P<who>[^,]{0,160}?(?:patients|people|adults|children|women|"
    r"men|persons|individuals|those|adolescents|teens|infants|babies|veterans|workers|donors|"
    r"candidates|recipients|anyone|everyone|smokers|users|HCP|clinicians)[^,]{0,120}?),\s+"
    r"(?P<rest>.{15,})$"
)


_SMALL_WORDS = frozenset({"of", "and", "the", "for", "to", "in", "on", "with", "a", "an", "or"})


_LEAD_EXPERTS = re.compile(
    r"^(?:In|For|Among|Within)\s+(?P<who>.{3,300}?),\s+(?P<rest>Experts\b.{10,})$")


class Rewriter:
    """Plain-language rewriting with the acronyms a given guideline defines."""

    def __init__(self, acronyms: dict[str, str] | None = None) -> None:
        self.acronyms = {**(acronyms or {}), **lexicon.ACRONYMS}

    @staticmethod
    def acronyms_from(text: str) -> dict[str, str]:
        """Acronyms the document spells out: 'low-dose computed tomography (LDCT)'."""
        found: dict[str, str] = {}
        for m in re.finditer(r"\((?P<acr>[A-Z][A-Za-z0-9-]{1,9})\)", text):
            acr = m.group("acr")
            before = text[max(0, m.start() - 120) : m.start()].split("\n")[-1]
            letters = [c for c in acr if c.isupper()]
            if len(letters) < 2 or acr in lexicon.KEEP_ACRONYMS or acr in found:
                continue
            words_before = before.split()[-12:]
            n = len(letters)
            # The shortest run of trailing words that starts with the acronym's first letter
            # and has about as many significant words as the acronym has capitals.
            for k in range(1, min(len(words_before), n + 3) + 1):
                cand = words_before[-k:]
                significant = [w for w in cand if w.lower() not in _SMALL_WORDS]
                if cand[0][:1].upper() == letters[0] and len(significant) >= n - 1:
                    exp = " ".join(cand).strip(" ,;")
                    if exp[:1].isupper() and not exp[1:2].isupper() and (
                        len(cand) < 2 or not cand[1][:1].isupper()
                    ):
                        exp = exp[:1].lower() + exp[1:]
                    found[acr] = exp
                    break
        return found

    def simplify(self, text: str, level: int = 2) -> str:
        """Level 2: full rewrite; 1: words only (no splitting); 0: only markup removal."""
        if "\n- " in text:
            head, *items = text.split("\n- ")
            simple_items = [self.simplify(i, level).rstrip(".") for i in items]
            return self.simplify(head, level) + "".join(f"\n- {i}" for i in simple_items)
        text = tidy(strip_references(text))
        if level == 0:
            return finish([text])
        text = self._expand_acronyms(text)
        text = _AGENT.sub("Experts", text)
        text = re.sub(r"\bExperts recommends? against\b", "Experts advise against", text)
        text = re.sub(r"\bExperts recommends?\b", "Experts advise", text)
        text = re.sub(r"\bExperts suggests\b", "Experts suggest", text)
        text = re.sub(r"\bExperts concludes\b", "Experts conclude", text)
        m = _I_STATEMENT.match(text)
        if m:
            text = (f"There is not enough evidence to weigh the good and the harm of "
                    f"{m.group(1)}.{m.group(2)}")
        text = replace_terms(text)
        text = re.sub(r"(?:^|(?<=[.:;] )|(?<=that )|(?<=, ))(?:clinicians|doctors|health workers)"
                      r" should\b",
                      lambda m: ("Your" if m.group(0)[0].isupper() else "your")
                      + " doctor or nurse should", text, flags=re.IGNORECASE)
        text = re.sub(r"\bthe (?:patient|person)'s\b", "your", text, flags=re.IGNORECASE)
        text = re.sub(r"\bpatient's\b", "their", text)
        text = re.sub(r"\bpeople's\b", "their", text)
        if level == 1:
            return finish(sentences(text) or [text])
        out: list[str] = []
        for sent in sentences(text) or [text]:
            sent, asides = _move_asides(sent)
            listed = _as_list(sent)
            if listed:
                out.extend(_split(_lead_last(listed[0])))
                out.extend(f"- {item}" for item in listed[1:])
            else:
                out.extend(_split(_lead_last(sent)))
            out.extend(asides)
        return finish(out)

    def _expand_acronyms(self, text: str) -> str:
        # Drop "(ACR)" right after its spelt-out form, then spell out the bare acronyms.
        text = re.sub(r"\s*[(\[](?=[a-z]?[A-Z]{2})[A-Za-z][A-Za-z0-9-]{1,9}s?[)\]]", "", text)

        def repl(m: re.Match[str]) -> str:
            acr = m.group(0)
            if acr in lexicon.KEEP_ACRONYMS:
                return acr
            base = acr[:-1] if acr.endswith("s") and acr[:-1] in self.acronyms else acr
            exp = self.acronyms.get(base)
            if not exp:
                return acr
            return exp + ("s" if base != acr and not exp.endswith("s") else "")

        return re.sub(r"(?<![\w-])[A-Z][A-Z0-9]{1,6}s?(?![\w-])", repl, text)


def replace_terms(text: str) -> str:
    matcher, table = _lexicon()

    def repl(found: str, term: str) -> str:
        new = table[term]
        if found[:1].isupper() and not new[:1].isupper():
            new = new[:1].upper() + new[1:]
        return new

    return matcher.sub(text, repl)


def tidy(text: str) -> str:
    text = re.sub(r"\\([*_\[\]()#])", r"\1", text)
    text = text.replace("**", "").replace("*", "")
    text = re.sub(r"\s*\((?:i\.e\.,?|ie,)\s*", " (that is, ", text)
    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\betc\.?", "and so on", text)
    text = re.sub(r"\band/or\b", "or", text)
    return " ".join(text.split())


_ASIDE = re.compile(r"\s*\((?P<body>[^()]{25,})\)|\s*\u2014(?P<dash>[^\u2014]{12,})\u2014")


def _move_asides(sentence: str) -> tuple[str, list[str]]:
    """Long parentheses interrupt the sentence: say them after it, as sentences of their own.
    ("... donors (e.g., next of kin, friend) should be told" -> "... donors should be told.
    For example: next of kin, friend.")"""
    asides: list[str] = []

    def repl(m: re.Match[str]) -> str:
        body = (m.group("body") or m.group("dash")).strip()
        if len(words(body)) < 6:
            return m.group(0)
        body = re.sub(r"^(?:e\.g\.|for example|such as),?\s*", "For example: ", body)
        body = re.sub(r"^that is,\s*", "That is: ", body)
        asides.append(body)
        return ""

    return _ASIDE.sub(repl, sentence), asides


_ENUM = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2}|[a-h])\)\s+")
_ORDER = "abcdefgh"
_LIST_INTRO = re.compile(
    r"(?::\s+|\b(?:include|includes|including|such as)\s+(?=[^,]{2,60},[^,]{2,60},))"
)


def _as_list(sentence: str) -> list[str] | None:
    """A sentence that lists things becomes a lead-in plus items, one per line.

    Numbered lists ("1) ..., 2) ..." or "(1) ..., (2) ...") keep their numbers; a list of
    four or more short comma-separated items after a colon or "such as" is split too.
    """
    marks = list(_ENUM.finditer(sentence))
    numbered = [m for i, m in enumerate(marks)
                if m.group(1) in (str(i + 1), _ORDER[i:i + 1])]
    if len(numbered) >= 2 and len(numbered) == len(marks):
        lead = sentence[: numbered[0].start()].rstrip(" ,;:-–") + ":"
        items = []
        for i, m in enumerate(numbered):
            end = numbered[i + 1].start() if i + 1 < len(numbered) else len(sentence)
            item = sentence[m.start():end].strip()
            item = re.sub(r"[,;]?\s*(?:and|or)?\s*$", "", item).strip(" ,;")
            conj = re.search(r"[,;]?\s*\b(and|or)\s*$", sentence[m.start():end])
            if conj and i + 1 < len(numbered):
                item += f", {conj.group(1)}"
            items.append(item.rstrip("."))
        return [lead, *items] if len(words(lead)) >= 2 else None
    if len(words(sentence)) < 22:
        return None
    intro = _LIST_INTRO.search(sentence)
    if not intro:
        return None
    tail = sentence[intro.end():].rstrip(". ")
    parts = re.split(r",\s+(?:and\s+|or\s+)?|;\s+", tail)
    if len(parts) < 4 or any(len(words(p)) > 12 or not words(p) for p in parts):
        return None
    lead = sentence[: intro.end()].rstrip(" :") + ":"
    return [lead, *parts]


def _articles(text: str) -> str:
    """Fix "a"/"an" after words were replaced: "an higher risk" -> "a higher risk"."""
    text = re.sub(r"\b([Aa])n (?=[b-df-hj-np-tv-z])", r"\1 ", text)
    return re.sub(r"\b([Aa]) (?=[aeio](?!ne\b))", r"\1n ", text)


def _lead_last(sentence: str) -> str:
    """Main message first: 'In adults with X, do Y.' -> 'Do Y. This is for adults with X.'"""
    m = _LEAD.match(sentence)
    if not m or not re.match(r"[A-Z]|do not|don't|your|you\b", m.group("rest")):
        # The lead-in may hold a list; it then ends where "Experts ..." begins.
        m = _LEAD_EXPERTS.match(sentence)
        if not m:
            return _reason_last(sentence)
    rest = m.group("rest").rstrip(".")
    return f"{rest[:1].upper()}{rest[1:]}. This is for {m.group('who')}."


_REASON = re.compile(
    r"^(?P<word>Although|Though|While|Because|Since|Given|Due to|Based on)\s+(?P<why>.{3,300}?),"
    r"\s+(?P<rest>(?:Experts|Your doctor or nurse)\b.{10,})$")
_REASON_LEAD = {"although": "This is even though", "though": "This is even though",
                "while": "This is even though", "because": "This is because",
                "since": "This is because", "given": "This is given",
                "due to": "This is due to", "based on": "This is based on"}


def _reason_last(sentence: str) -> str:
    """'Although X, experts suggest Y.' -> 'Experts suggest Y. This is even though X.'"""
    m = _REASON.match(sentence)
    if not m:
        return sentence
    lead = _REASON_LEAD[m.group("word").lower()]
    return f"{m.group('rest').rstrip('.')}. {lead} {m.group('why')}."


def _split(sentence: str, depth: int = 0) -> list[str]:
    n = len(words(sentence))
    if n <= 14 or depth > 6:
        return [sentence]
    for pattern, lead in _SPLITTERS:
        best = None
        for m in pattern.finditer(sentence):
            left, right = sentence[: m.start()], sentence[m.end():]
            if left.count("(") != left.count(")") or left.count("[") != left.count("]"):
                continue  # never split inside brackets
            if len(words(left)) >= 5 and len(words(right)) >= 4:
                mid = abs(len(words(left)) - n / 2)
                if best is None or mid < best[0]:
                    best = (mid, m)
        if best is None:
            continue
        m = best[1]
        left = sentence[: m.start()].rstrip(" ,;:") + "."
        right = sentence[m.end():].strip()
        right = (lead + right) if lead else right[:1].upper() + right[1:]
        return _split(left, depth + 1) + _split(right, depth + 1)
    return [sentence]


_REPEAT = re.compile(r"\b([A-Za-z]{3,}) \1\b")
_KEEP_REPEAT = frozenset({"that", "had"})


def _polish(text: str) -> str:
    """Small fixes after words were swapped: repeated words, "This are", sentence capitals."""
    text = _REPEAT.sub(lambda m: m.group(0) if m.group(1).lower() in _KEEP_REPEAT
                       else m.group(1), text)
    text = re.sub(r"\bThis (are|were|have|include)\b", r"These \1", text)
    text = re.sub(r"(?<=[a-z0-9)][.!?] )([a-z])", lambda m: m.group(1).upper(), text)
    return _articles(text)


def finish(parts: list[str]) -> str:
    """Join sentences; parts starting with "- " are list items and go on their own lines."""
    out: list[str] = []
    after_item = False
    for p in parts:
        item = p.startswith("- ")
        p = _polish(" ".join(p.removeprefix("- ").split()).strip(" ,;"))
        if not words(p):
            continue
        if item:
            out.append(f"\n- {p}")
        else:
            p = p[:1].upper() + p[1:]
            if p[-1] not in ".!?:":
                p += "."
            out.append(("\n" if after_item else " ") + p)
        after_item = item
    return "".join(out).strip()
