"""Guidelines: submit one, list them, read its state and its patient version."""

from __future__ import annotations

import base64
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, Header, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, PlainTextResponse

from api import schemas
from api.deps import (
    AnyCaller,
    AuthenticatedRoute,
    Session,
    Submitter,
    Temporal,
    app_state,
    read_connection,
)
from api.errors import ApiError
from api.state import AppState
from api.submission import SubmissionRequest, checked_webhook_url, submit_guideline
from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.lifecycle import Priority, Status
from db import guidelines as store
from db.models import Guideline
from domain.model import PatientVersion
from domain.render import to_html, to_markdown

router = APIRouter(
    prefix="/v1/guidelines", tags=["guidelines"], route_class=AuthenticatedRoute
)

_ERRORS: dict[int | str, dict] = {
    code: {"model": schemas.ErrorBody}
    for code in (400, 401, 403, 404, 409, 413, 415, 422, 429, 503)
}


def _parse_id(raw: str) -> uuid.UUID:
    try:
        return uuid.UUID(raw)
    except ValueError:
        raise ApiError(404, "not_found", "no guideline with this id") from None


async def owned_guideline(session: Session, caller: AnyCaller, guideline_id: str) -> Guideline:
    """The guideline if the caller may see it; another owner's id is simply not found."""
    guideline = await store.get_guideline(session, _parse_id(guideline_id), caller.owner_scope)
    if guideline is None:
        raise ApiError(404, "not_found", "no guideline with this id")
    return guideline


@router.post("", status_code=202, response_model=schemas.SubmissionAccepted, responses=_ERRORS)
async def submit(
    caller: Submitter,
    session: Session,
    temporal: Temporal,
    state: Annotated[AppState, Depends(app_state)],
    file: Annotated[UploadFile, File(description="PDF, DOCX, HTML, Markdown or plain text")],
    title: Annotated[schemas.StorableText | None, Form(max_length=500)] = None,
    priority: Annotated[Priority, Form()] = Priority.NORMAL,
    webhook_url: Annotated[schemas.StorableText | None, Form(max_length=2000)] = None,
    language: Annotated[Literal["en", "zh", "auto"], Form()] = "auto",
    review: Annotated[
        Literal["auto", "required"],
        Form(description="'required': a reviewer signs off even when quality control passes"),
    ] = "auto",
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
) -> schemas.SubmissionAccepted:
    request = SubmissionRequest(
        owner=caller.owner,
        filename=file.filename,
        title=title.strip() if title and title.strip() else None,
        priority=priority,
        webhook_url=await checked_webhook_url(webhook_url, state.settings),
        language=language,
        review_required=review == "required",
        idempotency_key=idempotency_key,
    )
    guideline = await submit_guideline(session, temporal, state.settings, file, request)
    return schemas.SubmissionAccepted(
        id=guideline.id,
        workflow_id=guideline.workflow_id,
        status=Status(guideline.status),
        links=schemas.Links.for_guideline(guideline.id),
    )


def _cursor(guideline: store.GuidelineView) -> str:
    raw = f"{guideline.created_at.isoformat()}|{guideline.id}"
    return base64.urlsafe_b64encode(raw.encode()).decode()


def _decode_cursor(cursor: str) -> tuple[datetime, uuid.UUID]:
    try:
        created, gid = base64.urlsafe_b64decode(cursor.encode()).decode().split("|")
        return datetime.fromisoformat(created), uuid.UUID(gid)
    except (ValueError, UnicodeDecodeError):
        raise ApiError(422, "invalid_cursor", "cursor is not one this API returned") from None


@router.get("", response_model=schemas.GuidelinePage, responses=_ERRORS)
async def list_guidelines(
    caller: AnyCaller,
    request: Request,
    status: Status | None = None,
    batch_id: uuid.UUID | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> schemas.GuidelinePage:
    before = _decode_cursor(cursor) if cursor else None
    async with read_connection(request) as connection:
        rows = await store.list_guideline_views(
            connection,
            owner=caller.owner_scope,
            status=status.value if status else None,
            batch_id=batch_id,
            before=before,
            limit=limit + 1,
        )
    page = rows[:limit]
    # One validation for the page: each row's QC summary was stored in the API's form.
    return schemas.GuidelinePage.model_validate(
        {
            "items": [_shown(row) for row in page],
            "next_cursor": _cursor(page[-1]) if len(rows) > limit else None,
        }
    )


@router.get("/{guideline_id}", response_model=schemas.GuidelineOut, responses=_ERRORS)
async def get_guideline(
    guideline_id: str, caller: AnyCaller, request: Request
) -> schemas.GuidelineOut:
    async with read_connection(request) as connection:
        row = await store.view_guideline(connection, _parse_id(guideline_id), caller.owner_scope)
    if row is None:
        raise ApiError(404, "not_found", "no guideline with this id")
    return schemas.GuidelineOut.model_validate(_shown(row))


def guideline_out_of(guideline: Guideline) -> schemas.GuidelineOut:
    """A guideline as the API shows it, with its QC summary."""
    return schemas.GuidelineOut.model_validate(_shown(guideline))


def _shown(row: store.GuidelineView | Guideline) -> dict[str, Any]:
    """A guideline's ``VIEW_COLUMNS`` (a row, or the ORM object) as ``GuidelineOut``'s input."""
    error = None
    if row.error_code:
        error = {"code": row.error_code, "message": row.error_message or ""}
    return {
        "id": row.id,
        "title": row.title,
        "status": row.status,
        "stage": row.stage,
        "progress": row.progress,
        "priority": row.priority,
        "workflow_id": row.workflow_id,
        "batch_id": row.batch_id,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "error": error,
        "qc": row.qc,
    }


Owned = Annotated[Guideline, Depends(owned_guideline)]


@router.get(
    "/{guideline_id}/pvg",
    response_model=schemas.PvgOut,
    responses={
        **_ERRORS,
        200: {"content": {"text/markdown": {}, "text/html": {}}},
    },
)
async def get_pvg(
    guideline: Owned,
    session: Session,
    format: Literal["json", "markdown", "html"] = "json",
) -> schemas.PvgOut | PlainTextResponse | HTMLResponse:
    pvg = await store.load_artifact(session, guideline.id, ArtifactKind.PVG, PatientVersion)
    draft = guideline.status == Status.NEEDS_REVIEW
    if pvg is None or guideline.status not in (Status.COMPLETED, Status.NEEDS_REVIEW):
        raise ApiError(
            409,
            "pvg_not_ready",
            f"the patient version is not available while the guideline is {guideline.status}",
        )
    if format == "markdown":
        return PlainTextResponse(to_markdown(pvg, draft), media_type="text/markdown; charset=utf-8")
    if format == "html":
        return HTMLResponse(
            to_html(pvg, draft),
            headers={"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"},
        )
    return schemas.PvgOut.of(pvg, draft=draft)
