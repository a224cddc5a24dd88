"""An API app served by uvicorn in this process, on a free loopback port."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import uvicorn

from api.main import create_app
from cpg2pvg.ops.local.ports import free_port
from cpg2pvg.settings import Settings


@asynccontextmanager
async def serve_api(settings: Settings) -> AsyncIterator[str]:
    """An API app of its own (own engine, own state) with these settings; yields its URL.
    Tests use it for a second replica or an API configured differently from the stack's."""
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(settings), port=port, log_level="warning", lifespan="on")
    )
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving
