"""Queries on batches: their items, counts by status, and what is left to run."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from cpg2pvg.contracts import guideline_workflow_id
from db.guidelines import reset_for_retry, sha256_hex
from db.models import Batch, Document, Guideline, GuidelineEvent

COUNTED = ("queued", "processing", "needs_review", "completed", "failed", "cancelled")


def batch_workflow_id(batch_id: uuid.UUID | str) -> str:
    return f"batch-{batch_id}"


async def create_batch(session: AsyncSession, *, owner: str, total: int, priority: str) -> Batch:
    batch_id = uuid.uuid4()
    batch = Batch(
        id=batch_id,
        owner=owner,
        total=total,
        priority=priority,
        workflow_id=batch_workflow_id(batch_id),
        status="running",
    )
    session.add(batch)
    await session.flush()
    return batch


@dataclass
class NewItem:
    content: bytes
    media_type: str
    filename: str | None
    error: tuple[str, str] | None = None
    """(code, message) for a file refused at upload: stored, but failed from the start."""


async def add_items(
    session: AsyncSession,
    batch: Batch,
    new_items: Sequence[NewItem],
    *,
    webhook_url: str | None,
    language: str = "auto",
) -> None:
    """Store every document once and one guideline per item, in few round trips."""
    documents = {}
    for item in new_items:
        digest = sha256_hex(item.content)
        documents[digest] = {
            "sha256": digest,
            "content": item.content,
            "size": len(item.content),
            "media_type": item.media_type,
        }
    await session.execute(
        insert(Document).on_conflict_do_nothing(index_elements=[Document.sha256]),
        list(documents.values()),
    )
    rows = []
    for position, item in enumerate(new_items, start=1):
        gid = uuid.uuid4()
        rows.append(
            {
                "id": gid,
                "owner": batch.owner,
                "filename": item.filename,
                "document_sha256": sha256_hex(item.content),
                "media_type": item.media_type,
                "language": language,
                "priority": batch.priority,
                "webhook_url": webhook_url,
                "batch_id": batch.id,
                "batch_position": position,
                "workflow_id": guideline_workflow_id(str(gid)),
                "status": "failed" if item.error else "queued",
                "stage": "done" if item.error else "queued",
                "progress": 0,
                "error_code": item.error[0] if item.error else None,
                "error_message": item.error[1] if item.error else None,
            }
        )
    await session.execute(insert(Guideline), rows)


async def get_batch(
    session: AsyncSession, batch_id: uuid.UUID, owner: str | None = None
) -> Batch | None:
    query = select(Batch).where(Batch.id == batch_id)
    if owner is not None:
        query = query.where(Batch.owner == owner)
    return (await session.execute(query)).scalar_one_or_none()


async def queued_page(
    session: AsyncSession, batch_id: uuid.UUID, after_position: int, limit: int
) -> list[tuple[uuid.UUID, int, str, bool, str | None, bool, int]]:
    """Queued items after a position:
    (id, position, language, has_webhook, filename, review_required, document size)."""
    query = (
        select(
            Guideline.id,
            Guideline.batch_position,
            Guideline.language,
            Guideline.webhook_url.is_not(None),
            Guideline.filename,
            Guideline.review_required,
            Document.size,
        )
        .join(Document, Document.sha256 == Guideline.document_sha256)
        .where(
            Guideline.batch_id == batch_id,
            Guideline.status == "queued",
            Guideline.batch_position > after_position,
        )
        .order_by(Guideline.batch_position)
        .limit(limit)
    )
    # Batch items always have a position (add_items sets it).
    rows = (await session.execute(query)).all()
    return [(r[0], r[1] or 0, r[2], r[3], r[4], r[5], r[6]) for r in rows]


async def counts(session: AsyncSession, batch_id: uuid.UUID) -> dict[str, int]:
    query = (
        select(Guideline.status, func.count())
        .where(Guideline.batch_id == batch_id)
        .group_by(Guideline.status)
    )
    found: dict[str, Any] = {status: n for status, n in (await session.execute(query)).all()}
    return {status: int(found.get(status, 0)) for status in COUNTED}


@dataclass(frozen=True)
class ItemRow:
    guideline_id: uuid.UUID
    position: int
    title: str | None
    status: str


async def items(
    session: AsyncSession, batch_id: uuid.UUID, *, after: int = -1, limit: int | None = None
) -> list[ItemRow]:
    """A page of the batch's items in submission order: only what the status shows."""
    query = (
        select(Guideline.id, Guideline.batch_position, Guideline.title, Guideline.status)
        .where(Guideline.batch_id == batch_id, Guideline.batch_position > after)
        .order_by(Guideline.batch_position)
        .limit(limit)
    )
    return [
        ItemRow(row.id, row.batch_position or 0, row.title, row.status)
        for row in (await session.execute(query)).all()
    ]


async def set_status(session: AsyncSession, batch_id: uuid.UUID, status: str) -> None:
    await session.execute(
        update(Batch).where(Batch.id == batch_id).values(status=status, updated_at=func.now())
    )


async def cancel_queued(session: AsyncSession, batch_id: uuid.UUID) -> int:
    """Mark the items that never started as cancelled; returns how many."""
    rows = (
        (
            await session.execute(
                update(Guideline)
                .where(Guideline.batch_id == batch_id, Guideline.status == "queued")
                .values(status="cancelled", stage="done", updated_at=func.now())
                .returning(Guideline.id)
            )
        )
        .scalars()
        .all()
    )
    for gid in rows:
        session.add(GuidelineEvent(guideline_id=gid, status="cancelled", stage="done", progress=0))
    return len(rows)


async def requeue_failed(session: AsyncSession, batch_id: uuid.UUID) -> list[uuid.UUID]:
    """Failed and cancelled items back to queued for a new run; returns their ids."""
    query = select(Guideline.id).where(
        Guideline.batch_id == batch_id,
        Guideline.status.in_(("failed", "cancelled")),
        # An item refused at upload (its type is unsupported) cannot succeed on a rerun.
        Guideline.error_code.is_distinct_from("unsupported_format"),
    )
    ids = list((await session.execute(query)).scalars())
    await reset_for_retry(session, ids)
    return ids
