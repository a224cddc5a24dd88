"""The whole local stack in the foreground (``make run``, ``python -m cpg2pvg.ops.stack``).

PostgreSQL (embedded, unless ``CPG2PVG_DATABASE_URL`` is set), migrations, Temporal (a dev
server, unless ``TEMPORAL_ADDRESS`` or a Temporal profile names a cluster), then the worker
and the API (which makes the bootstrap API key) as child processes. Ctrl-C or SIGTERM
stops everything in reverse order and exits 0; a child that dies on its own stops
everything with exit code 1; a stack killed outright (SIGKILL) takes its children with it
(``cpg2pvg.ops.local.child``). Every port comes from the settings, so a second stack with
other ports runs beside the first. Data stays in the data dir.
"""

from __future__ import annotations

import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import IO

from cpg2pvg.codec import key_ring
from cpg2pvg.ops.local.ports import port_open
from cpg2pvg.ops.local.postgres import LocalPostgres
from cpg2pvg.ops.local.temporal import LocalTemporal
from cpg2pvg.settings import Settings, get_settings
from cpg2pvg.temporal_config import configured_address
from db.migrate import upgrade

log = logging.getLogger("cpg2pvg.ops.stack")
ROOT = Path(__file__).resolve().parents[2]  # worker.py and api/ live here
GRACE = {"api": 10.0, "worker": 30.0}  # seconds between SIGTERM and SIGKILL


class _Stop(BaseException):
    """Raised in the main thread by SIGINT/SIGTERM."""


