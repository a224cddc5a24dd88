"""Batch bookkeeping: hand the workflow its next items, record how the batch ended."""

from __future__ import annotations

import uuid

from temporalio import activity

from activities.compat import accepts_positional
from activities.deps import ActivityDeps
from cpg2pvg import contracts
from cpg2pvg.lifecycle import BatchStatus, Status
from db import batches as store
from db import guidelines


def _finish(batch_id: str, status: str) -> contracts.FinishBatchInput:
    """The arguments of runs before typed-activity-inputs: ``(batch_id, status)``."""
    return contracts.FinishBatchInput(batch_id, BatchStatus(status))


class BatchActivities:
    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps

    @activity.defn(name=contracts.BATCH_PAGE)
    @accepts_positional(contracts.BatchPageInput)
    async def batch_page(self, request: contracts.BatchPageInput) -> list[contracts.BatchItem]:
        async with self.deps.sessions() as session:
            rows = await store.queued_page(
                session, uuid.UUID(request.batch_id), request.after_position, request.limit
            )
        return [
            contracts.BatchItem(
                guideline_id=str(gid),
                position=position,
                language=language,
                has_webhook=hook,
                label=filename,
                review_required=review,
                document_bytes=size,
            )
            for gid, position, language, hook, filename, review, size in rows
        ]

    @activity.defn(name=contracts.FINISH_BATCH)
    @accepts_positional(_finish)
    async def finish_batch(self, request: contracts.FinishBatchInput) -> None:
        bid = uuid.UUID(request.batch_id)
        async with self.deps.sessions.begin() as session:
            if request.status == BatchStatus.CANCELLED:
                await store.cancel_queued(session, bid)
            await store.set_status(session, bid, request.status)

    @activity.defn(name=contracts.GUIDELINE_STATUS)
    @accepts_positional(contracts.GuidelineRef)
    async def guideline_status(self, request: contracts.GuidelineRef) -> Status:
        """An item's stored status; one deleted under the batch counts as failed."""
        async with self.deps.sessions() as session:
            row = await guidelines.get_guideline(session, uuid.UUID(request.guideline_id))
        return Status(row.status) if row is not None else Status.FAILED
