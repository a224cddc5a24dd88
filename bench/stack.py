"""A private local stack for benchmarks: its own data dir and ports, torn down afterwards."""

from __future__ import annotations

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

import httpx
import psutil

from cpg2pvg.local.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
BENCH_KEY = "bench-admin-key-0123456789"


@dataclass
class BenchStack:
    api_url: str
    temporal_address: str
    process: subprocess.Popen[bytes]
    data_dir: Path

    def worker(self) -> psutil.Process | None:
        for child in psutil.Process(self.process.pid).children(recursive=True):
            if any(part.endswith("worker.py") for part in child.cmdline()):
                return child
        return None

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

    def client(self, timeout: float = 600) -> httpx.Client:
        return httpx.Client(
            base_url=self.api_url,
            headers={"Authorization": f"Bearer {BENCH_KEY}"},
            timeout=timeout,
        )


@contextmanager
def bench_stack(extra_env: dict[str, str] | None = None) -> Iterator[BenchStack]:
    """``python -m cpg2pvg.stack`` on free ports with file-backed Temporal state."""
    data_dir = Path(tempfile.mkdtemp(prefix="cpg2pvg-bench-"))
    api_port, temporal_port = free_port(), free_port()
    env = {
        **os.environ,
        "CPG2PVG_DATA_DIR": str(data_dir),
        "CPG2PVG_API_PORT": str(api_port),
        "CPG2PVG_TEMPORAL_PORT": str(temporal_port),
        "CPG2PVG_TEMPORAL_UI_PORT": str(free_port()),
        "CPG2PVG_DB_PORT": str(free_port()),
        "CPG2PVG_BOOTSTRAP_API_KEY": BENCH_KEY,
        **(extra_env or {}),
    }
    log = (data_dir / "stack.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "cpg2pvg.stack"], cwd=ROOT, env=env, stdout=log, stderr=log
    )
    stack = BenchStack(
        f"http://127.0.0.1:{api_port}", f"127.0.0.1:{temporal_port}", process, data_dir
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
