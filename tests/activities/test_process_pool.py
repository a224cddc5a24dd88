"""The worker's process pool: a dead process is replaced, a step is stopped when cancelled or
past its time limit, and no process outlives the pool."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import time
from datetime import timedelta
from pathlib import Path

import psutil
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment

from cpg2pvg.settings import Settings
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.workflows.helpers import make_worker, new_guideline, start
from worker import activity_deps


def mark_then_sleep(path: str, seconds: float) -> None:
    """A CPU step that says when it has started, then takes its time."""
    Path(path).write_text(str(os.getpid()))
    time.sleep(seconds)


def _pool_processes() -> set[int]:
    """This process's spawned children that run pool work (not the resource tracker)."""
    return {
        child.pid
        for child in psutil.Process().children()
        if "spawn_main" in " ".join(_cmdline(child))
    }


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


async def _gone(pid: int, timeout: float = 10) -> None:
    async def gone() -> bool:
        return not _alive(pid)

    await wait_until(gone, timeout=timeout, interval=0.1)


def _activity(start_to_close: timedelta) -> ActivityEnvironment:
    env = ActivityEnvironment()
    env.info = dataclasses.replace(env.info, start_to_close_timeout=start_to_close)
    return env


async def _started(marker: Path) -> int:
    async def written() -> int | None:
        return int(marker.read_text()) if marker.exists() and marker.read_text() else None

    return await wait_until(written, timeout=60, interval=0.1)


async def test_a_sigkilled_pool_process_is_replaced_and_the_next_guideline_completes(
    time_env: WorkflowEnvironment,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    before = _pool_processes()
    async with activity_deps(settings) as own, make_worker(time_env.client, settings, own):
        first = await new_guideline(sessions, content, SMALL_GUIDELINE)
        assert (await (await start(time_env.client, settings, first)).result()).status == (
            "completed"
        )
        pool = _pool_processes() - before
        assert pool, "the pool ran the first guideline's steps"
        for pid in pool:
            os.kill(pid, signal.SIGKILL)  # as the kernel's OOM killer would
        for pid in pool:
            await _gone(pid)

        second = await new_guideline(sessions, content, SMALL_GUIDELINE)
        result = await (await start(time_env.client, settings, second)).result()
    assert result.status == "completed"


async def test_a_cancelled_step_is_stopped_with_its_process(
    settings: Settings, tmp_path: Path
) -> None:
    marker = tmp_path / "started"
    env = _activity(timedelta(minutes=10))
    async with activity_deps(settings) as own:
        step = asyncio.create_task(env.run(own.run_cpu, mark_then_sleep, str(marker), 120))
        pid = await _started(marker)
        env.cancel()
        with pytest.raises(asyncio.CancelledError):
            await step
        await _gone(pid)


async def test_a_step_past_its_time_limit_is_stopped_with_its_process(
    settings: Settings, tmp_path: Path
) -> None:
    marker = tmp_path / "started"
    # Long enough for a pool process to start on a loaded machine before the limit passes.
    env = _activity(timedelta(seconds=10))
    async with activity_deps(settings) as own:
        step = asyncio.create_task(env.run(own.run_cpu, mark_then_sleep, str(marker), 120))
        pid = await _started(marker)
        with pytest.raises(ApplicationError) as overran:
            await asyncio.wait_for(step, timeout=30)
        await _gone(pid)
    assert overran.value.type == "step_timeout" and not overran.value.non_retryable
