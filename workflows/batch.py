"""BatchWorkflow: one child GuidelineWorkflow per queued item, at most N at once.

Items are read from the database a page at a time (the input holds only the batch id).
A failing child never fails the batch. After ``children_per_run`` children the run drains
and continues as new, so a batch of any size keeps each history small. A child waiting for
a reviewer says so and does not count against the concurrency limit meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine
from typing import Any

from temporalio import workflow
from temporalio.common import VersioningBehavior, WorkflowIDReusePolicy
from temporalio.exceptions import (
    CancelledError,
    ChildWorkflowError,
    FailureError,
    WorkflowAlreadyStartedError,
)
from temporalio.workflow import ChildWorkflowHandle, ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from activities.batches import BatchActivities
    from cpg2pvg import contracts, versioning
    from cpg2pvg.lifecycle import FINAL_STATUSES, BatchStatus, Status
    from workflows import policies
    from workflows.guideline import GuidelineWorkflow, initial_search_attributes
    from workflows.patches import (
        CHILDREN_STARTED_TOGETHER,
        STARTED_ELSEWHERE_WATCHED,
        TYPED_ACTIVITY_INPUTS,
    )

PAGE_SIZE = 100

Child = ChildWorkflowHandle[GuidelineWorkflow, contracts.GuidelineProgress]


# Auto-upgrade: a batch lasts as long as its slowest child and continues as new on the
# newest build; its changes go behind workflow.patched (workflows/patches.py).
@workflow.defn(versioning_behavior=versioning.behavior(VersioningBehavior.AUTO_UPGRADE))
class BatchWorkflow:
    def __init__(self) -> None:
        self._running: dict[str, Child | None] = {}
        """Children in flight; None for an item whose run this batch did not start."""
        self._reviewing: set[str] = set()
        self._counts: dict[str, int] = {}
        self._runs = 1
        self._cancelling = False
        self._watchers: set[asyncio.Task[None]] = set()

    @workflow.query
    def progress(self) -> contracts.BatchProgress:
        return contracts.BatchProgress(
            running=len(self._running),
            counts=dict(self._counts),
            runs=self._runs,
            cancelling=self._cancelling,
        )

    @workflow.signal(name=contracts.CHILD_REVIEW_SIGNAL)
    def child_review(self, guideline_id: str, waiting: bool) -> None:
        if waiting:
            self._reviewing.add(guideline_id)
        else:
            self._reviewing.discard(guideline_id)

    def _busy(self) -> int:
        """Slots taken: children in flight, except those waiting for a reviewer."""
        return sum(1 for gid in self._running if gid not in self._reviewing)

    @workflow.run
    async def run(
        self, request: contracts.BatchInput, state: contracts.BatchState | None = None
    ) -> contracts.BatchProgress:
        state = state or contracts.BatchState()
        self._counts, self._runs = dict(state.counts), state.runs
        # Each patch is decided as the run starts, so a run keeps one path all its life
        # (and its markers stay where the recorded histories have them); the branches
        # below ask again where the call they change is.
        workflow.patched(CHILDREN_STARTED_TOGETHER)
        workflow.patched(STARTED_ELSEWHERE_WATCHED)
        workflow.patched(TYPED_ACTIVITY_INPUTS)
        try:
            finished = await self._run_children(request, state.after_position)
        except asyncio.CancelledError:
            self._cancelling = True
            for handle in self._running.values():
                if handle is not None:
                    handle.cancel()
            await asyncio.gather(
                *(self._cancel_elsewhere(gid) for gid, h in self._running.items() if h is None)
            )
            await workflow.wait_condition(lambda: not self._running)
            await self._finish(request.batch_id, BatchStatus.CANCELLED)
            raise
        if finished is None:
            await self._finish(request.batch_id, BatchStatus.COMPLETED)
            return self.progress()
        workflow.continue_as_new(
            args=[
                request,
                contracts.BatchState(
                    after_position=finished, runs=self._runs + 1, counts=self._counts
                ),
            ]
        )

    async def _run_children(self, request: contracts.BatchInput, after: int) -> int | None:
        """Start and watch children; None when no queued item is left, else where to resume.

        Every free slot is filled at once, the start commands going out in one workflow
        task (runs before CHILDREN_STARTED_TOGETHER start one child per task).
        """
        buffer: list[contracts.BatchItem] = []
        exhausted = False
        started = 0
        limit, per_run = request.max_concurrent, request.children_per_run
        while True:
            starting: list[contracts.BatchItem] = []
            while self._busy() + len(starting) < limit and started < per_run:
                if not buffer and not exhausted:
                    buffer = await self._page(request.batch_id, after)
                    exhausted = len(buffer) < PAGE_SIZE
                if not buffer:
                    break
                item = buffer.pop(0)
                after = item.position
                if workflow.patched(CHILDREN_STARTED_TOGETHER):
                    starting.append(item)
                else:  # Remove with CHILDREN_STARTED_TOGETHER.
                    await self._start_child(request, item)
                started += 1
            await asyncio.gather(*(self._start_child(request, item) for item in starting))
            if (exhausted and not buffer) or started >= per_run:
                await workflow.wait_condition(lambda: not self._running)
                return None if exhausted and not buffer else after
            await workflow.wait_condition(lambda: self._busy() < limit)

    async def _page(self, batch_id: str, after: int) -> list[contracts.BatchItem]:
        options = policies.BOOKKEEPING.options()
        if workflow.patched(TYPED_ACTIVITY_INPUTS):
            return await workflow.execute_activity_method(
                BatchActivities.batch_page,
                contracts.BatchPageInput(batch_id, after, PAGE_SIZE),
                **options,
                summary="Next items",
            )
        # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py).
        items: list[contracts.BatchItem] = await workflow.execute_activity_method(
            BatchActivities.batch_page,
            args=[batch_id, after, PAGE_SIZE],
            **options,
            summary="Next items",
        )
        return items

    async def _start_child(self, request: contracts.BatchInput, item: contracts.BatchItem) -> None:
        child_input = contracts.GuidelineInput(
            guideline_id=item.guideline_id,
            owner=request.owner,
            priority=request.priority,
            language=item.language,
            batch_id=request.batch_id,
            has_webhook=item.has_webhook,
            review_timeout_seconds=request.review_timeout_seconds,
            review_required=item.review_required,
            generator=request.generator,
            document_bytes=item.document_bytes,
        )
        # Newer runs start an item again only after a run of it failed or was cancelled
        # (retry-failed): a completed one is watched below, not redone.
        reuse = (
            WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY
            if workflow.patched(STARTED_ELSEWHERE_WATCHED)
            else WorkflowIDReusePolicy.ALLOW_DUPLICATE  # Remove with STARTED_ELSEWHERE_WATCHED.
        )
        try:
            handle = await workflow.start_child_workflow(
                GuidelineWorkflow.run,
                child_input,
                id=contracts.guideline_workflow_id(item.guideline_id),
                search_attributes=initial_search_attributes(child_input),
                parent_close_policy=ParentClosePolicy.REQUEST_CANCEL,
                static_summary=_summary(item),
                id_reuse_policy=reuse,
            )
        except WorkflowAlreadyStartedError:
            if not workflow.patched(STARTED_ELSEWHERE_WATCHED):
                raise  # Remove with STARTED_ELSEWHERE_WATCHED.
            self._running[item.guideline_id] = None
            self._spawn(self._watch_started_elsewhere(item.guideline_id))
            return
        self._running[item.guideline_id] = handle
        self._spawn(self._watch(item.guideline_id, handle))

    def _spawn(self, watching: Coroutine[Any, Any, None]) -> None:
        watcher = asyncio.create_task(watching)
        self._watchers.add(watcher)
        watcher.add_done_callback(self._watchers.discard)

    async def _watch(self, guideline_id: str, handle: Child) -> None:
        try:
            await handle
            outcome = Status.COMPLETED
        except ChildWorkflowError as error:
            outcome = (
                Status.CANCELLED if isinstance(error.cause, CancelledError) else Status.FAILED
            )
        except asyncio.CancelledError:
            outcome = Status.CANCELLED
        self._ended(guideline_id, outcome)

    def _ended(self, guideline_id: str, outcome: Status) -> None:
        self._counts[outcome] = self._counts.get(outcome, 0) + 1
        del self._running[guideline_id]
        self._reviewing.discard(guideline_id)

    async def _watch_started_elsewhere(self, guideline_id: str) -> None:
        """An item's run that this batch did not start cannot be awaited: its stored status
        is read until it is final, less often the longer it takes."""
        delay = policies.ELSEWHERE_POLL_FIRST
        options = policies.BOOKKEEPING.options()
        summary = "Status of an item started elsewhere"
        while True:
            if workflow.patched(TYPED_ACTIVITY_INPUTS):
                status = await workflow.execute_activity_method(
                    BatchActivities.guideline_status,
                    contracts.GuidelineRef(guideline_id),
                    **options,
                    summary=summary,
                )
            else:  # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py).
                status = await workflow.execute_activity_method(
                    BatchActivities.guideline_status,
                    args=[guideline_id],
                    **options,
                    summary=summary,
                )
            if status in FINAL_STATUSES:
                break
            await workflow.sleep(delay)
            delay = min(delay * 2, policies.ELSEWHERE_POLL_MAX)
        self._ended(guideline_id, status)

    async def _cancel_elsewhere(self, guideline_id: str) -> None:
        run = workflow.get_external_workflow_handle(contracts.guideline_workflow_id(guideline_id))
        with contextlib.suppress(FailureError):  # it ended meanwhile: the watcher sees how
            await run.cancel()

    async def _finish(self, batch_id: str, status: BatchStatus) -> None:
        options = policies.BOOKKEEPING.options()
        if workflow.patched(TYPED_ACTIVITY_INPUTS):
            await workflow.execute_activity_method(
                BatchActivities.finish_batch,
                contracts.FinishBatchInput(batch_id, status),
                **options,
                summary=f"Batch {status}",
            )
        else:  # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py).
            await workflow.execute_activity_method(
                BatchActivities.finish_batch,
                args=[batch_id, status],
                **options,
                summary=f"Batch {status}",
            )


def _summary(item: contracts.BatchItem) -> str:
    return f"Guideline: {item.label or 'unnamed file'} (batch item {item.position})"[:200]
