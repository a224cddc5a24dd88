"""Webhook delivery in real time on the dev server: a receiver that is down holds nothing up."""

from __future__ import annotations

import asyncio
import uuid

from sqlalchemy import select

from cpg2pvg import contracts
from db import batches
from db.models import Guideline, Notification
from tests.e2e.conftest import Stack
from tests.support.receiver import WebhookReceiver
from workflows.batch import BatchWorkflow


def _doc(n: int) -> bytes:
    return (
        f"# Hand washing {n}\n\n## Major Recommendations\n\n"
        f"- Adults should wash their hands for at least {20 + n} seconds (A recommendation).\n"
    ).encode()


async def test_a_receiver_answering_503_delays_neither_completion_nor_the_next_item(
    stack: Stack, receiver: WebhookReceiver
) -> None:
    """One batch slot, two items, a receiver that answers 503 to everything: both items
    complete within seconds while their webhooks are still being retried."""
    receiver.default = 503
    owner = f"delivery-{uuid.uuid4().hex[:8]}"
    async with stack.sessions.begin() as session:
        batch = await batches.create_batch(session, owner=owner, total=2, priority="normal")
        items = [batches.NewItem(_doc(n), "markdown", f"wash-{n}.md") for n in range(2)]
        await batches.add_items(session, batch, items, webhook_url=receiver.url)
        batch_id = batch.id
    handle = await stack.client.start_workflow(
        BatchWorkflow.run,
        args=[contracts.BatchInput(batch_id=str(batch_id), owner=owner, max_concurrent=1), None],
        id=batches.batch_workflow_id(batch_id),
        task_queue=stack.settings.task_queue,
    )
    try:
        result = await asyncio.wait_for(handle.result(), timeout=45)
        async with stack.sessions() as session:
            rows = (
                await session.execute(select(Guideline).where(Guideline.batch_id == batch_id))
            ).scalars()
            statuses = sorted(row.status for row in rows)
            hooks = (
                await session.execute(
                    select(Notification.status)
                    .join(Guideline, Guideline.id == Notification.guideline_id)
                    .where(Guideline.batch_id == batch_id, Notification.channel == "webhook")
                )
            ).scalars()
            webhook_statuses = sorted(hooks)
    finally:
        await _stop_deliveries(stack)

    assert result.counts == {"completed": 2}
    assert statuses == ["completed", "completed"]
    assert len(webhook_statuses) == 2 and "delivered" not in webhook_statuses
    assert receiver.deliveries, "the receiver was tried"


async def _stop_deliveries(stack: Stack) -> None:
    """The deliveries would go on retrying for a day: end them with the test."""
    query = (
        f"TaskQueue='{stack.settings.task_queue}' AND ExecutionStatus='Running' "
        "AND WorkflowType='WebhookDelivery'"
    )
    for _ in range(20):
        running = [w async for w in stack.client.list_workflows(query)]
        for found in running:
            await stack.client.get_workflow_handle(found.id).terminate("test over")
        if not running:
            return
        await asyncio.sleep(0.5)
