"""The notification log: one row per (guideline run, event, channel), keyed for idempotency."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Notification

# Where every delivery ends: sent, refused for good, or given up (retries spent, cancelled).
FINAL = ("delivered", "failed", "abandoned")


async def begin_delivery(
    session: AsyncSession,
    *,
    idempotency_key: str,
    guideline_id: uuid.UUID,
    event: str,
    channel: str,
    target: str | None,
    payload: dict[str, Any] | None = None,
) -> Notification:
    """Fetch the notification row for this key (locked), creating it on the first attempt;
    ``payload``, the body to send, is kept from that first time."""
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
            payload=payload,
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


async def locked(session: AsyncSession, idempotency_key: str) -> Notification | None:
    """The row for this key, locked so that two attempts never post it at once."""
    query = select(Notification).where(Notification.idempotency_key == idempotency_key)
    return (await session.execute(query.with_for_update())).scalar_one_or_none()


def mark_attempt(
    row: Notification,
    *,
    delivered: bool,
    response_code: int | None,
    error: str | None,
    final: bool = False,
) -> None:
    """Count one attempt; ``final``: it failed in a way no retry can change."""
    row.attempts += 1
    row.response_code = response_code
    row.last_error = error
    if delivered:
        row.status = "delivered"
        row.delivered_at = func.now()  # type: ignore[assignment]
    else:
        row.status = "failed" if final else "retrying"


async def close(session: AsyncSession, idempotency_key: str, status: str) -> None:
    """End a delivery that did not succeed (``failed`` or ``abandoned``); a row already in a
    final state keeps it."""
    await session.execute(
        update(Notification)
        .where(Notification.idempotency_key == idempotency_key, Notification.status.not_in(FINAL))
        .values(status=status)
    )


async def list_for_guideline(session: AsyncSession, guideline_id: uuid.UUID) -> list[Notification]:
    query = (
        select(Notification)
        .where(Notification.guideline_id == guideline_id)
        .order_by(Notification.created_at)
    )
    return list((await session.execute(query)).scalars())
