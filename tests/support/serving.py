"""An API app served by uvicorn in this process, on a free loopback port."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn
from fastapi import FastAPI

from api.main import create_app
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.settings import Settings


@asynccontextmanager
async def serve_app(settings: Settings) -> AsyncIterator[tuple[str, FastAPI]]:
    """An API app of its own (own engine, own state) with these settings; yields its URL and
    the app, for tests that read the app's state (its engine, its rate-limit shares)."""
    app = create_app(settings)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, port=port, log_level="warning", lifespan="on"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        server.should_exit = True
        await serving


@asynccontextmanager
async def serve_api(settings: Settings) -> AsyncIterator[str]:
    """An API app of its own with these settings; yields its URL. Tests use it for a second
    replica or an API configured differently from the stack's."""
    async with serve_app(settings) as (url, _):
        yield url
