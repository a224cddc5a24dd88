"""GuidelineWorkflow: parse → generate → quality control → notify, durably.

The workflow is the state machine; the database mirrors each transition for the API (the
stage's own activity records it as it starts; transitions with no activity of their own
go through a local activity), and the ``progress`` query answers from workflow state.
Only ids and small summaries cross activity boundaries. The outcome is recorded before
the submitter's webhook is sent, by a ``WebhookDelivery`` workflow of its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import (
    SearchAttributeKey,
    SearchAttributePair,
    TypedSearchAttributes,
    VersioningBehavior,
)
from temporalio.exceptions import (
    ActivityError,
    ApplicationError,
    FailureError,
    is_cancelled_exception,
)

with workflow.unsafe.imports_passed_through():
    from activities.llm import LlmActivities
    from activities.notify import NotifyActivities
    from activities.pipeline import PipelineActivities
    from cpg2pvg import contracts, signing, versioning
    from cpg2pvg.failures import Failure
    from cpg2pvg.lifecycle import STAGE_PROGRESS, Event, Generator, Stage, Status
    from cpg2pvg.text import UNSTORABLE_MESSAGE, storable
    from domain.model import QcOutcome
    from workflows import policies
    from workflows.patches import (
        CANCEL_ENDS_CANCELLED,
        CPU_STEPS_OWN_QUEUE,
        OUTCOME_BEFORE_DELIVERY,
        SHORT_STEPS_LOCAL,
        SMALL_PARSE_LOCAL,
        STAGE_RECORDED_BY_ACTIVITY,
        STAGE_SEARCH_ATTRIBUTE_AT_ENDS,
        TYPED_ACTIVITY_INPUTS,
    )

R = TypeVar("R")

GUIDELINE_ID = SearchAttributeKey.for_keyword("GuidelineId")
OWNER = SearchAttributeKey.for_keyword("Owner")
STAGE = SearchAttributeKey.for_keyword("Stage")
PRIORITY = SearchAttributeKey.for_keyword("Priority")
BATCH_ID = SearchAttributeKey.for_keyword("BatchId")


def initial_search_attributes(request: contracts.GuidelineInput) -> TypedSearchAttributes:
    """Set when the workflow starts, so it can be found before its first task runs."""
    pairs: list[SearchAttributePair[Any]] = [
        SearchAttributePair(GUIDELINE_ID, request.guideline_id),
        SearchAttributePair(OWNER, request.owner),
        SearchAttributePair(STAGE, Stage.QUEUED.value),
        SearchAttributePair(PRIORITY, str(request.priority)),
    ]
    if request.batch_id:
        pairs.append(SearchAttributePair(BATCH_ID, request.batch_id))
    return TypedSearchAttributes(pairs)


# Auto-upgrade: a run may wait a week for review, too long to keep its build's workers up;
# it moves to each new build at its next workflow task, so every change that would not
# replay goes behind workflow.patched (workflows/patches.py).
@workflow.defn(versioning_behavior=versioning.behavior(VersioningBehavior.AUTO_UPGRADE))
class GuidelineWorkflow:
    def __init__(self) -> None:
        self._state = contracts.GuidelineProgress(
            status=Status.QUEUED, stage=Stage.QUEUED, progress=0
        )
        self._title: str | None = None
        self._document_line: str | None = None
        self._decision: contracts.ReviewDecision | None = None
        self._rejection: str | None = None
        self._nonces: set[str] = set()

    @workflow.query
    def progress(self) -> contracts.GuidelineProgress:
        return self._state

    @workflow.update
    async def review(self, decision: contracts.ReviewDecision) -> contracts.ReviewOutcome:
        if decision.nonce:
            self._nonces.add(decision.nonce)
        self._decision = decision
        await workflow.wait_condition(lambda: self._decision is None)
        return contracts.ReviewOutcome(
            accepted=True, status=self._state.status, stage=self._state.stage
        )

    @review.validator
    def _validate_review(self, decision: contracts.ReviewDecision) -> None:
        # Role and reviewer are what the API vouches for: only its signature makes them true.
        info = workflow.info()
        if (
            not signing.verify(decision, info.workflow_id, info.run_id)
            or decision.nonce in self._nonces
        ):
            raise ApplicationError(
                "this decision was not signed by the API for this run", type=Failure.FORBIDDEN
            )
        if decision.role not in ("reviewer", "admin"):
            raise ApplicationError("only a reviewer or an admin may review", type=Failure.FORBIDDEN)
        if self._state.status != Status.NEEDS_REVIEW or self._decision is not None:
            raise ApplicationError(
                f"the guideline is {self._state.status}, not waiting for review",
                type=Failure.NOT_IN_REVIEW,
            )
        if decision.decision not in ("approve", "reject"):
            raise ApplicationError(
                "decision must be approve or reject", type=Failure.INVALID_DECISION
            )
        texts = [decision.comment or "", *decision.corrections, *decision.corrections.values()]
        if not all(storable(text) for text in texts):
            # Accepted, it would fail every attempt to store it and wedge the review.
            raise ApplicationError(
                f"comment and corrections {UNSTORABLE_MESSAGE}", type=Failure.INVALID_DECISION
            )

    @workflow.run
    async def run(self, request: contracts.GuidelineInput) -> contracts.GuidelineProgress:
        gid = request.guideline_id
        # Each patch is decided as the run starts, so a run keeps one path all its life
        # (and its markers stay where the recorded histories have them); the branches
        # below ask again where the call they change is.
        workflow.patched(STAGE_RECORDED_BY_ACTIVITY)
        workflow.patched(OUTCOME_BEFORE_DELIVERY)
        workflow.patched(TYPED_ACTIVITY_INPUTS)
        workflow.patched(CPU_STEPS_OWN_QUEUE)
        workflow.patched(STAGE_SEARCH_ATTRIBUTE_AT_ENDS)
        workflow.patched(SHORT_STEPS_LOCAL)
        workflow.patched(SMALL_PARSE_LOCAL)
        try:
            await self._process(request)
            if workflow.patched(OUTCOME_BEFORE_DELIVERY):
                done = self._next(gid, Stage.DONE, status=Status.COMPLETED)
                await self._record_and_notify(Event.COMPLETED, done)
            else:
                await self._complete_in_run(gid)
            return self._state
        except asyncio.CancelledError:
            # Cancellation reached us (and any activity in flight): record it, then tell.
            await self._record_and_notify(
                Event.CANCELLED, self._next(gid, Stage.DONE, status=Status.CANCELLED)
            )
            raise
        except (ActivityError, ApplicationError) as error:
            if is_cancelled_exception(error) and workflow.patched(CANCEL_ENDS_CANCELLED):
                # The activity in flight was cancelled with the run: a cancel, not a failure.
                await self._record_and_notify(
                    Event.CANCELLED, self._next(gid, Stage.DONE, status=Status.CANCELLED)
                )
                raise
            code, message = _describe(error)
            shown = (
                self._rejection
                if code == Failure.REJECTED_IN_REVIEW and self._rejection
                else message
            )
            failed = self._next(
                gid, Stage.DONE, status=Status.FAILED, error_code=code, error_message=shown
            )
            await self._record_and_notify(Event.FAILED, failed)
            raise ApplicationError(message, type=code, non_retryable=True) from error

    async def _process(self, request: contracts.GuidelineInput) -> None:
        gid = request.guideline_id
        parsed = await self._step(
            PipelineActivities.parse_document,
            await self._enter(gid, Stage.PARSING),
            "Parse document",
            local=SMALL_PARSE_LOCAL if policies.parse_locally(request.document_bytes) else None,
        )
        self._title = parsed.title
        self._document_line = (
            f"**{parsed.title}** — {parsed.recommendations} recommendations, "
            f"{parsed.sections} sections ({parsed.format})"
        )
        self._show_details()
        while True:
            generating = await self._enter(gid, Stage.GENERATING)
            if request.generator == Generator.OPENAI:
                await self._generate_with_llm(generating)
            else:
                await self._step(
                    PipelineActivities.generate_pvg, generating, "Generate patient version"
                )
            qc = await self._step(
                PipelineActivities.quality_control,
                await self._enter(gid, Stage.QUALITY_CONTROL),
                "Quality control",
                local=SHORT_STEPS_LOCAL,
            )
            if qc.outcome == QcOutcome.FAIL:
                raise ApplicationError(
                    f"quality control failed with {qc.errors} errors; see the QC report",
                    type=Failure.QUALITY_CONTROL_FAILED,
                    non_retryable=True,
                )
            if qc.outcome == QcOutcome.PASS and not request.review_required:
                return
            decision = await self._await_review(request)
            if decision.decision == "approve":
                return
            if not decision.corrections:
                # The comment is for the submitter (the recorded error), not for the failure:
                # exception messages end up in worker logs.
                self._rejection = f"rejected by the reviewer: {decision.comment or 'no comment'}"
                raise ApplicationError(
                    "rejected by the reviewer",
                    type=Failure.REJECTED_IN_REVIEW,
                    non_retryable=True,
                )
            # Rejected with corrections: generate again with them, and check again.

    async def _await_review(self, request: contracts.GuidelineInput) -> contracts.ReviewDecision:
        gid = request.guideline_id
        await self._record_and_notify(
            Event.NEEDS_REVIEW, self._next(gid, Stage.REVIEW, status=Status.NEEDS_REVIEW)
        )
        await self._tell_batch(gid, waiting=True)
        timeout = timedelta(seconds=request.review_timeout_seconds)
        try:
            await workflow.wait_condition(lambda: self._decision is not None, timeout=timeout)
        except TimeoutError:
            raise ApplicationError(
                f"no review decision within {timeout.days} days",
                type=Failure.REVIEW_TIMEOUT,
                non_retryable=True,
            ) from None
        await self._tell_batch(gid, waiting=False)
        decision = self._decision
        assert decision is not None
        options = policies.BOOKKEEPING.options()
        summary = f"Review: {decision.decision}"
        if workflow.patched(TYPED_ACTIVITY_INPUTS):
            await workflow.execute_activity_method(
                PipelineActivities.save_review,
                contracts.SaveReviewInput(gid, decision),
                **options,
                summary=summary,
            )
        else:  # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py).
            await workflow.execute_activity_method(
                PipelineActivities.save_review, args=[gid, decision], **options, summary=summary
            )
        # Let the update return with the state the decision leads to.
        await self._record(self._advance(self._next(gid, Stage.REVIEW)))
        self._decision = None
        return decision

    async def _generate_with_llm(self, stage: contracts.StageUpdate) -> contracts.GenerateResult:
        """On the language-model queue, whose workers enforce the provider's rate limit."""
        return await workflow.execute_activity_method(
            LlmActivities.generate_pvg_llm,
            contracts.LlmGenerateInput(
                guideline_id=stage.guideline_id,
                invalid_output_attempts=policies.LLM_INVALID_OUTPUT_ATTEMPTS,
                # Remove the condition with STAGE_RECORDED_BY_ACTIVITY.
                enter=stage if workflow.patched(STAGE_RECORDED_BY_ACTIVITY) else None,
            ),
            task_queue=contracts.llm_task_queue(workflow.info().task_queue),
            **policies.LLM_GENERATION.options(),
            summary="Generate patient version (language model)",
        )

    async def _step(
        self,
        method: Callable[[Any, contracts.StepInput], Awaitable[R]],
        stage: contracts.StageUpdate,
        summary: str,
        *,
        local: str | None = None,
    ) -> R:
        """A document step's activity, given the stage it records as it starts; ``local``
        names the patch under which a short one runs on this worker, without a queue hop."""
        if local is not None and workflow.patched(local):
            return await workflow.execute_local_activity_method(
                method,
                contracts.StepInput(stage.guideline_id, enter=stage),
                **policies.DOCUMENT_WORK.local_options(),
                summary=summary,
            )
        options = policies.DOCUMENT_WORK.options()
        if workflow.patched(CPU_STEPS_OWN_QUEUE):
            options["task_queue"] = contracts.cpu_task_queue(workflow.info().task_queue)
        if workflow.patched(TYPED_ACTIVITY_INPUTS):
            return await workflow.execute_activity_method(
                method, contracts.StepInput(stage.guideline_id, enter=stage), **options,
                summary=summary,
            )
        # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py): the positional arguments
        # of older runs, with the stage from STAGE_RECORDED_BY_ACTIVITY on.
        args: list[Any] = [stage.guideline_id]
        if workflow.patched(STAGE_RECORDED_BY_ACTIVITY):
            args.append(stage)
        result: R = await workflow.execute_activity_method(
            method, args=args, **options, summary=summary
        )
        return result

    async def _enter(self, guideline_id: str, stage: Stage) -> contracts.StageUpdate:
        """Move to a processing stage; the stage's activity records it as it starts."""
        update = self._advance(self._next(guideline_id, stage))
        if not workflow.patched(STAGE_RECORDED_BY_ACTIVITY):
            await self._record(update)  # Remove with STAGE_RECORDED_BY_ACTIVITY.
        return update

    def _next(
        self,
        guideline_id: str,
        stage: Stage,
        *,
        status: Status = Status.PROCESSING,
        error_code: str | None = None,
        error_message: str | None = None,
    ) -> contracts.StageUpdate:
        """The state a stage leads to, not yet applied; progress never goes backwards."""
        progress = max(self._state.progress, STAGE_PROGRESS[stage])
        if status is Status.FAILED:
            progress = self._state.progress
        return contracts.StageUpdate(
            guideline_id=guideline_id,
            status=status,
            stage=stage,
            progress=progress,
            error_code=error_code,
            error_message=error_message,
            title=self._title,
        )

    def _advance(self, update: contracts.StageUpdate) -> contracts.StageUpdate:
        """Apply a state for queries, the Stage search attribute and the Web UI.

        The search attribute changes only where the run waits or ends (a history event and
        a visibility write each); the stages in between are in the database.
        """
        self._state = contracts.GuidelineProgress(
            status=update.status,
            stage=update.stage,
            progress=update.progress,
            error_code=update.error_code,
            error_message=update.error_message,
        )
        waits_or_ends = update.status != Status.PROCESSING
        if waits_or_ends or not workflow.patched(STAGE_SEARCH_ATTRIBUTE_AT_ENDS):
            workflow.upsert_search_attributes([STAGE.value_set(str(update.stage))])
        self._show_details()
        return update

    async def _record_and_notify(self, event: Event, update: contracts.StageUpdate) -> None:
        """Apply and record a state with its notification; the webhook goes out apart."""
        self._advance(update)
        if workflow.patched(OUTCOME_BEFORE_DELIVERY):
            await self._announce(event, update)
        else:
            await self._notify_in_run(event, update)

    async def _announce(self, event: Event, update: contracts.StageUpdate) -> None:
        """Record the state with its notification; the activity also starts the webhook's
        delivery, which runs on without this run.

        A cancel that arrives meanwhile cannot undo a final state: it is recorded and told
        in full, and stands. From a state the run goes on from (needs_review), the cancel
        takes effect once the state is recorded.
        """
        notice = contracts.NotifyInput(
            guideline_id=update.guideline_id,
            event=event,
            run_id=workflow.info().run_id,
            enter=update,
        )
        summary = f"Record {event}"
        recording: asyncio.Task[contracts.NotificationRecorded]
        if workflow.patched(SHORT_STEPS_LOCAL):
            recording = asyncio.create_task(
                workflow.execute_local_activity_method(
                    NotifyActivities.record_notification,
                    notice,
                    **policies.BOOKKEEPING.local_options(),
                    summary=summary,
                )
            )
        else:  # Remove with SHORT_STEPS_LOCAL (workflows/patches.py).
            recording = asyncio.create_task(
                workflow.execute_activity_method(
                    NotifyActivities.record_notification,
                    notice,
                    **policies.BOOKKEEPING.options(),
                    summary=summary,
                )
            )
        try:
            await workflow.wait({recording})
        except asyncio.CancelledError:
            await recording
            if update.stage != Stage.DONE:
                raise
        recording.result()

    async def _tell_batch(self, guideline_id: str, *, waiting: bool) -> None:
        """A batch child waiting for a reviewer does not take one of its batch's slots."""
        parent = workflow.info().parent
        if not workflow.patched(OUTCOME_BEFORE_DELIVERY) or parent is None:
            return
        batch = workflow.get_external_workflow_handle(parent.workflow_id, run_id=parent.run_id)
        try:
            await batch.signal(contracts.CHILD_REVIEW_SIGNAL, args=[guideline_id, waiting])
        except FailureError:
            workflow.logger.warning("the batch could not be told about the review wait")

    async def _record(self, update: contracts.StageUpdate) -> None:
        await workflow.execute_local_activity_method(
            PipelineActivities.record_stage,
            update,
            **policies.BOOKKEEPING.local_options(),
            summary=f"Record stage {update.stage}",
        )

    def _show_details(self) -> None:
        """The Web UI's "current details": stage and progress, then what the document is.

        Not a command, so it is replay-safe; it reaches the UI through the payload codec.
        """
        state = self._state
        lines = [f"**Stage:** {state.stage} · **Status:** {state.status} · {state.progress} %"]
        if state.error_code:
            lines.append(f"**Error:** {state.error_code}")
        if self._document_line:
            lines.append(self._document_line)
        workflow.set_current_details("  \n".join(lines))

    # -- runs started before OUTCOME_BEFORE_DELIVERY: remove this part with that patch ----

    async def _complete_in_run(self, guideline_id: str) -> None:
        """Older runs notify inside the run, then record ``done``."""
        notifying = await self._enter(guideline_id, Stage.NOTIFYING)
        done = self._next(guideline_id, Stage.DONE, status=Status.COMPLETED)
        if workflow.patched(STAGE_RECORDED_BY_ACTIVITY):
            # The notification records "done" once delivered: no step after it.
            delivered = await self._notify(
                guideline_id, Event.COMPLETED, enter=notifying, then=done
            )
            self._advance(done)
            if not delivered:
                await self._record(done)
        else:
            await self._notify(guideline_id, Event.COMPLETED)
            await self._record(self._advance(done))

    async def _notify_in_run(self, event: Event, update: contracts.StageUpdate) -> None:
        if not workflow.patched(STAGE_RECORDED_BY_ACTIVITY):
            await self._record(update)
            await self._notify(update.guideline_id, event)
        elif not await self._notify(update.guideline_id, event, enter=update):
            await self._record(update)  # delivery gave up; the state must still be kept

    async def _notify(
        self,
        guideline_id: str,
        event: Event,
        *,
        enter: contracts.StageUpdate | None = None,
        then: contracts.StageUpdate | None = None,
    ) -> bool:
        """Tell the submitter; ``enter``/``then`` are recorded by the activity before and
        after delivery. False when delivery gave up (the outcome stands regardless)."""
        try:
            await workflow.execute_activity_method(
                NotifyActivities.notify,
                contracts.NotifyInput(
                    guideline_id=guideline_id,
                    event=event,
                    run_id=workflow.info().run_id,
                    enter=enter,
                    then=then,
                ),
                **policies.NOTIFICATION.options(),
                summary=f"Notify: {event}",
            )
        except ActivityError as error:
            if (
                is_cancelled_exception(error)
                and event in (Event.COMPLETED, Event.NEEDS_REVIEW)
                and workflow.patched(CANCEL_ENDS_CANCELLED)
            ):
                raise  # the run was cancelled before its outcome was recorded
            # The guideline's outcome stands even when a receiver never answers; the
            # notification log keeps the failed delivery for operators.
            workflow.logger.warning("notification %s could not be delivered", event)
            return False
        return True


def _describe(error: FailureError) -> tuple[str, str]:
    """The first application error's type and message: what the user should see."""
    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ApplicationError):
            return cause.type or Failure.PROCESSING_FAILED, cause.message
        cause = cause.__cause__
    return Failure.PROCESSING_FAILED, str(error)
