"""Alerts to the admin webhook: every delivery row ends delivered, failed or abandoned."""

from __future__ import annotations

import dataclasses
import uuid
from datetime import timedelta

import pytest
from sqlalchemy import func, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.exceptions import ApplicationError

from activities.deps import ActivityDeps
from activities.maintenance import MaintenanceActivities
from cpg2pvg import contracts
from db import maintenance
from db.models import Notification
from tests.support.receiver import WebhookReceiver


async def test_alert_rows_end_failed_or_abandoned(
    deps: ActivityDeps, sessions: async_sessionmaker[AsyncSession]
) -> None:
    """Alerts to the admin webhook follow the same rule: a refusal ends the row `failed`
    (never tried again), and one no longer retried (past its window) ends `abandoned`."""
    refusing = WebhookReceiver(default=404)
    settings = deps.settings.model_copy(update={"admin_webhook_url": refusing.url})
    alerts = MaintenanceActivities(dataclasses.replace(deps, settings=settings))
    stale, fresh = f"test:{uuid.uuid4()}:webhook", f"test:{uuid.uuid4()}:webhook"
    try:
        async with sessions.begin() as session:
            for key in (stale, fresh):
                await maintenance.add_alert(
                    session,
                    idempotency_key=key,
                    subject="test:alert-rows",
                    event="alert.failing",
                    channel="webhook",
                    target=refusing.url,
                    payload={"kind": "alert", "name": "test:alert-rows"},
                    delivered=False,
                )
            await session.execute(
                update(Notification)
                .where(Notification.idempotency_key == stale)
                .values(created_at=func.now() - timedelta(hours=2))
            )
        await alerts.record_conditions(contracts.RecordConditionsInput([]))
        with pytest.raises(ApplicationError) as refused:
            await alerts.send_alert(contracts.SendAlertInput(fresh))
        assert refused.value.non_retryable
        again = await alerts.send_alert(contracts.SendAlertInput(fresh))
        assert again is False, "a refused alert is not sent again"
    finally:
        refusing.close()

    async with sessions() as session:
        rows = await maintenance.alerts(session, "test:alert-rows")
    assert {r.idempotency_key: r.status for r in rows} == {stale: "abandoned", fresh: "failed"}
    assert len(refusing.deliveries) == 1
