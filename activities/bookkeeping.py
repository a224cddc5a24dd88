"""What every activity module shares: mirroring a stage to the database, keeping results."""

from __future__ import annotations

import uuid
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cpg2pvg import contracts
from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.failures import Failure, failure
from cpg2pvg.lifecycle import Stage
from db import guidelines as store
from db.guidelines import Artifacts
from domain.model import PatientVersion

M = TypeVar("M", bound=BaseModel)
Sessions = async_sessionmaker[AsyncSession]


async def record_stage_update(
    session: AsyncSession,
    update: contracts.StageUpdate | None,
    *,
    only_after: contracts.StageUpdate | None = None,
) -> None:
    """Mirror a workflow stage to the database (nothing when the workflow recorded it).

    ``only_after``: record it only while the guideline is still in that state, so a step
    the workflow abandoned (cancelled while it ran) cannot overwrite the outcome.
    """
    if update is None:
        return
    try:
        await store.record_stage(
            session,
            uuid.UUID(update.guideline_id),
            status=update.status,
            stage=update.stage,
            progress=update.progress,
            error_code=update.error_code,
            error_message=update.error_message,
            title=update.title,
            final=update.stage == Stage.DONE,
            only_from=(only_after.status, only_after.stage) if only_after else None,
        )
    except LookupError as error:
        # Deleted under a running workflow: no retry brings it back.
        raise failure(Failure.GUIDELINE_NOT_FOUND, str(error)) from None


async def start_step(
    sessions: Sessions,
    request: contracts.StepInput,
    *kinds: ArtifactKind,
) -> Artifacts:
    """Record the stage the step starts (when the workflow left that to it) and load the
    earlier results it reads, in one transaction."""
    async with sessions.begin() as session:
        await record_stage_update(session, request.enter)
        return await store.load_artifacts(session, uuid.UUID(request.guideline_id), *kinds)


def required(found: Artifacts, kind: ArtifactKind, model: type[M]) -> M:
    """An earlier result the step cannot do without; gone (cleaned up, or a bug) is a
    failure no retry can change."""
    try:
        return found.require(kind, model)
    except LookupError as error:
        raise failure(Failure.MISSING_ARTIFACT, str(error)) from None


async def store_pvg(
    sessions: Sessions, guideline_id: uuid.UUID, pvg: PatientVersion
) -> contracts.GenerateResult:
    """Keep the patient version (whatever made it; a StoredPvg with its usage) and
    summarise it for the workflow."""
    async with sessions.begin() as session:
        await store.save_artifact(session, guideline_id, ArtifactKind.PVG, pvg)
    return contracts.GenerateResult(
        generator=pvg.generator,
        sections=len(pvg.sections),
        recommendations=len(pvg.recommendations),
    )
