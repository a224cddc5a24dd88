"""The language-model provider's pure half: the request plan, the prompts, the answers'
schemas, and the checks that turn answers into a :class:`PatientVersion` or reject them.

No HTTP here (``activities/llm.py`` sends the requests), so every rule is unit-tested
without a server. A model is trusted with wording only: the strength wording, the
disclaimer, the grouping and the section order come from our own rules, and an answer that
drops a recommendation, changes a number, flips a direction or has a wording defect is
rejected with the same checks as quality control (:func:`domain.quality.check_quality`),
so a bad answer is asked for again instead of reaching a patient.

A long guideline is not asked for in one answer: :func:`plan_parts` splits it into parts
(recommendations in chunks, plus one overview), each checked and cached on its own, and
:func:`to_patient_version` merges them. The merged page of a long guideline is laid out by
the offline page's own functions (:func:`domain.generation.long_page`, "What studies found
can help"), so both providers print the same parts in the same places.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from domain import evidence_found, page_plan
from domain.chinese import HEADINGS_ZH
from domain.fidelity import added_numbers
from domain.generation import (
    ABOUT,
    CONSIDER,
    DISCLAIMER,
    DISCLAIMER_ZH,
    KEY,
    NOTE,
    QUESTIONS,
    WORDS,
    LongPage,
    found_harmful,
    found_helpful,
    long_page,
    reader_rewriter,
    render_text,
    strength_wording,
    strength_wording_zh,
)
from domain.glossary import ALL_SAID, REST_LEAD, explain_where_used
from domain.lay_terms import GUIDELINE
from domain.model import (
    Direction,
    GlossaryEntry,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    QualityReport,
    Recommendation,
    Severity,
    Strength,
)
from domain.plain import Rewriter, replace_terms
from domain.quality import check_quality
from domain.readability import score, score_chinese, words

__all__ = [
    "ADVICE",
    "MAX_PART_CHARS",
    "MAX_PART_RECOMMENDATIONS",
    "OVERVIEW",
    "PROMPT_VERSION",
    "SUMMARY_MAX_WORDS",
    "WHOLE",
    "Completion",
    "InvalidAnswer",
    "Part",
    "acronyms_in",
    "build_messages",
    "cache_version",
    "check_part",
    "cost",
    "parse_completion",
    "plan_parts",
    "request_body",
    "response_format",
    "to_patient_version",
    "wording_problems",
]

PROMPT_VERSION = "pvg-prompt/2"
"""Part of every cache key: change it whenever a prompt or schema changes meaning."""

# A part holds at most this much: about 1,500 tokens of statements, so each answer stays
# well inside a model's output limit and a failed part is cheap to ask for again.
MAX_PART_RECOMMENDATIONS = 20
MAX_PART_CHARS = 6000
# The overview sees the statements strongest first, up to this many characters.
MAX_OVERVIEW_CHARS = 12000
SUMMARY_MAX_WORDS = 120

WHOLE = "whole"
"""Everything in one answer: a guideline that fits one part."""
ADVICE = "advice"
"""Some of the recommendations, with the glossary of their wording."""
OVERVIEW = "overview"
"""Title, summary, about, things to consider, questions, and their glossary."""


@dataclass(frozen=True)
class Part:
    """One request of a guideline's plan."""

    name: str
    """``whole``, ``advice-3`` or ``overview``: part of the cache key."""
    kind: str
    ids: tuple[str, ...] = ()
    """The recommendations this part rewrites (none for the overview)."""
    number: int = 1
    count: int = 1
    """This advice part's place among the advice parts."""


def _size(rec: Recommendation) -> int:
    return len(rec.text or rec.source_text) + len(rec.context or "")


