"""Real servers for the tests: PostgreSQL, the Temporal test server and the dev server.

Each starts once per test session, on free ports, with its data in a temporary folder.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.ops.local.postgres import LocalPostgres
from cpg2pvg.ops.local.temporal import SEARCH_ATTRIBUTES, LocalTemporal
from cpg2pvg.settings import Settings
from db.migrate import upgrade
from db.session import make_engine, make_sessionmaker
from tests.support.receiver import WebhookReceiver
from worker import activity_deps

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def postgres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPostgres]:
    server = LocalPostgres(tmp_path_factory.mktemp("pg") / "data", free_port())
    server.start()
    server.ensure_database()
    upgrade(server.url)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def settings(postgres: LocalPostgres, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        database_url=postgres.url,
        data_dir=tmp_path_factory.mktemp("data"),
        webhook_secret=SecretStr("test-webhook-secret"),
        webhook_allow_private=True,  # the receivers in the tests listen on loopback
        worker_processes=1,
        task_queue="cpg2pvg-tests",
        # Tests read results with plain clients; tests/observability turns encryption on.
        payload_codec=False,
        # A revoked key is refused after this (api/keycache.py); short, so tests need not wait.
        api_key_cache_seconds=0.5,
    )


@pytest.fixture(scope="session")
async def sessions(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(settings.sqlalchemy_url, pool_size=5)
    yield make_sessionmaker(engine)
    await engine.dispose()


@pytest.fixture(scope="session")
async def deps(settings: Settings) -> AsyncIterator[ActivityDeps]:
    async with activity_deps(settings) as deps:
        yield deps


def _test_server_binary() -> str:
    found = shutil.which("temporal-test-server") or str(
        Path(sys.executable).parent / "temporal-test-server"
    )
    return found


@pytest.fixture(scope="module")
async def time_env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server per test module: runs a module leaves behind (a webhook
    delivery retrying for a day) must not be woken when a later module skips time."""
    env = await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=_test_server_binary()
    )
    await env.client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(
            namespace=env.client.namespace,
            search_attributes={
                name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD for name in SEARCH_ATTRIBUTES
            },
        )
    )
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalTemporal]:
    server = LocalTemporal(
        tmp_path_factory.mktemp("temporal"), free_port(), free_port(), headless=True
    )
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
async def dev_client(dev_server: LocalTemporal) -> Client:
    """The dev server, for workflow tests in real time: an activity cancelled mid-flight
    leaves the time-skipping server unable to skip time for the tests after it."""
    return await Client.connect(dev_server.address)


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    hook = WebhookReceiver()
    yield hook
    hook.close()
