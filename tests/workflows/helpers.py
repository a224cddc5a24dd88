"""Running guideline workflows against real activities in tests, and recording histories."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle, WorkflowHistory
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from api.submission import start_guideline_workflow
from cpg2pvg import contracts, signing
from cpg2pvg.contracts import ReviewDecision
from cpg2pvg.settings import Settings
from db import guidelines as store
from db.models import Guideline
from domain.formats import detect_format
from tests.support.polling import wait_until
from worker import Workers, build_workers

HISTORIES = Path(__file__).resolve().parent / "histories"


async def new_guideline(
    sessions: async_sessionmaker[AsyncSession],
    content: bytes,
    filename: str,
    *,
    owner: str = "tests",
    webhook_url: str | None = None,
    media_type: str | None = None,
    review_required: bool = False,
) -> Guideline:
    if media_type is None:
        media_type = detect_format(content, filename).value
    async with sessions.begin() as session:
        return await store.create_guideline(
            session,
            owner=owner,
            content=content,
            media_type=media_type,
            filename=filename,
            webhook_url=webhook_url,
            review_required=review_required,
        )


def make_worker(client: Client, settings: Settings, deps: ActivityDeps) -> Workers:
    """The orchestration worker and the CPU worker, as one worker process runs them."""
    return build_workers(client, settings, deps)


async def start(
    client: Client,
    settings: Settings,
    guideline: Guideline,
    *,
    document_bytes: int | None = None,
) -> WorkflowHandle:
    """Start through the API's code path; the handle it returns lets the time-skipping
    server skip time while a test waits for the result. ``document_bytes`` as a submission
    gives it (a retry does not)."""
    return await start_guideline_workflow(
        client, settings, guideline, document_bytes=document_bytes
    )


async def delivery_of(
    client: Client, guideline: WorkflowHandle, event: str = "completed"
) -> WorkflowHandle:
    """The WebhookDelivery workflow that a guideline's run started for one event."""
    run = await guideline.describe()
    guideline_id = run.id.removeprefix("guideline-")
    return client.get_workflow_handle(
        contracts.delivery_workflow_id(guideline_id, run.run_id, event)
    )


async def outcome(handle: WorkflowHandle, env: WorkflowEnvironment | None = None) -> Any:
    """The result of a workflow this test did not start, once it has closed.

    On the time-skipping server, time is skipped while we wait (only a handle from
    ``start_workflow`` does that by itself).
    """

    async def closed() -> bool:
        return (await handle.describe()).status != WorkflowExecutionStatus.RUNNING

    if env is not None and env.supports_time_skipping:
        async with env.time_skipping_unlocked():  # type: ignore[attr-defined]
            await wait_until(closed, timeout=60)
    else:
        await wait_until(closed, timeout=60)
    return await handle.result()


async def maybe_record(handle: WorkflowHandle, name: str) -> None:
    """With CPG2PVG_RECORD_HISTORIES=1 (``make record-histories``), save the run's history.

    A recording is never replaced: the code path that wrote it must keep replaying. A run
    that took workflow patches is saved beside it, named after them
    (``completed+stage-recorded-by-activity.json``); same patches, same file, kept as is.
    """
    if os.environ.get("CPG2PVG_RECORD_HISTORIES") != "1":
        return
    history = await handle.fetch_history()
    HISTORIES.mkdir(exist_ok=True)
    path = HISTORIES / f"{'+'.join([name, *patch_ids(history)])}.json"
    if not path.exists():
        path.write_text(history.to_json())


async def maybe_record_chain(handle: WorkflowHandle, name: str) -> None:
    """Like ``maybe_record``, for every run of a workflow that continued as new, first to
    last: ``<name>_run1of3+<patches>.json`` and so on. The last run alone never replays the
    code that leads up to ``continue_as_new``."""
    if os.environ.get("CPG2PVG_RECORD_HISTORIES") != "1":
        return
    histories = await chain(handle)
    for number, history in enumerate(histories, 1):
        run_name = f"{name}_run{number}of{len(histories)}"
        path = HISTORIES / f"{'+'.join([run_name, *patch_ids(history)])}.json"
        if not path.exists():
            path.write_text(history.to_json())


async def chain(handle: WorkflowHandle) -> list[WorkflowHistory]:
    """The history of every run of a workflow's continue-as-new chain, first run first."""
    run_id = handle.first_execution_run_id or handle.run_id
    histories = []
    while run_id:
        run = handle._client.get_workflow_handle(handle.id, run_id=run_id)
        history = await run.fetch_history()
        histories.append(history)
        last = history.events[-1]
        continued = last.workflow_execution_continued_as_new_event_attributes
        run_id = (
            continued.new_execution_run_id
            if last.HasField("workflow_execution_continued_as_new_event_attributes")
            else None
        )
    return histories


def patch_ids(history: WorkflowHistory) -> list[str]:
    """The ``workflow.patched`` ids a run took, from its patch markers, in order."""
    ids: list[str] = []
    for event in history.events:
        if not event.HasField("marker_recorded_event_attributes"):
            continue
        marker = event.marker_recorded_event_attributes
        if marker.marker_name != "core_patch":
            continue
        # Core writes the id under "patch-data" (older releases: "patch_data").
        for key in ("patch-data", "patch_data"):
            for payload in marker.details[key].payloads:
                patch = json.loads(payload.data)["id"]
                if patch not in ids:
                    ids.append(patch)
    return ids


async def signed_decision(
    settings: Settings, handle: WorkflowHandle, decision: str = "approve", **extra: object
) -> ReviewDecision:
    """A review decision as the API sends it: signed for the run the handle waits in."""
    run_id = handle.first_execution_run_id or handle.run_id or (await handle.describe()).run_id
    unsigned = ReviewDecision(decision=decision, reviewer="dr-lee", role="reviewer", **extra)  # type: ignore[arg-type]
    return signing.sign(settings.review_signing_key(), handle.id, run_id, unsigned)


def local_activities(history: WorkflowHistory) -> list[str]:
    """The activity type of each local activity a run recorded, in order."""
    types: list[str] = []
    for event in history.events:
        if not event.HasField("marker_recorded_event_attributes"):
            continue
        marker = event.marker_recorded_event_attributes
        if marker.marker_name != "core_local_activity":
            continue
        for payload in marker.details["data"].payloads:
            types.append(json.loads(payload.data)["activity_type"])
    return types


def local_activity_attempts(history: WorkflowHistory, activity_type: str) -> list[int]:
    """The attempt at which each local activity of a type ended (its marker's), in order."""
    attempts: list[int] = []
    for event in history.events:
        marker = event.marker_recorded_event_attributes
        if marker.marker_name != "core_local_activity":
            continue
        for payload in marker.details["data"].payloads:
            data = json.loads(payload.data)
            if data["activity_type"] == activity_type:
                attempts.append(data["attempt"])
    return attempts


def scheduled_activities(history: WorkflowHistory) -> list[str]:
    """The activity type of each regular activity a run scheduled, in order."""
    return [
        event.activity_task_scheduled_event_attributes.activity_type.name
        for event in history.events
        if event.HasField("activity_task_scheduled_event_attributes")
    ]
