"""Tracing and metrics for the API, the worker and the CLI.

Tracing is on only when ``OTEL_EXPORTER_OTLP_ENDPOINT`` is set (or a test hands in an
exporter): then FastAPI requests, Temporal client and worker calls, asyncpg queries and
outgoing httpx requests join one trace per submission. Otherwise nothing is instrumented
and no interceptor is added, so tracing costs nothing.

Metrics: the worker's Temporal runtime serves Prometheus on ``worker_metrics_port``,
including ``cpg2pvg_stage_duration_seconds`` recorded here around each pipeline activity;
the API's own series live in ``api/middleware.py``.
"""

from __future__ import annotations

import contextvars
import dataclasses
import logging
import os
import time
from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import Any

import httpx
from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    SimpleSpanProcessor,
    SpanExporter,
)
from temporalio import activity
from temporalio import client as temporal_client
from temporalio import worker as temporal_worker
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from cpg2pvg import contracts
from cpg2pvg.settings import Settings

log = logging.getLogger(__name__)

ATTR_GUIDELINE_ID = "cpg2pvg.guideline_id"
ATTR_STAGE = "cpg2pvg.stage"
STAGE_HISTOGRAM = "cpg2pvg_stage_duration_seconds"

# The pipeline stage each activity does the work of (record_stage says its own).
ACTIVITY_STAGES: Mapping[str, str] = {
    contracts.PARSE_DOCUMENT: "parsing",
    contracts.GENERATE_PVG: "generating",
    contracts.QUALITY_CONTROL: "quality_control",
    contracts.SAVE_REVIEW: "review",
    contracts.NOTIFY: "notifying",
    contracts.DELIVER_WEBHOOK: "notifying",
}

# The guideline an activity works on, for log lines written while it runs (cpg2pvg.logs).
current_guideline: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "cpg2pvg_guideline_id", default=None
)

_provider: TracerProvider | None = None
_db_instrumented = False


# -- tracing --------------------------------------------------------------------------------


def configure_tracing(
    service_name: str, exporter: SpanExporter | None = None
) -> TracerProvider | None:
    """Turn tracing on for this process when an OTLP endpoint (or ``exporter``) is given.

    Idempotent: the first configuration wins, as with OpenTelemetry's global provider.
    A given ``exporter`` (tests) is flushed span by span; OTLP export is batched.
    """
    global _provider
    if _provider is not None:
        return _provider
    if exporter is None:
        if not os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT") and not os.environ.get(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
        ):
            return None
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        processor: Any = BatchSpanProcessor(OTLPSpanExporter())
    else:
        processor = SimpleSpanProcessor(exporter)
    provider = TracerProvider(resource=Resource.create({"service.name": service_name}))
    provider.add_span_processor(processor)
    _provider = provider
    if exporter is None:
        # Libraries that only know the global provider join in too (not in tests, where
        # the global provider could never be replaced again).
        trace.set_tracer_provider(provider)
    log.info("tracing on: spans of %s exported over OTLP", service_name)
    return provider


def tracer_provider() -> TracerProvider | None:
    return _provider


def shutdown_tracing() -> None:
    """Flush and forget the provider (end of a process, or of a test)."""
    global _provider
    provider, _provider = _provider, None
    uninstrument_database()
    if provider is not None:
        provider.shutdown()


