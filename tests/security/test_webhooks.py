"""Webhooks may not be aimed into our own network (SSRF), at submission or at delivery, and a
redirect is never followed."""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.exceptions import ApplicationError

from activities.deps import ActivityDeps
from activities.notify import NotifyActivities
from cpg2pvg import contracts
from cpg2pvg.lifecycle import Event
from cpg2pvg.webhooks import WebhookNotAllowed, check_target, forbidden_reason
from db import notifications as notification_log
from db.keys import Role
from tests.e2e.conftest import Stack
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.receiver import WebhookReceiver
from tests.support.serving import serve_api
from tests.workflows.helpers import new_guideline

REFUSED = [
    "http://127.0.0.1:9/hook",
    "http://localhost/hook",
    "http://10.1.2.3/hook",
    "http://192.168.0.1/hook",
    "http://172.16.5.4:8080/hook",
    "http://169.254.169.254/latest/meta-data/",  # cloud metadata
    "http://[::1]/hook",
    "http://[::ffff:127.0.0.1]/hook",
    "http://[fe80::1]/hook",
    "http://0.0.0.0/hook",
    "http://100.64.0.1/hook",  # carrier-grade NAT
    "http://224.0.0.1/hook",
]


@pytest.mark.parametrize("url", REFUSED)
async def test_private_targets_are_refused(url: str) -> None:
    with pytest.raises(WebhookNotAllowed):
        await check_target(url, allow_private=False)
    await check_target(url, allow_private=True)  # the setting opens them, e.g. for tests


# Private IPv4 addresses in IPv6 clothing: 6to4, NAT64 (well-known and local-use prefixes),
# Teredo (the client address is stored inverted), IPv4-compatible and IPv4-translated forms.
REFUSED_IN_IPV6_FORM = [
    "http://[2002:7f00:1::]/hook",  # 6to4 of 127.0.0.1
    "http://[2002:a9fe:a9fe::1]/hook",  # 6to4 of 169.254.169.254
    "http://[2002:a00:1::]/hook",  # 6to4 of 10.0.0.1
    "http://[64:ff9b::7f00:1]/hook",  # NAT64 of 127.0.0.1
    "http://[64:ff9b::a9fe:a9fe]/hook",  # NAT64 of the metadata address
    "http://[64:ff9b:1::c0a8:1]/hook",  # local-use NAT64 of 192.168.0.1
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook",  # Teredo, client 127.0.0.1
    "http://[::7f00:1]/hook",  # IPv4-compatible 127.0.0.1
    "http://[::ffff:0:7f00:1]/hook",  # IPv4-translated 127.0.0.1
    "http://[fec0::1]/hook",  # deprecated site-local
]


@pytest.mark.parametrize("url", REFUSED_IN_IPV6_FORM)
async def test_ipv6_transition_forms_of_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(WebhookNotAllowed):
        await check_target(url, allow_private=False)


def test_ipv6_transition_forms_of_public_addresses_pass() -> None:
    for public in ("2002:5db8:d70e::1", "2606:4700::6810:84e5"):  # 6to4 of 93.184.215.14
        assert forbidden_reason(ipaddress.ip_address(public)) is None, public


async def test_public_targets_and_bad_schemes() -> None:
    assert forbidden_reason(ipaddress.ip_address("93.184.215.14")) is None
    assert forbidden_reason(ipaddress.ip_address("2606:4700::6810:84e5")) is None
    await check_target("https://93.184.215.14/hook", allow_private=False)
    for url in ("ftp://93.184.215.14/x", "file:///etc/passwd", "http:///nohost"):
        with pytest.raises(WebhookNotAllowed):
            await check_target(url, allow_private=True)


async def test_submission_answers_422_webhook_not_allowed(stack: Stack) -> None:
    strict = stack.settings.model_copy(update={"webhook_allow_private": False})
    key = await stack.key(Role.SUBMITTER, "ssrf")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    async with serve_api(strict) as base, httpx.AsyncClient(base_url=base, timeout=30) as http:
        auth = {"Authorization": f"Bearer {key}"}
        for url in ("http://169.254.169.254/latest/", "http://localhost:5432/"):
            one = await http.post(
                "/v1/guidelines",
                files={"file": ("g.md", content)},
                data={"webhook_url": url},
                headers=auth,
            )
            many = await http.post(
                "/v1/batches",
                files=[("files", ("g.md", content))],
                data={"webhook_url": url},
                headers=auth,
            )
            for answer in (one, many):
                assert answer.status_code == 422, answer.text
                assert answer.json()["error"]["code"] == "webhook_not_allowed"


async def _notify(deps: ActivityDeps, guideline_id: str) -> contracts.NotifyResult:
    return await NotifyActivities(deps).notify(
        contracts.NotifyInput(guideline_id=guideline_id, event=Event.COMPLETED, run_id="run-1")
    )


async def test_delivery_checks_again_and_fails_for_good(
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    receiver: WebhookReceiver,
) -> None:
    """Accepted while allowed; by delivery time the target is not: no POST, no retry."""
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, "g.md", webhook_url=receiver.url)
    strict = ActivityDeps(
        settings=deps.settings.model_copy(update={"webhook_allow_private": False}),
        sessions=deps.sessions,
        cpu_pool=deps.cpu_pool,
        http=deps.http,
    )
    with pytest.raises(ApplicationError) as refused:
        await _notify(strict, str(guideline.id))
    assert refused.value.type == "webhook_not_allowed"
    assert refused.value.non_retryable
    assert receiver.deliveries == []
    async with sessions() as session:
        rows = await notification_log.list_for_guideline(session, guideline.id)
    webhook = [r for r in rows if r.channel == "webhook"]
    assert [(r.status, r.last_error) for r in webhook] == [("failed", "webhook_not_allowed")]


@pytest.fixture
def redirector(receiver: WebhookReceiver) -> Iterator[str]:
    """Answers every POST with 307 to the receiver: following it would reach the receiver."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            self.send_response(307)
            self.send_header("Location", receiver.url)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hook"
    server.shutdown()
    server.server_close()


async def test_redirects_are_not_followed(
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
    receiver: WebhookReceiver,
    redirector: str,
) -> None:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, "g.md", webhook_url=redirector)
    with pytest.raises(ApplicationError) as refused:
        await _notify(deps, str(guideline.id))
    assert refused.value.type == "webhook_rejected" and refused.value.non_retryable
    assert receiver.deliveries == [], "the redirect was not followed"
