"""Runs started by the previous build (activities called with positional arguments) finish
on today's worker, whose activities take one dataclass input.

The previous build is today's code with ``typed-activity-inputs`` held back (a worker's
patch activation callback): its runs call every activity the old way, as they did before
the change. The run then moves to a worker that holds nothing back and completes there
(on the dev server, in real time: the run changes workers while it waits).
"""

from __future__ import annotations

import asyncio
import json

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowHandle
from temporalio.worker import PatchActivationInput, Worker

from activities.deps import ActivityDeps
from cpg2pvg import contracts
from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.settings import Settings
from db import batches
from db import guidelines as store
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.workflows.helpers import make_worker, new_guideline, patch_ids, signed_decision, start
from worker import WORKFLOWS, activities_for, worker_interceptors
from workflows.batch import BatchWorkflow
from workflows.guideline import GuidelineWorkflow
from workflows.patches import (
    CPU_STEPS_OWN_QUEUE,
    SHORT_STEPS_LOCAL,
    SMALL_PARSE_LOCAL,
    TYPED_ACTIVITY_INPUTS,
)


@pytest.fixture
def run_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"task_queue": "cpg2pvg-tests-old-call-shape"})


def _previous_build(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """Today's worker with typed-activity-inputs (and the later CPU queue, local short
    steps and small parse) held back: new runs take the old calls."""

    def activate(patch: PatchActivationInput) -> bool:
        return patch.patch_id not in (TYPED_ACTIVITY_INPUTS, CPU_STEPS_OWN_QUEUE,
                                      SHORT_STEPS_LOCAL, SMALL_PARSE_LOCAL)

    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=list(WORKFLOWS),
        activities=activities_for(deps),
        interceptors=worker_interceptors(),
        patch_activation_callback=activate,
    )


async def _inputs(handle: WorkflowHandle, activity_type: str) -> list[int]:
    """How many arguments each scheduling of ``activity_type`` passed."""
    history = await handle.fetch_history()
    return [
        len(e.activity_task_scheduled_event_attributes.input.payloads)
        for e in history.events
        if e.HasField("activity_task_scheduled_event_attributes")
        and e.activity_task_scheduled_event_attributes.activity_type.name == activity_type
    ]


async def test_a_guideline_started_on_positional_calls_completes_on_the_new_worker(
    dev_client: Client,
    run_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, review_required=True)
    async with _previous_build(dev_client, run_settings, deps):
        handle = await start(dev_client, run_settings, guideline)

        async def in_review() -> bool:
            state = await handle.query(GuidelineWorkflow.progress)
            return state.status == "needs_review"

        await wait_until(in_review, timeout=30)
    # Guideline id and stage, positionally: the previous build's calls.
    assert await _inputs(handle, contracts.PARSE_DOCUMENT) == [2]
    assert await _inputs(handle, contracts.QUALITY_CONTROL) == [2]

    async with make_worker(dev_client, run_settings, deps):
        await handle.execute_update(
            GuidelineWorkflow.review, await signed_decision(run_settings, handle, "approve")
        )
        result = await asyncio.wait_for(handle.result(), 60)

    assert result.status == "completed"
    assert await _inputs(handle, contracts.SAVE_REVIEW) == [2], "still the old call"
    assert TYPED_ACTIVITY_INPUTS not in patch_ids(await handle.fetch_history())
    async with sessions() as session:
        review = await store.load_artifact_json(session, guideline.id, ArtifactKind.REVIEW)
        assert review is not None and review["decisions"][0]["decision"] == "approve"
        row = await store.get_guideline(session, guideline.id)
        assert row is not None and (row.status, row.stage) == ("completed", "done")


async def test_a_batch_on_positional_calls_completes_on_the_new_worker(
    dev_client: Client,
    run_settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Its pages are read and its end recorded by today's activities, from the old calls."""
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    async with sessions.begin() as session:
        batch = await batches.create_batch(session, owner="tests", total=2, priority="normal")
        await batches.add_items(
            session,
            batch,
            [batches.NewItem(content, "text/markdown", f"item-{n}.md") for n in range(2)],
            webhook_url=None,
        )
    request = contracts.BatchInput(batch_id=str(batch.id), owner="tests")
    async with _previous_build(dev_client, run_settings, deps):
        handle = await dev_client.start_workflow(
            BatchWorkflow.run,
            args=[request, None],
            id=batch.workflow_id,
            task_queue=run_settings.task_queue,
        )
        result = await asyncio.wait_for(handle.result(), 60)

    assert result.counts == {"completed": 2}
    assert await _inputs(handle, contracts.BATCH_PAGE) == [3], "(batch id, after, limit)"
    history = await handle.fetch_history()
    finished = [
        e.activity_task_scheduled_event_attributes.input.payloads
        for e in history.events
        if e.HasField("activity_task_scheduled_event_attributes")
        and e.activity_task_scheduled_event_attributes.activity_type.name
        == contracts.FINISH_BATCH
    ]
    assert len(finished) == 1 and len(finished[0]) == 2
    assert json.loads(finished[0][1].data) == "completed"
    async with sessions() as session:
        stored = await batches.get_batch(session, batch.id, None)
        assert stored is not None and stored.status == "completed"
