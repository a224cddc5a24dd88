"""A rig for fault injection: the real API, a real ``python worker.py`` and a slow receiver.

Each scenario gets its own task queue (and, where it breaks one, its own server), submits a
batch of corpus guidelines over HTTP, injects its fault, and checks what the database and
the webhook receiver saw. Figures go to ``test-artifacts/faults.json``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.main import create_app
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.settings import Settings
from db import batches
from db.keys import Role, create_key
from db.session import make_engine, make_sessionmaker
from tests.conftest import REPO
from tests.e2e.conftest import WorkerProcess
from tests.support.corpus import CORPUS
from tests.support.receiver import WebhookReceiver

BATCH_SIZE = 30
ARTIFACTS = REPO / "test-artifacts"
FAULTS_JSON = ARTIFACTS / "faults.json"
SECRET = "test-webhook-secret"


def smallest_guidelines(count: int = BATCH_SIZE) -> list[Path]:
    """The ``count`` smallest corpus guidelines: fast to process, still real documents."""
    files = [p for p in CORPUS.glob("*") if p.suffix in (".md", ".txt", ".html", ".pdf", ".docx")]
    return sorted(files, key=lambda p: (p.stat().st_size, p.name))[:count]


class SlowAnswers(threading.Event):
    """Used as the receiver's ``hold``: every answer takes 200–500 ms, so kills hit deliveries."""

    def __init__(self, seed: int) -> None:
        super().__init__()
        self._random = random.Random(seed)
        self._lock = threading.Lock()

    def wait(self, timeout: float | None = None) -> bool:
        with self._lock:
            delay = self._random.uniform(0.2, 0.5)
        time.sleep(delay)
        return True


