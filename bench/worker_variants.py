"""Changed workers, to measure a change before it is made in worker.py or activities/.

``python -m bench.worker_variants NAME`` runs worker.py's ``main`` with ``build_worker``
swapped for the variant's; bench/stack_main.py starts it in place of worker.py. Every
variant registers the same workflows and activities under the same names.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import timedelta

from temporalio.client import Client
from temporalio.worker import PollerBehaviorAutoscaling, UnsandboxedWorkflowRunner, Worker
from temporalio.worker.workflow_sandbox import SandboxedWorkflowRunner, SandboxRestrictions

import worker
from activities.deps import ActivityDeps
from activities.llm import LlmActivities
from cpg2pvg import contracts, signing
from cpg2pvg.settings import Settings

# Modules the workflows import that are deterministic and safe to share between runs:
# passed through, they are imported once per worker instead of once per workflow run.
PASSTHROUGH = ("cpg2pvg", "domain", "pydantic", "pydantic_core", "annotated_types")


def _worker(client: Client, settings: Settings, deps: ActivityDeps, **options: object) -> Worker:
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=list(worker.WORKFLOWS),
        activities=worker.activities_for(deps),
        graceful_shutdown_timeout=timedelta(seconds=settings.worker_shutdown_grace_seconds),
        **options,  # type: ignore[arg-type]
    )


# worker.py's own, kept before main() puts the chosen variant in its place.
_BUILD_WORKER = worker.build_worker


def baseline(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """worker.py's worker, started the way every variant is (to tell the launch apart)."""
    return _BUILD_WORKER(client, settings, deps)


def passthrough(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """The sandbox kept, first-party and pydantic modules passed through."""
    restrictions = SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH)
    return _worker(
        client, settings, deps, workflow_runner=SandboxedWorkflowRunner(restrictions=restrictions)
    )


def passthrough_workflows(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """As ``passthrough``, and the workflow modules too: no module is imported per run."""
    restrictions = SandboxRestrictions.default.with_passthrough_modules(*PASSTHROUGH, "workflows")
    return _worker(
        client, settings, deps, workflow_runner=SandboxedWorkflowRunner(restrictions=restrictions)
    )


def unsandboxed(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """No sandbox at all: the ceiling for what the sandbox costs (not a recommendation)."""
    return _worker(client, settings, deps, workflow_runner=UnsandboxedWorkflowRunner())


def slots(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """Take only as many activities as the pool can run (plus one queued each), so the
    worker's event loop is not busy with work that only waits for a process."""
    return _worker(client, settings, deps, max_concurrent_activities=2 * settings.worker_processes)


def pollers(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """worker.py's orchestration worker with workflow-task pollers scaled by the server's
    backlog hints (up to 100) instead of at most 5, one of them for new runs' first tasks."""
    signing.trust(settings.review_signing_key())
    return Worker(
        client,
        task_queue=settings.task_queue,
        workflows=list(worker.WORKFLOWS),
        activities=worker.activities_for(deps),
        interceptors=worker.worker_interceptors(),
        graceful_shutdown_timeout=timedelta(seconds=settings.worker_shutdown_grace_seconds),
        deployment_config=worker.deployment_config(settings),
        workflow_task_poller_behavior=PollerBehaviorAutoscaling(),
    )


def pollers_llm(client: Client, settings: Settings, deps: ActivityDeps) -> Worker:
    """worker.py's language-model worker with activity pollers scaled the same way."""
    return Worker(
        client,
        task_queue=contracts.llm_task_queue(settings.task_queue),
        activities=[LlmActivities(deps).generate_pvg_llm],
        max_task_queue_activities_per_second=settings.llm_requests_per_second,
        interceptors=worker.worker_interceptors(),
        graceful_shutdown_timeout=timedelta(seconds=settings.worker_shutdown_grace_seconds),
        deployment_config=worker.deployment_config(settings),
        activity_task_poller_behavior=PollerBehaviorAutoscaling(),
    )


# Variants that also replace the language-model worker (worker.build_llm_worker).
LLM_VARIANTS: dict[str, Callable[[Client, Settings, ActivityDeps], Worker]] = {
    "pollers": pollers_llm,
}

VARIANTS: dict[str, Callable[[Client, Settings, ActivityDeps], Worker]] = {
    "baseline": baseline,
    "passthrough": passthrough,
    "passthrough-workflows": passthrough_workflows,
    "unsandboxed": unsandboxed,
    "slots": slots,
    "pollers": pollers,
}


def main() -> None:
    name = sys.argv[1] if len(sys.argv) > 1 else "baseline"
    if name not in VARIANTS:
        raise SystemExit(f"unknown worker variant {name!r}; one of {', '.join(VARIANTS)}")
    worker.build_worker = VARIANTS[name]  # type: ignore[assignment]
    if name in LLM_VARIANTS:
        worker.build_llm_worker = LLM_VARIANTS[name]  # type: ignore[assignment]
    worker.main()


if __name__ == "__main__":
    main()
