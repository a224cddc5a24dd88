"""Requests per API key, counted in PostgreSQL so that the limit holds across API replicas.

A token bucket per key: ``per_minute`` tokens at most, refilled at ``per_minute / 60`` a
second. One statement per request takes a token or reports how long until one is free; the
row lock of the upsert serialises concurrent requests for one key, whichever replica they
reach, and the database's clock is the only clock, so replicas need not agree on the time.
"""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# The bucket as this statement finds it, refilled for the time since its last request (never
# negative: a statement that started earlier may commit later).
_REFILLED = (
    "LEAST(CAST(:capacity AS float8), b.tokens + CAST(:rate AS float8) * GREATEST(0, "
    "CAST(EXTRACT(EPOCH FROM statement_timestamp() - b.updated_at) AS float8)))"
)

_TAKE = text(
    f"""
    INSERT INTO api_rate_buckets AS b (key_id, tokens, updated_at, granted)
    VALUES (:key_id, CAST(:capacity AS float8) - 1, statement_timestamp(), true)
    ON CONFLICT (key_id) DO UPDATE SET
        granted = {_REFILLED} >= 1,
        tokens = {_REFILLED} - CASE WHEN {_REFILLED} >= 1 THEN 1 ELSE 0 END,
        updated_at = GREATEST(b.updated_at, statement_timestamp())
    RETURNING granted, tokens
    """  # noqa: S608 - a fixed expression, no input in it
)


async def take_token(session: AsyncSession, key_id: uuid.UUID, per_minute: int) -> float | None:
    """Take one token for ``key_id``: None if the request may go on, else the seconds until
    a token is free. The caller commits (the row stays locked until then)."""
    rate = per_minute / 60.0
    row = (
        await session.execute(_TAKE, {"key_id": key_id, "capacity": per_minute, "rate": rate})
    ).one()
    if row.granted:
        return None
    return max(0.0, (1.0 - row.tokens) / rate)


__all__ = ["take_token"]
