"""What the API process holds for its lifetime: settings, one DB engine, one Temporal client,
the open event streams."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from temporalio.client import Client

from api.keycache import KeyCache
from api.ratelimit import TokenShares
from api.streams import StreamSlots
from cpg2pvg.settings import Settings
from cpg2pvg.temporal import connect


@dataclass
class TemporalHandle:
    """Connects on first use, so the API starts (and /readyz can say why) without Temporal."""

    settings: Settings
    _client: Client | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def get(self) -> Client:
        if self._client is None:
            async with self._lock:
                if self._client is None:
                    self._client = await asyncio.wait_for(connect(self.settings), timeout=10)
        return self._client


@dataclass
class AppState:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    temporal: TemporalHandle
    streams: StreamSlots
    keys: KeyCache[Any]
    """Callers of keys found active lately (api/deps.py), for ``api_key_cache_seconds``."""
    rate_shares: TokenShares = field(default_factory=TokenShares)
    """This process's share of each busy key's rate-limit tokens (api/ratelimit.py)."""
