"""Submission API latency: POST /v1/guidelines (50 KB) at 1, 8 and 32 concurrent clients.

Next to it, in the same run and stack, a trivial authenticated read
(``GET /v1/guidelines?limit=1``), so the cost of a submission (document stored, workflow
started on file-backed Temporal) is seen apart from the cost of any request. The worker is
paused (SIGSTOP) while measuring unless ``--worker-running``: on two cores it would
otherwise take the CPU the API needs, which says more about the machine than the API.

    .venv/bin/python -m bench.api_latency [--requests 200] [--concurrency 1 8 32]
"""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

import httpx
import psutil

from bench.common import machine, percentile, save, table
from bench.stack import BENCH_KEY, BenchStack, bench_stack


def document_50kb() -> bytes:
    """A guideline of about 50 KB: numbered recommendations under a few headings."""
    lines = ["# Physical activity for adults (benchmark document)", ""]
    n = 0
    while sum(len(line) + 1 for line in lines) < 50 * 1024:
        if n % 20 == 0:
            lines += ["", f"## Section {n // 20 + 1}", ""]
        lines.append(
            f"- Adults aged 18 to 64 years should do at least {150 + n} minutes of moderate "
            f"activity a week, spread over most days (B recommendation, item {n})."
        )
        n += 1
    return "\n".join(lines).encode()


@contextmanager
def worker_paused(stack: BenchStack, pause: bool) -> Iterator[None]:
    procs: list[psutil.Process] = []
    worker = stack.worker()
    if pause and worker is not None:
        procs = [worker, *worker.children(recursive=True)]
        for proc in procs:
            with suppress(psutil.NoSuchProcess):
                proc.suspend()
    try:
        yield
    finally:
        for proc in procs:
            with suppress(psutil.NoSuchProcess):
                proc.resume()


async def measure(
    api_url: str, method: str, path: str, body: bytes | None, clients: int, requests: int
) -> dict[str, Any]:
    """``requests`` calls shared by ``clients`` concurrent loops; latencies in ms."""
    latencies: list[float] = []
    errors = 0
    remaining = iter(range(requests))
    headers = {"Authorization": f"Bearer {BENCH_KEY}"}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(
        base_url=api_url, headers=headers, timeout=60, limits=limits
    ) as http:

        async def loop() -> None:
            nonlocal errors
            for n in remaining:
                started = time.perf_counter()
                if body is None:
                    response = await http.request(method, path)
                else:
                    files = {"file": (f"bench-{n}.md", body, "text/markdown")}
                    response = await http.request(method, path, files=files)
                latencies.append(1000 * (time.perf_counter() - started))
                errors += response.status_code >= 400

        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(loop() for _ in range(clients))), 900)
        seconds = time.perf_counter() - started
    return {
        "endpoint": f"{method} {path}",
        "clients": clients,
        "requests": requests,
        "errors": errors,
        "requests_per_second": round(requests / seconds, 1),
        "p50_ms": round(percentile(latencies, 0.50), 1),
        "p95_ms": round(percentile(latencies, 0.95), 1),
        "p99_ms": round(percentile(latencies, 0.99), 1),
    }


async def run_levels(
    stack: BenchStack, levels: list[int], requests: int, body: bytes
) -> list[dict[str, Any]]:
    read = ("GET", "/v1/guidelines?limit=1", None)
    submit = ("POST", "/v1/guidelines", body)
    await measure(stack.api_url, *read, 4, 20)  # warm-up: connections, caches
    await measure(stack.api_url, *submit, 4, 20)
    rows = []
    for clients in levels:
        for method, path, payload in (read, submit):
            rows.append(await measure(stack.api_url, method, path, payload, clients, requests))
    return rows


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per endpoint and level")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--worker-running", action="store_true")
    parser.add_argument("--variant", help="worker variant (it only matters with the worker on)")
    args = parser.parse_args(argv)
    body = document_50kb()
    result: dict[str, Any] = {"machine": machine(), "document_bytes": len(body)}
    with (
        bench_stack(worker_variant=args.variant) as stack,
        worker_paused(stack, not args.worker_running),
    ):
        rows = asyncio.run(run_levels(stack, args.concurrency, args.requests, body))
    result.update(worker="running" if args.worker_running else "paused", levels=rows)
    result["machine"]["load_avg_after"] = machine()["load_avg_1_5_15"]
    save("api_latency", result)
    print(
        table(f"submission API ({len(body) // 1024} KB document, worker {result['worker']})", rows)
    )
    return result


if __name__ == "__main__":
    main()
