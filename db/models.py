"""Tables: API keys, stored documents, guidelines, their results, events and notifications."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSONB,
        uuid.UUID: UUID(as_uuid=True),
    }


def _now() -> Any:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    """SHA-256 of the key: keys are random 256-bit tokens, so a fast hash is enough."""
    prefix: Mapped[str] = mapped_column(String(16))
    """First characters of the key, to tell keys apart in listings."""
    role: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = _now()
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Document(Base):
    """An uploaded file, stored once per content hash."""

    __tablename__ = "documents"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = _now()


class Batch(Base):
    """Guidelines submitted together; its items are the guidelines with its batch_id."""

    __tablename__ = "batches"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner: Mapped[str] = mapped_column(String(200))
    total: Mapped[int] = mapped_column(Integer)
    priority: Mapped[str] = mapped_column(String(8))
    workflow_id: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="running")
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()


class Guideline(Base):
    __tablename__ = "guidelines"
    __table_args__ = (
        UniqueConstraint("owner", "idempotency_key", name="uq_guidelines_owner_idempotency_key"),
        Index("ix_guidelines_owner_created", "owner", "created_at"),
        # Every owner's guidelines newest first (an admin's list), without sorting the table.
        Index("ix_guidelines_created", "created_at", "id"),
        Index("ix_guidelines_batch", "batch_id", "batch_position"),
        Index("ix_guidelines_status", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    owner: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(String(255))
    document_sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256"))
    media_type: Mapped[str] = mapped_column(String(32))
    language: Mapped[str] = mapped_column(String(8), default="auto")
    priority: Mapped[str] = mapped_column(String(8), default="normal")
    webhook_url: Mapped[str | None] = mapped_column(Text)
    review_required: Mapped[bool] = mapped_column(Boolean, default=False)
    """The submitter asked for a clinician's sign-off, whatever quality control says."""
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    batch_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("batches.id"))
    batch_position: Mapped[int | None] = mapped_column(Integer)
    workflow_id: Mapped[str] = mapped_column(String(100), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="queued")
    stage: Mapped[str] = mapped_column(String(16), default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(64))
    error_message: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _now()
    updated_at: Mapped[datetime] = _now()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    qc: Mapped[dict[str, Any] | None] = mapped_column()
    """The quality report as the API shows it, written with the report (db/guidelines.py)."""


class Artifact(Base):
    """An intermediate or final result of one stage: parsed guideline, PVG, QC report."""

    __tablename__ = "artifacts"

    guideline_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("guidelines.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = _now()


class GuidelineEvent(Base):
    """Each stage or progress change, in order: the source of the event stream and stats."""

    __tablename__ = "guideline_events"
    __table_args__ = (Index("ix_guideline_events_guideline", "guideline_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    guideline_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("guidelines.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16))
    stage: Mapped[str] = mapped_column(String(16))
    progress: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _now()


class Notification(Base):
    """One notification about a guideline, or an operations alert, with its delivery outcome.

    The idempotency key is unique: a retried delivery updates the same row.
    """

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_created", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    idempotency_key: Mapped[str] = mapped_column(String(200), unique=True)
    guideline_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("guidelines.id", ondelete="CASCADE")
    )
    kind: Mapped[str] = mapped_column(String(16), default="guideline", server_default="guideline")
    """guideline | alert"""
    subject: Mapped[str | None] = mapped_column(String(200))
    """What an alert is about (a health check or metric); None for guideline notifications."""
    payload: Mapped[dict[str, Any] | None] = mapped_column()
    """The alert body, kept so a delivery can be retried by key alone."""
    event: Mapped[str] = mapped_column(String(32))
    channel: Mapped[str] = mapped_column(String(16))
    target: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    response_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = _now()
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MaintenanceReport(Base):
    """What one maintenance run found or did: stats, a performance sample, health, cleanup."""

    __tablename__ = "maintenance_reports"
    __table_args__ = (Index("ix_maintenance_reports_job", "job", "id"),)

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict[str, Any]] = mapped_column()
    created_at: Mapped[datetime] = _now()


class UsageStat(Base):
    """One owner's use on one UTC day, for reporting and quotas."""

    __tablename__ = "usage_stats"

    owner: Mapped[str] = mapped_column(String(200), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    guidelines: Mapped[int] = mapped_column(Integer)
    pages: Mapped[int] = mapped_column(Integer)
    tokens: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[Decimal] = mapped_column(Numeric(14, 6))
    updated_at: Mapped[datetime] = _now()


class ConditionState(Base):
    """The last known state of a watched condition, so a change is alerted once."""

    __tablename__ = "condition_states"

    name: Mapped[str] = mapped_column(String(80), primary_key=True)
    ok: Mapped[bool] = mapped_column(Boolean)
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    """When the current state began: for a failing condition, the incident's start."""
    detail: Mapped[str] = mapped_column(Text)
    checked_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LlmCacheEntry(Base):
    """A language model's validated answer for one document, prompt version and model.

    Looked up before every call so that the same document is never paid for twice; no
    foreign key to ``documents``, so an answer outlives the cleanup of its document.
    """

    __tablename__ = "llm_cache"

    document_sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    prompt_version: Mapped[str] = mapped_column(String(40), primary_key=True)
    model: Mapped[str] = mapped_column(String(200), primary_key=True)
    content: Mapped[str] = mapped_column(Text)
    """The answer's JSON text as the model gave it (validated again on every use)."""
    prompt_tokens: Mapped[int] = mapped_column(Integer)
    completion_tokens: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = _now()


class ApiRateBucket(Base):
    """Each API key's token bucket, shared by every API replica (db/rate_limits.py)."""

    __tablename__ = "api_rate_buckets"

    key_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True
    )
    tokens: Mapped[float] = mapped_column(Double)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    granted: Mapped[bool] = mapped_column(Boolean)
    """Whether the last statement granted a token."""
    taken: Mapped[float] = mapped_column(Double, server_default=text("0"))
    """How many tokens the last statement granted: what it reports back."""
