"""Batches over HTTP: counts, owner isolation, cancel of a finished batch, retry-failed."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from temporalio.service import RPCError

from cpg2pvg.ops.submit import batch_with_all_items
from db import batches
from db.keys import Role
from tests.e2e.conftest import Stack
from tests.support.polling import wait_until


def _doc(n: int) -> bytes:
    return (
        f"# Sleep advice {n}\n\n## Major Recommendations\n\n"
        f"- Adults should sleep at least {6 + n} hours a night (B recommendation).\n"
    ).encode()


async def _finished(http: httpx.AsyncClient, batch_id: str) -> dict:
    async def done() -> dict | None:
        body = (await http.get(f"/v1/batches/{batch_id}")).json()
        return body if body["status"] != "running" else None

    return await wait_until(done, timeout=90)


async def test_batch_counts_isolation_and_retry_failed(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "batch-team")
    other = await stack.key(Role.SUBMITTER, "batch-elsewhere")
    files = [("files", (f"sleep-{n}.md", _doc(n))) for n in range(3)]
    files.append(("files", ("broken.pdf", b"%PDF-1.7\nbroken")))
    files.append(("files", ("noise.bin", bytes(range(256)) * 8)))
    async with stack.http(key) as http:
        accepted = await http.post("/v1/batches", files=files, data={"priority": "high"})
        assert accepted.status_code == 202, accepted.text
        body = accepted.json()
        assert body["total"] == 5 and body["workflow_id"] == f"batch-{body['id']}"

        batch = await _finished(http, body["id"])
        assert batch["status"] == "completed"
        assert (batch["completed"], batch["failed"], batch["queued"]) == (3, 2, 0)
        reasons = {}
        for item in batch["items"]:
            if item["status"] == "failed":
                detail = (await http.get(f"/v1/guidelines/{item['guideline_id']}")).json()
                reasons[detail["error"]["code"]] = detail["priority"]
        assert reasons == {"corrupt_document": "high", "unsupported_format": "high"}

        async with stack.http(other) as outsider:
            assert (await outsider.get(f"/v1/batches/{body['id']}")).status_code == 404
        assert (await http.post(f"/v1/batches/{body['id']}/cancel")).status_code == 409

        retried = await http.post(f"/v1/batches/{body['id']}/retry-failed")
        assert retried.status_code == 202
        assert retried.json()["status"] == "running"
        again = await _finished(http, body["id"])
        # The corrupt PDF ran again and failed again; the unreadable file was not rerun.
        assert (again["completed"], again["failed"]) == (3, 2)
        listed = (await http.get("/v1/guidelines", params={"batch_id": body["id"]})).json()
        assert len(listed["items"]) == 5

        # Items come a page at a time, in submission order; counts are always the batch's.
        pages, url = [], f"/v1/batches/{body['id']}?items_limit=2"
        while url:
            page = (await http.get(url)).raise_for_status().json()
            assert page["total"] == 5 and page["completed"] == 3
            pages.append([item["guideline_id"] for item in page["items"]])
            url = page["next_items"]
        assert [len(p) for p in pages] == [2, 2, 1]
        assert [g for page in pages for g in page] == [i["guideline_id"] for i in again["items"]]
        # The CLI's summary reads every page.
        with httpx.Client(base_url=stack.base_url, headers=dict(http.headers)) as client:
            whole = await asyncio.to_thread(batch_with_all_items, client, body["id"], 2)
        assert [i["guideline_id"] for i in whole["items"]] == [
            i["guideline_id"] for i in again["items"]
        ]
        counts_only = (await http.get(f"/v1/batches/{body['id']}?items_limit=0")).json()
        assert (counts_only["items"], counts_only["next_items"]) == ([], None)
        assert (counts_only["completed"], counts_only["failed"]) == (3, 2)
        too_many = await http.get(f"/v1/batches/{body['id']}?items_limit=100000")
        assert too_many.status_code == 422


async def test_batch_without_files_is_refused(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "batch-empty")
    async with stack.http(key) as http:
        response = await http.post("/v1/batches", data={"priority": "normal"})
    assert response.status_code == 422
    assert response.json()["error"]["code"] in ("no_files", "invalid_request")


async def test_retry_of_an_item_of_a_running_batch_answers_409(stack: Stack) -> None:
    """The batch starts its queued items itself: a /retry that started one first would take
    the child's workflow id from under it."""
    owner = "batch-retry-race"
    key = await stack.key(Role.SUBMITTER, owner)
    async with stack.sessions.begin() as session:
        batch = await batches.create_batch(session, owner=owner, total=1, priority="normal")
        await batches.add_items(
            session, batch, [batches.NewItem(_doc(1), "markdown", "a.md")], webhook_url=None
        )
        batch_id = batch.id
    async with stack.sessions() as session:
        [item] = await batches.items(session, batch_id)
    async with stack.http(key) as http:
        answer = await http.post(f"/v1/guidelines/{item.guideline_id}/retry")
        assert answer.status_code == 409, answer.text
        assert answer.json()["error"]["code"] == "batch_running"
        handle = stack.client.get_workflow_handle(f"guideline-{item.guideline_id}")
        with pytest.raises(RPCError):
            await handle.describe()  # nothing was started
        # The batch's workflow never started here: cancelling settles its items.
        assert (await http.post(f"/v1/batches/{batch_id}/cancel")).status_code == 200
