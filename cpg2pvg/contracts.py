"""Inputs and outputs passed between the API, workflows and activities.

They carry ids and small summaries only: documents and results stay in the database, so
workflow histories stay small.

No ``from __future__ import annotations`` here: workflows decode these inside Temporal's
sandbox, where the names of string annotations cannot be looked up.
"""

from dataclasses import dataclass, field

from cpg2pvg.lifecycle import (
    BatchStatus,
    DeliveryStatus,
    Event,
    Generator,
    Priority,
    Stage,
    Status,
)
from domain.model import DocumentFormat, QcOutcome

# Activity type names, as recorded in workflow histories: workflows call the activity
# methods themselves (``workflow.execute_activity_method``), which carry these names.
PARSE_DOCUMENT = "parse_document"
GENERATE_PVG = "generate_pvg"
SAVE_REVIEW = "save_review"
QUALITY_CONTROL = "quality_control"
NOTIFY = "notify"
RECORD_STAGE = "record_stage"
GENERATE_PVG_LLM = "generate_pvg_llm"
RECORD_NOTIFICATION = "record_notification"
DELIVER_WEBHOOK = "deliver_webhook"
CLOSE_DELIVERY = "close_delivery"


def llm_task_queue(task_queue: str) -> str:
    """Language-model calls get their own queue, so its rate limit applies to them alone."""
    return f"{task_queue}-llm"


def cpu_task_queue(task_queue: str) -> str:
    """Parsing, generation and quality control get their own queue, served by workers that
    take only as many of them as their process pool runs at once: a backlog spreads over
    the replicas instead of waiting in one worker's slots."""
    return f"{task_queue}-cpu"


def guideline_workflow_id(guideline_id: str) -> str:
    """Workflow ids name the guideline, so operators find it in the Web UI at a glance."""
    return f"guideline-{guideline_id}"


def delivery_workflow_id(guideline_id: str, run_id: str, event: str) -> str:
    """One delivery workflow per notification, named like its idempotency key."""
    return f"webhook-{guideline_id}-{event}-{run_id}"


@dataclass
class GuidelineInput:
    guideline_id: str
    owner: str
    priority: Priority = Priority.NORMAL
    language: str = "auto"
    batch_id: str | None = None
    has_webhook: bool = False
    review_timeout_seconds: int = 7 * 24 * 3600
    review_required: bool = False
    """A clinician signs off even when quality control passes."""
    generator: Generator = Generator.OFFLINE
    """settings.generator when the guideline was started."""
    document_bytes: int | None = None
    """The uploaded document's size, where the starter knows it: a small one is parsed on
    the workflow's own worker (policies.parse_locally). Unknown (older starters): the CPU
    queue."""


@dataclass
class StageUpdate:
    guideline_id: str
    status: Status
    stage: Stage
    progress: int
    error_code: str | None = None
    error_message: str | None = None
    title: str | None = None


@dataclass
class StepInput:
    """A pipeline step's input: the guideline (its documents and results are loaded by
    reference) and the stage the step records as it starts."""

    guideline_id: str
    enter: StageUpdate | None = None


@dataclass
class ParseResult:
    title: str
    language: str
    format: DocumentFormat
    pages: int | None
    sections: int
    recommendations: int


@dataclass
class GenerateResult:
    generator: str
    sections: int
    recommendations: int


@dataclass
class LlmGenerateInput:
    guideline_id: str
    invalid_output_attempts: int
    """From this attempt on, an answer that fails validation fails the guideline for good."""
    enter: StageUpdate | None = None
    """The stage to record as the activity starts (newer runs)."""


@dataclass
class QcResult:
    outcome: QcOutcome
    fkgl: float | None
    findings: int
    errors: int


@dataclass
class NotifyInput:
    guideline_id: str
    event: Event
    run_id: str
    """Part of the idempotency key: a retry of the guideline is a new notification."""
    enter: StageUpdate | None = None
    """Recorded before delivery (newer runs: the stage needs no step of its own)."""
    then: StageUpdate | None = None
    """Recorded once delivered: the final state of a completed guideline."""


@dataclass
class NotifyResult:
    delivered: bool
    channels: list[str] = field(default_factory=list)


@dataclass
class WebhookNotice:
    """Which queued webhook a delivery sends: its notification's key, in parts."""

    guideline_id: str
    event: Event
    run_id: str


@dataclass
class CloseDeliveryInput:
    """A delivery that ended without success, and how: failed or abandoned."""

    notice: WebhookNotice
    status: DeliveryStatus


