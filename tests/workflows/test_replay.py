"""Recorded histories must replay with today's workflow code.

A change that breaks this needs ``workflow.patched``, not a new recording: running
workflows started with the old code would fail the same way. Re-record only to add new
scenarios: ``make record-histories``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from temporalio import workflow
from temporalio.client import WorkflowHistory
from temporalio.worker import Replayer

from tests.workflows.changed_batch import BatchWithAnActivityBeforeContinuing
from tests.workflows.helpers import HISTORIES
from worker import WORKFLOWS
from workflows.batch import BatchWorkflow

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
    # Every workflow type the worker runs has a recording.
    assert {"cleanup_expired", "database_stats", "usage_stats"} <= names
    assert "performance_alerting" in {name.split("+")[0] for name in names}
    recorded_types = {
        WorkflowHistory.from_json(p.stem, p.read_text())
        .events[0]
        .workflow_execution_started_event_attributes.workflow_type.name
        for p in RECORDED
    }
    assert recorded_types == {workflow._Definition.must_from_class(cls).name for cls in WORKFLOWS}
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
    # Quality control and the outcome's record as local activities.
    local = {name.split("+")[0] for name in names if "+short-steps-local" in name}
    assert {
        "completed",
        "llm_generated",
        "review_corrected",
        "review_in_batch",
        "guideline_cancelled_mid_activity",
        "webhook_retried",
    } <= local
    # A small document's parse as a local activity, and the clean failure of a bad one.
    small = {name.split("+")[0] for name in names if "+small-parse-local" in name}
    assert {"parsed_locally", "corrupt_document_parsed_locally", "completed"} <= small
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


def _chain(name: str) -> list[Path]:
    """Every run of one recorded continue-as-new chain, first run first."""
    runs = sorted(p for p in RECORDED if p.stem.split("+")[0].startswith(f"{name}_run"))
    assert runs, f"no chain recorded for {name}"
    total = int(runs[0].stem.split("+")[0].rsplit("of", 1)[1])
    assert len(runs) == total >= 2, "every run of the chain is recorded"
    return runs


async def test_a_change_before_continue_as_new_fails_the_runs_that_continued() -> None:
    """An activity added just before continue_as_new: the last run never gets there, so
    only the recordings of the earlier runs catch it."""
    runs = _chain("batch_continued_as_new")
    changed = [cls for cls in WORKFLOWS if cls is not BatchWorkflow]
    replayer = Replayer(workflows=[BatchWithAnActivityBeforeContinuing, *changed])
    failures = {}
    for path in runs:
        history = WorkflowHistory.from_json(path.stem, path.read_text())
        result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
        failures[path.stem.split("+")[0]] = type(result.replay_failure).__name__
    # The older recording of the same scenario holds the last run only: it let this through.
    last_only = HISTORIES / (
        "batch_continued_as_new+children-started-together+started-elsewhere-watched"
        "+typed-activity-inputs.json"
    )
    history = WorkflowHistory.from_json(last_only.stem, last_only.read_text())
    result = await replayer.replay_workflow(history, raise_on_replay_failure=False)
    assert result.replay_failure is None
    *continued, last = runs
    assert failures == {
        **{p.stem.split("+")[0]: "NondeterminismError" for p in continued},
        last.stem.split("+")[0]: "NoneType",
    }
