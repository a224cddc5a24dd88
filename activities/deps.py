"""What activities need from the worker process: sessions, a process pool, an HTTP client."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity

from activities.process_pool import PoolProcessDied, ProcessPool, StepOverran
from cpg2pvg.failures import Failure, failure
from cpg2pvg.settings import Settings

T = TypeVar("T")

HEARTBEAT_EVERY = timedelta(seconds=5)


@dataclass
class ActivityDeps:
    settings: Settings
    sessions: async_sessionmaker[AsyncSession]
    cpu_pool: ProcessPool
    http: httpx.AsyncClient

    async def run_cpu(self, fn: Callable[..., T], *args: Any) -> T:
        """Run CPU-bound domain code in the process pool, heartbeating while it works.

        The worker's event loop stays free for other activities and workflow tasks, and a
        heartbeat lets Temporal notice a dead worker (and deliver cancellation) quickly. A
        cancelled step, or one still running when its attempt's time is up, is stopped: its
        process is killed rather than left working for nobody.
        """
        step = asyncio.ensure_future(self.cpu_pool.run(fn, *args, limit=attempt_limit()))
        try:
            while True:
                done, _ = await asyncio.wait({step}, timeout=HEARTBEAT_EVERY.total_seconds())
                if done:
                    return step.result()
                activity.heartbeat()
        except StepOverran as error:
            raise failure(Failure.STEP_TIMEOUT, str(error)) from None
        except PoolProcessDied as error:
            # Retried by the activity's policy, on a fresh process.
            raise failure(Failure.POOL_PROCESS_DIED, str(error)) from None
        finally:
            step.cancel()


def attempt_limit() -> float | None:
    """Seconds a step may run: its activity attempt's start-to-close timeout."""
    if not activity.in_activity():
        return None
    timeout = activity.info().start_to_close_timeout
    return timeout.total_seconds() if timeout else None
