"""A guideline through the real API, the dev server, a worker and PostgreSQL."""

from __future__ import annotations

import os
import uuid

import httpx
import pytest

from db.keys import Role
from tests.e2e.conftest import Stack
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until


async def _submit(
    http: httpx.AsyncClient, content: bytes, name: str, **data: str
) -> httpx.Response:
    headers = {}
    if "idempotency_key" in data:
        headers["Idempotency-Key"] = data.pop("idempotency_key")
    return await http.post(
        "/v1/guidelines", files={"file": (name, content)}, data=data, headers=headers
    )


async def _finished(http: httpx.AsyncClient, guideline_id: str) -> dict:
    async def final() -> dict | None:
        body = (await http.get(f"/v1/guidelines/{guideline_id}")).json()
        return body if body["status"] in ("completed", "failed", "cancelled") else None

    return await wait_until(final, timeout=90)


async def test_corpus_guideline_reaches_completed_with_every_recommendation(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "clinic-a")
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    async with stack.http(key) as http:
        accepted = await _submit(http, content, SMALL_GUIDELINE, priority="high")
        assert accepted.status_code == 202, accepted.text
        body = accepted.json()
        assert body["status"] == "queued"
        assert body["workflow_id"] == f"guideline-{body['id']}"
        assert body["links"]["pvg"] == f"/v1/guidelines/{body['id']}/pvg"

        final = await _finished(http, body["id"])
        assert final["status"] == "completed", final
        assert (final["stage"], final["progress"], final["priority"]) == ("done", 100, "high")
        assert final["qc"]["outcome"] in ("pass", "needs_review")
        assert set(final["qc"]["readability"]) == {"fkgl", "smog", "fre"}

        pvg = (await http.get(f"/v1/guidelines/{body['id']}/pvg")).json()
        async with stack.sessions() as session:
            from cpg2pvg.artifacts import ArtifactKind
            from db.guidelines import load_artifact_json

            parsed = await load_artifact_json(session, uuid.UUID(final["id"]), ArtifactKind.PARSED)
        assert parsed is not None
        source_ids = [r["id"] for r in parsed["recommendations"]]
        assert source_ids, "the guideline has recommendations"
        assert [r["id"] for r in pvg["recommendations"]] == source_ids
        assert all(r["strength"] for r in pvg["recommendations"])
        headings = [s["heading"] for s in pvg["sections"]]
        assert any("Words to know" in h for h in headings)

        markdown = await http.get(f"/v1/guidelines/{body['id']}/pvg", params={"format": "markdown"})
        assert markdown.headers["content-type"].startswith("text/markdown")
        assert markdown.text.startswith("# ")
        page = await http.get(f"/v1/guidelines/{body['id']}/pvg", params={"format": "html"})
        assert page.headers["content-type"].startswith("text/html")
        assert "<script" not in page.text

        listing = (await http.get("/v1/guidelines", params={"status": "completed"})).json()
        assert body["id"] in [item["id"] for item in listing["items"]]

    async def found() -> list:
        query = f"GuidelineId='{body['id']}' AND Stage='done'"
        return [w async for w in stack.client.list_workflows(query)]

    workflows = await wait_until(found, timeout=30)
    assert workflows[0].id == body["workflow_id"]


async def test_pvg_is_409_until_ready_and_listing_pages(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "clinic-pages")
    async with stack.http(key) as http:
        ids = []
        for n in range(3):
            text = (
                f"# Guideline {n}\n\n## Major Recommendations\n\n"
                f"Adults should walk {n + 20} minutes a day.\n"
            )
            response = await _submit(http, text.encode(), f"g{n}.md")
            assert response.status_code == 202
            ids.append(response.json()["id"])
        early = await http.get(f"/v1/guidelines/{ids[-1]}/pvg")
        if early.status_code != 200:
            assert early.status_code == 409
            assert early.json()["error"]["code"] == "pvg_not_ready"
        first = (await http.get("/v1/guidelines", params={"limit": 2})).json()
        assert [item["id"] for item in first["items"]] == ids[::-1][:2]
        second = (
            await http.get("/v1/guidelines", params={"limit": 2, "cursor": first["next_cursor"]})
        ).json()
        assert [item["id"] for item in second["items"]] == ids[:1]
        assert second["next_cursor"] is None


