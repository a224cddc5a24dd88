"""Requests that race each other: one of them wins, the others are told so."""

from __future__ import annotations

import asyncio
import uuid

from db import notifications as notification_log
from db.keys import Role
from tests.e2e.conftest import Stack
from tests.security import hostile
from tests.support.polling import wait_until


async def test_ten_concurrent_retries_start_exactly_one_run(stack: Stack) -> None:
    key = await stack.key(Role.SUBMITTER, "race-retry")
    async with stack.http(key) as http:
        accepted = await http.post(
            "/v1/guidelines", files={"file": ("t.pdf", hostile.truncated_pdf())}
        )
        assert accepted.status_code == 202, accepted.text
        gid = accepted.json()["id"]

        async def status() -> dict | None:
            body = (await http.get(f"/v1/guidelines/{gid}")).json()
            return body if body["status"] == "failed" else None

        await wait_until(status, timeout=60)
        answers = await asyncio.gather(
            *(http.post(f"/v1/guidelines/{gid}/retry") for _ in range(10))
        )
        codes = sorted(answer.status_code for answer in answers)
        assert codes == [202] + [409] * 9, [a.text for a in answers]
        for answer in answers:
            if answer.status_code == 409:
                assert answer.json()["error"]["code"] in ("already_running", "not_retryable")
        await wait_until(status, timeout=60)

    async def runs() -> int:
        found = stack.client.list_workflows(f"WorkflowId='guideline-{gid}'")
        return len([run async for run in found])

    async def two_runs() -> bool:
        return await runs() == 2

    await wait_until(two_runs, timeout=10)
    await asyncio.sleep(1.0)  # visibility lags a little: no third run turns up late
    assert await runs() == 2
    async with stack.sessions() as session:
        sent = await notification_log.list_for_guideline(session, uuid.UUID(gid))
    assert [n.event for n in sent] == ["failed", "failed"], "one notice per run"
