"""Tell the submitter what happened: a stored record always, a signed webhook when asked.

Every delivery of one (guideline run, event) carries the same idempotency key and body, so
a receiver can drop duplicates when a retry follows a delivery whose answer was lost.

Newer guideline runs record their state with its notification (``record_notification``),
the webhook queued with its body and handed to a ``WebhookDelivery`` workflow of its own,
which sends it (``deliver_webhook``) and ends its row (``close_delivery``). Older runs
``notify`` in one activity inside the guideline run.
"""

from __future__ import annotations

import contextlib
import json
import uuid
from typing import Any

import httpx
from temporalio import activity
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

from activities.bookkeeping import record_stage_update
from activities.compat import accepts_positional, decoded
from activities.deps import ActivityDeps
from activities.posting import failure_for, headers, refused_target
from cpg2pvg import contracts
from cpg2pvg.failures import Failure, failure
from cpg2pvg.lifecycle import DeliveryStatus
from db import guidelines as store
from db import notifications as log

# Started by its name: workflows/ sit above activities/, which import nothing from them.
DELIVERY_WORKFLOW = "WebhookDelivery"  # workflows/delivery.py


def _close(notice: object, status: str) -> contracts.CloseDeliveryInput:
    """The arguments of runs before typed-activity-inputs: ``(notice, status)``."""
    return contracts.CloseDeliveryInput(
        decoded(contracts.WebhookNotice, notice), DeliveryStatus(status)
    )


