"""Accepting a document: check it, store it once, record the guideline, start its workflow.

Only cheap checks happen here (size, type sniffed from the content); reading the document
is the workflow's job, so a corrupt file fails there with a named reason.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import AnyHttpUrl, TypeAdapter, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import UploadFile
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.common import Priority as TemporalPriority
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from api.errors import ApiError, TemporalUnavailable
from api.quota import enforce_quota
from cpg2pvg import contracts, webhooks
from cpg2pvg.lifecycle import Generator, Priority
from cpg2pvg.settings import Settings
from cpg2pvg.text import UNSTORABLE_MESSAGE, storable
from db import guidelines as store
from db.models import Guideline
from domain.formats import detect_format
from domain.model import DocumentFormat
from domain.parsing import peek_title
from workflows.guideline import GuidelineWorkflow, initial_search_attributes

_CHUNK = 1024 * 1024


@dataclass
class SubmissionRequest:
    owner: str
    filename: str | None
    title: str | None
    priority: Priority
    webhook_url: str | None
    language: str
    review_required: bool = False
    idempotency_key: str | None = None
    batch_id: uuid.UUID | None = None


async def read_upload(file: UploadFile, limit: int) -> bytes:
    """Read at most ``limit`` bytes; a larger file is refused without reading it all."""
    chunks, size = [], 0
    while chunk := await file.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise ApiError(
                413,
                "file_too_large",
                f"the file is larger than the limit of {limit // (1024 * 1024)} MB",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def safe_filename(name: str | None) -> str | None:
    """Keep only the last path component: the name is shown, never used as a path."""
    if not name:
        return None
    if not storable(name):
        raise ApiError(422, "invalid_filename", f"the file name {UNSTORABLE_MESSAGE}")
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().strip(".")
    return base[:255] or None


def sniff(content: bytes, filename: str | None) -> DocumentFormat:
    """The document's type, from its content; raises DocumentError for what we cannot read."""
    return detect_format(content, filename)


def webhook_url_or_none(value: object) -> str | None:
    if not value:
        return None
    text = str(value)
    if not storable(text):
        raise ApiError(422, "invalid_webhook_url", f"webhook_url {UNSTORABLE_MESSAGE}")
    try:
        TypeAdapter(AnyHttpUrl).validate_python(text)
    except ValidationError:
        raise ApiError(
            422, "invalid_webhook_url", "webhook_url must be an absolute http(s) URL"
        ) from None
    if len(text) > 2000:
        raise ApiError(422, "invalid_webhook_url", "webhook_url is longer than 2000 characters")
    return text


async def checked_webhook_url(value: object, settings: Settings) -> str | None:
    """A valid webhook URL whose host resolves only to allowed (public) addresses."""
    url = webhook_url_or_none(value)
    if url is None:
        return None
    try:
        await webhooks.check_target(url, allow_private=settings.webhook_allow_private)
    except (webhooks.WebhookNotAllowed, webhooks.WebhookUnresolvable) as error:
        raise ApiError(422, "webhook_not_allowed", str(error)) from None
    return url


async def submit_guideline(
    session: AsyncSession,
    temporal: Client,
    settings: Settings,
    file: UploadFile,
    request: SubmissionRequest,
) -> Guideline:
    filename = safe_filename(request.filename)
    content = await read_upload(file, settings.max_upload_bytes)
    media_type = sniff(content, filename)  # a DocumentError is a 415/422 (api/errors.py)

    digest = store.sha256_hex(content)
    # Each statement commits on its own: the document and its guideline are one statement
    # (db/guidelines.py), so BEGIN and COMMIT were two round trips that protected nothing.
    await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    if request.idempotency_key:
        existing = await store.find_by_idempotency_key(
            session, request.owner, request.idempotency_key
        )
        if existing is not None:
            return _same_submission(existing, digest)

    await enforce_quota(session, settings, request.owner)
    try:
        guideline = await store.create_guideline(
            session,
            owner=request.owner,
            content=content,
            media_type=media_type.value,
            filename=filename,
            title=request.title,
            priority=request.priority.value,
            language=request.language,
            webhook_url=request.webhook_url,
            review_required=request.review_required,
            idempotency_key=request.idempotency_key,
            batch_id=request.batch_id,
            sha256=digest,
        )
        await session.commit()
    except IntegrityError:
        # The same idempotency key arrived twice at once: the other request won.
        await session.rollback()
        if request.idempotency_key:
            existing = await store.find_by_idempotency_key(
                session, request.owner, request.idempotency_key
            )
            if existing is not None:
                return _same_submission(existing, digest)
        raise
    # A label for the Web UI before the document is parsed (its title, cheaply peeked).
    label = request.title or peek_title(content, media_type)
    await start_guideline_workflow(
        temporal, settings, guideline, label=label, document_bytes=len(content)
    )
    return guideline


