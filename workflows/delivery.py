"""WebhookDelivery: one queued webhook, delivered apart from the guideline it tells about.

The guideline's run records its state and queues the webhook; the recording activity
starts this workflow, which the run does not wait for: a receiver that is down holds
neither the guideline nor its batch slot. However delivery ends, its row ends
``delivered``, ``failed`` (refused for good) or ``abandoned`` (retries spent, or cancelled).
"""

from __future__ import annotations

import asyncio

from temporalio import workflow
from temporalio.common import VersioningBehavior
from temporalio.exceptions import ActivityError, RetryState, is_cancelled_exception

with workflow.unsafe.imports_passed_through():
    from activities.notify import NotifyActivities
    from cpg2pvg import contracts, versioning
    from cpg2pvg.lifecycle import DeliveryStatus
    from workflows import policies
    from workflows.patches import TYPED_ACTIVITY_INPUTS


# Started by name (activities/notify.py). Auto-upgrade: retries last up to a day, too long
# to keep a build's workers up for; changes go behind workflow.patched.
@workflow.defn(
    name="WebhookDelivery",
    versioning_behavior=versioning.behavior(VersioningBehavior.AUTO_UPGRADE),
)
class WebhookDeliveryWorkflow:
    @workflow.run
    async def run(self, request: contracts.WebhookNotice) -> DeliveryStatus:
        # Decided as the run starts, so the run keeps one path all its life.
        workflow.patched(TYPED_ACTIVITY_INPUTS)
        try:
            await workflow.execute_activity_method(
                NotifyActivities.deliver_webhook,
                request,
                **policies.NOTIFICATION.options(),
                summary=f"POST webhook: {request.event}",
            )
            return DeliveryStatus.DELIVERED
        except (ActivityError, asyncio.CancelledError) as error:
            refused = (
                isinstance(error, ActivityError)
                and error.retry_state == RetryState.NON_RETRYABLE_FAILURE
            )
            status = DeliveryStatus.FAILED if refused else DeliveryStatus.ABANDONED
            options = policies.BOOKKEEPING.options()
            if workflow.patched(TYPED_ACTIVITY_INPUTS):
                await workflow.execute_activity_method(
                    NotifyActivities.close_delivery,
                    contracts.CloseDeliveryInput(request, status),
                    **options,
                    summary=f"Webhook {status}",
                )
            else:  # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py).
                await workflow.execute_activity_method(
                    NotifyActivities.close_delivery,
                    args=[request, status],
                    **options,
                    summary=f"Webhook {status}",
                )
            if is_cancelled_exception(error):
                raise
            workflow.logger.warning("webhook %s %s", request.event, status)
            return status
