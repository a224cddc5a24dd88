"""The language-model provider's pure half: the prompt, the answer's schema, and the checks
that turn an answer into a :class:`PatientVersion` or reject it.

No HTTP here (``activities/llm.py`` sends the request), so every rule is unit-tested
without a server. A model is trusted with wording only: the strength wording, the
disclaimer and the section order come from our own rules, and an answer that drops a
recommendation, changes a number or flips a direction is rejected by the same checks as
quality control (:func:`domain.quality.check_quality`), so a bad answer is asked for again
instead of reaching a patient.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from domain.generation import (
    ABOUT,
    CONSIDER,
    DISCLAIMER,
    DISCLAIMER_ZH,
    KEY,
    NOTE,
    QUESTIONS,
    WORDS,
    render_text,
    strength_wording,
    strength_wording_zh,
)
from domain.model import (
    Direction,
    ParsedGuideline,
    PatientVersion,
    PvgRecommendation,
    PvgSection,
    Severity,
)
from domain.quality import check_quality
from domain.readability import score

__all__ = [
    "PROMPT_VERSION",
    "RESPONSE_FORMAT",
    "Completion",
    "InvalidAnswer",
    "build_messages",
    "cost",
    "parse_completion",
    "request_body",
    "to_patient_version",
]

PROMPT_VERSION = "pvg-prompt/1"
"""Part of the cache key: change it whenever the prompt or schema changes meaning."""

# OpenAI's strict structured output needs every property required and no extra ones.
_STRING = {"type": "string"}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "about", "recommendations", "things_to_consider", "questions",
                 "words_to_know"],
    "properties": {
        "title": _STRING,
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
        "things_to_consider": {"type": "array", "items": _STRING},
        "questions": {"type": "array", "items": _STRING},
        "words_to_know": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["term", "definition"],
                "properties": {"term": _STRING, "definition": _STRING},
            },
        },
    },
}
RESPONSE_FORMAT: dict[str, Any] = {
    "type": "json_schema",
    "json_schema": {"name": "patient_version", "strict": True, "schema": SCHEMA},
}

_SYSTEM = """You write patient versions of clinical practice guidelines.
Rules:
- Write for a reader at a 6th grade level: short sentences, everyday words, active voice,
  address the reader as "you". Spell out acronyms.
- Give exactly one item in "recommendations" for each recommendation you are given, with
  the same "id". Do not add, merge or drop recommendations.
- Keep every number, unit and comparison of a recommendation exactly as given, written
  in digits ("50 to 74 years", "every 2 years", "<140 mmHg").
- Keep the direction: "for" stays advice to do it, "against" stays advice not to do it,
  "insufficient" stays "there is not enough evidence". Keep every "not".
- Say nothing the guideline does not say.
- "words_to_know": each medical word you had to keep, with a plain definition.
- Write in {language}.
Answer with JSON that matches the given schema."""

_LANGUAGES = {"en": "English", "zh": "Simplified Chinese"}


def _excerpt(guideline: ParsedGuideline, heading: str, limit: int = 1500) -> str:
    for section in guideline.sections:
        if section.heading.strip().lower() == heading.lower() and section.text.strip():
            return section.text.strip()[:limit]
    return ""


def build_messages(guideline: ParsedGuideline) -> list[dict[str, str]]:
    """The chat messages: our rules, then the guideline's title, audience and statements.

    Statements go as a JSON block so that they reach the model (and any test stub) intact.
    """
    language = _LANGUAGES.get(guideline.language, "English")
    recommendations = [
        {
            "id": r.id,
            "text": r.text or r.source_text,
            "direction": r.direction.value,
            "strength": r.strength.value,
            **({"who": r.context} if r.context else {}),
        }
        for r in guideline.recommendations
    ]
    parts = [f"Guideline: {guideline.title}"]
    audience = _excerpt(guideline, "Target Population")
    if audience:
        parts.append(f"Who it is for:\n{audience}")
    parts.append("Recommendations:\n```json\n"
                 + json.dumps(recommendations, ensure_ascii=False, indent=1) + "\n```")
    return [
        {"role": "system", "content": _SYSTEM.format(language=language)},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def request_body(guideline: ParsedGuideline, model: str) -> dict[str, Any]:
    """The ``POST /chat/completions`` body; temperature 0 so a retry is comparable."""
    return {
        "model": model,
        "messages": build_messages(guideline),
        "response_format": RESPONSE_FORMAT,
        "temperature": 0,
    }


class InvalidAnswer(Exception):
    """The model's answer cannot be used; ``problems`` name what, never the guideline text."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(problems)
        self.problems = problems

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
    definition: str


