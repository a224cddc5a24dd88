"""API keys: random tokens, stored only as their SHA-256, shown once at creation."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from enum import StrEnum

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ApiKey

KEY_PREFIX = "cpg_"


class Role(StrEnum):
    ADMIN = "admin"
    SUBMITTER = "submitter"
    REVIEWER = "reviewer"


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


async def create_key(
    session: AsyncSession, *, role: Role, owner: str, key: str | None = None
) -> tuple[ApiKey, str]:
    """Make a key (or register a given one); returns the row and the plaintext key."""
    plaintext = key or new_key()
    row = ApiKey(
        id=uuid.uuid4(), key_hash=hash_key(plaintext), prefix=plaintext[:12], role=role, owner=owner
    )
    session.add(row)
    await session.flush()
    return row, plaintext


async def ensure_key(session: AsyncSession, *, key: str, role: Role, owner: str) -> None:
    """Make sure a key with exactly this value exists and is active (idempotent)."""
    statement = insert(ApiKey).values(
        id=uuid.uuid4(), key_hash=hash_key(key), prefix=key[:12], role=role, owner=owner
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[ApiKey.key_hash], set_={"revoked_at": None, "role": role}
        )
    )


async def find_active_key(session: AsyncSession, key: str) -> ApiKey | None:
    query = select(ApiKey).where(ApiKey.key_hash == hash_key(key), ApiKey.revoked_at.is_(None))
    return (await session.execute(query)).scalar_one_or_none()


async def revoke_key(
    session: AsyncSession, *, key: str | None = None, prefix: str | None = None
) -> int:
    """Revoke by full key or by its shown prefix; returns how many keys were revoked."""
    query = update(ApiKey).where(ApiKey.revoked_at.is_(None)).values(revoked_at=func.now())
    if key is not None:
        query = query.where(ApiKey.key_hash == hash_key(key))
    elif prefix is not None:
        query = query.where(ApiKey.prefix == prefix)
    else:
        raise ValueError("give the key or its prefix")
    result = await session.execute(query)
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
