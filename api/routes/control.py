"""Acting on one guideline's workflow: cancel, retry, and the reviewer's decision."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from api import schemas
from api.deps import AuthenticatedRoute, Caller, Session, Temporal, app_state, require_role
from api.errors import ApiError
from api.routes.guidelines import guideline_out_of, owned_guideline
from api.state import AppState
from api.submission import start_guideline_workflow, wait_for_previous_run
from cpg2pvg import contracts, signing
from cpg2pvg.lifecycle import Status
from db import batches
from db import guidelines as store
from db.keys import Role
from db.models import Guideline
from workflows.guideline import GuidelineWorkflow

router = APIRouter(prefix="/v1/guidelines", tags=["guidelines"], route_class=AuthenticatedRoute)

_ERRORS: dict[int | str, dict] = {
    code: {"model": schemas.ErrorBody} for code in (401, 403, 404, 409, 422, 429, 503)
}


async def _owned(session: Session, caller: Caller, guideline_id: str) -> Guideline:
    return await owned_guideline(session, caller, guideline_id)


Submitter = Annotated[Caller, Depends(require_role(Role.SUBMITTER))]
Reviewer = Annotated[Caller, Depends(require_role(Role.REVIEWER))]


@router.post("/{guideline_id}/cancel", response_model=schemas.GuidelineOut, responses=_ERRORS)
async def cancel(
    guideline_id: str, caller: Submitter, session: Session, temporal: Temporal
) -> schemas.GuidelineOut:
    """Ask the workflow to stop; the activity in flight hears it at its next heartbeat."""
    guideline = await _owned(session, caller, guideline_id)
    if Status(guideline.status).is_final:
        raise ApiError(409, "already_final", f"the guideline is already {guideline.status}")
    try:
        await temporal.get_workflow_handle(guideline.workflow_id).cancel()
    except RPCError as error:
        if error.status != RPCStatusCode.NOT_FOUND:
            raise
        # No workflow ever started (Temporal was down at submission): nothing to stop.
        await store.record_stage(
            session, guideline.id, status="cancelled", stage="done", progress=0, final=True
        )
        await session.commit()
    await session.refresh(guideline)
    return guideline_out_of(guideline)


@router.post(
    "/{guideline_id}/retry", status_code=202, response_model=schemas.GuidelineOut, responses=_ERRORS
)
async def retry(
    guideline_id: str,
    caller: Submitter,
    session: Session,
    temporal: Temporal,
    state: Annotated[AppState, Depends(app_state)],
) -> schemas.GuidelineOut:
    """Run a failed or cancelled guideline again from its stored document.

    The new run has the same workflow id; the failed run's history stays in Temporal.
    """
    owned = await _owned(session, caller, guideline_id)
    # Concurrent retries take turns on the guideline's row and each decides on the status
    # it finds: the first resets and starts a run, the others find it queued and running.
    # The run itself writes the row only after we let go, so it cannot have finished yet.
    guideline = await store.lock_guideline(session, owned.id)
    if guideline is None or guideline.status not in (
        Status.FAILED,
        Status.CANCELLED,
        Status.QUEUED,
    ):
        status = guideline.status if guideline else "deleted"
        raise ApiError(
            409,
            "not_retryable",
            f"only a failed or cancelled guideline can be retried; this one is {status}",
        )
    if guideline.batch_id is not None:
        batch = await batches.get_batch(session, guideline.batch_id)
        if batch is not None and batch.status == "running":
            # The batch starts its items itself; a run started here would take the id it
            # starts them under.
            raise ApiError(
                409,
                "batch_running",
                "the guideline is an item of a running batch; wait until the batch has "
                "finished (then use its retry-failed), or cancel the batch",
            )
    try:
        if guideline.status != Status.QUEUED:
            # A closing run has recorded its outcome already (it writes the row again only
            # when its notification gave up; then this ends in 409 still_finishing).
            await wait_for_previous_run(temporal, guideline.workflow_id)
            await store.reset_for_retry(session, [guideline.id])
            await session.refresh(guideline)
        # Queued: its start was lost (then this starts it) or another retry just started it.
        await start_guideline_workflow(temporal, state.settings, guideline, exclusive=True)
    finally:
        # A reset whose start failed stays queued: the next /retry starts it.
        await session.commit()
    return guideline_out_of(guideline)


@router.post("/{guideline_id}/review", response_model=schemas.GuidelineOut, responses=_ERRORS)
async def review(
    guideline_id: str,
    body: schemas.ReviewRequest,
    caller: Reviewer,
    session: Session,
    temporal: Temporal,
    state: Annotated[AppState, Depends(app_state)],
) -> schemas.GuidelineOut:
    guideline = await _owned(session, caller, guideline_id)
    if guideline.status != Status.NEEDS_REVIEW:
        raise ApiError(409, "not_in_review", f"the guideline is {guideline.status}, not in review")
    decision = contracts.ReviewDecision(
        decision=body.decision,
        reviewer=caller.owner,
        role=caller.role.value,
        comment=body.comment,
        corrections=body.corrections,
    )
    try:
        # Signed for the run waiting now: the workflow trusts nothing else (cpg2pvg.signing).
        run_id = (await temporal.get_workflow_handle(guideline.workflow_id).describe()).run_id
        handle = temporal.get_workflow_handle(guideline.workflow_id, run_id=run_id)
        key = state.settings.review_signing_key()
        signed = signing.sign(key, guideline.workflow_id, run_id, decision)
        await handle.execute_update(GuidelineWorkflow.review, signed)
    except WorkflowUpdateFailedError as error:
        cause = error.cause
        message = cause.message if isinstance(cause, ApplicationError) else str(error)
        raise ApiError(409, "not_in_review", message) from None
    except RPCError as error:
        if error.status not in (RPCStatusCode.NOT_FOUND, RPCStatusCode.FAILED_PRECONDITION):
            raise
        # The run ended between our status check and the update.
        raise ApiError(409, "not_in_review", "the guideline is no longer in review") from None
    await session.refresh(guideline)
    return guideline_out_of(guideline)
