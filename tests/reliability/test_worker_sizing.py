"""Workers sized to their work: CPU steps on their own queue with one slot per pool process,
workers of one process drained together, and a health endpoint whose liveness fails when
the pool or polling does."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import activity, workflow
from temporalio.api.enums.v1 import EventType, PendingActivityState
from temporalio.client import Client
from temporalio.worker import Worker

from cpg2pvg import contracts
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.settings import Settings
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.workflows.helpers import local_activities, new_guideline, start
from worker import Workers, activity_deps, build_workers, cpu_slots, health_of

CPU_STEPS = {contracts.PARSE_DOCUMENT, contracts.GENERATE_PVG}


def test_cpu_worker_takes_as_many_steps_as_its_pool_has_processes(settings: Settings) -> None:
    for processes in (1, 3):
        sized = settings.model_copy(update={"worker_processes": processes})
        assert cpu_slots(sized) == processes
    assert cpu_slots(settings.model_copy(update={"worker_cpu_slots": 5})) == 5


async def test_cpu_steps_run_on_the_cpu_queue_with_slots_equal_to_pool_processes(
    dev_client: Client, settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    run = settings.model_copy(
        update={"task_queue": "cpg2pvg-tests-sizing", "worker_processes": 2}
    )
    guideline = await new_guideline(sessions, corpus_file(SMALL_GUIDELINE).read_bytes(), "g.md")
    async with activity_deps(run) as deps, build_workers(dev_client, run, deps) as group:
        orchestration, cpu = group.workers
        assert cpu.task_queue == "cpg2pvg-tests-sizing-cpu"
        assert cpu.config()["max_concurrent_activities"] == 2
        handle = await start(dev_client, run, guideline)
        result = await asyncio.wait_for(handle.result(), 120)
    assert result.status == "completed"

    queues: dict[str, str] = {}
    started_by: dict[int, str] = {}
    scheduled: dict[int, str] = {}
    async for event in handle.fetch_history_events():
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            attrs = event.activity_task_scheduled_event_attributes
            queues[attrs.activity_type.name] = attrs.task_queue.name
            scheduled[event.event_id] = attrs.activity_type.name
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            attrs2 = event.activity_task_started_event_attributes
            started_by[attrs2.scheduled_event_id] = attrs2.identity
    assert {name: queues[name] for name in CPU_STEPS} == dict.fromkeys(
        CPU_STEPS, "cpg2pvg-tests-sizing-cpu"
    )
    # Quality control and the outcome's record are local activities of the orchestration
    # worker: no task on any queue (quality control still waits for a pool process).
    assert set(queues) == CPU_STEPS
    history = await handle.fetch_history()
    assert local_activities(history) == [contracts.QUALITY_CONTROL, contracts.RECORD_NOTIFICATION]
    assert orchestration.task_queue == "cpg2pvg-tests-sizing"


async def _get(port: int, path: str) -> httpx.Response:
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
        return await http.get(path)


async def test_health_is_ready_when_both_workers_run_and_not_live_once_the_pool_breaks(
    dev_client: Client, settings: Settings
) -> None:
    run = settings.model_copy(update={"task_queue": "cpg2pvg-tests-health"})
    port = free_port()
    async with activity_deps(run) as deps:
        group = build_workers(dev_client, run, deps)
        async with group:
            health = health_of(dev_client, group, deps)
            server = await health.serve("127.0.0.1", port)
            watching = asyncio.create_task(health.watch_polls(every=0.5))
            try:
                ready = await _get(port, "/readyz")
                assert ready.status_code == 200, ready.text
                live = await _get(port, "/livez")
                assert live.status_code == 200, live.text
                assert live.json() == {"live": True, "problems": []}

                # The server reports our polls on both queues.
                async def polls_seen() -> bool:
                    return all(s.last_poll_seen is not None for s in health.served)

                await wait_until(polls_seen, timeout=30)

                deps.cpu_pool.close()  # no CPU step can run here any more
                broken = await _get(port, "/livez")
                assert broken.status_code == 503
                assert broken.json()["problems"] == ["the process pool is closed"]
            finally:
                watching.cancel()
                server.close()


async def test_liveness_fails_when_a_worker_stops_or_its_polls_go_unseen(
    dev_client: Client, settings: Settings
) -> None:
    run = settings.model_copy(update={"task_queue": "cpg2pvg-tests-health-polls"})
    port = free_port()
    async with activity_deps(run) as deps:
        group = build_workers(dev_client, run, deps)
        async with group:
            health = health_of(dev_client, group, deps)
            server = await health.serve("127.0.0.1", port)
            try:
                assert (await _get(port, "/livez")).status_code == 200
                _, cpu = group.workers
                await cpu.shutdown()  # its task ends: nothing polls the CPU queue any more
                stopped = await _get(port, "/livez")
                assert stopped.status_code == 503
                assert "the worker of cpg2pvg-tests-health-polls-cpu has stopped" in (
                    stopped.json()["problems"]
                )
                assert (await _get(port, "/readyz")).status_code == 503

                # Polls unseen for longer than the limit fail liveness too.
                health.stale_after = 0.2
                health.started = time.monotonic() - 1
                for served in health.served:
                    served.last_poll_seen = None
                unseen = (await _get(port, "/livez")).json()["problems"]
                assert "no poll of cpg2pvg-tests-health-polls seen for 1 s" in unseen
            finally:
                server.close()


@activity.defn(name="sizing_long_step")
async def long_step() -> None:
    await asyncio.sleep(60)  # ends when cancelled: after the worker's grace


@workflow.defn(name="SizingTwoQueues", sandboxed=False)
class TwoQueues:
    @workflow.run
    async def run(self, queues: list[str]) -> None:
        await asyncio.gather(
            *(
                workflow.execute_activity(
                    long_step, task_queue=queue, start_to_close_timeout=timedelta(minutes=2)
                )
                for queue in queues
            )
        )


async def test_workers_of_one_process_drain_together_within_one_grace(
    dev_client: Client,
) -> None:
    """Each has a step in flight that outlasts the grace: one after the other they would
    take two graces, past the platform's SIGKILL; together they take one."""
    grace = timedelta(seconds=2)
    queues = ["cpg2pvg-tests-drain-a", "cpg2pvg-tests-drain-b"]
    group = Workers(
        *(
            Worker(
                dev_client,
                task_queue=queue,
                workflows=[TwoQueues] if i == 0 else [],
                activities=[long_step],
                graceful_shutdown_timeout=grace,
            )
            for i, queue in enumerate(queues)
        )
    )
    async with group:
        handle = await dev_client.start_workflow(
            TwoQueues.run, queues, id=f"drain-{uuid.uuid4()}", task_queue=queues[0]
        )

        async def both_running() -> bool:
            described = await handle.describe()
            return len(described.raw_description.pending_activities) == 2 and all(
                a.state == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED
                for a in described.raw_description.pending_activities
            )

        await wait_until(both_running, timeout=30)
        began = time.monotonic()
        await group.shutdown()
        took = time.monotonic() - began
    await handle.terminate()
    assert grace.total_seconds() <= took < 2 * grace.total_seconds(), took
