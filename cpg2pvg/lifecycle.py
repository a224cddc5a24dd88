"""The states a guideline goes through, shared by the workflow, the database and the API."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    QUEUED = "queued"
    PROCESSING = "processing"
    NEEDS_REVIEW = "needs_review"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATUSES


FINAL_STATUSES = frozenset({Status.COMPLETED, Status.FAILED, Status.CANCELLED})


class Stage(StrEnum):
    QUEUED = "queued"
    PARSING = "parsing"
    GENERATING = "generating"
    QUALITY_CONTROL = "quality_control"
    REVIEW = "review"
    NOTIFYING = "notifying"
    DONE = "done"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"

    @property
    def priority_key(self) -> int:
        """Temporal's priority key: 1 runs first, 5 last (the server's default range)."""
        return {"urgent": 1, "high": 2, "normal": 3, "low": 4}[self.value]


# Progress reached when each stage starts; it only ever goes up.
STAGE_PROGRESS: dict[Stage, int] = {
    Stage.QUEUED: 0,
    Stage.PARSING: 5,
    Stage.GENERATING: 35,
    Stage.QUALITY_CONTROL: 65,
    Stage.REVIEW: 80,
    Stage.NOTIFYING: 90,
    Stage.DONE: 100,
}


class Generator(StrEnum):
    """What turns a parsed guideline into a patient version (``CPG2PVG_GENERATOR``)."""

    OFFLINE = "offline"
    OPENAI = "openai"


class Event(StrEnum):
    """What a notification tells the submitter."""

    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    NEEDS_REVIEW = "needs_review"


class BatchStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class DeliveryStatus(StrEnum):
    """How a webhook's delivery ended: sent, refused for good, or given up."""

    DELIVERED = "delivered"
    FAILED = "failed"
    ABANDONED = "abandoned"
