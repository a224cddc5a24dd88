"""The stack over real HTTP: dev server, an in-process worker, and the API under uvicorn."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from activities.deps import ActivityDeps
from api.main import create_app
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from db.keys import Role, create_key
from tests.conftest import REPO
from worker import build_workers


@dataclass
class Stack:
    base_url: str
    settings: Settings
    client: Client
    sessions: async_sessionmaker[AsyncSession]

    async def key(self, role: Role, owner: str) -> str:
        async with self.sessions.begin() as session:
            _, key = await create_key(session, role=role, owner=owner)
        return key

    def http(self, key: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=30)


@pytest.fixture(scope="session")
def stack_settings(settings: Settings, dev_server: LocalTemporal) -> Settings:
    return settings.model_copy(
        update={
            "temporal_address": dev_server.address,
            "task_queue": "cpg2pvg-e2e",
            "max_upload_bytes": 3 * 1024 * 1024,
        }
    )


@pytest.fixture(scope="session")
async def stack(
    stack_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> AsyncIterator[Stack]:
    client = await Client.connect(stack_settings.temporal_target)
    worker = build_workers(client, stack_settings, deps)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(stack_settings), port=port, log_level="warning", lifespan="on")
    )
    serving = asyncio.create_task(server.serve())
    async with worker:
        while not server.started:
            await asyncio.sleep(0.05)
        yield Stack(f"http://127.0.0.1:{port}", stack_settings, client, sessions)
        server.should_exit = True
        await serving


@pytest.fixture
def worker_process(stack_settings: Settings) -> Iterator[WorkerProcess]:
    process = WorkerProcess(stack_settings, task_queue="cpg2pvg-crash")
    yield process
    process.kill()


class WorkerProcess:
    """``python worker.py`` as a separate process, so a test can SIGKILL it for real."""

    def __init__(self, settings: Settings, task_queue: str) -> None:
        self.task_queue = task_queue
        self.env = {
            **os.environ,
            "CPG2PVG_DATABASE_URL": settings.sqlalchemy_url,
            "TEMPORAL_ADDRESS": settings.temporal_target,
            "CPG2PVG_TASK_QUEUE": task_queue,
            "CPG2PVG_DATA_DIR": str(settings.data_dir),
            "CPG2PVG_WEBHOOK_SECRET": "test-webhook-secret",
            "CPG2PVG_WORKER_PROCESSES": "1",
            "CPG2PVG_PAYLOAD_CODEC": "false",  # the test reads the result with a plain client
            "CPG2PVG_WEBHOOK_ALLOW_PRIVATE": "true",
        }
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "worker.py")], env=self.env, cwd=REPO
        )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)
