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

from temporalio.client import Client

from bench.stack import BenchStack, bench_stack

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


async def histories(address: str, batch_id: str) -> dict[str, Any]:
    client = await Client.connect(address)
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


async def query_latency(address: str, batch_id: str) -> float:
    client = await Client.connect(address)
    handle = client.get_workflow_handle(f"batch-{batch_id}")
    started = time.perf_counter()
    await handle.query("progress")
    return time.perf_counter() - started


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
        status_latency, query_latencies = [], []
        while True:
            t = time.perf_counter()
            batch = http.get(f"/v1/batches/{batch_id}").raise_for_status().json()
            status_latency.append(time.perf_counter() - t)
            # A query may miss while the batch is between continue-as-new runs.
            with contextlib.suppress(Exception):
                query_latencies.append(asyncio.run(query_latency(stack.temporal_address, batch_id)))
            if batch["status"] != "running":
                break
            time.sleep(2)
        elapsed = time.perf_counter() - started
        sampler.stop.set()
        history = asyncio.run(histories(stack.temporal_address, batch_id))
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
