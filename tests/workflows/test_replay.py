"""Recorded histories must replay with today's workflow code.

A change that breaks this needs ``workflow.patched``, not a new recording: running
workflows started with the old code would fail the same way. Re-record only to add new
scenarios: ``make record-histories``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from tests.workflows.helpers import HISTORIES
from worker import WORKFLOWS

RECORDED = sorted(HISTORIES.glob("*.json"))


def test_histories_are_recorded() -> None:
    names = {path.stem for path in RECORDED}
    assert {
        "completed",
        "corrupt_document",
        "webhook_retried",
        "batch_continued_as_new",
        "review_approved",
        "review_corrected",
        "review_timeout",
        "batch_cancelled",
        "guideline_cancelled",
        "llm_generated",
        "health_check_alerting",
    } <= names
    # Runs that took today's patch, so the newer code path is replayed too.
    patched = {name.split("+")[0] for name in names if "+stage-recorded-by-activity" in name}
    assert {"completed", "corrupt_document", "guideline_cancelled", "review_corrected"} <= patched
    together = {name.split("+")[0] for name in names if "+children-started-together" in name}
    assert {"batch_continued_as_new", "batch_cancelled"} <= together
    # The outcome recorded before delivery (a webhook workflow of its own), a cancel that
    # lands mid-activity, and a batch that watches an item started elsewhere.
    detached = {name.split("+")[0] for name in names if "+outcome-before-delivery" in name}
    assert {"completed", "webhook_retried", "review_in_batch", "review_timeout"} <= detached
    cancelled = {name.split("+")[0] for name in names if "+cancel-ends-cancelled" in name}
    assert {"guideline_cancelled", "guideline_cancelled_mid_activity"} <= cancelled
    watched = {name.split("+")[0] for name in names if "+started-elsewhere-watched" in name}
    assert {"batch_item_started_elsewhere", "batch_child_in_review", "batch_cancelled"} <= watched
    # One dataclass input per activity, called by method.
    typed = {name.split("+")[0] for name in names if "+typed-activity-inputs" in name}
    assert {
        "completed",
        "corrupt_document",
        "review_corrected",
        "review_in_batch",
        "guideline_cancelled_mid_activity",
        "llm_generated",
        "batch_continued_as_new",
        "batch_item_started_elsewhere",
        "webhook_delivery_failed",
        "webhook_delivery_abandoned",
        "health_check_alerting",
    } <= typed
    assert {
        "webhook_delivery_delivered",
        "webhook_delivery_failed",
        "webhook_delivery_abandoned",
        "webhook_delivery_cancelled",
    } <= names


@pytest.mark.parametrize("path", RECORDED, ids=[p.stem for p in RECORDED])
async def test_replay(path: Path) -> None:
    history = WorkflowHistory.from_json(path.stem, path.read_text())
    replayer = Replayer(workflows=list(WORKFLOWS))
    await replayer.replay_workflow(history)
