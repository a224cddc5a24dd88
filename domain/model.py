"""The domain's data: what a guideline says, its patient version, and the QC report.

Plain pydantic models so that they serialise to JSON for storage; nothing here knows about
Temporal, HTTP or the database.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class DocumentFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"
    MARKDOWN = "markdown"
    TEXT = "text"


class Direction(StrEnum):
    FOR = "for"
    AGAINST = "against"
    INSUFFICIENT = "insufficient"


class Strength(StrEnum):
    """How firmly the guideline recommends, on one scale across grading schemes."""

    STRONG = "strong"
    MODERATE = "moderate"
    CONDITIONAL = "conditional"
    INSUFFICIENT = "insufficient"
    UNGRADED = "ungraded"


class Section(BaseModel):
    heading: str
    level: int = 1
    text: str = ""


class Recommendation(BaseModel):
    id: str
    text: str
    """The statement, cleaned of markup and grade labels."""
    source_text: str
    """The statement exactly as the source gives it."""
    grade: str | None = None
    """The label as the source writes it: 'B', 'Strong For', 'Category IA', ..."""
    scheme: str | None = None
    strength: Strength = Strength.UNGRADED
    direction: Direction = Direction.FOR
    section: str | None = None
    location: int = 0
    """Character offset of the statement in the extracted text."""
    context: str | None = None
    """The lead-in a nested statement depends on ("In adults with SCD and a VOC")."""


class ParsedGuideline(BaseModel):
    title: str
    language: str = "en"
    format: DocumentFormat
    pages: int | None = None
    sections: list[Section] = Field(default_factory=list)
    recommendations: list[Recommendation] = Field(default_factory=list)


class Readability(BaseModel):
    fkgl: float
    smog: float
    fre: float


class PvgSection(BaseModel):
    heading: str
    body: str


class PvgRecommendation(BaseModel):
    id: str
    text: str
    strength: str
    """The strength in patient words, with its symbol."""
    direction: Direction
    source_text: str


class PatientVersion(BaseModel):
    title: str
    language: str = "en"
    sections: list[PvgSection]
    recommendations: list[PvgRecommendation]
    readability: Readability | None = None
    generator: str


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class QcOutcome(StrEnum):
    PASS = "pass"  # noqa: S105 - a QC outcome, not a password
    NEEDS_REVIEW = "needs_review"
    FAIL = "fail"


class Finding(BaseModel):
    check: str
    """readability | coverage | fidelity | jargon | structure"""
    target: str
    """The recommendation id or section the finding is about."""
    message: str
    severity: Severity


class QualityReport(BaseModel):
    outcome: QcOutcome
    readability: Readability | None = None
    """English measures of the patient version; None for Chinese (see zh findings)."""
    source_readability: Readability | None = None
    findings: list[Finding] = Field(default_factory=list)
