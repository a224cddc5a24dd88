"""BatchWorkflow as a careless change would leave it: an activity added just before the
batch continues as new, with no ``workflow.patched``. Only the recordings of the runs that
continued can notice (tests/workflows/test_replay.py)."""

from __future__ import annotations

from datetime import timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from activities.batches import BatchActivities
    from cpg2pvg import contracts
    from workflows.batch import BatchWorkflow


@workflow.defn(name="BatchWorkflow")
class BatchWithAnActivityBeforeContinuing(BatchWorkflow):
    @workflow.run
    async def run(
        self, request: contracts.BatchInput, state: contracts.BatchState | None = None
    ) -> contracts.BatchProgress:
        return await super().run(request, state)

    async def _run_children(self, request: contracts.BatchInput, after: int) -> int | None:
        finished = await super()._run_children(request, after)
        if finished is not None:  # the run is about to continue as new
            await workflow.execute_activity_method(
                BatchActivities.guideline_status,
                contracts.GuidelineRef(request.batch_id),
                start_to_close_timeout=timedelta(seconds=10),
            )
        return finished
