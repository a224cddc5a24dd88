"""A reviewer's corrections: their wording replaces the generated one, nothing else changes."""

from __future__ import annotations

import re
from collections.abc import Callable

from domain.model import PatientVersion


def apply_corrections(pvg: PatientVersion, corrections: dict[str, str]) -> PatientVersion:
    """Replace the patient wording of the named recommendations, in the list and the text.

    Unknown ids are ignored: quality control then still judges the whole version.
    """
    if not corrections:
        return pvg
    replaced = {}
    recommendations = []
    for rec in pvg.recommendations:
        new_text = corrections.get(rec.id)
        if new_text and new_text.strip():
            if rec.text.split():
                replaced[rec.text] = new_text.strip()
            rec = rec.model_copy(update={"text": new_text.strip()})
        recommendations.append(rec)
    sections = []
    for section in pvg.sections:
        body = section.body
        for old, new in replaced.items():
            # the page may lay the advice's lines out with blank lines or indented items
            body = _printed(old).sub(_as_written(new), body)
        sections.append(section.model_copy(update={"body": body}))
    return pvg.model_copy(update={"recommendations": recommendations, "sections": sections})


def _as_written(text: str) -> Callable[[re.Match[str]], str]:
    """A replacement that puts the reviewer's words in as written (no group references)."""
    return lambda _match: text


def _printed(text: str) -> re.Pattern[str]:
    """The advice as a page prints it: its words in order, whatever space lies between."""
    return re.compile(r"\s+".join(re.escape(word) for word in text.split()))