class NotifyActivities:
    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps

    @activity.defn(name=contracts.RECORD_NOTIFICATION)
    async def record_notification(
        self, request: contracts.NotifyInput
    ) -> contracts.NotificationRecorded:
        """Record the state (``enter``) and its notification in one transaction: the stored
        record, and the webhook queued with the body it will carry. Then start the webhook's
        own delivery workflow, which the guideline's run does not wait for."""
        gid = uuid.UUID(request.guideline_id)
        key_base = _key_base(request)
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, request.enter)
            guideline = await _recorded(session, gid, key_base, request.event)
            if not guideline.webhook_url:
                return contracts.NotificationRecorded(webhook=False)
            row = await log.begin_delivery(
                session,
                idempotency_key=f"{key_base}:webhook",
                guideline_id=gid,
                event=request.event,
                channel="webhook",
                target=guideline.webhook_url,
                payload=_payload(guideline, request),
            )
            pending = row.status not in log.FINAL
        if pending:
            notice = contracts.WebhookNotice(
                guideline_id=request.guideline_id, event=request.event, run_id=request.run_id
            )
            # A retry of this activity finds the delivery started: one per key.
            with contextlib.suppress(WorkflowAlreadyStartedError):
                await activity.client().start_workflow(
                    DELIVERY_WORKFLOW,
                    notice,
                    id=contracts.delivery_workflow_id(
                        notice.guideline_id, notice.run_id, notice.event
                    ),
                    task_queue=activity.info().task_queue,
                    static_summary=f"Webhook: {notice.event}",
                )
        return contracts.NotificationRecorded(webhook=pending)

    @activity.defn(name=contracts.DELIVER_WEBHOOK)
    async def deliver_webhook(self, request: contracts.WebhookNotice) -> None:
        """POST a queued webhook once; its policy retries, with the same key and body."""
        key = f"{_key_base(request)}:webhook"
        async with self.deps.sessions.begin() as session:
            row = await log.locked(session, key)
            if row is None or row.status in log.FINAL or not row.target:
                return  # deleted with its guideline, or already settled
            if row.payload is None:
                log.mark_attempt(
                    row, delivered=False, response_code=None, error="no body", final=True
                )
                refused: ApplicationError | None = failure(
                    Failure.WEBHOOK_REJECTED, "the queued webhook has no body"
                )
            else:
                refused = await self._attempt(row, key, request.event, row.payload)
        # The attempt is committed before we raise, so the log shows every try.
        if refused is not None:
            raise refused

    @activity.defn(name=contracts.CLOSE_DELIVERY)
    @accepts_positional(_close)
    async def close_delivery(self, request: contracts.CloseDeliveryInput) -> None:
        """A delivery that ended without success: ``failed`` or ``abandoned``."""
        async with self.deps.sessions.begin() as session:
            await log.close(session, f"{_key_base(request.notice)}:webhook", request.status)

    @activity.defn(name=contracts.NOTIFY)
    async def notify(self, request: contracts.NotifyInput) -> contracts.NotifyResult:
        gid = uuid.UUID(request.guideline_id)
        key_base = _key_base(request)
        async with self.deps.sessions.begin() as session:
            await record_stage_update(session, request.enter)
            guideline = await _recorded(session, gid, key_base, request.event)
            payload = _payload(guideline, request)
            webhook_url = guideline.webhook_url
            if not webhook_url:
                await record_stage_update(session, request.then, only_after=request.enter)
        channels = ["record"]
        if webhook_url:
            await self._deliver_webhook(gid, key_base, request.event, webhook_url, payload)
            channels.append("webhook")
            async with self.deps.sessions.begin() as session:
                await record_stage_update(session, request.then, only_after=request.enter)
        return contracts.NotifyResult(delivered=True, channels=channels)

    async def _deliver_webhook(
        self, gid: uuid.UUID, key_base: str, event: str, url: str, payload: dict[str, Any]
    ) -> None:
        key = f"{key_base}:webhook"
        async with self.deps.sessions.begin() as session:
            row = await log.begin_delivery(
                session,
                idempotency_key=key,
                guideline_id=gid,
                event=event,
                channel="webhook",
                target=url,
            )
            if row.status in log.FINAL:
                return
            refused = await self._attempt(row, key, event, payload)
        # The attempt is committed before we raise, so the log shows every try.
        if refused is not None:
            raise refused

    async def _attempt(
        self, row: Any, key: str, event: str, payload: dict[str, Any]
    ) -> ApplicationError | None:
        """Check the target, POST once (redirects not followed) and record the attempt on
        ``row``: a failure no retry can change ends the row ``failed``."""
        # Checked again at delivery: the host may resolve elsewhere than at submission.
        url = row.target
        refused = await refused_target(url, self.deps.settings.webhook_allow_private)
        if refused is not None:
            log.mark_attempt(
                row,
                delivered=False,
                response_code=None,
                error=refused.type,
                final=refused.non_retryable,
            )
            return refused
        body = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        try:
            response = await self.deps.http.post(
                url,
                content=body,
                headers=headers(body, self.deps.settings.webhook_signing_key(), key, event),
                timeout=self.deps.settings.webhook_timeout_seconds,
                follow_redirects=False,
            )
        except httpx.HTTPError as error:
            log.mark_attempt(row, delivered=False, response_code=None, error=type(error).__name__)
            return failure(
                Failure.WEBHOOK_UNREACHABLE, f"webhook delivery failed: {type(error).__name__}"
            )
        ok = 200 <= response.status_code < 300
        answer = None if ok else failure_for(response)
        log.mark_attempt(
            row,
            delivered=ok,
            response_code=response.status_code,
            error=None if ok else f"HTTP {response.status_code}",
            final=answer is not None and answer.non_retryable,
        )
        return answer


def _key_base(request: contracts.NotifyInput | contracts.WebhookNotice) -> str:
    return f"{request.guideline_id}:{request.run_id}:{request.event}"


async def _recorded(session: Any, gid: uuid.UUID, key_base: str, event: str) -> Any:
    """The guideline, with the stored record of this notification written (once)."""
    guideline = await store.get_guideline(session, gid)
    if guideline is None:
        raise failure(Failure.GUIDELINE_NOT_FOUND, f"guideline {gid} does not exist")
    record = await log.begin_delivery(
        session,
        idempotency_key=f"{key_base}:record",
        guideline_id=gid,
        event=event,
        channel="record",
        target=None,
    )
    if record.status != "delivered":
        log.mark_attempt(record, delivered=True, response_code=None, error=None)
    return guideline


def _payload(guideline: Any, request: contracts.NotifyInput) -> dict[str, Any]:
    error = None
    if guideline.error_code:
        error = {"code": guideline.error_code, "message": guideline.error_message}
    return {
        "event": request.event,
        "guideline_id": str(guideline.id),
        "workflow_id": guideline.workflow_id,
        "run_id": request.run_id,
        "title": guideline.title,
        "batch_id": str(guideline.batch_id) if guideline.batch_id else None,
        "error": error,
        "links": {
            "self": f"/v1/guidelines/{guideline.id}",
            "pvg": f"/v1/guidelines/{guideline.id}/pvg",
        },
    }