@dataclass
class NotificationRecorded:
    webhook: bool
    """A webhook is queued and still to be delivered (by its own workflow)."""


@dataclass
class GuidelineProgress:
    status: Status
    stage: Stage
    progress: int
    error_code: str | None = None
    error_message: str | None = None


@dataclass
class ReviewDecision:
    decision: str
    """approve | reject"""
    reviewer: str
    role: str
    comment: str | None = None
    corrections: dict[str, str] = field(default_factory=dict)
    """On reject: recommendation id -> corrected patient wording; the PVG is regenerated."""
    nonce: str | None = None
    signature: str | None = None
    """Set by the API (cpg2pvg.signing): the validator accepts signed decisions only."""


@dataclass
class SaveReviewInput:
    guideline_id: str
    decision: ReviewDecision


@dataclass
class ReviewOutcome:
    accepted: bool
    status: Status
    stage: Stage


BATCH_PAGE = "batch_page"
FINISH_BATCH = "finish_batch"
GUIDELINE_STATUS = "guideline_status"
CHILD_REVIEW_SIGNAL = "child_review"
"""A batch's child tells it when it starts and stops waiting for a reviewer."""


@dataclass
class BatchInput:
    batch_id: str
    owner: str
    priority: Priority = Priority.NORMAL
    max_concurrent: int = 8
    review_timeout_seconds: int = 7 * 24 * 3600
    children_per_run: int = 500
    """Continue-as-new after starting this many children, so history stays small."""
    generator: Generator = Generator.OFFLINE


@dataclass
class BatchPageInput:
    """The next queued items of a batch after a position, at most ``limit`` of them."""

    batch_id: str
    after_position: int
    limit: int


@dataclass
class FinishBatchInput:
    batch_id: str
    status: BatchStatus


@dataclass
class GuidelineRef:
    guideline_id: str


@dataclass
class BatchItem:
    guideline_id: str
    position: int
    language: str
    has_webhook: bool
    label: str | None = None
    """The uploaded file's name, to tell the child apart in the Web UI."""
    review_required: bool = False
    """The item's own sign-off flag, honoured as for a guideline submitted alone."""
    document_bytes: int | None = None
    """The item's document size, handed on to its run (GuidelineInput.document_bytes)."""


@dataclass
class BatchState:
    """What a batch run hands to the next one when it continues as new."""

    after_position: int = 0
    runs: int = 1
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class BatchProgress:
    running: int
    counts: dict[str, int]
    runs: int
    cancelling: bool


# Maintenance: the schedules of cpg2pvg/schedules.py (their ids also name their reports)
# and the workflows they start.
CLEANUP_SCHEDULE = "cleanup-expired-results"
PERFORMANCE_SCHEDULE = "system-performance-monitor"
DATABASE_STATS_SCHEDULE = "update-database-stats"
USAGE_STATS_SCHEDULE = "update-user-usage-stats"
HEALTH_SCHEDULE = "health-check"

CLEANUP_WORKFLOW = "CleanupExpiredResults"
PERFORMANCE_WORKFLOW = "SystemPerformanceMonitor"
DATABASE_STATS_WORKFLOW = "UpdateDatabaseStats"
USAGE_STATS_WORKFLOW = "UpdateUserUsageStats"
HEALTH_WORKFLOW = "HealthCheck"

CLEANUP_EXPIRED = "cleanup_expired"
SAMPLE_PERFORMANCE = "sample_performance"
UPDATE_DATABASE_STATS = "update_database_stats"
UPDATE_USAGE_STATS = "update_usage_stats"
CHECK_HEALTH = "check_health"
RECORD_CONDITIONS = "record_conditions"
SEND_ALERT = "send_alert"


@dataclass
class CleanupReport:
    guidelines: int
    documents: int
    artifacts: int
    notifications: int


@dataclass
class Condition:
    """One watched condition now: a health check, or a metric against its threshold."""

    name: str
    ok: bool
    detail: str


@dataclass
class Alert:
    """A change of a condition; one incident (from failing to recovered) is two alerts."""

    name: str
    event: str
    """alert.failing | alert.recovered"""
    incident_started_at: str
    detail: str


@dataclass
class RecordConditionsInput:
    conditions: list[Condition]


@dataclass
class SendAlertInput:
    idempotency_key: str


@dataclass
class StatsReport:
    guidelines: int
    stages_timed: int


@dataclass
class UsageReport:
    owners: int
    days: int
