"""Worker Deployment Versioning: each workflow type's behaviour, and a versioned worker process
that takes work only once its version is current (on the dev server, in real time)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio import workflow
from temporalio.api.enums.v1 import VersioningBehavior as VersioningBehaviorProto
from temporalio.api.workflowservice.v1 import (
    DescribeWorkerDeploymentRequest,
    SetWorkerDeploymentCurrentVersionRequest,
)
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle
from temporalio.common import VersioningBehavior
from temporalio.service import RPCError

from cpg2pvg import contracts, versioning
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.workflows.helpers import new_guideline, start
from worker import WORKFLOWS, deployment_config

REPO = Path(__file__).resolve().parents[2]

CHOSEN = {
    "GuidelineWorkflow": VersioningBehavior.AUTO_UPGRADE,
    "BatchWorkflow": VersioningBehavior.AUTO_UPGRADE,
    "WebhookDelivery": VersioningBehavior.AUTO_UPGRADE,
    contracts.CLEANUP_WORKFLOW: VersioningBehavior.PINNED,
    contracts.PERFORMANCE_WORKFLOW: VersioningBehavior.PINNED,
    contracts.DATABASE_STATS_WORKFLOW: VersioningBehavior.PINNED,
    contracts.USAGE_STATS_WORKFLOW: VersioningBehavior.PINNED,
    contracts.HEALTH_WORKFLOW: VersioningBehavior.PINNED,
}


def _declared() -> dict[str, str]:
    declared = {}
    for cls in WORKFLOWS:
        defn = workflow._Definition.must_from_class(cls)
        behavior = defn.versioning_behavior or VersioningBehavior.UNSPECIFIED
        declared[defn.name or ""] = behavior.name
    return declared


def test_every_workflow_type_declares_its_versioning_behaviour_when_versioned() -> None:
    script = (
        "import json; from tests.workflows.test_versioning import _declared; "
        "print(json.dumps(_declared()))"
    )
    env = {**os.environ, versioning.BUILD_ID_VARIABLE: "2026.12.1"}
    shown = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=REPO, capture_output=True, text=True,
        check=True, timeout=120,
    ).stdout  # fmt: skip
    assert json.loads(shown) == {name: b.name for name, b in CHOSEN.items()}
    # Unversioned (as here), nothing is declared: the server refuses it from such a worker.
    assert set(_declared().values()) == {"UNSPECIFIED"}


def test_workers_are_unversioned_without_a_build_id(settings: Settings) -> None:
    assert deployment_config(settings) is None
    with pytest.raises(ValueError, match=versioning.BUILD_ID_VARIABLE):
        deployment_config(settings.model_copy(update={"worker_build_id": "2026.12.1"}))


async def _versioning(handle: WorkflowHandle) -> tuple[int, str]:
    info = (await handle.describe()).raw_description.workflow_execution_info.versioning_info
    return info.behavior, info.deployment_version.build_id


async def test_a_versioned_worker_waits_for_its_version_and_runs_each_type_as_chosen(
    dev_client: Client,
    dev_server: LocalTemporal,
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    deployment = f"cpg2pvg-test-{uuid.uuid4().hex[:8]}"
    run = settings.model_copy(
        update={
            "task_queue": f"cpg2pvg-tests-versioned-{uuid.uuid4().hex[:8]}",
            "worker_deployment_name": deployment,
            "worker_build_id": "build-1",
        }
    )
    client = dev_client
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "CPG2PVG_"))},
        "TEMPORAL_ADDRESS": dev_server.address,
        "CPG2PVG_DATABASE_URL": settings.sqlalchemy_url,
        "CPG2PVG_DATA_DIR": str(settings.data_dir),
        "CPG2PVG_TASK_QUEUE": run.task_queue,
        "CPG2PVG_WEBHOOK_SECRET": "test-webhook-secret",
        "CPG2PVG_PAYLOAD_CODEC": "false",
        "CPG2PVG_WORKER_PROCESSES": "1",
        "CPG2PVG_SYNC_SCHEDULES_ON_START": "false",
        "CPG2PVG_WORKER_DEPLOYMENT_NAME": deployment,
        "CPG2PVG_WORKER_BUILD_ID": "build-1",
    }
    worker = await asyncio.create_subprocess_exec(
        sys.executable, str(REPO / "worker.py"), env=env, cwd=REPO
    )
    try:

        async def registered() -> bool:
            try:
                described = await client.workflow_service.describe_worker_deployment(
                    DescribeWorkerDeploymentRequest(
                        namespace=client.namespace, deployment_name=deployment
                    )
                )
            except RPCError:
                return False  # not polled yet
            versions = described.worker_deployment_info.version_summaries
            return any(v.deployment_version.build_id == "build-1" for v in versions)

        await wait_until(registered, timeout=30, interval=0.2)
        stats = await client.start_workflow(
            contracts.DATABASE_STATS_WORKFLOW,
            id=f"versioned-stats-{uuid.uuid4()}",
            task_queue=run.task_queue,
        )
        await asyncio.sleep(3)
        described = await stats.describe()
        assert described.status == WorkflowExecutionStatus.RUNNING
        assert described.history_length <= 2, "a version not yet current took work"

        await client.workflow_service.set_worker_deployment_current_version(
            SetWorkerDeploymentCurrentVersionRequest(
                namespace=client.namespace, deployment_name=deployment, build_id="build-1"
            )
        )
        await asyncio.wait_for(stats.result(), timeout=60)
        content = corpus_file(SMALL_GUIDELINE).read_bytes()
        guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
        handle = await start(client, run, guideline)
        await asyncio.wait_for(handle.result(), timeout=120)
    finally:
        worker.terminate()
        try:
            await asyncio.wait_for(worker.wait(), timeout=30)
        except TimeoutError:
            worker.kill()
            await worker.wait()

    assert await _versioning(stats) == (
        VersioningBehaviorProto.VERSIONING_BEHAVIOR_PINNED,
        "build-1",
    )
    assert await _versioning(handle) == (
        VersioningBehaviorProto.VERSIONING_BEHAVIOR_AUTO_UPGRADE,
        "build-1",
    )
