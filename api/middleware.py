"""Request metrics for ``GET /metrics``, and CORS for the Web UI's calls to ``/codec``.

Series are labelled by route template (``/v1/guidelines/{guideline_id}``), never by the
path itself, so ids and names do not end up in metrics.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.limits import BodyLimit
from cpg2pvg.settings import Settings

# Submissions are counted apart: they are what users and quotas care about.
SUBMISSION_ROUTES = {
    ("POST", "/v1/guidelines"): "guideline",
    ("POST", "/v1/batches"): "batch",
}


@dataclass
class ApiMetrics:
    """The API's series, in a registry of their own (one per app, so tests can make many)."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.requests = Counter(
            "cpg2pvg_api_requests",
            "HTTP requests answered, by route template and status code.",
            ["method", "route", "status"],
            registry=r,
        )
        self.latency = Histogram(
            "cpg2pvg_api_request_duration_seconds",
            "Time to answer an HTTP request, by route template.",
            ["method", "route"],
            registry=r,
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
        )
        self.in_progress = Gauge(
            "cpg2pvg_api_requests_in_progress", "HTTP requests being answered.", registry=r
        )
        self.submissions = Counter(
            "cpg2pvg_api_submissions",
            "Submissions (guidelines, batches) by HTTP status: 202 accepted, 4xx refused.",
            ["kind", "status"],
            registry=r,
        )
        self.guidelines = Gauge(
            "cpg2pvg_guidelines",
            "Guidelines in the database by status, counted at scrape time.",
            ["status"],
            registry=r,
        )


class MetricsMiddleware:
    """Pure ASGI (no body buffering): counts and times every HTTP request."""

    def __init__(self, app: ASGIApp, metrics: ApiMetrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500
        started = time.perf_counter()

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        m = self.metrics
        m.in_progress.inc()
        try:
            await self.app(scope, receive, send_and_note)
        finally:
            m.in_progress.dec()
            method = scope.get("method", "GET")
            route = _route_template(scope)
            m.requests.labels(method, route, str(status)).inc()
            m.latency.labels(method, route).observe(time.perf_counter() - started)
            kind = SUBMISSION_ROUTES.get((method, route))
            if kind:
                m.submissions.labels(kind, str(status)).inc()


def _route_template(scope: Scope) -> str:
    route: Any = scope.get("route")
    path = getattr(route, "path", None)
    return path if isinstance(path, str) else "unmatched"


class CodecCors:
    """CORS for ``/codec/*`` only: the Web UI's origin may call the codec, nothing else."""

    def __init__(self, app: ASGIApp, origins: list[str]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=origins,
            allow_methods=["POST", "OPTIONS"],
            allow_headers=["Authorization", "Content-Type", "X-Namespace"],
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("path", "").startswith("/codec/"):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)


def install_middleware(app: FastAPI, settings: Settings) -> ApiMetrics:
    """Metrics outermost (they see every answer, errors included), then the body limits,
    then codec CORS."""
    metrics = ApiMetrics()
    app.state.metrics = metrics
    app.add_middleware(CodecCors, origins=list(settings.codec_cors_origins))
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(MetricsMiddleware, metrics=metrics)
    return metrics
