"""What a reviewer writes stays out of Temporal's raw history and out of the logs."""

from __future__ import annotations

import logging

import pytest
from temporalio.client import Client

from db.keys import Role, create_key
from tests.observability.conftest import ObservedStack
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.polling import wait_until

COMMENT = "Comment-5b1e: this wording would frighten Mrs Alder in bed 12"


async def test_raw_history_and_logs_of_a_reviewed_run_hold_no_comment_nor_sql_parameters(
    observed: ObservedStack, caplog: pytest.LogCaptureFixture
) -> None:
    """Rejected with a comment: the failure quotes it, but history holds it encrypted."""
    caplog.set_level(logging.DEBUG)
    async with observed.sessions.begin() as session:
        _, reviewer = await create_key(session, role=Role.REVIEWER, owner="observed-clinic")
    content = corpus_file(SMALL_GUIDELINE).read_bytes() + b"\n\n"
    async with observed.http(observed.submitter_key) as http, observed.http(reviewer) as rev:
        accepted = await http.post(
            "/v1/guidelines", files={"file": ("review.md", content)}, data={"review": "required"}
        )
        assert accepted.status_code == 202, accepted.text
        gid = accepted.json()["id"]

        async def status(wanted: str) -> dict | None:
            body = (await http.get(f"/v1/guidelines/{gid}")).json()
            return body if body["status"] == wanted else None

        await wait_until(lambda: status("needs_review"), timeout=90)
        answer = await rev.post(
            f"/v1/guidelines/{gid}/review", json={"decision": "reject", "comment": COMMENT}
        )
        assert answer.status_code == 200, answer.text
        failed = await wait_until(lambda: status("failed"), timeout=90)
    assert failed["error"]["code"] == "rejected_in_review"
    assert COMMENT in failed["error"]["message"], "the submitter is told why"

    plain = await Client.connect(observed.settings.temporal_target)  # no codec
    raw = (await plain.get_workflow_handle(f"guideline-{gid}").fetch_history()).to_json()
    assert "Comment-5b1e" not in raw
    assert "Mrs Alder" not in raw
    assert "Comment-5b1e" not in caplog.text
    assert "[parameters:" not in caplog.text
