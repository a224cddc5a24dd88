"""One settings object for the API, the worker, the CLI and the local stack.

Every value comes from the environment (``CPG2PVG_*``, plus ``TEMPORAL_ADDRESS`` and
``TEMPORAL_NAMESPACE``) and has a default that makes ``make run`` work on its own.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="CPG2PVG_", extra="ignore")

    env: Literal["local", "production"] = "local"
    """``production`` refuses to start without explicit secrets and database
    (cpg2pvg.production); ``local`` makes what is missing in the data dir."""

    # Local stack
    data_dir: Path = Path(".data")
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    api_workers: int = Field(default=0, ge=0)
    """API processes the local stack starts on its port (uvicorn ``--workers``): the rate
    limit and key revocation hold across them; the key cache and event-stream caps are
    per process. 0: from the machine's cores (``cpg2pvg.ops.stack.api_processes``)."""
    api_gc_freeze: bool = True
    """An API process moves what it made at start-up (modules, the app, its routes and
    models) out of the garbage collector's sight once started (``gc.freeze``), so the
    collections it runs under load walk only the objects its requests made."""
    api_gc_threshold: int = Field(default=10_000, ge=0)
    """Allocations between two young-generation collections in an API process (CPython's
    own default: 700; 0 leaves the interpreter's). Fewer, larger collections: a request's
    objects are mostly freed by reference counting before one runs."""
    api_db_pool_size: int = Field(default=20, ge=1)
    """PostgreSQL connections each API process keeps open; none are opened beyond them, so
    a request past them waits for one to come back."""
    temporal_port: int = 7233
    temporal_ui_port: int = 8233
    db_port: int = 54329

    # Temporal
    temporal_address: str | None = Field(
        default=None, validation_alias=AliasChoices("TEMPORAL_ADDRESS", "CPG2PVG_TEMPORAL_ADDRESS")
    )
    temporal_namespace: str = Field(
        default="default",
        validation_alias=AliasChoices("TEMPORAL_NAMESPACE", "CPG2PVG_TEMPORAL_NAMESPACE"),
    )
    task_queue: str = "cpg2pvg-guidelines"
    worker_deployment_name: str = "cpg2pvg"
    """The Worker Deployment every worker of this service belongs to."""
    worker_build_id: str | None = None
    """This build's id (the image tag, say). Set: the workers are versioned and take work
    once their version is the deployment's current or ramping one (README "Rolling out a
    workflow change"). Unset: unversioned, as locally."""

    # Database
    database_url: str | None = None

    # Auth
    bootstrap_api_key: SecretStr | None = None

    # Upload limits
    max_upload_bytes: int = 25 * 1024 * 1024
    max_pdf_pages: int = 1000
    max_expanded_bytes: int = 100 * 1024 * 1024

    # Batches and review
    batch_max_concurrency: int = 8
    max_batch_files: int = 20_000
    max_batch_bytes: int = 512 * 1024 * 1024
    """The whole ``POST /v1/batches`` request; larger answers 413 before it is read."""
    review_timeout_seconds: int = 7 * 24 * 3600

    # Notifications
    webhook_secret: SecretStr | None = None
    review_secret: SecretStr | None = None
    """Signs review decisions from the API to the workers (cpg2pvg.signing); unset: a key
    made once and kept in the data dir."""
    webhook_timeout_seconds: float = 10.0

    # Worker
    worker_processes: int = 2
    worker_cpu_slots: int | None = None
    """CPU steps one worker takes at once from the CPU queue; unset: ``worker_processes``,
    so a worker never holds a step it cannot run yet while another replica sits idle."""
    worker_health_port: int | None = None
    """The worker's ``/livez`` and ``/readyz``; unset or 0: off."""
    worker_health_host: str = "127.0.0.1"
    worker_poll_stale_seconds: float = 150.0
    """``/livez`` fails when the server has seen no poll of one of this worker's queues for
    this long (an idle long poll is renewed about every minute)."""

    # Generation provider (README "Generation providers")
    generator: Literal["offline", "openai"] = "offline"
    """Which provider new guidelines use; ``openai`` is any OpenAI-compatible server."""
    llm_base_url: str | None = None
    """Up to the API version, e.g. ``https://api.openai.com/v1``."""
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_price_per_1k_input: float = 0.0
    llm_price_per_1k_output: float = 0.0
    """Prices per 1000 prompt / completion tokens, for the recorded cost and the quotas."""
    llm_requests_per_second: float = 1.0
    """Task-queue rate limit of the language-model queue, across all workers."""
    llm_max_concurrent_requests: int | None = Field(default=None, ge=1)
    """Model requests one worker process has open at once (unset: no bound of its own).
    This, not a batch's child limit, bounds how many requests the provider sees: across N
    worker processes, N times this. The worker takes twice as many model activities."""
    llm_timeout_seconds: float = 120.0

    # Maintenance schedules (cpg2pvg/schedules.py): intervals, retention, alerts, quotas
    schedule_cleanup_seconds: int = 3600
    schedule_performance_seconds: int = 300
    schedule_database_stats_seconds: int = 600
    schedule_usage_stats_seconds: int = 24 * 3600
    schedule_health_seconds: int = 60
    sync_schedules_on_start: bool = True
    retention_document_days: float = 90
    """Finished guidelines older than this are deleted with their document and results."""
    retention_intermediate_days: float = 7
    """Intermediate results (the parsed document) of finished guidelines."""
    retention_notification_days: float = 30
    admin_webhook_url: str | None = None
    """Where alerts go (signed like guideline webhooks); they are always stored too."""
    generation_provider_url: str | None = None
    """An external generation service to health-check; unset means the offline generator."""
    health_check_timeout_seconds: float = 5.0
    alert_cpu_percent: float = 95.0
    alert_memory_percent: float = 90.0
    alert_disk_percent: float = 90.0
    alert_db_pool_percent: float = 90.0
    alert_task_backlog: int = 1000
    alert_task_backlog_age_seconds: float = 300.0
    usage_recompute_days: int = 2
    """The daily usage job recomputes this many days back (today included)."""
    quota_guidelines_per_day: int | None = None
    """Per owner and UTC day; unset means no limit."""
    quota_cost_per_month: float | None = None
    """Per owner and calendar month (UTC), in the provider's currency; unset means no limit."""

    # Observability and payload encryption (README "Observability")
    log_format: Literal["text", "json"] = "text"
    """``json`` in production (one object per line), ``text`` for people."""
    log_level: str = "INFO"
    worker_metrics_port: int | None = None
    """Prometheus endpoint of the worker's Temporal runtime; unset or 0: off."""
    worker_metrics_host: str = "127.0.0.1"
    payload_codec: bool = True
    """Encrypt every Temporal payload (AES-GCM); off only for tests that read raw results."""
    codec_keys: SecretStr | None = None
    """``kid1:base64key,kid0:base64key``: the first encrypts, all decrypt. Unset: a key
    made once and kept in the data dir (local development only)."""
    codec_access_token: SecretStr | None = None
    """A token the Web UI (or a proxy in front of it) may send to ``/codec/*`` as a bearer
    token, or put in the path (``/codec/<token>/decode``, for a UI that sends none). The
    local stack makes one per run. Admin API keys are accepted as bearer tokens too."""
    codec_cors_origins: list[str] = ["http://127.0.0.1:8233", "http://localhost:8233"]
    """Web UI origins allowed to call ``/codec/*`` from the browser."""

    # Security and reliability (SECURITY.md)
    webhook_allow_private: bool = False
    """Allow webhooks to private, loopback and link-local addresses (tests, closed networks)."""
    api_key_cache_seconds: float = Field(default=5.0, ge=0)
    """How long an API process trusts a key it found active without asking the database
    again: a revoked key is refused at most this long after revocation (0: every request)."""
    rate_limit_per_minute: int | None = 600
    """Requests per API key and minute, across every API process (a token bucket in
    PostgreSQL); unset: no limit."""
    event_streams_per_key: int = 10
    """Event streams (``/events``) one API key may hold open at once, per API process."""
    worker_shutdown_grace_seconds: float = 30.0
    """On SIGTERM, how long activities in flight may run on before they are cancelled."""

    @property
    def temporal_target(self) -> str:
        return self.temporal_address or f"127.0.0.1:{self.temporal_port}"

    @property
    def uses_embedded_database(self) -> bool:
        return self.database_url is None

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"postgresql+asyncpg://postgres@127.0.0.1:{self.db_port}/cpg2pvg"

    @property
    def resolved_data_dir(self) -> Path:
        return self.data_dir.expanduser().resolve()

    def webhook_signing_key(self) -> bytes:
        """The HMAC key for webhook signatures.

        Taken from ``CPG2PVG_WEBHOOK_SECRET``; without it, a random key is made once and
        kept in the data directory so that signatures stay stable across restarts.
        """
        if self.webhook_secret is not None:
            return self.webhook_secret.get_secret_value().encode()
        path = self.resolved_data_dir / "webhook-secret"
        if not path.exists():
            import secrets

            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text().strip().encode()

    def review_signing_key(self) -> bytes:
        """The key the API signs review decisions with and workers check them with.

        From ``CPG2PVG_REVIEW_SECRET``; without it, made once in the data dir (written
        aside, then linked into place, so an API and a worker starting together agree).
        """
        if self.review_secret is not None:
            return self.review_secret.get_secret_value().encode()
        path = self.resolved_data_dir / "review-secret"
        if not path.exists():
            import os
            import secrets

            path.parent.mkdir(parents=True, exist_ok=True)
            aside = path.with_name(f".review-secret.{os.getpid()}.{secrets.token_hex(4)}")
            fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(32))
            try:
                os.link(aside, path)
            except FileExistsError:
                pass
            finally:
                aside.unlink()
        return path.read_text().strip().encode()


@lru_cache
def get_settings() -> Settings:
    """The settings of this process; in production mode, complete or the process stops."""
    from cpg2pvg.production import require_complete

    settings = Settings()
    require_complete(settings)
    return settings
