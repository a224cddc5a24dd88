"""Webhook delivery: every delivery row ends delivered, failed or abandoned, and the
guideline's outcome never waits for it."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowFailureError
from temporalio.exceptions import CancelledError
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.settings import Settings
from db import guidelines as store
from db import notifications as notification_log
from db.models import Guideline
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.receiver import WebhookReceiver
from tests.workflows.helpers import (
    delivery_of,
    make_worker,
    maybe_record,
    new_guideline,
    outcome,
    start,
)


async def _webhook_rows(
    sessions: async_sessionmaker[AsyncSession], guideline: Guideline
) -> list[tuple[str, int]]:
    async with sessions() as session:
        rows = await notification_log.list_for_guideline(session, guideline.id)
    return [(r.status, r.attempts) for r in rows if r.channel == "webhook"]


async def test_every_webhook_row_ends_delivered_failed_or_abandoned(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """A refusal (404) ends ``failed`` at once; a receiver down for longer than delivery is
    tried (503 for 25 hours) ends ``abandoned``; a working one ends ``delivered``."""
    refusing = WebhookReceiver(default=404)
    down = WebhookReceiver(default=503)
    working = WebhookReceiver()
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    try:
        guidelines = {
            name: await new_guideline(sessions, content, SMALL_GUIDELINE, webhook_url=hook.url)
            for name, hook in (("refusing", refusing), ("down", down), ("working", working))
        }
        ended = {}
        async with make_worker(time_env.client, settings, deps):
            for name, guideline in guidelines.items():
                handle = await start(time_env.client, settings, guideline)
                assert (await handle.result()).status == "completed"
                # The test server skips the day of retries while we wait.
                delivery = await delivery_of(time_env.client, handle)
                ended[name] = await outcome(delivery, time_env)
                await maybe_record(delivery, f"webhook_delivery_{ended[name]}")
        rows = {name: await _webhook_rows(sessions, g) for name, g in guidelines.items()}
    finally:
        for hook in (refusing, down, working):
            hook.close()

    assert ended == {"refusing": "failed", "down": "abandoned", "working": "delivered"}
    assert rows["refusing"] == [("failed", 1)], "a refusal is not tried again"
    assert rows["working"] == [("delivered", 1)]
    [(status, attempts)] = rows["down"]
    assert status == "abandoned" and attempts > 10
    assert len(refusing.deliveries) == 1 and len(down.deliveries) == attempts


async def test_a_cancelled_delivery_ends_abandoned_and_the_outcome_stands(
    dev_client: Client,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    receiver: WebhookReceiver,
) -> None:
    """The guideline is `completed` while its webhook is still on its way; cancelling the
    delivery (in real time, on the dev server) ends its row `abandoned`, not `retrying`."""
    receiver.hold = threading.Event()
    receiver.statuses = [503]
    run = settings.model_copy(update={"task_queue": "cpg2pvg-tests-delivery"})
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, webhook_url=receiver.url)
    async with make_worker(dev_client, run, deps):
        handle = await start(dev_client, run, guideline)
        assert await asyncio.to_thread(receiver.arrived.wait, 60), "the POST is in flight"
        assert (await asyncio.wait_for(handle.result(), timeout=30)).status == "completed"
        delivery = await delivery_of(dev_client, handle)
        await delivery.cancel()
        receiver.hold.set()  # the attempt in flight answers 503
        with pytest.raises(WorkflowFailureError) as ended:
            await asyncio.wait_for(delivery.result(), timeout=30)
        await maybe_record(delivery, "webhook_delivery_cancelled")

    assert isinstance(ended.value.cause, CancelledError)
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
        notes = await notification_log.list_for_guideline(session, guideline.id)
    assert row is not None and row.status == "completed"
    assert sorted((n.channel, n.status) for n in notes) == [
        ("record", "delivered"),
        ("webhook", "abandoned"),
    ]

