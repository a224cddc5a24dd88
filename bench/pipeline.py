"""The three ways to run the same guidelines: a plain loop, the Temporal pipeline, Celery.

All three run the same stage functions (activities/cpu.py: parse → generate → quality) with
the same number of processes, so the differences are the cost of the orchestration.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import multiprocessing
import re
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from typing import Any

from activities import cpu
from bench.stack import BenchStack
from cpg2pvg.settings import get_settings

FINAL = ("completed", "failed", "needs_review", "cancelled")
WARM_UP = (
    "warm-up.md",
    b"# Warm-up\n\n## Recommendations\n\n- Adults should walk daily (B recommendation).\n",
)


def _limits() -> tuple[int, int]:
    settings = get_settings()
    return settings.max_pdf_pages, settings.max_expanded_bytes


async def _one(pool: ProcessPoolExecutor, name: str, content: bytes) -> None:
    """One guideline as the worker runs it: three pool calls, results passed between them."""
    loop = asyncio.get_running_loop()
    pages, expanded = _limits()
    parsed = await loop.run_in_executor(pool, cpu.parse, content, name, "auto", pages, expanded)
    pvg = await loop.run_in_executor(pool, cpu.generate_offline, parsed, {})
    await loop.run_in_executor(pool, cpu.quality, parsed, pvg)


def plain_loop(docs: list[tuple[str, bytes]], processes: int) -> dict[str, Any]:
    """(a) The lower bound: the stage functions in a process pool like the worker's."""

    async def run() -> float:
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(processes, mp_context=spawn) as pool:
            await asyncio.gather(*(_one(pool, *WARM_UP) for _ in range(processes)))
            started = time.perf_counter()
            await asyncio.gather(*(_one(pool, name, content) for name, content in docs))
            return time.perf_counter() - started

    seconds = asyncio.run(run())
    return _rate("plain loop", len(docs), seconds, processes=processes)


def _rate(label: str, n: int, seconds: float, **extra: Any) -> dict[str, Any]:
    return {
        "runner": label,
        "guidelines": n,
        "seconds": round(seconds, 2),
        "guidelines_per_second": round(n / seconds, 3),
        **extra,
    }


def _post_all(stack: BenchStack, docs: list[tuple[str, bytes]], clients: int) -> list[str]:
    def post(doc: tuple[str, bytes]) -> str:
        with stack.client() as http:
            response = http.post("/v1/guidelines", files={"file": doc})
            response.raise_for_status()
            return str(response.json()["id"])

    with concurrent.futures.ThreadPoolExecutor(clients) as threads:
        return list(threads.map(post, docs))


def _wait_final(stack: BenchStack, ids: list[str], timeout: float) -> list[dict[str, Any]]:
    """Wait until no guideline is queued or processing; then every row as the API shows it.

    Two one-row list requests a second, so the polling itself takes little from the run.
    """
    deadline = time.monotonic() + timeout
    with stack.client() as http:
        while True:
            busy = [
                http.get("/v1/guidelines", params={"status": status, "limit": 1})
                .raise_for_status()
                .json()["items"]
                for status in ("queued", "processing")
            ]
            if not any(busy):
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"guidelines still unfinished after {timeout:.0f} s")
            time.sleep(1)
        return [http.get(f"/v1/guidelines/{gid}").raise_for_status().json() for gid in ids]


def temporal_pipeline(
    stack: BenchStack, docs: list[tuple[str, bytes]], *, clients: int = 4, timeout: float = 1800
) -> dict[str, Any]:
    """(b) Every guideline as its own POST /v1/guidelines (one workflow each), all at once.

    Timed from the first POST to the last guideline's final database update (its
    ``updated_at``), so the polling interval does not count.
    """
    _wait_final(stack, _post_all(stack, [WARM_UP] * 2, 2), 300)  # pool processes spawned
    before, cpu_before = stack.worker_metrics(), stack.cpu_seconds()
    db_before = stack.db_writes()
    wall_start = time.time()
    started = time.perf_counter()
    ids = _post_all(stack, docs, clients)
    posted = time.perf_counter() - started
    rows = _wait_final(stack, ids, timeout)
    cpu_after = stack.cpu_seconds()
    db_after = stack.db_writes()
    last = max(datetime.fromisoformat(r["updated_at"]).timestamp() for r in rows)
    seconds = last - wall_start
    statuses: dict[str, int] = {}
    for row in rows:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    cpu = {part: cpu_after[part] - cpu_before.get(part, 0.0) for part in cpu_after}
    return _rate(
        "temporal",
        len(docs),
        seconds,
        ids=ids,
        submit_seconds=round(posted, 2),
        statuses=statuses,
        worker=worker_figures(before, stack.worker_metrics()),
        cpu_seconds={part: round(value, 1) for part, value in cpu.items()},
        # The polling (two list requests a second) and its commits are counted too.
        db_per_guideline={
            k: round((db_after[k] - db_before.get(k, 0)) / len(docs), 1) for k in db_after
        },
        cpu_ms_per_guideline={
            part: round(1000 * value / len(docs), 1) for part, value in cpu.items()
        },
    )


_SAMPLE = re.compile(r"^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)$")


def _sums(text: str) -> dict[str, float]:
    """Prometheus samples summed over labels, by name (enough for sums and counts)."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        match = _SAMPLE.match(line)
        if match:
            name, value = match.group(1), float(match.group(3))
            out[name] = out.get(name, 0.0) + value
    return out


def worker_figures(before: str, after: str) -> dict[str, float | None]:
    """Mean times per task from the worker's metrics over the run (where the time went)."""
    a, b = _sums(before), _sums(after)

    def mean(series: str) -> float | None:
        count = b.get(f"{series}_count", 0) - a.get(f"{series}_count", 0)
        total = b.get(f"{series}_sum", 0) - a.get(f"{series}_sum", 0)
        return round(1000 * total / count, 1) if count else None

    def count(series: str) -> int:
        return int(b.get(f"{series}_count", 0) - a.get(f"{series}_count", 0))

    return {
        "workflow_tasks": count("temporal_workflow_task_execution_latency"),
        "workflow_task_execution_ms": mean("temporal_workflow_task_execution_latency"),
        "workflow_task_schedule_to_start_ms": mean(
            "temporal_workflow_task_schedule_to_start_latency"
        ),
        "workflow_endtoend_ms": mean("temporal_workflow_endtoend_latency"),
        "activities": count("temporal_activity_execution_latency"),
        "activity_execution_ms": mean("temporal_activity_execution_latency"),
        "activity_schedule_to_start_ms": mean("temporal_activity_schedule_to_start_latency"),
        "local_activities": count("temporal_local_activity_execution_latency"),
        "local_activity_execution_ms": mean("temporal_local_activity_execution_latency"),
    }


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
