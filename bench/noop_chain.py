"""Temporal's own floor: a chain of four no-op activities per workflow, on the stack's server.

It runs on the bench stack's own Temporal dev server (so the same settings as ``make run``:
file-backed SQLite in WAL mode, eager activities, the new matcher, one partition), with the
client and worker in this process, the same number of workflows started at once as the
pipeline's guidelines. What the pipeline adds to Temporal's work is then seen side by side:
its rate over this one, and events, visibility writes and CPU per workflow for both.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import psutil
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.worker import Worker

from bench.noop_workflow import NoopChain, noop_step
from bench.stack import BenchStack
from cpg2pvg.contracts import guideline_workflow_id

NOOP_QUEUE = "bench-noop"


async def history_figures(client: Client, workflow_ids: list[str]) -> dict[str, float]:
    """Mean history events and visibility writes per workflow (start, upserts, close).

    Every search-attribute upsert is a write to the visibility store besides the history
    event; so are the start and the close of a run.
    """
    events = upserts = size = 0
    for wid in workflow_ids:
        history = await client.get_workflow_handle(wid).fetch_history()
        events += len(history.events)
        size += sum(e.ByteSize() for e in history.events)
        upserts += sum(
            e.event_type == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES
            for e in history.events
        )
    n = max(1, len(workflow_ids))
    return {
        "history_events": round(events / n, 1),
        "stage_upserts": round(upserts / n, 1),
        "visibility_writes": round((upserts + 2 * len(workflow_ids)) / n, 1),
        "history_bytes": round(size / n),
    }


async def _run(stack: BenchStack, count: int) -> dict[str, Any]:
    client = await Client.connect(stack.temporal_address)
    me = psutil.Process()
    async with Worker(
        client, task_queue=NOOP_QUEUE, workflows=[NoopChain], activities=[noop_step]
    ):
        prefix = f"noop-{uuid.uuid4().hex[:8]}"
        await asyncio.gather(  # warm-up: the sandbox's first import, connections
            *(
                client.execute_workflow(
                    NoopChain.run, "w", id=f"{prefix}-warm-{n}", task_queue=NOOP_QUEUE
                )
                for n in range(2)
            )
        )
        cpu_before, mine_before = stack.cpu_seconds(), me.cpu_times()
        started = time.perf_counter()
        ids = [f"{prefix}-{n}" for n in range(count)]
        await asyncio.gather(
            *(client.execute_workflow(NoopChain.run, w, id=w, task_queue=NOOP_QUEUE) for w in ids)
        )
        seconds = time.perf_counter() - started
        cpu_after, mine_after = stack.cpu_seconds(), me.cpu_times()
    own = (mine_after.user + mine_after.system) - (mine_before.user + mine_before.system)
    cpu = {part: cpu_after[part] - cpu_before.get(part, 0.0) for part in cpu_after}
    return {
        "runner": "no-op 4-activity chain",
        "workflows": count,
        "seconds": round(seconds, 2),
        "workflows_per_second": round(count / seconds, 3),
        "cpu_ms_per_workflow": {
            "temporal": round(1000 * cpu.get("temporal", 0.0) / count, 1),
            "worker+client": round(1000 * own / count, 1),
        },
        **await history_figures(client, ids),
    }


def noop_chain(stack: BenchStack, count: int) -> dict[str, Any]:
    """``count`` no-op chains started at once, as the pipeline's guidelines are posted."""
    return asyncio.run(_run(stack, count))


def guideline_history(stack: BenchStack, guideline_ids: list[str]) -> dict[str, float]:
    """The same history figures for the pipeline's guideline workflows."""

    async def run() -> dict[str, float]:
        client = await Client.connect(stack.temporal_address)
        return await history_figures(client, [guideline_workflow_id(g) for g in guideline_ids])

    return asyncio.run(run())
