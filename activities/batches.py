"""Batch bookkeeping: hand the workflow its next items, record how the batch ended."""

from __future__ import annotations

import uuid

from temporalio import activity

from activities.deps import ActivityDeps
from cpg2pvg import contracts
from db import batches as store
from db import guidelines


class BatchActivities:
    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps

    @activity.defn(name=contracts.BATCH_PAGE)
    async def batch_page(
        self, batch_id: str, after_position: int, limit: int
    ) -> list[contracts.BatchItem]:
        async with self.deps.sessions() as session:
            rows = await store.queued_page(session, uuid.UUID(batch_id), after_position, limit)
        return [
            contracts.BatchItem(
                guideline_id=str(gid),
                position=position,
                language=language,
                has_webhook=hook,
                label=filename,
                review_required=review,
            )
            for gid, position, language, hook, filename, review in rows
        ]

    @activity.defn(name=contracts.FINISH_BATCH)
    async def finish_batch(self, batch_id: str, status: str) -> None:
        bid = uuid.UUID(batch_id)
        async with self.deps.sessions.begin() as session:
            if status == "cancelled":
                await store.cancel_queued(session, bid)
            await store.set_status(session, bid, status)

    @activity.defn(name=contracts.GUIDELINE_STATUS)
    async def guideline_status(self, guideline_id: str) -> str:
        """An item's stored status; one deleted under the batch counts as failed."""
        async with self.deps.sessions() as session:
            row = await guidelines.get_guideline(session, uuid.UUID(guideline_id))
        return row.status if row is not None else "failed"
