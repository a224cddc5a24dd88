"""``POST /v1/guidelines`` stores the document and its guideline in one statement that
commits on its own: no BEGIN and COMMIT round trips around it, and what it stored is there
for other connections at once (the workflow's first activity reads it).

Against the real embedded PostgreSQL and a Temporal dev server (the workflow is started,
no worker runs it): statements are counted with a SQLAlchemy event listener, and what else
asyncpg sends on the app's connections with asyncpg's query logger.
"""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import event, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from db.keys import Role, create_key
from db.models import Document, Guideline
from tests.support.serving import serve_app


async def test_a_submission_is_stored_in_one_statement_without_begin_or_commit(
    settings: Settings, sessions: async_sessionmaker[AsyncSession], dev_server: LocalTemporal
) -> None:
    owner = f"post-{uuid.uuid4().hex[:8]}"
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner=owner)

    queries: list[str] = []
    statements: list[str] = []
    logged: set[int] = set()

    def log_queries(dbapi_connection: Any, *_: Any) -> None:
        raw = dbapi_connection.driver_connection
        if id(raw) not in logged:
            logged.add(id(raw))
            raw.add_query_logger(lambda record: queries.append(record.query))

    quiet = settings.model_copy(
        update={
            "temporal_address": dev_server.address,
            "api_key_cache_seconds": 60,
            "rate_limit_per_minute": None,
        }
    )
    document = f"# Round trips {owner}\n\nAdults should walk daily (strong).\n".encode()
    async with (
        serve_app(quiet) as (base, app),
        httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=60
        ) as http,
    ):
        engine = app.state.cpg2pvg.engine.sync_engine
        # The key looked up and the Temporal client connected before counting.
        assert (await http.get("/v1/guidelines", params={"limit": 1})).status_code == 200
        event.listen(engine.pool, "checkout", log_queries, insert=True)
        event.listen(engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
        first = await http.post(
            "/v1/guidelines",
            files={"file": ("g.md", document, "text/markdown")},
            headers={"Idempotency-Key": owner},
        )
        counted = (len(statements), [q for q in queries if q.strip(";").strip()])
        again = await http.post(
            "/v1/guidelines",
            files={"file": ("g.md", document, "text/markdown")},
            headers={"Idempotency-Key": owner},
        )

    assert first.status_code == 202, first.text
    gid = uuid.UUID(first.json()["id"])
    assert again.status_code == 202 and again.json()["id"] == str(gid), "a replay is the same"
    # The idempotency lookup and the store: two statements, each its own transaction.
    assert counted == (2, []), f"statements, other queries (BEGIN/COMMIT): {counted}"
    async with sessions() as session:
        stored = (
            await session.execute(
                select(Guideline.owner, Guideline.status, Document.size)
                .join(Document, Document.sha256 == Guideline.document_sha256)
                .where(Guideline.id == gid)
            )
        ).one()
    assert tuple(stored) == (owner, "queued", len(document))
