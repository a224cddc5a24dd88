"""What a database error tells: the statement and PostgreSQL's reason, never the values."""

from __future__ import annotations

import logging
import traceback

import pytest
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db import guidelines as store


async def test_database_errors_carry_no_sql_parameters(
    sessions: async_sessionmaker[AsyncSession], caplog: pytest.LogCaptureFixture
) -> None:
    """A failing insert (a NUL in a text column) names neither the owner nor the file."""
    owner, filename = "owner-7f3a-confidential", "patient-letter-7f3a.md"
    with pytest.raises(DBAPIError) as failure:
        async with sessions.begin() as session:
            await store.create_guideline(
                session,
                owner=owner,
                content=b"# Leak check 7f3a\n",
                media_type="text/markdown",
                filename=filename,
                title="Title with a NUL\x00",
            )
    logging.getLogger("tests.db.leaks").error("insert failed", exc_info=failure.value)
    told = "".join(traceback.format_exception(failure.value)) + caplog.text
    assert "INSERT INTO guidelines" in told, "the statement is still named"
    for secret in (owner, filename, "Title with a NUL"):
        assert secret not in told, secret
