"""Human review through the workflow Update: approve, reject with or without corrections,
timeout, and the validator that refuses decisions from the wrong role or at the wrong time."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import WorkflowFailureError, WorkflowHandle, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError
from temporalio.testing import WorkflowEnvironment

from activities.deps import ActivityDeps
from cpg2pvg import signing
from cpg2pvg.artifacts import ArtifactKind
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


def _decision(
    settings: Settings, handle: WorkflowHandle, decision: str, **extra: object
) -> ReviewDecision:
    """A decision as the API sends it: signed for the handle's run."""
    unsigned = ReviewDecision(decision=decision, reviewer="dr-lee", role="reviewer", **extra)  # type: ignore[arg-type]
    return signing.sign(settings.review_signing_key(), handle.id, _run_id(handle), unsigned)


def _run_id(handle: WorkflowHandle) -> str:
    run_id = handle.first_execution_run_id or handle.run_id
    assert run_id is not None
    return run_id


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
            submitter = ReviewDecision(decision="approve", reviewer="x", role="submitter")
            await handle.execute_update(
                GuidelineWorkflow.review,
                signing.sign(settings.review_signing_key(), handle.id, _run_id(handle), submitter),
            )
        assert isinstance(refused.value.cause, ApplicationError)
        assert refused.value.cause.type == "forbidden"
        outcome = await handle.execute_update(
            GuidelineWorkflow.review, _decision(settings, handle, "approve", comment="reads well")
        )
        result = await handle.result()
        await maybe_record(handle, "review_approved")
        with pytest.raises((WorkflowUpdateFailedError, RPCError)):  # the run has closed
            await handle.execute_update(
                GuidelineWorkflow.review, _decision(settings, handle, "approve")
            )

    assert outcome.accepted
    assert result.status == "completed"
    async with sessions() as session:
        review = await store.load_artifact_json(session, guideline.id, ArtifactKind.REVIEW)
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
            pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
        assert pvg is not None
        first = pvg["recommendations"][0]
        corrected = first["text"] + " Ask about it at your next visit."
        await handle.execute_update(
            GuidelineWorkflow.review,
            _decision(
                settings,
                handle,
                "reject",
                comment="add a next step",
                corrections={first["id"]: corrected},
            ),
        )
        await _in_review(handle)  # regenerated, checked, and back for sign-off
        await handle.execute_update(
            GuidelineWorkflow.review, _decision(settings, handle, "approve")
        )
        result = await handle.result()
        await maybe_record(handle, "review_corrected")

    assert result.status == "completed"
    async with sessions() as session:
        pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
    assert pvg is not None
    assert pvg["recommendations"][0]["text"] == corrected
    # the page prints the corrected advice line by line (a group's lead-in, then its items)
    page = " ".join(" ".join(s["body"].split()) for s in pvg["sections"])
    for line in corrected.split("\n"):
        assert " ".join(line.removeprefix("- ").split()) in page, line


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
            GuidelineWorkflow.review,
            _decision(settings, handle, "reject", comment="wrong audience"),
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
            _decision(settings, handle, "approve", comment="fine\x00"),
            _decision(settings, handle, "approve", comment="fine \ud800"),
            _decision(settings, handle, "reject", corrections={"r1": "walk\x00"}),
        ):
            with pytest.raises(WorkflowUpdateFailedError) as refused:
                await handle.execute_update(GuidelineWorkflow.review, bad)
            assert isinstance(refused.value.cause, ApplicationError)
            assert refused.value.cause.type == "invalid_decision"
        await handle.execute_update(
            GuidelineWorkflow.review, _decision(settings, handle, "approve", comment="ok")
        )
        result = await handle.result()
    assert result.status == "completed"


async def test_a_forged_review_update_is_refused(
    time_env: WorkflowEnvironment,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    """Anyone who reaches Temporal's frontend can send an Update, claiming any role: only
    decisions the API signed for this run are accepted, and each only once."""
    content = corpus_file(SMALL_GUIDELINE).read_bytes() + b"\n\n\n\n\n"
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE, review_required=True)
    async with make_worker(time_env.client, settings, deps):
        handle = await start(time_env.client, settings, guideline)
        await _in_review(handle)
        admin = ReviewDecision(decision="approve", reviewer="mallory", role="admin")
        key = settings.review_signing_key()
        genuine = _decision(settings, handle, "approve", comment="looks right")
        forged = [
            admin,
            signing.sign(b"a key of our own making", handle.id, _run_id(handle), admin),
            signing.sign(key, handle.id, "another-run", admin),
            signing.sign(key, "guideline-elsewhere", _run_id(handle), admin),
            dataclasses.replace(genuine, role="admin"),
            dataclasses.replace(genuine, comment="changed on the way"),
        ]
        for decision in forged:
            with pytest.raises(WorkflowUpdateFailedError) as refused:
                await handle.execute_update(GuidelineWorkflow.review, decision)
            assert isinstance(refused.value.cause, ApplicationError)
            assert refused.value.cause.type == "forbidden", decision
        state = await handle.query(GuidelineWorkflow.progress)
        assert (state.status, state.stage) == ("needs_review", "review")

        # A signed reject with corrections, sent again in the next round, is refused too.
        async with sessions() as session:
            pvg = await store.load_artifact_json(session, guideline.id, ArtifactKind.PVG)
        assert pvg is not None
        first = pvg["recommendations"][0]
        reject = _decision(
            settings, handle, "reject", corrections={first["id"]: first["text"] + " Ask."}
        )
        await handle.execute_update(GuidelineWorkflow.review, reject)
        await _in_review(handle)
        with pytest.raises(WorkflowUpdateFailedError) as replayed:
            await handle.execute_update(GuidelineWorkflow.review, reject)
        assert isinstance(replayed.value.cause, ApplicationError)
        assert replayed.value.cause.type == "forbidden"

        await handle.execute_update(GuidelineWorkflow.review, genuine)
        result = await handle.result()
    assert result.status == "completed"
