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
    CONSENSUS = "consensus"
    """Expert consensus or opinion: a label that grades no evidence."""
    UNGRADED = "ungraded"
    """No label at all (a printed label that is not understood is flagged, not this)."""


class Audience(StrEnum):
    """Whom a piece of advice is for on the page of a long guideline."""

    READER = "reader"
    """Something the reader can do, ask for or expect: shown on the main page."""
    CARE_TEAM = "care_team"
    """A duty of the care system (records, samples, agencies, payers) the reader neither
    does, asks for nor goes through: printed in the part for the care team after the
    disclaimer, and only counted in one paragraph on the reader's page."""


class Section(BaseModel):
    heading: str
    level: int = 1
    text: str = ""


class GradeGroup(BaseModel):
    """One population's label when a statement is graded per group (NHLBI style)."""

    population: str
    grade: str
    strength: Strength


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
    groups: list[GradeGroup] = Field(default_factory=list)
    label_understood: bool = True
    """False when a label is printed but not recognised: quality control sends it to review."""


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


class ChineseReadability(BaseModel):
    """Measures for Chinese: shorter sentences, fewer uncommon characters and fewer terms
    read easier. No English formula is meaningful for Chinese, so none is computed."""

    avg_sentence_chars: float
    uncommon_char_share: float
    """Share of characters outside the ~2,500 most common ones."""
    jargon_per_100_chars: float


class GlossaryEntry(BaseModel):
    term: str
    meaning: str
    source: str | None = None
    """Where the meaning comes from: the guideline itself, or a named lay dictionary."""


class PvgSection(BaseModel):
    heading: str
    body: str


class PvgRecommendation(BaseModel):
    id: str
    text: str
    """What the patient reads: the advice in plain words, with every number of the source."""
    strength: str
    """The strength in patient words, with its symbol."""
    direction: Direction
    source_text: str
    """The whole statement as the guideline prints it."""
    grade: str | None = None
    """The label exactly as printed, or None when the statement has none."""
    strength_level: Strength = Strength.UNGRADED
    audience: Audience | None = None
    """Whom it is for, when the page of a long guideline sorts its advice; None otherwise."""
    shown_under: str | None = None
    """The page heading it is printed under, when the page sorts its advice; None otherwise."""


class PatientVersion(BaseModel):
    title: str
    language: str = "en"
    summary: str = ""
    """At most 120 words, first: who it is for and the main advice."""
    sections: list[PvgSection]
    recommendations: list[PvgRecommendation]
    glossary: list[GlossaryEntry] = Field(default_factory=list)
    """Every acronym and medical term left in the advice, with its meaning."""
    readability: Readability | None = None
    """English measures of the whole page."""
    advice_readability: Readability | None = None
    """English measures of the advice alone (what fixed text cannot flatter)."""
    chinese_readability: ChineseReadability | None = None
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
    """English measures of the whole patient version; None for Chinese."""
    advice_readability: Readability | None = None
    """English measures of the advice text alone."""
    chinese_readability: ChineseReadability | None = None
    source_readability: Readability | None = None
    findings: list[Finding] = Field(default_factory=list)
