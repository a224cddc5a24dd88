"""``cpg2pvg replay``: a history exported from a live cluster (the dev server) replays against
this build; a history the code no longer matches makes it exit 1."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from activities.deps import ActivityDeps
from cpg2pvg.ops.local.temporal import LocalTemporal, temporal_binary
from cpg2pvg.settings import Settings
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.workflows.helpers import make_worker, new_guideline, start

CLI = str(Path(sys.executable).parent / "cpg2pvg")


def _env(dev_server: LocalTemporal, data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEMPORAL_", "CPG2PVG_"))}
    env.update(
        TEMPORAL_ADDRESS=dev_server.address,
        CPG2PVG_PAYLOAD_CODEC="false",  # as the test workers write
        CPG2PVG_DATA_DIR=str(data_dir),
    )
    return env


async def _run(args: list[str], env: dict[str, str], cwd: Path) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *args,
        env=env,
        cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(process.communicate(), timeout=120)
    return process.returncode or 0, out.decode()


def _break(exported: dict) -> dict:
    """The same run as if the code had scheduled another activity first: what an activity
    added before an existing one does to every open run."""
    broken = json.loads(json.dumps(exported))
    for event in broken["events"]:
        attributes = event.get("activityTaskScheduledEventAttributes")
        if attributes:
            attributes["activityType"]["name"] = "an_activity_added_since"
            return broken
    raise AssertionError("the run scheduled no activity")


async def test_replay_checks_exported_and_fetched_histories_and_fails_a_broken_one(
    dev_client: Client,
    dev_server: LocalTemporal,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    run = settings.model_copy(update={"task_queue": f"cpg2pvg-tests-replay-{uuid.uuid4().hex[:8]}"})
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
    async with make_worker(dev_client, run, deps):
        handle = await start(dev_client, run, guideline)
        await asyncio.wait_for(handle.result(), timeout=120)
    env = _env(dev_server, tmp_path / "data")

    # What an operator exports from the cluster.
    code, shown = await _run(
        [temporal_binary(), "workflow", "show", "--workflow-id", handle.id,
         "--address", dev_server.address, "--output", "json"],
        env, tmp_path,
    )  # fmt: skip
    assert code == 0, shown
    exported = tmp_path / "exported.json"
    exported.write_text(shown)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(_break(json.loads(shown))))

    code, out = await _run([CLI, "replay", str(exported)], env, tmp_path)
    assert code == 0, out
    assert out.splitlines()[0].split()[:2] == ["ok", "exported"]

    code, out = await _run([CLI, "replay", str(exported), str(broken)], env, tmp_path)
    assert code == 1, out
    assert "FAILED broken" in out and "ok     exported" in out
    assert "Nondeterminism" in out, out
    assert "2 histories replayed, 1 failed" in out

    # Fetched from the cluster: by id, and by a visibility query.
    query = f"WorkflowId = '{handle.id}'"

    async def listed() -> bool:
        return [w.id async for w in dev_client.list_workflows(query)] == [handle.id]

    await wait_until(listed, timeout=30)
    code, out = await _run(
        [CLI, "replay", "--workflow-id", handle.id, "--query", query], env, tmp_path
    )
    assert code == 0, out
    assert out.count(f"ok     {handle.id}") == 2, out

    code, out = await _run([CLI, "replay"], env, tmp_path)
    assert code == 2 and "nothing to replay" in out