async def test_same_idempotency_key_returns_the_same_guideline(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "clinic-idem")
    content = b"# Walking\n\n## Major Recommendations\n\nAdults should walk 30 minutes a day.\n"
    async with stack.http(key) as http:
        first = await _submit(http, content, "walk.md", idempotency_key="upload-1")
        again = await _submit(http, content, "walk.md", idempotency_key="upload-1")
        other = await _submit(http, content + b"\nMore.", "walk.md", idempotency_key="upload-1")
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"]
    assert other.status_code == 409
    assert other.json()["error"]["code"] == "idempotency_key_reused"


async def test_auth_roles_and_owner_isolation(stack: Stack) -> None:
    owner_key = await stack.key(Role.SUBMITTER, "clinic-b")
    other_key = await stack.key(Role.SUBMITTER, "clinic-c")
    reviewer_key = await stack.key(Role.REVIEWER, "clinic-b")
    admin_key = await stack.key(Role.ADMIN, "ops")
    content = b"# Sleep\n\n## Major Recommendations\n\nAdults should sleep 7 hours.\n"
    async with stack.http(owner_key) as http:
        gid = (await _submit(http, content, "sleep.md")).json()["id"]

    async with stack.http() as anonymous:
        missing = await anonymous.get(f"/v1/guidelines/{gid}")
        assert missing.status_code == 401
        assert missing.json()["error"]["code"] == "unauthorized"
    async with stack.http("cpg_not-a-real-key") as wrong:
        assert (await wrong.get("/v1/guidelines")).status_code == 401
    async with stack.http(other_key) as other:
        hidden = await other.get(f"/v1/guidelines/{gid}")
        assert hidden.status_code == 404
        assert hidden.json()["error"]["code"] == "not_found"
        assert gid not in [i["id"] for i in (await other.get("/v1/guidelines")).json()["items"]]
    async with stack.http(reviewer_key) as reviewer:
        refused = await _submit(reviewer, content, "sleep.md")
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "forbidden"
    async with stack.http(admin_key) as admin:
        assert (await admin.get(f"/v1/guidelines/{gid}")).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("empty.txt", b"", 422, "empty_document"),
        ("noise.bin", os.urandom(4096), 415, "unsupported_format"),
        ("image.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 512, 415, "unsupported_format"),
        ("huge.txt", b"a" * (3 * 1024 * 1024 + 1), 413, "file_too_large"),
    ],
)
async def test_bad_uploads_get_clear_4xx(
    stack: Stack, name: str, content: bytes, status: int, code: str
) -> None:
    key = await stack.key(Role.SUBMITTER, "clinic-bad")
    async with stack.http(key) as http:
        response = await _submit(http, content, name)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["message"]


async def test_invalid_fields_and_ids_are_4xx(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "clinic-fields")
    async with stack.http(key) as http:
        no_file = await http.post("/v1/guidelines", data={"title": "x"})
        assert no_file.status_code == 422
        assert no_file.json()["error"]["code"] == "invalid_request"
        bad_priority = await _submit(http, b"# T\n\nAdults should rest.", "t.md", priority="asap")
        assert bad_priority.status_code == 422
        bad_hook = await _submit(http, b"# T\n\nAdults should rest.", "t.md", webhook_url="ftp://x")
        assert bad_hook.json()["error"]["code"] == "invalid_webhook_url"
        assert (await http.get("/v1/guidelines/not-a-uuid")).status_code == 404
        assert (await http.get("/v1/guidelines", params={"cursor": "!!"})).status_code == 422


async def test_health_and_readiness(stack: Stack) -> None:
    async with stack.http() as http:
        assert (await http.get("/healthz")).json() == {"status": "ok"}
        ready = await http.get("/readyz")
        assert ready.status_code == 200
        assert ready.json()["checks"] == {"database": True, "temporal": True}