class CrashableWorker(WorkerProcess):
    """``python worker.py`` in its own process group (with its process pool), output to a file."""

    def __init__(self, settings: Settings, task_queue: str, log_file: Path, **env: str) -> None:
        super().__init__(settings, task_queue)
        self.env.update({"CPG2PVG_SYNC_SCHEDULES_ON_START": "false", **env})
        self.log_file = log_file
        self.starts = 0

    def start(self) -> None:
        with open(self.log_file, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, str(REPO / "worker.py")],
                env=self.env,
                cwd=REPO,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.starts += 1

    def kill(self) -> None:
        """SIGKILL the worker and its process pool at once: a machine losing the process."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def terminate(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGTERM)


@dataclass
class Rig:
    settings: Settings
    base_url: str
    sessions: async_sessionmaker[AsyncSession]
    receiver: WebhookReceiver
    worker: CrashableWorker
    key: str
    reviewer_key: str
    files: list[Path] = field(default_factory=smallest_guidelines)

    async def submit_batch(self) -> uuid.UUID:
        parts = [("files", (p.name, p.read_bytes())) for p in self.files]
        async with httpx.AsyncClient(base_url=self.base_url, timeout=60) as http:
            response = await http.post(
                "/v1/batches",
                files=parts,
                data={"webhook_url": self.receiver.url},
                headers={"Authorization": f"Bearer {self.key}"},
            )
        assert response.status_code == 202, response.text
        return uuid.UUID(response.json()["id"])

    async def finished(self, batch_id: uuid.UUID, timeout: float = 360) -> None:
        """Wait until the batch is final and so is each of its webhooks (they go out after
        their guideline's outcome); database errors (it may be down) mean 'not yet'.

        Plays the reviewer meanwhile: a guideline whose quality control asks for a person
        is approved, as an operator would, so that the batch can end."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            await self.approve_waiting(batch_id)
            try:
                async with self.sessions() as session:
                    batch = await batches.get_batch(session, batch_id)
                    unsettled = (
                        await session.execute(text(_UNSETTLED_WEBHOOKS), {"b": batch_id})
                    ).scalar_one()
                if batch is not None and batch.status != "running" and not unsettled:
                    return
            except (OSError, SQLAlchemyError):
                pass
            await asyncio.sleep(0.5)
        raise AssertionError(f"the batch did not finish within {timeout:.0f}s")


    async def approve_waiting(self, batch_id: uuid.UUID) -> None:
        """Approve this batch's guidelines that wait for review; an API or worker that is
        down (the fault under test) means 'try again on the next round'."""
        headers = {"Authorization": f"Bearer {self.reviewer_key}"}
        try:
            async with httpx.AsyncClient(base_url=self.base_url, timeout=30) as http:
                waiting = await http.get(
                    "/v1/guidelines",
                    params={"status": "needs_review", "batch_id": str(batch_id), "limit": 100},
                    headers=headers,
                )
                if waiting.status_code != 200:
                    return
                for item in waiting.json()["items"]:
                    await http.post(
                        f"/v1/guidelines/{item['id']}/review",
                        json={"decision": "approve", "comment": "checked"},
                        headers=headers,
                    )
        except httpx.HTTPError:
            return


_EVENTS_TOLD = """select count(*) from notifications n
    join guidelines g on g.id = n.guideline_id
    where g.batch_id = :b and n.channel = 'record'"""

_UNSETTLED_WEBHOOKS = """select count(*) from notifications n
    join guidelines g on g.id = n.guideline_id
    where g.batch_id = :b and n.channel = 'webhook'
    and n.status not in ('delivered', 'failed', 'abandoned')"""


@contextlib.asynccontextmanager
async def fault_rig(settings: Settings, log_dir: Path, name: str, **env: str) -> AsyncIterator[Rig]:
    """API under uvicorn (in this process), a worker subprocess, a slow receiver."""
    engine = make_engine(settings.sqlalchemy_url, pool_size=2)
    sessions = make_sessionmaker(engine)
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner=f"faults-{name}")
        _, reviewer_key = await create_key(session, role=Role.REVIEWER, owner=f"faults-{name}")
    receiver = WebhookReceiver(hold=SlowAnswers(seed=len(name)))
    worker = CrashableWorker(settings, settings.task_queue, log_dir / f"{name}-worker.log", **env)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), port=port, log_level="warning", lifespan="on")
    )
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        worker.start()
        yield Rig(
            settings, f"http://127.0.0.1:{port}", sessions, receiver, worker, key, reviewer_key
        )
    finally:
        worker.kill()
        receiver.close()
        server.should_exit = True
        await serving
        await engine.dispose()


@dataclass
class Outcome:
    """What one scenario ended with; ``duplicates`` and ``problems`` must both be empty."""

    scenario: str
    guidelines: int
    told: int
    """Events told (one webhook each): one per guideline, two if it waited for review."""
    completed: int
    duplicates: dict[str, int]
    distinct_keys: int
    deliveries: int
    max_deliveries_per_key: int
    keys_delivered_more_than_once: int
    webhook_rows_delivered: int
    seconds: float
    faults: list[str]
    problems: list[str]

    def line(self, baseline: float | None) -> str:
        vs = f" (no faults: {baseline:.1f}s)" if baseline else ""
        return (
            f"[{self.scenario}] completed {self.completed}/{self.guidelines}, "
            f"duplicate rows {sum(self.duplicates.values())}, "
            f"receiver: {self.distinct_keys} keys for {self.told} events told / "
            f"{self.deliveries} POSTs "
            f"(max {self.max_deliveries_per_key} per key, "
            f"{self.keys_delivered_more_than_once} keys retried), "
            f"webhook rows delivered {self.webhook_rows_delivered}, "
            f"time {self.seconds:.1f}s{vs}; faults: {', '.join(self.faults) or 'none'}"
        )


