"""BatchWorkflow on the time-skipping server: fan-out, continue-as-new, failures, cancel."""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
from pydantic import SecretStr
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowFailureError
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg import contracts
from cpg2pvg.lifecycle import Generator
from cpg2pvg.settings import Settings
from db import batches as store
from db.models import Guideline
from tests.llm.test_llm_workflow import workers
from tests.support.llm_stub import LlmStub
from tests.support.polling import wait_until
from tests.workflows.helpers import (
    local_activities,
    make_worker,
    maybe_record,
    maybe_record_chain,
    scheduled_activities,
    signed_decision,
    start,
)
from workflows.batch import BatchWorkflow
from workflows.guideline import GuidelineWorkflow


def small_guideline(n: int) -> bytes:
    return (
        f"# Daily walking guideline {n}\n\n## Major Recommendations\n\n"
        f"- Adults aged 18 to 64 years should walk at least {20 + n} minutes a day "
        f"(B recommendation).\n"
    ).encode()


async def new_batch(
    sessions: async_sessionmaker[AsyncSession],
    contents: list[tuple[bytes, str, str]],
    *,
    webhook_url: str | None = None,
) -> uuid.UUID:
    async with sessions.begin() as session:
        batch = await store.create_batch(
            session, owner="tests", total=len(contents), priority="normal"
        )
        items = [store.NewItem(content, kind, name) for content, kind, name in contents]
        await store.add_items(session, batch, items, webhook_url=webhook_url)
        return batch.id


def model_settings(settings: Settings, stub: LlmStub, task_queue: str) -> Settings:
    """The test settings with the language-model generator pointed at a local stub."""
    return settings.model_copy(
        update={
            "generator": "openai",
            "llm_base_url": stub.base_url,
            "llm_model": f"stub-model-{uuid.uuid4().hex[:8]}",
            "llm_api_key": SecretStr("sk-test-not-a-real-key"),
            "llm_requests_per_second": 50.0,
            "task_queue": task_queue,
        }
    )


async def start_batch(  # type: ignore[no-untyped-def]
    client: Client,
    settings: Settings,
    batch_id: uuid.UUID,
    max_concurrent: int = 8,
    children_per_run: int = 500,
    generator: Generator = Generator.OFFLINE,
):
    request = contracts.BatchInput(
        batch_id=str(batch_id),
        owner="tests",
        max_concurrent=max_concurrent,
        children_per_run=children_per_run,
        generator=generator,
    )
    return await client.start_workflow(
        BatchWorkflow.run,
        args=[request, None],
        id=store.batch_workflow_id(batch_id),
        task_queue=settings.task_queue,
    )


