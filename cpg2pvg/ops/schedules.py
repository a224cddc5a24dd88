"""The five maintenance schedules, defined once; synced at worker start and by the CLI.

Each starts its maintenance workflow on the worker task queue. A run is skipped while the
previous one is still going (no pile-up, no double work), and a run missed while Temporal
was down is made up until the next one is due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleState,
    ScheduleUpdate,
    ScheduleUpdateInput,
)
from temporalio.service import RPCError, RPCStatusCode

from cpg2pvg import contracts
from cpg2pvg.maintenance_rules import catchup_window
from cpg2pvg.settings import Settings
from workflows import policies


@dataclass(frozen=True)
class Definition:
    id: str
    workflow: str
    every: timedelta
    summary: str
    details: str


def definitions(settings: Settings) -> list[Definition]:
    s = settings
    return [
        Definition(
            contracts.CLEANUP_SCHEDULE,
            contracts.CLEANUP_WORKFLOW,
            timedelta(seconds=s.schedule_cleanup_seconds),
            "Cleanup: delete expired documents, results and notifications",
            f"Retention: documents {s.retention_document_days:g} days, intermediate results "
            f"{s.retention_intermediate_days:g} days, notifications "
            f"{s.retention_notification_days:g} days. Guidelines in flight are never touched.",
        ),
        Definition(
            contracts.PERFORMANCE_SCHEDULE,
            contracts.PERFORMANCE_WORKFLOW,
            timedelta(seconds=s.schedule_performance_seconds),
            "Performance: CPU, memory, disk, DB pool, task-queue backlog",
            "Alerts when a metric crosses its CPG2PVG_ALERT_* threshold, and when it is back.",
        ),
        Definition(
            contracts.DATABASE_STATS_SCHEDULE,
            contracts.DATABASE_STATS_WORKFLOW,
            timedelta(seconds=s.schedule_database_stats_seconds),
            "Stats: guidelines by status and stage, stage durations, failure reasons",
            "Served at GET /v1/stats.",
        ),
        Definition(
            contracts.USAGE_STATS_SCHEDULE,
            contracts.USAGE_STATS_WORKFLOW,
            timedelta(seconds=s.schedule_usage_stats_seconds),
            "Usage: guidelines, pages, tokens and cost per owner and day",
            "Feeds the submission quotas (CPG2PVG_QUOTA_*).",
        ),
        Definition(
            contracts.HEALTH_SCHEDULE,
            contracts.HEALTH_WORKFLOW,
            timedelta(seconds=s.schedule_health_seconds),
            "Health: database, Temporal, storage, generation provider, notifications",
            "Alerts once when a check starts failing, and once when it recovers.",
        ),
    ]


def definition(settings: Settings, schedule_id: str) -> Definition | None:
    return next((d for d in definitions(settings) if d.id == schedule_id), None)


def build(settings: Settings, d: Definition, state: ScheduleState | None = None) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(
            d.workflow,
            id=d.id,
            task_queue=settings.task_queue,
            execution_timeout=policies.MAINTENANCE_RUN_TIMEOUT,
            static_summary=d.summary,
            static_details=d.details,
        ),
        spec=ScheduleSpec(intervals=[ScheduleIntervalSpec(every=d.every)]),
        policy=SchedulePolicy(
            overlap=ScheduleOverlapPolicy.SKIP, catchup_window=catchup_window(d.every)
        ),
        state=state or ScheduleState(note="managed by cpg2pvg: changes are overwritten on sync"),
    )


async def sync(client: Client, settings: Settings) -> dict[str, str]:
    """Create each schedule, or update it to the current definition; returns what happened.

    Running it again (another worker starting, a second sync) changes nothing; a paused
    schedule stays paused.
    """
    outcome: dict[str, str] = {}
    for d in definitions(settings):
        try:
            await client.create_schedule(d.id, build(settings, d))
            outcome[d.id] = "created"
        except ScheduleAlreadyRunningError:

            def update(current: ScheduleUpdateInput, d: Definition = d) -> ScheduleUpdate:
                return ScheduleUpdate(build(settings, d, current.description.schedule.state))

            await client.get_schedule_handle(d.id).update(update)
            outcome[d.id] = "updated"
    return outcome


@dataclass
class View:
    id: str
    interval_seconds: int
    paused: bool
    next_run: datetime | None
    last_run: datetime | None
    last_status: str | None
    """The last run's workflow status (RUNNING, COMPLETED, FAILED, ...), None before one."""


class UnknownSchedule(LookupError):
    pass


async def describe(client: Client, settings: Settings, schedule_id: str) -> View:
    if definition(settings, schedule_id) is None:
        raise UnknownSchedule(schedule_id)
    try:
        described = await client.get_schedule_handle(schedule_id).describe()
    except RPCError as error:
        if error.status == RPCStatusCode.NOT_FOUND:
            raise UnknownSchedule(schedule_id) from None
        raise
    spec = described.schedule.spec
    every = spec.intervals[0].every if spec.intervals else timedelta(0)
    info = described.info
    last_run = last_status = None
    if info.recent_actions:
        last = info.recent_actions[-1]
        last_run = last.started_at
        action = last.action
        workflow_id = getattr(action, "workflow_id", None)
        if workflow_id:
            run_id = getattr(action, "first_execution_run_id", None)
            handle = client.get_workflow_handle(workflow_id, run_id=run_id)
            status = (await handle.describe()).status
            last_status = status.name if status is not None else None
    return View(
        id=schedule_id,
        interval_seconds=int(every.total_seconds()),
        paused=described.schedule.state.paused,
        next_run=info.next_action_times[0] if info.next_action_times else None,
        last_run=last_run,
        last_status=last_status,
    )


async def list_views(client: Client, settings: Settings) -> list[View]:
    views = []
    for d in definitions(settings):
        try:
            views.append(await describe(client, settings, d.id))
        except UnknownSchedule:
            continue  # not synced yet
    return views


async def pause(client: Client, settings: Settings, schedule_id: str, note: str) -> View:
    await describe(client, settings, schedule_id)
    await client.get_schedule_handle(schedule_id).pause(note=note)
    return await describe(client, settings, schedule_id)


async def unpause(client: Client, settings: Settings, schedule_id: str, note: str) -> View:
    await describe(client, settings, schedule_id)
    await client.get_schedule_handle(schedule_id).unpause(note=note)
    return await describe(client, settings, schedule_id)


async def trigger(client: Client, settings: Settings, schedule_id: str) -> View:
    """Run now (still skipped if a run is in flight: the overlap policy applies)."""
    await describe(client, settings, schedule_id)
    await client.get_schedule_handle(schedule_id).trigger()
    return await describe(client, settings, schedule_id)
