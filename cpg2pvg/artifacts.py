"""The results a guideline's steps store, by kind, and the models they are stored as.

Steps hand each other these by reference (the guideline id and the kind), never by value:
``db.guidelines.load_artifact(session, gid, ArtifactKind.PARSED, ParsedGuideline)``.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from cpg2pvg.contracts import ReviewDecision
from domain.model import PatientVersion


class ArtifactKind(StrEnum):
    PARSED = "parsed"
    """domain.model.ParsedGuideline"""
    PVG = "pvg"
    """StoredPvg"""
    QC = "qc"
    """domain.model.QualityReport"""
    REVIEW = "review"
    """ReviewLog"""


class Usage(BaseModel):
    """What a language model was paid for one patient version (the daily usage job and the
    cost quota read it from the stored JSON)."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cost: float = 0.0
    requests: int = 0
    cached: bool = False


class StoredPvg(PatientVersion):
    """A patient version as stored: with its usage when a language model wrote it."""

    usage: Usage | None = None


class ReviewLog(BaseModel):
    """Every review decision of a guideline, in order; the latest corrections feed
    generation."""

    decisions: list[ReviewDecision] = Field(default_factory=list)

    def latest_corrections(self) -> dict[str, str]:
        return dict(self.decisions[-1].corrections) if self.decisions else {}