def api_processes(s: Settings, cores: int | None = None) -> int:
    """``api_workers``, or when it is 0 one process per two cores beyond the two that
    PostgreSQL and Temporal take, at least one; the other half is the worker's. On two
    cores shared with both, a second API process bought no latency (README, Performance):
    2–5 cores give 1, 8 give 3, 16 give 7."""
    if s.api_workers:
        return s.api_workers
    cores = cores or os.cpu_count() or 1
    return max(1, (cores - 2) // 2)


def api_command(s: Settings, cores: int | None = None) -> list[str]:
    """uvicorn's arguments: one process, or several sharing the port (``api_processes``),
    so the API is not held to one core while PostgreSQL and Temporal have the others."""
    command = ["-m", "uvicorn", "api.main:app", "--host", s.api_host, "--port", str(s.api_port)]
    processes = api_processes(s, cores)
    if processes > 1:
        command += ["--workers", str(processes)]
    return command


class Stack:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data_dir = settings.resolved_data_dir
        self.postgres: LocalPostgres | None = None
        self.temporal: LocalTemporal | None = None
        self.children: dict[str, subprocess.Popen[bytes]] = {}

    def start(self) -> None:
        s = self.settings
        self.data_dir.mkdir(parents=True, exist_ok=True)
        url = s.sqlalchemy_url
        if s.uses_embedded_database:
            self.postgres = LocalPostgres(self.data_dir / "postgres", s.db_port)
            self.postgres.start()
            self.postgres.ensure_database("cpg2pvg")
            url = self.postgres.url
        log.info("running migrations")
        upgrade(url)
        if s.payload_codec:
            key_ring(s)  # made once here, before the worker and API both look for it
        s.review_signing_key()  # likewise: the API signs review decisions, workers check
        codec = local_codec(s)
        # A cluster named by our settings or a Temporal profile; the children find it the
        # same way. Otherwise a dev server of our own, which they are pointed at.
        external = configured_address(s)
        if not external:
            self.temporal = LocalTemporal(
                self.data_dir / "temporal",
                s.temporal_port,
                s.temporal_ui_port,
                s.temporal_namespace,
                extra_args=codec.ui_args,
            )
            self.temporal.start()
        env = {
            **os.environ,
            "CPG2PVG_DATABASE_URL": url,
            "CPG2PVG_DATA_DIR": str(self.data_dir),
            "PYTHONUNBUFFERED": "1",
            **codec.api_env,
        }
        if not external:
            env.update(TEMPORAL_ADDRESS=s.temporal_target, TEMPORAL_NAMESPACE=s.temporal_namespace)
        env.update({k: v for k, v in _observability_env(s).items() if k not in os.environ})
        self._spawn("worker", [sys.executable, "worker.py"], env)
        self._spawn("api", [sys.executable, *api_command(s)], env)

    def supervise(self) -> int:
        """Block until a child dies (returns 1); signals arrive as ``_Stop``."""
        s = self.settings
        host = "127.0.0.1" if s.api_host in ("0.0.0.0", "::") else s.api_host  # noqa: S104
        announced = False
        while True:
            for name, proc in self.children.items():
                if proc.poll() is not None:
                    log.error("%s exited unexpectedly with code %s", name, proc.returncode)
                    return 1
            if self.temporal is not None and not self.temporal.is_running():
                log.error("Temporal exited unexpectedly; see %s", self.temporal.log_file)
                return 1
            if not announced and port_open(host, s.api_port):
                announced = True
                health = s.worker_health_port or LOCAL_WORKER_HEALTH_PORT
                _announce(f"http://{host}:{s.api_port}", self.temporal, health)
            time.sleep(0.5)

    def stop(self) -> None:
        for name in ("api", "worker"):
            proc = self.children.pop(name, None)
            if proc is not None:
                _terminate(name, proc, GRACE[name])
        for server in (self.temporal, self.postgres):
            if server is not None:
                try:
                    server.stop()
                except Exception:
                    log.exception("could not stop %s", type(server).__name__)

    def _spawn(self, name: str, cmd: list[str], env: dict[str, str]) -> None:
        log.info("starting %s: %s", name, " ".join(cmd[1:]))
        tied = [sys.executable, "-m", "cpg2pvg.ops.local.child", str(os.getpid()), *cmd]
        proc = subprocess.Popen(  # noqa: S603 - our own interpreter and modules
            tied,
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl-C reaches only us; we stop children in order
        )
        self.children[name] = proc
        assert proc.stdout is not None
        threading.Thread(target=_relay, args=(name, proc.stdout), daemon=True).start()


@dataclass(frozen=True)
class LocalCodec:
    """How the dev server's Web UI reaches the API's codec endpoint."""

    ui_args: list[str]
    api_env: dict[str, str]


def local_codec(s: Settings) -> LocalCodec:
    """The dev server's Web UI has no login, so it cannot send a token: its codec URL
    carries one in the path instead, made for this run (``CPG2PVG_CODEC_ACCESS_TOKEN``
    when set), which the API is given too."""
    if not s.payload_codec:
        return LocalCodec([], {})
    token = s.codec_access_token.get_secret_value() if s.codec_access_token else None
    token = token or secrets.token_urlsafe(32)
    url = f"http://127.0.0.1:{s.api_port}/codec/{token}"
    return LocalCodec(["--ui-codec-endpoint", url], {"CPG2PVG_CODEC_ACCESS_TOKEN": token})


LOCAL_WORKER_METRICS_PORT = 9464
LOCAL_WORKER_HEALTH_PORT = 9465


def _observability_env(s: Settings) -> dict[str, str]:
    """Local defaults (the environment wins): worker metrics on 9464 and health on 9465 of
    127.0.0.1 unless the settings name other ports, and the UI's origins allowed to call
    the codec."""
    ui = s.temporal_ui_port
    return {
        "CPG2PVG_WORKER_METRICS_PORT": str(s.worker_metrics_port or LOCAL_WORKER_METRICS_PORT),
        "CPG2PVG_WORKER_HEALTH_PORT": str(s.worker_health_port or LOCAL_WORKER_HEALTH_PORT),
        "CPG2PVG_CODEC_CORS_ORIGINS": f'["http://127.0.0.1:{ui}", "http://localhost:{ui}"]',
    }


def _relay(name: str, stream: IO[bytes]) -> None:
    """Copy a child's output to our stderr, each line prefixed with its name."""
    for line in iter(stream.readline, b""):
        sys.stderr.write(f"[{name}] {line.decode(errors='replace').rstrip()}\n")
        sys.stderr.flush()


def _terminate(name: str, proc: subprocess.Popen[bytes], grace: float) -> None:
    if proc.poll() is None:
        log.info("stopping %s", name)
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace)
        except subprocess.TimeoutExpired:
            log.warning("%s still running after %.0fs: killing it", name, grace)
            proc.kill()
            proc.wait()
    code = proc.returncode
    log.info("%s exited (%s)", name, signal.Signals(-code).name if code < 0 else f"code {code}")


def _announce(api: str, temporal: LocalTemporal | None, worker_health: int) -> None:
    lines = [f"  API     {api}", f"  Docs    {api}/docs", f"  Metrics {api}/metrics"]
    lines.append(f"  Worker  http://127.0.0.1:{worker_health}/livez")
    if temporal is not None and temporal.ui_url:
        lines.append(f"  Web UI  {temporal.ui_url}")
    print("\ncpg2pvg is up (Ctrl-C stops it):\n" + "\n".join(lines) + "\n", flush=True)


class _ShortNames(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.part = record.name.rsplit(".", 1)[-1]
        return super().format(record)


def _raise_stop(signum: int, _frame: FrameType | None) -> None:
    raise _Stop(signal.Signals(signum).name)


def _log_stopping(_signum: int, _frame: FrameType | None) -> None:
    log.info("already stopping, please wait")


def main() -> int:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_ShortNames("%(asctime)s [%(part)s] %(message)s", "%H:%M:%S"))
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _raise_stop)
    stack = Stack(get_settings())
    code = 1
    try:
        stack.start()
        code = stack.supervise()
    except _Stop as stop:
        log.info("%s received: stopping", stop)
        code = 0
    except Exception:
        log.exception("the stack failed to start")
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, _log_stopping)
        stack.stop()
    log.info("stopped (exit code %s)", code)
    return code


if __name__ == "__main__":
    sys.exit(main())
