"""Each API process's share of a key's rate limit, and how a refused request says when to
come back.

The limit itself is counted in PostgreSQL (db/rate_limits.py), shared by every API replica:
a limit kept in each process would let a key make N times as many requests through N
replicas. Asking the database on every request costs a write and a commit each, so a
process takes a busy key's tokens a block at a time and hands them out itself:

- a block is what the key would use in this process in half a lease at the pace its last
  block went (at least one token, at most one second of its limit and ``MAX_BLOCK``): a
  key that sends a request now and then takes one token a request, exactly as before;
- a token is taken from the database once, by one process, and used at most once: however
  many replicas there are, a key never gets more than its limit (shifted by at most the
  lease: a token taken at the end of one minute may be used at the start of the next);
- tokens not used within ``lease`` seconds are dropped, and a refusal is remembered for
  as long as the database said to wait (at most ``lease``). So a replica may refuse a key
  while another still holds up to one block of it unused; SECURITY.md states the tolerance.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

MAX_BLOCK = 100
"""Most tokens one process takes at once: ≈ 0.2 s of this API's throughput on one core."""


def retry_after_header(wait_seconds: float) -> dict[str, str]:
    return {"Retry-After": str(max(1, math.ceil(wait_seconds)))}


def block_limit(per_minute: int) -> int:
    """The largest block for a limit: one second of its rate, 1 to ``MAX_BLOCK`` tokens."""
    return max(1, min(MAX_BLOCK, per_minute // 60))


@dataclass
class _Share:
    tokens: int = 0
    expires: float = 0.0
    refused_until: float = 0.0
    wait_until: float = 0.0
    """When a refusal's token is free (for Retry-After)."""
    fetched_at: float = 0.0
    used: int = 0
    """Tokens handed out since ``fetched_at``: the key's recent demand in this process."""
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


Fetch = Callable[[int], Awaitable[tuple[int, float | None]]]
"""Takes up to n tokens from the database: (tokens granted, seconds to wait if none)."""


@dataclass
class TokenShares:
    lease: float = 1.0
    max_keys: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _shares: dict[str, _Share] = field(default_factory=dict)

    async def take(self, key_id: str, per_minute: int, fetch: Fetch) -> float | None:
        """None: the request may go on; else the seconds until the key has a token."""
        share = self._share(key_id)
        decided, wait = self._local(share)
        if decided:
            return wait
        async with share.lock:  # one database take per key and process at a time
            decided, wait = self._local(share)
            if decided:
                return wait
            wanted = min(block_limit(per_minute), self._demand(share))
            granted, wait = await fetch(wanted)
            now = self.clock()
            if granted < 1:
                wait = wait or 0.0
                share.tokens = 0
                share.refused_until = now + min(wait, self.lease)
                share.wait_until = now + wait
                return wait
            share.tokens, share.expires = granted - 1, now + self.lease
            share.fetched_at, share.used = now, 1
            return None

    def _demand(self, share: _Share) -> int:
        """Tokens for half a lease at the rate the last block went: 1 for a quiet key."""
        elapsed = self.clock() - share.fetched_at
        if share.used < 1 or elapsed > self.lease:
            return 1
        return max(1, math.ceil(share.used * self.lease / (2 * max(elapsed, 0.001))))

    def _local(self, share: _Share) -> tuple[bool, float | None]:
        """From the share alone, if it can tell: a token (None) or still refused (seconds)."""
        now = self.clock()
        if share.tokens > 0 and now < share.expires:
            share.tokens -= 1
            share.used += 1
            return True, None
        if now < share.refused_until:
            return True, max(0.0, share.wait_until - now)
        return False, None

    def _share(self, key_id: str) -> _Share:
        share = self._shares.get(key_id)
        if share is None:
            if len(self._shares) >= self.max_keys:
                self._forget_idle()
            share = self._shares[key_id] = _Share()
        return share

    def _forget_idle(self) -> None:
        now = self.clock()
        for key_id, share in list(self._shares.items()):
            idle = now >= share.expires and now >= share.refused_until
            if idle and not share.lock.locked():
                del self._shares[key_id]
