"""System statistics, as computed by the update-database-stats schedule."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api import schemas
from api.deps import Caller, Session, require_role
from api.errors import ApiError
from cpg2pvg import contracts
from db import maintenance as store

router = APIRouter(prefix="/v1/stats", tags=["operations"])

Admin = Annotated[Caller, Depends(require_role())]


@router.get(
    "",
    response_model=schemas.StatsOut,
    responses={code: {"model": schemas.ErrorBody} for code in (401, 403, 404, 429)},
)
async def get_stats(_: Admin, session: Session) -> schemas.StatsOut:
    """The latest stats (admins only: they span every owner)."""
    report = await store.latest_report(session, contracts.DATABASE_STATS_SCHEDULE)
    if report is None:
        raise ApiError(
            404,
            "no_stats_yet",
            "stats have not been computed yet; run them now with "
            f"POST /v1/schedules/{contracts.DATABASE_STATS_SCHEDULE}/trigger",
        )
    return schemas.StatsOut(computed_at=report.created_at, **report.data)
