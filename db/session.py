"""Engine and session factory: one engine per process, sessions injected where needed."""

from __future__ import annotations

import pydantic_core
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def make_engine(
    url: str, *, pool_size: int = 10, max_overflow: int = 10, pre_ping: bool = True
) -> AsyncEngine:
    """``pre_ping`` tests each pooled connection before use (a round trip per session).

    The API wants it: a request must not fail on a connection that died with a database
    restart. The worker does without: an activity that hits a dead connection fails, the
    pool drops it, and the retry policy runs the activity again on a fresh one.

    Connections past ``pool_size`` (up to ``max_overflow`` more) are opened when needed and
    closed again when given back: under steady load above the pool size, one connect
    (authentication included) per checkout.
    """
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=pre_ping,
        # JSON columns (results, QC summaries) decoded by pydantic-core's parser, several
        # times faster than the standard library's for the same objects.
        json_deserializer=pydantic_core.from_json,
        # Errors and their tracebacks (logs, Temporal failures) name the statement, never
        # the values: owners, file names, titles, webhook URLs and review comments.
        hide_parameters=True,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
