"""A batch of many small guidelines on the local stack (file-backed Temporal state).

Prints and writes (bench/results/batch_scale.json): items per second, the longest history
of any run (the batch's runs and every child), worker peak memory, and the latency of the
batch status over HTTP and of the batch workflow's progress query while it runs.

    .venv/bin/python -m bench.batch_scale --items 10000
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import threading
import time
from pathlib import Path
from typing import Any

import httpx
from temporalio.client import WorkflowQueryFailedError
from temporalio.service import RPCError

from bench.stack import BENCH_KEY, BenchStack, bench_stack
from cpg2pvg.temporal import connect

RESULTS = Path(__file__).resolve().parent / "results"


def small_document(n: int) -> bytes:
    return (
        f"# Walking advice {n}\n\n## Major Recommendations\n\n"
        f"- Adults aged 18 to 64 years should walk {10 + n % 50} minutes a day "
        f"(B recommendation).\n- Do not smoke (A recommendation).\n"
    ).encode()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class MemorySampler(threading.Thread):
    def __init__(self, stack: BenchStack) -> None:
        super().__init__(daemon=True)
        self.stack, self.peak, self.stop = stack, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.5):
            self.peak = max(self.peak, self.stack.worker_rss_bytes())


async def histories(stack: BenchStack, batch_id: str) -> dict[str, Any]:
    client = await connect(stack.settings())
    batch_runs = [
        w.history_length async for w in client.list_workflows(f"WorkflowId='batch-{batch_id}'")
    ]
    children = [w.history_length async for w in client.list_workflows(f"BatchId='{batch_id}'")]
    return {
        "batch_runs": len(batch_runs),
        "max_events_batch_run": max(batch_runs),
        "children": len(children),
        "max_events_child": max(children, default=0),
        "median_events_child": statistics.median(children) if children else 0,
    }


async def follow(stack: BenchStack, batch_id: str) -> tuple[dict, list[float], list[float]]:
    """Poll the batch over HTTP and query its workflow until it is no longer running."""
    client = await connect(stack.settings())
    status_latency: list[float] = []
    query_latency: list[float] = []
    async with httpx.AsyncClient(
        base_url=stack.api_url, headers={"Authorization": f"Bearer {BENCH_KEY}"}, timeout=600
    ) as http:
        while True:
            t = time.perf_counter()
            batch = (await http.get(f"/v1/batches/{batch_id}")).raise_for_status().json()
            status_latency.append(time.perf_counter() - t)
            if batch["status"] != "running":
                return batch, status_latency, query_latency
            t = time.perf_counter()
            # A query can miss while the batch is between two continue-as-new runs.
            with contextlib.suppress(RPCError, WorkflowQueryFailedError):
                await client.get_workflow_handle(f"batch-{batch_id}").query("progress")
                query_latency.append(time.perf_counter() - t)
            await asyncio.sleep(2)


def run(items: int, concurrency: int) -> dict[str, Any]:
    env = {"CPG2PVG_BATCH_MAX_CONCURRENCY": str(concurrency)}
    with bench_stack(env) as stack, stack.client() as http:
        sampler = MemorySampler(stack)
        sampler.start()
        files = [("files", (f"walk-{n}.md", small_document(n))) for n in range(items)]
        started = time.perf_counter()
        response = http.post("/v1/batches", files=files)
        response.raise_for_status()
        submitted = time.perf_counter() - started
        batch_id = response.json()["id"]
        batch, status_latency, query_latencies = asyncio.run(follow(stack, batch_id))
        elapsed = time.perf_counter() - started
        sampler.stop.set()
        history = asyncio.run(histories(stack, batch_id))
        return {
            "items": items,
            "max_concurrency": concurrency,
            "completed": batch["completed"],
            "failed": batch["failed"],
            "submit_seconds": round(submitted, 2),
            "total_seconds": round(elapsed, 1),
            "items_per_second": round(items / elapsed, 2),
            **history,
            "worker_peak_rss_mb": round(sampler.peak / 2**20, 1),
            "status_http_p50_ms": round(1000 * percentile(status_latency, 0.5), 1),
            "status_http_p95_ms": round(1000 * percentile(status_latency, 0.95), 1),
            "progress_query_p50_ms": round(1000 * percentile(query_latencies, 0.5), 1),
            "progress_query_p95_ms": round(1000 * percentile(query_latencies, 0.95), 1),
        }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args(argv)
    result = run(args.items, args.concurrency)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "batch_scale.json").write_text(json.dumps(result, indent=2))
    width = max(len(k) for k in result)
    print("\nbatch scale")
    for key, value in result.items():
        print(f"  {key.ljust(width)}  {value}")
    return result


if __name__ == "__main__":
    main()
