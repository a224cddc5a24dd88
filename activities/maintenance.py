"""Activities of the maintenance workflows: each runs one job's queries and stores its report.

Alerts take the guideline notification path: a stored record always, and a signed webhook
with an idempotency key to the admin webhook URL when one is configured.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
from collections.abc import Awaitable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import psutil
from sqlalchemy import text
from temporalio import activity
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.converter import value_to_type
from temporalio.exceptions import ApplicationError

from activities.compat import accepts_positional
from activities.deps import ActivityDeps
from activities.posting import failure_for, headers
from cpg2pvg import contracts
from cpg2pvg import maintenance_rules as rules
from cpg2pvg.failures import Failure, failure
from db import maintenance as store
from db.notifications import FINAL, mark_attempt

log = logging.getLogger("cpg2pvg.maintenance")

# An undelivered alert is retried by later runs for this long, then left in the log.
ALERT_REDELIVERY_WINDOW = timedelta(hours=1)


def _conditions(conditions: list[Any]) -> contracts.RecordConditionsInput:
    """The argument of runs before typed-activity-inputs: the conditions alone."""
    return contracts.RecordConditionsInput(
        [value_to_type(contracts.Condition, condition) for condition in conditions]
    )


class MaintenanceActivities:
    def __init__(self, deps: ActivityDeps) -> None:
        self.deps = deps

    # -- cleanup-expired-results ----------------------------------------------------------

    @activity.defn(name=contracts.CLEANUP_EXPIRED)
    async def cleanup_expired(self) -> contracts.CleanupReport:
        s = self.deps.settings
        async with self.deps.sessions.begin() as session:
            counts = await store.cleanup_expired(
                session,
                document_days=s.retention_document_days,
                intermediate_days=s.retention_intermediate_days,
                notification_days=s.retention_notification_days,
            )
            await store.save_report(session, contracts.CLEANUP_SCHEDULE, counts)
        return contracts.CleanupReport(**counts)

    # -- update-database-stats ------------------------------------------------------------

    @activity.defn(name=contracts.UPDATE_DATABASE_STATS)
    async def update_database_stats(self) -> contracts.StatsReport:
        async with self.deps.sessions.begin() as session:
            stats = await store.database_stats(session)
            await store.save_report(session, contracts.DATABASE_STATS_SCHEDULE, stats)
        return contracts.StatsReport(
            guidelines=stats["guidelines"], stages_timed=len(stats["stage_durations"])
        )

    # -- update-user-usage-stats ----------------------------------------------------------

    @activity.defn(name=contracts.UPDATE_USAGE_STATS)
    async def update_usage_stats(self) -> contracts.UsageReport:
        days_back = max(self.deps.settings.usage_recompute_days, 1) - 1
        since = datetime.now(UTC).date() - timedelta(days=days_back)
        async with self.deps.sessions.begin() as session:
            owners, days = await store.recompute_usage(session, since)
            await store.save_report(
                session,
                contracts.USAGE_STATS_SCHEDULE,
                {"since": since.isoformat(), "owners": owners, "days": days},
            )
        return contracts.UsageReport(owners=owners, days=days)

    # -- system-performance-monitor -------------------------------------------------------

    @activity.defn(name=contracts.SAMPLE_PERFORMANCE)
    async def sample_performance(self) -> list[contracts.Condition]:
        s = self.deps.settings
        sample: dict[str, Any] = {
            "cpu_percent": await asyncio.to_thread(psutil.cpu_percent, 0.5),
            "memory_percent": psutil.virtual_memory().percent,
            "disk_percent": psutil.disk_usage(str(_existing(s.resolved_data_dir))).percent,
            **self._pool_use(),
            **await self._task_queue_use(),
        }
        thresholds = [
            rules.Threshold("cpu_percent", s.alert_cpu_percent, "%"),
            rules.Threshold("memory_percent", s.alert_memory_percent, "%"),
            rules.Threshold("disk_percent", s.alert_disk_percent, "%"),
            rules.Threshold("db_pool_percent", s.alert_db_pool_percent, "%"),
            rules.Threshold("task_backlog", s.alert_task_backlog, " tasks"),
            rules.Threshold("schedule_to_start_seconds", s.alert_task_backlog_age_seconds, " s"),
        ]
        conditions = rules.threshold_conditions(sample, thresholds)
        async with self.deps.sessions.begin() as session:
            await store.save_report(session, contracts.PERFORMANCE_SCHEDULE, sample)
        return conditions

    def _pool_use(self) -> dict[str, Any]:
        engine = self.deps.sessions.kw.get("bind")
        pool = getattr(engine, "pool", None)
        size = getattr(pool, "size", lambda: 0)()
        checked_out = getattr(pool, "checkedout", lambda: 0)()
        return {
            "db_pool_size": size,
            "db_pool_checked_out": checked_out,
            "db_pool_percent": round(100.0 * checked_out / size, 1) if size else None,
        }

    async def _task_queue_use(self) -> dict[str, Any]:
        """Backlog and its age (how long the oldest task has waited to start) per task type."""
        client = activity.client()
        queue = self.deps.settings.task_queue
        backlog, oldest = 0, 0.0
        for kind in (
            TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
            TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
        ):
            described = await client.workflow_service.describe_task_queue(
                DescribeTaskQueueRequest(
                    namespace=client.namespace,
                    task_queue=TaskQueue(name=queue),
                    task_queue_type=kind,
                    report_stats=True,
                ),
                timeout=timedelta(seconds=self.deps.settings.health_check_timeout_seconds),
            )
            stats = described.stats
            backlog += int(stats.approximate_backlog_count)
            oldest = max(oldest, stats.approximate_backlog_age.ToTimedelta().total_seconds())
        return {"task_queue": queue, "task_backlog": backlog, "schedule_to_start_seconds": oldest}

    # -- health-check ---------------------------------------------------------------------

    @activity.defn(name=contracts.CHECK_HEALTH)
    async def check_health(self) -> list[contracts.Condition]:
        s = self.deps.settings
        checks: dict[str, Awaitable[str]] = {
            "database": self._database(),
            "temporal": self._temporal(),
            "document_storage": self._storage(),
            # With the openai generator, its server is the provider unless another URL is set.
            "generation_provider": self._reachable(
                s.generation_provider_url or (s.llm_base_url if s.generator == "openai" else None),
                "offline generator",
            ),
            "notification_channels": self._reachable(
                s.admin_webhook_url, "no admin webhook configured"
            ),
        }
        results = await asyncio.gather(*(self._check(name, c) for name, c in checks.items()))
        async with self.deps.sessions.begin() as session:
            await store.save_report(
                session,
                contracts.HEALTH_SCHEDULE,
                {c.name: {"ok": c.ok, "detail": c.detail} for c in results},
            )
        return list(results)

    async def _check(self, name: str, check: Awaitable[str]) -> contracts.Condition:
        """Run one check within the timeout; any failure is that check failing, with why."""
        try:
            async with asyncio.timeout(self.deps.settings.health_check_timeout_seconds):
                detail = await check
        except TimeoutError:
            return contracts.Condition(f"health:{name}", False, "no answer within the timeout")
        except Exception as error:  # every error is a finding here, not a crash
            return contracts.Condition(f"health:{name}", False, f"{type(error).__name__}")
        return contracts.Condition(f"health:{name}", True, detail)

    async def _database(self) -> str:
        async with self.deps.sessions() as session:
            await session.execute(text("select 1"))
        return "answers queries"

    async def _temporal(self) -> str:
        await activity.client().service_client.check_health()
        return "frontend serving"

    async def _storage(self) -> str:
        async with self.deps.sessions() as session:
            await store.storage_probe(session)
        return "documents table readable"

    async def _reachable(self, url: str | None, unset: str) -> str:
        """Any HTTP answer counts: this checks the channel is up, not what it says to HEAD."""
        if not url:
            return unset
        response = await self.deps.http.head(url, follow_redirects=False)
        return f"reachable (HTTP {response.status_code})"

    # -- alerts ---------------------------------------------------------------------------

    @activity.defn(name=contracts.RECORD_CONDITIONS)
    @accepts_positional(_conditions)
    async def record_conditions(self, request: contracts.RecordConditionsInput) -> list[str]:
        """Store the conditions' states and an alert for each change.

        Returns the keys of webhook alerts still to deliver, including any earlier one that
        did not get through, so a retried or later run delivers what a failed run did not.
        """
        conditions = request.conditions
        now = datetime.now(UTC)
        names = [c.name for c in conditions]
        url = self.deps.settings.admin_webhook_url
        async with self.deps.sessions.begin() as session:
            previous = await store.lock_conditions(session, names)
            states, changes = rules.changes(previous, conditions, now)
            for condition in conditions:
                await store.save_condition(
                    session, condition.name, states[condition.name], condition.detail, now
                )
            for alert in changes:
                log.warning("%s: %s (%s)", alert.event, alert.name, alert.detail)
                key = rules.alert_key(alert)
                payload = {"kind": "alert", **dataclasses.asdict(alert)}
                common: dict[str, Any] = {
                    "subject": alert.name,
                    "event": alert.event,
                    "payload": payload,
                }
                await store.add_alert(
                    session,
                    idempotency_key=f"{key}:record",
                    channel="record",
                    target=None,
                    delivered=True,
                    **common,
                )
                if url:
                    await store.add_alert(
                        session,
                        idempotency_key=f"{key}:webhook",
                        channel="webhook",
                        target=url,
                        delivered=False,
                        **common,
                    )
            # Past the window an alert is not tried again: its row ends, not left retrying.
            await store.abandon_stale_alerts(session, ALERT_REDELIVERY_WINDOW)
            return await store.undelivered_alerts(session, names, ALERT_REDELIVERY_WINDOW)

    @activity.defn(name=contracts.SEND_ALERT)
    @accepts_positional(contracts.SendAlertInput)
    async def send_alert(self, request: contracts.SendAlertInput) -> bool:
        """POST one alert to the admin webhook; every attempt is logged on its row."""
        idempotency_key = request.idempotency_key
        async with self.deps.sessions.begin() as session:
            row = await store.lock_alert(session, idempotency_key)
            if row is None or row.status in FINAL or not row.target:
                return False
            body = json.dumps(row.payload, sort_keys=True, separators=(",", ":")).encode()
            signing_key = self.deps.settings.webhook_signing_key()
            refused: ApplicationError | None = None
            try:
                response = await self.deps.http.post(
                    row.target,
                    content=body,
                    headers=headers(body, signing_key, idempotency_key, row.event),
                    timeout=self.deps.settings.webhook_timeout_seconds,
                    follow_redirects=False,
                )
            except httpx.HTTPError as error:
                mark_attempt(row, delivered=False, response_code=None, error=type(error).__name__)
                refused = failure(
                    Failure.WEBHOOK_UNREACHABLE, f"alert delivery failed: {type(error).__name__}"
                )
            else:
                ok = 200 <= response.status_code < 300
                refused = None if ok else failure_for(response)
                mark_attempt(
                    row,
                    delivered=ok,
                    response_code=response.status_code,
                    error=None if ok else f"HTTP {response.status_code}",
                    final=refused is not None and refused.non_retryable,
                )
        # The attempt is committed before we raise, so the log shows every try.
        if refused is not None:
            raise refused
        return True


def _existing(path: Any) -> Any:
    """The nearest existing folder (the data dir may not exist on a fresh worker)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path
