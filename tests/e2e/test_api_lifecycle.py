"""Review, cancel, retry and the event stream of one guideline, through the real API."""

from __future__ import annotations

import json

import httpx

from db.keys import Role
from tests.e2e.conftest import Stack
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until


async def _submit(http: httpx.AsyncClient, **data: str) -> str:
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    response = await http.post(
        "/v1/guidelines", files={"file": (SMALL_GUIDELINE, content)}, data=data
    )
    assert response.status_code == 202, response.text
    return str(response.json()["id"])


async def _status(http: httpx.AsyncClient, gid: str, wanted: str) -> dict:
    async def reached() -> dict | None:
        body = (await http.get(f"/v1/guidelines/{gid}")).json()
        return body if body["status"] == wanted else None

    return await wait_until(reached, timeout=60)


async def test_review_over_http_needs_the_reviewer_role_and_the_right_state(stack: Stack) -> None:
    submitter = await stack.key(Role.SUBMITTER, "clinic-review")
    reviewer = await stack.key(Role.REVIEWER, "clinic-review")
    outsider = await stack.key(Role.REVIEWER, "clinic-elsewhere")
    async with stack.http(submitter) as sub, stack.http(reviewer) as rev:
        gid = await _submit(sub, review="required")
        waiting = await _status(sub, gid, "needs_review")
        assert waiting["stage"] == "review"
        # The reviewer reads the draft: the same patient version, marked as not approved.
        draft = await rev.get(f"/v1/guidelines/{gid}/pvg")
        assert draft.status_code == 200, draft.text
        assert draft.json()["draft"] is True and draft.json()["recommendations"]
        marked = await rev.get(f"/v1/guidelines/{gid}/pvg", params={"format": "markdown"})
        assert marked.text.startswith("> Draft")

        denied = await sub.post(f"/v1/guidelines/{gid}/review", json={"decision": "approve"})
        assert denied.status_code == 403
        async with stack.http(outsider) as other:
            hidden = await other.post(f"/v1/guidelines/{gid}/review", json={"decision": "approve"})
            assert hidden.status_code == 404
        bad = await rev.post(f"/v1/guidelines/{gid}/review", json={"decision": "maybe"})
        assert bad.status_code == 422

        approved = await rev.post(
            f"/v1/guidelines/{gid}/review", json={"decision": "approve", "comment": "clear"}
        )
        assert approved.status_code == 200, approved.text
        await _status(sub, gid, "completed")
        again = await rev.post(f"/v1/guidelines/{gid}/review", json={"decision": "approve"})
        assert again.status_code == 409
        assert again.json()["error"]["code"] == "not_in_review"
        final = await sub.get(f"/v1/guidelines/{gid}/pvg")
        assert final.status_code == 200 and final.json()["draft"] is False


async def test_cancel_then_retry_runs_again_and_keeps_the_first_run(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "clinic-cancel")
    async with stack.http(key) as http:
        gid = await _submit(http, review="required")
        await _status(http, gid, "needs_review")
        assert (await http.post(f"/v1/guidelines/{gid}/retry")).status_code == 409

        cancelled = await http.post(f"/v1/guidelines/{gid}/cancel")
        assert cancelled.status_code == 200
        final = await _status(http, gid, "cancelled")
        assert final["stage"] == "done"
        assert (await http.post(f"/v1/guidelines/{gid}/cancel")).status_code == 409

        retried = await http.post(f"/v1/guidelines/{gid}/retry")
        assert retried.status_code == 202
        assert retried.json()["status"] == "queued"
        await _status(http, gid, "needs_review")

    runs = [w async for w in stack.client.list_workflows(f"WorkflowId='guideline-{gid}'")]
    assert len(runs) == 2, "the cancelled run stays visible next to the new one"


async def test_event_stream_follows_every_stage_and_closes(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "clinic-sse")
    async with stack.http(key) as http:
        gid = await _submit(http)
        events: list[tuple[str, dict]] = []
        async with http.stream("GET", f"/v1/guidelines/{gid}/events") as stream:
            assert stream.headers["content-type"].startswith("text/event-stream")
            name = None
            async for line in stream.aiter_lines():
                if line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: ") and name:
                    events.append((name, json.loads(line.removeprefix("data: "))))

    assert events[-1] == ("end", {"status": "completed"})
    progress = [data for name, data in events if name == "progress"]
    stages = [p["stage"] for p in progress]
    assert stages == ["parsing", "generating", "quality_control", "done"]
    numbers = [p["progress"] for p in progress]
    assert numbers == sorted(numbers) and numbers[-1] == 100
