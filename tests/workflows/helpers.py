"""Running guideline workflows against real activities in tests, and recording histories."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowHandle, WorkflowHistory
from temporalio.worker import Worker

from activities.deps import ActivityDeps
from api.submission import start_guideline_workflow
from cpg2pvg.settings import Settings
from db import guidelines as store
from db.models import Guideline
from domain.formats import detect_format
from worker import build_worker

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


def make_worker(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    return build_worker(client, settings, deps)


async def start(client: Client, settings: Settings, guideline: Guideline) -> WorkflowHandle:
    """Start through the API's code path; the handle it returns lets the time-skipping
    server skip time while a test waits for the result."""
    return await start_guideline_workflow(client, settings, guideline)


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