def plan_parts(
    guideline: ParsedGuideline,
    max_recommendations: int = MAX_PART_RECOMMENDATIONS,
    max_chars: int = MAX_PART_CHARS,
) -> list[Part]:
    """The requests for a guideline, in the order they are sent.

    A guideline within one budget (``max_recommendations`` statements and ``max_chars``
    characters of statement text) is one request. A longer one is split, in document
    order, into advice parts within that budget, cut at a change of section once a part is
    half full, plus one overview request.
    """
    recs = guideline.recommendations
    if len(recs) <= max_recommendations and sum(_size(r) for r in recs) <= max_chars:
        return [Part(WHOLE, WHOLE, tuple(r.id for r in recs))]
    chunks: list[list[Recommendation]] = []
    current: list[Recommendation] = []
    chars = 0
    for rec in recs:
        full = len(current) >= max_recommendations or chars + _size(rec) > max_chars
        new_topic = rec.section != (current[-1].section if current else rec.section) and (
            2 * len(current) >= max_recommendations or 2 * chars >= max_chars)
        if current and (full or new_topic):
            chunks.append(current)
            current, chars = [], 0
        current.append(rec)
        chars += _size(rec)
    if current:
        chunks.append(current)
    parts = [Part(f"{ADVICE}-{i}", ADVICE, tuple(r.id for r in chunk), i, len(chunks))
             for i, chunk in enumerate(chunks, 1)]
    return [*parts, Part(OVERVIEW, OVERVIEW)]


# --- the request ----------------------------------------------------------------------------

# OpenAI's strict structured output needs every property required and no extra ones.
_STRING = {"type": "string"}
_STRINGS = {"type": "array", "items": _STRING}
_PROPERTIES: dict[str, Any] = {
    "title": _STRING,
    "summary": _STRING,
    "about": _STRING,
    "recommendations": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "text", "direction"],
            "properties": {
                "id": _STRING,
                "text": _STRING,
                "direction": {"type": "string", "enum": [d.value for d in Direction]},
            },
        },
    },
    "things_to_consider": _STRINGS,
    "questions": _STRINGS,
    "glossary": {
        "type": "array",
        "items": {
            "type": "object",
            "additionalProperties": False,
            "required": ["term", "meaning"],
            "properties": {"term": _STRING, "meaning": _STRING},
        },
    },
}
_FIELDS = {
    WHOLE: ("title", "summary", "about", "recommendations", "things_to_consider", "questions",
            "glossary"),
    ADVICE: ("recommendations", "glossary"),
    OVERVIEW: ("title", "summary", "about", "things_to_consider", "questions", "glossary"),
}
_SCHEMA_NAMES = {WHOLE: "patient_version", ADVICE: "patient_version_advice",
                 OVERVIEW: "patient_version_overview"}


def response_format(kind: str) -> dict[str, Any]:
    """The strict JSON schema of one kind of part."""
    fields = _FIELDS[kind]
    schema = {"type": "object", "additionalProperties": False, "required": list(fields),
              "properties": {f: _PROPERTIES[f] for f in fields}}
    return {"type": "json_schema",
            "json_schema": {"name": _SCHEMA_NAMES[kind], "strict": True, "schema": schema}}


_RULES = """You write patient versions of clinical practice guidelines: what a guideline
recommends, in words a patient can read.
Rules:
- Write for a reader at a 6th grade level: short sentences, everyday words, active voice.
  Write whole sentences, each with a verb: no lists, headings or markup inside a text.
- Speak to the reader as "you". Advice to doctors or the care team becomes what you can
  expect or ask: "Your care team should ...", "Ask your doctor about ...". Never write
  "the patient" or "patients".
- Use plain words, but keep the names of tests, treatments, conditions, drugs, agencies
  and programmes exactly as the guideline writes them (never swap their words one by one)
  and explain them in "glossary".
- Spell out an acronym only with the guideline's own definition (under "acronyms"). Never
  guess what other letters stand for: keep the acronym and explain it in "glossary".
- Keep every number, unit and comparison exactly as given, in digits ("50 to 74 years",
  "every 2 years", "<140 mmHg"). Add no numbers.
- Keep the direction: "for" stays advice to do it, "against" stays advice not to do it,
  "insufficient" stays "there is not enough evidence". Keep every "not".
- Say nothing the guideline does not say.
- "glossary": every acronym and medical term left in the text you write, each with a short
  plain meaning (for an acronym under "acronyms", its meaning starts with that definition).
- Write in {language}.
{task}
Answer with JSON that matches the given schema."""

_ADVICE_TASK = """- "recommendations": exactly one item for each recommendation you are given, with
  the same "id" and "direction". Do not add, merge or drop recommendations."""
