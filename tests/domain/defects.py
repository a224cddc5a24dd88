"""Injected defects for quality control tests: each returns a damaged copy of a clean
patient version, or None when the version offers nothing to damage of that kind."""

from __future__ import annotations

import re
from collections.abc import Callable

from domain import lexicon
from domain.model import Direction, PatientVersion
from domain.numbers import clinical_numbers
from domain.quality import NOT_JARGON

Defect = Callable[[PatientVersion], PatientVersion | None]


def drop_recommendation(pvg: PatientVersion) -> PatientVersion | None:
    if not pvg.recommendations:
        return None
    bad = pvg.model_copy(deep=True)
    bad.recommendations.pop(len(bad.recommendations) // 2)
    return bad


def change_number(pvg: PatientVersion) -> PatientVersion | None:
    """Change one number that the source statement gives (not one the rewrite added)."""
    bad = pvg.model_copy(deep=True)
    for rec in bad.recommendations:
        source = set(clinical_numbers(rec.source_text))
        for m in re.finditer(r"(?<![A-Za-z0-9.,-])\d+(?![\d,.])", rec.text):
            if m.group(0) in source:
                changed = str(int(m.group(0)) + 1)
                rec.text = rec.text[: m.start()] + changed + rec.text[m.end():]
                return bad
    return None


def flip_direction(pvg: PatientVersion) -> PatientVersion | None:
    if not pvg.recommendations:
        return None
    bad = pvg.model_copy(deep=True)
    rec = bad.recommendations[0]
    rec.direction = Direction.FOR if rec.direction is not Direction.FOR else Direction.AGAINST
    return bad


def drop_negation(pvg: PatientVersion) -> PatientVersion | None:
    """Flip an 'against' statement in its text only, keeping the labels."""
    bad = pvg.model_copy(deep=True)
    for rec in bad.recommendations:
        if rec.direction is Direction.AGAINST:
            new = re.sub(r"\b(?:not|never)\s+|\bagainst\b", "", rec.text, count=2)
            new = re.sub(r"\bavoid\b", "use", new)
            if new != rec.text:
                rec.text = new
                return bad
    return None


def remove_disclaimer(pvg: PatientVersion) -> PatientVersion | None:
    bad = pvg.model_copy(deep=True)
    bad.sections = [s for s in bad.sections if "replace" not in s.body]
    return bad


def put_jargon_back(pvg: PatientVersion) -> PatientVersion | None:
    """Undo one lay-term replacement, or add a medical term, in the first recommendation."""
    if not pvg.recommendations:
        return None
    bad = pvg.model_copy(deep=True)
    rec = bad.recommendations[0]
    for term, lay in sorted(lexicon.LAY_TERMS.items(), key=lambda kv: -len(kv[1])):
        if len(lay) > 12 and lay in rec.text and term not in NOT_JARGON:
            rec.text = rec.text.replace(lay, term, 1)
            return bad
    rec.text += " This is for asymptomatic adults."
    return bad


def weaken_strength(pvg: PatientVersion) -> PatientVersion | None:
    bad = pvg.model_copy(deep=True)
    for rec in bad.recommendations:
        if "Strong advice" in rec.strength:
            rec.strength = rec.strength.replace("✔✔", "✔?").replace("✖✖", "✖").replace(
                "Strong advice", "Weak advice")
            return bad
    return None


def drop_section(pvg: PatientVersion) -> PatientVersion | None:
    bad = pvg.model_copy(deep=True)
    bad.sections = [s for s in bad.sections if not s.heading.startswith("Questions")]
    return bad


def flip_comparator(pvg: PatientVersion) -> PatientVersion | None:
    bad = pvg.model_copy(deep=True)
    swap = {"<": ">", ">": "<", "\u2264": "\u2265", "\u2265": "\u2264"}
    for rec in bad.recommendations:
        m = re.search(r"[<>\u2264\u2265](?=\s?\d)", rec.text)
        if m:
            rec.text = rec.text[: m.start()] + swap[m.group(0)] + rec.text[m.end():]
            return bad
    return None


DEFECTS: dict[str, Defect] = {
    "weaken_strength": weaken_strength,
    "drop_section": drop_section,
    "flip_comparator": flip_comparator,
    "drop_recommendation": drop_recommendation,
    "change_number": change_number,
    "flip_direction": flip_direction,
    "drop_negation": drop_negation,
    "remove_disclaimer": remove_disclaimer,
    "put_jargon_back": put_jargon_back,
}
