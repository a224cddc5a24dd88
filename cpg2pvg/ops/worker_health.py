"""The worker's health endpoint: ``/livez`` and ``/readyz`` over plain HTTP.

A worker process can look alive while doing nothing: its process pool closed, one of its
Temporal workers ended, or its polls no longer reaching the server. Liveness checks each;
an orchestrator restarts the process when it fails. Readiness: every worker runs and none
is shutting down.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from temporalio.api.enums.v1 import TaskQueueType
from temporalio.api.taskqueue.v1 import TaskQueue
from temporalio.api.workflowservice.v1 import DescribeTaskQueueRequest
from temporalio.client import Client
from temporalio.worker import Worker

log = logging.getLogger("cpg2pvg.worker.health")

# How often the server is asked whether it sees this worker's polls.
POLL_CHECK_SECONDS = 10.0


class Pool(Protocol):
    def broken(self) -> str | None: ...


@dataclass
class Served:
    """One Temporal worker of this process, the task queue it polls and the run task."""

    worker: Worker
    kinds: tuple[TaskQueueType.ValueType, ...]
    task: asyncio.Task[None] | None = None
    last_poll_seen: float | None = None

    @property
    def queue(self) -> str:
        return self.worker.task_queue


@dataclass
class WorkerHealth:
    client: Client
    served: Sequence[Served]
    pool: Pool
    stale_after: float
    started: float = field(default_factory=time.monotonic)
    stopping: bool = False

    def problems(self) -> list[str]:
        """Why this process should be restarted; empty while it does its work."""
        found = []
        broken = self.pool.broken()
        if broken:
            found.append(broken)
        now = time.monotonic()
        for served in self.served:
            if served.task is not None and served.task.done() and not self.stopping:
                found.append(f"the worker of {served.queue} has stopped")
            seen = served.last_poll_seen if served.last_poll_seen is not None else self.started
            if now - seen > self.stale_after:
                found.append(f"no poll of {served.queue} seen for {now - seen:.0f} s")
        return found

    def ready(self) -> bool:
        return not self.stopping and all(s.worker.is_running for s in self.served)

    async def watch_polls(self, every: float = POLL_CHECK_SECONDS) -> None:
        """Ask the server, for each queue, whether it saw a poll from us lately."""
        while True:
            for served in self.served:
                identity = served.worker.config().get("identity") or self.client.identity
                with contextlib.suppress(Exception):  # an unreachable server: not seen
                    if await self._polled(served, identity):
                        served.last_poll_seen = time.monotonic()
            await asyncio.sleep(every)

    async def _polled(self, served: Served, identity: str) -> bool:
        """Every kind of task the worker takes from its queue was polled for within the
        staleness window (the server keeps each poller's last access time)."""
        cutoff = time.time() - self.stale_after
        for kind in served.kinds:
            answer = await self.client.workflow_service.describe_task_queue(
                DescribeTaskQueueRequest(
                    namespace=self.client.namespace,
                    task_queue=TaskQueue(name=served.queue),
                    task_queue_type=kind,
                ),
                timeout=timedelta(seconds=5),
            )
            ours = [
                p.last_access_time.ToSeconds() for p in answer.pollers if p.identity == identity
            ]
            if not ours or max(ours) < cutoff:
                return False
        return True

    async def serve(self, host: str, port: int) -> asyncio.Server:
        server = await asyncio.start_server(self._answer, host, port)
        log.info("worker health on http://%s:%s (/livez, /readyz)", host, port)
        return server

    async def _answer(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(5):
                request = await reader.readline()
                while (await reader.readline()).strip():
                    pass  # headers: none matter
            parts = request.decode("latin-1").split()
            path = parts[1] if len(parts) > 1 else ""
            if path == "/livez":
                problems = self.problems()
                status = 503 if problems else 200
                body: dict[str, object] = {"live": not problems, "problems": problems}
            elif path == "/readyz":
                ready = self.ready()
                status, body = (200 if ready else 503), {"ready": ready}
            else:
                status, body = 404, {"detail": "not found"}
            payload = json.dumps(body).encode()
            reason = {200: "OK", 404: "Not Found", 503: "Service Unavailable"}[status]
            writer.write(
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(payload)}\r\nConnection: close\r\n\r\n".encode()
                + payload
            )
            await writer.drain()
        except (TimeoutError, ConnectionError, UnicodeError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

