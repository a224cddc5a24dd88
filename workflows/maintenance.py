"""The maintenance workflows, one per schedule in cpg2pvg/schedules.py.

Each is a short run of one job's activities; the details line says what it found, so the
Web UI shows readable runs next to the static summary the schedule sets.
"""

from __future__ import annotations

from typing import Any

from temporalio import workflow
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from cpg2pvg import contracts
    from workflows import policies


async def _run(name: str, summary: str, result_type: type, *args: Any) -> Any:
    policy = policies.MAINTENANCE
    return await workflow.execute_activity(
        name,
        args=list(args),
        **policy.options(),
        summary=summary,
        result_type=result_type,
    )


async def _alert_on_changes(conditions: list[contracts.Condition]) -> None:
    """Store the conditions and deliver the alerts their changes call for."""
    keys: list[str] = await _run(
        contracts.RECORD_CONDITIONS, "Record conditions", list[str], conditions
    )
    policy = policies.ALERT
    for key in keys:
        try:
            await workflow.execute_activity(
                contracts.SEND_ALERT,
                key,
                **policy.options(),
                summary="Send alert",
                result_type=bool,
            )
        except ActivityError:
            # The alert stays in the notification log; the next run tries it again.
            workflow.logger.warning("alert %s could not be delivered yet", key)


@workflow.defn(name=contracts.CLEANUP_WORKFLOW)
class CleanupExpiredResultsWorkflow:
    @workflow.run
    async def run(self) -> contracts.CleanupReport:
        report: contracts.CleanupReport = await _run(
            contracts.CLEANUP_EXPIRED, "Delete expired rows", contracts.CleanupReport
        )
        workflow.set_current_details(
            f"Deleted {report.guidelines} guidelines, {report.documents} documents, "
            f"{report.artifacts} results, {report.notifications} notifications"
        )
        return report


@workflow.defn(name=contracts.PERFORMANCE_WORKFLOW)
class SystemPerformanceMonitorWorkflow:
    @workflow.run
    async def run(self) -> list[contracts.Condition]:
        # Top-level lists of dataclasses only: nested ones do not decode in the sandbox.
        conditions: list[contracts.Condition] = await _run(
            contracts.SAMPLE_PERFORMANCE, "Sample system metrics", list[contracts.Condition]
        )
        await _alert_on_changes(conditions)
        crossed = [c.detail for c in conditions if not c.ok]
        workflow.set_current_details(
            "Above threshold: " + "; ".join(crossed) if crossed else "All metrics within limits"
        )
        return conditions


@workflow.defn(name=contracts.DATABASE_STATS_WORKFLOW)
class UpdateDatabaseStatsWorkflow:
    @workflow.run
    async def run(self) -> contracts.StatsReport:
        report: contracts.StatsReport = await _run(
            contracts.UPDATE_DATABASE_STATS, "Compute database stats", contracts.StatsReport
        )
        workflow.set_current_details(
            f"{report.guidelines} guidelines, {report.stages_timed} stages timed"
        )
        return report


@workflow.defn(name=contracts.USAGE_STATS_WORKFLOW)
class UpdateUserUsageStatsWorkflow:
    @workflow.run
    async def run(self) -> contracts.UsageReport:
        report: contracts.UsageReport = await _run(
            contracts.UPDATE_USAGE_STATS, "Compute usage per owner and day", contracts.UsageReport
        )
        workflow.set_current_details(f"{report.owners} owners over {report.days} days")
        return report


@workflow.defn(name=contracts.HEALTH_WORKFLOW)
class HealthCheckWorkflow:
    @workflow.run
    async def run(self) -> list[contracts.Condition]:
        conditions: list[contracts.Condition] = await _run(
            contracts.CHECK_HEALTH, "Check dependencies", list[contracts.Condition]
        )
        await _alert_on_changes(conditions)
        failing = [c.name.removeprefix("health:") for c in conditions if not c.ok]
        workflow.set_current_details(
            f"Failing: {', '.join(failing)}" if failing else "All dependencies healthy"
        )
        return conditions


MAINTENANCE_WORKFLOWS: list[type] = [
    CleanupExpiredResultsWorkflow,
    SystemPerformanceMonitorWorkflow,
    UpdateDatabaseStatsWorkflow,
    UpdateUserUsageStatsWorkflow,
    HealthCheckWorkflow,
]