def instrument_app(app: Any) -> None:
    """A server span per request (health and metrics scrapes left out, and the codec, whose
    URL may carry its token)."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

    FastAPIInstrumentor.instrument_app(
        app,
        tracer_provider=_provider,
        excluded_urls="healthz,readyz,metrics,codec/",
        exclude_spans=["receive", "send"],
    )


def instrument_http(client: httpx.AsyncClient) -> None:
    """Client spans (and trace headers) for outgoing requests: webhooks, providers."""
    if _provider is None:
        return
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor

    HTTPXClientInstrumentor.instrument_client(client, tracer_provider=_provider)


def instrument_database() -> None:
    """A span per asyncpg query (statement text only: parameters are never recorded)."""
    global _db_instrumented
    if _provider is None or _db_instrumented:
        return
    from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

    AsyncPGInstrumentor().instrument(tracer_provider=_provider)
    _db_instrumented = True


def uninstrument_database() -> None:
    global _db_instrumented
    if _db_instrumented:
        from opentelemetry.instrumentation.asyncpg import AsyncPGInstrumentor

        AsyncPGInstrumentor().uninstrument()
        _db_instrumented = False


def temporal_interceptors() -> list[Any]:
    """Interceptors for every Temporal client; a worker inherits them from its client."""
    interceptors: list[Any] = []
    if _provider is not None:
        from temporalio.contrib.opentelemetry import TracingInterceptor

        interceptors.append(TracingInterceptor(_provider.get_tracer("cpg2pvg.temporal")))
    interceptors.append(GuidelineInterceptor())
    return interceptors


# -- metrics --------------------------------------------------------------------------------


def worker_runtime(settings: Settings) -> Runtime | None:
    """A Temporal runtime serving Prometheus metrics, when a worker metrics port is set."""
    if not settings.worker_metrics_port:
        return None
    address = f"{settings.worker_metrics_host}:{settings.worker_metrics_port}"
    log.info("worker metrics at http://%s/metrics", address)
    return Runtime(
        telemetry=TelemetryConfig(
            metrics=PrometheusConfig(bind_address=address, durations_as_seconds=True)
        )
    )


# -- the guideline an activity or workflow start is about ------------------------------------


def guideline_of(args: Sequence[Any]) -> tuple[str | None, str | None]:
    """(guideline id, stage) from an activity's or workflow's one input: its
    ``guideline_id`` (or its notice's), and its ``stage`` when it is a stage update.

    The input may still be undecoded (a dict), and runs from before typed-activity-inputs
    pass the id itself first.
    """
    if not args:
        return None, None
    first = args[0]
    if isinstance(first, str):
        return first, None
    fields = _fields(first)
    if "notice" in fields:
        fields = _fields(fields["notice"])
    gid, stage = fields.get("guideline_id"), fields.get("stage")
    return (gid if isinstance(gid, str) else None), (stage if isinstance(stage, str) else None)


def _fields(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return {}


class GuidelineInterceptor(temporal_client.Interceptor, temporal_worker.Interceptor):
    """Tags spans and log lines with the guideline id and stage; times each stage's activity.

    Runs inside the tracing interceptor, so the current span is the Temporal one.
    """

    def intercept_client(
        self, next: temporal_client.OutboundInterceptor
    ) -> temporal_client.OutboundInterceptor:
        return _ClientOutbound(next)

    def intercept_activity(
        self, next: temporal_worker.ActivityInboundInterceptor
    ) -> temporal_worker.ActivityInboundInterceptor:
        return _ActivityInbound(next)


class _ClientOutbound(temporal_client.OutboundInterceptor):
    async def start_workflow(self, input: temporal_client.StartWorkflowInput) -> Any:
        gid, _ = guideline_of(input.args)
        span = trace.get_current_span()
        if gid and span.is_recording():
            span.set_attribute(ATTR_GUIDELINE_ID, gid)
        return await super().start_workflow(input)


class _ActivityInbound(temporal_worker.ActivityInboundInterceptor):
    async def execute_activity(self, input: temporal_worker.ExecuteActivityInput) -> Any:
        info = activity.info()
        gid, stage = guideline_of(input.args)
        stage = stage or ACTIVITY_STAGES.get(info.activity_type)
        span = trace.get_current_span()
        if span.is_recording():
            if gid:
                span.set_attribute(ATTR_GUIDELINE_ID, gid)
            if stage:
                span.set_attribute(ATTR_STAGE, stage)
        token = current_guideline.set(gid)
        started = time.monotonic()
        outcome = "failed"
        try:
            result = await super().execute_activity(input)
            outcome = "ok"
            return result
        finally:
            current_guideline.reset(token)
            if stage and info.activity_type in ACTIVITY_STAGES:
                _record_stage(stage, outcome, time.monotonic() - started)


def _record_stage(stage: str, outcome: str, seconds: float) -> None:
    try:
        histogram = activity.metric_meter().create_histogram_timedelta(
            STAGE_HISTOGRAM, "Time spent in a pipeline stage's activity, per attempt.", "s"
        )
        histogram.with_additional_attributes({"stage": stage, "outcome": outcome}).record(
            timedelta(seconds=seconds)
        )
    except Exception:  # metrics must never fail an activity
        log.debug("could not record the stage duration", exc_info=True)
