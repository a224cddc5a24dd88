"""Liveness and readiness: is the process up, and can it reach what it needs."""

from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from sqlalchemy import text

from api.deps import app_state
from api.errors import error_body
from api.state import AppState

router = APIRouter(tags=["health"])


@router.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


async def _database_ok(state: AppState) -> bool:
    try:
        async with asyncio.timeout(5), state.engine.connect() as connection:
            await connection.execute(text("select 1"))
        return True
    except Exception:
        return False


async def _temporal_ok(state: AppState) -> bool:
    try:
        client = await state.temporal.get()
        async with asyncio.timeout(5):
            await client.service_client.check_health()
        return True
    except Exception:
        return False


@router.get("/readyz", responses={503: {"description": "a dependency is unreachable"}})
async def readyz(state: Annotated[AppState, Depends(app_state)]) -> JSONResponse:
    database, temporal = await asyncio.gather(_database_ok(state), _temporal_ok(state))
    checks = {"database": database, "temporal": temporal}
    failing = [name for name, ok in checks.items() if not ok]
    if failing:
        body = error_body("not_ready", f"unreachable: {', '.join(failing)}")
        return JSONResponse({**body, "checks": checks}, status_code=503)
    return JSONResponse({"status": "ready", "checks": checks})
