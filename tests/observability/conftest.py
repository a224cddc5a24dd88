"""One observable stack for this package: tracing into memory, encryption on, the Web UI up.

A dev server with its Web UI (pointed at the API's codec endpoint), the API under uvicorn
and a worker whose Temporal runtime serves Prometheus metrics, all connected the way
production connects (``cpg2pvg.temporal.connect``). One guideline is processed once and
shared by the tests.
"""

from __future__ import annotations

import asyncio
import base64
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client

from api.main import create_app
from cpg2pvg import telemetry
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from cpg2pvg.temporal import connect
from db.keys import Role, create_key
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.support.receiver import WebhookReceiver
from tests.workflows.helpers import delivery_of, outcome
from worker import activity_deps, build_workers

OLD_KEY = base64.b64encode(b"o" * 32).decode()
NEW_KEY = base64.b64encode(b"n" * 32).decode()


@dataclass
class ObservedStack:
    base_url: str
    settings: Settings
    client: Client
    temporal: LocalTemporal
    exporter: InMemorySpanExporter
    worker_metrics_url: str
    sessions: async_sessionmaker[AsyncSession]
    admin_key: str
    submitter_key: str

    @property
    def ui_url(self) -> str:
        assert self.temporal.ui_url is not None
        return self.temporal.ui_url

    def http(self, key: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=30)


@dataclass
class Processed:
    """The guideline every test here looks at, after it has completed."""

    id: str
    workflow_id: str
    run_id: str
    title: str
    sentence: str
    """A distinctive sentence of the document, to look for in raw history."""
    body: dict


@pytest.fixture(scope="package")
def ui_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalTemporal, int]]:
    api_port = free_port()
    server = LocalTemporal(
        tmp_path_factory.mktemp("temporal-ui"),
        free_port(),
        free_port(),
        extra_args=[
            "--ui-codec-endpoint",
            f"http://127.0.0.1:{api_port}/codec",
            "--ui-disable-news-fetch",
        ],
    )
    server.start()
    yield server, api_port
    server.stop()


@pytest.fixture(scope="package")
def span_exporter() -> Iterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = telemetry.configure_tracing("cpg2pvg-tests", exporter)
    assert provider is not None and telemetry.tracer_provider() is provider, (
        "tracing was configured before the tests (is OTEL_EXPORTER_OTLP_ENDPOINT set?)"
    )
    yield exporter
    telemetry.shutdown_tracing()


@pytest.fixture(scope="package")
async def observed(
    settings: Settings,
    sessions: async_sessionmaker[AsyncSession],
    ui_server: tuple[LocalTemporal, int],
    span_exporter: InMemorySpanExporter,
) -> AsyncIterator[ObservedStack]:
    temporal, api_port = ui_server
    metrics_port = free_port()
    obs_settings = settings.model_copy(
        update={
            "temporal_address": temporal.address,
            "task_queue": "cpg2pvg-observability",
            "payload_codec": True,
            # The new key first: it encrypts; the old one still decrypts (rotation).
            "codec_keys": SecretStr(f"new:{NEW_KEY},old:{OLD_KEY}"),
            "codec_cors_origins": [temporal.ui_url],
            "worker_metrics_port": metrics_port,
            "webhook_allow_private": True,
        }
    )
    client = await connect(obs_settings, runtime=telemetry.worker_runtime(obs_settings))
    server = uvicorn.Server(
        uvicorn.Config(create_app(obs_settings), port=api_port, log_level="warning", lifespan="on")
    )
    async with sessions.begin() as session:
        _, admin = await create_key(session, role=Role.ADMIN, owner="ops")
        _, submitter = await create_key(session, role=Role.SUBMITTER, owner="observed-clinic")
    async with activity_deps(obs_settings) as deps:
        serving = asyncio.create_task(server.serve())
        async with build_workers(client, obs_settings, deps):
            while not server.started:
                await asyncio.sleep(0.05)
            yield ObservedStack(
                base_url=f"http://127.0.0.1:{api_port}",
                settings=obs_settings,
                client=client,
                temporal=temporal,
                exporter=span_exporter,
                worker_metrics_url=f"http://127.0.0.1:{metrics_port}/metrics",
                sessions=sessions,
                admin_key=admin,
                submitter_key=submitter,
            )
            server.should_exit = True
            await serving


def distinctive_sentence(text: str) -> str:
    """A long sentence of plain words from the document (no Markdown marks)."""
    for line in text.splitlines():
        line = line.strip()
        if len(line) > 80 and line[0].isalpha() and "|" not in line and "*" not in line:
            return line.split(". ")[0][:70]
    raise AssertionError("no distinctive sentence in the document")


@pytest.fixture(scope="package")
async def processed(observed: ObservedStack) -> AsyncIterator[Processed]:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    receiver = WebhookReceiver()
    try:
        async with observed.http(observed.submitter_key) as http:
            accepted = await http.post(
                "/v1/guidelines",
                files={"file": (SMALL_GUIDELINE, content)},
                data={"webhook_url": receiver.url, "priority": "high"},
            )
            assert accepted.status_code == 202, accepted.text
            gid = accepted.json()["id"]

            async def final() -> dict | None:
                body = (await http.get(f"/v1/guidelines/{gid}")).json()
                done = body["status"] in ("completed", "failed", "cancelled")
                return body if done else None

            body = await wait_until(final, timeout=90)
        assert body is not None and body["status"] == "completed", body
        handle = observed.client.get_workflow_handle(f"guideline-{gid}")
        description = await handle.describe()
        # The webhook goes out after the outcome, in a workflow of its own: wait for it too.
        delivered = await outcome(await delivery_of(observed.client, handle))
        assert delivered == "delivered" and receiver.deliveries
        yield Processed(
            id=gid,
            workflow_id=handle.id,
            run_id=description.run_id,
            title=body["title"],
            sentence=distinctive_sentence(content.decode()),
            body=body,
        )
    finally:
        receiver.close()


ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def chromium_path() -> str | None:
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if candidate and Path(candidate).exists():
            return candidate
    return None
