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


async def _raw_request(
    stack: Stack, head: str
) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    """A connection that has sent only the request line and headers."""
    port = int(stack.base_url.rsplit(":", 1)[1])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(head.replace("\n", "\r\n").encode() + b"\r\n")
    await writer.drain()
    return reader, writer


async def _status_line(reader: asyncio.StreamReader, within: float = 3.0) -> tuple[int, bytes]:
    """The status code and what came with it, read before the body was ever sent."""
    head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), within)
    rest = await asyncio.wait_for(reader.read(4096), within)
    return int(head.split(b" ", 2)[1]), rest


MULTIPART = "multipart/form-data; boundary=b0undary"


async def test_the_key_is_checked_before_the_body_is_read(stack: Stack) -> None:
    """1 MiB announced (within the limit), nothing sent: no key is 401 at once."""
    for path in ("/v1/guidelines", "/v1/batches"):
        reader, writer = await _raw_request(
            stack,
            f"POST {path} HTTP/1.1\nHost: 127.0.0.1\nContent-Type: {MULTIPART}\n"
            f"Content-Length: {1024 * 1024}\n",
        )
        try:
            status, body = await _status_line(reader)
        finally:
            writer.close()
        assert status == 401, (path, body)
        assert b'"unauthorized"' in body


async def test_an_announced_oversized_body_is_413_before_it_is_sent(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "body-limits")
    reviewer = await stack.key(Role.REVIEWER, "body-limits")
    cases = [
        ("/v1/guidelines", key, MULTIPART, 100 * 1024 * 1024, b'"file_too_large"'),
        ("/v1/batches", key, MULTIPART, 4 * 1024**3, b'"batch_too_large"'),
        (
            "/v1/guidelines/00000000-0000-0000-0000-000000000000/review",
            reviewer,
            "application/json",
            16 * 1024 * 1024,
            b'"request_too_large"',
        ),
    ]
    for path, auth, content_type, size, code in cases:
        reader, writer = await _raw_request(
            stack,
            f"POST {path} HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer {auth}\n"
            f"Content-Type: {content_type}\nContent-Length: {size}\n",
        )
        try:
            status, body = await _status_line(reader)
        finally:
            writer.close()
        assert status == 413, (path, body)
        assert code in body, (path, body)


async def test_a_streamed_body_is_cut_off_soon_after_the_limit(stack: Stack) -> None:
    """Chunked, with no Content-Length: the server stops reading once past the limit
    (3 MiB here), long before the 100 MiB the client would send."""
    key = await stack.key(Role.SUBMITTER, "body-limits")
    reader, writer = await _raw_request(
        stack,
        f"POST /v1/guidelines HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer {key}\n"
        f"Content-Type: {MULTIPART}\nTransfer-Encoding: chunked\n",
    )
    opening = (
        b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    piece = b"Adults should walk every day.\n" * 34_000  # about 1 MiB
    closing = b"\r\n--b0undary--\r\n"
    sent = 0
    answer = asyncio.ensure_future(_status_line(reader, within=60))
    try:
        for data in [opening, *[piece] * 100, closing, b""]:
            if answer.done():
                break
            try:
                writer.write(b"%x\r\n" % len(data) + data + b"\r\n")
                await writer.drain()
            except ConnectionError:
                break
            sent += len(data)
        status, body = await answer
    finally:
        answer.cancel()
        writer.close()
    assert status == 413, body
    assert b'"file_too_large"' in body
    assert sent < 24 * 1024 * 1024, f"{sent / 2**20:.0f} MiB were taken before the 413"
