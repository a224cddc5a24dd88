"""Write the patient version of a parsed guideline.

``PvgProvider`` is the seam for generators (a language model later); ``OfflineProvider``
is the deterministic rule-based one that needs nothing outside this package. It rewrites
each statement in plain words (:mod:`domain.plain`), builds the sections that
patient-versions.md asks for, and checks its own output: a rewrite that lost a number or
changed the direction is replaced by a more literal one, so fidelity never depends on the
rewriting rules being perfect.
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
from domain.plain import Rewriter, finish, replace_terms, tidy
from domain.readability import score, sentences, words
from domain.terms import TermMatcher

__all__ = [
    "DISCLAIMER",
    "DISCLAIMER_ZH",
    "REQUIRED_SECTIONS",
    "OfflineProvider",
    "PvgProvider",
    "Rewriter",
    "render_text",
    "strength_wording",
    "strength_wording_zh",
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
    if strength is Strength.CONSENSUS:
        return "✔ Advice for. This is the experts' shared view, not a graded study result."
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
        pvg.advice_readability = score("\n".join(r.text for r in pvg.recommendations))
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
            text = finish([tidy(source)])
        return PvgRecommendation(
            id=rec.id,
            text=text,
            strength=strength_wording(rec.direction, rec.strength),
            direction=rec.direction,
            source_text=rec.source_text,
            grade=rec.grade,
            strength_level=rec.strength,
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
    t = replace_terms(t) or title
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
        topic = replace_terms(topic)
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


DISCLAIMER_ZH = "本资料仅供参考，不能代替医生的建议。"


def strength_wording_zh(direction: Direction, strength: Strength) -> str:
    """Chinese counterpart of :func:`strength_wording`, same symbols (QC reads them)."""
    if strength is Strength.STRONG and direction is Direction.FOR:
        return "✔✔ 强烈建议这样做。大多数像您这样的人会愿意这样做。"
    if strength is Strength.STRONG and direction is Direction.AGAINST:
        return "✖✖ 专家强烈建议不要这样做。"
    if strength is Strength.CONDITIONAL and direction is Direction.FOR:
        return "✔? 弱推荐：很多人会愿意这样做，但也有人不愿意。请和医生商量。"
    return _ZH_STRENGTH[direction]


def _generate_chinese(guideline: ParsedGuideline, name: str) -> PatientVersion:
    """Chinese text is kept close to the source (no Chinese lexicon yet); the structure,
    strength wording and disclaimer follow the same rules as English."""
    recs = []
    blocks = []
    for i, rec in enumerate(guideline.recommendations, 1):
        text = re.sub(r"\s+", "", strip_references(rec.text)) or rec.source_text
        strength = strength_wording_zh(rec.direction, rec.strength)
        if text and text[-1] not in "。！？":
            text += "。"
        recs.append(PvgRecommendation(id=rec.id, text=text, strength=strength,
                                      direction=rec.direction, source_text=rec.source_text,
                                      grade=rec.grade, strength_level=rec.strength))
        blocks.append(f"### {i}.\n\n**建议强度：** {strength}\n**怎么做：** {text}")
    sections = [
        PvgSection(heading=ABOUT, body=f"这是《{guideline.title}》的患者版。"),
        PvgSection(heading=KEY, body="\n\n".join(blocks)),
        PvgSection(heading=CONSIDER, body="每种检查和治疗都有好处和风险。请和医生一起权衡。"),
        PvgSection(heading=QUESTIONS, body="- 这个建议适合我吗？\n- 有什么好处和风险？"),
        PvgSection(heading=WORDS, body="本指南尽量不用专业词语。"),
        PvgSection(heading=NOTE, body=DISCLAIMER_ZH),
    ]
    return PatientVersion(title=guideline.title, language="zh", sections=sections,
                          recommendations=recs, generator=name)