_OVERVIEW_TASK = """- "summary": at most 120 words, first: who this guide is for, then the main
  advice, strongest first.
- "about": what the guideline is about, who it is for and who it is not for, taken from
  the guideline's own words about its target population (say nothing about who it is not
  for if the guideline does not say).
- "things_to_consider": the good points and harms of the advice, in plain words.
- "questions": questions you could ask your clinician."""
_TASKS = {
    WHOLE: _OVERVIEW_TASK + "\n" + _ADVICE_TASK,
    ADVICE: _ADVICE_TASK,
    OVERVIEW: _OVERVIEW_TASK + """
- The recommendations are written for the reader in other answers: here they are only what
  the summary and the rest are based on.""",
}

_LANGUAGES = {"en": "English", "zh": "Simplified Chinese"}
_AUDIENCE = ("target population", "population", "patient population", "scope", "适用人群",
             "适用范围")
_ORDER = {Strength.STRONG: 0, Strength.MODERATE: 1, Strength.CONDITIONAL: 2,
          Strength.CONSENSUS: 3, Strength.UNGRADED: 4, Strength.INSUFFICIENT: 5}


def _audience(guideline: ParsedGuideline, limit: int = 1500) -> str:
    for name in _AUDIENCE:
        for section in guideline.sections:
            if section.heading.strip(" :").lower() == name and section.text.strip():
                return section.text.strip()[:limit]
    return ""


def _full_text(guideline: ParsedGuideline) -> str:
    return "\n".join([guideline.title, *(s.text for s in guideline.sections),
                      *(r.source_text for r in guideline.recommendations)])


def _acronyms(guideline: ParsedGuideline) -> dict[str, str]:
    """The acronyms the guideline spells out itself (the only expansions allowed)."""
    return dict(_acronyms_of(_full_text(guideline)))


@lru_cache(maxsize=4)
def _acronyms_of(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(Rewriter.acronyms_from(text).items())


def _statement(rec: Recommendation) -> dict[str, Any]:
    return {"id": rec.id, "text": rec.text or rec.source_text, "direction": rec.direction.value,
            "strength": rec.strength.value, **({"who": rec.context} if rec.context else {})}


def build_messages(guideline: ParsedGuideline, part: Part) -> list[dict[str, str]]:
    """The chat messages: our rules, then the guideline's title, audience and statements.

    Statements and acronyms go as one JSON block so that they reach the model (and any
    test stub) intact.
    """
    language = _LANGUAGES.get(guideline.language, "English")
    system = _RULES.format(language=language, task=_TASKS[part.kind])
    lines = [f"Guideline: {guideline.title}"]
    audience = _audience(guideline)
    if audience:
        lines.append(f"Who it is for, in the guideline's words:\n{audience}")
    if part.kind == OVERVIEW:
        ranked = sorted(guideline.recommendations, key=lambda r: _ORDER[r.strength])
        shown: list[Recommendation] = []
        chars = 0
        for rec in ranked:
            chars += _size(rec)
            if shown and chars > MAX_OVERVIEW_CHARS:
                break
            shown.append(rec)
        lines.append(f"The guideline's {len(guideline.recommendations)} recommendations"
                     + (f" ({len(shown)} strongest shown)" if len(shown) < len(ranked) else "")
                     + ":")
    else:
        wanted = set(part.ids)
        shown = [r for r in guideline.recommendations if r.id in wanted]
        if part.kind == ADVICE:
            lines.append(f"Recommendations, part {part.number} of {part.count}:")
        else:
            lines.append("Recommendations:")
    acronyms = _acronyms(guideline)
    text = " ".join(_statement(r)["text"] for r in shown)
    block = {"acronyms": {a: d for a, d in acronyms.items() if a in text},
             "recommendations": [_statement(r) for r in shown]}
    lines.append("```json\n" + json.dumps(block, ensure_ascii=False, indent=1) + "\n```")
    return [{"role": "system", "content": system}, {"role": "user", "content": "\n\n".join(lines)}]


def request_body(guideline: ParsedGuideline, model: str, part: Part,
                 problems: Sequence[str] = ()) -> dict[str, Any]:
    """The ``POST /chat/completions`` body; temperature 0 so a retry is comparable.

    ``problems``: what was wrong with the last answer to this part. At temperature 0 the
    same request tends to get the same answer; saying what to fix makes asking again useful.
    """
    messages = build_messages(guideline, part)
    if problems:
        messages[-1]["content"] += (
            "\n\nYour last answer to this was rejected for these problems; answer again "
            "without them:\n" + "\n".join(f"- {p}" for p in problems[:10]))
    return {
        "model": model,
        "messages": messages,
        "response_format": response_format(part.kind),
        "temperature": 0,
    }


def cache_version(guideline: ParsedGuideline, part: Part) -> str:
    """The cache's ``prompt_version`` for one part: the prompt version, the part, and a
    digest of the request, so that a guideline parsed differently since is asked again."""
    body = request_body(guideline, "", part)
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode())
    version = f"{PROMPT_VERSION}:{part.name}:{digest.hexdigest()[:12]}"
    assert len(version) <= 40, "llm_cache.prompt_version holds 40 characters"
    return version


