"""GuidelineWorkflow on the time-skipping test server, with the real activities and database."""

from __future__ import annotations

import hashlib
import hmac
import uuid

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowFailureError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.artifacts import ArtifactKind
from cpg2pvg.settings import Settings
from db import guidelines as store
from db import notifications as notification_log
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.receiver import WebhookReceiver
from tests.workflows.helpers import (
    delivery_of,
    local_activities,
    local_activity_attempts,
    make_worker,
    maybe_record,
    new_guideline,
    outcome,
    scheduled_activities,
    start,
)
from workflows import policies
from workflows.guideline import STAGE as GUIDELINE_STAGE
from workflows.guideline import GuidelineWorkflow


def _activity_attempts(history, activity_type: str) -> list[int]:  # type: ignore[no-untyped-def]
    """Attempt numbers of each start of an activity type, in history order."""
    scheduled = {}
    attempts = []
    for event in history.events:
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            attrs = event.activity_task_scheduled_event_attributes
            scheduled[event.event_id] = attrs.activity_type.name
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            attrs = event.activity_task_started_event_attributes
            if scheduled.get(attrs.scheduled_event_id) == activity_type:
                attempts.append(attrs.attempt)
    return attempts


async def test_guideline_completes_with_stored_results_and_progress(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        result = await handle.result()
        progress = await handle.query(GuidelineWorkflow.progress)
        await maybe_record(handle, "completed")
        history = await handle.fetch_history()

    assert result.status == "completed" and result.progress == 100
    # Each stage's activity records the stage itself: no local activity of its own. Parse
    # and generation go through the queues; quality control and the outcome's record (with
    # its notification) run on the workflow's worker, and nothing comes after the record.
    assert "record_stage" not in local_activities(history)
    assert scheduled_activities(history) == ["parse_document", "generate_pvg"]
    assert local_activities(history) == ["quality_control", "record_notification"]
    assert progress.status == "completed" and progress.stage == "done"
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
        assert row is not None
        assert (row.status, row.stage, row.progress) == ("completed", "done", 100)
        assert row.title and "aortic aneurysm" in row.title
        assert row.completed_at is not None
        for kind in (ArtifactKind.PARSED, ArtifactKind.PVG, ArtifactKind.QC):
            assert await store.load_artifact_json(session, guideline.id, kind) is not None
        events = await store.events_after(session, guideline.id)
        stages = [e.stage for e in events]
        assert stages == ["parsing", "generating", "quality_control", "done"]
        progresses = [e.progress for e in events]
        assert progresses == sorted(progresses)
        notes = await notification_log.list_for_guideline(session, guideline.id)
        assert [(n.channel, n.event, n.status) for n in notes] == [
            ("record", "completed", "delivered")
        ]


async def test_quality_control_and_the_outcome_record_take_no_queue_hop(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Quality control and the outcome's record are short, idempotent and need no
    heartbeat: as local activities they save an activity task through the server's queue
    and a workflow task each, and still store the report and record their stages."""
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        result = await handle.result()
        history = await handle.fetch_history()

    assert result.status == "completed"
    assert local_activities(history) == ["quality_control", "record_notification"]
    assert "quality_control" not in scheduled_activities(history)
    tasks = [
        e for e in history.events if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
    ]
    # As regular activities (the recorded `completed+…+stage-search-attribute-at-ends`):
    # five workflow tasks and 38 events (the patch marker brings an upsert of its own). 34
    # with small-parse-local's marker and upsert; this start gives no size, so parse still
    # takes the CPU queue.
    assert len(tasks) <= 3
    assert len(history.events) <= 34
    async with sessions() as session:
        assert await store.load_artifact_json(session, guideline.id, ArtifactKind.QC) is not None
        stages = [e.stage for e in await store.events_after(session, guideline.id)]
        assert stages == ["parsing", "generating", "quality_control", "done"]


def _workflow_tasks(history) -> int:  # type: ignore[no-untyped-def]
    return sum(
        1 for e in history.events if e.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
    )


async def test_a_small_document_is_parsed_without_a_queue_hop_and_a_large_one_on_the_cpu_queue(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """The size given at submission decides: a small document's parse runs on the
    workflow's worker (no activity task, one workflow task fewer); a large one's still goes
    through the CPU queue, where its heartbeat shows a killed worker."""
    small = corpus_file(SMALL_GUIDELINE).read_bytes()
    large = small + b"\n" * policies.LOCAL_PARSE_MAX_BYTES  # trailing blank lines: cheap
    small_row = await new_guideline(sessions, small, SMALL_GUIDELINE)
    large_row = await new_guideline(sessions, large, "large.md")
    async with make_worker(time_env.client, settings, deps):
        small_run = await start(time_env.client, settings, small_row, document_bytes=len(small))
        large_run = await start(time_env.client, settings, large_row, document_bytes=len(large))
        assert (await small_run.result()).status == "completed"
        assert (await large_run.result()).status == "completed"
        await maybe_record(small_run, "parsed_locally")
        small_history = await small_run.fetch_history()
        large_history = await large_run.fetch_history()

    assert "parse_document" not in scheduled_activities(small_history)
    assert local_activities(small_history) == [
        "parse_document", "quality_control", "record_notification"
    ]
    assert _workflow_tasks(small_history) == 2
    parse_events = [
        e.activity_task_scheduled_event_attributes
        for e in large_history.events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        and e.activity_task_scheduled_event_attributes.activity_type.name == "parse_document"
    ]
    assert [e.task_queue.name for e in parse_events] == [f"{settings.task_queue}-cpu"]
    assert local_activities(large_history) == ["quality_control", "record_notification"]
    async with sessions() as session:
        for row in (small_row, large_row):
            stages = [e.stage for e in await store.events_after(session, row.id)]
            assert stages == ["parsing", "generating", "quality_control", "done"]
            assert await store.load_artifact_json(session, row.id, ArtifactKind.PARSED)


async def test_a_small_bad_document_parsed_locally_fails_at_once_with_its_reason(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    corrupt = b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a real pdf\n%%EOF"
    guideline = await new_guideline(sessions, corrupt, "broken.pdf", media_type="pdf")
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline, document_bytes=len(corrupt))
        with pytest.raises(WorkflowFailureError) as failure:
            await handle.result()
        history = await handle.fetch_history()
        await maybe_record(handle, "corrupt_document_parsed_locally")

    cause = failure.value.cause
    assert isinstance(cause, ApplicationError) and cause.type == "corrupt_document"
    assert local_activities(history)[0] == "parse_document"
    assert scheduled_activities(history) == []
    assert local_activity_attempts(history, "parse_document") == [1]
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
        assert row is not None
        assert (row.status, row.error_code) == ("failed", "corrupt_document")


async def test_stage_search_attribute_is_upserted_only_where_the_run_ends(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Each upsert is a history event and a visibility write; the stages in between are in
    the database, so the search attribute goes from `queued` (at start) straight to `done`."""
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        await handle.result()
        history = await handle.fetch_history()
        described = await handle.describe()

    upserts = [
        e.upsert_workflow_search_attributes_event_attributes.search_attributes.indexed_fields
        for e in history.events
        if e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
    ]
    # (Each patch marker comes with an upsert of TemporalChangeVersion: the SDK's own.)
    upserted = [fields["Stage"].data for fields in upserts if "Stage" in fields]
    assert upserted == [b'"done"']
    assert described.typed_search_attributes.get(GUIDELINE_STAGE) == "done"


async def test_bad_document_fails_at_once_without_retries(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    corrupt = b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\nthis is not a real pdf\n%%EOF"
    guideline = await new_guideline(sessions, corrupt, "broken.pdf", media_type="pdf")
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        with pytest.raises(WorkflowFailureError) as failure:
            await handle.result()
        history = await handle.fetch_history()
        await maybe_record(handle, "corrupt_document")

    cause = failure.value.cause
    assert isinstance(cause, ApplicationError)
    assert cause.type == "corrupt_document"
    assert _activity_attempts(history, "parse_document") == [1]
    assert _activity_attempts(history, "generate_pvg") == []
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
        assert row is not None
        assert (row.status, row.error_code) == ("failed", "corrupt_document")
        assert row.error_message
        notes = await notification_log.list_for_guideline(session, guideline.id)
        assert [(n.event, n.status) for n in notes] == [("failed", "delivered")]


async def test_failing_webhook_is_retried_with_same_key_and_signature(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    receiver: WebhookReceiver,
) -> None:
    receiver.statuses = [500, 503]
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, webhook_url=receiver.url)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        result = await handle.result()
        delivery_run = await delivery_of(time_env.client, handle)
        delivered = await outcome(delivery_run, time_env)
        history = await delivery_run.fetch_history()
        await maybe_record(handle, "webhook_retried")
        await maybe_record(delivery_run, "webhook_delivery_retried")

    assert result.status == "completed"
    assert delivered == "delivered"
    assert _activity_attempts(history, "deliver_webhook") == [3]
    assert len(receiver.deliveries) == 3
    assert len(receiver.keys()) == 1, "every retry carries the same idempotency key"
    key = settings.webhook_signing_key()
    for delivery in receiver.deliveries:
        expected = "sha256=" + hmac.new(key, delivery.body, hashlib.sha256).hexdigest()
        assert delivery.headers["x-cpg2pvg-signature"] == expected
    body = receiver.deliveries[-1].json
    assert body["event"] == "completed"
    assert uuid.UUID(body["guideline_id"]) == guideline.id
    async with sessions() as session:
        notes = await notification_log.list_for_guideline(session, guideline.id)
        webhook = [n for n in notes if n.channel == "webhook"]
        assert [(n.status, n.attempts, n.response_code) for n in webhook] == [("delivered", 3, 200)]
