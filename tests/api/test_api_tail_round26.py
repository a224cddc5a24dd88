"""The API's reads under load: a guideline and a page of the list are each one query that
the API runs on the pooled connection's asyncpg connection itself, past SQLAlchemy's
execution (about a fifth of a read's CPU), and what they answer is what the ORM's guideline
gives; an admin's page of every owner's guidelines is read in index order; the pool holds
as many connections as ``CPG2PVG_API_DB_POOL_SIZE`` says.

Against the real embedded PostgreSQL: SQLAlchemy's statements are counted with an event
listener, what asyncpg is asked directly (the reads, a liveness check's BEGIN, empty query
and ROLLBACK) with asyncpg's query logger on every connection the app takes from its pool.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import asyncpg
import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.routes.guidelines import guideline_out_of
from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.settings import Settings
from db import batches
from db import guidelines as store
from db.keys import Role, create_key
from domain.model import Finding, QcOutcome, QualityReport, Readability, Severity
from tests.support.queries import sql_sent
from tests.support.serving import serve_app

PAGES = (1, 5, 20)


async def _owner_with_guidelines(
    sessions: async_sessionmaker[AsyncSession], count: int
) -> tuple[str, str, list[uuid.UUID]]:
    """A submitter's key and ``count`` guidelines of a batch, the first failed with an error
    and every one with a QC summary: every column the API shows holds a value."""
    owner = f"tail26-{uuid.uuid4().hex[:8]}"
    report = QualityReport(
        outcome=QcOutcome.NEEDS_REVIEW,
        readability=Readability(fkgl=6.5, smog=8.1, fre=70.2),
        findings=[Finding(check="jargon", target="r1", message="a word", severity=Severity.INFO)],
    )
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner=owner)
        batch = await batches.create_batch(session, owner=owner, total=count, priority="normal")
        items = [
            batches.NewItem(f"# Tail {owner} {n}\n".encode(), "text/markdown", f"t{n}.md")
            for n in range(count)
        ]
        await batches.add_items(session, batch, items, webhook_url=None)
        ids = [g.id for g in await store.list_guidelines(session, owner=owner, limit=count)]
        for gid in ids:
            await store.save_artifact(session, gid, ArtifactKind.QC, report)
        await store.record_stage(
            session,
            ids[0],
            status="failed",
            stage="parsing",
            progress=10,
            error_code="unreadable_document",
            error_message="the document could not be read",
            final=True,
        )
    return key, owner, ids


async def test_a_guideline_and_every_page_are_one_query_on_the_driver_and_read_as_the_orm_does(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    key, owner, ids = await _owner_with_guidelines(sessions, max(PAGES) + 1)
    # The key is cached and no rate limit is set: what is left is the read itself.
    quiet = settings.model_copy(update={"api_key_cache_seconds": 60, "rate_limit_per_minute": None})
    sent: dict[str, tuple[int, list[str]]] = {}
    async with (
        serve_app(quiet) as (base, app),
        httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30
        ) as http,
    ):
        assert (await http.get("/v1/guidelines", params={"limit": 1})).status_code == 200
        with sql_sent(app) as (statements, queries):
            one = await http.get(f"/v1/guidelines/{ids[0]}")
        sent["by id"] = (len(statements), list(queries))
        pages = {}
        for size in PAGES:
            with sql_sent(app) as (statements, queries):
                pages[size] = await http.get("/v1/guidelines", params={"limit": size})
            sent[f"page of {size}"] = (len(statements), list(queries))

    async with sessions() as session:
        orm = await store.get_guideline(session, ids[0], owner)
    assert orm is not None
    assert one.status_code == 200, one.text
    # The driver's types (its UUIDs, timestamps with their zone, the decoded QC summary) give
    # the same answer as the ORM's guideline, error and batch included.
    assert one.json() == guideline_out_of(orm).model_dump(mode="json")
    assert one.json()["error"] == {
        "code": "unreadable_document",
        "message": "the document could not be read",
    }
    for size, page in pages.items():
        assert page.status_code == 200, page.text
        assert len(page.json()["items"]) == size
        assert page.json()["next_cursor"] is not None, "more rows than the page"
    listed = {item["id"]: item for item in pages[max(PAGES)].json()["items"]}
    assert listed.get(str(ids[0]), one.json()) == one.json()
    for what, (statement_count, queries) in sent.items():
        assert statement_count == 0, f"{what}: nothing through SQLAlchemy's execution"
        assert len(queries) == 1, f"{what}: one query, nothing around it: {queries}"
        assert queries[0].lstrip().startswith("SELECT"), f"{what}: {queries}"


async def test_the_api_keeps_as_many_connections_as_its_pool_setting_and_no_more(
    settings: Settings,
) -> None:
    async with serve_app(settings.model_copy(update={"api_db_pool_size": 3})) as (_, app):
        pool = app.state.cpg2pvg.engine.sync_engine.pool
        assert (pool.size(), pool._max_overflow) == (3, 0)
    async with serve_app(settings) as (_, app):
        assert app.state.cpg2pvg.engine.sync_engine.pool.size() == Settings().api_db_pool_size


async def test_an_admins_page_of_the_newest_guidelines_is_read_in_index_order_not_sorted(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """Every owner's guidelines newest first (an admin's ``GET /v1/guidelines``) come from
    ``ix_guidelines_created`` scanned backwards, whatever the table's size: sorting the
    table for each page cost PostgreSQL CPU that grew with it (``bench.api_list_index``).
    The planner is told to avoid sorts and whole-table scans, so on the tests' small table
    it shows whether the page can be read without them at all."""
    await _owner_with_guidelines(sessions, 3)
    page = store._DriverStatement.of(store._view_listing(False, False, False, False))
    before = store._DriverStatement.of(store._view_listing(False, False, False, True))
    connection = await asyncpg.connect(settings.sqlalchemy_url.replace("+asyncpg", ""))
    try:
        await connection.execute("SET enable_sort = off; SET enable_seqscan = off")
        plans = {
            "first page": await connection.fetch(f"EXPLAIN {page.sql}", 21),
            "next page": await connection.fetch(
                f"EXPLAIN {before.sql}", datetime.now(UTC), uuid.uuid4(), 21
            ),
        }
    finally:
        await connection.close()
    for which, rows in plans.items():
        plan = "\n".join(row[0] for row in rows)
        assert "ix_guidelines_created" in plan, f"{which}:\n{plan}"
        assert "Sort" not in plan, f"{which}: no sort of the table:\n{plan}"