# --- the answer -----------------------------------------------------------------------------


class InvalidAnswer(Exception):
    """The model's answer cannot be used; ``problems`` name what, never the guideline text,
    and ``parts`` the parts to ask for again."""

    def __init__(self, problems: list[str], parts: Sequence[str] = ()) -> None:
        super().__init__(problems, list(parts))
        self.problems = problems
        self.parts = list(parts)

    def __str__(self) -> str:
        shown = "; ".join(self.problems[:5])
        more = f" (+{len(self.problems) - 5} more)" if len(self.problems) > 5 else ""
        return f"{shown}{more}"


@dataclass(frozen=True)
class Completion:
    content: str
    prompt_tokens: int
    completion_tokens: int


def parse_completion(body: Any) -> Completion:
    """The answer's JSON text and token counts from a chat-completions response body."""
    try:
        choice = body["choices"][0]
        message = choice["message"]
    except (KeyError, IndexError, TypeError):
        raise InvalidAnswer(["response has no choices[0].message"]) from None
    if message.get("refusal"):
        raise InvalidAnswer(["the model refused"])
    if choice.get("finish_reason") == "length":
        raise InvalidAnswer(["answer cut off at the token limit"])
    content = message.get("content")
    if not isinstance(content, str) or not content.strip():
        raise InvalidAnswer(["answer is empty"])
    usage = body.get("usage") or {}
    return Completion(
        content=content,
        prompt_tokens=int(usage.get("prompt_tokens") or 0),
        completion_tokens=int(usage.get("completion_tokens") or 0),
    )


def cost(prompt_tokens: int, completion_tokens: int, per_1k_input: float,
         per_1k_output: float) -> float:
    return round(prompt_tokens / 1000 * per_1k_input + completion_tokens / 1000 * per_1k_output,
                 6)


class _Rec(BaseModel):
    model_config = ConfigDict(extra="ignore")
    id: str
    text: str
    direction: Direction


class _Term(BaseModel):
    term: str
    meaning: str


class _Answer(BaseModel):
    """Any kind of part; which fields it must have is checked against the part's kind."""

    model_config = ConfigDict(extra="ignore")
    title: str = ""
    summary: str | None = None
    about: str = ""
    recommendations: list[_Rec] | None = None
    things_to_consider: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    glossary: list[_Term] = Field(default_factory=list)


def _json_text(content: str) -> str:
    """Some servers wrap JSON in a Markdown fence even when asked for a schema."""
    m = re.fullmatch(r"\s*```(?:json)?\s*(.*?)\s*```\s*", content, re.DOTALL)
    return m.group(1) if m else content


def _parse(part: Part, content: str) -> _Answer:
    try:
        answer = _Answer.model_validate(json.loads(_json_text(content)))
    except (ValueError, ValidationError) as error:
        kind = "not JSON" if isinstance(error, json.JSONDecodeError) else "does not match schema"
        raise InvalidAnswer([f"{part.name}: answer {kind}"], [part.name]) from None
    if (answer.recommendations is None and part.kind != OVERVIEW) or (
            answer.summary is None and part.kind != ADVICE):
        raise InvalidAnswer([f"{part.name}: answer does not match schema"], [part.name])
    if part.kind == OVERVIEW:
        answer.recommendations = None  # written by the advice parts
    return answer


# Wording defects of the gate in patient-versions.md that a model answer must not have.
_DEFECTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # The reader, not a named thing ("Patient Health Questionnaire" stays as written).
    ("says 'the patient' to a reader addressed as 'you'",
     re.compile(r"\b(?i:the|a|each|every|this|that|any|all|one)\s+patient(?:'s|s'?|\u2019s)?\b"
                r"|\b[Pp]atients\b")),
    ("doubled word", re.compile(r"\b(?!(?:had|that)\b)([A-Za-z]+)\s+\1\b", re.IGNORECASE)),
    ("'X of X'", re.compile(r"\b([A-Za-z]{3,})\s+of\s+(?:the\s+)?\1\b", re.IGNORECASE)),
    ("space before punctuation", re.compile(r"[\w)]\s+[,.;:!?](?=\s|$)")),
    ("leftover markup", re.compile(r"</?[A-Za-z][^<>]*>|\\[*_\[\]]|\[\d+(?:[,\u2013-]\s?\d+)*\]")),
)
_PAIRS = (("(", ")"), ("[", "]"), ("（", "）"))


