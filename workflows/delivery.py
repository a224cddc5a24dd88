"""WebhookDelivery: one queued webhook, delivered apart from the guideline it tells about.

The guideline's run records its state and queues the webhook; the recording activity
starts this workflow, which the run does not wait for: a receiver that is down holds
neither the guideline nor its batch slot. However delivery ends, its row ends
``delivered``, ``failed`` (refused for good) or ``abandoned`` (retries spent, or cancelled).
"""

from __future__ import annotations

import asyncio

from temporalio import workflow
from temporalio.exceptions import ActivityError, RetryState, is_cancelled_exception

with workflow.unsafe.imports_passed_through():
    from cpg2pvg import contracts
    from workflows import policies


@workflow.defn(name="WebhookDelivery")  # started by name: activities/notify.py
class WebhookDeliveryWorkflow:
    @workflow.run
    async def run(self, request: contracts.WebhookNotice) -> str:
        try:
            await workflow.execute_activity(
                contracts.DELIVER_WEBHOOK,
                request,
                **policies.NOTIFICATION.options(),
                summary=f"POST webhook: {request.event}",
            )
            return "delivered"
        except (ActivityError, asyncio.CancelledError) as error:
            refused = (
                isinstance(error, ActivityError)
                and error.retry_state == RetryState.NON_RETRYABLE_FAILURE
            )
            status = "failed" if refused else "abandoned"
            await workflow.execute_activity(
                contracts.CLOSE_DELIVERY,
                args=[request, status],
                **policies.BOOKKEEPING.options(),
                summary=f"Webhook {status}",
            )
            if is_cancelled_exception(error):
                raise
            workflow.logger.warning("webhook %s %s", request.event, status)
            return status
