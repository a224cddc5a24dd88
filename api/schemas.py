"""Response bodies, as the HTTP contract (shared/docs/http-api.md) fixes them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from cpg2pvg.lifecycle import Priority, Stage, Status
from cpg2pvg.text import check_storable
from domain.model import Audience, Direction, PatientVersion, Strength

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


class ChineseReadabilityOut(BaseModel):
    avg_sentence_chars: float
    uncommon_char_share: float = Field(
        description="Share of characters outside the ~2,500 most common ones.")
    jargon_per_100_chars: float


class QcOut(BaseModel):
    outcome: str
    readability: ReadabilityOut | None
    """English measures of the whole page; null for Chinese, which has its own."""
    advice_readability: ReadabilityOut | None = None
    chinese_readability: ChineseReadabilityOut | None = None
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
    text: str = Field(description="The advice in plain words, with every number of the source.")
    strength: str = Field(description="How firm the advice is, in patient words with a symbol.")
    direction: Direction = Field(description="for | against | insufficient, from the action.")
    source_text: str = Field(description="The whole statement as the guideline prints it.")
    grade: str | None = Field(
        default=None, description="The grade label exactly as printed; null when none.")
    strength_level: Strength = Field(
        default=Strength.UNGRADED,
        description="strong | moderate | conditional | insufficient | consensus | ungraded")
    audience: Audience | None = Field(
        default=None,
        description="reader | care_team: whom the advice is for. reader: printed on the "
        "patient's page. care_team: a duty of the care system (an agency's report, a lab's "
        "samples, a payer's plan) that the patient neither does, asks for nor goes through; "
        "left out of the patient's advice list (one paragraph there says how many and what "
        "about) and printed in full in the part for the care team after the disclaimer. "
        "null when the page shows all advice alike. Every recommendation is in this list, "
        "with its grade, strength and direction, whatever its audience.")
    shown_under: str | None = Field(
        default=None,
        description="The page heading the advice is printed under, on the page of a long "
        "guideline; null otherwise. Every recommendation is in this list whatever its place.")


class PvgReadabilityOut(BaseModel):
    page: ReadabilityOut | None = Field(description="English measures of the whole page.")
    advice: ReadabilityOut | None = Field(description="English measures of the advice alone.")
    chinese: ChineseReadabilityOut | None = Field(
        default=None, description="Chinese measures, for a Chinese patient version.")


class GlossaryEntryOut(BaseModel):
    term: str
    meaning: str


class PvgOut(BaseModel):
    title: str
    language: str
    summary: str = Field(description="At most 120 words: who it is for and the main advice.")
    sections: list[PvgSectionOut]
    recommendations: list[PvgRecommendationOut]
    glossary: list[GlossaryEntryOut] = Field(
        description="Every acronym and medical term left in the advice, with its meaning.")
    readability: PvgReadabilityOut
    generator: str
    draft: bool = Field(
        default=False,
        description="True while the guideline waits for review: not yet approved.")

    @classmethod
    def of(cls, pvg: PatientVersion, draft: bool = False) -> PvgOut:
        data = pvg.model_dump()
        data["readability"] = {"page": data.pop("readability"),
                               "advice": data.pop("advice_readability"),
                               "chinese": data.pop("chinese_readability")}
        return cls.model_validate({**data, "draft": draft})


class StageDuration(BaseModel):
    count: int
    p50_seconds: float
    p95_seconds: float


class StatsOut(BaseModel):
    computed_at: datetime
    guidelines: int
    by_status: dict[str, int]
    by_stage: dict[str, int]
    stage_durations: dict[str, StageDuration]
    """Time spent in each stage, over the guidelines still kept (see the retention settings)."""
    failure_reasons: dict[str, int]
    """Failed guidelines by error code."""


class ScheduleOut(BaseModel):
    id: str
    interval_seconds: int
    paused: bool
    next_run: datetime | None
    last_run: datetime | None
    last_status: str | None


class ReviewRequest(BaseModel):
    decision: Literal["approve", "reject"]
    comment: StorableText | None = Field(default=None, max_length=5000)
    corrections: dict[StorableText, StorableText] = Field(
        default_factory=dict,
        description="On reject: recommendation id -> corrected patient wording (regenerates)",
    )


class BatchAccepted(BaseModel):
    id: uuid.UUID
    workflow_id: str
    total: int
    links: dict[str, str]


class BatchItemOut(BaseModel):
    guideline_id: uuid.UUID
    title: str | None
    status: str


class BatchOut(BaseModel):
    id: uuid.UUID
    status: str
    total: int
    queued: int
    processing: int
    completed: int
    failed: int
    cancelled: int
    needs_review: int
    items: list[BatchItemOut]
    next_items: str | None = None
    """Where the following items are, when a batch has more than one page of them."""
