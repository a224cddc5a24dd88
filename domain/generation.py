"""Write the patient version of a parsed guideline.

``PvgProvider`` is the seam for generators (a language model later); ``OfflineProvider``
is the deterministic rule-based one that needs nothing outside this package. It rewrites
each statement in plain words (lay terms from :mod:`domain.lexicon`, acronyms spelt out,
references and evidence codes removed, long sentences split at clause boundaries) and then
checks its own output: a rewrite that lost a number or changed the direction is replaced by
a more literal one, so fidelity never depends on the rewriting rules being perfect.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

from domain import lexicon
from domain.model import (
    Direction,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    Recommendation,
    Section,
    Strength,
)
from domain.numbers import missing_numbers, strip_references
from domain.parsing import text_direction
from domain.readability import score, sentences, words
from domain.terms import TermMatcher

__all__ = [
    "DISCLAIMER",
    "REQUIRED_SECTIONS",
    "OfflineProvider",
    "PvgProvider",
    "Rewriter",
    "render_text",
    "strength_wording",
]

ABOUT = "What this guideline is about"
KEY = "Key recommendations"
CONSIDER = "Things to consider"
QUESTIONS = "Questions to ask your clinician"
WORDS = "Words to know"
NOTE = "Disclaimer"
REQUIRED_SECTIONS = (ABOUT, KEY, CONSIDER, QUESTIONS, WORDS, NOTE)
DISCLAIMER = (
    "This guide is here to help you learn. It does not replace advice from your own "
    "clinician. Talk with your doctor or nurse about what is right for you."
)


class PvgProvider(Protocol):
    """Anything that can write a patient version of a parsed guideline."""

    name: str

    def generate(self, guideline: ParsedGuideline) -> PatientVersion: ...


def strength_wording(direction: Direction, strength: Strength) -> str:
    """How firm the advice is, in patient words with a symbol (patient-versions.md)."""
    if direction is Direction.INSUFFICIENT or strength is Strength.INSUFFICIENT:
        return "? Not enough evidence. We do not know yet if this helps."
    if direction is Direction.AGAINST:
        if strength is Strength.STRONG:
            return "✖✖ Strong advice against. Experts advise not to do this."
        if strength is Strength.CONDITIONAL:
            return "✖ Weak advice against. Experts lean against this, but talk it over."
        return "✖ Advice against. Experts advise not to do this."
    if strength is Strength.STRONG:
        return "✔✔ Strong advice for. Most people like you would want this."
    if strength is Strength.MODERATE:
        return "✔ Advice for. Most people like you would want this."
    if strength is Strength.CONDITIONAL:
        return "✔? Weak advice for. Many people would want this, but some would not. Talk it over."
    return "✔ Advice for. The experts advise this. They did not grade how sure they are."


_WHY = {
    "A": "The experts are very sure that this helps a lot.",
    "B": "The experts are sure that this helps.",
    "C": "It helps only a little, so it depends on you and your health.",
    "D": "The experts found that it does not help, or that the harm is greater than the good.",
    "I": "There are not enough good studies to weigh the good against the harm.",
}


def _why(rec: Recommendation) -> str:
    grade = (rec.grade or "").strip().upper()[:1] if rec.scheme in ("USPSTF", "letter") else ""
    if grade in _WHY and rec.scheme == "USPSTF":
        return _WHY[grade]
    if rec.direction is Direction.INSUFFICIENT:
        return _WHY["I"]
    if rec.direction is Direction.AGAINST:
        return "The experts found that it does not help enough, or that it may do harm."
    if rec.strength is Strength.CONDITIONAL:
        return "The good and the harm are close, so your wishes matter."
    if rec.strength is Strength.UNGRADED:
        return "This is based on the experts' judgment and the studies they read."
    return "The experts found that the good it does is likely to be greater than the harm."


# --- rewriting ------------------------------------------------------------------------------


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
    (re.compile(r",\s+whereas\s+|,\s+while\s+"), "But "),
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
        text = _tidy(strip_references(text))
        if level == 0:
            return _finish([text])
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
        text = _replace_terms(text)
        text = re.sub(r"(?:^|(?<=[.:;] )|(?<=that )|(?<=, ))(?:clinicians|doctors|health workers)"
                      r" should\b",
                      lambda m: ("Your" if m.group(0)[0].isupper() else "your")
                      + " doctor or nurse should", text, flags=re.IGNORECASE)
        text = re.sub(r"\bthe (?:patient|person)'s\b", "your", text, flags=re.IGNORECASE)
        text = re.sub(r"\bpatient's\b", "their", text)
        text = re.sub(r"\bpeople's\b", "their", text)
        if level == 1:
            return _finish(sentences(text) or [text])
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
        return _finish(out)

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


def _replace_terms(text: str) -> str:
    matcher, table = _lexicon()

    def repl(found: str, term: str) -> str:
        new = table[term]
        if found[:1].isupper() and not new[:1].isupper():
            new = new[:1].upper() + new[1:]
        return new

    return matcher.sub(text, repl)


def _tidy(text: str) -> str:
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


_ENUM = re.compile(r"(?:(?<=\s)|^)\(?(\d{1,2})\)\s+")
_LIST_INTRO = re.compile(
    r"(?::\s+|\b(?:include|includes|including|such as)\s+(?=[^,]{2,60},[^,]{2,60},))"
)


def _as_list(sentence: str) -> list[str] | None:
    """A sentence that lists things becomes a lead-in plus items, one per line.

    Numbered lists ("1) ..., 2) ..." or "(1) ..., (2) ...") keep their numbers; a list of
    four or more short comma-separated items after a colon or "such as" is split too.
    """
    marks = list(_ENUM.finditer(sentence))
    numbered = [m for i, m in enumerate(marks) if m.group(1) == str(i + 1)]
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
            return sentence
    rest = m.group("rest").rstrip(".")
    return f"{rest[:1].upper()}{rest[1:]}. This is for {m.group('who')}."


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


def _finish(parts: list[str]) -> str:
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


# --- the provider ---------------------------------------------------------------------------


class OfflineProvider:
    """Deterministic rule-based generator; no network, no model."""

    name = "offline-rules/1"

    def generate(self, guideline: ParsedGuideline) -> PatientVersion:
        if guideline.language == "zh":
            return _generate_chinese(guideline, self.name)
        full_text = "\n".join(s.text for s in guideline.sections)
        rw = Rewriter(Rewriter.acronyms_from(full_text))
        recs = [self._recommendation(rw, r) for r in guideline.recommendations]
        sections = [
            PvgSection(heading=ABOUT, body=_about(guideline, rw)),
            PvgSection(heading=KEY, body=_key_body(guideline, recs, rw)),
            PvgSection(heading=CONSIDER, body=_consider(guideline, rw)),
            PvgSection(heading=QUESTIONS, body=_questions(guideline)),
        ]
        sections.append(PvgSection(heading=WORDS, body=_words_to_know(sections)))
        sections.append(PvgSection(heading=NOTE, body=DISCLAIMER))
        pvg = PatientVersion(
            title=_plain_title(guideline.title),
            language="en",
            sections=sections,
            recommendations=recs,
            generator=self.name,
        )
        pvg.readability = score(render_text(pvg))
        return pvg

    @staticmethod
    def _recommendation(rw: Rewriter, rec: Recommendation) -> PvgRecommendation:
        source = rec.text or rec.source_text
        want = text_direction(source)
        text = ""
        for level in (2, 1, 0):
            text = rw.simplify(source, level)
            if not missing_numbers(source, text) and text_direction(text) == want:
                break
        else:
            text = _finish([_tidy(source)])
        return PvgRecommendation(
            id=rec.id,
            text=text,
            strength=strength_wording(rec.direction, rec.strength),
            direction=rec.direction,
            source_text=rec.source_text,
        )


def render_text(pvg: PatientVersion) -> str:
    """The patient version as one Markdown document (what readability is measured on)."""
    parts = [f"# {pvg.title}"]
    for s in pvg.sections:
        parts.append(f"## {s.heading}\n\n{s.body}")
    return "\n\n".join(parts)


def _plain_title(title: str) -> str:
    t = re.sub(r"[:.]\s*(?:a |an )?(?:U\.S\. Preventive Services Task Force|USPSTF).*$", "",
               title, flags=re.IGNORECASE).strip(" .:")
    t = re.sub(r"^(?:VA/DoD|CDC)\s+clinical practice guideline for (?:the )?", "", t,
               flags=re.IGNORECASE)
    t = _replace_terms(t) or title
    return f"{t[:1].upper()}{t[1:]}: a guide for patients"


def _section(guideline: ParsedGuideline, *names: str) -> Section | None:
    """The first section with one of these headings, with the text of its subsections."""
    for name in names:
        for i, s in enumerate(guideline.sections):
            if s.heading.lower() != name.lower():
                continue
            parts = [s.text]
            for sub in guideline.sections[i + 1 :]:
                if sub.level <= s.level:
                    break
                parts.append(sub.text)
            text = "\n\n".join(p for p in parts if p.strip())
            if text.strip():
                return Section(heading=s.heading, level=s.level, text=text)
    return None


def _items(text: str, limit: int, max_words: int = 40) -> list[str]:
    """First bullets or sentences of a section, without sub-headings and notes."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        if not line or line.startswith("#") or "original guideline" in line.lower():
            continue
        line = re.sub(r"^(?:[-*+]\s+|\d+[.)]\s+)", "", line)
        for sent in sentences(line):
            if 3 <= len(words(sent)) <= max_words and not sent.lower().startswith("note"):
                out.append(sent)
            if len(out) >= limit:
                return out
    return out


