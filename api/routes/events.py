"""Server-Sent Events: one event per stage or progress change, closing at the final state."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Header
from fastapi.responses import StreamingResponse

from api.deps import AnyCaller, app_state
from api.errors import ApiError
from api.routes.guidelines import owned_guideline
from api.schemas import ErrorBody
from api.state import AppState
from cpg2pvg.lifecycle import Status
from db import guidelines as store

router = APIRouter(prefix="/v1/guidelines", tags=["guidelines"])

POLL_SECONDS = 0.5
KEEPALIVE_SECONDS = 15.0


def _sse(event_id: int, name: str, data: dict) -> str:
    return f"id: {event_id}\nevent: {name}\ndata: {json.dumps(data)}\n\n"


@router.get(
    "/{guideline_id}/events",
    response_class=StreamingResponse,
    responses={
        200: {"content": {"text/event-stream": {}}},
        **{code: {"model": ErrorBody} for code in (401, 403, 404, 422, 429)},
    },
)
async def events(
    guideline_id: str,
    caller: AnyCaller,
    state: Annotated[AppState, Depends(app_state)],
    last_event_id: Annotated[str | None, Header()] = None,
) -> StreamingResponse:
    """No database session is held while the stream waits: each poll takes one briefly."""
    async with state.sessions() as session:
        guideline = await owned_guideline(session, caller, guideline_id)
    gid = guideline.id
    after = int(last_event_id) if last_event_id and last_event_id.isdigit() else 0
    slot = state.streams.acquire(caller.key_id)
    if slot is None:
        raise ApiError(
            429,
            "too_many_streams",
            f"this API key has {state.streams.per_key} event streams open; close one first",
            {"Retry-After": str(int(KEEPALIVE_SECONDS))},
        )

    async def stream() -> AsyncIterator[str]:
        nonlocal after
        idle = 0.0
        try:
            while True:
                async with state.sessions() as session:
                    rows = await store.events_after(session, gid, after)
                    current = await store.get_guideline(session, gid)
                for row in rows:
                    after = row.id
                    yield _sse(
                        row.id,
                        "progress",
                        {"status": row.status, "stage": row.stage, "progress": row.progress},
                    )
                if current is None or (Status(current.status).is_final and not rows):
                    final = current.status if current else "deleted"
                    yield _sse(after, "end", {"status": final})
                    return
                idle = 0.0 if rows else idle + POLL_SECONDS
                if idle >= KEEPALIVE_SECONDS:
                    idle = 0.0
                    yield ": keep-alive\n\n"
                await asyncio.sleep(POLL_SECONDS)
        finally:
            slot.release()

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
