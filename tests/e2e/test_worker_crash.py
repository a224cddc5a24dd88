"""A worker killed mid-run: a new worker finishes the guideline, redoing only the step in flight."""

from __future__ import annotations

import asyncio
import threading

import psutil
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from cpg2pvg.settings import Settings
from db import guidelines as store
from tests.e2e.conftest import WorkerProcess
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.support.receiver import WebhookReceiver
from tests.workflows.helpers import delivery_of, local_activities, new_guideline, outcome, start
from tests.workflows.test_guideline_workflow import _activity_attempts


async def test_killed_worker_resumes_without_redoing_finished_steps(
    stack_settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    worker_process: WorkerProcess,
    receiver: WebhookReceiver,
) -> None:
    settings = stack_settings.model_copy(update={"task_queue": worker_process.task_queue})
    client = await Client.connect(settings.temporal_target)
    receiver.hold = threading.Event()  # the first delivery hangs until the worker is dead
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, webhook_url=receiver.url)

    worker_process.start()
    handle = await start(client, settings, guideline)
    arrived = await asyncio.to_thread(receiver.arrived.wait, 120)
    assert arrived, "the notification step was reached"
    worker_process.kill()  # SIGKILL while the webhook's delivery is in flight
    receiver.hold.set()
    receiver.hold = None

    worker_process.start()
    result = await asyncio.wait_for(handle.result(), timeout=180)
    history = await handle.fetch_history()
    delivery = await delivery_of(client, handle)
    assert await outcome(delivery) == "delivered"
    delivery_history = await delivery.fetch_history()

    assert result.status == "completed"
    for finished in ("parse_document", "generate_pvg"):
        assert _activity_attempts(history, finished) == [1], finished
    # The local ones are recorded once each (the record is keyed, so a redo would change
    # nothing).
    assert local_activities(history) == ["quality_control", "record_notification"]
    assert _activity_attempts(delivery_history, "deliver_webhook") == [2]
    assert len(receiver.deliveries) == 2
    assert len(receiver.keys()) == 1
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
        assert row is not None and row.status == "completed"


async def test_a_killed_worker_takes_its_pool_processes_with_it(
    stack_settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    worker_process: WorkerProcess,
) -> None:
    """SIGKILL reaches only the worker's own process (the OOM killer's way): its pool
    processes and their resource tracker must not live on as orphans."""
    settings = stack_settings.model_copy(update={"task_queue": worker_process.task_queue})
    client = await Client.connect(settings.temporal_target)
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
    worker_process.start()
    handle = await start(client, settings, guideline)
    assert (await asyncio.wait_for(handle.result(), timeout=180)).status == "completed"
    assert worker_process.process is not None
    children = psutil.Process(worker_process.process.pid).children(recursive=True)
    assert any("spawn_main" in " ".join(c.cmdline()) for c in children), "the pool ran steps"

    worker_process.kill()

    async def orphans() -> list[psutil.Process] | None:
        left = [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
        return None if left else children

    await wait_until(orphans, timeout=15, interval=0.2)
