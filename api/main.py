"""The FastAPI application: starts, queries and signals workflows; reads state."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.bootstrap import ensure_bootstrap_key
from api.errors import install_error_handlers
from api.keycache import KeyCache
from api.middleware import install_middleware
from api.routes import batches, control, events, guidelines, health, schedules, stats
from api.routes import codec as codec_routes
from api.routes import metrics as metrics_routes
from api.state import AppState, TemporalHandle
from api.streams import StreamSlots
from cpg2pvg import telemetry
from cpg2pvg.logs import configure_logging
from cpg2pvg.settings import Settings, get_settings
from db.session import make_engine, make_sessionmaker


def settle_garbage_collector(settings: Settings) -> None:
    """For an API process once started: what start-up made lives as long as the process,
    and a full collection walking it under load was a pause every request in flight waited
    out. Frozen, it is left out of every collection; a higher young-generation threshold
    runs them less often."""
    if settings.api_gc_threshold:
        _, middle, old = gc.get_threshold()
        gc.set_threshold(settings.api_gc_threshold, middle, old)
    if settings.api_gc_freeze:
        gc.collect()  # start-up's garbage freed, not frozen
        gc.freeze()


def create_app(settings: Settings | None = None, *, own_logging: bool = False) -> FastAPI:
    """``own_logging``: the app is the process (uvicorn), so it sets up logging and settles
    the garbage collector at start."""
    settings = settings or get_settings()
    telemetry.configure_tracing("cpg2pvg-api")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if own_logging:
            configure_logging(settings, "api")
        telemetry.instrument_database()
        # All kept open, none beyond them: 32 requests at once took overflow connections
        # that were opened and closed again for each request. A connection idle for over a
        # second is tested before use (db/session.py).
        engine = make_engine(
            settings.sqlalchemy_url,
            pool_size=settings.api_db_pool_size,
            max_overflow=0,
            ping_idle_seconds=1.0,
        )
        sessions = make_sessionmaker(engine)
        app.state.cpg2pvg = AppState(
            settings=settings,
            engine=engine,
            sessions=sessions,
            temporal=TemporalHandle(settings),
            streams=StreamSlots(settings.event_streams_per_key),
            keys=KeyCache(settings.api_key_cache_seconds),
        )
        await ensure_bootstrap_key(settings, sessions)
        if own_logging:
            settle_garbage_collector(settings)
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(
        title="cpg2pvg",
        version="1.0.0",
        summary="Turns clinical practice guidelines into patient versions, durably.",
        lifespan=lifespan,
        # Traces are ours (cpg2pvg.telemetry: on with an OTLP endpoint, the codec's URLs left
        # out). FastAPI's own would otherwise look up three OpenTelemetry providers on every
        # request, 2 % of a GET by id, and with ours on wrap each request a second time.
        telemetry={"tracing": False, "metrics": False, "logs": False, "operation_spans": False},
    )
    install_error_handlers(app)
    install_middleware(app, settings)
    telemetry.instrument_app(app)
    app.include_router(health.router)
    app.include_router(guidelines.router)
    app.include_router(control.router)
    app.include_router(events.router)
    app.include_router(batches.router)
    app.include_router(schedules.router)
    app.include_router(stats.router)
    app.include_router(metrics_routes.router)
    app.include_router(codec_routes.router)
    return app


app = create_app(own_logging=True)
