"""With a backlog, urgent guidelines start before normal ones (Temporal task priority)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client
from temporalio.worker import Worker

from activities.deps import ActivityDeps
from api.submission import start_guideline_workflow
from cpg2pvg.lifecycle import Priority
from cpg2pvg.settings import Settings
from db.models import GuidelineEvent
from tests.workflows.helpers import new_guideline
from worker import WORKFLOWS, Workers, activities_for, build_cpu_worker


async def test_urgent_work_is_started_before_a_normal_backlog(
    stack_settings: Settings, deps: ActivityDeps, sessions: async_sessionmaker[AsyncSession]
) -> None:
    settings = stack_settings.model_copy(update={"task_queue": "cpg2pvg-priority"})
    client = await Client.connect(settings.temporal_target)
    text = b"# Rest\n\n## Major Recommendations\n\n- Adults should sleep 7 hours a night.\n"
    backlog = []
    for priority in [Priority.NORMAL] * 6 + [Priority.LOW] + [Priority.URGENT]:
        guideline = await new_guideline(sessions, text, "rest.md")
        guideline.priority = priority.value
        await start_guideline_workflow(client, settings, guideline)
        backlog.append((guideline.id, priority))

    # One workflow task and one activity at a time, so the queue order is what we see.
    worker = Worker(
        client,
        task_queue=settings.task_queue,
        workflows=list(WORKFLOWS),
        activities=activities_for(deps),
        max_concurrent_workflow_tasks=2,  # the SDK's minimum
        max_concurrent_activities=1,
        max_concurrent_local_activities=1,
        graceful_shutdown_timeout=timedelta(seconds=5),
    )
    one_step = settings.model_copy(update={"worker_cpu_slots": 1})
    handles = [client.get_workflow_handle(f"guideline-{gid}") for gid, _ in backlog]
    async with Workers(worker, build_cpu_worker(client, one_step, deps)):
        for handle in handles:
            await handle.result()

    ids = [gid for gid, _ in backlog]
    async with sessions() as session:
        first_stage = (
            await session.execute(
                select(GuidelineEvent.guideline_id)
                .where(GuidelineEvent.guideline_id.in_(ids), GuidelineEvent.stage == "parsing")
                .order_by(GuidelineEvent.id)
            )
        ).scalars().all()
    order = [dict(backlog)[gid] for gid in first_stage]
    # The worker polls with two slots, so the urgent one is among the first two to start
    # (not seventh, as its arrival would have it); the low one starts last.
    assert Priority.URGENT in order[:2], order
    assert order[-1] is Priority.LOW, order
