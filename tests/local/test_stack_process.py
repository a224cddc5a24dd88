"""The local stack as ``make run`` starts it: ports from the settings, children tied to it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil
import pytest

from cpg2pvg.ops.local.ports import free_port, port_open
from cpg2pvg.ops.local.postgres import LocalPostgres
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.ops.stack import api_command
from cpg2pvg.settings import Settings
from tests.conftest import REPO


@dataclass
class StackProcess:
    process: subprocess.Popen[bytes]
    ports: dict[str, int]
    log: Path
    seen: list[psutil.Process] = field(default_factory=list)
    """Its children as they were when it was ready, to clean up whatever outlives it."""

    def url(self, name: str, path: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}{path}"

    def answers(self, name: str, path: str) -> bool:
        try:
            return httpx.get(self.url(name, path), timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def wait_ready(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()[-3000:]
            if self.answers("api", "/healthz") and self.answers("health", "/readyz"):
                self.seen = self.children()
                return
            time.sleep(0.5)
        raise AssertionError("the stack was not ready:\n" + self.log.read_text()[-3000:])

    def children(self) -> list[psutil.Process]:
        return psutil.Process(self.process.pid).children(recursive=True)


@pytest.fixture
def start_stack(
    postgres: LocalPostgres, dev_server: LocalTemporal, tmp_path: Path
) -> Iterator[object]:
    started: list[StackProcess] = []

    def start(name: str) -> StackProcess:
        ports = {"api": free_port(), "metrics": free_port(), "health": free_port()}
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CPG2PVG_", "TEMPORAL_"))}
        env.update(
            CPG2PVG_DATABASE_URL=postgres.url,
            TEMPORAL_ADDRESS=dev_server.address,
            CPG2PVG_DATA_DIR=str(tmp_path / name),
            CPG2PVG_API_PORT=str(ports["api"]),
            CPG2PVG_WORKER_METRICS_PORT=str(ports["metrics"]),
            CPG2PVG_WORKER_HEALTH_PORT=str(ports["health"]),
            CPG2PVG_TASK_QUEUE=f"cpg2pvg-tests-stack-{name}",
            CPG2PVG_SYNC_SCHEDULES_ON_START="false",
            CPG2PVG_WORKER_PROCESSES="1",
        )
        log = tmp_path / f"{name}.log"
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "cpg2pvg.ops.stack"],
                cwd=REPO,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        stack = StackProcess(process, ports, log)
        started.append(stack)
        return stack

    yield start
    for stack in started:
        running = stack.process.poll() is None
        for proc in [*stack.seen, *(stack.children() if running else [])]:
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.kill()
        if running:
            stack.process.kill()
        stack.process.wait(30)


def _gone(processes: list[psutil.Process], timeout: float) -> list[psutil.Process]:
    _, alive = psutil.wait_procs(processes, timeout=timeout)
    return alive


def test_two_stacks_with_their_own_ports_run_side_by_side(start_stack) -> None:  # type: ignore[no-untyped-def]
    first, second = start_stack("first"), start_stack("second")
    first.wait_ready()
    second.wait_ready()
    for stack in (first, second):
        assert stack.answers("metrics", "/metrics"), "each worker serves metrics on its own port"
        assert httpx.get(stack.url("health", "/livez"), timeout=5).json()["live"] is True

    first.process.send_signal(signal.SIGTERM)
    assert first.process.wait(60) == 0
    assert second.answers("api", "/healthz"), "stopping one leaves the other running"
    second.process.send_signal(signal.SIGTERM)
    assert second.process.wait(60) == 0


def test_worker_and_api_die_with_a_sigkilled_stack(start_stack) -> None:  # type: ignore[no-untyped-def]
    stack = start_stack("killed")
    stack.wait_ready()
    children = stack.seen
    assert len(children) >= 2, "a worker (with its pool) and an API"

    stack.process.kill()
    stack.process.wait(10)

    assert _gone(children, timeout=45) == [], "children outlived the stack"
    for name in ("api", "metrics", "health"):
        assert not port_open("127.0.0.1", stack.ports[name]), f"{name} port still held"


def test_the_api_runs_as_several_processes_on_one_port_when_asked() -> None:
    """CPG2PVG_API_WORKERS: uvicorn's own workers share the port (one process by default
    on two cores)."""
    assert "--workers" not in api_command(Settings(api_port=8123), cores=2)
    command = api_command(Settings(api_port=8123, api_workers=3))
    assert command[command.index("--port") + 1] == "8123"
    assert command[command.index("--workers") + 1] == "3"
