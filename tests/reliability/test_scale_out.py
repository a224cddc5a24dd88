"""Scale-out on one machine: 3 worker processes and 2 API processes, one Temporal and one
PostgreSQL. A 200-guideline batch goes in through both APIs (half each); midway a worker is
SIGKILLed (and started again) and an API restarted. Every guideline completes once, with one
notification per event; each worker that ran throughout did at least a fifth of the activity
steps and the killed one at least a tenth; the rate limit of one key holds across both
APIs. Figures go to ``test-artifacts/scale-out.json``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.settings import Settings
from db.keys import Role, create_key
from db.session import make_engine, make_sessionmaker
from tests.conftest import REPO
from tests.reliability.conftest import (
    ARTIFACTS,
    SECRET,
    CrashableWorker,
    Rig,
    assert_exactly_once,
    outcome,
)
from tests.support.corpus import short_guidelines
from tests.support.receiver import WebhookReceiver

pytestmark = [pytest.mark.slow, pytest.mark.faults]

GUIDELINES = 200
WORKERS = 3
RATE_PER_MINUTE = 30
QUEUE = "cpg2pvg-tests-scale-out"
class ApiProcess:
    """``uvicorn api.main:app`` as a process of its own, restartable on the same port."""

    def __init__(self, env: dict[str, str], log_file: Path) -> None:
        self.port = free_port()
        self.env = env
        self.log_file = log_file
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with open(self.log_file, "ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "api.main:app", "--host", "127.0.0.1",
                 "--port", str(self.port), "--log-level", "warning"],
                env=self.env, cwd=REPO, stdout=out, stderr=subprocess.STDOUT,
            )  # fmt: skip

    async def wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        async with httpx.AsyncClient(timeout=2) as http:
            while time.monotonic() < deadline:
                assert self.process is not None and self.process.poll() is None
                with contextlib.suppress(httpx.HTTPError):
                    if (await http.get(f"{self.url}/healthz")).status_code == 200:
                        return
                await asyncio.sleep(0.2)
        raise AssertionError("the API did not start:\n" + self.log_file.read_text()[-2000:])

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


@pytest.fixture
def scale_settings(settings: Settings, dev_server) -> Settings:  # type: ignore[no-untyped-def]
    return settings.model_copy(
        update={"task_queue": QUEUE, "temporal_address": dev_server.address}
    )


@pytest.fixture
def processes(
    scale_settings: Settings, tmp_path: Path
) -> Iterator[tuple[list[CrashableWorker], list[ApiProcess]]]:
    workers = [
        CrashableWorker(scale_settings, QUEUE, tmp_path / f"worker-{i}.log") for i in range(WORKERS)
    ]
    api_env = {
        **workers[0].env,
        "CPG2PVG_RATE_LIMIT_PER_MINUTE": str(RATE_PER_MINUTE),
        "CPG2PVG_BATCH_MAX_CONCURRENCY": "20",
    }
    apis = [ApiProcess(api_env, tmp_path / f"api-{i}.log") for i in range(2)]
    try:
        yield workers, apis
    finally:
        for worker in workers:
            worker.kill()
        for api in apis:
            api.stop()


@contextlib.asynccontextmanager
async def _database(settings: Settings) -> AsyncIterator[async_sessionmaker[AsyncSession]]:
    engine = make_engine(settings.sqlalchemy_url, pool_size=2)
    try:
        yield make_sessionmaker(engine)
    finally:
        await engine.dispose()


async def _post_batch(
    api: ApiProcess, files: list[tuple[str, bytes]], key: str, webhook: str
) -> uuid.UUID:
    async with httpx.AsyncClient(base_url=api.url, timeout=120) as http:
        answer = await http.post(
            "/v1/batches",
            files=[("files", (name, content)) for name, content in files],
            data={"webhook_url": webhook},
            headers={"Authorization": f"Bearer {key}"},
        )
    assert answer.status_code == 202, answer.text
    return uuid.UUID(answer.json()["id"])


async def _completed(sessions: async_sessionmaker[AsyncSession], batches: list[uuid.UUID]) -> int:
    async with sessions() as session:
        done = await session.execute(
            text("select count(*) from guidelines where batch_id = any(:b)"
                 " and status not in ('processing', 'queued')"),
            {"b": batches},
        )  # fmt: skip
        return int(done.scalar_one())


async def _settled(sessions: async_sessionmaker[AsyncSession], batches: list[uuid.UUID]) -> bool:
    async with sessions() as session:
        running = await session.execute(
            text("select count(*) from batches where id = any(:b) and status = 'running'"),
            {"b": batches},
        )
        unsettled = await session.execute(
            text("""select count(*) from notifications n join guidelines g
                on g.id = n.guideline_id where g.batch_id = any(:b) and n.channel = 'webhook'
                and n.status not in ('delivered', 'failed', 'abandoned')"""),
            {"b": batches},
        )
        return running.scalar_one() == 0 and unsettled.scalar_one() == 0


async def _steps_by_identity(client: Client, sessions: async_sessionmaker[AsyncSession],
                             batches: list[uuid.UUID]) -> Counter[str]:  # fmt: skip
    """Activity tasks started in the batches' guideline runs, by the worker that took them
    (each start carries the worker's identity, ``pid@host``)."""
    async with sessions() as session:
        ids = (
            await session.execute(
                text("select workflow_id from guidelines where batch_id = any(:b)"),
                {"b": batches},
            )
        ).scalars().all()
    steps: Counter[str] = Counter()

    async def count(workflow_id: str) -> None:
        async for event in client.get_workflow_handle(workflow_id).fetch_history_events():
            if event.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED:
                steps[event.activity_task_started_event_attributes.identity] += 1

    for start in range(0, len(ids), 20):
        await asyncio.gather(*(count(w) for w in ids[start : start + 20]))
    return steps


async def test_three_workers_and_two_apis_share_a_200_guideline_batch_through_faults(
    scale_settings: Settings,
    processes: tuple[list[CrashableWorker], list[ApiProcess]],
    tmp_path: Path,
) -> None:
    workers, apis = processes
    files = short_guidelines(GUIDELINES)
    receivers = [WebhookReceiver(), WebhookReceiver()]  # one per batch
    client = await Client.connect(scale_settings.temporal_target)
    faults: list[str] = []
    async with _database(scale_settings) as sessions:
        async with sessions.begin() as session:
            _, key = await create_key(session, role=Role.SUBMITTER, owner="scale-out")
            _, limited = await create_key(session, role=Role.SUBMITTER, owner="scale-out-rate")
        for worker in workers:
            worker.start()
        for api in apis:
            api.start()
        await asyncio.gather(*(api.wait_ready() for api in apis))
        pids = {i: {w.process.pid} for i, w in enumerate(workers) if w.process}

        started = time.monotonic()
        half = len(files) // 2
        batches = list(
            await asyncio.gather(
                _post_batch(apis[0], files[:half], key, receivers[0].url),
                _post_batch(apis[1], files[half:], key, receivers[1].url),
            )
        )
        posted = time.monotonic() - started

        # Midway: a worker is lost with its pool (and comes back), an API is restarted.
        while await _completed(sessions, batches) < GUIDELINES * 0.4:
            await asyncio.sleep(0.25)
        at = time.monotonic() - started
        workers[1].kill()
        faults.append(f"worker 1 SIGKILLed at {at:.1f}s")
        apis[0].stop()
        faults.append(f"API 0 restarted at {at:.1f}s")
        apis[0].start()
        workers[1].start()
        assert workers[1].process is not None
        pids[1].add(workers[1].process.pid)
        await apis[0].wait_ready()

        # The rate limit of one key, across both APIs (the restarted one included).
        auth = {"Authorization": f"Bearer {limited}"}
        async with httpx.AsyncClient(timeout=30) as http:
            burst = time.monotonic()
            answers = await asyncio.gather(
                *(http.get(f"{apis[i % 2].url}/v1/guidelines", headers=auth) for i in range(60))
            )
            burst_seconds = time.monotonic() - burst
        codes = Counter(a.status_code for a in answers)

        deadline = time.monotonic() + 170
        while not await _settled(sessions, batches):
            assert time.monotonic() < deadline, "the batches did not finish"
            await asyncio.sleep(0.5)
        seconds = time.monotonic() - started

        results = []
        for i, (batch, receiver) in enumerate(zip(batches, receivers, strict=True)):
            rig = Rig(scale_settings, apis[i].url, sessions, receiver, workers[0], key, key)
            results.append(await outcome(rig, batch, f"scale-out batch {i}", seconds, faults))
        steps = await _steps_by_identity(client, sessions, batches)
    for receiver in receivers:
        receiver.close()

    host = socket.gethostname()
    per_worker = {
        i: sum(steps[f"{pid}@{host}"] for pid in worker_pids) for i, worker_pids in pids.items()
    }
    total = sum(steps.values())
    shares = {i: round(n / total, 3) for i, n in per_worker.items()}
    figures = {
        "guidelines": GUIDELINES,
        "workers": WORKERS,
        "apis": 2,
        "seconds": round(seconds, 1),
        "posting_seconds": round(posted, 1),
        "guidelines_per_second": round(GUIDELINES / seconds, 2),
        "activity_steps": total,
        "steps_per_worker": per_worker,
        "share_per_worker": shares,
        "rate_limit": {"per_minute": RATE_PER_MINUTE, "sent": 60, "accepted": codes[200],
                       "refused": codes[429], "seconds": round(burst_seconds, 1)},
        "faults": faults,
        "machine_cpus": os.cpu_count(),
    }  # fmt: skip
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "scale-out.json").write_text(json.dumps(figures, indent=2) + "\n")
    print("\nscale-out:", json.dumps(figures))

    for result in results:
        print(result.line(None))
        assert_exactly_once(result, size=GUIDELINES // 2)
    assert sum(steps.values()) == sum(per_worker.values()), f"steps by others: {steps}"
    # The two workers that ran throughout share the load evenly enough; the one killed at 40 %
    # had its third of the first 40 % (about 0.13) and whatever it took after its restart,
    # which depends on how fast it comes back, so it is held only to a tenth.
    assert all(share >= 0.2 for i, share in shares.items() if i != 1), shares
    assert shares[1] >= 0.1, shares
    assert set(codes) == {200, 429}, codes
    assert RATE_PER_MINUTE <= codes[200] <= RATE_PER_MINUTE + int(
        burst_seconds * RATE_PER_MINUTE / 60
    ) + 1, codes
    assert SECRET not in "".join(p.read_text(errors="replace") for p in tmp_path.glob("*.log"))
