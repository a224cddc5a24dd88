"""The schedules on the dev server (the time-skipping server has none), with a worker and the
API in-process, on a database of their own so the stats are exact for a known set of rows.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, ScheduleActionExecutionStartWorkflow
from temporalio.service import RPCError

from activities.deps import ActivityDeps
from api.main import create_app
from cpg2pvg.ops import schedules
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.ops.local.postgres import LocalPostgres
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from db.keys import Role, create_key
from db.migrate import upgrade
from tests.support.polling import wait_until
from tests.workflows.helpers import maybe_record
from worker import activity_deps, build_workers, sync_schedules

DATABASE = "cpg2pvg_schedules"
# Far apart, so no run starts by itself while the tests trigger runs.
QUIET_INTERVAL = 30 * 24 * 3600


@dataclass
class Harness:
    base: Settings
    client: Client
    deps: ActivityDeps
    app: FastAPI
    base_url: str

    @property
    def sessions(self) -> async_sessionmaker[AsyncSession]:
        return self.deps.sessions

    def configure(self, **updates: Any) -> Settings:
        """Change settings for the worker's activities and the API from now on."""
        changed = self.base.model_copy(update=updates)
        self.deps.settings = changed
        self.app.state.cpg2pvg.settings = changed
        return changed

    async def key(self, role: Role, owner: str) -> str:
        async with self.sessions.begin() as session:
            _, key = await create_key(session, role=role, owner=owner)
        return key

    def http(self, key: str) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {key}"}
        return httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=30)

    async def run(self, schedule_id: str, record_as: str | None = None) -> Any:
        """Trigger the schedule and return what the run it started returned.

        ``record_as`` names the run's history for the replay test (``make record-histories``).
        """
        handle = self.client.get_schedule_handle(schedule_id)
        before = (await handle.describe()).info.num_actions
        await handle.trigger()

        async def started() -> ScheduleActionExecutionStartWorkflow | None:
            info = (await handle.describe()).info
            if info.num_actions > before and info.recent_actions:
                action = info.recent_actions[-1].action
                assert isinstance(action, ScheduleActionExecutionStartWorkflow)
                return action
            return None

        action = await wait_until(started, timeout=20, interval=0.1)
        workflow = self.client.get_workflow_handle(
            action.workflow_id, run_id=action.first_execution_run_id
        )
        result = await asyncio.wait_for(workflow.result(), timeout=30)
        if record_as:
            await maybe_record(workflow, record_as)
        return result


@pytest.fixture(scope="session")
def schedule_settings(
    postgres: LocalPostgres, settings: Settings, dev_server: LocalTemporal
) -> Settings:
    postgres.ensure_database(DATABASE)
    url = postgres.url_for(DATABASE)
    upgrade(url)
    return settings.model_copy(
        update={
            "database_url": url,
            "temporal_address": dev_server.address,
            "task_queue": "cpg2pvg-schedules",
            "schedule_cleanup_seconds": QUIET_INTERVAL,
            "schedule_performance_seconds": QUIET_INTERVAL,
            "schedule_database_stats_seconds": QUIET_INTERVAL,
            "schedule_usage_stats_seconds": QUIET_INTERVAL,
            "schedule_health_seconds": QUIET_INTERVAL,
            "health_check_timeout_seconds": 2.0,
            # Only the metric a test sets low may alert; the others stay out of the way.
            "alert_cpu_percent": 1000.0,
            "alert_memory_percent": 1000.0,
            "alert_disk_percent": 1000.0,
            "alert_db_pool_percent": 1000.0,
            "alert_task_backlog": 10**9,
            "alert_task_backlog_age_seconds": 10.0**9,
        }
    )


async def _stop_leftover_runs(client: Client, settings: Settings) -> None:
    """End runs that another test's worker (on another task queue) left waiting: with the
    skip overlap policy they would swallow our triggers."""
    for d in schedules.definitions(settings):
        info = (await client.get_schedule_handle(d.id).describe()).info
        for running in info.running_actions:
            if isinstance(running, ScheduleActionExecutionStartWorkflow):
                with contextlib.suppress(RPCError):
                    await client.get_workflow_handle(running.workflow_id).terminate(
                        reason="left over by another test run"
                    )


@pytest.fixture(scope="session")
async def harness(schedule_settings: Settings) -> AsyncIterator[Harness]:
    client = await Client.connect(schedule_settings.temporal_target)
    await sync_schedules(client, schedule_settings)
    await _stop_leftover_runs(client, schedule_settings)
    app = create_app(schedule_settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning", lifespan="on"))
    async with activity_deps(schedule_settings) as deps:
        worker = build_workers(client, schedule_settings, deps)
        serving = asyncio.create_task(server.serve())
        async with worker:
            while not server.started:
                await asyncio.sleep(0.05)
            yield Harness(schedule_settings, client, deps, app, f"http://127.0.0.1:{port}")
            server.should_exit = True
            await serving
