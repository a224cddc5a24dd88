"""Reaching Temporal over TLS and mTLS, configured as for Temporal Cloud or a secured cluster.

The dev server speaks plain gRPC, so nginx terminates TLS in front of it
(tests/support/tls.py) with certificates made here. The API, the worker process and the CLI
find the cluster through temporalio's environment configuration only: a profile file or
``TEMPORAL_*`` variables.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from activities.deps import ActivityDeps
from cpg2pvg import contracts
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings
from cpg2pvg.temporal import connect
from cpg2pvg.temporal_config import TemporalConfigError, client_options
from db.keys import Role, create_key
from tests.conftest import REPO
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.support.serving import serve_api
from tests.support.tls import Certificates, TlsProxy, make_certificates
from worker import build_workers


@dataclass(frozen=True)
class Secured:
    proxy: TlsProxy
    certs: Certificates


@pytest.fixture(scope="module")
def secured(
    dev_server: LocalTemporal, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Secured]:
    folder = tmp_path_factory.mktemp("tls")
    certs = make_certificates(folder / "certs")
    proxy = TlsProxy(folder, certs, dev_server.address)
    proxy.start()
    yield Secured(proxy, certs)
    proxy.stop()


def _without_temporal_variables(env: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in env.items() if not k.startswith(("TEMPORAL_", "CPG2PVG_TEMPORAL_"))}


@pytest.fixture
def clean_temporal_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in os.environ:
        if name.startswith(("TEMPORAL_", "CPG2PVG_TEMPORAL_")):
            monkeypatch.delenv(name)
    return monkeypatch


@pytest.fixture
def tls_settings(settings: Settings, tmp_path: Path) -> Settings:
    """No Temporal address of our own: the profile or the variables must say where."""
    return settings.model_copy(
        update={
            "task_queue": "cpg2pvg-tls",
            "data_dir": tmp_path / "data",
            "payload_codec": True,
            "sync_schedules_on_start": False,
        }
    )


@pytest.fixture
async def api_over_profile(
    secured: Secured,
    tls_settings: Settings,
    clean_temporal_env: pytest.MonkeyPatch,
    tmp_path: Path,
) -> AsyncIterator[str]:
    """The API in this process, whose Temporal comes from profile "secured" of a TOML file."""
    config = tmp_path / "temporal.toml"
    config.write_text(
        "[profile.default]\n"
        'address = "127.0.0.1:1"\n'  # never used: the profile below is chosen
        "[profile.secured]\n"
        f'address = "127.0.0.1:{secured.proxy.tls_port}"\n'
        'namespace = "default"\n'
        "[profile.secured.tls]\n"
        f'server_ca_cert_path = "{secured.certs.ca}"\n'
        'server_name = "localhost"\n'
    )
    clean_temporal_env.setenv("TEMPORAL_CONFIG_FILE", str(config))
    clean_temporal_env.setenv("TEMPORAL_PROFILE", "secured")
    async with serve_api(tls_settings) as url:
        yield url


@pytest.fixture
def worker_over_variables(secured: Secured, tls_settings: Settings) -> Iterator[subprocess.Popen]:
    """``python worker.py`` told where Temporal is by ``TEMPORAL_*`` variables only."""
    env = {
        **_without_temporal_variables(dict(os.environ)),
        "TEMPORAL_ADDRESS": f"127.0.0.1:{secured.proxy.tls_port}",
        "TEMPORAL_TLS_SERVER_CA_CERT_PATH": str(secured.certs.ca),
        "TEMPORAL_TLS_SERVER_NAME": "localhost",
        "CPG2PVG_DATABASE_URL": tls_settings.sqlalchemy_url,
        "CPG2PVG_DATA_DIR": str(tls_settings.data_dir),
        "CPG2PVG_TASK_QUEUE": tls_settings.task_queue,
        "CPG2PVG_WEBHOOK_SECRET": "test-webhook-secret",
        "CPG2PVG_WORKER_PROCESSES": "1",
        "CPG2PVG_SYNC_SCHEDULES_ON_START": "false",
    }
    process = subprocess.Popen([sys.executable, str(REPO / "worker.py")], env=env, cwd=REPO)
    yield process
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def test_a_guideline_completes_with_api_and_worker_reaching_temporal_over_tls(
    api_over_profile: str,
    worker_over_variables: subprocess.Popen,
    sessions: async_sessionmaker[AsyncSession],
    secured: Secured,
) -> None:
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner="tls-clinic")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    headers = {"Authorization": f"Bearer {key}"}
    async with httpx.AsyncClient(base_url=api_over_profile, headers=headers, timeout=30) as http:
        accepted = await http.post("/v1/guidelines", files={"file": (SMALL_GUIDELINE, content)})
        assert accepted.status_code == 202, accepted.text
        guideline_id = accepted.json()["id"]

        async def finished() -> dict | None:
            body = (await http.get(f"/v1/guidelines/{guideline_id}")).json()
            return body if body["status"] in ("completed", "failed", "cancelled") else None

        final = await wait_until(finished, timeout=120)
    assert final["status"] == "completed", final
    assert worker_over_variables.poll() is None, "the worker is still running"
    # Both went through the proxy: the API started the run, the worker completed its tasks.
    calls = secured.proxy.access_log.read_text()
    assert "/temporal.api.workflowservice.v1.WorkflowService/StartWorkflowExecution" in calls
    assert "/temporal.api.workflowservice.v1.WorkflowService/RespondWorkflowTaskCompleted" in calls


async def test_mtls_refuses_a_client_without_our_certificate_and_serves_one_with_it(
    secured: Secured,
    tls_settings: Settings,
    deps: ActivityDeps,
    clean_temporal_env: pytest.MonkeyPatch,
) -> None:
    env = clean_temporal_env
    env.setenv("TEMPORAL_ADDRESS", f"127.0.0.1:{secured.proxy.mtls_port}")
    env.setenv("TEMPORAL_TLS_SERVER_CA_CERT_PATH", str(secured.certs.ca))
    settings = tls_settings.model_copy(update={"payload_codec": False})

    with pytest.raises(RuntimeError, match="Failed client connect"):
        await asyncio.wait_for(connect(settings), 30)
    assert "client sent no required SSL certificate" in secured.proxy.error_log.read_text()

    env.setenv("TEMPORAL_TLS_CLIENT_CERT_PATH", str(secured.certs.other_client_cert))
    env.setenv("TEMPORAL_TLS_CLIENT_KEY_PATH", str(secured.certs.other_client_key))
    with pytest.raises(RuntimeError, match="Failed client connect"):
        await asyncio.wait_for(connect(settings), 30)
    assert "client SSL certificate verify error" in secured.proxy.error_log.read_text()

    env.setenv("TEMPORAL_TLS_CLIENT_CERT_PATH", str(secured.certs.client_cert))
    env.setenv("TEMPORAL_TLS_CLIENT_KEY_PATH", str(secured.certs.client_key))
    client = await asyncio.wait_for(connect(settings), 30)
    assert client_options(settings).describe().endswith("(namespace default, mTLS)")
    async with build_workers(client, settings, deps):
        report = await client.execute_workflow(
            contracts.DATABASE_STATS_WORKFLOW,
            id=f"stats-over-mtls-{os.getpid()}",
            task_queue=settings.task_queue,
            result_type=contracts.StatsReport,
            execution_timeout=timedelta(seconds=60),
        )
    assert report.guidelines >= 0

    # The CLI reads the same variables.
    cli = await asyncio.create_subprocess_exec(
        str(Path(sys.executable).parent / "cpg2pvg"),
        *("schedules", "list"),
        env={**os.environ, "CPG2PVG_DATABASE_URL": settings.sqlalchemy_url},
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(cli.communicate(), 60)
    assert cli.returncode == 0, stderr.decode()


async def test_an_api_key_goes_to_the_cluster_over_tls_and_never_into_our_logs(
    secured: Secured,
    tls_settings: Settings,
    clean_temporal_env: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    env = clean_temporal_env
    env.setenv("TEMPORAL_ADDRESS", f"127.0.0.1:{secured.proxy.tls_port}")
    env.setenv("TEMPORAL_TLS_SERVER_CA_CERT_PATH", str(secured.certs.ca))
    env.setenv("TEMPORAL_API_KEY", "tls-test-api-key")
    settings = tls_settings.model_copy(update={"payload_codec": False})
    caplog.set_level("INFO")
    client = await asyncio.wait_for(connect(settings), 30)
    await client.count_workflows()
    assert "Bearer tls-test-api-key" in secured.proxy.access_log.read_text()
    assert "API key" in caplog.text and "tls-test-api-key" not in caplog.text


def test_where_to_connect_follows_variables_then_profile_then_our_settings(
    settings: Settings, tmp_path: Path, clean_temporal_env: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "temporal.toml"
    config.write_text(
        '[profile.default]\naddress = "127.0.0.1:7001"\nnamespace = "from-file"\n'
        '[profile.cloud]\naddress = "127.0.0.1:7002"\nnamespace = "ns.acct"\n'
        'api_key = "file-key"\n'
    )
    local = settings.model_copy(update={"temporal_port": 7000})
    file_env = {"TEMPORAL_CONFIG_FILE": str(config)}

    # Nothing configured: the local dev server, plain.
    plain = client_options(local, {})
    assert (plain.target_host, plain.namespace, plain.uses_tls) == (
        "127.0.0.1:7000",
        "default",
        False,
    )
    # The file's default profile; a named profile; variables over the file.
    assert client_options(local, file_env).target_host == "127.0.0.1:7001"
    cloud = client_options(local, {**file_env, "TEMPORAL_PROFILE": "cloud"})
    assert (cloud.target_host, cloud.namespace, cloud.api_key) == (
        "127.0.0.1:7002",
        "ns.acct",
        "file-key",
    )
    assert cloud.uses_tls, "an API key turns TLS on"
    overridden = client_options(local, {**file_env, "TEMPORAL_ADDRESS": "127.0.0.1:7003"})
    assert overridden.target_host == "127.0.0.1:7003"
    # Our own settings, when set, over the file.
    ours = local.model_copy(
        update={"temporal_address": "127.0.0.1:7004", "temporal_namespace": "ours"}
    )
    mixed = client_options(ours, {**file_env, "TEMPORAL_PROFILE": "cloud"})
    assert (mixed.target_host, mixed.namespace, mixed.api_key) == (
        "127.0.0.1:7004",
        "ours",
        "file-key",
    )

    # The default file (a developer's own CLI profile) is read only when a profile is asked for.
    home = tmp_path / "home"
    (home / ".config" / "temporalio").mkdir(parents=True)
    (home / ".config" / "temporalio" / "temporal.toml").write_text(config.read_text())
    clean_temporal_env.setenv("HOME", str(home))
    clean_temporal_env.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    assert client_options(local).target_host == "127.0.0.1:7000"
    clean_temporal_env.setenv("TEMPORAL_PROFILE", "default")
    assert client_options(local).target_host == "127.0.0.1:7001"

    with pytest.raises(TemporalConfigError, match="not a file"):
        client_options(local, {"TEMPORAL_CONFIG_FILE": str(tmp_path / "missing.toml")})
    with pytest.raises(TemporalConfigError, match="nope"):
        client_options(local, {**file_env, "TEMPORAL_PROFILE": "nope"})
    with pytest.raises(TemporalConfigError, match="cannot read"):
        client_options(local, {"TEMPORAL_TLS_CLIENT_CERT_PATH": str(tmp_path / "no.pem")})
