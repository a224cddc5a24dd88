"""The five maintenance schedules, defined once; synced at worker start and by the CLI.

Each starts its maintenance workflow on the worker task queue. A run is skipped while the
previous one is still going (no pile-up, no double work), and a run missed while Temporal
was down is made up until the next one is due.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from temporalio.api.common.v1 import Payload
from temporalio.api.workflowservice.v1 import UpdateScheduleRequest
from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleHandle,
    ScheduleIntervalSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleSpec,
    ScheduleState,
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
    """Create each schedule, or bring it to the current definition; returns what happened.

    Idempotent and safe to run from every worker at once: a schedule that already matches
    is not written, an operator's pause (and its note) is kept, and a write that raced
    with another change is dropped by the server and tried again on what is there now.
    One schedule's failure is reported as ``failed: ...`` and does not stop the others.
    """
    outcome: dict[str, str] = {}
    for d in definitions(settings):
        try:
            outcome[d.id] = await _sync_one(client, settings, d)
        except Exception as error:  # reported with the others, never hides them
            outcome[d.id] = f"failed: {type(error).__name__}: {error}"
    return outcome


def failures(outcome: dict[str, str]) -> dict[str, str]:
    """The schedules a sync could not bring up to date."""
    return {k: v for k, v in outcome.items() if v.startswith("failed")}


# A write that raced with a pause or another sync is tried again this many times.
_SYNC_ATTEMPTS = 5


async def _sync_one(client: Client, settings: Settings, d: Definition) -> str:
    wanted = build(settings, d)
    try:
        await client.create_schedule(d.id, wanted)
        return "created"
    except ScheduleAlreadyRunningError:
        pass
    handle = client.get_schedule_handle(d.id)
    wrote = False
    for _ in range(_SYNC_ATTEMPTS):
        current = await handle.describe()
        if await _matches(client, current.schedule, wanted):
            return "updated" if wrote else "unchanged"
        # The conflict token makes the server drop this write if anything (a pause, another
        # worker's sync) changed the schedule since it was described; the loop then looks
        # again. The current state (paused or not, and its note) is carried over.
        schedule = build(settings, d, current.schedule.state)
        await client.workflow_service.update_schedule(
            UpdateScheduleRequest(
                namespace=client.namespace,
                schedule_id=d.id,
                schedule=await schedule._to_proto(client),
                conflict_token=current.raw_description.conflict_token,
                identity=client.identity,
                request_id=str(uuid.uuid4()),
            ),
            retry=True,
        )
        wrote = True
        await _written(handle, current.raw_description.conflict_token)
    raise RuntimeError(f"schedule {d.id} kept changing; not brought up to date")


async def _written(handle: ScheduleHandle, token: bytes) -> None:
    """Wait (up to 5 s) until the schedule has changed since ``token``: the server applies
    an update after answering, and drops it if the schedule had changed meanwhile."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(5):
            for _ in range(100):
                if (await handle.describe()).raw_description.conflict_token != token:
                    return
                await asyncio.sleep(0.05)


async def _matches(client: Client, current: Schedule, wanted: Schedule) -> bool:
    """Whether the described schedule already has the wanted spec, action and policies
    (its state, an operator's business, is left out)."""
    have, want = current.action, wanted.action
    if not isinstance(have, ScheduleActionStartWorkflow):
        return False
    assert isinstance(want, ScheduleActionStartWorkflow)
    return (
        current.spec == wanted.spec
        and current.policy == wanted.policy
        and (have.workflow, have.id, have.task_queue, list(have.args))
        == (want.workflow, want.id, want.task_queue, list(want.args))
        and (have.execution_timeout, have.run_timeout, have.task_timeout, have.retry_policy)
        == (want.execution_timeout, want.run_timeout, want.task_timeout, want.retry_policy)
        and await _text(client, have.static_summary) == want.static_summary
        and await _text(client, have.static_details) == want.static_details
    )


async def _text(client: Client, value: str | Payload | None) -> str | None:
    """A described schedule's summary or details: a payload, encoded like any other."""
    if value is None or isinstance(value, str):
        return value
    try:
        (text,) = await client.data_converter.decode([value], [str])
    except Exception:  # written with a key no longer held: rewritten with today's
        return None
    return text if isinstance(text, str) else None


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
