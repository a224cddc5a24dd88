"""Until typed-activity-inputs is retired, each activity whose call changed also takes the
positional arguments runs from before it send, as Temporal hands them over (JSON values),
and builds from them the same input the new call sends."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from temporalio import activity

from activities import batches, maintenance, notify, pipeline
from activities.compat import accepts_positional
from cpg2pvg import contracts
from cpg2pvg.lifecycle import BatchStatus, DeliveryStatus, Event, Stage, Status

GID = "0b0e9c1e-6f1e-4a57-9d9f-3f0f6d1f2a10"
STAGE = contracts.StageUpdate(GID, Status.PROCESSING, Stage.PARSING, 5)
NOTICE = contracts.WebhookNotice(GID, Event.COMPLETED, "run-1")
DECISION = contracts.ReviewDecision("approve", "dr-lee", "reviewer", comment="fine")


def _json(value: Any) -> Any:
    """What a dataclass argument looks like once Temporal decoded it without its type."""
    return dataclasses.asdict(value)


@pytest.mark.parametrize(
    ("old_form", "old_arguments", "new_input"),
    [
        (pipeline._step, [GID], contracts.StepInput(GID)),
        (pipeline._step, [GID, _json(STAGE)], contracts.StepInput(GID, STAGE)),
        (pipeline._review, [GID, _json(DECISION)], contracts.SaveReviewInput(GID, DECISION)),
        (
            contracts.BatchPageInput,
            ["batch-1", 100, 100],
            contracts.BatchPageInput("batch-1", 100, 100),
        ),
        (
            batches._finish,
            ["batch-1", "cancelled"],
            contracts.FinishBatchInput("batch-1", BatchStatus.CANCELLED),
        ),
        (contracts.GuidelineRef, [GID], contracts.GuidelineRef(GID)),
        (
            notify._close,
            [_json(NOTICE), "abandoned"],
            contracts.CloseDeliveryInput(NOTICE, DeliveryStatus.ABANDONED),
        ),
        (
            maintenance._conditions,
            [[{"name": "health:database", "ok": False, "detail": "down"}]],
            contracts.RecordConditionsInput(
                [contracts.Condition("health:database", False, "down")]
            ),
        ),
        (contracts.SendAlertInput, ["key-1"], contracts.SendAlertInput("key-1")),
    ],
)
def test_old_arguments_make_the_new_input(
    old_form: Any, old_arguments: list[Any], new_input: Any
) -> None:
    assert old_form(*old_arguments) == new_input


class _Step:
    @activity.defn(name="step")
    @accepts_positional(pipeline._step)
    async def step(self, request: contracts.StepInput) -> contracts.ParseResult | None:
        self.seen = request
        return None


async def test_the_activity_takes_the_new_input_decoded_or_not_and_the_old_arguments() -> None:
    step = _Step()
    for arguments in (
        [contracts.StepInput(GID, STAGE)],
        [_json(contracts.StepInput(GID, STAGE))],
        [GID, _json(STAGE)],
    ):
        await step.step(*arguments)
        assert step.seen == contracts.StepInput(GID, STAGE), arguments
    await step.step(GID)  # type: ignore[arg-type]  # the old positional form
    assert step.seen == contracts.StepInput(GID)
