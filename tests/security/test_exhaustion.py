"""One key cannot take the service down by holding many requests open."""

from __future__ import annotations

import asyncio
import contextlib
import time

import httpx

from db.keys import Role
from tests.e2e.conftest import Stack
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until

STREAMS_PER_KEY = 10  # the default of CPG2PVG_EVENT_STREAMS_PER_KEY


async def _waiting_for_review(stack: Stack, key: str, marker: bytes) -> str:
    """A guideline that stays open (in review), so its event stream does too."""
    content = corpus_file(SMALL_GUIDELINE).read_bytes() + marker
    async with stack.http(key) as http:
        accepted = await http.post(
            "/v1/guidelines", files={"file": ("sse.md", content)}, data={"review": "required"}
        )
        assert accepted.status_code == 202, accepted.text
        gid = str(accepted.json()["id"])

        async def in_review() -> bool:
            body = (await http.get(f"/v1/guidelines/{gid}")).json()
            return bool(body["status"] == "needs_review")

        await wait_until(in_review, timeout=90)
    return gid


async def test_thirty_event_streams_leave_readyz_and_other_owners_fast(stack: Stack) -> None:
    keys = [await stack.key(Role.SUBMITTER, "sse-flood") for _ in range(3)]
    other = await stack.key(Role.SUBMITTER, "sse-bystander")
    gid = await _waiting_for_review(stack, keys[0], b"\n<!-- sse flood -->\n")
    timeout = httpx.Timeout(5.0)
    async with contextlib.AsyncExitStack() as streams:
        clients = [
            await streams.enter_async_context(
                httpx.AsyncClient(
                    base_url=stack.base_url,
                    headers={"Authorization": f"Bearer {key}"},
                    timeout=timeout,
                    limits=httpx.Limits(max_connections=STREAMS_PER_KEY),
                )
            )
            for key in keys
        ]
        opened = await asyncio.gather(
            *(
                streams.enter_async_context(client.stream("GET", f"/v1/guidelines/{gid}/events"))
                for client in clients
                for _ in range(STREAMS_PER_KEY)
            )
        )
        assert [r.status_code for r in opened] == [200] * 30
        await asyncio.sleep(2.0)  # every stream has polled a few times

        async with stack.http() as anonymous, stack.http(other) as bystander:
            for _ in range(3):
                for http, url in ((anonymous, "/readyz"), (bystander, "/v1/guidelines")):
                    started = time.monotonic()
                    answer = await http.get(url, timeout=timeout)
                    elapsed = time.monotonic() - started
                    assert answer.status_code == 200, (url, answer.text)
                    assert elapsed < 1.0, f"{url} took {elapsed:.2f} s"
    async with stack.http(keys[0]) as http:
        await http.post(f"/v1/guidelines/{gid}/cancel")


async def test_event_streams_are_capped_per_key(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "sse-cap")
    gid = await _waiting_for_review(stack, key, b"\n<!-- sse cap -->\n")
    url = f"/v1/guidelines/{gid}/events"
    async with (
        httpx.AsyncClient(
            base_url=stack.base_url, headers={"Authorization": f"Bearer {key}"}, timeout=5
        ) as http,
        contextlib.AsyncExitStack() as streams,
    ):
        opened = [
            await streams.enter_async_context(http.stream("GET", url))
            for _ in range(STREAMS_PER_KEY)
        ]
        assert all(r.status_code == 200 for r in opened)
        refused = await http.get(url)
        assert refused.status_code == 429, refused.text
        assert refused.json()["error"]["code"] == "too_many_streams"
        assert int(refused.headers["Retry-After"]) >= 1
        await opened[0].aclose()  # a closed stream frees its slot

        async def reopened() -> bool:
            async with http.stream("GET", url) as again:
                return again.status_code == 200

        await wait_until(reopened, timeout=10)
        await http.post(f"/v1/guidelines/{gid}/cancel")