def wording_problems(target: str, text: str, english: bool = True) -> list[str]:
    """Mechanical wording defects in one piece of text the model wrote."""
    problems = []
    for what, pattern in _DEFECTS if english else _DEFECTS[1:]:
        m = pattern.search(text)
        if m:
            problems.append(f"{target}: {what} ('{m.group(0).strip()}')")
    if any(text.count(a) != text.count(b) for a, b in _PAIRS):
        problems.append(f"{target}: unbalanced brackets")
    return problems


_TOKEN = re.compile(r"(?<![\w.])[A-Za-z][A-Za-z0-9]*(?![\w])")
_ROMAN = re.compile(r"^[IVX]+$")
_SHOUTED = frozenset({"NOT", "NO", "DO", "AND", "OR", "ONLY", "ALL", "NEVER", "OK"})


def acronyms_in(text: str) -> set[str]:
    """Acronyms a reader meets: words with two or more capitals (HIV, HbA1c, PrEP)."""
    return {t for t in _TOKEN.findall(text)
            if sum(c.isupper() for c in t) >= 2 and not _ROMAN.match(t) and t not in _SHOUTED}


def _norm(text: str) -> str:
    plain = re.sub(r"[^a-z0-9]+", " ", text.lower())
    return " ".join(w.removesuffix("s") for w in plain.split())


def _glossary_problems(target: str, texts: Iterable[str], glossary: list[_Term],
                       acronyms: dict[str, str]) -> list[str]:
    """Every acronym of the text in the glossary, each of the guideline's own acronyms
    explained with the guideline's definition, and no empty entries."""
    problems = []
    defined = {a.lower() for t in glossary for a in acronyms_in(t.term) | {t.term.strip()}}
    for acronym in sorted(set().union(*(acronyms_in(t) for t in texts))):
        if acronym.lower() not in defined:
            problems.append(f"{target}: acronym '{acronym}' is not in the glossary")
    for entry in glossary:
        if not entry.term.strip() or not entry.meaning.strip():
            problems.append(f"{target}: glossary entry without a term or a meaning")
            continue
        for acronym in acronyms_in(entry.term) & set(acronyms):
            if _norm(acronyms[acronym]) not in _norm(f"{entry.term} {entry.meaning}"):
                problems.append(f"{target}: '{acronym}' is not explained as the guideline "
                                f"defines it ('{acronyms[acronym]}')")
    return problems


def _overview_problems(guideline: ParsedGuideline, part: Part, answer: _Answer) -> list[str]:
    english = guideline.language != "zh"
    summary = (answer.summary or "").strip()
    size = len(words(summary)) if english else len(summary) // 2
    problems = []
    if not summary:
        problems.append(f"{part.name}: the summary is empty")
    elif size > SUMMARY_MAX_WORDS:
        problems.append(f"{part.name}: the summary has {size} words, more than "
                        f"{SUMMARY_MAX_WORDS}")
    texts = {"title": answer.title, "summary": summary, "about": answer.about,
             **{f"things to consider {i}": t for i, t in enumerate(answer.things_to_consider, 1)},
             **{f"question {i}": t for i, t in enumerate(answer.questions, 1)}}
    source = _full_text(guideline)
    allowed = {str(len(guideline.recommendations))}
    for target, text in texts.items():
        problems += wording_problems(f"{part.name} {target}", text, english)
        for number in added_numbers(source, text):
            if number not in allowed:
                problems.append(f"{part.name} {target}: number '{number}' is not in the "
                                "guideline")
    return problems


def _id_problems(part: Part, answer: _Answer) -> list[str]:
    wanted = set(part.ids)
    given = [r.id for r in answer.recommendations or []]
    problems = [f"{i}: unknown recommendation" for i in given if i not in wanted]
    problems += [f"{i}: given twice" for i in sorted({i for i in given if given.count(i) > 1})]
    return problems


