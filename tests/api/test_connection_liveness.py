"""The API tests a pooled PostgreSQL connection only when it has been idle: a read on a
connection used a moment ago is one round trip (the liveness check was three more), and a
connection that died while idle is still replaced before a request uses it.

Against the real embedded PostgreSQL: the statements the app runs through SQLAlchemy are
counted with an event listener, and what asyncpg is asked directly on the app's connections
(the reads, which db/guidelines.py runs on the driver's connection, and the check's BEGIN,
empty query and ROLLBACK) with asyncpg's query logger.
"""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import httpx
from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cpg2pvg.settings import Settings
from db import batches
from db import guidelines as store
from db.keys import Role, create_key
from tests.support.serving import serve_app

IDLE = 1.0
"""The API's ``ping_idle_seconds`` (api/main.py)."""


async def test_a_busy_connection_is_not_pinged_and_an_idle_dead_one_is_replaced(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    owner = f"live-{uuid.uuid4().hex[:8]}"
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner=owner)
        batch = await batches.create_batch(session, owner=owner, total=1, priority="normal")
        item = batches.NewItem(b"# Liveness\n", "text/markdown", "l.md")
        await batches.add_items(session, batch, [item], webhook_url=None)
        (guideline,) = await store.list_guidelines(session, owner=owner, limit=1)

    queries: list[str] = []
    statements: list[str] = []
    pids: set[int] = set()
    logged: set[int] = set()

    def log_queries(dbapi_connection: Any, *_: Any) -> None:
        raw = dbapi_connection.driver_connection
        pids.add(raw.get_server_pid())
        if id(raw) not in logged:
            logged.add(id(raw))
            raw.add_query_logger(lambda record: queries.append(record.query))

    # One connection, so every request takes the same one; the key is cached and no rate
    # limit is set, so each GET is the read and nothing else.
    quiet = settings.model_copy(update={"api_key_cache_seconds": 60, "rate_limit_per_minute": None})
    async with (
        serve_app(quiet) as (base, app),
        httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30
        ) as http,
    ):
        url = f"/v1/guidelines/{guideline.id}"
        engine = app.state.cpg2pvg.engine.sync_engine
        event.listen(engine.pool, "checkout", log_queries, insert=True)
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        assert (await http.get(url)).status_code == 200
        queries.clear()
        statements.clear()
        for _ in range(5):
            assert (await http.get(url)).status_code == 200
        busy = [q for q in queries if not q.lstrip().startswith("SELECT guidelines.id")]
        reads = len(statements) + len(queries) - len(busy)

        await asyncio.sleep(IDLE + 0.2)
        queries.clear()
        assert (await http.get(url)).status_code == 200
        idle = list(queries)

        # Every connection of the app closed by the server, as a restart would.
        async with sessions() as session:
            await session.execute(
                text("SELECT pg_terminate_backend(pid) FROM unnest(CAST(:pids AS int[])) pid"),
                {"pids": sorted(pids)},
            )
        await asyncio.sleep(IDLE + 0.2)
        after_kill = await http.get(url)

    assert reads == 5, "one statement per read"
    assert busy == [], f"nothing else is sent on a connection in use a moment ago: {busy}"
    assert ";" in idle, f"a connection idle for over {IDLE} s is checked before use: {idle}"
    assert after_kill.status_code == 200, after_kill.text
    assert after_kill.json()["id"] == str(guideline.id)