def _developer(guideline: ParsedGuideline) -> str | None:
    for s in guideline.sections[:2]:
        m = re.search(r"^\s*-?\s*Developer\(?s?\)?:\s*(.+)$", s.text, re.MULTILINE)
        if m:
            devs = [re.sub(r"\s+-\s+.*$", "", d).strip() for d in m.group(1).split(";")]
            devs = [d.removeprefix("The ") for d in devs if d]
            return " and the ".join(devs[:3]) if devs else None
    return None


def _about(guideline: ParsedGuideline, rw: Rewriter) -> str:
    lines = ["This is a short, plain guide. It is based on a guideline for health workers."]
    dev = _developer(guideline)
    if dev:
        lines.append(f"The guideline comes from the {dev.removeprefix('The ')}.")
    n = len(guideline.recommendations)
    lines.append("It gives one piece of advice. You can read it below." if n == 1 else
                 f"It gives {n} pieces of advice. You can read each one below.")
    target = _section(guideline, "Target Population")
    who = [w for w in _items(target.text, 3, 90) if not _EXCLUDE.search(w)] if target else []
    if who:
        lines.append("\n**Who it is for:**\n")
        lines.extend(f"- {rw.simplify(w)}" for w in who)
    lines.append("\n**Who it is not for:**\n")
    not_for = _not_for(guideline, target, rw)
    lines.extend(f"- {x}" for x in not_for)
    lines.append("- If you are not sure the advice fits you, ask your doctor or nurse.")
    return "\n".join(lines)


