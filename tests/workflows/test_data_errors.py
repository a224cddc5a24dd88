"""Data the database refuses fails a step at once and without quoting it: no retries for
a day, and no value in the failure."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import workflow
from temporalio.client import WorkflowFailureError
from temporalio.exceptions import ActivityError, ApplicationError
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from activities.deps import ActivityDeps
from cpg2pvg import contracts
from cpg2pvg.settings import Settings
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.workflows.helpers import new_guideline
from tests.workflows.test_guideline_workflow import _activity_attempts
from worker import activities_for, worker_interceptors
from workflows import policies

SECRET = "Dr Vance thinks this is wrong"


@workflow.defn(sandboxed=False)
class SaveReviewProbe:
    """Stores a review decision the way GuidelineWorkflow does, whatever its text."""

    @workflow.run
    async def run(self, guideline_id: str, decision: contracts.ReviewDecision) -> None:
        await workflow.execute_activity(
            contracts.SAVE_REVIEW, args=[guideline_id, decision], **policies.BOOKKEEPING.options()
        )


@pytest.mark.timeout(60)
@pytest.mark.parametrize("comment", [f"{SECRET}\x00", f"{SECRET} \ud800"], ids=["nul", "surrogate"])
async def test_unstorable_text_fails_the_step_once_without_quoting_it(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    comment: str,
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes() + f"\n{uuid.uuid4()}\n".encode()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
    decision = contracts.ReviewDecision(
        decision="approve", reviewer="dr-vance", role="reviewer", comment=comment
    )
    queue = f"data-errors-{uuid.uuid4()}"
    async with Worker(
        time_env.client,
        task_queue=queue,
        workflows=[SaveReviewProbe],
        activities=activities_for(deps),
        interceptors=worker_interceptors(),
    ):
        handle = await time_env.client.start_workflow(
            SaveReviewProbe.run, args=[str(guideline.id), decision], id=queue, task_queue=queue
        )
        with pytest.raises(WorkflowFailureError) as failure:
            await handle.result()
        history = await handle.fetch_history()

    assert _activity_attempts(history, contracts.SAVE_REVIEW) == [1]
    cause = failure.value.cause
    assert isinstance(cause, ActivityError) and isinstance(cause.cause, ApplicationError)
    assert cause.cause.type == "invalid_data" and cause.cause.non_retryable
    failed = next(
        e.activity_task_failed_event_attributes.failure
        for e in history.events
        if e.HasField("activity_task_failed_event_attributes")
    )
    assert SECRET not in failed.message + failed.stack_trace + str(cause.cause)
