"""The maintenance schedules: list them, pause, unpause, or run one now (admins only)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated

from fastapi import APIRouter, Depends

from api import schemas
from api.deps import Caller, Temporal, app_state, require_role
from api.errors import ApiError
from api.state import AppState
from cpg2pvg.ops import schedules

router = APIRouter(prefix="/v1/schedules", tags=["operations"])

Admin = Annotated[Caller, Depends(require_role())]
State = Annotated[AppState, Depends(app_state)]
_ERRORS: dict[int | str, dict] = {
    code: {"model": schemas.ErrorBody} for code in (401, 403, 404, 429, 503)
}


def _out(view: schedules.View) -> schemas.ScheduleOut:
    return schemas.ScheduleOut(**view.__dict__)


def _not_found(schedule_id: str) -> ApiError:
    return ApiError(
        404,
        "not_found",
        f"no schedule '{schedule_id}' (it may not be synced yet: `cpg2pvg schedules sync`)",
    )


@router.get("", response_model=list[schemas.ScheduleOut], responses=_ERRORS)
async def list_schedules(_: Admin, temporal: Temporal, state: State) -> list[schemas.ScheduleOut]:
    return [_out(v) for v in await schedules.list_views(temporal, state.settings)]


async def _act(schedule_id: str, action: Awaitable[schedules.View]) -> schemas.ScheduleOut:
    """Run one schedule action; an unknown id is a 404."""
    try:
        return _out(await action)
    except schedules.UnknownSchedule:
        raise _not_found(schedule_id) from None


@router.post("/{schedule_id}/pause", response_model=schemas.ScheduleOut, responses=_ERRORS)
async def pause(
    schedule_id: str, caller: Admin, temporal: Temporal, state: State
) -> schemas.ScheduleOut:
    note = f"paused by {caller.owner} over the API"
    return await _act(schedule_id, schedules.pause(temporal, state.settings, schedule_id, note))


@router.post("/{schedule_id}/unpause", response_model=schemas.ScheduleOut, responses=_ERRORS)
async def unpause(
    schedule_id: str, caller: Admin, temporal: Temporal, state: State
) -> schemas.ScheduleOut:
    note = f"unpaused by {caller.owner} over the API"
    return await _act(schedule_id, schedules.unpause(temporal, state.settings, schedule_id, note))


@router.post("/{schedule_id}/trigger", response_model=schemas.ScheduleOut, responses=_ERRORS)
async def trigger(
    schedule_id: str, _: Admin, temporal: Temporal, state: State
) -> schemas.ScheduleOut:
    """Start a run now; skipped if one is still running (the schedule's overlap policy)."""
    return await _act(schedule_id, schedules.trigger(temporal, state.settings, schedule_id))
