"""The worker process: guideline workflows and their bookkeeping on the task queue, CPU
steps on its ``-cpu`` queue (as many at once as the process pool runs), language-model
calls on its ``-llm`` queue.

Start more of these (on more machines) to scale out; they share the queues.
"""

from __future__ import annotations

import asyncio
import compileall
import contextlib
import logging
import signal
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from temporalio.api.enums.v1 import TaskQueueType
from temporalio.client import Client
from temporalio.common import WorkerDeploymentVersion
from temporalio.worker import Interceptor, Worker, WorkerDeploymentConfig

import workflows
from activities.batches import BatchActivities
from activities.deps import ActivityDeps
from activities.errors import DataErrorInterceptor
from activities.llm import LlmActivities
from activities.maintenance import MaintenanceActivities
from activities.notify import NotifyActivities
from activities.pipeline import PipelineActivities
from activities.process_pool import ProcessPool
from cpg2pvg import contracts, signing, telemetry, versioning
from cpg2pvg.logs import configure_logging
from cpg2pvg.ops import schedules
from cpg2pvg.ops.worker_health import Served, WorkerHealth
from cpg2pvg.settings import Settings, get_settings
from cpg2pvg.temporal import connect
from db.session import make_engine, make_sessionmaker
from workflows.registry import WORKFLOWS

log = logging.getLogger("cpg2pvg.worker")



def activities_for(deps: ActivityDeps) -> list[Any]:
    pipeline = PipelineActivities(deps)
    notify = NotifyActivities(deps)
    batches = BatchActivities(deps)
    maintenance = MaintenanceActivities(deps)
    return [
        batches.batch_page,
        batches.finish_batch,
        batches.guideline_status,
        pipeline.parse_document,
        pipeline.generate_pvg,
        pipeline.quality_control,
        pipeline.record_stage,
        pipeline.save_review,
        notify.notify,
        notify.record_notification,
        notify.deliver_webhook,
        notify.close_delivery,
        maintenance.cleanup_expired,
        maintenance.update_database_stats,
        maintenance.update_usage_stats,
        maintenance.sample_performance,
        maintenance.check_health,
        maintenance.record_conditions,
        maintenance.send_alert,
    ]


@asynccontextmanager
async def activity_deps(settings: Settings) -> AsyncIterator[ActivityDeps]:
    engine = make_engine(settings.sqlalchemy_url, pre_ping=False)
    pool = ProcessPool(settings.worker_processes)
    try:
        async with httpx.AsyncClient() as http:
            telemetry.instrument_http(http)
            yield ActivityDeps(
                settings=settings, sessions=make_sessionmaker(engine), cpu_pool=pool, http=http
            )
    finally:
        pool.close()
        await engine.dispose()


def worker_interceptors() -> list[Interceptor]:
    """Besides those inherited from the client (tracing, guideline context)."""
    return [DataErrorInterceptor()]


def deployment_config(settings: Settings) -> WorkerDeploymentConfig | None:
    """With a build id, the worker is one version of the Worker Deployment: pinned runs stay
    on the build that started them, the others move to the current version (each workflow
    type's ``versioning_behavior``)."""
    if not settings.worker_build_id:
        return None
    if not versioning.VERSIONED:
        raise ValueError(
            f"a worker build id needs {versioning.BUILD_ID_VARIABLE} in the environment when "
            "the process starts: the workflow types declare their versioning behaviour then"
        )
    return WorkerDeploymentConfig(
        version=WorkerDeploymentVersion(
            deployment_name=settings.worker_deployment_name, build_id=settings.worker_build_id
        ),
        use_worker_versioning=True,
    )


def build_worker(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    signing.trust(settings.review_signing_key())  # review decisions signed by our API
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=list(WORKFLOWS),
        activities=activities_for(deps),
        interceptors=worker_interceptors(),
        graceful_shutdown_timeout=timedelta(seconds=settings.worker_shutdown_grace_seconds),
        deployment_config=deployment_config(settings),
    )


def cpu_slots(settings: Settings) -> int:
    return max(1, settings.worker_cpu_slots or settings.worker_processes)