def _quality_problems(guideline: ParsedGuideline, part: Part, answer: _Answer,
                      wording_gate: bool) -> list[str]:
    """Quality control on this part alone: its statements, no sections (so the source pass,
    which needs the whole document, waits for the merged version)."""
    wanted = set(part.ids)
    sub = guideline.model_copy(update={
        "sections": [], "recommendations": [r for r in guideline.recommendations
                                            if r.id in wanted]})
    pvg = _assemble(sub, [(part, answer)], "check", layout=False)
    return _rejected(check_quality(sub, pvg), wanted, wording_gate)


def check_part(guideline: ParsedGuideline, part: Part, content: str,
               wording_gate: bool = True) -> None:
    """Raise :class:`InvalidAnswer` unless one part's answer can be used as it is.

    ``wording_gate``: quality control's wording findings reject the answer too. The last
    attempt turns it off, so that what the gate finds goes to a reviewer (as it does for
    the offline generator) instead of failing the guideline.
    """
    answer = _parse(part, content)
    problems = _id_problems(part, answer)
    if problems:
        raise InvalidAnswer(problems, [part.name])
    problems = _quality_problems(guideline, part, answer, wording_gate)
    english = guideline.language != "zh"
    for rec in answer.recommendations or []:
        problems += wording_problems(rec.id, rec.text, english)
    texts = [r.text for r in answer.recommendations or []]
    if part.kind != ADVICE:
        problems += _overview_problems(guideline, part, answer)
        texts += [answer.summary or "", answer.about]
    problems += _glossary_problems(part.name, texts, answer.glossary, _acronyms(guideline))
    for entry in answer.glossary:
        problems += wording_problems(f"{part.name} glossary '{entry.term.strip()}'",
                                     entry.meaning, english)
    if problems:
        raise InvalidAnswer(list(dict.fromkeys(problems)), [part.name])


_MODEL_WRITTEN = frozenset(h.lower() for h in (ABOUT, CONSIDER, QUESTIONS, WORDS, "summary",
                                                "title", "glossary"))


def _rejected(report: QualityReport, ids: set[str], wording_gate: bool) -> list[str]:
    """Findings that reject an answer: broken coverage or fidelity, and (with the wording
    gate) wording defects in what the model wrote. Everything else (readability, jargon, a
    statement of the source the parse may have missed) is for a reviewer, as for the
    offline generator."""
    return list(dict.fromkeys(
        f"{f.target}: {f.message}" for f in report.findings
        if (f.check in ("coverage", "fidelity") and f.severity is Severity.ERROR)
        or (wording_gate and f.check == "wording"
            and (f.target in ids or f.target.lower() in _MODEL_WRITTEN))))


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {i.strip()}" for i in items if i.strip())


_GENERIC_TOPIC = re.compile(r"recommendation|summary|evidence|^key question|^\d|推荐",
                            re.IGNORECASE)


def _topic(rec: Recommendation) -> str:
    topic = (rec.section or "").strip()
    if not topic or len(topic) >= 80 or _GENERIC_TOPIC.search(topic):
        return ""
    return replace_terms(topic)


def _key_body(guideline: ParsedGuideline, recs: list[PvgRecommendation], zh: bool) -> str:
    """Recommendations grouped by topic (the guideline's section), strongest first."""
    source = {r.id: r for r in guideline.recommendations}
    lines = ["每一条都说明专家的建议以及把握有多大。" if zh else
             "Each item says what the experts advise. It also says how sure they are.",
             "✔ 表示建议这样做，✖ 表示建议不要这样做，? 表示证据不足。" if zh else
             "✔ means advice for. ✖ means advice against. ? means there is not enough evidence."]
    label, todo = ("建议强度", "怎么做") if zh else ("How strong", "What to do")
    topics = {_topic(source[r.id]) for r in recs}
    grouped = len(topics - {""}) >= 2
    last = None
    for i, rec in enumerate(recs, 1):
        src = source[rec.id]
        head = ""
        if grouped and _topic(src) != last:
            last = _topic(src)
            head = f"### {last or ('其他建议' if zh else 'Other advice')}\n\n"
        elif not grouped:
            head = f"### {i}.\n\n" if zh else f"### Advice {i}\n\n"
        # The grade code tells a reader nothing: it is printed for the care team.
        lines.append(f"{head}**{i}. {todo}:** {rec.text}\n**{label}:** {rec.strength}")
    return "\n\n".join(lines)


