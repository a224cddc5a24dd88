"""Who may do what: roles on every route, owners isolated, keys hashed and revocable,
requests limited per key, and no secret in the logs."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import uuid
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from sqlalchemy import text

from api.main import create_app
from cpg2pvg.settings import Settings
from db.keys import Role, hash_key, revoke_key
from tests.conftest import REPO
from tests.e2e.conftest import Stack
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until
from tests.support.serving import serve_api

PUBLIC = "public"
ADMIN = {Role.ADMIN}
SUBMIT = {Role.ADMIN, Role.SUBMITTER}
REVIEW = {Role.ADMIN, Role.REVIEWER}
EVERYONE = {Role.ADMIN, Role.SUBMITTER, Role.REVIEWER}
TOKEN_IN_PATH = "token in path"

# Every route of the app and who may call it. A new route fails the test until it is added.
ROUTES: dict[str, str | set[Role]] = {
    "GET /healthz": PUBLIC,
    "GET /readyz": PUBLIC,
    # Prometheus scrapes with an admin key (http-api.md: only the health probes are open).
    "GET /metrics": ADMIN,
    "POST /v1/guidelines": SUBMIT,
    "GET /v1/guidelines": EVERYONE,
    "GET /v1/guidelines/{guideline_id}": EVERYONE,
    "GET /v1/guidelines/{guideline_id}/pvg": EVERYONE,
    "GET /v1/guidelines/{guideline_id}/events": EVERYONE,
    "POST /v1/guidelines/{guideline_id}/cancel": SUBMIT,
    "POST /v1/guidelines/{guideline_id}/retry": SUBMIT,
    "POST /v1/guidelines/{guideline_id}/review": REVIEW,
    "POST /v1/batches": SUBMIT,
    "GET /v1/batches/{batch_id}": EVERYONE,
    "POST /v1/batches/{batch_id}/cancel": SUBMIT,
    "POST /v1/batches/{batch_id}/retry-failed": SUBMIT,
    "GET /v1/schedules": ADMIN,
    "POST /v1/schedules/{schedule_id}/pause": ADMIN,
    "POST /v1/schedules/{schedule_id}/unpause": ADMIN,
    "POST /v1/schedules/{schedule_id}/trigger": ADMIN,
    "GET /v1/stats": ADMIN,
    # Decoding shows guideline content in the Web UI: admins (or the codec token) only.
    "POST /codec/encode": ADMIN,
    "POST /codec/decode": ADMIN,
    # For a Web UI that cannot send a header: the codec token is the path, keys do nothing.
    "POST /codec/{access_token}/encode": TOKEN_IN_PATH,
    "POST /codec/{access_token}/decode": TOKEN_IN_PATH,
}


def _api_routes(routes: list[Any]) -> list[APIRoute]:
    """Every APIRoute, also inside included routers (FastAPI nests them since 0.16x)."""
    found = []
    for route in routes:
        if isinstance(route, APIRoute):
            found.append(route)
        elif (router := getattr(route, "original_router", None)) is not None:
            found += _api_routes(router.routes)
    return found


def _app_routes(settings: Settings) -> set[str]:
    app = create_app(settings)
    return {
        f"{method} {route.path}"
        for route in _api_routes(app.routes)
        for method in route.methods or ()
        if method != "HEAD"
    }


def _url(route: str) -> tuple[str, str]:
    method, path = route.split(" ", 1)
    missing = str(uuid.uuid4())
    return method, path.format(
        guideline_id=missing, batch_id=missing, schedule_id="no-such", access_token="not-it"
    )


def test_route_table_covers_every_route(stack_settings: Settings) -> None:
    assert _app_routes(stack_settings) == set(ROUTES)


@pytest.mark.parametrize("route", sorted(ROUTES))
async def test_roles_are_enforced_on_every_route(stack: Stack, route: str) -> None:
    allowed = ROUTES[route]
    method, url = _url(route)
    keys = {role: await stack.key(role, "roles-table") for role in Role}
    async with stack.http() as anonymous:
        answer = await anonymous.request(method, url)
    if allowed == PUBLIC:
        assert answer.status_code not in (401, 403), answer.text
        return
    if allowed == TOKEN_IN_PATH:
        for key in keys.values():
            async with stack.http(key) as http:
                assert (await http.request(method, url)).status_code == 401, route
        return
    assert answer.status_code == 401, answer.text
    assert answer.json()["error"]["code"] == "unauthorized"
    async with stack.http("cpg_" + "x" * 43) as wrong:
        assert (await wrong.request(method, url)).status_code == 401
    for role, key in keys.items():
        async with stack.http(key) as http:
            answer = await http.request(method, url)
        if role in allowed:
            assert answer.status_code not in (401, 403), (role, answer.text)
        else:
            assert answer.status_code == 403, (role, answer.text)
            assert answer.json()["error"]["code"] == "forbidden"


async def test_another_owners_ids_answer_404_everywhere(stack: Stack) -> None:
    owner = await stack.key(Role.SUBMITTER, "owner-a")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    async with stack.http(owner) as http:
        gid = (await http.post("/v1/guidelines", files={"file": ("a.md", content)})).json()["id"]
        batch = await http.post("/v1/batches", files=[("files", ("b.md", content + b"\n"))])
        bid = batch.json()["id"]
    intruders = [
        await stack.key(Role.SUBMITTER, "owner-b"),
        await stack.key(Role.REVIEWER, "owner-b"),
    ]
    requests = [
        ("GET", f"/v1/guidelines/{gid}", None),
        ("GET", f"/v1/guidelines/{gid}/pvg", None),
        ("GET", f"/v1/guidelines/{gid}/events", None),
        ("POST", f"/v1/guidelines/{gid}/cancel", None),
        ("POST", f"/v1/guidelines/{gid}/retry", None),
        ("POST", f"/v1/guidelines/{gid}/review", {"decision": "approve"}),
        ("GET", f"/v1/batches/{bid}", None),
        ("POST", f"/v1/batches/{bid}/cancel", None),
        ("POST", f"/v1/batches/{bid}/retry-failed", None),
    ]
    for key in intruders:
        async with stack.http(key) as http:
            listed = (await http.get("/v1/guidelines")).json()["items"]
            assert gid not in [item["id"] for item in listed]
            for method, url, body in requests:
                answer = await http.request(method, url, json=body)
                if answer.status_code == 403:
                    continue  # a role that may not do this at all learns nothing either
                assert answer.status_code == 404, (method, url, answer.text)
                assert answer.json()["error"]["code"] == "not_found"


def _cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CPG2PVG_DATABASE_URL": settings.sqlalchemy_url}
    return subprocess.run(
        [sys.executable, "-m", "cpg2pvg.ops.cli", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_keys_are_stored_hashed_shown_once_and_revocable(stack: Stack) -> None:
    made = await asyncio.to_thread(
        _cli, stack.settings, "keys", "create", "--role", "submitter", "--owner", "cli-owner"
    )
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    assert key.startswith("cpg_") and len(key) > 40
    assert key not in made.stderr, "printed once, on stdout only"

    async with stack.sessions() as session:
        result = await session.execute(text("select k::text from api_keys k"))
        rows = [str(row[0]) for row in result.all()]
        stored_hash: str = (
            await session.execute(text("select key_hash from api_keys where owner = 'cli-owner'"))
        ).scalar_one()
    assert rows and not any(key in row for row in rows), "the plaintext is never stored"
    assert stored_hash == hash_key(key)

    async with stack.http(key) as http:
        assert (await http.get("/v1/guidelines")).status_code == 200
        revoked = await asyncio.to_thread(_cli, stack.settings, "keys", "revoke", key)
        assert revoked.returncode == 0, revoked.stderr
        assert key not in revoked.stdout + revoked.stderr
        # Each API process trusts a key it found active for api_key_cache_seconds.
        await asyncio.sleep(stack.settings.api_key_cache_seconds)
        refused = await http.get("/v1/guidelines")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"




async def test_revoked_key_is_refused_once_the_key_cache_ttl_has_passed(stack: Stack) -> None:
    """Keys found active are kept for api_key_cache_seconds; revocation shows after that."""
    cached = stack.settings.model_copy(update={"api_key_cache_seconds": 1.0})
    key = await stack.key(Role.SUBMITTER, "cache-owner")
    async with serve_api(cached) as base, httpx.AsyncClient(base_url=base, timeout=30) as http:
        auth = {"Authorization": f"Bearer {key}"}
        assert (await http.get("/v1/guidelines", headers=auth)).status_code == 200
        async with stack.sessions() as session:
            assert await revoke_key(session, key=key) == 1
            await session.commit()
        await asyncio.sleep(cached.api_key_cache_seconds)
        refused = await http.get("/v1/guidelines", headers=auth)
        unknown = await http.get("/v1/guidelines", headers={"Authorization": "Bearer nope"})
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "unauthorized"
    assert unknown.status_code == 401


async def test_requests_are_limited_per_key(stack: Stack) -> None:
    limited = stack.settings.model_copy(update={"rate_limit_per_minute": 3})
    first = await stack.key(Role.SUBMITTER, "rate-a")
    second = await stack.key(Role.SUBMITTER, "rate-b")
    async with serve_api(limited) as base, httpx.AsyncClient(base_url=base, timeout=30) as http:
        auth = {"Authorization": f"Bearer {first}"}
        codes = [(await http.get("/v1/guidelines", headers=auth)).status_code for _ in range(4)]
        refused = await http.get("/v1/guidelines", headers=auth)
        other = await http.get("/v1/guidelines", headers={"Authorization": f"Bearer {second}"})
    assert codes == [200, 200, 200, 429]
    assert refused.status_code == 429
    assert refused.json()["error"]["code"] == "rate_limited"
    assert 1 <= int(refused.headers["Retry-After"]) <= 20
    assert other.status_code == 200, "each key has its own bucket"


async def test_no_secret_and_no_guideline_text_in_logs(
    stack: Stack, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    key = await stack.key(Role.SUBMITTER, "logs")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    sentence = max(content.decode().splitlines(), key=len).strip()[:80]
    async with stack.http(key) as http:
        gid = (await http.post("/v1/guidelines", files={"file": ("l.md", content)})).json()["id"]

        async def final() -> bool:
            body = (await http.get(f"/v1/guidelines/{gid}")).json()
            return body["status"] in ("completed", "failed")

        await wait_until(final, timeout=90)
        await http.get("/v1/guidelines", headers={"Authorization": "Bearer cpg_wrong-key"})
    logged = caplog.text
    secret = stack.settings.webhook_signing_key().decode()
    assert secret not in logged
    assert key not in logged and "cpg_wrong-key" not in logged
    assert sentence not in logged
    assert secret not in repr(stack.settings) and secret not in str(stack.settings.model_dump())