_DUPLICATE_QUERIES = {
    "guidelines": """select count(*) from (select workflow_id from guidelines
        where batch_id = :b group by workflow_id having count(*) > 1) d""",
    "guideline_positions": """select count(*) from (select batch_position from guidelines
        where batch_id = :b group by batch_position having count(*) > 1) d""",
    "artifacts": """select count(*) from (select a.guideline_id, a.kind from artifacts a
        join guidelines g on g.id = a.guideline_id where g.batch_id = :b
        group by a.guideline_id, a.kind having count(*) > 1) d""",
    "notifications_per_key": """select count(*) from (select n.idempotency_key
        from notifications n join guidelines g on g.id = n.guideline_id where g.batch_id = :b
        group by n.idempotency_key having count(*) > 1) d""",
    "notifications_per_guideline_event": """select count(*) from (select n.guideline_id,
        n.event, n.channel from notifications n join guidelines g on g.id = n.guideline_id
        where g.batch_id = :b group by n.guideline_id, n.event, n.channel
        having count(*) > 1) d""",
}


async def outcome(
    rig: Rig, batch_id: uuid.UUID, scenario: str, seconds: float, faults: list[str]
) -> Outcome:
    async with rig.sessions() as session:
        counts = await batches.counts(session, batch_id)
        duplicates = {
            name: int((await session.execute(text(sql), {"b": batch_id})).scalar_one())
            for name, sql in _DUPLICATE_QUERIES.items()
        }
        webhook_rows = (
            await session.execute(
                text(
                    """select n.status, n.attempts from notifications n
                    join guidelines g on g.id = n.guideline_id
                    where g.batch_id = :b and n.channel = 'webhook'"""
                ),
                {"b": batch_id},
            )
        ).all()
        ids = {
            str(r[0])
            for r in (
                await session.execute(
                    text("select id from guidelines where batch_id = :b"), {"b": batch_id}
                )
            ).all()
        }
        # Every event told is recorded once: completed, and needs_review for a guideline
        # that quality control held for a reviewer. Each is one webhook.
        told = (await session.execute(text(_EVENTS_TOLD), {"b": batch_id})).scalar_one()
    keys = rig.receiver.keys()
    problems = []
    bodies: dict[str, set[bytes]] = {}
    for delivery in rig.receiver.deliveries:
        bodies.setdefault(delivery.headers.get("idempotency-key", ""), set()).add(delivery.body)
    if any(len(b) > 1 for b in bodies.values()):
        problems.append("a retried delivery carried a different body under the same key")
    if {k.split(":", 1)[0] for k in keys} != ids:
        problems.append("the receiver's keys do not name exactly the batch's guidelines")
    delivered = sum(1 for status, _ in webhook_rows if status == "delivered")
    if len(webhook_rows) != told:
        problems.append(f"{len(webhook_rows)} webhook rows for {told} events told")
    return Outcome(
        scenario=scenario,
        guidelines=len(ids),
        told=told,
        completed=counts["completed"],
        duplicates={k: v for k, v in duplicates.items() if v},
        distinct_keys=len(keys),
        deliveries=sum(keys.values()),
        max_deliveries_per_key=max(keys.values(), default=0),
        keys_delivered_more_than_once=sum(1 for n in keys.values() if n > 1),
        webhook_rows_delivered=delivered,
        seconds=round(seconds, 1),
        faults=faults,
        problems=problems,
    )


def assert_exactly_once(result: Outcome, size: int = BATCH_SIZE) -> None:
    assert result.guidelines == size
    assert result.completed == size, result.line(None)
    assert result.duplicates == {}, result.duplicates
    assert result.told >= size, result.line(None)
    assert result.distinct_keys == result.told, result.line(None)
    assert result.webhook_rows_delivered == result.told, result.line(None)
    assert result.problems == [], result.problems


def assert_logs_clean(log_file: Path, files: list[Path]) -> None:
    """No secret and no guideline text in the worker's output (crash tracebacks included)."""
    logged = log_file.read_text(errors="replace")
    assert SECRET not in logged
    for path in files:
        lines = [line.strip() for line in path.read_text(errors="replace").splitlines()]
        longest = max(lines, key=len)
        assert longest[:80] not in logged, f"text of {path.name} was logged"


def record(results: dict[str, Any]) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    FAULTS_JSON.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
