"""One way to connect to Temporal, shared by the API, the worker and the CLI."""

from __future__ import annotations

from temporalio.client import Client

from cpg2pvg.settings import Settings


async def connect(settings: Settings) -> Client:
    return await Client.connect(settings.temporal_target, namespace=settings.temporal_namespace)
