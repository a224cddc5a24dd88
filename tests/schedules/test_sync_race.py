"""Schedule sync from every worker start: no write when nothing changed, an operator's pause
survives workers syncing at the same time, one schedule's failure does not stop the others.

The moments that race are placed exactly with a Temporal client interceptor: the operator's
pause lands after a sync has read a schedule and before it writes it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import pytest
from temporalio.client import (
    Client,
    CreateScheduleInput,
    DescribeScheduleInput,
    Interceptor,
    OutboundInterceptor,
    ScheduleDescription,
    ScheduleHandle,
    ScheduleUpdate,
    ScheduleUpdateInput,
    UpdateScheduleInput,
)
from temporalio.service import RPCError, RPCStatusCode

from cpg2pvg import contracts
from cpg2pvg.ops import schedules
from tests.schedules.conftest import QUIET_INTERVAL, Harness
from tests.schedules.test_schedules import SCHEDULE_IDS
from worker import sync_schedules


class _Hooks(Interceptor):
    """Runs ``after_read`` once, right after this client first reads schedule ``target``
    (by describe, or inside the SDK's read-modify-write update)."""

    def __init__(
        self, target: str, after_read: Callable[[], Awaitable[None]], fail_create: str = ""
    ) -> None:
        self.target = target
        self.after_read = after_read
        self.fail_create = fail_create
        self.fired = False

    async def fire(self, schedule_id: str) -> None:
        if schedule_id == self.target and not self.fired:
            self.fired = True
            await self.after_read()

    def intercept_client(self, next: OutboundInterceptor) -> OutboundInterceptor:
        return _Outbound(next, self)


class _Outbound(OutboundInterceptor):
    def __init__(self, next: OutboundInterceptor, hooks: _Hooks) -> None:
        super().__init__(next)
        self.hooks = hooks

    async def create_schedule(self, input: CreateScheduleInput) -> ScheduleHandle:
        if input.id == self.hooks.fail_create:
            raise RPCError("injected: the server refused", RPCStatusCode.UNAVAILABLE, b"")
        return await super().create_schedule(input)

    async def describe_schedule(self, input: DescribeScheduleInput) -> ScheduleDescription:
        described = await super().describe_schedule(input)
        await self.hooks.fire(input.id)
        return described

    async def update_schedule(self, input: UpdateScheduleInput) -> None:
        updater = input.updater

        async def read_then_hook(current: ScheduleUpdateInput) -> ScheduleUpdate | None:
            update = updater(current)
            if asyncio.iscoroutine(update):
                update = await update
            await self.hooks.fire(input.id)
            return update  # type: ignore[return-value]

        input.updater = read_then_hook
        await super().update_schedule(input)


def _hooked(client: Client, hooks: _Hooks) -> Client:
    return Client(
        client.service_client,
        namespace=client.namespace,
        data_converter=client.data_converter,
        interceptors=[hooks],
    )


async def _tokens(client: Client) -> dict[str, bytes]:
    """Each schedule's conflict token: the server changes it on every write."""
    tokens = {}
    for schedule_id in SCHEDULE_IDS:
        described = await client.get_schedule_handle(schedule_id).describe()
        tokens[schedule_id] = described.raw_description.conflict_token
    return tokens


async def _interval(client: Client, schedule_id: str) -> timedelta:
    described = await client.get_schedule_handle(schedule_id).describe()
    return described.schedule.spec.intervals[0].every


async def test_a_second_sync_with_nothing_changed_writes_nothing(harness: Harness) -> None:
    settings = harness.configure()
    client = harness.client
    await schedules.sync(client, settings)  # whatever an earlier test left, now as wanted
    before = await _tokens(client)

    assert await schedules.sync(client, settings) == {i: "unchanged" for i in SCHEDULE_IDS}
    await sync_schedules(client, settings)  # a worker starting

    assert await _tokens(client) == before, "a sync with nothing to change wrote a schedule"


async def test_two_workers_starting_together_keep_a_pause_made_meanwhile(
    harness: Harness,
) -> None:
    client = harness.client
    target = contracts.HEALTH_SCHEDULE
    handle = client.get_schedule_handle(target)
    await schedules.sync(client, harness.configure())
    # A new interval, so both workers have something to write.
    changed = harness.configure(schedule_health_seconds=3 * QUIET_INTERVAL)

    async def operator_pauses() -> None:
        await handle.pause(note="operator: paused for maintenance")

    hooks = _Hooks(target, operator_pauses)
    try:
        await asyncio.gather(
            sync_schedules(_hooked(client, hooks), changed),
            sync_schedules(client, changed),
        )
        assert hooks.fired, "the pause landed between a read and a write"
        described = await handle.describe()
        assert described.schedule.state.paused, "a sync undid an operator's pause"
        assert described.schedule.state.note == "operator: paused for maintenance"
        assert described.schedule.spec.intervals[0].every == timedelta(
            seconds=3 * QUIET_INTERVAL
        ), "the new interval still reached the paused schedule"
        assert await schedules.sync(client, changed) == {i: "unchanged" for i in SCHEDULE_IDS}
    finally:
        await handle.unpause()
        await schedules.sync(client, harness.configure())


async def test_one_schedule_failing_does_not_stop_the_others(
    harness: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    client = harness.client
    await schedules.sync(client, harness.configure())
    changed = harness.configure(
        schedule_cleanup_seconds=2 * QUIET_INTERVAL, schedule_health_seconds=2 * QUIET_INTERVAL
    )
    first = contracts.CLEANUP_SCHEDULE  # synced first: its failure used to end the sync

    async def nothing() -> None:
        return None

    broken = _hooked(client, _Hooks("", nothing, fail_create=first))
    try:
        outcome: dict[str, Any] = await schedules.sync(broken, changed)
        assert outcome[first].startswith("failed: RPCError"), outcome
        assert {k: v for k, v in outcome.items() if k != first} == {
            contracts.PERFORMANCE_SCHEDULE: "unchanged",
            contracts.DATABASE_STATS_SCHEDULE: "unchanged",
            contracts.USAGE_STATS_SCHEDULE: "unchanged",
            contracts.HEALTH_SCHEDULE: "updated",
        }
        assert schedules.failures(outcome) == {first: outcome[first]}
        assert await _interval(client, contracts.HEALTH_SCHEDULE) == timedelta(
            seconds=2 * QUIET_INTERVAL
        )
        assert await _interval(client, first) == timedelta(seconds=QUIET_INTERVAL)

        with caplog.at_level(logging.WARNING, logger="cpg2pvg.worker"):
            await sync_schedules(broken, changed)
        assert f"schedule {first} not synced" in caplog.text
    finally:
        await schedules.sync(client, harness.configure())
