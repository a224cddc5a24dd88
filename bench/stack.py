"""A private local stack for benchmarks: its own data dir and ports, torn down afterwards."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx
import psutil

from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
BENCH_KEY = "bench-admin-key-0123456789"


@dataclass
class BenchStack:
    api_url: str
    temporal_address: str
    process: subprocess.Popen[bytes]
    data_dir: Path
    metrics_url: str = ""
    db_port: int = 0

    def db_writes(self) -> dict[str, int]:
        """PostgreSQL's own counters so far: commits and rows written (all databases)."""

        async def read() -> dict[str, int]:
            conn = await asyncpg.connect(
                host="127.0.0.1", port=self.db_port, user="postgres", database="cpg2pvg"
            )
            try:
                row = await conn.fetchrow(
                    "SELECT sum(xact_commit) AS commits, sum(tup_inserted) AS inserted,"
                    " sum(tup_updated) AS updated, sum(tup_deleted) AS deleted"
                    " FROM pg_stat_database"
                )
            finally:
                await conn.close()
            return {k: int(v or 0) for k, v in dict(row or {}).items()}

        return asyncio.run(read())

    def worker_metrics(self) -> str:
        """The worker's Prometheus text (Temporal SDK series and stage durations)."""
        try:
            return httpx.get(self.metrics_url, timeout=5).text
        except httpx.HTTPError:
            return ""

    def worker(self) -> psutil.Process | None:
        for child in psutil.Process(self.process.pid).children(recursive=True):
            with suppress(psutil.NoSuchProcess):
                cmdline = child.cmdline()
                if any(p.endswith("worker.py") or p == "bench.worker_variants" for p in cmdline):
                    return child
        return None

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time (user + system) so far of each part of the stack, by part.

        Tells where the orchestration's CPU goes: the worker's own process (event loop,
        workflow sandbox), its pool (the stage functions), Temporal, PostgreSQL, the API.
        """
        parts: dict[str, float] = {}
        worker = self.worker()
        pool = {c.pid for c in worker.children(recursive=True)} if worker else set()
        for proc in psutil.Process(self.process.pid).children(recursive=True):
            with suppress(psutil.NoSuchProcess):
                cmdline = " ".join(proc.cmdline())
                times = proc.cpu_times()
                if worker is not None and proc.pid == worker.pid:
                    part = "worker"
                elif proc.pid in pool:
                    part = "worker_pool"
                elif "temporal" in cmdline and "server" in cmdline:
                    part = "temporal"
                elif "postgres" in cmdline:
                    part = "postgres"
                elif "uvicorn" in cmdline or "uvicorn" in " ".join(proc.parent().cmdline()):
                    part = "api"  # one uvicorn process, or its --workers
                else:
                    part = "other"
                parts[part] = parts.get(part, 0.0) + times.user + times.system
        return parts

    def worker_rss_bytes(self) -> int:
        """Resident memory of the worker and its process pool together."""
        worker = self.worker()
        if worker is None:
            return 0
        total = worker.memory_info().rss
        for child in worker.children(recursive=True):
            with suppress(psutil.NoSuchProcess):
                total += child.memory_info().rss
        return int(total)

    def settings(self) -> Settings:
        """Settings of this stack, for a Temporal client that speaks its payload codec."""
        return Settings(data_dir=self.data_dir, temporal_address=self.temporal_address)

    def client(self, timeout: float = 600) -> httpx.Client:
        return httpx.Client(
            base_url=self.api_url,
            headers={"Authorization": f"Bearer {BENCH_KEY}"},
            timeout=timeout,
        )


@contextmanager
def bench_stack(
    extra_env: dict[str, str] | None = None, worker_variant: str | None = None
) -> Iterator[BenchStack]:
    """``python -m cpg2pvg.ops.stack`` on free ports with file-backed Temporal state.

    ``worker_variant`` (see bench/worker_variants.py) runs a changed worker in place of
    worker.py, to measure a change before it is made in the worker itself.
    """
    data_dir = Path(tempfile.mkdtemp(prefix="cpg2pvg-bench-"))
    api_port, temporal_port, metrics_port = free_port(), free_port(), free_port()
    db_port = free_port()
    env = {
        **os.environ,
        "CPG2PVG_DATA_DIR": str(data_dir),
        "CPG2PVG_API_PORT": str(api_port),
        "CPG2PVG_TEMPORAL_PORT": str(temporal_port),
        "CPG2PVG_TEMPORAL_UI_PORT": str(free_port()),
        "CPG2PVG_DB_PORT": str(db_port),
        "CPG2PVG_BOOTSTRAP_API_KEY": BENCH_KEY,
        # Its own metrics and health ports (the stack's defaults, 9464 and 9465, may be
        # taken by a `make run` or another benchmark's stack).
        "CPG2PVG_WORKER_METRICS_PORT": str(metrics_port),
        "CPG2PVG_WORKER_HEALTH_PORT": str(free_port()),
        # The benchmarks send thousands of requests with one key within a minute.
        "CPG2PVG_RATE_LIMIT_PER_MINUTE": "10000000",
        **(extra_env or {}),
    }
    module = "cpg2pvg.ops.stack"
    if worker_variant:
        module, env["CPG2PVG_BENCH_WORKER"] = "bench.stack_main", worker_variant
    log = (data_dir / "stack.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", module], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    stack = BenchStack(
        f"http://127.0.0.1:{api_port}",
        f"127.0.0.1:{temporal_port}",
        process,
        data_dir,
        f"http://127.0.0.1:{metrics_port}/metrics",
        db_port,
    )
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the stack exited; see {data_dir / 'stack.log'}")
            try:
                if httpx.get(f"{stack.api_url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the stack did not become ready within 180 s")
            time.sleep(0.5)
        yield stack
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
