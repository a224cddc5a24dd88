"""``GET /metrics`` for Prometheus: request and submission counts, latencies, guidelines by status.

Needs an admin key, like every endpoint but /healthz and /readyz (Prometheus sends it
with ``authorization: {credentials: <key>}`` in its scrape config), and is content-free:
labels are route templates, status codes and guideline statuses only.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import func, select

from api.deps import app_state, require_role
from api.middleware import ApiMetrics
from api.state import AppState
from cpg2pvg.lifecycle import Status
from db.models import Guideline

router = APIRouter(tags=["health"])
log = logging.getLogger("cpg2pvg.api")


async def _count_by_status(state: AppState, metrics: ApiMetrics) -> None:
    """One GROUP BY per scrape; a slow or absent database leaves the last counts."""
    try:
        async with asyncio.timeout(2), state.sessions() as session:
            rows = (
                await session.execute(
                    select(Guideline.status, func.count()).group_by(Guideline.status)
                )
            ).all()
    except Exception:
        log.warning("metrics: could not count guidelines by status")
        return
    counts = {status.value: 0 for status in Status} | {str(s): int(n) for s, n in rows}
    for status, count in counts.items():
        metrics.guidelines.labels(status).set(count)


@router.get("/metrics", include_in_schema=False, dependencies=[Depends(require_role())])
async def metrics(request: Request, state: Annotated[AppState, Depends(app_state)]) -> Response:
    api_metrics: ApiMetrics = request.app.state.metrics
    await _count_by_status(state, api_metrics)
    return Response(generate_latest(api_metrics.registry), media_type=CONTENT_TYPE_LATEST)
