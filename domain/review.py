"""A reviewer's corrections: their wording replaces the generated one, nothing else changes."""

from __future__ import annotations

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
            replaced[rec.text] = new_text.strip()
            rec = rec.model_copy(update={"text": new_text.strip()})
        recommendations.append(rec)
    sections = []
    for section in pvg.sections:
        body = section.body
        for old, new in replaced.items():
            body = body.replace(old, new)
        sections.append(section.model_copy(update={"body": body}))
    return pvg.model_copy(update={"recommendations": recommendations, "sections": sections})