class _Answer(BaseModel):
    model_config = ConfigDict(extra="ignore")
    title: str = ""
    about: str = ""
    recommendations: list[_Rec]
    things_to_consider: list[str] = Field(default_factory=list)
    questions: list[str] = Field(default_factory=list)
    words_to_know: list[_Term] = Field(default_factory=list)


def _json_text(content: str) -> str:
    """Some servers wrap JSON in a Markdown fence even when asked for a schema."""
    m = re.fullmatch(r"\s*```(?:json)?\s*(.*?)\s*```\s*", content, re.DOTALL)
    return m.group(1) if m else content


def _bullets(items: list[str]) -> str:
    return "\n".join(f"- {i.strip()}" for i in items if i.strip())


def to_patient_version(guideline: ParsedGuideline, content: str, generator: str) -> PatientVersion:
    """Validate the model's answer against its guideline and assemble the patient version.

    Raises :class:`InvalidAnswer` when the JSON does not match the schema, when ids are
    missing, unknown or repeated, or when quality control finds a coverage or fidelity
    error (a lost number, a flipped direction or negation, a changed strength).
    """
    try:
        answer = _Answer.model_validate(json.loads(_json_text(content)))
    except (ValueError, ValidationError) as error:
        kind = "not JSON" if isinstance(error, json.JSONDecodeError) else "does not match schema"
        raise InvalidAnswer([f"answer {kind}"]) from None

    source = {r.id: r for r in guideline.recommendations}
    given = [r.id for r in answer.recommendations]
    problems = [f"{i}: unknown recommendation" for i in given if i not in source]
    problems += [f"{i}: given twice" for i in sorted({i for i in given if given.count(i) > 1})]
    if problems:
        raise InvalidAnswer(problems)
    by_id = {r.id: r for r in answer.recommendations}

    zh = guideline.language == "zh"
    recs: list[PvgRecommendation] = []
    blocks: list[str] = []
    for rec in guideline.recommendations:
        out = by_id.get(rec.id)
        if out is None:
            continue  # reported by quality control as a missing recommendation
        wording = (strength_wording_zh if zh else strength_wording)(out.direction, rec.strength)
        recs.append(PvgRecommendation(id=rec.id, text=out.text.strip(), strength=wording,
                                      direction=out.direction, source_text=rec.source_text,
                                      grade=rec.grade, strength_level=rec.strength))
        label = "建议强度" if zh else "How strong"
        todo = "怎么做" if zh else "What to do"
        blocks.append(f"### {len(recs)}.\n\n**{label}:** {wording}\n**{todo}:** {out.text.strip()}")

    glossary = _bullets([f"**{t.term.strip()}**: {t.definition.strip()}"
                         for t in answer.words_to_know if t.term.strip()])
    sections = [
        PvgSection(heading=ABOUT, body=answer.about.strip()),
        PvgSection(heading=KEY, body="\n\n".join(blocks)),
        PvgSection(heading=CONSIDER, body=_bullets(answer.things_to_consider)),
        PvgSection(heading=QUESTIONS, body=_bullets(answer.questions)),
        PvgSection(heading=WORDS, body=glossary or (
            "本指南尽量不用专业词语。" if zh else "This guide uses no special medical words.")),
        PvgSection(heading=NOTE, body=DISCLAIMER_ZH if zh else DISCLAIMER),
    ]
    pvg = PatientVersion(
        title=answer.title.strip() or guideline.title,
        language="zh" if zh else "en",
        sections=sections,
        recommendations=recs,
        generator=generator,
    )
    if not zh:
        pvg.readability = score(render_text(pvg))
        pvg.advice_readability = score("\n".join(r.text for r in pvg.recommendations))

    report = check_quality(guideline, pvg)
    broken = [f"{f.target}: {f.message}" for f in report.findings
              if f.check in ("coverage", "fidelity") and f.severity is Severity.ERROR]
    if broken:
        raise InvalidAnswer(list(dict.fromkeys(broken)))
    return pvg
