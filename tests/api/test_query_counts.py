"""Every list endpoint reads a page in a constant number of SQL statements, whatever its size.

The statements are counted on the API's own engine with a SQLAlchemy event listener, for
pages of 1, 5 and 25 rows: a query per row (the QC report of each guideline, say) would
make the count grow with the page.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.settings import Settings
from db import batches
from db import guidelines as store
from db.keys import Role, create_key
from domain.model import Finding, QcOutcome, QualityReport, Readability, Severity
from tests.support.serving import serve_app

PAGES = (1, 5, 25)



@contextmanager
def _counting(app: FastAPI) -> Iterator[list[str]]:
    """The SQL statements the API runs meanwhile (its engine only, not the test's)."""
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    engine = app.state.cpg2pvg.engine.sync_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _report() -> QualityReport:
    return QualityReport(
        outcome=QcOutcome.PASS,
        readability=Readability(fkgl=5.0, smog=8.0, fre=75.0),
        findings=[
            Finding(check="jargon", target="r1", message="a hard word", severity=Severity.INFO)
        ],
    )


async def _statements_per_page(
    app: FastAPI, http: httpx.AsyncClient, url: str, size_param: str, expect: str
) -> dict[int, int]:
    counts = {}
    for size in PAGES:
        with _counting(app) as statements:
            answer = await http.get(url, params={size_param: size})
        assert answer.status_code == 200, answer.text
        assert len(answer.json()[expect]) == size, "a full page"
        counts[size] = len(statements)
    return counts


async def test_list_endpoints_read_a_page_in_a_constant_number_of_statements(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    owner = f"pages-{uuid.uuid4().hex[:8]}"
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner=owner)
        batch = await batches.create_batch(session, owner=owner, total=30, priority="normal")
        items = [
            batches.NewItem(f"# Guideline {n}\n".encode(), "text/markdown", f"g{n}.md")
            for n in range(30)
        ]
        await batches.add_items(session, batch, items, webhook_url=None)
        for guideline in await store.list_guidelines(session, owner=owner, limit=100):
            await store.save_artifact(session, guideline.id, ArtifactKind.QC, _report())

    async with (
        # Every request looks its key up, so a cached key does not make one page cheaper,
        # and takes no rate-limit tokens, so a block taken does not make one page dearer.
        serve_app(
            settings.model_copy(update={"api_key_cache_seconds": 0, "rate_limit_per_minute": None})
        ) as (base, app),
        httpx.AsyncClient(
            base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30
        ) as http,
    ):
        listed = await _statements_per_page(app, http, "/v1/guidelines", "limit", "items")
        batch_items = await _statements_per_page(
            app, http, f"/v1/batches/{batch.id}", "items_limit", "items"
        )
        page = (await http.get("/v1/guidelines", params={"limit": 3})).json()

    assert all(item["qc"]["outcome"] == "pass" for item in page["items"]), "QC comes along"
    assert len(set(listed.values())) == 1, f"GET /v1/guidelines: {listed}"
    assert len(set(batch_items.values())) == 1, f"GET /v1/batches/{{id}}: {batch_items}"
    print(f"statements per page: guidelines {listed}, batch items {batch_items}")
