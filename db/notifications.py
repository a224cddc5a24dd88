"""The notification log: one row per (guideline run, event, channel), keyed for idempotency."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Notification


async def begin_delivery(
    session: AsyncSession,
    *,
    idempotency_key: str,
    guideline_id: uuid.UUID,
    event: str,
    channel: str,
    target: str | None,
) -> Notification:
    """Fetch the notification row for this key, creating it on the first attempt."""
    await session.execute(
        insert(Notification)
        .values(
            id=uuid.uuid4(),
            idempotency_key=idempotency_key,
            guideline_id=guideline_id,
            event=event,
            channel=channel,
            target=target,
            status="pending",
            attempts=0,
        )
        .on_conflict_do_nothing(index_elements=[Notification.idempotency_key])
    )
    row = (
        await session.execute(
            select(Notification)
            .where(Notification.idempotency_key == idempotency_key)
            .with_for_update()
        )
    ).scalar_one()
    return row


def mark_attempt(
    row: Notification, *, delivered: bool, response_code: int | None, error: str | None
) -> None:
    row.attempts += 1
    row.response_code = response_code
    row.last_error = error
    if delivered:
        row.status = "delivered"
        row.delivered_at = func.now()  # type: ignore[assignment]
    else:
        row.status = "retrying"


async def list_for_guideline(session: AsyncSession, guideline_id: uuid.UUID) -> list[Notification]:
    query = (
        select(Notification)
        .where(Notification.guideline_id == guideline_id)
        .order_by(Notification.created_at)
    )
    return list((await session.execute(query)).scalars())
