"""Make the bootstrap admin key exist when CPG2PVG_BOOTSTRAP_API_KEY is set (idempotent)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from cpg2pvg.settings import Settings
from db.keys import Role, ensure_key

BOOTSTRAP_OWNER = "admin"


async def ensure_bootstrap_key(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> bool:
    if settings.bootstrap_api_key is None:
        return False
    async with sessions.begin() as session:
        await ensure_key(
            session,
            key=settings.bootstrap_api_key.get_secret_value(),
            role=Role.ADMIN,
            owner=BOOTSTRAP_OWNER,
        )
    return True
