"""What the API asks of PostgreSQL while a block runs, for tests that count queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from sqlalchemy import event


@contextmanager
def sql_sent(app: FastAPI) -> Iterator[tuple[list[str], list[str]]]:
    """(SQLAlchemy's statements, queries asked of asyncpg directly) while the block runs: the
    reads run on the pooled connection's asyncpg connection itself, past SQLAlchemy, so both
    are counted; asyncpg's query logger is added to each connection the pool hands out."""
    statements: list[str] = []
    queries: list[str] = []
    logged: set[int] = set()

    def statement(*args: Any) -> None:
        statements.append(str(args[2]))

    def log_queries(dbapi_connection: Any, *_: Any) -> None:
        raw = dbapi_connection.driver_connection
        if id(raw) not in logged:
            logged.add(id(raw))
            raw.add_query_logger(lambda record: queries.append(record.query))

    engine = app.state.cpg2pvg.engine.sync_engine
    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine.pool, "checkout", log_queries, insert=True)
    try:
        yield statements, queries
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine.pool, "checkout", log_queries)
