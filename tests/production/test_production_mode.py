"""Production mode: no start without explicit secrets and database; and the codec key made
locally keeps decrypting runs in flight once explicit keys are set."""

from __future__ import annotations

import asyncio
import base64
import os
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import uvicorn
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.api.common.v1 import Payload
from temporalio.client import Client

from activities.deps import ActivityDeps
from api.main import create_app
from cpg2pvg.codec import KEY_ID, codec_for, key_ring
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.ops.local.postgres import LocalPostgres
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.production import REQUIREMENTS
from cpg2pvg.settings import Settings
from cpg2pvg.temporal import connect
from db.keys import Role, create_key
from tests.conftest import REPO
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from worker import build_workers

BIN = Path(sys.executable).parent
EXPLICIT_KEY = base64.b64encode(b"e" * 32).decode()
ENTRY_POINTS = {
    "api": [sys.executable, "-m", "uvicorn", "api.main:app", "--port", "0"],
    "worker": [sys.executable, "worker.py"],
    "cli schedules": [str(BIN / "cpg2pvg"), "schedules", "list"],
    "cli keys": [str(BIN / "cpg2pvg"), "keys", "create", "--role", "admin", "--owner", "ops"],
}


def _clean_env(**extra: str) -> dict[str, str]:
    """This environment without any setting of ours or Temporal's."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("CPG2PVG_", "TEMPORAL_", "OTEL_"))
    }
    return {**env, **extra}


async def _run(command: list[str], env: dict[str, str]) -> tuple[int, str]:
    process = await asyncio.create_subprocess_exec(
        *command,
        env=env,
        cwd=REPO,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, stderr = await asyncio.wait_for(process.communicate(), 60)
    except TimeoutError:
        process.kill()
        await process.wait()
        raise AssertionError(f"{command} did not stop: it started without its settings") from None
    assert process.returncode is not None
    return process.returncode, stderr.decode(errors="replace")


async def test_production_refuses_to_start_api_worker_and_cli_naming_what_is_missing(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "data"
    env = _clean_env(
        CPG2PVG_ENV="production",
        CPG2PVG_DATA_DIR=str(data_dir),
        CPG2PVG_CODEC_KEYS=f"k1:{EXPLICIT_KEY}",
        CPG2PVG_WEBHOOK_SECRET="  ",  # blank counts as missing
    )
    results = await asyncio.gather(*(_run(cmd, env) for cmd in ENTRY_POINTS.values()))
    missing = {"CPG2PVG_WEBHOOK_SECRET", "CPG2PVG_REVIEW_SECRET", "CPG2PVG_DATABASE_URL"}
    for name, (code, stderr) in zip(ENTRY_POINTS, results, strict=True):
        assert code != 0, f"{name} started"
        assert "CPG2PVG_ENV=production needs these settings" in stderr, (name, stderr)
        named = {r.setting for r in REQUIREMENTS if f"  {r.setting}:" in stderr}
        assert named == missing, (name, stderr)
        assert "Traceback" not in stderr, (name, stderr)
    # Nothing was made in their place.
    assert not data_dir.exists() or not any(data_dir.iterdir())


async def test_production_starts_when_everything_is_given(
    postgres: LocalPostgres, dev_server: LocalTemporal, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    api_port = free_port()
    env = _clean_env(
        CPG2PVG_ENV="production",
        CPG2PVG_DATA_DIR=str(data_dir),
        CPG2PVG_CODEC_KEYS=f"k1:{EXPLICIT_KEY}",
        CPG2PVG_WEBHOOK_SECRET="production-webhook-secret",
        CPG2PVG_REVIEW_SECRET="production-review-secret",
        CPG2PVG_DATABASE_URL=postgres.url,
        CPG2PVG_TASK_QUEUE="cpg2pvg-production-mode",
        CPG2PVG_SYNC_SCHEDULES_ON_START="false",
        CPG2PVG_WORKER_PROCESSES="1",
        TEMPORAL_ADDRESS=dev_server.address,
    )
    api = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "uvicorn", "api.main:app", "--port", str(api_port)),
        env=env,
        cwd=REPO,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "worker.py",
        env=env,
        cwd=REPO,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{api_port}") as http:

            async def ready() -> bool:
                try:
                    return (await http.get("/readyz")).status_code == 200
                except httpx.TransportError:
                    return False

            await wait_until(ready, timeout=60)
        assert worker.stderr is not None
        polling = b""
        while b"worker polling task queue" not in polling:
            line = await asyncio.wait_for(worker.stderr.readline(), 60)
            assert line, "the worker exited"
            polling += line
    finally:
        for process in (api, worker):
            if process.returncode is None:
                process.terminate()
        await asyncio.wait_for(asyncio.gather(api.wait(), worker.wait()), 60)
    generated = {"codec-keys", "webhook-secret", "review-secret"}
    assert not data_dir.exists() or not generated & {p.name for p in data_dir.iterdir()}


def test_the_key_made_here_decrypts_but_never_encrypts_once_keys_are_given(
    settings: Settings, tmp_path: Path
) -> None:
    local = settings.model_copy(update={"payload_codec": True, "data_dir": tmp_path})
    local_codec = codec_for(local)
    assert local_codec is not None and local_codec.ring.current == "local1"
    sealed_locally = local_codec.encrypt(Payload(data=b"in flight"))

    given = local.model_copy(update={"codec_keys": SecretStr(f"k2:{EXPLICIT_KEY}")})
    codec = codec_for(given)
    assert codec is not None
    assert codec.decrypt(sealed_locally).data == b"in flight"
    assert codec.encrypt(Payload(data=b"new")).metadata[KEY_ID] == b"k2"
    assert key_ring(given).current == "k2"
    # A key given under the same id wins over the one made here.
    clash = local.model_copy(update={"codec_keys": SecretStr(f"local1:{EXPLICIT_KEY}")})
    assert key_ring(clash).keys["local1"] == base64.b64decode(EXPLICIT_KEY)


@asynccontextmanager
async def _api_and_worker(settings: Settings, deps: ActivityDeps) -> AsyncIterator[str]:
    client = await connect(settings)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), port=port, log_level="warning", lifespan="on")
    )
    serving = asyncio.create_task(server.serve())
    try:
        async with build_workers(client, settings, deps):
            while not server.started:
                await asyncio.sleep(0.05)
            yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


async def test_a_run_started_under_the_local_key_completes_after_explicit_keys_are_set(
    settings: Settings,
    dev_server: LocalTemporal,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    tmp_path: Path,
) -> None:
    local = settings.model_copy(
        update={
            "temporal_address": dev_server.address,
            "task_queue": "cpg2pvg-key-switch",
            "payload_codec": True,
            "data_dir": tmp_path / "data",
        }
    )
    async with sessions.begin() as session:
        _, submitter = await create_key(session, role=Role.SUBMITTER, owner="key-switch")
        _, reviewer = await create_key(session, role=Role.REVIEWER, owner="key-switch")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()

    async def status(base_url: str, gid: str, wanted: str) -> dict | None:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            response = await http.get(
                f"/v1/guidelines/{gid}", headers={"Authorization": f"Bearer {submitter}"}
            )
        body = response.json()
        return body if body["status"] == wanted else None

    async with _api_and_worker(local, deps) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:
            accepted = await http.post(
                "/v1/guidelines",
                files={"file": ("switch.md", content)},
                data={"review": "required"},
                headers={"Authorization": f"Bearer {submitter}"},
            )
        assert accepted.status_code == 202, accepted.text
        gid = accepted.json()["id"]
        await wait_until(lambda: status(base_url, gid, "needs_review"), timeout=90)

    # Redeployed with explicit keys: the waiting run is replayed from its history, which
    # only the key made in the data dir decrypts.
    given = local.model_copy(update={"codec_keys": SecretStr(f"k2:{EXPLICIT_KEY}")})
    async with _api_and_worker(given, deps) as base_url:
        async with httpx.AsyncClient(base_url=base_url, timeout=60) as http:
            answer = await asyncio.wait_for(
                http.post(
                    f"/v1/guidelines/{gid}/review",
                    json={"decision": "approve", "comment": "fine"},
                    headers={"Authorization": f"Bearer {reviewer}"},
                ),
                60,
            )
        assert answer.status_code == 200, answer.text
        await wait_until(lambda: status(base_url, gid, "completed"), timeout=90)

    plain = await Client.connect(dev_server.address)  # no codec: the raw history
    history = await plain.get_workflow_handle(f"guideline-{gid}").fetch_history()
    key_ids = {value.decode() for key, value in _metadata(history.to_json_dict()) if key == KEY_ID}
    assert key_ids == {"local1", "k2"}


def _metadata(node: object) -> list[tuple[str, bytes]]:
    """Every (key, value) of every payload's metadata in a history as JSON."""
    found: list[tuple[str, bytes]] = []
    if isinstance(node, dict):
        metadata = node.get("metadata")
        if isinstance(metadata, dict) and "data" in node:
            found += [(k, base64.b64decode(v)) for k, v in metadata.items()]
        for value in node.values():
            found += _metadata(value)
    elif isinstance(node, list):
        for value in node:
            found += _metadata(value)
    return found
