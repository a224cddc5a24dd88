"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import Base


async def test_models_and_migrations_agree(sessions: async_sessionmaker[AsyncSession]) -> None:
    def diff(connection: Connection) -> list:
        context = MigrationContext.configure(connection)
        return compare_metadata(context, Base.metadata)

    async with sessions() as session:
        connection = await session.connection()
        differences = await connection.run_sync(diff)
    assert differences == []
