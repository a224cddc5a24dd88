"""The rate limit's tokens are taken from PostgreSQL a block at a time by each API process,
and the limit still holds across processes.

The share's rules are checked with a clock of the test's own; the limit across two API
apps (each its own engine and share, as two replicas) on the real embedded PostgreSQL.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from contextlib import AsyncExitStack

import httpx
import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from api.ratelimit import TokenShares, block_limit
from cpg2pvg.settings import Settings
from db.keys import Role, create_key
from db.rate_limits import take_tokens
from tests.support.serving import serve_app


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Bucket:
    """Stands in for the database's bucket in the share's own rules: counts what is asked."""

    def __init__(self, tokens: int, wait: float = 3.0) -> None:
        self.tokens, self.wait = tokens, wait
        self.asked: list[int] = []

    async def __call__(self, wanted: int) -> tuple[int, float | None]:
        self.asked.append(wanted)
        granted = min(wanted, self.tokens)
        self.tokens -= granted
        return (granted, None) if granted else (0, self.wait)


async def test_a_quiet_key_takes_one_token_a_request() -> None:
    clock = Clock()
    shares = TokenShares(lease=1.0, clock=clock)
    bucket = Bucket(600)
    for _ in range(5):
        assert await shares.take("k", 600, bucket) is None
        clock.now += 1.5
    assert bucket.asked == [1] * 5, "nothing taken that a quiet key would leave unused"


async def test_a_busy_key_takes_blocks_up_to_a_second_of_its_limit() -> None:
    clock = Clock()
    shares = TokenShares(lease=1.0, clock=clock)
    bucket = Bucket(10_000)
    for _ in range(300):
        assert await shares.take("k", 600, bucket) is None
        clock.now += 0.001
    assert max(bucket.asked) == block_limit(600) == 10
    assert len(bucket.asked) < 40, bucket.asked
    assert 10_000 - bucket.tokens - 300 < 10, "at most one block held unused"


async def test_unused_tokens_lapse_and_a_refusal_is_kept_no_longer_than_the_lease() -> None:
    clock = Clock()
    shares = TokenShares(lease=1.0, clock=clock)
    bucket = Bucket(12, wait=4.0)
    for _ in range(3):
        assert await shares.take("k", 600, bucket) is None
        clock.now += 0.01
    clock.now += 1.0  # the share's lease has run out: its tokens are not used
    taken_before = 12 - bucket.tokens
    while (wait := await shares.take("k", 600, bucket)) is None:
        pass
    assert wait == 4.0
    asked = len(bucket.asked)
    clock.now += 0.5
    assert await shares.take("k", 600, bucket) == pytest.approx(3.5), "remembered, with the rest"
    assert len(bucket.asked) == asked, "not asked again while refused"
    clock.now += 0.6
    bucket.tokens = 1
    assert await shares.take("k", 600, bucket) is None, "asked again after the lease"
    assert taken_before > 3



async def test_two_replicas_taking_blocks_hold_the_limit_with_few_database_takes(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> None:
    per_minute, requests = 300, 400  # blocks of up to 5 tokens
    async with sessions.begin() as session:
        _, key = await create_key(session, role=Role.SUBMITTER, owner="blocks")
    limited = settings.model_copy(update={"rate_limit_per_minute": per_minute})
    takes = 0

    def count(*args: object) -> None:
        nonlocal takes
        takes += "api_rate_buckets" in str(args[2])

    async with AsyncExitStack() as replicas:
        apps = [await replicas.enter_async_context(serve_app(limited)) for _ in range(2)]
        for _, app in apps:
            event.listen(app.state.cpg2pvg.engine.sync_engine, "before_cursor_execute", count)
        clients = [
            await replicas.enter_async_context(
                httpx.AsyncClient(
                    base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30
                )
            )
            for base, _ in apps
        ]
        queue = iter(range(requests))
        codes: Counter[int] = Counter()

        async def send(client: httpx.AsyncClient) -> None:
            for _ in queue:
                answer = await client.get("/v1/guidelines", params={"limit": 1})
                codes[answer.status_code] += 1
                if answer.status_code == 429:
                    assert answer.json()["error"]["code"] == "rate_limited"
                    assert 1 <= int(answer.headers["Retry-After"]) <= 60

        started = time.monotonic()
        await asyncio.gather(*(send(clients[n % 2]) for n in range(16)))
        elapsed = time.monotonic() - started

    refill = int(elapsed * per_minute / 60) + 1
    assert set(codes) == {200, 429}, codes
    # Never more than the bucket grants; less by at most a block and a lease's refill per
    # replica (tokens one replica held while the other refused).
    assert codes[200] <= per_minute + refill, (codes, elapsed)
    assert codes[200] >= per_minute - 2 * (5 + 5), (codes, elapsed)
    assert takes <= requests // 3, f"{takes} database takes for {requests} requests"


async def test_a_block_is_granted_as_far_as_the_bucket_holds(
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    async with sessions.begin() as session:
        row, _ = await create_key(session, role=Role.SUBMITTER, owner="block-take")

    async def take(wanted: int) -> tuple[int, float | None]:
        async with sessions.begin() as session:
            taken = await take_tokens(session, row.id, 60, wanted)
        return taken.tokens, taken.wait

    assert await take(50) == (50, None), "a fresh bucket holds its capacity"
    granted, _ = await take(50)
    assert 10 <= granted <= 12, "the rest of it (and a token a second refilled meanwhile)"
    granted, wait = await take(5)
    assert granted == 0 and wait is not None and 0 < wait <= 1.0
