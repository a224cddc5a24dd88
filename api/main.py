"""The FastAPI application: starts, queries and signals workflows; reads state."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routes import batches, control, events, guidelines, health, schedules, stats
from api.state import AppState, TemporalHandle
from cpg2pvg.bootstrap import ensure_bootstrap_key
from cpg2pvg.settings import Settings, get_settings
from db.session import make_engine, make_sessionmaker


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = make_engine(settings.sqlalchemy_url)
        sessions = make_sessionmaker(engine)
        app.state.cpg2pvg = AppState(
            settings=settings, engine=engine, sessions=sessions, temporal=TemporalHandle(settings)
        )
        await ensure_bootstrap_key(settings, sessions)
        try:
            yield
        finally:
            await engine.dispose()

    app = FastAPI(
        title="cpg2pvg",
        version="1.0.0",
        summary="Turns clinical practice guidelines into patient versions, durably.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(guidelines.router)
    app.include_router(control.router)
    app.include_router(events.router)
    app.include_router(batches.router)
    app.include_router(schedules.router)
    app.include_router(stats.router)
    return app


app = create_app()
