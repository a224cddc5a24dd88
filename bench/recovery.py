"""Recovery: SIGKILL the worker while a long activity runs; how soon it runs again, and
how many activity executions were redone.

One very large generated guideline makes ``generate_pvg`` take many seconds. While it
runs, the worker and its process pool are SIGKILLed and a new worker started at once;
Temporal notices the lost attempt when its heartbeat times out (10 s, workflows/policies.py)
and retries it. The figures come from the workflow's own record: the retried attempt's
start (describe) and, at the end, the attempt of every activity in the history.

    .venv/bin/python -m bench.recovery [--size-mb 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from bench.common import machine, save, table
from bench.stack import ROOT, BenchStack, bench_stack
from workflows.policies import DOCUMENT_WORK


def large_document(size_mb: float) -> bytes:
    """A valid guideline of about ``size_mb`` MB: many sections of graded recommendations."""
    lines = ["# Large benchmark guideline", ""]
    size, n = 0, 0
    while size < size_mb * 2**20:
        block = [
            f"## Section {n}",
            "",
            f"- Adults aged 40 to 75 years with risk factor {n} should be offered a statin "
            f"(B recommendation).",
            f"- Clinicians should discuss the benefits and harms of screening test {n} with "
            f"patients before ordering it (C recommendation).",
            "",
        ]
        lines += block
        size += sum(len(line) + 1 for line in block)
        n += 1
    return "\n".join(lines).encode()


def start_worker(stack: BenchStack) -> subprocess.Popen[bytes]:
    env = json.loads((stack.data_dir / "worker-env.json").read_text())
    log = (stack.data_dir / "worker.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "worker.py"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=log,
        start_new_session=True,  # its own process group: the pool dies with it
    )


def kill_worker(worker: subprocess.Popen[bytes]) -> None:
    os.killpg(worker.pid, signal.SIGKILL)
    worker.wait()


async def pending_generate(client: Client, workflow_id: str) -> tuple[int, datetime | None]:
    """(attempt, last started) of the pending generate activity, or (0, None)."""
    description = await client.get_workflow_handle(workflow_id).describe()
    for activity in description.raw_description.pending_activities:
        if activity.activity_type.name == "generate_pvg":
            started = activity.last_started_time
            when = started.ToDatetime(UTC) if started.seconds else None
            return activity.attempt, when
    return 0, None


async def attempts(client: Client, workflow_id: str) -> list[dict[str, Any]]:
    """Every activity (and local activity) of the run and the attempt that finished it."""
    rows, scheduled = [], {}
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    for event in history.events:
        if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED:
            scheduled[event.event_id] = event.activity_task_scheduled_event_attributes
        elif event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
            attrs = event.activity_task_started_event_attributes
            name = scheduled[attrs.scheduled_event_id].activity_type.name
            rows.append({"activity": name, "attempt": attrs.attempt})
    return rows


async def measure(stack: BenchStack, size_mb: float, within: float) -> dict[str, Any]:
    client = await Client.connect(stack.temporal_address)
    worker = start_worker(stack)
    try:
        with stack.client() as http:
            doc = large_document(size_mb)
            response = http.post("/v1/guidelines", files={"file": ("large.md", doc)})
            response.raise_for_status()
            gid, workflow_id = response.json()["id"], response.json()["workflow_id"]
            deadline = time.monotonic() + within
            while (await pending_generate(client, workflow_id))[1] is None:
                if time.monotonic() > deadline:
                    raise TimeoutError("generate_pvg never started")
                await asyncio.sleep(0.2)
            await asyncio.sleep(2)  # well inside the activity
            killed_at = datetime.now(UTC)
            kill_worker(worker)
            worker = start_worker(stack)
            restarted = None
            while restarted is None:
                attempt, started = await pending_generate(client, workflow_id)
                if attempt >= 2 and started is not None and started > killed_at:
                    restarted = started
                if time.monotonic() > deadline:
                    raise TimeoutError("generate_pvg did not run again")
                await asyncio.sleep(0.1)
            while http.get(f"/v1/guidelines/{gid}").json()["status"] not in (
                "completed",
                "failed",
                "needs_review",
            ):
                if time.monotonic() > deadline:
                    raise TimeoutError("the guideline did not finish")
                await asyncio.sleep(0.5)
            status = http.get(f"/v1/guidelines/{gid}").json()["status"]
        runs = await attempts(client, workflow_id)
    finally:
        kill_worker(worker)
    heartbeat = DOCUMENT_WORK.heartbeat.total_seconds() if DOCUMENT_WORK.heartbeat else None
    return {
        "document_mb": round(len(doc) / 2**20, 2),
        "final_status": status,
        "heartbeat_timeout_s": heartbeat,
        "seconds_until_activity_ran_again": round((restarted - killed_at).total_seconds(), 2),
        "target_s": heartbeat + 5 if heartbeat else None,
        "activity_executions": len(runs),
        "activity_executions_redone": sum(r["attempt"] - 1 for r in runs),
        "attempts": runs,
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=3.0)
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args(argv)
    result: dict[str, Any] = {"machine": machine()}
    with bench_stack(
        {"CPG2PVG_MAX_UPLOAD_BYTES": str(64 * 2**20)}, worker_variant="external"
    ) as stack:
        result.update(asyncio.run(measure(stack, args.size_mb, args.timeout)))
    save("recovery", result)
    summary = {k: v for k, v in result.items() if k not in ("attempts", "machine")}
    print(table("recovery after SIGKILL of the worker during generate_pvg", [summary]))
    print(table("attempts per activity", result["attempts"]))
    return result


if __name__ == "__main__":
    main()