async def test_batch_runs_every_item_continues_as_new_and_isolates_a_bad_file(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    contents = [(small_guideline(n), "markdown", f"walk-{n}.md") for n in range(5)]
    contents.insert(2, (b"%PDF-1.7\nnot really a pdf\n%%EOF", "pdf", "broken.pdf"))
    batch_id = await new_batch(sessions, contents)
    async with make_worker(time_env.client, settings, deps):
        handle = await start_batch(
            time_env.client, settings, batch_id, max_concurrent=2, children_per_run=2
        )
        result = await handle.result()
        await maybe_record(handle, "batch_continued_as_new")
        await maybe_record_chain(handle, "batch_continued_as_new")
        history = await handle.fetch_history()

    assert result.runs == 3, "six items at two children per run take three runs"
    # Both free slots are filled by one workflow task, not one child start per task.
    kinds = [e.event_type for e in history.events]
    first_start = kinds.index(EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
    assert kinds[first_start - 1] == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
    assert kinds[first_start + 1] == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED
    assert result.counts == {"completed": 5, "failed": 1}
    async with sessions() as session:
        counts = await store.counts(session, batch_id)
        batch = await store.get_batch(session, batch_id)
    items = await _items(sessions, batch_id)
    assert batch is not None and batch.status == "completed"
    assert counts["completed"] == 5 and counts["failed"] == 1
    broken = next(i for i in items if i.filename == "broken.pdf")
    assert broken.error_code == "corrupt_document" and broken.error_message


async def test_cancelling_a_batch_reaches_running_children_and_skips_the_rest(
    dev_client: Client,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    # The first child's language-model call is held, so the cancel finds it mid-activity
    # (in real time, on the dev server: see the dev_client fixture).
    stub = LlmStub(hold=threading.Event())
    run = model_settings(settings, stub, "cpg2pvg-tests-batch-cancel")
    contents = [(small_guideline(n), "markdown", f"walk-{n}.md") for n in range(4)]
    batch_id = await new_batch(sessions, contents)
    try:
        async with workers(dev_client, run, deps):
            handle = await start_batch(dev_client, run, batch_id, max_concurrent=1,
                                       generator=Generator.OPENAI)
            assert await asyncio.to_thread(stub.arrived.wait, 60)
            live = await handle.query(BatchWorkflow.progress)
            assert (live.running, live.counts, live.cancelling) == (1, {}, False)
            await handle.cancel()
            with pytest.raises(WorkflowFailureError):
                await handle.result()
            first = dev_client.get_workflow_handle(
                contracts.guideline_workflow_id(str((await _items(sessions, batch_id))[0].id))
            )
            first_status = (await first.describe()).status
            await maybe_record(handle, "batch_cancelled")
            await maybe_record(first, "guideline_cancelled")
    finally:
        stub.close()

    assert first_status == WorkflowExecutionStatus.CANCELED
    async with sessions() as session:
        batch = await store.get_batch(session, batch_id)
        counts = await store.counts(session, batch_id)
    assert batch is not None and batch.status == "cancelled"
    assert counts["cancelled"] == 4 and counts["completed"] == 0


async def test_batch_children_are_given_their_document_size_and_parse_small_ones_locally(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """The batch reads each item's stored size with its page and hands it to the child,
    so a batch of small documents takes no parse through the CPU queue."""
    contents = [(small_guideline(n), "markdown", f"walk-{n}.md") for n in range(2)]
    batch_id = await new_batch(sessions, contents)
    async with make_worker(time_env.client, settings, deps):
        handle = await start_batch(time_env.client, settings, batch_id, max_concurrent=2)
        assert (await handle.result()).counts == {"completed": 2}
        children = [
            time_env.client.get_workflow_handle(contracts.guideline_workflow_id(str(item.id)))
            for item in await _items(sessions, batch_id)
        ]
        histories = [await child.fetch_history() for child in children]

    for (content, _, _), history in zip(contents, histories, strict=True):
        started = history.events[0].workflow_execution_started_event_attributes
        given = time_env.client.data_converter.payload_converter.from_payloads(
            started.input.payloads, [contracts.GuidelineInput]
        )[0]
        assert given.document_bytes == len(content)
        assert "parse_document" not in scheduled_activities(history)
        assert local_activities(history)[0] == "parse_document"


async def _items(
    sessions: async_sessionmaker[AsyncSession], batch_id: uuid.UUID
) -> list[Guideline]:
    async with sessions() as session:
        query = select(Guideline).where(Guideline.batch_id == batch_id)
        return list((await session.execute(query.order_by(Guideline.batch_position))).scalars())


async def test_retry_failed_runs_only_the_failed_items(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    contents = [(small_guideline(1), "markdown", "ok.md"), (b"%PDF-1.7\nbroken", "pdf", "b.pdf")]
    batch_id = await new_batch(sessions, contents)
    async with make_worker(time_env.client, settings, deps):
        handle = await start_batch(time_env.client, settings, batch_id)
        await handle.result()
        async with sessions.begin() as session:
            requeued = await store.requeue_failed(session, batch_id)
            await store.set_status(session, batch_id, "running")
        assert len(requeued) == 1
        rerun = await start_batch(time_env.client, settings, batch_id)
        result = await rerun.result()

    assert result.counts == {"failed": 1}, "only the failed item ran again"
    items = await _items(sessions, batch_id)
    assert [i.status for i in items] == ["completed", "failed"]


async def test_batch_watches_a_child_that_was_started_before_it(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """An item's workflow already running when the batch reaches it (a /retry came first):
    the batch neither dies nor starts it twice, and finishes only once that run has."""
    contents = [(small_guideline(n), "markdown", f"walk-{n}.md") for n in range(3)]
    batch_id = await new_batch(sessions, contents)
    early = (await _items(sessions, batch_id))[0]
    # Started on a queue no worker serves yet, so it is still running when the batch starts.
    elsewhere = settings.model_copy(update={"task_queue": "cpg2pvg-tests-elsewhere"})
    early_handle = await start(time_env.client, elsewhere, early)
    async with make_worker(time_env.client, settings, deps):
        handle = await start_batch(time_env.client, settings, batch_id, max_concurrent=2)

        async def others_done() -> bool:
            statuses = [i.status for i in await _items(sessions, batch_id)]
            return statuses[1:] == ["completed", "completed"]

        await wait_until(others_done, timeout=60)
        described = await handle.describe()
        assert described.status == WorkflowExecutionStatus.RUNNING, "the batch did not die"
        live = await handle.query(BatchWorkflow.progress)
        assert (live.running, live.counts) == (1, {"completed": 2}), "it waits for the early run"
        async with make_worker(time_env.client, elsewhere, deps):
            assert (await early_handle.result()).status == "completed"
            result = await handle.result()
        await maybe_record(handle, "batch_item_started_elsewhere")

    assert result.counts == {"completed": 3}
    async with sessions() as session:
        batch = await store.get_batch(session, batch_id)
        counts = await store.counts(session, batch_id)
    assert batch is not None and batch.status == "completed"
    assert counts["completed"] == 3 and counts["queued"] == 0


async def test_children_waiting_for_review_leave_their_batch_slot(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """One slot, the first item waits for a reviewer: the others run meanwhile."""
    contents = [(small_guideline(n), "markdown", f"walk-{n}.md") for n in range(3)]
    batch_id = await new_batch(sessions, contents)
    first = (await _items(sessions, batch_id))[0]
    async with sessions.begin() as session:
        await session.execute(
            update(Guideline).where(Guideline.id == first.id).values(review_required=True)
        )
    async with make_worker(time_env.client, settings, deps):
        handle = await start_batch(time_env.client, settings, batch_id, max_concurrent=1)

        async def in_review_and_others_done() -> bool:
            statuses = [i.status for i in await _items(sessions, batch_id)]
            return statuses == ["needs_review", "completed", "completed"]

        await wait_until(in_review_and_others_done, timeout=60)
        child = time_env.client.get_workflow_handle(contracts.guideline_workflow_id(str(first.id)))
        await child.execute_update(GuidelineWorkflow.review, await signed_decision(settings, child))
        result = await handle.result()
        await maybe_record(handle, "batch_child_in_review")
        await maybe_record(child, "review_in_batch")

    assert result.counts == {"completed": 3}


async def test_a_batch_never_has_more_model_calls_at_once_than_its_bound(
    dev_client: Client,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """The bound exists to protect the model endpoint: nine items at a bound of three reach
    the model three at a time and never four, counted at the stub the test starts (on the
    dev server, in real time), so a change to how slots are freed cannot overrun it."""
    stub = LlmStub(delay=0.5)
    run = model_settings(settings, stub, "cpg2pvg-tests-batch-model-bound")
    contents = [(small_guideline(n), "markdown", f"walk-{n}.md") for n in range(9)]
    batch_id = await new_batch(sessions, contents)
    try:
        async with workers(dev_client, run, deps):
            handle = await start_batch(dev_client, run, batch_id, max_concurrent=3,
                                       generator=Generator.OPENAI)
            result = await handle.result()
    finally:
        stub.close()

    assert result.counts == {"completed": 9}
    assert stub.count == 9
    assert stub.peak == 3, "the bound is reached and never exceeded"
