"""What activities need from the worker process: sessions, a process pool, an HTTP client."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from cpg2pvg.settings import Settings

T = TypeVar("T")

HEARTBEAT_EVERY = timedelta(seconds=5)


@dataclass
class ActivityDeps:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    cpu_pool: Executor
    http: httpx.AsyncClient

    async def run_cpu(self, fn: Callable[..., T], *args: Any) -> T:
        """Run CPU-bound domain code in the process pool, heartbeating while it works.

        The worker's event loop stays free for other activities and workflow tasks, and a
        heartbeat lets Temporal notice a dead worker (and deliver cancellation) quickly.
        """
        future = asyncio.get_running_loop().run_in_executor(self.cpu_pool, fn, *args)
        while True:
            done, _ = await asyncio.wait({future}, timeout=HEARTBEAT_EVERY.total_seconds())
            if done:
                return future.result()
            activity.heartbeat()
