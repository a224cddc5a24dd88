"""Batches: many guidelines in one request, run with bounded concurrency by BatchWorkflow."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.datastructures import UploadFile
from temporalio.client import Client
from temporalio.common import Priority as TemporalPriority
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from api import schemas
from api.deps import (
    AnyCaller,
    AuthenticatedRoute,
    Caller,
    Session,
    Temporal,
    app_state,
    require_role,
)
from api.errors import ApiError, TemporalUnavailable
from api.quota import enforce_quota
from api.state import AppState
from api.submission import (
    checked_webhook_url,
    read_upload,
    safe_filename,
    sniff,
    wait_for_previous_run,
)
from cpg2pvg import contracts
from cpg2pvg.lifecycle import Generator, Priority
from cpg2pvg.settings import Settings
from db import batches as store
from db.keys import Role
from db.models import Batch
from domain.errors import DocumentError
from workflows.batch import BatchWorkflow

router = APIRouter(prefix="/v1/batches", tags=["batches"], route_class=AuthenticatedRoute)

_ERRORS: dict[int | str, dict] = {
    code: {"model": schemas.ErrorBody} for code in (400, 401, 403, 404, 409, 413, 422, 429, 503)
}
Submitter = Annotated[Caller, Depends(require_role(Role.SUBMITTER))]

_UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["files"],
                    "properties": {
                        "files": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                        },
                        "priority": {
                            "type": "string",
                            "enum": [p.value for p in Priority],
                            "default": "normal",
                        },
                        "webhook_url": {"type": "string"},
                    },
                }
            }
        },
    }
}


def _links(batch_id: uuid.UUID) -> dict[str, str]:
    return {"self": f"/v1/batches/{batch_id}", "guidelines": f"/v1/guidelines?batch_id={batch_id}"}


async def start_batch_workflow(temporal: Client, settings: Settings, batch: Batch) -> None:
    request = contracts.BatchInput(
        batch_id=str(batch.id),
        owner=batch.owner,
        priority=Priority(batch.priority),
        max_concurrent=settings.batch_max_concurrency,
        review_timeout_seconds=settings.review_timeout_seconds,
        generator=Generator(settings.generator),
    )
    try:
        await temporal.start_workflow(
            BatchWorkflow.run,
            args=[request, None],
            id=batch.workflow_id,
            task_queue=settings.task_queue,
            priority=TemporalPriority(priority_key=Priority(batch.priority).priority_key),
            static_summary=f"Batch of {batch.total} guidelines ({batch.owner})",
        )
    except WorkflowAlreadyStartedError:
        pass
    except RPCError as error:
        raise TemporalUnavailable(
            "the batch was stored but could not be started; retry with "
            "POST /v1/batches/{id}/retry-failed",
        ) from error


@router.post(
    "",
    status_code=202,
    response_model=schemas.BatchAccepted,
    responses=_ERRORS,
    openapi_extra=_UPLOAD_SCHEMA,
)
async def submit_batch(
    request: Request,
    caller: Submitter,
    session: Session,
    temporal: Temporal,
    state: Annotated[AppState, Depends(app_state)],
) -> schemas.BatchAccepted:
    settings = state.settings
    form = await request.form(max_files=settings.max_batch_files, max_fields=20)
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not uploads:
        raise ApiError(422, "no_files", "send one or more files in 'files' fields")
    try:
        priority = Priority(str(form.get("priority") or "normal"))
    except ValueError:
        raise ApiError(
            422, "invalid_priority", "priority must be low, normal, high or urgent"
        ) from None
    webhook = await checked_webhook_url(form.get("webhook_url"), settings)
    names = [safe_filename(upload.filename) for upload in uploads]
    new_items = []
    for upload, name in zip(uploads, names, strict=True):
        content = await read_upload(upload, settings.max_upload_bytes)
        try:
            media_type = sniff(content, name).value
            error = None
        except DocumentError as refused:
            media_type, error = "unknown", (refused.code, refused.message)
        new_items.append(store.NewItem(content, media_type, name, error))
    await enforce_quota(session, settings, caller.owner, len(new_items))
    batch = await store.create_batch(
        session, owner=caller.owner, total=len(new_items), priority=priority.value
    )
    await store.add_items(session, batch, new_items, webhook_url=webhook)
    await session.commit()
    await start_batch_workflow(temporal, settings, batch)
    return schemas.BatchAccepted(
        id=batch.id, workflow_id=batch.workflow_id, total=batch.total, links=_links(batch.id)
    )


async def _owned_batch(session: Session, caller: AnyCaller, batch_id: str) -> Batch:
    try:
        bid = uuid.UUID(batch_id)
    except ValueError:
        raise ApiError(404, "not_found", "no batch with this id") from None
    batch = await store.get_batch(session, bid, caller.owner_scope)
    if batch is None:
        raise ApiError(404, "not_found", "no batch with this id")
    return batch


Owned = Annotated[Batch, Depends(_owned_batch)]


ITEMS_PER_PAGE = 1000


async def _batch_out(
    session: Session, batch: Batch, *, after: int = -1, limit: int = ITEMS_PER_PAGE
) -> schemas.BatchOut:
    """Counts of the whole batch, and one page of its items (in submission order)."""
    counts = await store.counts(session, batch.id)
    rows = await store.items(session, batch.id, after=after, limit=limit + 1) if limit else []
    more = len(rows) > limit  # never for items_limit=0, which asks for the counts only
    rows = rows[:limit]
    return schemas.BatchOut(
        id=batch.id,
        status=batch.status,
        total=batch.total,
        items=[
            schemas.BatchItemOut(guideline_id=r.guideline_id, title=r.title, status=r.status)
            for r in rows
        ],
        next_items=(
            f"/v1/batches/{batch.id}?items_after={rows[-1].position}&items_limit={limit}"
            if more
            else None
        ),
        **counts,
    )


@router.get("/{batch_id}", response_model=schemas.BatchOut, responses=_ERRORS)
async def get_batch(
    batch: Owned,
    session: Session,
    items_after: Annotated[
        # Positions are int4 in the database: a larger number is no position at all.
        int, Query(ge=-1, le=2**31 - 1, description="position of the last item seen")
    ] = -1,
    items_limit: Annotated[int, Query(ge=0, le=10_000)] = ITEMS_PER_PAGE,
) -> schemas.BatchOut:
    """The batch's counts and a page of its items; ``next_items`` links the next page."""
    return await _batch_out(session, batch, after=items_after, limit=items_limit)


