"""System statistics, as computed by the update-database-stats schedule."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends
from pydantic import BaseModel

from api import schemas
from api.deps import Caller, Session, require_role
from api.errors import ApiError
from cpg2pvg import contracts
from db import maintenance as store

router = APIRouter(prefix="/v1/stats", tags=["operations"])

Admin = Annotated[Caller, Depends(require_role())]


class StageDuration(BaseModel):
    count: int
    p50_seconds: float
    p95_seconds: float


class StatsOut(BaseModel):
    computed_at: datetime
    guidelines: int
    by_status: dict[str, int]
    by_stage: dict[str, int]
    stage_durations: dict[str, StageDuration]
    """Time spent in each stage, over the guidelines still kept (see the retention settings)."""
    failure_reasons: dict[str, int]
    """Failed guidelines by error code."""


@router.get(
    "",
    response_model=StatsOut,
    responses={code: {"model": schemas.ErrorBody} for code in (401, 403, 404, 429)},
)
async def get_stats(_: Admin, session: Session) -> StatsOut:
    """The latest stats (admins only: they span every owner)."""
    report = await store.latest_report(session, contracts.DATABASE_STATS_SCHEDULE)
    if report is None:
        raise ApiError(
            404,
            "no_stats_yet",
            "stats have not been computed yet; run them now with "
            f"POST /v1/schedules/{contracts.DATABASE_STATS_SCHEDULE}/trigger",
        )
    return StatsOut(computed_at=report.created_at, **report.data)
