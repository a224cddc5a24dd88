"""Human review through the workflow Update: approve, reject with or without corrections,
timeout, and the validator that refuses decisions from the wrong role or at the wrong time."""

from __future__ import annotations

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import WorkflowFailureError, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg.contracts import ReviewDecision
from cpg2pvg.settings import Settings
from db import guidelines as store
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.workflows.helpers import make_worker, maybe_record, new_guideline, start
from workflows.guideline import GuidelineWorkflow


async def _in_review(handle: WorkflowHandle) -> None:
    async def waiting() -> bool:
        state = await handle.query(GuidelineWorkflow.progress)
        return state.status == "needs_review" and state.stage == "review"

    await wait_until(waiting, timeout=30)


def _decision(decision: str, **extra: object) -> ReviewDecision:
    return ReviewDecision(decision=decision, reviewer="dr-lee", role="reviewer", **extra)  # type: ignore[arg-type]


async def test_approve_completes_and_keeps_the_decision(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, review_required=True)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        await _in_review(handle)
        async with sessions() as session:
            row = await store.get_guideline(session, guideline.id)
            assert row is not None and (row.status, row.stage) == ("needs_review", "review")
        with pytest.raises(WorkflowUpdateFailedError) as refused:
            await handle.execute_update(
                GuidelineWorkflow.review,
                ReviewDecision(decision="approve", reviewer="x", role="submitter"),
            )
        assert isinstance(refused.value.cause, ApplicationError)
        assert refused.value.cause.type == "forbidden"
        outcome = await handle.execute_update(
            GuidelineWorkflow.review, _decision("approve", comment="reads well")
        )
        result = await handle.result()
        await maybe_record(handle, "review_approved")
        with pytest.raises((WorkflowUpdateFailedError, RPCError)):  # the run has closed
            await handle.execute_update(GuidelineWorkflow.review, _decision("approve"))

    assert outcome.accepted
    assert result.status == "completed"
    async with sessions() as session:
        review = await store.load_artifact(session, guideline.id, "review")
    assert review is not None
    assert [(d["decision"], d["comment"]) for d in review["decisions"]] == [
        ("approve", "reads well")
    ]


async def test_reject_with_corrections_regenerates_then_approve(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, review_required=True)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        await _in_review(handle)
        async with sessions() as session:
            pvg = await store.load_artifact(session, guideline.id, "pvg")
        assert pvg is not None
        first = pvg["recommendations"][0]
        corrected = first["text"] + " Ask about it at your next visit."
        await handle.execute_update(
            GuidelineWorkflow.review,
            _decision("reject", comment="add a next step", corrections={first["id"]: corrected}),
        )
        await _in_review(handle)  # regenerated, checked, and back for sign-off
        await handle.execute_update(GuidelineWorkflow.review, _decision("approve"))
        result = await handle.result()
        await maybe_record(handle, "review_corrected")

    assert result.status == "completed"
    async with sessions() as session:
        pvg = await store.load_artifact(session, guideline.id, "pvg")
    assert pvg is not None
    assert pvg["recommendations"][0]["text"] == corrected
    assert any(corrected in s["body"] for s in pvg["sections"])


async def test_reject_without_corrections_fails_with_the_reason(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, review_required=True)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        await _in_review(handle)
        await handle.execute_update(
            GuidelineWorkflow.review, _decision("reject", comment="wrong audience")
        )
        with pytest.raises(WorkflowFailureError):
            await handle.result()

    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
    assert row is not None
    assert (row.status, row.error_code) == ("failed", "rejected_in_review")
    assert "wrong audience" in (row.error_message or "")


async def test_review_times_out_and_fails_clearly(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    week = settings.model_copy(update={"review_timeout_seconds": 7 * 24 * 3600})
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, review_required=True)
    async with make_worker(time_env.client, week, deps):
        handle = await start(time_env.client, week, guideline)
        with pytest.raises(WorkflowFailureError) as failure:
            await handle.result()  # the test server skips the seven days
        await maybe_record(handle, "review_timeout")

    assert isinstance(failure.value.cause, ApplicationError)
    assert failure.value.cause.type == "review_timeout"
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
    assert row is not None and (row.status, row.error_code) == ("failed", "review_timeout")


@pytest.mark.timeout(60)
async def test_validator_refuses_text_the_database_cannot_store(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """An Update sent past the API is checked too: accepted, it could never be stored."""
    content = corpus_file(SMALL_GUIDELINE).read_bytes() + b"\n\n\n\n"
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, review_required=True)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        await _in_review(handle)
        for bad in (
            _decision("approve", comment="fine\x00"),
            _decision("approve", comment="fine \ud800"),
            _decision("reject", corrections={"r1": "walk\x00"}),
        ):
            with pytest.raises(WorkflowUpdateFailedError) as refused:
                await handle.execute_update(GuidelineWorkflow.review, bad)
            assert isinstance(refused.value.cause, ApplicationError)
            assert refused.value.cause.type == "invalid_decision"
        await handle.execute_update(GuidelineWorkflow.review, _decision("approve", comment="ok"))
        result = await handle.result()
    assert result.status == "completed"