@router.post("/{batch_id}/cancel", response_model=schemas.BatchOut, responses=_ERRORS)
async def cancel_batch(
    batch_id: str, caller: Submitter, session: Session, temporal: Temporal
) -> schemas.BatchOut:
    """Cancel the batch: running children hear it, items not yet started never start."""
    batch = await _owned_batch(session, caller, batch_id)
    if batch.status != "running":
        raise ApiError(409, "already_final", f"the batch is already {batch.status}")
    try:
        await temporal.get_workflow_handle(batch.workflow_id).cancel()
    except RPCError as error:
        if error.status != RPCStatusCode.NOT_FOUND:
            raise
        await store.cancel_queued(session, batch.id)
        await store.set_status(session, batch.id, "cancelled")
        await session.commit()
    return await _batch_out(session, batch)


@router.post(
    "/{batch_id}/retry-failed", status_code=202, response_model=schemas.BatchOut, responses=_ERRORS
)
async def retry_failed(
    batch_id: str,
    caller: Submitter,
    session: Session,
    temporal: Temporal,
    state: Annotated[AppState, Depends(app_state)],
) -> schemas.BatchOut:
    """Run the failed and cancelled items again; completed ones are left alone."""
    batch = await _owned_batch(session, caller, batch_id)
    if batch.status == "running":
        raise ApiError(409, "batch_running", "wait until the batch has finished, or cancel it")
    await wait_for_previous_run(temporal, batch.workflow_id)
    requeued = await store.requeue_failed(session, batch.id)
    if not requeued:
        raise ApiError(409, "nothing_to_retry", "no failed or cancelled item can be retried")
    await store.set_status(session, batch.id, "running")
    await session.commit()
    await session.refresh(batch)
    await start_batch_workflow(temporal, state.settings, batch)
    return await _batch_out(session, batch)
