"""The per-key rate limit is counted in PostgreSQL: it holds across API replicas."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from contextlib import AsyncExitStack

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.keys import Role, create_key
from db.rate_limits import take_token
from tests.e2e.conftest import Stack
from tests.support.serving import serve_api


async def test_two_api_replicas_on_one_database_hold_the_combined_limit(stack: Stack) -> None:
    per_minute = 12
    limited = stack.settings.model_copy(update={"rate_limit_per_minute": per_minute})
    key = await stack.key(Role.SUBMITTER, "replicas")
    other = await stack.key(Role.SUBMITTER, "replicas-other")
    auth = {"Authorization": f"Bearer {key}"}
    async with AsyncExitStack() as replicas:
        bases = [await replicas.enter_async_context(serve_api(limited)) for _ in range(2)]
        clients = [
            await replicas.enter_async_context(httpx.AsyncClient(base_url=b, timeout=30))
            for b in bases
        ]
        started = time.monotonic()
        # 36 requests at once, half through each replica.
        answers = await asyncio.gather(
            *(clients[i % 2].get("/v1/guidelines", headers=auth) for i in range(36))
        )
        elapsed = time.monotonic() - started
        refused = [a for a in answers if a.status_code == 429]
        bystander = await clients[1].get(
            "/v1/guidelines", headers={"Authorization": f"Bearer {other}"}
        )
    codes = Counter(a.status_code for a in answers)
    assert set(codes) == {200, 429}, codes
    # One token comes back every 5 s: at most one more than the bucket held.
    assert per_minute <= codes[200] <= per_minute + int(elapsed * per_minute / 60), codes
    assert all(r.json()["error"]["code"] == "rate_limited" for r in refused)
    assert all(1 <= int(r.headers["Retry-After"]) <= 5 for r in refused)
    assert bystander.status_code == 200, "each key has its own bucket"


async def test_tokens_come_back_at_the_configured_rate(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions.begin() as session:
        row, _ = await create_key(session, role=Role.SUBMITTER, owner="refill")

    async def take() -> float | None:
        async with sessions.begin() as session:
            return await take_token(session, row.id, 120)

    started = time.monotonic()
    granted = 0
    while (wait := await take()) is None and granted < 200:
        granted += 1
    elapsed = time.monotonic() - started
    assert 120 <= granted <= 120 + int(elapsed * 2) + 1, "a full bucket, refilled meanwhile"
    assert wait is not None and wait <= 0.5, "two tokens a second"
    await asyncio.sleep(wait + 0.1)
    assert await take() is None
    assert await take() is not None


async def test_concurrent_requests_for_one_key_never_overdraw_its_bucket(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions.begin() as session:
        row, _ = await create_key(session, role=Role.SUBMITTER, owner="concurrent")

    async def take() -> float | None:
        async with sessions.begin() as session:
            return await take_token(session, row.id, 10)

    started = time.monotonic()
    results = await asyncio.gather(*(take() for _ in range(40)))
    elapsed = time.monotonic() - started
    assert 10 <= sum(r is None for r in results) <= 10 + int(elapsed / 6)
