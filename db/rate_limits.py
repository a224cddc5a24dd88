"""Requests per API key, counted in PostgreSQL so that the limit holds across API replicas.

A token bucket per key: ``per_minute`` tokens at most, refilled at ``per_minute / 60`` a
second. One statement takes up to ``wanted`` tokens or reports how long until one is free;
the row lock of the upsert serialises concurrent takes for one key, whichever replica they
come from, and the database's clock is the only clock, so replicas need not agree on the
time. An API process takes a few tokens at once for a busy key (api/ratelimit.py).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

# The bucket as this statement finds it, refilled for the time since its last request (never
# negative: a statement that started earlier may commit later).
_REFILLED = (
    "LEAST(CAST(:capacity AS float8), b.tokens + CAST(:rate AS float8) * GREATEST(0, "
    "CAST(EXTRACT(EPOCH FROM statement_timestamp() - b.updated_at) AS float8)))"
)
# Whole tokens granted: as many as wanted, as far as the bucket holds them.
_GRANTED = f"LEAST(CAST(:wanted AS float8), FLOOR({_REFILLED}))"

_TAKE = text(
    f"""
    INSERT INTO api_rate_buckets AS b (key_id, tokens, updated_at, granted, taken)
    VALUES (
        :key_id,
        CAST(:capacity AS float8) - LEAST(CAST(:wanted AS float8), CAST(:capacity AS float8)),
        statement_timestamp(),
        true,
        LEAST(CAST(:wanted AS float8), CAST(:capacity AS float8))
    )
    ON CONFLICT (key_id) DO UPDATE SET
        taken = {_GRANTED},
        granted = {_GRANTED} >= 1,
        tokens = {_REFILLED} - {_GRANTED},
        updated_at = GREATEST(b.updated_at, statement_timestamp())
    RETURNING taken, tokens
    """  # noqa: S608 - a fixed expression, no input in it
)


@dataclass(frozen=True)
class Taken:
    tokens: int
    """Tokens granted, 0 to ``wanted``."""
    wait: float | None
    """With none granted: seconds until one is free."""


async def take_tokens(
    session: AsyncSession, key_id: uuid.UUID, per_minute: int, wanted: int = 1
) -> Taken:
    """Take up to ``wanted`` tokens for ``key_id``. The caller commits (the row stays locked
    until then)."""
    rate = per_minute / 60.0
    row = (
        await session.execute(
            _TAKE,
            {"key_id": key_id, "capacity": per_minute, "rate": rate, "wanted": max(1, wanted)},
        )
    ).one()
    granted = int(row.taken)
    if granted >= 1:
        return Taken(granted, None)
    return Taken(0, max(0.0, (1.0 - row.tokens) / rate))


async def take_token(session: AsyncSession, key_id: uuid.UUID, per_minute: int) -> float | None:
    """Take one token for ``key_id``: None if the request may go on, else the seconds until
    a token is free. The caller commits."""
    return (await take_tokens(session, key_id, per_minute)).wait


__all__ = ["Taken", "take_token", "take_tokens"]
