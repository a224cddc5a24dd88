"""API keys found in the database, kept for a few seconds so a request need not look its
key up again.

Only keys found active are kept, and only for ``ttl`` seconds from the lookup: a revoked key
is refused by every API process at most ``ttl`` seconds after ``cpg2pvg keys revoke``
(SECURITY.md). An unknown key is never kept, so a key created a moment ago works at once.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass
class KeyCache(Generic[V]):
    ttl: float
    """Seconds a found key is trusted without the database; 0 turns the cache off."""
    max_entries: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _entries: dict[str, tuple[float, V]] = field(default_factory=dict)

    @staticmethod
    def _slot(token: str) -> str:
        # By digest: the process keeps no bearer token as it was sent.
        return hashlib.sha256(token.encode()).hexdigest()

    def get(self, token: str) -> V | None:
        slot = self._slot(token)
        found = self._entries.get(slot)
        if found is None:
            return None
        expires, value = found
        if self.clock() >= expires:
            del self._entries[slot]
            return None
        return value

    def put(self, token: str, value: V) -> None:
        if self.ttl <= 0:
            return
        if len(self._entries) >= self.max_entries:
            self._entries.clear()  # more distinct keys within a TTL than kept: start afresh
        self._entries[self._slot(token)] = (self.clock() + self.ttl, value)
