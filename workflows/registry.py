"""Every workflow type the worker runs: the worker registers them, replay checks them."""

from __future__ import annotations

from collections.abc import Sequence

from workflows.batch import BatchWorkflow
from workflows.delivery import WebhookDeliveryWorkflow
from workflows.guideline import GuidelineWorkflow
from workflows.maintenance import MAINTENANCE_WORKFLOWS

WORKFLOWS: Sequence[type] = [
    GuidelineWorkflow,
    BatchWorkflow,
    WebhookDeliveryWorkflow,
    *MAINTENANCE_WORKFLOWS,
]