def build_cpu_worker(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """Parse, generate and quality control, on the CPU queue: a replica takes only the
    steps its pool can run now, so a backlog waits on the server for whichever replica
    frees a process first. The orchestration worker still serves these activities for
    runs started before the CPU queue (workflows/patches.py, CPU_STEPS_OWN_QUEUE), and
    runs quality control itself, as a local activity, from SHORT_STEPS_LOCAL on (and a
    small document's parse from SMALL_PARSE_LOCAL on)."""
    pipeline = PipelineActivities(deps)
    return Worker(
        client,
        task_queue=contracts.cpu_task_queue(settings.task_queue),
        activities=[pipeline.parse_document, pipeline.generate_pvg, pipeline.quality_control],
        max_concurrent_activities=cpu_slots(settings),
        interceptors=worker_interceptors(),
        graceful_shutdown_timeout=timedelta(seconds=settings.worker_shutdown_grace_seconds),
    )


def build_llm_worker(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """Language-model calls only, on their own queue: the server holds every worker of
    that queue together to ``llm_requests_per_second``, which is the provider's limit.
    ``llm_max_concurrent_requests`` bounds the requests one worker has open; it takes twice
    as many activities, so one guideline is loaded or checked beside each open request and
    the provider is never left idle between them."""
    requests = settings.llm_max_concurrent_requests
    return Worker(
        client,
        task_queue=contracts.llm_task_queue(settings.task_queue),
        activities=[LlmActivities(deps).generate_pvg_llm],
        max_task_queue_activities_per_second=settings.llm_requests_per_second,
        max_concurrent_activities=2 * requests if requests else None,
        interceptors=worker_interceptors(),
        graceful_shutdown_timeout=timedelta(seconds=settings.worker_shutdown_grace_seconds),
        deployment_config=deployment_config(settings),
    )


class Workers:
    """Several Temporal workers of one process, run together and shut down together: on
    SIGTERM each drains at once, so the process stops within one grace period."""

    def __init__(self, *workers: Worker) -> None:
        self.workers = workers
        self.tasks: list[asyncio.Task[None]] = []

    async def __aenter__(self) -> Workers:
        self.tasks = [asyncio.create_task(w.run(), name=w.task_queue) for w in self.workers]
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.shutdown()

    async def shutdown(self) -> None:
        await asyncio.gather(*(w.shutdown() for w in self.workers))
        for task in self.tasks:
            if task.done() and not task.cancelled() and task.exception() is not None:
                log.error("the worker of %s failed", task.get_name(), exc_info=task.exception())

    async def ended(self) -> None:
        """Returns when any of them ends on its own (a fatal error)."""
        await asyncio.wait(self.tasks, return_when=asyncio.FIRST_COMPLETED)


def build_workers(
    client: Client, settings: Settings, deps: ActivityDeps, *, llm: bool = False
) -> Workers:
    """The orchestration worker and the CPU worker (and the language-model worker)."""
    workers = [build_worker(client, settings, deps), build_cpu_worker(client, settings, deps)]
    if llm:
        workers.append(build_llm_worker(client, settings, deps))
    return Workers(*workers)


def health_of(client: Client, group: Workers, deps: ActivityDeps) -> WorkerHealth:
    workflow = TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW
    activity = TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY
    served = [
        Served(w, (workflow, activity) if i == 0 else (activity,), task=t)
        for i, (w, t) in enumerate(zip(group.workers, group.tasks, strict=True))
    ]
    return WorkerHealth(
        client, served, deps.cpu_pool, stale_after=deps.settings.worker_poll_stale_seconds
    )


async def sync_schedules(client: Client, settings: Settings) -> None:
    """Bring the maintenance schedules up to date; a failure is logged, never fatal."""
    if not settings.sync_schedules_on_start:
        return
    try:
        async with asyncio.timeout(30):
            outcome = await schedules.sync(client, settings)
        log.info("schedules synced: %s", ", ".join(f"{k} {v}" for k, v in outcome.items()))
        for schedule_id, failure in schedules.failures(outcome).items():
            log.warning(
                "schedule %s not synced (%s); run `cpg2pvg schedules sync`", schedule_id, failure
            )
    except Exception:
        log.exception("could not sync the maintenance schedules; run `cpg2pvg schedules sync`")


async def run(settings: Settings) -> None:
    telemetry.configure_tracing("cpg2pvg-worker")
    telemetry.instrument_database()
    client = await connect(settings, runtime=telemetry.worker_runtime(settings))
    await sync_schedules(client, settings)
    async with activity_deps(settings) as deps:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        group = build_workers(client, settings, deps, llm=True)
        log.info(
            "worker polling task queue %s (CPU steps: %s, %d at once)",
            settings.task_queue,
            contracts.cpu_task_queue(settings.task_queue),
            cpu_slots(settings),
        )
        async with group:
            health = health_of(client, group, deps)
            background: list[asyncio.Task[None]] = []
            server = None
            if settings.worker_health_port:  # the server is asked about polls only then
                background.append(asyncio.create_task(health.watch_polls()))
                host, port = settings.worker_health_host, settings.worker_health_port
                server = await health.serve(host, port)
            stopping = asyncio.create_task(stop.wait())
            ended = asyncio.create_task(group.ended())
            await asyncio.wait({stopping, ended}, return_when=asyncio.FIRST_COMPLETED)
            health.stopping = True
            if ended.done():
                log.error("a worker ended on its own: stopping the others")
                failed = True
            else:
                log.info("shutting down: letting activities in flight finish")
                failed = False
            for task in (stopping, ended, *background):
                task.cancel()
            if server is not None:
                server.close()
        if failed:
            raise SystemExit(1)


def precompile_workflow_modules() -> None:
    """Write the workflow modules' bytecode once, at start.

    The sandbox imports them afresh for every workflow run; where bytecode is not written
    (PYTHONDONTWRITEBYTECODE, as in our image) each run would compile them from source,
    which was 5 % of the worker's CPU. Only a cache: a read-only tree just goes without.
    """
    with contextlib.suppress(OSError):
        compileall.compile_dir(Path(workflows.__file__).parent, quiet=2)


def main() -> None:
    precompile_workflow_modules()
    settings = get_settings()
    configure_logging(settings, "worker")
    try:
        asyncio.run(run(settings))
    finally:
        telemetry.shutdown_tracing()  # flush the last spans


if __name__ == "__main__":
    main()