def _grades_section(guideline: ParsedGuideline, recs: list[PvgRecommendation]) -> list[PvgSection]:
    """The grade labels as the guideline printed them, by advice number, after the
    disclaimer: for health workers."""
    source = {r.id: r for r in guideline.recommendations}
    numbered = [(i, g) for i, rec in enumerate(recs, 1) if (g := source[rec.id].grade)]
    if not numbered:
        return []
    return [PvgSection(heading=page_plan.CARE_TEAM_GRADES, body=(
        "This part is for health workers.\n\n"
        f"{page_plan.GRADES_LINE}\n\n{page_plan.printed_grades(numbered)}"))]


def _glossary(answers: Iterable[_Answer], acronyms: dict[str, str],
              generator: str) -> list[GlossaryEntry]:
    """One entry per term across the parts; a guideline's own acronym is sourced to it."""
    entries: dict[str, GlossaryEntry] = {}
    for answer in answers:
        for t in answer.glossary:
            term = t.term.strip()
            if term and term.lower() not in entries:
                own = any(a in acronyms for a in acronyms_in(term))
                entries[term.lower()] = GlossaryEntry(
                    term=term, meaning=t.meaning.strip(),
                    source=GUIDELINE if own else f"language model {generator}")
    return sorted(entries.values(), key=lambda e: e.term.lower())


def _long_layout(guideline: ParsedGuideline, recs: list[PvgRecommendation]) -> LongPage | None:
    """The offline page's layout of a long guideline, in the model's words; None for a short
    guideline, a Chinese one, or an answer short of a recommendation (quality control
    rejects that one)."""
    by_id = {r.id: r for r in recs}
    if guideline.language == "zh" or any(r.id not in by_id for r in guideline.recommendations):
        return None
    return long_page(guideline, [by_id[r.id] for r in guideline.recommendations],
                     reader_rewriter(guideline))


def _assemble(guideline: ParsedGuideline, answers: Sequence[tuple[Part, _Answer]],
              generator: str, layout: bool = True) -> PatientVersion:
    """The patient version of the answers. ``layout``: lay a long guideline out as the
    offline page does (a check of one part's answer needs only its recommendations)."""
    zh = guideline.language == "zh"
    by_id = {r.id: r for _, a in answers for r in a.recommendations or []}
    recs: list[PvgRecommendation] = []
    topics = {t: i for i, t in enumerate(dict.fromkeys(_topic(r) for r in
                                                        guideline.recommendations))}
    ranked = sorted(enumerate(guideline.recommendations),
                    key=lambda ir: (topics[_topic(ir[1])], _ORDER[ir[1].strength], ir[0]))
    for _, rec in ranked:
        out = by_id.get(rec.id)
        if out is None:
            continue  # reported by quality control as a missing recommendation
        wording = (strength_wording_zh if zh else strength_wording)(out.direction, rec.strength)
        recs.append(PvgRecommendation(id=rec.id, text=out.text.strip(), strength=wording,
                                      direction=out.direction, source_text=rec.source_text,
                                      grade=rec.grade, strength_level=rec.strength))
    overview = next((a for p, a in answers if p.kind != ADVICE), _Answer())
    glossary = _glossary([a for _, a in answers], _acronyms(guideline), generator)
    words_body = _bullets([f"**{e.term}**: {e.meaning}" for e in glossary])
    long = _long_layout(guideline, recs) if layout else None
    sections = _sections(overview, guideline, recs, zh, words_body, long)
    if not zh and glossary:
        sections = _defined_where_used(sections, glossary, _acronyms(guideline))
    if not zh and long is None:
        sections += _grades_section(guideline, recs)
    if long is not None:
        index = {r.id: i for i, r in enumerate(guideline.recommendations)}
        recs = [r.model_copy(update={"audience": long.placement[index[r.id]][0],
                                     "shown_under": long.placement[index[r.id]][1]})
                if index[r.id] in long.placement else r for r in recs]
    if zh:  # Chinese readers get Chinese headings (quality control checks them by language)
        for section in sections:
            section.heading = HEADINGS_ZH.get(section.heading, section.heading)
    pvg = PatientVersion(
        title=overview.title.strip() or guideline.title,
        language="zh" if zh else "en",
        summary=(overview.summary or "").strip(),
        sections=sections,
        recommendations=recs,
        glossary=glossary,
        generator=generator,
    )
    if zh:
        pvg.chinese_readability = score_chinese(render_text(pvg))
    else:
        pvg.readability = score(render_text(pvg))
        pvg.advice_readability = score("\n".join(r.text for r in pvg.recommendations))
    return pvg


