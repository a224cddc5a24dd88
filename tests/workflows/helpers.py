"""Running guideline workflows against real activities in tests, and recording histories."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowHandle
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
    """With CPG2PVG_RECORD_HISTORIES=1 (``make record-histories``), save the run's history."""
    if os.environ.get("CPG2PVG_RECORD_HISTORIES") != "1":
        return
    history = await handle.fetch_history()
    HISTORIES.mkdir(exist_ok=True)
    (HISTORIES / f"{name}.json").write_text(history.to_json())
