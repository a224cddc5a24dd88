"""The embedded PostgreSQL and the local Temporal dev server: start, stop, start again.

Each test gets servers of its own (not the session-wide ones of tests/conftest.py): they
are stopped and restarted here.
"""

from __future__ import annotations

import stat
import uuid
from collections.abc import Iterator
from pathlib import Path

import asyncpg
import pytest
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import ListSearchAttributesRequest
from temporalio.client import Client, WorkflowExecutionStatus

from cpg2pvg.ops.local.ports import free_port, port_open
from cpg2pvg.ops.local.postgres import LocalPostgres
from cpg2pvg.ops.local.temporal import SEARCH_ATTRIBUTES, LocalTemporal


@pytest.fixture
def fresh_postgres(tmp_path: Path) -> Iterator[LocalPostgres]:
    pg = LocalPostgres(tmp_path / "postgres", free_port())
    try:
        yield pg
    finally:
        pg.stop()


@pytest.fixture
def fresh_temporal(tmp_path: Path) -> Iterator[LocalTemporal]:
    server = LocalTemporal(tmp_path / "temporal", free_port(), free_port(), headless=True)
    try:
        yield server
    finally:
        server.stop()


async def test_postgres_survives_a_restart(fresh_postgres: LocalPostgres) -> None:
    postgres = fresh_postgres
    postgres.start()
    postgres.start()  # idempotent
    postgres.ensure_database("cpg2pvg")
    postgres.ensure_database("cpg2pvg")  # idempotent
    assert postgres.is_running()
    assert postgres.url == f"postgresql+asyncpg://postgres@127.0.0.1:{postgres.port}/cpg2pvg"

    conn = await asyncpg.connect(postgres.dsn)
    try:
        assert await conn.fetchval("select 1") == 1
        await conn.execute("create table kept (note text); insert into kept values ('before')")
    finally:
        await conn.close()

    postgres.stop()
    assert not postgres.is_running()
    assert not port_open("127.0.0.1", postgres.port)
    with pytest.raises((OSError, asyncpg.PostgresError)):
        await asyncpg.connect(postgres.dsn, timeout=2)

    postgres.start()
    conn = await asyncpg.connect(postgres.dsn)
    try:
        assert await conn.fetchval("select note from kept") == "before"
    finally:
        await conn.close()


async def test_temporal_keeps_state_and_search_attributes(fresh_temporal: LocalTemporal) -> None:
    temporal = fresh_temporal
    temporal.start()
    client = await Client.connect(temporal.address, namespace=temporal.namespace)
    await _assert_search_attributes(client)
    # Nothing polls this task queue: the workflow just waits, which is all we need.
    workflow_id = f"kept-{uuid.uuid4()}"
    await client.start_workflow("NoSuchWorkflow", id=workflow_id, task_queue="nobody-polls")

    temporal.stop()
    assert not temporal.is_running()
    assert not port_open("127.0.0.1", temporal.port)

    temporal.restart()
    client = await Client.connect(temporal.address, namespace=temporal.namespace)
    await _assert_search_attributes(client)
    description = await client.get_workflow_handle(workflow_id).describe()
    assert description.status == WorkflowExecutionStatus.RUNNING


async def _assert_search_attributes(client: Client) -> None:
    listed = await client.operator_service.list_search_attributes(
        ListSearchAttributesRequest(namespace=client.namespace)
    )
    for name, kind in SEARCH_ATTRIBUTES.items():
        assert name in listed.custom_attributes
        assert listed.custom_attributes[name] == IndexedValueType.Value(
            f"INDEXED_VALUE_TYPE_{kind.upper()}"
        )


def test_server_logs_are_readable_by_their_owner_only(
    postgres: LocalPostgres, dev_server: LocalTemporal
) -> None:
    """Server logs can quote statements and workflow errors: no other user reads them."""
    for log in (postgres.log_file, dev_server.log_file):
        assert log.exists(), log
        assert stat.S_IMODE(log.stat().st_mode) & 0o077 == 0, (log, oct(log.stat().st_mode))
