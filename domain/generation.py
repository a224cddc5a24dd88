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
from collections.abc import Iterable
from typing import Protocol

from domain import glossary, summary
from domain.chinese import DISCLAIMER_ZH, generate_chinese, strength_wording_zh
from domain.model import (
    Direction,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    Recommendation,
    Strength,
)
from domain.numbers import missing_numbers
from domain.parsing import text_direction
from domain.plain import Rewriter, dedupe, finish, replace_terms, tidy
from domain.readability import score, sentences, words
from domain.reader import is_process

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
CARE_TEAM = "How your care team works"
REQUIRED_SECTIONS = (ABOUT, KEY, CONSIDER, QUESTIONS, WORDS, NOTE)
DISCLAIMER = (
    "This guide is here to help you learn. It does not replace advice from your own "
    "clinician. Talk with your care team about what is right for you."
)


class PvgProvider(Protocol):
    """Anything that can write a patient version of a parsed guideline."""

    name: str

    def generate(self, guideline: ParsedGuideline) -> PatientVersion: ...


def strength_wording(direction: Direction, strength: Strength) -> str:
    """How firm the advice is, in patient words with a symbol (patient-versions.md)."""
    if direction is Direction.INSUFFICIENT or strength is Strength.INSUFFICIENT:
        return "? There is not enough evidence. We do not know yet if this helps."
    if direction is Direction.AGAINST:
        if strength is Strength.STRONG:
            return "✖✖ Strong advice against. Experts advise not to do this."
        if strength is Strength.CONDITIONAL:
            return "✖ This is weak advice against. Experts lean against this, but talk it over."
        return "✖ Advice against. Experts advise not to do this."
    if strength is Strength.STRONG:
        return "✔✔ Strong advice for. Most people like you would want this."
    if strength is Strength.MODERATE:
        return "✔ Advice for. Most people like you would want this."
    if strength is Strength.CONDITIONAL:
        return ("✔? This is weak advice for. Many people would want this, but some would not. "
                "Talk it over.")
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

    name = "offline-rules/2"

    def generate(self, guideline: ParsedGuideline) -> PatientVersion:
        if guideline.language == "zh":
            return generate_chinese(guideline, self.name)
        full_text = "\n".join([*(s.text for s in guideline.sections),
                               *(r.source_text for r in guideline.recommendations)])
        rw = Rewriter(Rewriter.acronyms_from(full_text))
        recs = [self._recommendation(rw, r) for r in guideline.recommendations]
        who = summary.who_for(guideline, rw)
        advice, process = _key_and_process(guideline, recs, rw)
        sections = [PvgSection(heading=ABOUT, body=_about(guideline, who, rw)),
                    PvgSection(heading=KEY, body=advice)]
        if process:
            sections.append(PvgSection(heading=CARE_TEAM, body=process))
        sections += [
            PvgSection(heading=CONSIDER, body=_consider(guideline, rw)),
            PvgSection(heading=QUESTIONS, body=_questions(guideline, recs)),
        ]
        title = _plain_title(guideline.title)
        ranked = [recs[i] for i in _ranked(guideline, range(len(recs)))
                  if not is_process(guideline.recommendations[i].source_text)]
        # Main advice is what the experts do advise; "not enough evidence" only if nothing else.
        ranked = ([r for r in ranked if r.direction is not Direction.INSUFFICIENT]
                  or ranked)
        summary_text = summary.summary(who, _topic(title), [r.text for r in ranked])
        seen = "\n".join([summary_text, *(s.body for s in sections),
                          *(r.text for r in recs)])
        terms = glossary.build(seen, rw.acronyms)
        sections.append(PvgSection(heading=WORDS, body=glossary.render(terms)))
        sections.append(PvgSection(heading=NOTE, body=DISCLAIMER))
        pvg = PatientVersion(
            title=title,
            language="en",
            summary=summary_text,
            sections=sections,
            recommendations=recs,
            glossary=terms,
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
    if pvg.summary:
        parts.append(pvg.summary)
    for s in pvg.sections:
        parts.append(f"## {s.heading}\n\n{s.body}")
    return "\n\n".join(parts)


def _plain_title(title: str) -> str:
    t = re.sub(r"[:.]\s*(?:a |an )?(?:U\.S\. Preventive Services Task Force|USPSTF"
               r"|Community Preventive Services Task Force).*$", "", title,
               flags=re.IGNORECASE).strip(" .:")
    t = re.sub(r"^(?:VA/DoD|CDC|PHS)\s+(?:clinical practice )?guideline for (?:the )?", "", t,
               flags=re.IGNORECASE)
    t = re.sub(r"^(?:Final recommendation statement|CDC guidance for)\s*:?\s*", "", t,
               flags=re.IGNORECASE)
    t = re.sub(r"\.\s*In:.*$", "", t)
    t = re.sub(r"(?:: a .{0,80}(?:systematic review|recommendations? .{0,60}))$", "", t,
               flags=re.IGNORECASE)
    t = re.sub(r"\s*\([A-Z]{2,}\)", "", t)
    t = replace_terms(t).strip(" .:") or title
    return f"{t[:1].upper()}{t[1:]}: a guide for patients"


def _topic(title: str) -> str:
    topic = title.removesuffix(": a guide for patients")
    return topic[:1].lower() + topic[1:] if topic[1:2].islower() else topic


def _developer(guideline: ParsedGuideline) -> str | None:
    for s in guideline.sections[:2]:
        m = re.search(r"^\s*-?\s*Developer\(?s?\)?:\s*(.+)$", s.text, re.MULTILINE)
        if m:
            devs = [re.sub(r"\s+-\s+.*$", "", d).strip() for d in m.group(1).split(";")]
            devs = [d.removeprefix("The ") for d in devs if d]
            if not devs:
                return None
            return ", ".join(devs[:2]) + (f" and the {devs[2]}" if len(devs) > 2 else "")
    return None


def _about(guideline: ParsedGuideline, who: list[str], rw: Rewriter) -> str:
    lines = ["This is a short, plain guide. It is based on a guideline for health workers."]
    dev = _developer(guideline)
    if dev:
        lines.append(f"The guideline comes from the {dev}.")
    n = len(guideline.recommendations)
    lines.append("It gives 1 piece of advice." if n == 1 else f"It gives {n} pieces of advice.")
    if who:
        lines.append("\n**Who it is for:**\n")
        lines.extend(f"- {_item(w)}" for w in who)
    lines.append("\n**Who it is not for:**\n")
    excluded = summary.not_for(guideline, rw)
    lines.extend(f"- {_item(x)}" for x in excluded)
    if not excluded:
        lines.append("- The guideline does not name anyone it leaves out.")
    lines.append("- If you are not sure the advice fits you, ask your care team.")
    return "\n".join(lines)


def _item(text: str) -> str:
    """A bullet is one line: list items of a rewrite join it as a short list in words."""
    head, *items = text.split("\n- ")
    if not items:
        return head
    return f"{head.rstrip(':.')}: {'; '.join(i.rstrip('.') for i in items)}."


# --- key recommendations, grouped and strongest first ---------------------------------------

_RANK = {Strength.STRONG: 0, Strength.MODERATE: 1, Strength.CONDITIONAL: 2,
         Strength.CONSENSUS: 3, Strength.UNGRADED: 4, Strength.INSUFFICIENT: 5}
_GENERIC_TOPIC = re.compile(
    r"recommendation|summary|evidence|statement|^key question|^\d|^module [a-z]\b"
    r"|^(?:[a-z]|\d+)\.\s", re.IGNORECASE)
_TESTS = re.compile(r"\b(?:screen\w*|test\w*|check\w*|measur\w*|exam\w*|scan\w*|mammogra\w*"
                    r"|ultrasound|x-rays?|biops\w+|assess\w*|evaluat\w*|monitor\w*)\b",
                    re.IGNORECASE)
_MEDICINES = re.compile(r"\b(?:medicines?|drugs?|opioids?|aspirin|statins?|vitamin\w*"
                        r"|supplements?|vaccin\w*|doses?|prescri\w+|pills?|antibiotics?"
                        r"|hydroxyurea|naloxone|NSAIDs?)\b", re.IGNORECASE)


def _rank(rec: Recommendation) -> int:
    if rec.direction is Direction.INSUFFICIENT:
        return _RANK[Strength.INSUFFICIENT]
    return _RANK[rec.strength]


def _ranked(guideline: ParsedGuideline, indexes: Iterable[int]) -> list[int]:
    recs = guideline.recommendations
    return sorted(indexes, key=lambda i: (_rank(recs[i]), i))


def _topic_of(rec: Recommendation, out: PvgRecommendation, many: bool) -> str:
    """The guideline's own topic heading; else what the advice is, with tests, medicines and
    other care told apart only when there is much advice to find one's way in."""
    topic = re.sub(r"^(?:Module [A-Z]:|[A-Z]\.|\d+\.)\s*", "", (rec.section or "").strip())
    if topic and not _GENERIC_TOPIC.search(rec.section or "") and len(topic) < 70:
        topic = re.sub(r"\s*\([A-Z]{2,}s?\)", "", tidy(topic))
        topic = replace_terms(topic.replace("\u2014", " \u2014 ").replace("/", " or "))
        return dedupe(" ".join(topic.split()))
    if rec.direction is Direction.INSUFFICIENT:
        return "Where there is not enough evidence"
    if rec.direction is Direction.AGAINST:
        return "What experts advise against"
    if not many:
        return "What experts advise"
    if _TESTS.search(out.text):
        return "Tests and check-ups"
    if _MEDICINES.search(out.text):
        return "Medicines"
    return "Other care"


def _key_and_process(guideline: ParsedGuideline, recs: list[PvgRecommendation],
                     rw: Rewriter) -> tuple[str, str]:
    """The advice grouped by topic, strongest group and item first; care-team process apart."""
    groups: dict[str, list[int]] = {}
    process: list[int] = []
    many = len(recs) > 8
    for i, (rec, out) in enumerate(zip(guideline.recommendations, recs, strict=True)):
        if is_process(rec.source_text):
            process.append(i)
        else:
            groups.setdefault(_topic_of(rec, out, many), []).append(i)
    order = sorted(groups, key=lambda t: (min(_rank(guideline.recommendations[i])
                                              for i in groups[t]), min(groups[t])))
    blocks = [
        "Each item says what the experts advise and how sure they are.",
        "✔ means advice for. ✖ means advice against. ? means there is not enough evidence.",
    ]
    for topic in order:
        blocks.append(f"### {topic}")
        for i in _ranked(guideline, groups[topic]):
            blocks.append(_block(i + 1, guideline.recommendations[i], recs[i], rw))
    if not process:
        return "\n\n".join(blocks), ""
    team = ["These points are about how your care team plans and runs your care. You do not "
            "have to do anything. You can ask your care team about any of them."]
    for i in _ranked(guideline, process):
        first = sentences(recs[i].text.split("\n")[0])
        team.append(f"- **Advice {i + 1}** ({recs[i].strength.split('.')[0]}): "
                    f"{first[0] if first else recs[i].text}")
    return "\n\n".join(blocks), "\n".join([team[0], "", *team[1:]])


def _block(n: int, rec: Recommendation, out: PvgRecommendation, rw: Rewriter) -> str:
    lines = [f"#### Advice {n}"]
    if rec.context:
        context = rw.simplify(rec.context, 1)
        if re.match(r"(?:In|For|Among)\s(?:[\w-]+\s){0,3}?(?:adults|children|people|women|men"
                    r"|teens|babies|infants|persons|pregnant|veterans|donors|anyone|those)\b",
                    context):
            lines.append("**Who:** " + re.sub(r"^(?:In|Among)\s+", "For ", context))
        else:
            lines.append(f"**Part of the advice:** {context.rstrip('.:')}:")
    lines.append(f"**What to do:** {out.text}")
    grade = f" (Grade: {_grade(rec.grade)}.)" if rec.grade else ""
    lines.append(f"**How strong:** {out.strength}{grade}")
    lines.append(f"**Why:** {_why(rec)}")
    return "\n\n".join(lines)


def _grade(grade: str) -> str:
    g = re.sub(r"^Category\s+", "", grade.split(";")[0].strip())
    g = re.sub(r"\s*(?:recommendation|statement)$", "", g, flags=re.IGNORECASE)
    g = re.sub(r"Consensus\W+(?:Panel Expertise|Adapted)", "experts' shared view", g)
    return g.replace("Low-Quality Evidence", "low-quality evidence").replace(
        "Moderate-Quality Evidence", "fair evidence").replace(
        "High-Quality Evidence", "good evidence").rstrip(".")


def _consider(guideline: ParsedGuideline, rw: Rewriter) -> str:
    out = []
    benefits = summary.section(guideline, "Potential Benefits", "Benefits")
    harms = summary.section(guideline, "Potential Harms", "Harms", "Risks")
    for found, label in ((benefits, "**Possible good effects:**\n"),
                         (harms, "\n**Possible harms:**\n")):
        items = _items(found.text, 3) if found else []
        if items:
            out.append(label)
            out.extend(f"- {_item(rw.simplify(x))}" for x in items)
    out.append("\nEvery test and treatment has good points and risks. Think about what matters "
               "most to you. Your care team can help you weigh them.")
    return "\n".join(out).strip()


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


def _questions(guideline: ParsedGuideline, recs: list[PvgRecommendation]) -> str:
    qs = [
        "Does this advice fit me and my health?",
        "What are the good points and the risks for me?",
        "What happens if I wait, or do nothing?",
        "Are there other choices I could think about?",
    ]
    if any(re.search(r"\b(?:every|each|annual|interval|years?|months?|weeks?)\b", r.text)
           for r in guideline.recommendations):
        qs.insert(2, "How often do I need this, and for how long?")
    if any(r.strength_level is Strength.CONDITIONAL for r in recs):
        qs.insert(1, "Some advice here depends on my wishes. Which choice fits me best?")
    qs.append("Where can I learn more?")
    return "\n".join(f"- {q}" for q in qs)
