"""SIGTERM lets activities in flight finish within CPG2PVG_WORKER_SHUTDOWN_GRACE_SECONDS;
past the grace period they are cancelled, the worker exits, and the step is retried.

The activity in flight is a webhook's delivery, held by the receiver."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from tests.reliability.conftest import CrashableWorker
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.receiver import WebhookReceiver
from tests.workflows.helpers import delivery_of, new_guideline, outcome, start
from tests.workflows.test_guideline_workflow import _activity_attempts

pytestmark = [pytest.mark.faults, pytest.mark.slow]


async def _exit_seconds(worker: CrashableWorker, limit: float) -> float:
    assert worker.process is not None
    began = time.monotonic()
    code = await asyncio.to_thread(worker.process.wait, limit)
    assert code == 0, f"the worker exited with {code}"
    return time.monotonic() - began


async def _run_until_notify_in_flight(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    receiver: WebhookReceiver,
    worker: CrashableWorker,
):  # type: ignore[no-untyped-def]
    client = await Client.connect(settings.temporal_target)
    receiver.hold = threading.Event()
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, webhook_url=receiver.url)
    worker.start()
    handle = await start(client, settings, guideline)
    assert await asyncio.to_thread(receiver.arrived.wait, 120), "the delivery was reached"
    return handle


async def _delivery_history(settings: Settings, handle):  # type: ignore[no-untyped-def]
    """The webhook delivery's history, once it has ended delivered."""
    client = await Client.connect(settings.temporal_target)
    delivery = await delivery_of(client, handle)
    assert await outcome(delivery) == "delivered"
    return await delivery.fetch_history()


async def test_sigterm_lets_the_activity_in_flight_finish(
    settings: Settings,
    dev_server: LocalTemporal,
    sessions: async_sessionmaker[AsyncSession],
    receiver: WebhookReceiver,
    tmp_path: Path,
) -> None:
    run = settings.model_copy(
        update={"temporal_address": dev_server.address, "task_queue": "graceful-finish"}
    )
    worker = CrashableWorker(
        run, run.task_queue, tmp_path / "w.log", CPG2PVG_WORKER_SHUTDOWN_GRACE_SECONDS="20"
    )
    try:
        handle = await _run_until_notify_in_flight(run, sessions, receiver, worker)
        worker.terminate()  # SIGTERM while the webhook POST waits for its answer
        await asyncio.sleep(2)
        assert worker.process is not None and worker.process.poll() is None, "still finishing"
        hold = receiver.hold
        assert hold is not None
        hold.set()
        assert await _exit_seconds(worker, 20) < 15
        worker.start()  # the workflow itself goes on on the next worker
        result = await asyncio.wait_for(handle.result(), timeout=120)
        history = await _delivery_history(run, handle)
    finally:
        worker.kill()
    assert result.status == "completed"
    assert _activity_attempts(history, "deliver_webhook") == [1], "finished, not retried"
    assert len(receiver.deliveries) == 1


async def test_past_the_grace_period_the_worker_exits_and_the_step_is_retried(
    settings: Settings,
    dev_server: LocalTemporal,
    sessions: async_sessionmaker[AsyncSession],
    receiver: WebhookReceiver,
    tmp_path: Path,
) -> None:
    run = settings.model_copy(
        update={"temporal_address": dev_server.address, "task_queue": "graceful-cancel"}
    )
    worker = CrashableWorker(
        run, run.task_queue, tmp_path / "w.log", CPG2PVG_WORKER_SHUTDOWN_GRACE_SECONDS="1"
    )
    try:
        handle = await _run_until_notify_in_flight(run, sessions, receiver, worker)
        worker.terminate()
        assert await _exit_seconds(worker, 20) < 10, "the grace period bounds the shutdown"
        hold = receiver.hold
        assert hold is not None
        hold.set()
        worker.start()
        result = await asyncio.wait_for(handle.result(), timeout=120)
        history = await _delivery_history(run, handle)
    finally:
        worker.kill()
    assert result.status == "completed"
    assert _activity_attempts(history, "deliver_webhook")[-1] >= 2
    assert len(receiver.keys()) == 1, "the retry carried the same idempotency key"