_EXCLUDE = re.compile(
    r"(?:does|do) not apply|not intended for|(?:is|are) not (?:considered|covered|included"
    r"|addressed)|\bexclud", re.IGNORECASE)
_WHO_NOT = re.compile(r"\bwho (?:do|does) not have ([^.;]+?)(?=,? and who|[.;]|$)"
                      r"|\bwho are not ([^.;]+?)(?=,? and who|[.;]|$)")


def _not_for(guideline: ParsedGuideline, target: Section | None, rw: Rewriter) -> list[str]:
    """Who the advice is not for: exclusions the guideline states, and the opposite of
    "who do not have ..." in its target population."""
    found: list[str] = []
    text = target.text if target else ""
    for m in _WHO_NOT.finditer(text):
        if m.group(1):
            found.append(rw.simplify(f"People who already have {m.group(1)}"))
        else:
            found.append(rw.simplify(f"People who are {m.group(2)}"))
    sources = [text] + [r.source_text for r in guideline.recommendations[:1]]
    for s in guideline.sections:
        if s.heading.lower().startswith(("target population", "major recommendations",
                                         "summary of recommendation")):
            sources.append(s.text)
    for chunk in sources:
        for sent in sentences(chunk):
            if _EXCLUDE.search(sent) and 4 <= len(words(sent)) <= 45:
                simple = rw.simplify(re.sub(r"^\**Note\**:?\s*", "", sent))
                if simple not in found:
                    found.append(simple)
    return found[:3] or ["People who already have signs of the illness, unless the advice "
                         "says so."]


def _key_body(guideline: ParsedGuideline, recs: list[PvgRecommendation], rw: Rewriter) -> str:
    blocks = [
        "Each item says what the experts advise and how sure they are.",
        "✔ means advice for. ✖ means advice against. ? means there is not enough evidence.",
    ]
    for i, (rec, pvg) in enumerate(zip(guideline.recommendations, recs, strict=True), 1):
        topic = rec.section or ""
        if re.search(r"recommendation|summary|evidence|^key question|^\d", topic, re.IGNORECASE):
            topic = ""
        topic = _replace_terms(topic)
        head = f"### {i}. {topic}" if topic and len(topic) < 80 else f"### Advice {i}"
        body = [head, "", f"**How strong:** {pvg.strength}"]
        if rec.grade:
            body.append(f"(Grade: {_grade(rec.grade)}.)")
        if rec.context:
            body.append(f"**Who:** {rw.simplify(rec.context)}")
        body.append(f"**What to do:** {pvg.text}")
        body.append(f"**Why:** {_why(rec)}")
        blocks.append("\n".join(body))
    return "\n\n".join(blocks)


