"""Engine and session factory: one engine per process, sessions injected where needed."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def make_engine(url: str, *, pool_size: int = 10, pre_ping: bool = True) -> AsyncEngine:
    """``pre_ping`` tests each pooled connection before use (a round trip per session).

    The API wants it: a request must not fail on a connection that died with a database
    restart. The worker does without: an activity that hits a dead connection fails, the
    pool drops it, and the retry policy runs the activity again on a fresh one.
    """
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=10,
        pool_pre_ping=pre_ping,
        # Errors and their tracebacks (logs, Temporal failures) name the statement, never
        # the values: owners, file names, titles, webhook URLs and review comments.
        hide_parameters=True,
    )


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