def to_patient_version(guideline: ParsedGuideline, answers: Sequence[tuple[Part, str]],
                       generator: str, wording_gate: bool = True) -> PatientVersion:
    """Check every part's answer, merge them, and check the whole as quality control will.

    Raises :class:`InvalidAnswer` naming the parts to ask for again: a part that fails
    :func:`check_part`, or whose recommendation (or, for section-level problems, the
    overview) quality control rejects in the merged patient version.
    """
    problems: list[str] = []
    blamed: list[str] = []
    parsed: list[tuple[Part, _Answer]] = []
    for part, content in answers:
        try:
            check_part(guideline, part, content, wording_gate)
            parsed.append((part, _parse(part, content)))
        except InvalidAnswer as error:
            problems += error.problems
            blamed += error.parts
    if problems:
        raise InvalidAnswer(problems, blamed)
    pvg = _assemble(guideline, parsed, generator)
    owner = {i: p.name for p, _ in parsed for i in p.ids}
    overview = next((p.name for p, _ in parsed if p.kind != ADVICE), parsed[-1][0].name)
    report = check_quality(guideline, pvg)
    rejecting = set(_rejected(report, set(owner), wording_gate))
    rejected = [f for f in report.findings if f"{f.target}: {f.message}" in rejecting]
    if rejected:
        parts = list(dict.fromkeys(owner.get(f.target, overview) for f in rejected))
        raise InvalidAnswer(list(dict.fromkeys(f"{f.target}: {f.message}" for f in rejected)),
                            parts)
    return pvg


def _defined_where_used(sections: list[PvgSection], entries: list[GlossaryEntry],
                        acronyms: dict[str, str]) -> list[PvgSection]:
    """The reader's part (up to "Words to know") explains each word where first used, as the
    offline page does."""
    end = next((i for i, s in enumerate(sections) if s.heading == WORDS), len(sections))
    bodies, said = explain_where_used([s.body for s in sections[:end]], entries, acronyms)
    # "Words to know" keeps only the words no line above explains: none is explained twice.
    rest = [e for e in entries if e not in said]
    listed = _bullets([f"**{e.term}**: {e.meaning}" for e in rest]) if rest else ""
    words = ((f"{REST_LEAD}\n\n{listed}" if listed else ALL_SAID) if said else "")
    return [*(s.model_copy(update={"body": b}) for s, b in zip(sections, bodies, strict=False)),
            *(s.model_copy(update={"body": words}) if s.heading == WORDS and words else s
              for s in sections[end:])]


def _sections(overview: _Answer, guideline: ParsedGuideline, recs: list[PvgRecommendation],
              zh: bool, words_body: str, long: LongPage | None = None) -> list[PvgSection]:
    """The page's sections; a long guideline's as the offline page has them (the advice
    shown first, the overview of the rest, the rest in full after the disclaimer)."""
    sections = [
        PvgSection(heading=ABOUT, body=overview.about.strip()),
        PvgSection(heading=KEY, body=long.key if long else _key_body(guideline, recs, zh)),
    ]
    helps = "" if zh else found_helpful(guideline, reader_rewriter(guideline), recs)
    if helps:
        sections.append(PvgSection(heading=evidence_found.HEADING, body=helps))
    harms = "" if zh else found_harmful(guideline, reader_rewriter(guideline))
    if harms:
        sections.append(PvgSection(heading=evidence_found.HARM_HEADING, body=harms))
    sections += [
        PvgSection(heading=CONSIDER, body=_bullets(overview.things_to_consider)),
        PvgSection(heading=QUESTIONS, body=_bullets(overview.questions)),
    ]
    if long:
        sections = long.sections(sections)
    return [
        *sections,
        PvgSection(heading=WORDS, body=words_body or (
            "本指南尽量不用专业词语。" if zh else "This guide uses no special medical words.")),
        PvgSection(heading=NOTE, body=DISCLAIMER_ZH if zh else DISCLAIMER),
        *(long.after if long else []),
    ]
