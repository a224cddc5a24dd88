"""Engine and session factory: one engine per process, sessions injected where needed."""

from __future__ import annotations

import time
from typing import Any

import pydantic_core
from sqlalchemy import event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)


def make_engine(
    url: str,
    *,
    pool_size: int = 10,
    max_overflow: int = 10,
    pre_ping: bool = True,
    ping_idle_seconds: float = 0.0,
) -> AsyncEngine:
    """``pre_ping`` tests each pooled connection before use (BEGIN, an empty query and
    ROLLBACK: three round trips per checkout); with ``ping_idle_seconds``, only a connection
    that has been idle longer than that (``ping_when_idle``).

    The API wants it: a request must not fail on a connection that died with a database
    restart. The worker does without: an activity that hits a dead connection fails, the
    pool drops it, and the retry policy runs the activity again on a fresh one.

    Connections past ``pool_size`` (up to ``max_overflow`` more) are opened when needed and
    closed again when given back: under steady load above the pool size, one connect
    (authentication included) per checkout.
    """
    engine = create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=max_overflow,
        pool_pre_ping=pre_ping and ping_idle_seconds <= 0,
        # JSON columns (results, QC summaries) decoded by pydantic-core's parser, several
        # times faster than the standard library's for the same objects.
        json_deserializer=pydantic_core.from_json,
        # Errors and their tracebacks (logs, Temporal failures) name the statement, never
        # the values: owners, file names, titles, webhook URLs and review comments.
        hide_parameters=True,
    )
    if pre_ping and ping_idle_seconds > 0:
        ping_when_idle(engine.sync_engine, ping_idle_seconds)
    return engine


_LAST_USED = "cpg2pvg.last_used"


def ping_when_idle(engine: Engine, idle_seconds: float) -> None:
    """Test a pooled connection before use only if it was idle for over ``idle_seconds``.

    Under load each connection is back in use within milliseconds, and the liveness check
    was three of a one-statement read's four round trips. A database restart takes longer
    than ``idle_seconds``, and the first statement that finds a connection dead invalidates
    every connection opened before it (SQLAlchemy's pool), so a connection that answered
    within ``idle_seconds`` is one of the database as it is now. A connection that fails its
    check is replaced, and every connection opened before it with it (as after a restart).
    """

    def used(_: Any, record: Any, *__: Any) -> None:
        if record is not None:
            record.info[_LAST_USED] = time.monotonic()

    def checked(dbapi_connection: Any, record: Any, _: Any) -> None:
        last = record.info.get(_LAST_USED)
        if last is not None and time.monotonic() - last <= idle_seconds:
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # whatever the reason, this connection is not used
            raise exc.InvalidatePoolError() from error

    event.listen(engine.pool, "connect", used)
    event.listen(engine.pool, "checkin", used)
    event.listen(engine.pool, "checkout", checked)


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)