def _same_submission(existing: Guideline, digest: str) -> Guideline:
    if existing.document_sha256 != digest:
        raise ApiError(
            409,
            "idempotency_key_reused",
            "this Idempotency-Key was already used for a different document",
        )
    return existing


async def start_guideline_workflow(
    temporal: Client,
    settings: Settings,
    guideline: Guideline,
    *,
    label: str | None = None,
    exclusive: bool = False,
    document_bytes: int | None = None,
) -> WorkflowHandle[Any, contracts.GuidelineProgress]:
    """Start the guideline's workflow; starting it twice is harmless, unless ``exclusive``:
    then a run already going is a 409. ``document_bytes``, when known, lets a small
    document be parsed without a queue hop."""
    request = contracts.GuidelineInput(
        guideline_id=str(guideline.id),
        owner=guideline.owner,
        priority=Priority(guideline.priority),
        language=guideline.language,
        batch_id=str(guideline.batch_id) if guideline.batch_id else None,
        has_webhook=bool(guideline.webhook_url),
        review_timeout_seconds=settings.review_timeout_seconds,
        review_required=guideline.review_required,
        generator=Generator(settings.generator),
        document_bytes=document_bytes,
    )
    label = label or guideline.title or guideline.filename or "Untitled guideline"
    try:
        return await temporal.start_workflow(
            GuidelineWorkflow.run,
            request,
            id=guideline.workflow_id,
            task_queue=settings.task_queue,
            search_attributes=initial_search_attributes(request),
            priority=TemporalPriority(priority_key=Priority(guideline.priority).priority_key),
            static_summary=f"Guideline: {label}"[:200],
            static_details=(
                f"**Source file:** {guideline.filename or '-'}  \n"
                f"**Priority:** {guideline.priority}  \n**Owner:** {guideline.owner}"
            ),
        )
    except WorkflowAlreadyStartedError:
        if exclusive:
            raise ApiError(
                409, "already_running", "the guideline is running already; nothing to retry"
            ) from None
        return temporal.get_workflow_handle_for(GuidelineWorkflow.run, guideline.workflow_id)
    except RPCError as error:
        raise TemporalUnavailable(
            "the guideline was stored but its processing could not be started; "
            "retry it with POST /v1/guidelines/{id}/retry",
        ) from error


CLOSING_GRACE_SECONDS = 10.0


async def wait_for_previous_run(temporal: Client, workflow_id: str) -> None:
    """A finished run records its status, then notifies, then closes.

    Starting the next run in between would find the old one still open (and the start
    would be taken for a duplicate); give it a moment to close.
    """
    handle = temporal.get_workflow_handle(workflow_id)
    try:
        if (await handle.describe()).status != WorkflowExecutionStatus.RUNNING:
            return
    except RPCError as error:
        if error.status == RPCStatusCode.NOT_FOUND:
            return  # never started
        raise
    with contextlib.suppress(Exception):  # its outcome is already recorded
        await asyncio.wait_for(handle.result(), CLOSING_GRACE_SECONDS)
    if (await handle.describe()).status == WorkflowExecutionStatus.RUNNING:
        raise ApiError(
            409, "still_finishing", "the previous run is still finishing; retry in a moment"
        )
