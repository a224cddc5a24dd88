"""Open event streams per API key, so one key cannot hold the API's connections.

Counted in this API process (like the rate limit). A slot is given back when its stream
ends, and also when the stream is dropped without ever starting (the client went away
before the first byte): slots are weakly held.
"""

from __future__ import annotations

import weakref


class StreamSlot:
    """Held while one stream is open; ``release`` is idempotent."""

    def __init__(self, holders: weakref.WeakSet[StreamSlot]) -> None:
        self._holders = holders

    def release(self) -> None:
        self._holders.discard(self)


class StreamSlots:
    def __init__(self, per_key: int) -> None:
        self.per_key = per_key
        self._open: dict[str, weakref.WeakSet[StreamSlot]] = {}

    def acquire(self, key: str) -> StreamSlot | None:
        """A slot for one more stream of ``key``, or None when it has ``per_key`` open."""
        holders = self._open.setdefault(key, weakref.WeakSet())
        if len(holders) >= self.per_key:
            return None
        slot = StreamSlot(holders)
        holders.add(slot)
        return slot

    def open_streams(self, key: str) -> int:
        return len(self._open.get(key, ()))
