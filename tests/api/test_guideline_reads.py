"""A guideline as the API shows it is one row: ``GET /v1/guidelines/{id}`` and a page of the
list each read it in one SQL statement, QC summary included, and the summary stored with the
report (or backfilled from it) is what the report says.

The reads run on the driver's connection itself (db/guidelines.py), so what is sent to
PostgreSQL is counted at both levels: SQLAlchemy's statements with an event listener, and
what asyncpg is asked directly with its query logger."""

from __future__ import annotations

import importlib
import json
import uuid
from typing import Any

import httpx
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.settings import Settings
from db import batches
from db import guidelines as store
from db.keys import Role, create_key
from db.models import Guideline
from domain.model import Finding, QcOutcome, QualityReport, Readability, Severity
from tests.support.queries import sql_sent
from tests.support.serving import serve_app

backfill = importlib.import_module("db.migrations.versions.0008_guideline_qc_summary")


def _report(outcome: QcOutcome = QcOutcome.NEEDS_REVIEW) -> QualityReport:
    return QualityReport(
        outcome=outcome,
        readability=Readability(fkgl=6.5, smog=8.1, fre=70.2),
        advice_readability=Readability(fkgl=5.0, smog=7.0, fre=80.0),
        findings=[
            Finding(check="jargon", target="r2", message="a hard word", severity=Severity.WARNING)
        ],
    )


async def _guidelines(
    sessions: async_sessionmaker[AsyncSession], owner: str, count: int
) -> list[uuid.UUID]:
    async with sessions.begin() as session:
        batch = await batches.create_batch(session, owner=owner, total=count, priority="normal")
        items = [
            batches.NewItem(f"# Reads {owner} {n}\n".encode(), "text/markdown", f"r{n}.md")
            for n in range(count)
        ]
        await batches.add_items(session, batch, items, webhook_url=None)
        rows = await store.list_guidelines(session, owner=owner, limit=count)
    return [row.id for row in rows]


async def test_a_guideline_and_a_page_are_each_one_statement(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    owner = f"reads-{uuid.uuid4().hex[:8]}"
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner=owner)
    ids = await _guidelines(sessions, owner, 6)
    report = _report()
    async with sessions.begin() as session:
        for gid in ids[:3]:
            await store.save_artifact(session, gid, ArtifactKind.QC, report)

    # The key is cached and no rate limit is set: what is left is the read itself.
    quiet = settings.model_copy(update={"api_key_cache_seconds": 60, "rate_limit_per_minute": None})
    async with (
        serve_app(quiet) as (base, app),
        httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30
        ) as http,
    ):
        assert (await http.get("/v1/guidelines", params={"limit": 1})).status_code == 200
        with sql_sent(app) as (orm, direct):
            one = await http.get(f"/v1/guidelines/{ids[0]}")
            per_guideline = len(orm) + len(direct)
            page = await http.get("/v1/guidelines", params={"limit": 6})
            per_page = len(orm) + len(direct) - per_guideline
            statements = [*orm, *direct]
        missing = await http.get(f"/v1/guidelines/{uuid.uuid4()}")
        paged, cursor = [], None
        for _ in range(4):
            params: dict[str, Any] = {"limit": 4, "status": "queued"}
            if cursor:
                params["cursor"] = cursor
            answer = (await http.get("/v1/guidelines", params=params)).json()
            paged += [item["id"] for item in answer["items"]]
            if (cursor := answer["next_cursor"]) is None:
                break

    assert one.status_code == 200, one.text
    assert (per_guideline, per_page) == (1, 1), statements
    expected_qc = store.qc_summary(report.model_dump(mode="json"))
    assert one.json()["qc"] == expected_qc
    assert one.json()["qc"]["readability"] == {"fkgl": 6.5, "smog": 8.1, "fre": 70.2}
    assert one.json()["qc"]["chinese_readability"] is None
    items = {item["id"]: item for item in page.json()["items"]}
    assert set(items) == {str(gid) for gid in ids}
    assert [items[str(gid)]["qc"] for gid in ids[:3]] == [expected_qc] * 3
    assert [items[str(gid)]["qc"] for gid in ids[3:]] == [None] * 3, "no QC yet: null"
    assert items[str(ids[0])] == one.json()
    assert missing.status_code == 404
    assert paged == [item["id"] for item in page.json()["items"]], "pages, newest first"
    assert missing.json()["error"]["code"] == "not_found"


async def test_the_summary_follows_the_report_and_a_retry_clears_it(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    (gid,) = await _guidelines(sessions, f"qc-{uuid.uuid4().hex[:8]}", 1)
    async with sessions.begin() as session:
        await store.save_artifact(session, gid, ArtifactKind.QC, _report(QcOutcome.FAIL))
        await store.save_artifact(session, gid, ArtifactKind.QC, _report(QcOutcome.PASS))
    async with sessions() as session:
        stored = await session.scalar(select(Guideline.qc).where(Guideline.id == gid))
    assert stored is not None and stored["outcome"] == "pass", "a retried step's report wins"
    async with sessions.begin() as session:
        await store.reset_for_retry(session, [gid])
    async with sessions() as session:
        assert await session.scalar(select(Guideline.qc).where(Guideline.id == gid)) is None


async def test_the_migration_backfills_the_summary_from_stored_reports(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    gids = await _guidelines(sessions, f"backfill-{uuid.uuid4().hex[:8]}", 2)
    # A report stored before the column existed, with the fields older reports lack.
    old_report = {"outcome": "pass", "readability": {"fkgl": 4.0, "smog": 6.0, "fre": 90.0}}
    async with sessions.begin() as session:
        await store.save_artifact(session, gids[0], ArtifactKind.QC, _report())
        await session.execute(
            text("INSERT INTO artifacts (guideline_id, kind, data) VALUES (:g, 'qc', :d)"),
            {"g": gids[1], "d": json.dumps(old_report)},
        )
        await session.execute(update(Guideline).where(Guideline.id.in_(gids)).values(qc=None))
        await session.execute(text(backfill.BACKFILL))
    async with sessions() as session:
        query = select(Guideline.id, Guideline.qc).where(Guideline.id.in_(gids))
        rows: dict[uuid.UUID, Any] = dict((await session.execute(query)).all())
    assert rows[gids[0]] == store.qc_summary(_report().model_dump(mode="json"))
    assert rows[gids[1]] == {
        "outcome": "pass",
        "readability": {"fkgl": 4.0, "smog": 6.0, "fre": 90.0},
        "advice_readability": None,
        "chinese_readability": None,
        "findings": [],
    }
