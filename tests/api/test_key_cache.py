"""The API key cache: a found key is trusted for its TTL, and not a moment longer."""

from __future__ import annotations

from api.keycache import KeyCache


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_found_key_is_kept_for_the_ttl_only() -> None:
    clock = Clock()
    cache: KeyCache[str] = KeyCache(5.0, clock=clock)
    cache.put("cpg_key", "caller")
    clock.now += 4.9
    assert cache.get("cpg_key") == "caller"
    clock.now += 0.1
    assert cache.get("cpg_key") is None, "after the TTL the database is asked again"
    assert cache.get("cpg_other") is None


def test_ttl_zero_keeps_nothing_and_the_size_is_bounded() -> None:
    off: KeyCache[str] = KeyCache(0)
    off.put("cpg_key", "caller")
    assert off.get("cpg_key") is None
    small: KeyCache[str] = KeyCache(60, max_entries=2)
    for n in range(5):
        small.put(f"cpg_{n}", str(n))
    assert len(small._entries) <= 2
    assert small.get("cpg_4") == "4"
