"""Response bodies, as the HTTP contract (shared/docs/http-api.md) fixes them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel

from cpg2pvg.lifecycle import Priority, Stage, Status
from cpg2pvg.text import check_storable

StorableText = Annotated[str, AfterValidator(check_storable)]
"""Text PostgreSQL can store (cpg2pvg.text); anything else is a 422."""


class ErrorDetail(BaseModel):
    code: str
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class Links(BaseModel):
    self: str
    pvg: str
    events: str

    @classmethod
    def for_guideline(cls, guideline_id: uuid.UUID) -> Links:
        base = f"/v1/guidelines/{guideline_id}"
        return cls(self=base, pvg=f"{base}/pvg", events=f"{base}/events")


class SubmissionAccepted(BaseModel):
    id: uuid.UUID
    workflow_id: str
    status: Status
    links: Links


class ReadabilityOut(BaseModel):
    fkgl: float
    smog: float
    fre: float


class QcOut(BaseModel):
    outcome: str
    readability: ReadabilityOut | None
    """English measures; null for Chinese, which has its own (see the findings)."""
    findings: list[dict[str, Any]]


class GuidelineOut(BaseModel):
    id: uuid.UUID
    title: str | None
    status: Status
    stage: Stage
    progress: int
    priority: Priority
    workflow_id: str
    batch_id: uuid.UUID | None
    created_at: datetime
    updated_at: datetime
    error: ErrorDetail | None
    qc: QcOut | None


class GuidelinePage(BaseModel):
    items: list[GuidelineOut]
    next_cursor: str | None


class PvgSectionOut(BaseModel):
    heading: str
    body: str


class PvgRecommendationOut(BaseModel):
    id: str
    text: str
    strength: str
    direction: str
    source_text: str


class PvgOut(BaseModel):
    title: str
    language: str
    sections: list[PvgSectionOut]
    recommendations: list[PvgRecommendationOut]
    readability: ReadabilityOut | None
    generator: str