def _grade(grade: str) -> str:
    g = re.sub(r"^Category\s+", "", grade.split(";")[0].strip())
    g = re.sub(r"\s*(?:recommendation|statement)$", "", g, flags=re.IGNORECASE)
    g = re.sub(r"Consensus\W+(?:Panel Expertise|Adapted)", "experts' shared view", g)
    return g.replace("Low-Quality Evidence", "low-quality proof").replace(
        "Moderate-Quality Evidence", "fair proof").replace("High-Quality Evidence", "good proof")


def _consider(guideline: ParsedGuideline, rw: Rewriter) -> str:
    out = []
    benefits = _section(guideline, "Potential Benefits", "Benefits")
    harms = _section(guideline, "Potential Harms", "Harms", "Risks")
    if benefits:
        items = _items(benefits.text, 3)
        if items:
            out.append("**Possible good effects:**\n")
            out.extend(f"- {rw.simplify(x)}" for x in items)
    if harms:
        items = _items(harms.text, 3)
        if items:
            out.append("\n**Possible harms:**\n")
            out.extend(f"- {rw.simplify(x)}" for x in items)
    out.append("\nEvery test and treatment has good points and risks. Think about what matters "
               "most to you. Your doctor or nurse can help you weigh them.")
    return "\n".join(out).strip()


def _questions(guideline: ParsedGuideline) -> str:
    qs = [
        "Does this advice fit me and my health?",
        "What are the good points and the risks for me?",
        "What happens if I wait, or do nothing?",
        "Are there other choices I could think about?",
    ]
    if any(re.search(r"\b(?:every|each|annual|interval|years?|months?|weeks?)\b", r.text)
           for r in guideline.recommendations):
        qs.insert(2, "How often do I need this, and for how long?")
    qs.append("Where can I learn more?")
    return "\n".join(f"- {q}" for q in qs)


@lru_cache(maxsize=1)
def _defined() -> TermMatcher:
    return TermMatcher(lexicon.DEFINED_TERMS)


def _words_to_know(sections: list[PvgSection]) -> str:
    text = " ".join(s.body for s in sections)
    shown: dict[str, str] = {}
    for start, end, term in _defined().find(text):
        shown.setdefault(term, text[start:end])
    if not shown:
        return "This guide uses no special medical words."
    lines = []
    for term in sorted(shown):
        display = shown[term]
        if display[:1].isupper() and display[1:2].islower():
            display = display[:1].lower() + display[1:]  # capital only because it began a line
        lines.append(f"- **{display}**: {lexicon.DEFINED_TERMS[term]}")
    return "\n".join(lines)


# --- Chinese --------------------------------------------------------------------------------

_ZH_STRENGTH = {
    Direction.FOR: "✔ 建议这样做。",
    Direction.AGAINST: "✖ 专家建议不要这样做。",
    Direction.INSUFFICIENT: "? 证据不足，无法判断是否有益。",
}


def _generate_chinese(guideline: ParsedGuideline, name: str) -> PatientVersion:
    """Chinese text is kept close to the source (no Chinese lexicon yet); the structure,
    strength wording and disclaimer follow the same rules as English."""
    recs = []
    blocks = []
    for i, rec in enumerate(guideline.recommendations, 1):
        text = re.sub(r"\s+", "", strip_references(rec.text)) or rec.source_text
        strength = _ZH_STRENGTH[rec.direction]
        if rec.strength is Strength.STRONG and rec.direction is Direction.FOR:
            strength = "✔✔ 强烈建议这样做。大多数像您这样的人会愿意这样做。"
        elif rec.strength is Strength.STRONG and rec.direction is Direction.AGAINST:
            strength = "✖✖ 专家强烈建议不要这样做。"
        elif rec.strength is Strength.CONDITIONAL and rec.direction is Direction.FOR:
            strength = "✔? 弱推荐：很多人会愿意这样做，但也有人不愿意。请和医生商量。"
        if text and text[-1] not in "。！？":
            text += "。"
        recs.append(PvgRecommendation(id=rec.id, text=text, strength=strength,
                                      direction=rec.direction, source_text=rec.source_text))
        blocks.append(f"### {i}.\n\n**建议强度：** {strength}\n**怎么做：** {text}")
    sections = [
        PvgSection(heading=ABOUT, body=f"这是《{guideline.title}》的患者版。"),
        PvgSection(heading=KEY, body="\n\n".join(blocks)),
        PvgSection(heading=CONSIDER, body="每种检查和治疗都有好处和风险。请和医生一起权衡。"),
        PvgSection(heading=QUESTIONS, body="- 这个建议适合我吗？\n- 有什么好处和风险？"),
        PvgSection(heading=WORDS, body="本指南尽量不用专业词语。"),
        PvgSection(heading=NOTE, body="本资料仅供参考，不能代替医生的建议。"),
    ]
    return PatientVersion(title=guideline.title, language="zh", sections=sections,
                          recommendations=recs, generator=name)
