"""Queries on the language-model answer cache."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import LlmCacheEntry


async def lookup(
    session: AsyncSession, document_sha256: str, prompt_version: str, model: str
) -> LlmCacheEntry | None:
    query = select(LlmCacheEntry).where(
        LlmCacheEntry.document_sha256 == document_sha256,
        LlmCacheEntry.prompt_version == prompt_version,
        LlmCacheEntry.model == model,
    )
    return (await session.execute(query)).scalar_one_or_none()


async def store(
    session: AsyncSession,
    document_sha256: str,
    prompt_version: str,
    model: str,
    *,
    content: str,
    prompt_tokens: int,
    completion_tokens: int,
) -> None:
    """Store a validated answer; it replaces one that no longer validated."""
    statement = insert(LlmCacheEntry).values(
        document_sha256=document_sha256,
        prompt_version=prompt_version,
        model=model,
        content=content,
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[
                LlmCacheEntry.document_sha256,
                LlmCacheEntry.prompt_version,
                LlmCacheEntry.model,
            ],
            set_={
                "content": statement.excluded.content,
                "prompt_tokens": statement.excluded.prompt_tokens,
                "completion_tokens": statement.excluded.completion_tokens,
                "created_at": func.now(),
            },
        )
    )
