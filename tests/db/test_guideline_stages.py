"""Mirroring a workflow's stages into the guideline row and its event log."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import guidelines as store


async def _guideline(sessions: async_sessionmaker[AsyncSession]) -> uuid.UUID:
    async with sessions.begin() as session:
        row = await store.create_guideline(
            session,
            owner="stage-tests",
            content=f"# Stages {uuid.uuid4()}\n".encode(),
            media_type="text/markdown",
            filename="stages.md",
        )
        return row.id


async def test_each_stage_is_an_event_and_progress_never_goes_back(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    gid = await _guideline(sessions)
    steps = [("parsing", 10, None), ("generating", 40, "Walking"), ("parsing", 10, "Other")]
    for stage, progress, title in steps:
        async with sessions.begin() as session:
            await store.record_stage(
                session, gid, status="processing", stage=stage, progress=progress, title=title
            )
    async with sessions() as session:
        row = await store.get_guideline(session, gid)
        events = await store.events_after(session, gid)
    assert row is not None
    # A retried step may record an earlier stage again; its progress does not drop.
    assert (row.stage, row.progress, row.title) == ("parsing", 40, "Walking")
    assert [(e.stage, e.progress) for e in events] == [
        ("parsing", 10),
        ("generating", 40),
        ("parsing", 40),
    ]


async def test_final_stage_sets_completion_and_unknown_guidelines_are_refused(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    gid = await _guideline(sessions)
    async with sessions.begin() as session:
        await store.record_stage(
            session, gid, status="completed", stage="done", progress=100, final=True
        )
    async with sessions() as session:
        row = await store.get_guideline(session, gid)
    assert row is not None and row.completed_at is not None and row.status == "completed"

    with pytest.raises(LookupError):
        async with sessions.begin() as session:
            await store.record_stage(
                session, uuid.uuid4(), status="processing", stage="parsing", progress=10
            )


async def test_an_abandoned_step_cannot_overwrite_the_outcome(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """A notification still delivering "completed" after the run was cancelled, or a
    stage activity retried after it, leaves the cancelled guideline as it is."""
    gid = await _guideline(sessions)
    async with sessions.begin() as session:
        await store.record_stage(session, gid, status="processing", stage="notifying", progress=90)
        await store.record_stage(session, gid, status="cancelled", stage="done", progress=90)
        late_parse = await store.record_stage(
            session, gid, status="processing", stage="parsing", progress=10
        )
        late_done = await store.record_stage(
            session,
            gid,
            status="completed",
            stage="done",
            progress=100,
            final=True,
            only_from=("processing", "notifying"),
        )
    async with sessions() as session:
        row = await store.get_guideline(session, gid)
        stages = [e.stage for e in await store.events_after(session, gid)]
    assert (late_parse, late_done) == (False, False)
    assert row is not None and (row.status, row.stage, row.completed_at) == (
        "cancelled",
        "done",
        None,
    )
    assert stages == ["notifying", "done"]

    # A new run starts from queued, and from there it moves on as usual.
    async with sessions.begin() as session:
        await store.reset_for_retry(session, [gid])
        assert await store.record_stage(
            session, gid, status="processing", stage="parsing", progress=10
        )
