"""A cancel ends the guideline ``cancelled``, whichever step it interrupts.

The activity in flight is the language-model call, held by a real local server, so the
cancel is sure to land while an activity runs. On the dev server, in real time.
"""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest
from pydantic import SecretStr
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowFailureError
from temporalio.exceptions import CancelledError

from activities.deps import ActivityDeps
from cpg2pvg.settings import Settings
from db import guidelines as store
from db import notifications as notification_log
from tests.llm.test_llm_workflow import workers
from tests.support.corpus import SMALL_GUIDELINE, corpus_file
from tests.support.llm_stub import LlmStub
from tests.workflows.helpers import maybe_record, new_guideline, start


async def test_cancel_during_an_activity_ends_cancelled(
    dev_client: Client,
    settings: Settings,
    deps: ActivityDeps,
    sessions: async_sessionmaker[AsyncSession],
) -> None:
    stub = LlmStub(hold=threading.Event())
    run = settings.model_copy(
        update={
            "generator": "openai",
            "llm_base_url": stub.base_url,
            "llm_model": f"stub-model-{uuid.uuid4().hex[:8]}",
            "llm_api_key": SecretStr("sk-test-not-a-real-key"),
            "llm_requests_per_second": 50.0,
            "task_queue": "cpg2pvg-tests-cancel",
        }
    )
    content = corpus_file(SMALL_GUIDELINE).read_bytes()
    guideline = await new_guideline(sessions, content, SMALL_GUIDELINE)
    try:
        async with workers(dev_client, run, deps):
            handle = await start(dev_client, run, guideline)
            assert await asyncio.to_thread(stub.arrived.wait, 60), "the model call is in flight"
            await handle.cancel()
            with pytest.raises(WorkflowFailureError) as ended:
                await handle.result()
            status = (await handle.describe()).status
            await maybe_record(handle, "guideline_cancelled_mid_activity")
    finally:
        stub.close()

    assert isinstance(ended.value.cause, CancelledError), ended.value.cause
    assert status == WorkflowExecutionStatus.CANCELED
    async with sessions() as session:
        row = await store.get_guideline(session, guideline.id)
        notes = await notification_log.list_for_guideline(session, guideline.id)
    assert row is not None
    assert (row.status, row.stage, row.error_code) == ("cancelled", "done", None)
    assert [(n.channel, n.event, n.status) for n in notes] == [
        ("record", "cancelled", "delivered")
    ]
