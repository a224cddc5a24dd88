"""The maintenance workflows, one per schedule in cpg2pvg/schedules.py.

Each is a short run of one job's activities; the details line says what it found, so the
Web UI shows readable runs next to the static summary the schedule sets.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import VersioningBehavior
from temporalio.exceptions import ActivityError

with workflow.unsafe.imports_passed_through():
    from activities.maintenance import MaintenanceActivities
    from cpg2pvg import contracts, versioning
    from workflows import policies
    from workflows.patches import TYPED_ACTIVITY_INPUTS

R = TypeVar("R")

# Pinned: a maintenance run ends within its 20-minute timeout on the build that started it,
# so a new build's changes need no workflow.patched here; the old build's workers only have
# to outlive the runs pinned to them (README "Rolling out a workflow change").
PINNED = versioning.behavior(VersioningBehavior.PINNED)


async def _run(job: Callable[[Any], Awaitable[R]], summary: str) -> R:
    """One job's activity, which takes no input."""
    return await workflow.execute_activity_method(
        job, **policies.MAINTENANCE.options(), summary=summary
    )


async def _alert_on_changes(conditions: list[contracts.Condition]) -> None:
    """Store the conditions and deliver the alerts their changes call for."""
    if workflow.patched(TYPED_ACTIVITY_INPUTS):
        keys = await workflow.execute_activity_method(
            MaintenanceActivities.record_conditions,
            contracts.RecordConditionsInput(conditions),
            **policies.MAINTENANCE.options(),
            summary="Record conditions",
        )
    else:  # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py).
        keys = await workflow.execute_activity_method(
            MaintenanceActivities.record_conditions,
            args=[conditions],
            **policies.MAINTENANCE.options(),
            summary="Record conditions",
        )
    for key in keys:
        try:
            if workflow.patched(TYPED_ACTIVITY_INPUTS):
                await workflow.execute_activity_method(
                    MaintenanceActivities.send_alert,
                    contracts.SendAlertInput(key),
                    **policies.ALERT.options(),
                    summary="Send alert",
                )
            else:  # Remove with TYPED_ACTIVITY_INPUTS (workflows/patches.py).
                await workflow.execute_activity_method(
                    MaintenanceActivities.send_alert,
                    args=[key],
                    **policies.ALERT.options(),
                    summary="Send alert",
                )
        except ActivityError:
            # The alert stays in the notification log; the next run tries it again.
            workflow.logger.warning("alert %s could not be delivered yet", key)


@workflow.defn(name=contracts.CLEANUP_WORKFLOW, versioning_behavior=PINNED)
class CleanupExpiredResultsWorkflow:
    @workflow.run
    async def run(self) -> contracts.CleanupReport:
        report = await _run(MaintenanceActivities.cleanup_expired, "Delete expired rows")
        workflow.set_current_details(
            f"Deleted {report.guidelines} guidelines, {report.documents} documents, "
            f"{report.artifacts} results, {report.notifications} notifications"
        )
        return report


@workflow.defn(name=contracts.PERFORMANCE_WORKFLOW, versioning_behavior=PINNED)
class SystemPerformanceMonitorWorkflow:
    @workflow.run
    async def run(self) -> list[contracts.Condition]:
        workflow.patched(TYPED_ACTIVITY_INPUTS)  # decided as the run starts
        # Top-level lists of dataclasses only: nested ones do not decode in the sandbox.
        conditions = await _run(MaintenanceActivities.sample_performance, "Sample system metrics")
        await _alert_on_changes(conditions)
        crossed = [c.detail for c in conditions if not c.ok]
        workflow.set_current_details(
            "Above threshold: " + "; ".join(crossed) if crossed else "All metrics within limits"
        )
        return conditions


@workflow.defn(name=contracts.DATABASE_STATS_WORKFLOW, versioning_behavior=PINNED)
class UpdateDatabaseStatsWorkflow:
    @workflow.run
    async def run(self) -> contracts.StatsReport:
        report = await _run(MaintenanceActivities.update_database_stats, "Compute database stats")
        workflow.set_current_details(
            f"{report.guidelines} guidelines, {report.stages_timed} stages timed"
        )
        return report


@workflow.defn(name=contracts.USAGE_STATS_WORKFLOW, versioning_behavior=PINNED)
class UpdateUserUsageStatsWorkflow:
    @workflow.run
    async def run(self) -> contracts.UsageReport:
        report = await _run(
            MaintenanceActivities.update_usage_stats, "Compute usage per owner and day"
        )
        workflow.set_current_details(f"{report.owners} owners over {report.days} days")
        return report


@workflow.defn(name=contracts.HEALTH_WORKFLOW, versioning_behavior=PINNED)
class HealthCheckWorkflow:
    @workflow.run
    async def run(self) -> list[contracts.Condition]:
        workflow.patched(TYPED_ACTIVITY_INPUTS)  # decided as the run starts
        conditions = await _run(MaintenanceActivities.check_health, "Check dependencies")
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
